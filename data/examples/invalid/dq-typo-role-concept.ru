# INVALID EXAMPLE dq-typo-role-concept: breaks data quality: the peer mentor role's progression status misspelt (pg:progression-availble).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-role-concept && peergraph validate DIR/dq-typo-role-concept.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor pg:progressionStatus pg:progression-available .
} ;
INSERT DATA {
    ex:peer-mentor pg:progressionStatus pg:progression-availble .   # a letter missing
}
