# INVALID EXAMPLE r3d-no-journey-map: breaks R3d: the wing records no journey map.
# Expected result: R3d Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3d-no-journey-map && peergraph validate DIR/r3d-no-journey-map.ttl
#
# expect: R3d Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:journeyMap ex:journey-map .   # breaks R3d: no journey map
}
