# INVALID EXAMPLE r3a-no-training: breaks R3a: the peer mentor role records no training at all.
# Expected result: R3a Warning, D-a Warning; nothing else.
# Without training, D-a's accredited, independently delivered mentoring qualification is not evidenced either.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3a-no-training && peergraph validate DIR/r3a-no-training.ttl
#
# expect: R3a Warning
# expect: D-a Warning

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:peer-mentor
        pg:training ex:peer-mentor-training ;                       # breaks R3a: no training
        pg:requiresQualification ex:peer-mentor-qualification .   # breaks R3a: no qualification
}
