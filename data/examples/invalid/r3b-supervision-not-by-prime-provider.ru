# INVALID EXAMPLE r3b-supervision-not-by-prime-provider: breaks R3b: the induction buddies are supervised by CFO's own staff, not the prime provider.
# Expected result: R3b Violation; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3b-supervision-not-by-prime-provider && peergraph validate DIR/r3b-supervision-not-by-prime-provider.ttl
#
# expect: R3b Violation

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy-supervision
        rdfs:label "Fortnightly group supervision by the CFO prime provider"@en ;
        pg:supervisedBy ex:example-prime-provider ;
        pg:providerCapacity pg:cfo-prime-provider .
} ;
INSERT DATA {
    ex:induction-buddy-supervision
        rdfs:label "Fortnightly group supervision by the CFO wing manager"@en ;
        pg:providerCapacity pg:cfo-delivery .   # breaks R3b
}
