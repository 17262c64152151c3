# INVALID EXAMPLE r3a-progression-not-aligned: breaks R3a: the peer mentor role's progression is recorded as not aligned to the programme's phases.
# Expected result: R3a Violation; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3a-progression-not-aligned && peergraph validate DIR/r3a-progression-not-aligned.ttl
#
# expect: R3a Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor pg:progressionAlignedToProgrammePhases true .
} ;
INSERT DATA {
    ex:peer-mentor pg:progressionAlignedToProgrammePhases false .   # breaks R3a
}
