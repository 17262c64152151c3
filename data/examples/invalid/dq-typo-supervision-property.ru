# INVALID EXAMPLE dq-typo-supervision-property: breaks data quality: a property of the peer mentor supervision misspelt (pg:formalSupervison).
# Expected result: R3b Warning, DQ Violation; nothing else.
# Read as written, whether the supervision is formal is not recorded (R3b Warning).
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-supervision-property && peergraph validate DIR/dq-typo-supervision-property.ttl
#
# expect: R3b Warning
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-supervision pg:formalSupervision true .
} ;
INSERT DATA {
    ex:peer-mentor-supervision pg:formalSupervison true .   # a letter missing
}
