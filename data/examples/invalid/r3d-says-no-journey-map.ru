# INVALID EXAMPLE r3d-says-no-journey-map: breaks R3d: the wing records that it has no journey map.
# Expected result: R3d Violation; nothing else.
# Leaving the map out instead is r3d-no-journey-map: not evidenced (an R3d Warning).
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3d-says-no-journey-map && peergraph validate DIR/r3d-says-no-journey-map.ttl
#
# expect: R3d Violation

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX role: <https://w3id.org/peergraph/data/role/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:journeyMap ex:journey-map .
    ex:journey-map a pg:JourneyMap ;
        rdfs:label "Horizon wing peer role journey map"@en ;
        pg:mapsRole ex:induction-buddy , ex:peer-mentor , role:prisoner-council ;
        pg:wholeWingPerspective true ;
        pg:linkedToEngagementFramework true .
} ;
INSERT DATA {
    ex:horizon-wing pg:hasJourneyMap false .   # "no": not met
}
