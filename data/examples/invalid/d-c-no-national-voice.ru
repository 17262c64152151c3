# INVALID EXAMPLE d-c-no-national-voice: breaks D-c: peer mentors do not represent the living-experience voice nationally.
# Expected result: D-c Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR d-c-no-national-voice && peergraph validate DIR/d-c-no-national-voice.ttl
#
# expect: D-c Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor pg:representsCollectiveInterestsAt pg:national-level .   # breaks D-c
}
