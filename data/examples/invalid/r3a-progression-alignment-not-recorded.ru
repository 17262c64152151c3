# INVALID EXAMPLE r3a-progression-alignment-not-recorded: breaks R3a: the induction buddy role does not record whether its progression is aligned to the programme's phases.
# Expected result: R3a Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3a-progression-alignment-not-recorded && peergraph validate DIR/r3a-progression-alignment-not-recorded.ttl
#
# expect: R3a Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy pg:progressionAlignedToProgrammePhases true .   # breaks R3a: not recorded
}
