# INVALID EXAMPLE r3a-accreditation-not-recorded: breaks R3a: the peer mentors' training and qualification do not record whether they are externally accredited.
# Expected result: R3a Warning, D-a Warning; nothing else.
# Accreditation is one fact for R3a's accredited training and D-a's accredited mentoring qualification: with it recorded on neither the training nor the qualification, both are not evidenced.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3a-accreditation-not-recorded && peergraph validate DIR/r3a-accreditation-not-recorded.ttl
#
# expect: R3a Warning
# expect: D-a Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-training pg:externallyAccredited true .        # breaks R3a (and D-a): not recorded
    ex:peer-mentor-qualification pg:externallyAccredited true .   # breaks R3a (and D-a): not recorded
}
