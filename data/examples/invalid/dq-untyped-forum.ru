# INVALID EXAMPLE dq-untyped-forum: breaks data quality: the wing's peer role forum is not typed, so the checks cannot tell what it is.
# Expected result: DQ Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-untyped-forum && peergraph validate DIR/dq-untyped-forum.ttl
#
# expect: DQ Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:forum a pg:PeerRoleForum .   # no type: what is ex:forum?
}
