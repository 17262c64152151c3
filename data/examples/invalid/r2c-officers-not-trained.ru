# INVALID EXAMPLE r2c-officers-not-trained: breaks R2c: the wing's non-specialist officers are recorded as not trained.
# Expected result: R2c Violation; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2c-officers-not-trained && peergraph validate DIR/r2c-officers-not-trained.ttl
#
# expect: R2c Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing
        pg:nonSpecialistOfficersTrained true ;
        pg:officerTraining ex:officer-training .   # no training given
} ;
INSERT DATA {
    ex:horizon-wing pg:nonSpecialistOfficersTrained false .   # breaks R2c
}
