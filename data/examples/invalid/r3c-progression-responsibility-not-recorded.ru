# INVALID EXAMPLE r3c-progression-responsibility-not-recorded: breaks R3c: the induction buddy role does not record whether its progression is defined by responsibility.
# Expected result: R3c Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3c-progression-responsibility-not-recorded && peergraph validate DIR/r3c-progression-responsibility-not-recorded.ttl
#
# expect: R3c Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy pg:progressionDefinedByResponsibility true .   # breaks R3c: not recorded
}
