# INVALID EXAMPLE dq-typo-forum-class: breaks data quality: the peer role forum's class misspelt (pg:PeerRoleFourm).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-forum-class && peergraph validate DIR/dq-typo-forum-class.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:forum a pg:PeerRoleForum .
} ;
INSERT DATA {
    ex:forum a pg:PeerRoleFourm .   # two letters swapped
}
