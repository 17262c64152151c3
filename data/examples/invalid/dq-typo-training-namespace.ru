# INVALID EXAMPLE dq-typo-training-namespace: breaks data quality: a property of the peer mentor training in a namespace that is almost peergraph's (http:// for https://).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-training-namespace && peergraph validate DIR/dq-typo-training-namespace.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-training pg:subject pg:subject-mentoring .
} ;
INSERT DATA {
    ex:peer-mentor-training <http://w3id.org/peergraph/ontology#subject> pg:subject-mentoring .   # http, not https
}
