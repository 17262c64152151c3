# INVALID EXAMPLE dq-no-continuum-role: breaks data quality: the induction buddy role names no continuum role.
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-no-continuum-role && peergraph validate DIR/dq-no-continuum-role.ttl
#
# expect: DQ Violation

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX role: <https://w3id.org/peergraph/data/role/>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy pg:continuumRole role:induction-orderly .   # which continuum role is it?
}
