# INVALID EXAMPLE dq-typo-partnership-property: breaks data quality: a property of the Education partnership misspelt (pg:coproduced).
# Expected result: R2e Warning, DQ Violation; nothing else.
# Read as written, whether the partnership is co-produced is not recorded (R2e Warning).
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-partnership-property && peergraph validate DIR/dq-typo-partnership-property.ttl
#
# expect: R2e Warning
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:partnership-education pg:coProduced true .
} ;
INSERT DATA {
    ex:partnership-education pg:coproduced true .   # wrong case: not pg:coProduced
}
