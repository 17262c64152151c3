# INVALID EXAMPLE r2e-no-libraries-partnership: breaks R2e: the wing records no partnership with the Libraries department.
# Expected result: R2e Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2e-no-libraries-partnership && peergraph validate DIR/r2e-no-libraries-partnership.ttl
#
# expect: R2e Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:departmentPartnership ex:partnership-libraries .   # breaks R2e: no longer linked
}
