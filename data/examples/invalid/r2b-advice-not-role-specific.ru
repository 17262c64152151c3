# INVALID EXAMPLE r2b-advice-not-role-specific: breaks R2b's advice: the Prisoner Council seat is not held through a CFO peer role.
# Expected result: R2b Info; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2b-advice-not-role-specific && peergraph validate DIR/r2b-advice-not-role-specific.ttl
#
# expect: R2b Info

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:prisonerCouncilRole ex:peer-mentor .   # R2b advice not followed
}
