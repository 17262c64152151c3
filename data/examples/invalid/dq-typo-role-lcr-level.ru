# INVALID EXAMPLE dq-typo-role-lcr-level: breaks data quality: the peer mentor role given an LC&R level the continuum does not have (pg:lcr-very-high).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-role-lcr-level && peergraph validate DIR/dq-typo-role-lcr-level.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

INSERT DATA {
    ex:peer-mentor pg:maxLCR pg:lcr-very-high .   # Appendix 2's levels are Low, Medium and High
}
