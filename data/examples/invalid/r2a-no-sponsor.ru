# INVALID EXAMPLE r2a-no-sponsor: breaks R2a: the prison records no CFO sponsor.
# Expected result: R2a Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2a-no-sponsor && peergraph validate DIR/r2a-no-sponsor.ttl
#
# expect: R2a Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:prison pg:cfoSponsor ex:sponsor .   # breaks R2a: no sponsor recorded
}
