# INVALID EXAMPLE dq-wing-offers-no-role: breaks data quality: the CFO wing records no peer role it offers, so the role requirements cannot be checked.
# Expected result: DQ Warning; nothing else.
# Two DQ Warnings, both from the one change: the wing offers no role, and so the role it names as holding its Prisoner Council seat (the peer mentor) is not one it offers. Dropping the wing's pg:prisonerCouncilRole as well would break R2b's advice instead (a seat held through no role).
# The report also lists D-a to D-c as not applicable: the site no longer offers a role presented as peer mentoring.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-wing-offers-no-role && peergraph validate DIR/dq-wing-offers-no-role.ttl
#
# expect: DQ Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:offersRole ex:peer-mentor , ex:induction-buddy .   # no role offered
}
