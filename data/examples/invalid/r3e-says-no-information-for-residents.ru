# INVALID EXAMPLE r3e-says-no-information-for-residents: breaks R3e: the wing records that it does not make the options to progress known to residents.
# Expected result: R3e Violation; nothing else.
# Leaving the information out instead is r3e-residents-not-informed: not evidenced (an R3e Warning).
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3e-says-no-information-for-residents && peergraph validate DIR/r3e-says-no-information-for-residents.ttl
#
# expect: R3e Violation

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:progressionInformation ex:information-for-residents .
    ex:information-for-residents a pg:ProgressionInformation ;
        rdfs:label "Progression options for residents"@en ;
        pg:audience pg:audience-residents ;
        pg:channel "At induction, at each sentence plan review, and on the wing's journey map poster." .
} ;
INSERT DATA {
    ex:horizon-wing pg:noProgressionInformationFor pg:audience-residents .   # "no": not met
}
