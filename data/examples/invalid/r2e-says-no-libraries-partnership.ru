# INVALID EXAMPLE r2e-says-no-libraries-partnership: breaks R2e: the wing records that it has no partnership with the Libraries department.
# Expected result: R2e Violation; nothing else.
# Leaving the partnership out instead is r2e-no-libraries-partnership: not evidenced (an R2e Warning).
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2e-says-no-libraries-partnership && peergraph validate DIR/r2e-says-no-libraries-partnership.ttl
#
# expect: R2e Violation

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing pg:departmentPartnership ex:partnership-libraries .
    ex:partnership-libraries a pg:DepartmentPartnership ;
        rdfs:label "Horizon wing and the Library: reading groups run with peer mentors"@en ;
        pg:partnerDepartment pg:libraries-department ;
        pg:coProduced true .
} ;
INSERT DATA {
    ex:horizon-wing pg:noPartnershipWith pg:libraries-department .   # "no": not met
}
