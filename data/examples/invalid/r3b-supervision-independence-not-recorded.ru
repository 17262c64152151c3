# INVALID EXAMPLE r3b-supervision-independence-not-recorded: breaks R3b: the induction buddies' supervision does not record whether it is independent.
# Expected result: R3b Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3b-supervision-independence-not-recorded && peergraph validate DIR/r3b-supervision-independence-not-recorded.ttl
#
# expect: R3b Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy-supervision pg:independentSupervision true .   # breaks R3b: not recorded
}
