# INVALID EXAMPLE d-a-not-independently-delivered: breaks D-a: the peer mentors' training and qualification are recorded as not independently delivered.
# Expected result: D-a Violation, R3a Info; nothing else.
# Definition element a) asks for an "independently delivered" mentoring qualification: a record saying it is not contradicts D-a. Training not independently delivered is also not R3a's advised independent delivery by the prison's Education department (Info).
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR d-a-not-independently-delivered && peergraph validate DIR/d-a-not-independently-delivered.ttl
#
# expect: D-a Violation
# expect: R3a Info

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-training pg:independentlyDelivered true .
    ex:peer-mentor-qualification pg:independentlyDelivered true .
} ;
INSERT DATA {
    ex:peer-mentor-training pg:independentlyDelivered false .        # breaks D-a
    ex:peer-mentor-qualification pg:independentlyDelivered false .   # breaks D-a
}
