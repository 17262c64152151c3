# INVALID EXAMPLE r2d-no-regime-flexibility: breaks R2d: the wing is recorded as having no special regime flexibility.
# Expected result: R2d Violation; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2d-no-regime-flexibility && peergraph validate DIR/r2d-no-regime-flexibility.ttl
#
# expect: R2d Violation

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing
        pg:specialRegimeFlexibility true ;
        pg:regimeFlexibilityNote "Peer mentors may attend the weekly forum and Prisoner Council during work hours; association extended on forum evenings." .
} ;
INSERT DATA {
    ex:horizon-wing
        pg:specialRegimeFlexibility false ;   # breaks R2d
        pg:regimeFlexibilityNote "None agreed: the wing runs the standard regime." .
}
