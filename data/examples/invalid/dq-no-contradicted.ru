# INVALID EXAMPLE dq-no-contradicted: breaks data quality: the wing records that it has no peer role forum, and describes one.
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-no-contradicted && peergraph validate DIR/dq-no-contradicted.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

INSERT DATA {
    ex:horizon-wing pg:hasPeerRoleForum false .   # but ex:forum is its forum
}
