# INVALID EXAMPLE dq-boolean-as-text: breaks data quality: a yes/no value written as the text "true".
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-boolean-as-text && peergraph validate DIR/dq-boolean-as-text.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:sponsor pg:governorLevel true .
} ;
INSERT DATA {
    ex:sponsor pg:governorLevel "true" .   # text, not the boolean true
}
