"""The release: the graph cut into parts, each written the same way every time.

A *part* is one piece a repository takes on its own: each ontology document, the validator's
shapes, the reference data, the edges the rules derive from it, and each pilot site. Its file
path in a release mirrors its published IRI under ``vocab.BASE`` (``ontology.ttl`` for
``BASE + "ontology"``, ``data/sites/hmp-risley.ttl``...), so that a web server can answer each
IRI with the file beside it (``publish.htaccess``).

Every file is deterministic: blank nodes are relabelled from rdflib's canonical labelling (a
hash of the graph around each one), triples are written in sorted order, JSON keys and arrays
are sorted. Exporting twice gives the same bytes (``tests/test_release.py`` compares them).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peergraph.errors import InputError
from peergraph.vocab import BASE, GRAPH_IRI, JSONLD_CONTEXT_IRI, NAMESPACES

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

__all__ = [
    "FORMATS",
    "Part",
    "build_parts",
    "reference_part_names",
    "ontology_iris",
    "release_version",
    "serialise",
    "stamp_versions",
    "union",
]

# format name -> (file suffix, media type)
FORMATS: dict[str, tuple[str, str]] = {
    "turtle": (".ttl", "text/turtle"),
    "ntriples": (".nt", "application/n-triples"),
    "jsonld": (".jsonld", "application/ld+json"),
    "rdfxml": (".rdf", "application/rdf+xml"),
}
TRIG = (".trig", "application/trig")

# The parts of the reference graph besides the ontology's (build_parts, reference_part_names).
REFERENCE_PART = "data/reference"
DERIVED_PART = "data/derived"

_OWL = NAMESPACES["owl"]
_RDF_TYPE = NAMESPACES["rdf"] + "type"


@dataclass(frozen=True)
class Part:
    """One part of the release: ``name`` is its path under ``BASE`` and in the release folder
    (``data/sites/hmp-risley``), ``title`` what the dataset description calls it."""

    name: str
    title: str
    graph: Graph
    file: Path | None = None  # the file it was read from, where it is one file (a site)

    def graph_iri(self, version: str) -> str:
        """The part's named graph in this release's TriG: versioned, like ``owl:versionIRI``."""
        return f"{GRAPH_IRI}/{version}/{self.name}"

    def store_graph_iri(self) -> str:
        """The part's named graph in a triple store (``peergraph push``): version-free, so that
        a store holds one release, the newest pushed, and queries name the same graph."""
        return f"{GRAPH_IRI}/{self.name}"


# ---------------------------------------------------------------------------------------------
# The parts


def build_parts(extra_sites: Sequence[Path] = ()) -> list[Part]:
    """The parts of the bundled graph (and of the site graphs ``extra_sites``), in release order.

    Their union is the bundled graph (``graph.load_bundled_graph``) plus the extra sites.
    """
    from rdflib import Graph

    from peergraph import graph as assembler
    from peergraph import resources, rules
    from peergraph.rdfio import collect_files, merge_into, parse_file, rdf_files_under
    from peergraph.validation.shapes import load_shapes_graph

    parts: list[Part] = []
    ontology_root = resources.ontology_dir()
    raw_reference = Graph()
    data_only = Graph()
    for file in assembler._reference_files():
        parsed = parse_file(file)
        merge_into(raw_reference, parsed)
        if file.is_relative_to(ontology_root):
            parts.append(Part(_ontology_part_name(parsed, file), _title(parsed, file), parsed))
        else:
            merge_into(data_only, parsed)
    parts.sort(key=lambda part: part.name)
    shapes = Graph()
    shapes += load_shapes_graph()
    parts.append(Part("shapes", "the SHACL shapes of the commissioning requirements", shapes))
    parts.append(Part(REFERENCE_PART, "the study's facts, with their provenance", data_only))

    # What the rules add to the reference data: computed on a copy of it, keeping what was new.
    with_rules = assembler.copy_graph(raw_reference)
    rules.apply_rules(with_rules)
    derived = with_rules - raw_reference
    parts.append(Part(DERIVED_PART, "the progression edges the rules derive", derived))

    reference = assembler.load_reference_graph()
    sites = resources.data_dir() / "sites"
    site_files = rdf_files_under(sites) if sites.is_dir() else []
    names = {part.name for part in parts}
    for file in [*site_files, *collect_files(extra_sites)]:
        name = f"data/sites/{file.stem}"
        if name in names:
            raise InputError(
                f"two site graphs would both be published as {name}",
                path=file,
                hint="rename one of the files: the file name names the site's part",
            )
        names.add(name)
        site = rules.apply_site_rules(parse_file(file), reference)
        parts.append(Part(name, f"the site {file.stem}", site, file))
    return parts


def reference_part_names() -> list[str]:
    """The names of the parts that hold the reference graph (``graph.load_reference_graph``):
    the ontology's, the study's facts, what the rules derive; as ``build_parts`` names them."""
    from peergraph import graph as assembler
    from peergraph import resources
    from peergraph.rdfio import parse_file

    ontology_root = resources.ontology_dir()
    names = [
        _ontology_part_name(parse_file(file, quick=True), file)
        for file in assembler._reference_files()
        if file.is_relative_to(ontology_root)
    ]
    return [*sorted(names), REFERENCE_PART, DERIVED_PART]


def _ontology_part_name(graph: Graph, file: Path) -> str:
    """The path of the ontology's IRI under ``BASE`` (``ontology``, ``ontology/commissioning``),
    or ``ontology/<file stem>`` for a document whose ontology IRI lies elsewhere."""
    iris = [iri for iri in ontology_iris(graph) if iri.startswith(BASE)]
    if len(iris) == 1:
        return iris[0][len(BASE) :]
    return f"ontology/{file.stem}"


def _title(graph: Graph, file: Path) -> str:
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS

    for iri in ontology_iris(graph):
        title = graph.value(URIRef(iri), DCTERMS.title)
        if title is not None:
            return str(title)
    return file.stem


def ontology_iris(graph: Graph) -> list[str]:
    """The IRIs of the ``owl:Ontology`` nodes of ``graph``, sorted."""
    from rdflib import RDF, URIRef
    from rdflib.namespace import OWL

    return sorted(str(s) for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))


def stamp_versions(parts: Iterable[Part], version: str, prior: str | None) -> None:
    """Give each ``owl:Ontology`` of ``parts`` this release's ``owl:versionIRI`` (its IRI, then
    ``/VERSION``) and ``owl:versionInfo``, and ``owl:priorVersion`` when there is a prior
    release of another version. Replaces whatever version the Turtle states (in place)."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import OWL

    for part in parts:
        for iri in ontology_iris(part.graph):
            node = URIRef(iri)
            for prop in (OWL.versionIRI, OWL.versionInfo, OWL.priorVersion):
                part.graph.remove((node, prop, None))
            part.graph.add((node, OWL.versionIRI, URIRef(f"{iri}/{version}")))
            part.graph.add((node, OWL.versionInfo, Literal(version)))
            if prior and prior != version:
                part.graph.add((node, OWL.priorVersion, URIRef(f"{iri}/{prior}")))


