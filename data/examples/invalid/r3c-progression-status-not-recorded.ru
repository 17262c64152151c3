# INVALID EXAMPLE r3c-progression-status-not-recorded: breaks R3c: the induction buddy role does not record whether progression routes from it are available.
# Expected result: R3c Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3c-progression-status-not-recorded && peergraph validate DIR/r3c-progression-status-not-recorded.ttl
#
# expect: R3c Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy pg:progressionStatus pg:progression-available .   # breaks R3c: not recorded
}
