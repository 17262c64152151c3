"""Export the knowledge graph for linked-data repositories.

Three jobs: standard serialisations of the bundled graph (with the derived progression edges),
a DCAT + VoID description of the dataset (title, licence, version, distributions, statistics),
and upload to a triple store through the SPARQL 1.1 Graph Store HTTP Protocol. Files are written
beside their targets and moved into place only when all are complete, so a failed export never
leaves a half-written set behind.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from peergraph.errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["DATASET_IRI", "SERIALISATIONS", "describe", "export", "upload"]

from peergraph.vocab import BASE, DATASET_IRI, GRAPH_IRI

LICENSE = "https://creativecommons.org/licenses/by/4.0/"

# format name -> (rdflib serializer, file suffix, media type)
SERIALISATIONS: dict[str, tuple[str, str, str]] = {
    "turtle": ("turtle", ".ttl", "text/turtle"),
    "ntriples": ("nt", ".nt", "application/n-triples"),
    "jsonld": ("json-ld", ".jsonld", "application/ld+json"),
    "rdfxml": ("xml", ".rdf", "application/rdf+xml"),
}


@dataclass(frozen=True)
class ExportResult:
    files: list[Path]
    triples: int


def describe(graph: Graph, formats: list[str], *, endpoint: str | None = None) -> Graph:
    """A DCAT + VoID description of ``graph`` with one distribution per format."""
    from rdflib import RDF, XSD, Graph, Literal, URIRef
    from rdflib.namespace import DCAT, DCTERMS, OWL, VOID

    from peergraph import version
    from peergraph.pg import PG as pg
    from peergraph.pg import STUDY

    meta = Graph()
    meta.bind("dcat", DCAT)
    meta.bind("dcterms", DCTERMS)
    meta.bind("void", VOID)
    dataset = URIRef(DATASET_IRI)
    meta.add((dataset, RDF.type, DCAT.Dataset))
    meta.add((dataset, RDF.type, VOID.Dataset))
    meta.add(
        (dataset, DCTERMS.title, Literal("peergraph: peer involvement roles in prison", lang="en"))
    )
    meta.add(
        (
            dataset,
            DCTERMS.description,
            Literal(
                "The facts of Albertson (2024e), HMPPS CFO Commissioning guidance: Peer mentor"
                " & peer involvement roles in prison, as linked data: the 15-role continuum of"
                " Appendix 2, the four pilot sites of Table 1, the definition of a peer mentor in"
                " prison, Buck's four principles, the commissioning recommendations, and the"
                " provenance of every fact.",
                lang="en",
            ),
        )
    )
    meta.add((dataset, DCTERMS.license, URIRef(LICENSE)))
    meta.add((dataset, DCTERMS.creator, Literal("The peergraph project")))
    meta.add((dataset, DCTERMS.source, STUDY["albertson-2024e"]))
    meta.add((dataset, DCTERMS.modified, Literal(_dt.date.today().isoformat(), datatype=XSD.date)))
    meta.add((dataset, OWL.versionInfo, Literal(version())))
    meta.add((dataset, VOID.uriSpace, Literal(BASE + "data/")))
    meta.add((dataset, VOID.vocabulary, URIRef(str(pg._NS))))
    meta.add((dataset, VOID.triples, Literal(len(graph))))
    subjects = {s for s in graph.subjects()}
    meta.add((dataset, VOID.distinctSubjects, Literal(len(subjects))))
    classes = {o for o in graph.objects(None, RDF.type)}
    meta.add((dataset, VOID.classes, Literal(len(classes))))
    meta.add((dataset, VOID.properties, Literal(len(set(graph.predicates())))))
    for cls in sorted((c for c in classes if str(c).startswith(str(pg))), key=str):
        partition = URIRef(f"{DATASET_IRI}/class/{str(cls).rsplit('#', 1)[1]}")
        meta.add((dataset, VOID.classPartition, partition))
        meta.add((partition, VOID["class"], cls))
        meta.add((partition, VOID.entities, Literal(len(set(graph.subjects(RDF.type, cls))))))
    if endpoint:
        meta.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint)))
    for fmt in formats:
        _serializer, suffix, media = SERIALISATIONS[fmt]
        dist = URIRef(f"{DATASET_IRI}/distribution/{fmt}")
        meta.add((dataset, DCAT.distribution, dist))
        meta.add((dist, RDF.type, DCAT.Distribution))
        meta.add((dist, DCTERMS.title, Literal(f"peergraph{suffix}")))
        meta.add(
            (dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media}"))
        )
        meta.add((dist, DCAT.downloadURL, URIRef(f"{BASE}data/peergraph{suffix}")))
        meta.add((dist, DCTERMS.license, URIRef(LICENSE)))
    return meta


def export(
    graph: Graph, output: Path, formats: list[str], *, endpoint: str | None = None
) -> ExportResult:
    """Write ``graph`` in each format, ``dataset.ttl`` (DCAT/VoID) and ``context.jsonld`` (the
    published JSON-LD context of the project's prefixes) into folder ``output``: all of them
    whole, or none (see ``rdfio.write_files_atomically``)."""
    import json

    from peergraph.rdfio import create_output_folder, jsonld_context, write_files_atomically

    unknown = [f for f in formats if f not in SERIALISATIONS]
    if unknown:
        raise InputError(
            f"unknown export format(s): {', '.join(unknown)}",
            hint=f"choose from: {', '.join(SERIALISATIONS)}",
        )
    created = create_output_folder(output)  # a folder that cannot be written is refused first
    try:
        # Everything is serialised before anything is written, so a serialiser's failure
        # leaves the folder as it was too.
        contents: dict[str, str | bytes] = {}
        for fmt in formats:
            serializer, suffix, _media = SERIALISATIONS[fmt]
            contents[f"peergraph{suffix}"] = graph.serialize(format=serializer, encoding="utf-8")
        contents["dataset.ttl"] = describe(graph, formats, endpoint=endpoint).serialize(
            format="turtle", encoding="utf-8"
        )
        contents["context.jsonld"] = json.dumps(jsonld_context(), indent=2) + "\n"
        write_files_atomically({output / name: data for name, data in contents.items()})
    except BaseException:
        for folder in reversed(created):  # only the folders this export made, now empty
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return ExportResult(files=[output / name for name in contents], triples=len(graph))


def upload(
    graph: Graph, store_url: str, *, graph_iri: str | None = GRAPH_IRI, timeout: float = 30.0
) -> int:
    """Replace a named graph (or the default graph when ``graph_iri`` is None) at a SPARQL 1.1
    Graph Store HTTP Protocol endpoint (e.g. Oxigraph's ``/store``) with ``graph``, by HTTP PUT.
    Returns the number of triples sent.

    A plain HTTP PUT, on purpose: the Graph Store Protocol is one request (a store applies it
    whole or not at all), and rdflib's SPARQLUpdateStore would send the graph as INSERT DATA
    text, which stores such as Virtuoso limit and which is not atomic on every store. The
    request goes through ``peergraph.query.remote.http_request``: ``timeout`` bounds all of it,
    and credentials in the URL are sent, never shown.
    """
    import urllib.parse

    from peergraph.query.remote import check_url, http_request, redact_url

    parsed = check_url(
        store_url, hint="give the store's Graph Store endpoint, e.g. http://127.0.0.1:7878/store"
    )
    query = urllib.parse.urlencode({"graph": graph_iri} if graph_iri else {"default": ""})
    url = urllib.parse.urlunsplit(parsed._replace(query=query))
    what = f"the store at {redact_url(store_url)}"
    answer = http_request(
        url,
        what=what,
        method="PUT",
        data=graph.serialize(format="nt", encoding="utf-8"),
        headers={"Content-Type": "application/n-triples"},
        timeout=timeout,
    )
    answer.check(
        what, hint="check the URL is the store's Graph Store endpoint and that it accepts writes"
    )
    return len(graph)
