# INVALID EXAMPLE dq-wing-no-rdfs-label: breaks data quality: the CFO wing is named with skos:prefLabel only, not with the rdfs:label the site vocabulary names things with.
# Expected result: DQ Warning; nothing else.
# The report still names the wing (it falls back on skos:prefLabel), but the shapes' messages and the query library (queries/) read rdfs:label only.
# The valid example data/examples/valid/hmp-example.ttl changed by the SPARQL 1.1 Update below.
# To validate it: python tests/example_sites.py --out DIR dq-wing-no-rdfs-label && peergraph validate DIR/dq-wing-no-rdfs-label.ttl
#
# expect: DQ Warning

PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ex:   <https://example.org/peergraph/hmp-example/>

DELETE DATA {
    ex:horizon-wing rdfs:label "HMP Example's Horizon wing"@en .
} ;
INSERT DATA {
    ex:horizon-wing skos:prefLabel "HMP Example's Horizon wing"@en .   # not rdfs:label
}
