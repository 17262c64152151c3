# INVALID EXAMPLE r3d-map-not-whole-wing: breaks R3d: the journey map is recorded as not drawn from a whole wing perspective.
# Expected result: R3d Violation; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3d-map-not-whole-wing && peergraph validate DIR/r3d-map-not-whole-wing.ttl
#
# expect: R3d Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:journey-map pg:wholeWingPerspective true .
} ;
INSERT DATA {
    ex:journey-map pg:wholeWingPerspective false .   # breaks R3d
}
