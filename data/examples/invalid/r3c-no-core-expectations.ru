# INVALID EXAMPLE r3c-no-core-expectations: breaks R3c: the induction buddy role records no core delivery expectations.
# Expected result: R3c Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3c-no-core-expectations && peergraph validate DIR/r3c-no-core-expectations.ttl
#
# expect: R3c Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy
        pg:coreDeliveryExpectation "Shows each new arrival round the wing on their first day." .   # breaks R3c
}