def union(graphs: Iterable[Graph]) -> Graph:
    """The parts' graphs in one graph, without the ``owl:imports`` the graph itself satisfies
    (an OWL tool would otherwise try to download an ontology it already holds)."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL

    whole = Graph()
    for graph in graphs:
        whole += graph
    held = {URIRef(iri) for iri in ontology_iris(whole)}
    for imported in list(whole.objects(None, OWL.imports)):
        if imported in held:
            whole.remove((None, OWL.imports, imported))
    return whole


# ---------------------------------------------------------------------------------------------
# Deterministic serialisation


def blank_label(name: str) -> str:
    """A blank node label prefix made from a part's name (letters and digits only)."""
    return "".join(c for c in name if c.isalnum()) or "g"


def canonical(graph: Graph, label: str) -> Graph:
    """``graph`` with stable blank node labels (``{label}b1``, ``{label}b2``..., numbered in the
    order of rdflib's canonical labels) and its triples added in sorted order, so that every
    serialiser walks them the same way each run. ``label`` keeps the blank nodes of different
    parts apart where parts are written together (TriG, the union)."""
    from rdflib import BNode, Graph
    from rdflib.compare import to_canonical_graph

    triples = list(to_canonical_graph(graph))
    bnodes = sorted({str(t) for triple in triples for t in triple if isinstance(t, BNode)})
    renamed = {old: BNode(f"{label}b{number}") for number, old in enumerate(bnodes, start=1)}

    def stable(term: Any) -> Any:
        return renamed[str(term)] if isinstance(term, BNode) else term

    relabelled = Graph()
    for triple in triples:
        relabelled.add(tuple(stable(t) for t in triple))
    return ordered(relabelled)


