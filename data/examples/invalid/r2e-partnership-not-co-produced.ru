# INVALID EXAMPLE r2e-partnership-not-co-produced: breaks R2e: the partnership with Industries is recorded as not co-produced.
# Expected result: R2e Violation; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2e-partnership-not-co-produced && peergraph validate DIR/r2e-partnership-not-co-produced.ttl
#
# expect: R2e Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:partnership-industries pg:coProduced true .
} ;
INSERT DATA {
    ex:partnership-industries pg:coProduced false .   # breaks R2e
}
