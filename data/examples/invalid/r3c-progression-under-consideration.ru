# INVALID EXAMPLE r3c-progression-under-consideration: breaks R3c: progression routes from the induction buddy role are still being considered.
# Expected result: R3c Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3c-progression-under-consideration && peergraph validate DIR/r3c-progression-under-consideration.ttl
#
# expect: R3c Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy pg:progressionStatus pg:progression-available .
} ;
INSERT DATA {
    ex:induction-buddy pg:progressionStatus pg:progression-under-consideration .   # breaks R3c
}
