# INVALID EXAMPLE r2b-council-membership-not-recorded: breaks R2b: the wing is not represented on the Prisoner Council and recruits CFO-Allies, but the prison does not record that Prisoner Council membership is unavailable.
# Expected result: R2b Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2b-council-membership-not-recorded && peergraph validate DIR/r2b-council-membership-not-recorded.ttl
#
# expect: R2b Warning

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX role: <https://w3id.org/peergraph/data/role/>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:prison pg:prisonerCouncilMembershipAvailable true .   # breaks R2b: membership not recorded
    ex:horizon-wing
        pg:representedOnPrisonerCouncil true ;
        pg:prisonerCouncilRole ex:peer-mentor .   # no seat, so no seat-holding role
} ;
INSERT DATA {
    ex:horizon-wing
        pg:representedOnPrisonerCouncil false ;
        pg:cfoAlliesRecruitedFrom role:pid-cio-house-rep , role:rep .
}
