# INVALID EXAMPLE r3c-no-onward-step: breaks R3c: the induction buddy role records that progression routes from it are available, but not where they lead.
# Expected result: R3c Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3c-no-onward-step && peergraph validate DIR/r3c-no-onward-step.ttl
#
# expect: R3c Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy pg:progressesTo ex:peer-mentor .   # breaks R3c: available, but to where?
}
