# INVALID EXAMPLE dq-typo-role-namespace: breaks data quality: a role's continuum role in a namespace that is almost peergraph's (http:// for https://).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-role-namespace && peergraph validate DIR/dq-typo-role-namespace.ttl
#
# expect: DQ Violation

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX role: <https://w3id.org/peergraph/data/role/>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy pg:continuumRole role:induction-orderly .
} ;
INSERT DATA {
    ex:induction-buddy pg:continuumRole <http://w3id.org/peergraph/data/role/induction-orderly> .   # http, not https
}
