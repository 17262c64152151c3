# INVALID EXAMPLE r2c-officer-training-not-recorded: breaks R2c: the wing does not record whether its officers are trained.
# Expected result: R2c Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2c-officer-training-not-recorded && peergraph validate DIR/r2c-officer-training-not-recorded.ttl
#
# expect: R2c Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:nonSpecialistOfficersTrained true .   # breaks R2c: not recorded
}
