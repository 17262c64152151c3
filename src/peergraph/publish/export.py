"""Export the knowledge graph for linked-data repositories.

``export_release`` writes a release (``peergraph export --output DIR``): every part of the graph
(``publish.release``) in every serialisation, all of them as TriG, the DCAT/VoID description
(``publish.dataset``), the JSON-LD context, an OWL catalog, HTML documentation, the ``.htaccess``
of content negotiation and, given the previous release, the changelog. ``export`` writes one
graph's serialisations and description (the Python API's export of any graph); ``upload``
replaces one named graph in a store (``export --upload URL --graph IRI``). Files are written
beside their targets and moved into place only when all are complete, so a failed export never
leaves a half-written set behind; the same input gives the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peergraph.errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "DATASET_IRI",
    "RELEASE_FORMATS",
    "SERIALISATIONS",
    "describe",
    "export",
    "export_release",
    "upload",
]

from peergraph.publish.dataset import LICENSE  # noqa: E402 (after the IRIs it builds on)
from peergraph.vocab import BASE, DATASET_IRI, GRAPH_IRI

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
        from peergraph.publish.release import canonical, serialise

        stable = canonical(graph, "b")
        for fmt in formats:
            _serializer, suffix, _media = SERIALISATIONS[fmt]
            contents[f"peergraph{suffix}"] = serialise(stable, fmt)
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


# ---------------------------------------------------------------------------------------------
# The release

# The formats of a release: the four serialisations of each part, and TriG for all of them.
RELEASE_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml", "trig")


@dataclass(frozen=True)
class ReleaseResult:
    files: list[Path]
    triples: int
    version: str
    parts: list[str]


def issued_date(given: str | None = None) -> str:
    """The release date: ``given`` (YYYY-MM-DD), else the day of ``SOURCE_DATE_EPOCH`` (the
    reproducible-builds convention), else today (UTC)."""
    import os

    if given is not None:
        try:
            return _dt.date.fromisoformat(given).isoformat()
        except ValueError:
            raise InputError(
                f"--issued {given!r} is not a date", hint="give it as YYYY-MM-DD"
            ) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            moment = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970",
                hint="unset it, or give --issued YYYY-MM-DD",
            ) from None
        return moment.date().isoformat()
    return _dt.datetime.now(tz=_dt.UTC).date().isoformat()


@dataclass(frozen=True)
class PreviousRelease:
    version: str
    graph: Graph


def read_previous(folder: Path) -> PreviousRelease:
    """The version and the whole graph of an earlier release folder (its ``dataset.ttl`` and
    ``peergraph.nt``, else ``peergraph.ttl``)."""
    from rdflib import URIRef
    from rdflib.namespace import DCAT

    from peergraph.rdfio import parse_file

    description = folder / "dataset.ttl"
    if not description.is_file():
        raise InputError(
            "is not a peergraph release folder: it has no dataset.ttl",
            path=folder,
            hint="give --previous the folder an earlier `peergraph export --output` wrote",
        )
    version = parse_file(description).value(URIRef(DATASET_IRI), DCAT.version)
    if version is None:
        raise InputError(
            "names no release version (dcat:version of the dataset)",
            path=description,
            hint="give --previous a folder written by `peergraph export` 0.1.0 or later",
        )
    for name in ("peergraph.nt", "peergraph.ttl"):
        if (folder / name).is_file():
            return PreviousRelease(str(version), parse_file(folder / name))
    raise InputError(
        "has no peergraph.nt or peergraph.ttl to compare with",
        path=folder,
        hint="export the previous release with --format ntriples (or turtle)",
    )


def export_release(
    output: Path,
    formats: list[str] | tuple[str, ...] = RELEASE_FORMATS,
    *,
    endpoint: str | None = None,
    previous: Path | None = None,
    issued: str | None = None,
    extra_sites: list[Path] | tuple[Path, ...] = (),
    files_url: str = "",
    allow_personal_data: bool = False,
) -> ReleaseResult:
    """Write the release into folder ``output``, every file whole or none (see the module).

    Refuses (``InputError``, nothing written) a release whose parts hold personal data about
    residents (``publish.personal_data``), unless ``allow_personal_data``."""
    import json

    from peergraph.publish import changelog, htaccess, reference_docs
    from peergraph.publish.dataset import Distribution, check_description, describe_release
    from peergraph.publish.personal_data import refuse_personal_data
    from peergraph.publish.release import (
        FORMATS,
        TRIG,
        blank_label,
        build_parts,
        canonical,
        ontology_iris,
        ordered,
        release_version,
        serialise,
        stamp_versions,
        trig,
        union,
    )
    from peergraph.rdfio import create_output_folder, jsonld_context, write_files_atomically

    unknown = [f for f in formats if f not in RELEASE_FORMATS]
    if unknown:
        raise InputError(
            f"unknown export format(s): {', '.join(unknown)}",
            hint=f"choose from: {', '.join(RELEASE_FORMATS)}",
        )
    graph_formats = [f for f in RELEASE_FORMATS if f in formats and f != "trig"]
    if not graph_formats:
        graph_formats = ["turtle"]  # the parts' files and the docs' links need one at least
    date = issued_date(issued)
    before = read_previous(previous) if previous is not None else None
    version = release_version()
    parts = build_parts(extra_sites)
    refuse_personal_data(
        [(part.graph, part.file, part.name) for part in parts], allowed=allow_personal_data
    )
    stamp_versions(parts, version, before.version if before else None)
    stable = [(part, canonical(part.graph, blank_label(part.name))) for part in parts]
    whole = ordered(union([graph for _part, graph in stable]))

    contents: dict[str, bytes] = {}
    for part, graph in stable:
        for fmt in graph_formats:
            contents[part.name + FORMATS[fmt][0]] = serialise(graph, fmt)
    for fmt in graph_formats:
        contents["peergraph" + FORMATS[fmt][0]] = serialise(whole, fmt)
    if "trig" in formats:
        contents["peergraph" + TRIG[0]] = trig(
            [(part.graph_iri(version), graph) for part, graph in stable]
        )
    ontology_parts = [part for part, _graph in stable if ontology_iris(part.graph)]
    catalog = _catalog(ontology_parts, version, ".rdf" if "rdfxml" in formats else ".ttl")
    if catalog is not None:
        contents["ontology/catalog-v001.xml"] = catalog
    contents["context.jsonld"] = (json.dumps(jsonld_context(), indent=2) + "\n").encode()
    # From the parts as stamped, as scripts/gen_reference_docs.py builds docs/reference/.
    pages = reference_docs.pages(
        union(part.graph for part in parts), version=version, shapes=_part_graph(stable, "shapes")
    )
    for name, page in pages.items():
        contents[name] = page.encode("utf-8")
    if before is not None:
        changes = changelog.compare(before.graph, whole, before.version, version)
        contents["CHANGELOG.md"] = changelog.markdown(changes).encode("utf-8")

    suffixes: dict[str, list[str]] = {}
    for name in contents:
        stem, dot, suffix = name.rpartition(".")
        if dot:
            suffixes.setdefault(stem, []).append("." + suffix)
    contents[".htaccess"] = htaccess.htaccess(
        _negotiated(parts), suffixes, files_url=files_url
    ).encode("utf-8")

    media = {suffix: media for suffix, media in [*FORMATS.values(), TRIG]}
    distributions = [
        Distribution(name, media[Path(name).suffix], len(data))
        for name, data in sorted(contents.items())
        if name.startswith("peergraph.") and Path(name).suffix in media
    ]
    meta = describe_release(
        parts, whole, distributions, version=version, issued=date, endpoint=endpoint
    )
    problems = check_description(meta)
    if problems:
        raise InputError(
            f"the release description is incomplete: {problems[0]}",
            path=output / "dataset.ttl",
            hint="check dcterms:creator on the ontology and the study's citation in data/",
        )
    contents["dataset.ttl"] = serialise(ordered(meta), "turtle")

    created = create_output_folder(output)  # a folder that cannot be written is refused first
    try:
        for name in contents:
            created += create_output_folder((output / name).parent)
        # The whole graph in Turtle first: a write that fails (a full disk) names the main file.
        order = sorted(
            contents, key=lambda n: (not n.startswith("peergraph."), n[-4:] != ".ttl", n)
        )
        write_files_atomically({output / name: contents[name] for name in order})
    except BaseException:
        for folder in reversed(created):  # only the folders this export made, now empty
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return ReleaseResult(
        files=[output / name for name in sorted(contents)],
        triples=len(whole),
        version=version,
        parts=[part.name for part in parts],
    )


def _part_graph(stable: list[tuple[Any, Graph]], name: str) -> Graph | None:
    return next((graph for part, graph in stable if part.name == name), None)


def _negotiated(parts: list[Any]) -> list[Any]:
    """The published IRIs and the files that describe them, for the ``.htaccess``."""
    import re

    from peergraph.publish.htaccess import Resource
    from peergraph.vocab import NAMESPACES

    resources = [Resource(part.name, part.name, f"<{BASE}{part.name}>") for part in parts]
    site = NAMESPACES["site"]
    for part in parts:
        if not part.name.startswith("data/sites/"):
            continue
        # The site's own IRIs (the prison, its wings, roles...), each named: their local
        # names carry no mark of which site they belong to that a pattern could read.
        local = sorted(
            {str(s)[len(site) :] for s in part.graph.subjects() if str(s).startswith(site)}
        )
        if local:
            names = "|".join(re.escape(name) for name in local)
            resources.append(
                Resource(f"{site[len(BASE) :]}({names})", part.name, f"the IRIs of {part.name}")
            )
    for prefix in ("site", "role", "src", "study", "ref", "agent", "rec"):
        path = NAMESPACES[prefix][len(BASE) :]
        resources.append(Resource(f"{path}.+", "peergraph", f"{prefix}: resources"))
    resources.append(Resource("data/dataset", "dataset", "the dataset description"))
    resources.append(Resource("data/context.jsonld", "context", "the JSON-LD context"))
    return resources


def _catalog(parts: list[Any], version: str, suffix: str) -> bytes | None:
    """An OASIS XML catalog (``catalog-v001.xml``, as Protégé reads it) for the ``ontology/``
    folder, mapping each ontology's IRI and version IRI to its file in the release, when an
    ontology imports another: tools then load the import from the release, not the web."""
    from xml.sax.saxutils import quoteattr

    from rdflib import URIRef
    from rdflib.namespace import OWL

    from peergraph.publish.release import ontology_iris

    imports = any(imported for part in parts for imported in part.graph.objects(None, OWL.imports))
    if not imports:
        return None
    entries = []
    for part in parts:
        relative = (
            Path(part.name + suffix).relative_to("ontology")
            if part.name.startswith("ontology/")
            else Path("..", part.name + suffix)
        )
        for iri in ontology_iris(part.graph):
            for name in (iri, str(part.graph.value(URIRef(iri), OWL.versionIRI) or iri)):
                entries.append((name, relative.as_posix()))
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
        '<catalog prefer="public" xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">',
        *[
            f"    <uri name={quoteattr(name)} uri={quoteattr(path)}/>"
            for name, path in sorted(set(entries))
        ],
        "</catalog>",
        "",
    ]
    return "\n".join(lines).encode("utf-8")
