# INVALID EXAMPLE d-a-paid-peer-mentor: breaks D-a: the role presented as peer mentoring is paid.
# Expected result: D-a Violation; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR d-a-paid-peer-mentor && peergraph validate DIR/d-a-paid-peer-mentor.ttl
#
# expect: D-a Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor pg:payment pg:unpaid .
} ;
INSERT DATA {
    ex:peer-mentor pg:payment pg:paid .   # breaks D-a
}
