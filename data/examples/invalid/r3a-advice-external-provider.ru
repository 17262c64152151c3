# INVALID EXAMPLE r3a-advice-external-provider: breaks R3a advice: the peer mentor training is delivered by an independent external provider (a charity), not the prison's Education department.
# Expected result: R3a Info; nothing else.
# Delivery stays independent and accredited, so D-a is met: only the advice is not followed, and the report says so.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3a-advice-external-provider && peergraph validate DIR/r3a-advice-external-provider.ttl
#
# expect: R3a Info

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-training pg:trainingProvider ex:example-college ;
        pg:providerCapacity pg:prison-education-provider .
} ;
INSERT DATA {
    ex:peer-mentor-training pg:trainingProvider ex:example-charity ;
        pg:providerCapacity pg:independent-external-provider .   # knowingly not the Education department
    ex:example-charity a pg:Provider ;
        rdfs:label "Example Charity (an independent mentoring charity)"@en .
}
