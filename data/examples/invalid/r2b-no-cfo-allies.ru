# INVALID EXAMPLE r2b-no-cfo-allies: breaks R2b: Prisoner Council membership is unavailable and the wing, not represented, records no CFO-Allies.
# Expected result: R2b Violation; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2b-no-cfo-allies && peergraph validate DIR/r2b-no-cfo-allies.ttl
#
# expect: R2b Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:prison pg:prisonerCouncilMembershipAvailable true .
    ex:horizon-wing
        pg:representedOnPrisonerCouncil true ;
        pg:prisonerCouncilRole ex:peer-mentor .   # no seat, so no seat-holding role
} ;
INSERT DATA {
    ex:prison pg:prisonerCouncilMembershipAvailable false .
    ex:horizon-wing pg:representedOnPrisonerCouncil false .   # breaks R2b: and no pg:cfoAlliesRecruitedFrom
}
