# INVALID EXAMPLE dq-level-out-of-range: breaks data quality: the qualification level is 12, outside the levels 1 to 8.
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-level-out-of-range && peergraph validate DIR/dq-level-out-of-range.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-qualification pg:level 2 .
} ;
INSERT DATA {
    ex:peer-mentor-qualification pg:level 12 .   # a typo: levels run from 1 to 8
}
