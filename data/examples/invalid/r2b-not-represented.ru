# INVALID EXAMPLE r2b-not-represented: breaks R2b: the wing is recorded as not represented on the Prisoner Council, though membership is available.
# Expected result: R2b Violation; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2b-not-represented && peergraph validate DIR/r2b-not-represented.ttl
#
# expect: R2b Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing
        pg:representedOnPrisonerCouncil true ;
        pg:prisonerCouncilRole ex:peer-mentor .   # no seat, so no seat-holding role
} ;
INSERT DATA {
    ex:horizon-wing pg:representedOnPrisonerCouncil false .   # breaks R2b
}
