# INVALID EXAMPLE dq-typo-prison-property: breaks data quality: a property of the prison misspelt (pg:prisonerCouncilMembershipAvailabe).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-prison-property && peergraph validate DIR/dq-typo-prison-property.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:prison pg:prisonerCouncilMembershipAvailable true .
} ;
INSERT DATA {
    ex:prison pg:prisonerCouncilMembershipAvailabe true .   # a letter missing
}
