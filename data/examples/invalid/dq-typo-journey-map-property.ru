# INVALID EXAMPLE dq-typo-journey-map-property: breaks data quality: a property of the journey map misspelt (pg:wholeWingPerspecitve).
# Expected result: R3d Warning, DQ Violation; nothing else.
# Read as written, whether the map is drawn from a whole wing perspective is not recorded (R3d Warning).
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-journey-map-property && peergraph validate DIR/dq-typo-journey-map-property.ttl
#
# expect: R3d Warning
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:journey-map pg:wholeWingPerspective true .
} ;
INSERT DATA {
    ex:journey-map pg:wholeWingPerspecitve true .   # two letters swapped
}
