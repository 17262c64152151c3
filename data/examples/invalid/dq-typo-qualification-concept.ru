# INVALID EXAMPLE dq-typo-qualification-concept: breaks data quality: the peer mentor qualification's subject misspelt (pg:subject-mentorng).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-qualification-concept && peergraph validate DIR/dq-typo-qualification-concept.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-qualification pg:subject pg:subject-mentoring .
} ;
INSERT DATA {
    ex:peer-mentor-qualification pg:subject pg:subject-mentorng .   # a letter missing
}
