# INVALID EXAMPLE dq-level-not-integer: breaks data quality: the qualification level is the text "two", not a number.
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-level-not-integer && peergraph validate DIR/dq-level-not-integer.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-qualification pg:level 2 .
} ;
INSERT DATA {
    ex:peer-mentor-qualification pg:level "two" .   # a level is a number: 2
}
