# INVALID EXAMPLE dq-typo-progression-information-concept: breaks data quality: the audience of the residents' progression information misspelt (pg:audience-resident).
# Expected result: R3e Warning, DQ Violation; nothing else.
# Read as written, how residents learn the options to progress is not recorded (R3e Warning).
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-progression-information-concept && peergraph validate DIR/dq-typo-progression-information-concept.ttl
#
# expect: R3e Warning
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:information-for-residents pg:audience pg:audience-residents .
} ;
INSERT DATA {
    ex:information-for-residents pg:audience pg:audience-resident .   # a letter missing
}
