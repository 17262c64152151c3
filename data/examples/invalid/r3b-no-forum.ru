# INVALID EXAMPLE r3b-no-forum: breaks R3b: the wing records no peer role forum.
# Expected result: R3b Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3b-no-forum && peergraph validate DIR/r3b-no-forum.ttl
#
# expect: R3b Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:peerRoleForum ex:forum .   # breaks R3b: no forum
}
