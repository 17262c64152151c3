# INVALID EXAMPLE dq-typo-wing-property: breaks data quality: a property of the CFO wing misspelt (pg:specialRegimeFlexibilty).
# Expected result: R2d Warning, DQ Violation; nothing else.
# Read as written, the wing does not record its regime flexibility (R2d Warning).
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-wing-property && peergraph validate DIR/dq-typo-wing-property.ttl
#
# expect: R2d Warning
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:specialRegimeFlexibility true .
} ;
INSERT DATA {
    ex:horizon-wing pg:specialRegimeFlexibilty true .   # a letter missing
}
