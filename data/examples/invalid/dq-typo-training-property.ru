# INVALID EXAMPLE dq-typo-training-property: breaks data quality: the peer mentor training's accreditation recorded under a misspelt property (pg:externalyAccredited false).
# Expected result: DQ Violation; nothing else.
# Read as written, the training says nothing about its accreditation and the "false" is lost (the qualification is still recorded as accredited): the misspelling is reported.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-training-property && peergraph validate DIR/dq-typo-training-property.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-training pg:externallyAccredited true .
} ;
INSERT DATA {
    ex:peer-mentor-training pg:externalyAccredited false .   # a letter missing: not pg:externallyAccredited
}
