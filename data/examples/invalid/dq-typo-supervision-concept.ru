# INVALID EXAMPLE dq-typo-supervision-concept: breaks data quality: the peer mentor supervision's frequency misspelt (pg:weely).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-supervision-concept && peergraph validate DIR/dq-typo-supervision-concept.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-supervision pg:frequency pg:weekly .
} ;
INSERT DATA {
    ex:peer-mentor-supervision pg:frequency pg:weely .   # a letter missing
}
