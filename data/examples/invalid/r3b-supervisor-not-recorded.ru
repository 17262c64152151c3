# INVALID EXAMPLE r3b-supervisor-not-recorded: breaks R3b: the induction buddies' supervision does not record who provides it.
# Expected result: R3b Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3b-supervisor-not-recorded && peergraph validate DIR/r3b-supervisor-not-recorded.ttl
#
# expect: R3b Warning

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy-supervision
        rdfs:label "Fortnightly group supervision by the CFO prime provider"@en ;
        pg:supervisedBy ex:example-prime-provider ;
        pg:providerCapacity pg:cfo-prime-provider .   # breaks R3b: provider not recorded
} ;
INSERT DATA {
    ex:induction-buddy-supervision
        rdfs:label "Fortnightly group supervision"@en .
}
