# INVALID EXAMPLE dq-typo-role-class: breaks data quality: the peer mentor role's class misspelt (pg:Localrole), so no role requirement is checked on it.
# Expected result: DQ Violation; nothing else.
# Each of the wing, the journey map and the Induction Buddy role links to it: each reports it.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-role-class && peergraph validate DIR/dq-typo-role-class.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor a pg:LocalRole .
} ;
INSERT DATA {
    ex:peer-mentor a pg:Localrole .   # wrong case: not pg:LocalRole
}
