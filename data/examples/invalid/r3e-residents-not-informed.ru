# INVALID EXAMPLE r3e-residents-not-informed: breaks R3e: the wing records nothing telling residents their options to progress.
# Expected result: R3e Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3e-residents-not-informed && peergraph validate DIR/r3e-residents-not-informed.ttl
#
# expect: R3e Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:progressionInformation ex:information-for-residents .   # breaks R3e: no longer linked
}
