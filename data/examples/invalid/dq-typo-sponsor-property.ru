# INVALID EXAMPLE dq-typo-sponsor-property: breaks data quality: the sponsor's Governor level recorded under a misspelt property (pg:governorlevel false).
# Expected result: R2a Warning, DQ Violation; nothing else.
# Read as written, the sponsor's Governor level is not recorded (R2a Warning), and the "false" is lost: the misspelling is reported.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-sponsor-property && peergraph validate DIR/dq-typo-sponsor-property.ttl
#
# expect: R2a Warning
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:sponsor pg:governorLevel true .
} ;
INSERT DATA {
    ex:sponsor pg:governorlevel false .   # wrong case: not pg:governorLevel
}
