"""The release's DCAT + VoID description, and its check against ``shapes/release/dataset.ttl``.

What the description says of the study (its citation, its creators) is read from the graph
(``study:albertson-2024e``, the ontology's header), not written here again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from peergraph.vocab import BASE, DATASET_IRI, NAMESPACES

if TYPE_CHECKING:
    from rdflib import Graph

    from peergraph.publish.release import Part

__all__ = ["LICENSE", "Distribution", "check_description", "describe_release"]

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
_IANA = "https://www.iana.org/assignments/media-types/"
_SD = "http://www.w3.org/ns/sparql-service-description#"


@dataclass(frozen=True)
class Distribution:
    """One downloadable file of the release: its path in the release, media type and size."""

    path: str
    media_type: str
    byte_size: int


def describe_release(
    parts: Sequence[Part],
    whole: Graph,
    distributions: Sequence[Distribution],
    *,
    version: str,
    issued: str,
    endpoint: str | None = None,
    part_sizes: Mapping[str, int] | None = None,
) -> Graph:
    """The DCAT + VoID description of a release: title, description, licence, version,
    creators, issued date, the source study and its citation, triple counts overall and per
    part (each a ``void:subset`` named by its versioned graph IRI), example resources, class
    partitions, the SPARQL endpoint when one is given, and one ``dcat:Distribution`` per file
    of ``distributions``."""
    from rdflib import RDF, XSD, Graph, Literal, URIRef
    from rdflib.namespace import DCAT, DCTERMS, OWL, RDFS, VOID

    from peergraph.graph import bind_namespaces
    from peergraph.pg import PG, STUDY

    meta = bind_namespaces(Graph())
    meta.bind("void", VOID)
    meta.bind("sd", _SD)
    dataset = URIRef(DATASET_IRI)
    study = STUDY["albertson-2024e"]
    meta.add((dataset, RDF.type, DCAT.Dataset))
    meta.add((dataset, RDF.type, VOID.Dataset))
    meta.add(
        (dataset, DCTERMS.title, Literal("peergraph: peer involvement roles in prison", lang="en"))
    )
    title = whole.value(study, DCTERMS.title)
    meta.add(
        (
            dataset,
            DCTERMS.description,
            Literal(
                f"The facts of Albertson (2024e), {title}, as linked data: the continuum of peer"
                " involvement roles (Appendix 2), the pilot sites (Table 1), the definition of a"
                " peer mentor in prison, Buck's four principles, the commissioning"
                " recommendations, the SHACL shapes that check a new site against them, and the"
                " provenance of every fact.",
                lang="en",
            ),
        )
    )
    meta.add((dataset, DCTERMS.license, URIRef(LICENSE)))
    ontology = URIRef(NAMESPACES["pg"].rstrip("#"))
    for creator in sorted(whole.objects(ontology, DCTERMS.creator), key=str):
        meta.add((dataset, DCTERMS.creator, creator))
    meta.add((dataset, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    meta.add((dataset, URIRef(NAMESPACES["dcat"] + "version"), Literal(version)))  # DCAT 3
    meta.add((dataset, OWL.versionInfo, Literal(version)))
    meta.add((dataset, DCTERMS.source, study))
    citation = whole.value(study, DCTERMS.bibliographicCitation)
    if citation is not None:
        meta.add((dataset, DCTERMS.bibliographicCitation, Literal(str(citation))))
        meta.add((study, DCTERMS.bibliographicCitation, Literal(str(citation))))
    meta.add((dataset, VOID.uriSpace, Literal(BASE + "data/")))
    meta.add((dataset, VOID.vocabulary, URIRef(NAMESPACES["pg"])))
    meta.add((dataset, VOID.triples, Literal(len(whole))))
    meta.add((dataset, VOID.distinctSubjects, Literal(len(set(whole.subjects())))))
    meta.add((dataset, VOID.properties, Literal(len(set(whole.predicates())))))
    classes = set(whole.objects(None, RDF.type))
    meta.add((dataset, VOID.classes, Literal(len(classes))))
    if endpoint:
        meta.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint)))
    # Examples, read from the graph: the first role, site and recommendation by IRI.
    for cls in (PG.ContinuumRole, PG.PilotSite, PG.Recommendation):
        instances = sorted(whole.subjects(RDF.type, cls), key=str)
        if instances:
            meta.add((dataset, VOID.exampleResource, instances[0]))
    for cls in sorted((c for c in classes if str(c).startswith(str(PG._NS))), key=str):  # type: ignore[assignment]
        partition = URIRef(f"{DATASET_IRI}/class/{str(cls).rsplit('#', 1)[1]}")
        meta.add((dataset, VOID.classPartition, partition))
        meta.add((partition, VOID["class"], cls))
        meta.add((partition, VOID.entities, Literal(len(set(whole.subjects(RDF.type, cls))))))
    for part in parts:
        subset = URIRef(part.graph_iri(version))
        meta.add((dataset, VOID.subset, subset))
        meta.add((subset, RDF.type, VOID.Dataset))
        meta.add((subset, RDFS.label, Literal(part.name)))
        meta.add((subset, DCTERMS.title, Literal(part.title, lang="en")))
        sizes = part_sizes or {}
        meta.add((subset, VOID.triples, Literal(sizes.get(part.name, len(part.graph)))))
        meta.add((subset, VOID.dataDump, URIRef(f"{BASE}{part.name}.ttl")))
        meta.add((subset, URIRef(_SD + "name"), subset))
    for dist in distributions:
        node = URIRef(f"{DATASET_IRI}/distribution/{dist.path}")
        meta.add((dataset, DCAT.distribution, node))
        meta.add((node, RDF.type, DCAT.Distribution))
        meta.add((node, DCTERMS.title, Literal(dist.path)))
        meta.add((node, DCAT.mediaType, URIRef(_IANA + dist.media_type)))
        meta.add((node, DCAT.downloadURL, URIRef(BASE + dist.path)))
        meta.add((node, DCAT.byteSize, Literal(dist.byte_size, datatype=XSD.nonNegativeInteger)))
        meta.add((node, DCTERMS.license, URIRef(LICENSE)))
    return meta


def check_description(meta: Graph) -> list[str]:
    """The messages of every ``shapes/release/dataset.ttl`` constraint ``meta`` breaks (none for
    a complete description)."""
    from pyshacl import validate
    from rdflib import Graph, Literal
    from rdflib.namespace import SH

    from peergraph.rdfio import parse_file
    from peergraph.resources import shapes_dir

    shapes = parse_file(shapes_dir() / "release" / "dataset.ttl")
    _conforms, report, _text = validate(meta, shacl_graph=shapes, advanced=False)
    assert isinstance(report, Graph)
    messages = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        message = report.value(result, SH.resultMessage)
        focus = report.value(result, SH.focusNode)
        messages.append(f"{focus}: {message if isinstance(message, Literal) else 'invalid'}")
    return sorted(messages)
