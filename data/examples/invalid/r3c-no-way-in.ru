# INVALID EXAMPLE r3c-no-way-in: breaks R3c: the induction buddy role now leads to the Prisoner Council, so no role of the wing leads to its peer mentor role, a role of high confidentiality and responsibility.
# Expected result: R3c Warning; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r3c-no-way-in && peergraph validate DIR/r3c-no-way-in.ttl
#
# expect: R3c Warning

PREFIX pg:   <https://w3id.org/peergraph/ontology#>
PREFIX role: <https://w3id.org/peergraph/data/role/>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:induction-buddy pg:progressesTo ex:peer-mentor .
} ;
INSERT DATA {
    ex:induction-buddy pg:progressesTo role:prisoner-council .   # breaks R3c: how to reach ex:peer-mentor?
}
