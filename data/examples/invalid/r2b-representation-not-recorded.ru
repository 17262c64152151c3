# INVALID EXAMPLE r2b-representation-not-recorded: breaks R2b: the wing does not record whether it is represented on the Prisoner Council.
# Expected result: R2b Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2b-representation-not-recorded && peergraph validate DIR/r2b-representation-not-recorded.ttl
#
# expect: R2b Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:representedOnPrisonerCouncil true .   # breaks R2b: not recorded
}
