# INVALID EXAMPLE r3c-progression-by-time-served: breaks R3c: the peer mentor role's progression is recorded as not defined by responsibility.
# Expected result: R3c Violation; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3c-progression-by-time-served && peergraph validate DIR/r3c-progression-by-time-served.ttl
#
# expect: R3c Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor pg:progressionDefinedByResponsibility true .
} ;
INSERT DATA {
    ex:peer-mentor pg:progressionDefinedByResponsibility false .   # breaks R3c (time served)
}
