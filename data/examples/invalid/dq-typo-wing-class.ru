# INVALID EXAMPLE dq-typo-wing-class: breaks data quality: the CFO wing's class misspelt (pg:CFOwing), so no wing requirement is checked.
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-wing-class && peergraph validate DIR/dq-typo-wing-class.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing a pg:CFOWing .
} ;
INSERT DATA {
    ex:horizon-wing a pg:CFOwing .   # wrong case: not pg:CFOWing
}
