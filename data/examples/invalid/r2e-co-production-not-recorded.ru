# INVALID EXAMPLE r2e-co-production-not-recorded: breaks R2e: the wing does not record whether its partnership with the Libraries department is co-produced.
# Expected result: R2e Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2e-co-production-not-recorded && peergraph validate DIR/r2e-co-production-not-recorded.ttl
#
# expect: R2e Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:partnership-libraries pg:coProduced true .   # breaks R2e: co-production not recorded
}
