# INVALID EXAMPLE r2d-regime-flexibility-not-recorded: breaks R2d: the wing does not record whether it has special regime flexibility.
# Expected result: R2d Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2d-regime-flexibility-not-recorded && peergraph validate DIR/r2d-regime-flexibility-not-recorded.ttl
#
# expect: R2d Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:specialRegimeFlexibility true .   # breaks R2d: not recorded
}
