# INVALID EXAMPLE r3b-supervision-not-recorded: breaks R3b: the induction buddy role records no supervision.
# Expected result: R3b Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3b-supervision-not-recorded && peergraph validate DIR/r3b-supervision-not-recorded.ttl
#
# expect: R3b Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy pg:supervision ex:induction-buddy-supervision .   # breaks R3b: no supervision recorded
}
