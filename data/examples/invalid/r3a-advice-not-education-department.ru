# INVALID EXAMPLE r3a-advice-not-education-department: breaks R3a's advice: the peer mentors' training is delivered by the prime provider, not the prison's Education department.
# Expected result: R3a Info; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3a-advice-not-education-department && peergraph validate DIR/r3a-advice-not-education-department.ttl
#
# expect: R3a Info

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-training
        pg:trainingProvider ex:example-college ;
        pg:providerCapacity pg:prison-education-provider .
} ;
INSERT DATA {
    ex:peer-mentor-training
        pg:trainingProvider ex:example-prime-provider ;
        pg:providerCapacity pg:cfo-prime-provider .   # R3a advice not followed
}
