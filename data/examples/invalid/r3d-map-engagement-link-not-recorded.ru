# INVALID EXAMPLE r3d-map-engagement-link-not-recorded: breaks R3d: the journey map does not record whether it is linked to the service-user engagement frameworks.
# Expected result: R3d Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3d-map-engagement-link-not-recorded && peergraph validate DIR/r3d-map-engagement-link-not-recorded.ttl
#
# expect: R3d Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:journey-map pg:linkedToEngagementFramework true .   # breaks R3d: not recorded
}
