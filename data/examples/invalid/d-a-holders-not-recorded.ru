# INVALID EXAMPLE d-a-holders-not-recorded: breaks D-a: the role presented as peer mentoring does not record who holds it.
# Expected result: D-a Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR d-a-holders-not-recorded && peergraph validate DIR/d-a-holders-not-recorded.ttl
#
# expect: D-a Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor pg:heldBy pg:currently-serving-residents .   # breaks D-a: holders not recorded
}
