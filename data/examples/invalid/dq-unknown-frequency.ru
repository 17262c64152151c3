# INVALID EXAMPLE dq-unknown-frequency: breaks data quality: a supervision frequency that is not a known one.
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-unknown-frequency && peergraph validate DIR/dq-unknown-frequency.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy-supervision pg:frequency pg:fortnightly .
} ;
INSERT DATA {
    ex:induction-buddy-supervision pg:frequency pg:every-other-week .   # not a known frequency
}
