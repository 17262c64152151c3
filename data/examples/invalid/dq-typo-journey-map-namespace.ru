# INVALID EXAMPLE dq-typo-journey-map-namespace: breaks data quality: a property of the journey map in a namespace without its # (.../ontologylinkedToEngagementFramework).
# Expected result: R3d Warning, DQ Violation; nothing else.
# Read as written, whether the map is linked to engagement frameworks is not recorded (R3d Warning).
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-journey-map-namespace && peergraph validate DIR/dq-typo-journey-map-namespace.ttl
#
# expect: R3d Warning
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:journey-map pg:linkedToEngagementFramework true .
} ;
INSERT DATA {
    ex:journey-map <https://w3id.org/peergraph/ontologylinkedToEngagementFramework> true .   # no # after ontology
}
