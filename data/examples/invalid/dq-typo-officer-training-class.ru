# INVALID EXAMPLE dq-typo-officer-training-class: breaks data quality: the wing officers' training's class misspelt (pg:OfficersTraining).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-officer-training-class && peergraph validate DIR/dq-typo-officer-training-class.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:officer-training a pg:OfficerTraining .
} ;
INSERT DATA {
    ex:officer-training a pg:OfficersTraining .   # a letter too many
}
