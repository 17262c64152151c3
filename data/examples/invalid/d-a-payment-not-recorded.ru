# INVALID EXAMPLE d-a-payment-not-recorded: breaks D-a: the role presented as peer mentoring does not record whether it is paid.
# Expected result: D-a Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR d-a-payment-not-recorded && peergraph validate DIR/d-a-payment-not-recorded.ttl
#
# expect: D-a Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor pg:payment pg:unpaid .   # breaks D-a: payment not recorded
}
