# INVALID EXAMPLE dq-typo-journey-map-role: breaks data quality: a role on the journey map misspelt (role:prisoner-councl).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-journey-map-role && peergraph validate DIR/dq-typo-journey-map-role.ttl
#
# expect: DQ Violation

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX role: <https://w3id.org/peergraph/data/role/>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:journey-map pg:mapsRole role:prisoner-council .
} ;
INSERT DATA {
    ex:journey-map pg:mapsRole role:prisoner-councl .   # a letter missing
}
