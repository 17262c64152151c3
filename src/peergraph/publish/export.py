"""Export the knowledge graph for linked-data repositories.

Three jobs: standard serialisations of the bundled graph (with the derived progression edges),
a DCAT + VoID description of the dataset (title, licence, version, distributions, statistics),
and upload to a triple store through the SPARQL 1.1 Graph Store HTTP Protocol. Files are written
into a temporary folder and moved into place only when all are complete, so a failed export
never leaves a half-written set behind.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from peergraph.errors import EndpointError, InputError

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
    """Write ``graph`` in each format plus ``dataset.ttl`` (DCAT/VoID) into folder ``output``."""
    unknown = [f for f in formats if f not in SERIALISATIONS]
    if unknown:
        raise InputError(
            f"unknown export format(s): {', '.join(unknown)}",
            hint=f"choose from: {', '.join(SERIALISATIONS)}",
        )
    if output.exists() and not output.is_dir():
        raise InputError(
            "the output path exists and is not a folder",
            path=output,
            hint="give a folder to write the export into",
        )
    output.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".peergraph-export-", dir=output))
    try:
        names = []
        for fmt in formats:
            serializer, suffix, _media = SERIALISATIONS[fmt]
            name = f"peergraph{suffix}"
            graph.serialize(destination=staging / name, format=serializer, encoding="utf-8")
            names.append(name)
        describe(graph, formats, endpoint=endpoint).serialize(
            destination=staging / "dataset.ttl", format="turtle", encoding="utf-8"
        )
        names.append("dataset.ttl")
        for name in names:  # everything is written: move it into place
            os.replace(staging / name, output / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ExportResult(files=[output / n for n in names], triples=len(graph))


def upload(
    graph: Graph, store_url: str, *, graph_iri: str | None = GRAPH_IRI, timeout: float = 30.0
) -> int:
    """Replace a named graph (or the default graph when ``graph_iri`` is None) at a SPARQL 1.1
    Graph Store HTTP Protocol endpoint (e.g. Oxigraph's ``/store``) with ``graph``, by HTTP PUT.
    Returns the number of triples sent.

    A plain HTTP PUT, on purpose: the Graph Store Protocol is one request, SPARQLWrapper does
    not speak it, and rdflib's SPARQLUpdateStore would send the graph as INSERT DATA text, which
    stores such as Virtuoso limit and which is not atomic on every store.
    """
    import urllib.error
    import urllib.parse
    import urllib.request

    parsed = urllib.parse.urlsplit(store_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InputError(
            f"not an http(s) URL: {store_url!r}",
            hint="give the store's Graph Store endpoint, e.g. http://127.0.0.1:7878/store",
        )
    query = urllib.parse.urlencode({"graph": graph_iri} if graph_iri else {"default": ""})
    url = urllib.parse.urlunsplit(parsed._replace(query=query))
    body = graph.serialize(format="nt", encoding="utf-8")
    request = urllib.request.Request(
        url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
        raise EndpointError(
            f"the store at {store_url} answered {exc.code} {exc.reason}"
            + (f": {detail[0]}" if detail else ""),
            hint="check the URL is the store's Graph Store endpoint and that it accepts writes",
        ) from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EndpointError(
            f"could not reach the store at {store_url}: {reason}",
            hint="check that the triple store is running and the URL is right",
        ) from exc
    return len(graph)
