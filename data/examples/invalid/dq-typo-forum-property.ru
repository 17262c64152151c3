# INVALID EXAMPLE dq-typo-forum-property: breaks data quality: a property of the peer role forum misspelt (pg:meetingFrequncy).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-forum-property && peergraph validate DIR/dq-typo-forum-property.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:forum pg:meetingFrequency pg:weekly .
} ;
INSERT DATA {
    ex:forum pg:meetingFrequncy pg:weekly .   # a letter missing
}
