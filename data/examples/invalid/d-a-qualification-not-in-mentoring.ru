# INVALID EXAMPLE d-a-qualification-not-in-mentoring: breaks D-a: the peer mentors' training and qualification are in Information, Advice and Guidance, not mentoring.
# Expected result: D-a Violation; nothing else.
# The training and the qualification both change subject: either one in mentoring would meet D-a.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR d-a-qualification-not-in-mentoring && peergraph validate DIR/d-a-qualification-not-in-mentoring.ttl
#
# expect: D-a Violation

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-training
        rdfs:label "Level 2 Award in Mentoring course at HMP Example"@en ;
        pg:subject pg:subject-mentoring .
    ex:peer-mentor-qualification
        rdfs:label "NCFE Level 2 Award in Mentoring (HMP Example)"@en ;
        pg:subject pg:subject-mentoring .
} ;
INSERT DATA {
    ex:peer-mentor-training
        rdfs:label "Level 2 Award in Information, Advice and Guidance course at HMP Example"@en ;
        pg:subject pg:subject-iag .   # breaks D-a: not mentoring
    ex:peer-mentor-qualification
        rdfs:label "NCFE Level 2 Award in Information, Advice and Guidance (HMP Example)"@en ;
        pg:subject pg:subject-iag .   # breaks D-a: not mentoring
}
