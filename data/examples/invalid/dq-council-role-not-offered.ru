# INVALID EXAMPLE dq-council-role-not-offered: breaks data quality: the wing names the continuum's Prisoner Council role as the role holding its seat, not one of the roles it offers.
# Expected result: DQ Warning; nothing else.
# R2b's advice asks only that the seat be held through a named role, so it is not reported: only that the role is not one the wing offers.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-council-role-not-offered && peergraph validate DIR/dq-council-role-not-offered.ttl
#
# expect: DQ Warning

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX role: <https://w3id.org/peergraph/data/role/>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:prisonerCouncilRole ex:peer-mentor .
} ;
INSERT DATA {
    ex:horizon-wing pg:prisonerCouncilRole role:prisoner-council .   # a continuum role, not one the wing offers
}
