# INVALID EXAMPLE r3b-says-no-forum: breaks R3b: the wing records that it has no peer role forum.
# Expected result: R3b Violation; nothing else.
# Leaving the forum out instead is r3b-no-forum: not evidenced (an R3b Warning).
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3b-says-no-forum && peergraph validate DIR/r3b-says-no-forum.ttl
#
# expect: R3b Violation

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:peerRoleForum ex:forum .
    ex:forum a pg:PeerRoleForum ;
        rdfs:label "Horizon wing peer role forum"@en ;
        pg:meetingFrequency pg:weekly .
} ;
INSERT DATA {
    ex:horizon-wing pg:hasPeerRoleForum false .   # "no": not met
}
