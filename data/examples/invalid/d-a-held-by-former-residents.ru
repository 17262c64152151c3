# INVALID EXAMPLE d-a-held-by-former-residents: breaks D-a: the role presented as peer mentoring is held by people who have left prison.
# Expected result: D-a Violation; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR d-a-held-by-former-residents && peergraph validate DIR/d-a-held-by-former-residents.ttl
#
# expect: D-a Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor pg:heldBy pg:currently-serving-residents .
} ;
INSERT DATA {
    ex:peer-mentor pg:heldBy pg:people-with-lived-experience .   # breaks D-a
}
