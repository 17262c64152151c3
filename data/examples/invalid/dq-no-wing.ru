# INVALID EXAMPLE dq-no-wing: breaks data quality: the prison records no CFO wing, so the wing requirements cannot be checked.
# Expected result: DQ Warning; nothing else.
# The report also lists the wing and its roles as not validated (no prison links to them), and the scorecard shows R2b to R3e, D-a to D-c as not evidenced.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-no-wing && peergraph validate DIR/dq-no-wing.ttl
#
# expect: DQ Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:prison pg:hostsCFOWing ex:horizon-wing .   # no wing linked
}
