# INVALID EXAMPLE dq-typo-supervision-class: breaks data quality: the peer mentor supervision's class misspelt (pg:SupervisionArangement).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-supervision-class && peergraph validate DIR/dq-typo-supervision-class.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-supervision a pg:SupervisionArrangement .
} ;
INSERT DATA {
    ex:peer-mentor-supervision a pg:SupervisionArangement .   # a letter missing
}