def ordered(graph: Graph) -> Graph:
    """A copy of ``graph`` with its triples added in sorted order and the project's prefixes
    bound: rdflib's serialisers then walk it the same way every run."""
    from rdflib import Graph

    from peergraph.graph import bind_namespaces

    result = Graph()
    for triple in sorted(graph, key=lambda t: tuple(term.n3() for term in t)):
        result.add(triple)
    return bind_namespaces(result)


def serialise(graph: Graph, fmt: str) -> bytes:
    """``graph`` (from ``canonical``) in the format ``fmt`` of ``FORMATS``, the same bytes for
    the same graph every time."""
    if fmt == "ntriples":
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        return "".join(f"{line}\n" for line in sorted(set(lines)) if line.strip()).encode()
    if fmt == "turtle":
        return graph.serialize(format="turtle", encoding="utf-8")
    if fmt == "rdfxml":
        return _sorted_rdfxml(graph.serialize(format="xml", encoding="utf-8").decode("utf-8"))
    if fmt == "jsonld":
        return _compact_jsonld(graph)
    raise ValueError(f"unknown format {fmt!r}")


def _sorted_rdfxml(text: str) -> bytes:
    """rdflib's flat RDF/XML with its descriptions, and the properties in each, sorted (rdflib
    walks subjects in the store's order, which changes from run to run).

    The flat serialiser writes each subject as one ``<rdf:Description>`` block, two spaces in,
    and each property as an element starting four spaces in; a literal's further lines never
    start with ``<`` there, as its markup characters are escaped."""
    lines = text.splitlines()
    head: list[str] = []
    blocks: list[str] = []
    tail: list[str] = []
    block: list[list[str]] = []
    opening = ""
    for line in lines:
        if opening:
            if line.startswith("  </rdf:Description>"):
                properties = sorted("\n".join(element) for element in block)
                blocks.append("\n".join([opening, *properties, line]))
                opening, block = "", []
            elif line.startswith("    <") or not block:
                block.append([line])
            else:
                block[-1].append(line)
        elif line.startswith("  <rdf:Description"):
            if line.endswith("/>"):
                blocks.append(line)
            else:
                opening = line
        elif blocks:
            tail.append(line)
        else:
            head.append(line)
    return ("\n".join([*head, *sorted(blocks), *tail]) + "\n").encode("utf-8")


def _compact_jsonld(graph: Graph) -> bytes:
    """JSON-LD compacted against the published context, which the document names by its IRI
    (``vocab.JSONLD_CONTEXT_IRI``; peergraph serves it from the package, and the release holds it
    as ``data/context.jsonld``)."""
    from peergraph.rdfio import jsonld_context

    text = graph.serialize(
        format="json-ld", context=jsonld_context()["@context"], auto_compact=True
    )
    document = json.loads(text)
    if isinstance(document, list):
        document = {"@graph": document}
    document.pop("@context", None)
    nodes = document.pop("@graph", None)
    if nodes is None:
        nodes = [document] if document else []
        document = {}
    document = {"@context": JSONLD_CONTEXT_IRI, **document, "@graph": _sorted_json(nodes)}
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _sorted_json(value: Any, key: str | None = None) -> Any:
    """``value`` with every array sorted (but ``@list`` arrays, whose order is their meaning)."""
    if isinstance(value, dict):
        return {k: _sorted_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    return value


def trig(parts: Sequence[tuple[str, Graph]]) -> bytes:
    """The parts as one TriG document, one named graph each (``(graph IRI, canonical graph)``):
    the prefixes once, then each graph's Turtle inside its ``<IRI> { }`` block."""
    prefixes: set[str] = set()
    blocks: list[str] = []
    for iri, graph in parts:
        lines = graph.serialize(format="turtle", encoding="utf-8").decode("utf-8").splitlines()
        body = [line for line in lines if not line.startswith("@prefix ")]
        prefixes.update(line for line in lines if line.startswith("@prefix "))
        # Not indented: a long literal's lines are part of its value.
        inner = "\n".join(body).strip("\n")
        blocks.append(f"<{iri}> {{\n{inner}\n}}\n")
    head = "\n".join(sorted(prefixes))
    return (head + "\n\n" + "\n".join(blocks)).encode("utf-8")


@functools.lru_cache(maxsize=1)
def media_types() -> dict[str, str]:
    """Suffix -> media type of every RDF file a release holds."""
    return {suffix: media for suffix, media in [*FORMATS.values(), TRIG]}


def node(iri: str) -> URIRef:
    from rdflib import URIRef

    return URIRef(iri)


def release_version() -> str:
    """This release's version: the package's (``peergraph.version()``, from pyproject.toml)."""
    from peergraph import version

    return version()
