# INVALID EXAMPLE r3a-not-accredited: breaks R3a: the peer mentors' training is recorded as not externally accredited.
# Expected result: R3a Violation, D-a Violation; nothing else.
# A peer mentor's non-accredited training contradicts R3a and, being the same fact, element D-a of the definition.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3a-not-accredited && peergraph validate DIR/r3a-not-accredited.ttl
#
# expect: R3a Violation
# expect: D-a Violation

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor pg:requiresQualification ex:peer-mentor-qualification .   # no accredited qualification
    ex:peer-mentor-training
        rdfs:label "Level 2 Award in Mentoring course at HMP Example"@en ;
        pg:externallyAccredited true ;
        pg:leadsToQualification ex:peer-mentor-qualification .   # leads to no qualification
} ;
INSERT DATA {
    ex:peer-mentor-training
        rdfs:label "In-house peer mentoring course at HMP Example"@en ;
        pg:externallyAccredited false .   # breaks R3a (and D-a)
}
