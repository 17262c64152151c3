# INVALID EXAMPLE d-a-training-by-cfo-staff: breaks D-a, on the project's reading: the peer mentors' training is delivered by CFO's own staff, and independent delivery is recorded nowhere.
# Expected result: D-a Warning, R3a Info; nothing else.
# The source does not say that delivery by CFO's own staff is not independent (footnote 15 speaks of the prison's institutional logic): that is the project's reading, so D-a gives a Warning, not a Violation. It is also not R3a's advised delivery by the prison's Education department (Info).
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR d-a-training-by-cfo-staff && peergraph validate DIR/d-a-training-by-cfo-staff.ttl
#
# expect: D-a Warning
# expect: R3a Info

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-training
        pg:trainingProvider ex:example-college ;
        pg:providerCapacity pg:prison-education-provider ;
        pg:independentlyDelivered true .
    ex:peer-mentor-qualification pg:independentlyDelivered true .
} ;
INSERT DATA {
    ex:peer-mentor-training
        pg:trainingProvider ex:example-prime-provider ;
        pg:providerCapacity pg:cfo-delivery .   # D-a, on the project's reading: CFO's own staff
}
