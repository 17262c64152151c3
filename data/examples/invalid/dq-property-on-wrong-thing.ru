# INVALID EXAMPLE dq-property-on-wrong-thing: breaks data quality: the peer mentor supervision's frequency recorded with the forum's property (pg:meetingFrequency).
# Expected result: R3b Warning, DQ Violation; nothing else.
# Read as written, how often the supervision takes place is not recorded (R3b Warning).
# `peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-property-on-wrong-thing && peergraph validate DIR/dq-property-on-wrong-thing.ttl
#
# expect: R3b Warning
# expect: DQ Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor-supervision pg:frequency pg:weekly .
} ;
INSERT DATA {
    ex:peer-mentor-supervision pg:meetingFrequency pg:weekly .   # how often a forum meets: not a supervision's
}
