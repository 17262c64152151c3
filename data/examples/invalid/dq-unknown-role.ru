# INVALID EXAMPLE dq-unknown-role: breaks data quality: the peer mentor role names a continuum role that does not exist (role:peer-mentr).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-unknown-role && peergraph validate DIR/dq-unknown-role.ttl
#
# expect: DQ Violation

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX role: <https://w3id.org/peergraph/data/role/>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor pg:continuumRole role:peer-mentor .
} ;
INSERT DATA {
    ex:peer-mentor pg:continuumRole role:peer-mentr .   # a typo: no such continuum role
}
