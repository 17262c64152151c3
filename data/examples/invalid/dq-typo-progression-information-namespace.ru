# INVALID EXAMPLE dq-typo-progression-information-namespace: breaks data quality: a property of the staff's progression information in a namespace that is almost peergraph's (other case).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-progression-information-namespace && peergraph validate DIR/dq-typo-progression-information-namespace.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:information-for-staff pg:channel "In the officers' CFO wing training and at the monthly wing staff meeting." .
} ;
INSERT DATA {
    ex:information-for-staff <https://w3id.org/PeerGraph/ontology#channel> "In the officers' CFO wing training and at the monthly wing staff meeting." .   # PeerGraph, not peergraph
}
