# INVALID EXAMPLE r2a-governor-level-not-recorded: breaks R2a: the prison records its CFO sponsor, but not whether the post is Governor-level.
# Expected result: R2a Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2a-governor-level-not-recorded && peergraph validate DIR/r2a-governor-level-not-recorded.ttl
#
# expect: R2a Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:sponsor pg:governorLevel true .   # breaks R2a: Governor level not recorded
}
