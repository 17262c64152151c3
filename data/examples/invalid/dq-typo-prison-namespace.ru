# INVALID EXAMPLE dq-typo-prison-namespace: breaks data quality: a property of the prison in a namespace that is almost peergraph's (http:// for https://).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-prison-namespace && peergraph validate DIR/dq-typo-prison-namespace.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:prison pg:estate pg:male-estate .
} ;
INSERT DATA {
    ex:prison <http://w3id.org/peergraph/ontology#estate> pg:male-estate .   # http, not https
}
