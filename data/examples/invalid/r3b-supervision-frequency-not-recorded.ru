# INVALID EXAMPLE r3b-supervision-frequency-not-recorded: breaks R3b: the induction buddies' supervision does not record how often it takes place.
# Expected result: R3b Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3b-supervision-frequency-not-recorded && peergraph validate DIR/r3b-supervision-frequency-not-recorded.ttl
#
# expect: R3b Warning

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy-supervision
        rdfs:label "Fortnightly group supervision by the CFO prime provider"@en ;
        pg:frequency pg:fortnightly .   # breaks R3b: frequency not recorded
} ;
INSERT DATA {
    ex:induction-buddy-supervision
        rdfs:label "Group supervision by the CFO prime provider"@en .
}
