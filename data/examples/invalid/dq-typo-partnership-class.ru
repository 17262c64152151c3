# INVALID EXAMPLE dq-typo-partnership-class: breaks data quality: the Industries partnership's class misspelt (pg:DepartmentPartnershp).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-partnership-class && peergraph validate DIR/dq-typo-partnership-class.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:partnership-industries a pg:DepartmentPartnership .
} ;
INSERT DATA {
    ex:partnership-industries a pg:DepartmentPartnershp .   # a letter missing
}
