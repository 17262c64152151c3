# INVALID EXAMPLE r3d-map-one-role: breaks R3d: the journey map maps a single role, so it runs across no part of the continuum.
# Expected result: R3d Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3d-map-one-role && peergraph validate DIR/r3d-map-one-role.ttl
#
# expect: R3d Warning

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX role: <https://w3id.org/peergraph/data/role/>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:journey-map pg:mapsRole ex:induction-buddy , role:prisoner-council .   # breaks R3d: one role left
}
