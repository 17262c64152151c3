# INVALID EXAMPLE d-a-training-by-cfo-staff: breaks D-a: the peer mentors' training is delivered by CFO's own staff, so not independently.
# Expected result: D-a Violation, R3a Info; nothing else.
# Training by CFO's own staff is also not R3a's advised delivery by the prison's Education department (Info).
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR d-a-training-by-cfo-staff && peergraph validate DIR/d-a-training-by-cfo-staff.ttl
#
# expect: D-a Violation
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
        pg:providerCapacity pg:cfo-delivery .   # breaks D-a: CFO's own staff
    ex:peer-mentor-qualification pg:independentlyDelivered false .   # breaks D-a
}
