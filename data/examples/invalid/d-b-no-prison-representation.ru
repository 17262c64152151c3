# INVALID EXAMPLE d-b-no-prison-representation: breaks D-b: peer mentors do not represent collective interests at wider prison level.
# Expected result: D-b Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR d-b-no-prison-representation && peergraph validate DIR/d-b-no-prison-representation.ttl
#
# expect: D-b Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor pg:representsCollectiveInterestsAt pg:prison-level .   # breaks D-b
}
