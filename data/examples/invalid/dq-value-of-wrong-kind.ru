# INVALID EXAMPLE dq-value-of-wrong-kind: breaks data quality: the peer mentor supervision's supervisor given as a provider capacity (pg:cfo-prime-provider), not a provider.
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-value-of-wrong-kind && peergraph validate DIR/dq-value-of-wrong-kind.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-supervision pg:supervisedBy ex:example-prime-provider .
} ;
INSERT DATA {
    ex:peer-mentor-supervision pg:supervisedBy pg:cfo-prime-provider .   # the capacity, not who supervises
}
