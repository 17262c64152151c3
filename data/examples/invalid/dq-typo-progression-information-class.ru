# INVALID EXAMPLE dq-typo-progression-information-class: breaks data quality: the class of the staff's progression information misspelt (pg:ProgressionInfo).
# Expected result: DQ Violation; nothing else.
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-typo-progression-information-class && peergraph validate DIR/dq-typo-progression-information-class.ttl
#
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:information-for-staff a pg:ProgressionInformation .
} ;
INSERT DATA {
    ex:information-for-staff a pg:ProgressionInfo .   # cut short
}
