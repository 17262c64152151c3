# INVALID EXAMPLE r3b-says-no-supervision: breaks R3b: the Induction Buddy role records that its holders have no supervision.
# Expected result: R3b Violation; nothing else.
# Leaving the supervision out instead is r3b-supervision-not-recorded: not evidenced (an R3b Warning).
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3b-says-no-supervision && peergraph validate DIR/r3b-says-no-supervision.ttl
#
# expect: R3b Violation

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy pg:supervision ex:induction-buddy-supervision .
    ex:induction-buddy-supervision a pg:SupervisionArrangement ;
        rdfs:label "Fortnightly group supervision by the CFO prime provider"@en ;
        pg:supervisedBy ex:example-prime-provider ;
        pg:providerCapacity pg:cfo-prime-provider ;
        pg:frequency pg:fortnightly ;
        pg:supervisionFormat "group supervision" ;
        pg:formalSupervision true ;
        pg:structuredSupervision true ;
        pg:independentSupervision true .
} ;
INSERT DATA {
    ex:induction-buddy pg:hasSupervision false .   # "no": not met
}
