# INVALID EXAMPLE dq-typo-training-class: breaks data quality: the peer mentor training's class misspelt (pg:TrainingProgram).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-training-class && peergraph validate DIR/dq-typo-training-class.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-training a pg:TrainingProgramme .
} ;
INSERT DATA {
    ex:peer-mentor-training a pg:TrainingProgram .   # two letters missing
}
