# INVALID EXAMPLE r3d-map-leaves-out-a-role: breaks R3d: the journey map leaves out the induction buddy role, which the wing offers, so it is not drawn from a whole wing perspective.
# Expected result: R3d Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3d-map-leaves-out-a-role && peergraph validate DIR/r3d-map-leaves-out-a-role.ttl
#
# expect: R3d Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:journey-map pg:mapsRole ex:induction-buddy .   # breaks R3d: a role of the wing left out
}
