# INVALID EXAMPLE r2a-sponsor-not-governor-level: breaks R2a: the CFO sponsor is recorded as not Governor-level.
# Expected result: R2a Violation; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2a-sponsor-not-governor-level && peergraph validate DIR/r2a-sponsor-not-governor-level.ttl
#
# expect: R2a Violation

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:sponsor
        rdfs:label "Deputy Governor (Reducing Reoffending), HMP Example"@en ;
        pg:governorLevel true .
} ;
INSERT DATA {
    ex:sponsor
        rdfs:label "Custodial Manager (Residence), HMP Example"@en ;
        pg:governorLevel false .   # breaks R2a: not a Governor-level post
}
