"""The project's namespaces and published IRIs, as plain strings.

This is the one place they are written. It imports nothing, so every module (the command line's
start-up path included) can use it; the same namespaces as rdflib objects, and the ``pg:`` terms
as a closed class, are in ``peergraph.pg``.
"""

from __future__ import annotations

__all__ = ["BASE", "DATASET_IRI", "GRAPH_IRI", "JSONLD_CONTEXT_IRI", "NAMESPACES"]

BASE = "https://w3id.org/peergraph/"

# Prefix -> namespace: bound on every graph peergraph writes, declared for every query it runs.
NAMESPACES: dict[str, str] = {
    "pg": BASE + "ontology#",
    "role": BASE + "data/role/",
    "site": BASE + "data/site/",
    "src": BASE + "data/source/",
    "study": BASE + "data/study/",
    "ref": BASE + "data/ref/",
    "agent": BASE + "data/agent/",
    # Fact records: the provenance of facts no table cell gives (pg:FactRecord).
    "rec": BASE + "data/record/",
    "pgsh": BASE + "shapes#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "vann": "http://purl.org/vocab/vann/",
    "sh": "http://www.w3.org/ns/shacl#",
}

# The dataset and its named graph, as published (export, upload).
DATASET_IRI = BASE + "data/dataset"
GRAPH_IRI = BASE + "data/graph"
# The published JSON-LD context of the site vocabulary; peergraph serves it from the package.
JSONLD_CONTEXT_IRI = BASE + "data/context.jsonld"
