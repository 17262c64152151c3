# INVALID EXAMPLE dq-typo-partnership-concept: breaks data quality: the Libraries partnership's department misspelt (pg:library-department).
# Expected result: R2e Warning, DQ Violation; nothing else.
# Read as written, no partnership with the Libraries department is recorded (R2e Warning).
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-partnership-concept && peergraph validate DIR/dq-typo-partnership-concept.ttl
#
# expect: R2e Warning
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:partnership-libraries pg:partnerDepartment pg:libraries-department .
} ;
INSERT DATA {
    ex:partnership-libraries pg:partnerDepartment pg:library-department .   # not pg:libraries-department
}
