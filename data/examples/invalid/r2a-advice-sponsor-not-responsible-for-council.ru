# INVALID EXAMPLE r2a-advice-sponsor-not-responsible-for-council: breaks R2a's advice: the sponsor is recorded as not responsible for Prisoner Council arrangements.
# Expected result: R2a Info; nothing else.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR r2a-advice-sponsor-not-responsible-for-council && peergraph validate DIR/r2a-advice-sponsor-not-responsible-for-council.ttl
#
# expect: R2a Info

PREFIX pg: <https://w3id.org/peergraph/ontology#>
PREFIX ex: <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:sponsor pg:responsibleForPrisonerCouncil true .
} ;
INSERT DATA {
    ex:sponsor pg:responsibleForPrisonerCouncil false .   # R2a advice not followed
}
