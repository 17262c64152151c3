# INVALID EXAMPLE r3b-supervision-not-structured: breaks R3b: the peer mentors' supervision is recorded as not structured.
# Expected result: R3b Violation; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3b-supervision-not-structured && peergraph validate DIR/r3b-supervision-not-structured.ttl
#
# expect: R3b Violation

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-supervision
        rdfs:label "Weekly one-to-one supervision by the CFO prime provider"@en ;
        pg:supervisionFormat "one-to-one supervision" ;
        pg:structuredSupervision true .
} ;
INSERT DATA {
    ex:peer-mentor-supervision
        rdfs:label "Weekly drop-in with the CFO prime provider"@en ;
        pg:supervisionFormat "drop-in" ;
        pg:structuredSupervision false .   # breaks R3b
}
