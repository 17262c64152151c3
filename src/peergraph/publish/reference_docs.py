"""HTML reference documentation of the ontology and of the shapes, built from the graph.

Every class, property, concept and named individual of the ``pg:`` namespace, and every
requirement of the catalogue with its shapes: label, definition, where it comes from in the
study (``dcterms:source`` and ``prov:wasDerivedFrom``, with the place's label and locator), and
an example (an instance, a statement using it, or the invalid example sites that break a
requirement). Standard library only (``html.escape``); the pages are self-contained and the
same for the same graph. ``scripts/gen_reference_docs.py`` writes them into ``docs/reference/``;
``peergraph export`` into the release.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING

from peergraph.vocab import NAMESPACES

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

__all__ = ["pages", "release_pages"]

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1a1a1a; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 1px solid #ccc; margin-top: 2.5rem; }
section.term { border-left: 3px solid #4a6fa5; padding: 0.2rem 0 0.2rem 1rem; margin: 1.5rem 0; }
code { background: #f3f3f3; padding: 0 0.2rem; }
dt { font-weight: 600; } dd { margin: 0 0 0.4rem 1rem; }
nav ul { columns: 3; font-size: 0.9rem; }
"""

_SECTIONS = (
    ("Classes", "owl:Class"),
    ("Object properties", "owl:ObjectProperty"),
    ("Datatype properties", "owl:DatatypeProperty"),
    ("Annotation properties", "owl:AnnotationProperty"),
    ("Concept schemes", "skos:ConceptScheme"),
    ("Concepts", "skos:Concept"),
)


def pages(graph: Graph, *, version: str, shapes: Graph | None) -> dict[str, str]:
    """``ontology.html`` and (given the shapes graph) ``shapes.html``, by file name."""
    built = {"ontology.html": ontology_page(graph, version=version)}
    if shapes is not None:
        built["shapes.html"] = shapes_page(graph, shapes, version=version)
    return built


def release_pages() -> dict[str, str]:
    """The pages of this release, from the graph ``peergraph export`` publishes (what
    ``scripts/gen_reference_docs.py`` writes into ``docs/reference/``)."""
    from peergraph.publish.release import build_parts, release_version, stamp_versions, union

    version = release_version()
    parts = build_parts()
    stamp_versions(parts, version, None)
    shapes = next(part.graph for part in parts if part.name == "shapes")
    return pages(union(part.graph for part in parts), version=version, shapes=shapes)


# ---------------------------------------------------------------------------------------------
# Reading the graph


def _iri(prefixed: str) -> str:
    prefix, local = prefixed.split(":", 1)
    return NAMESPACES[prefix] + local


def _short(term: Node) -> str:
    text = str(term)
    for prefix, namespace in sorted(NAMESPACES.items(), key=lambda item: -len(item[1])):
        if text.startswith(namespace) and text != namespace:
            return f"{prefix}:{text[len(namespace) :]}"
    return text


def _text(graph: Graph, subject: Node, prefixed: str) -> str | None:
    from rdflib import URIRef

    values = sorted(str(v) for v in graph.objects(subject, URIRef(_iri(prefixed))))
    return values[0] if values else None


def _label(graph: Graph, term: Node) -> str:
    return _text(graph, term, "rdfs:label") or _text(graph, term, "skos:prefLabel") or _short(term)


def _values(graph: Graph, subject: Node, prefixed: str) -> list[Node]:
    from rdflib import URIRef

    return sorted(graph.objects(subject, URIRef(_iri(prefixed))), key=str)


def _link(graph: Graph, term: Node) -> str:
    """A term as HTML: its label with its short IRI, linked within the page where it is ours."""
    from rdflib import Literal

    if isinstance(term, Literal):
        return html.escape(str(term))
    short = _short(term)
    label = _label(graph, term)
    shown = (
        f"{html.escape(label)} (<code>{html.escape(short)}</code>)"
        if label != short
        else (f"<code>{html.escape(short)}</code>")
    )
    if short.startswith("pg:"):
        return f'<a href="#{html.escape(short[3:])}">{shown}</a>'
    return shown


def _provenance(graph: Graph, term: Node) -> list[str]:
    """Where the term comes from: each place of the study it cites, with the place's locator."""
    items = []
    for place in [
        *_values(graph, term, "dcterms:source"),
        *_values(graph, term, "prov:wasDerivedFrom"),
    ]:
        locator = _text(graph, place, "pg:locator")
        where = f" ({html.escape(locator)})" if locator else ""
        items.append(f"{_link(graph, place)}{where}")
    return items


def _example(graph: Graph, term: Node, kind: str) -> str | None:
    from rdflib import RDF, URIRef

    if kind in ("owl:Class", "skos:ConceptScheme"):
        link = URIRef(_iri("skos:inScheme")) if kind == "skos:ConceptScheme" else RDF.type
        # IRIs only: blank nodes' labels change from run to run, and have nothing to show.
        instances = sorted(
            (s for s in graph.subjects(link, term) if isinstance(s, URIRef)),
            key=str,
        )
        if instances:
            return f"{_link(graph, instances[0])} is one ({len(instances)} in the graph)"
        return None
    if kind.endswith("Property"):
        uses = sorted(
            (
                (s, o)
                for s, o in graph.subject_objects(term)
                if isinstance(s, URIRef) and not _is_blank(o)
            ),
            key=lambda pair: (str(pair[0]), str(pair[1])),
        )
        if uses:
            subject, value = uses[0]
            used = f"<code>{html.escape(_short(term))}</code>"
            return f"{_link(graph, subject)} {used} {_link(graph, value)}"
        return None
    users = sorted(
        (s, p) for s, p in graph.subject_predicates(term) if isinstance(s, URIRef) and p != RDF.type
    )
    if users:
        subject, prop = users[0]
        return f"{_link(graph, subject)} <code>{html.escape(_short(prop))}</code> this"
    return None


def _terms(graph: Graph, kind: str) -> list[Node]:
    from rdflib import RDF, URIRef

    pg = NAMESPACES["pg"]
    found = {s for s in graph.subjects(RDF.type, URIRef(_iri(kind))) if str(s).startswith(pg)}
    return sorted(found, key=lambda t: _label(graph, t).lower() + str(t))


def _entry(graph: Graph, term: Node, kind: str, extra: Iterable[tuple[str, str]] = ()) -> str:
    short = _short(term)
    anchor = short[3:] if short.startswith("pg:") else short
    definition = _text(graph, term, "skos:definition") or _text(graph, term, "rdfs:comment")
    rows = [("IRI", f"<code>{html.escape(str(term))}</code>")]
    rows.append(("Definition", html.escape(definition) if definition else "<em>none given</em>"))
    for prop, name in (
        ("rdfs:subClassOf", "Subclass of"),
        ("rdfs:subPropertyOf", "Subproperty of"),
        ("rdfs:domain", "Domain"),
        ("rdfs:range", "Range"),
        ("skos:inScheme", "In scheme"),
        ("skos:broader", "Broader"),
    ):
        named = [v for v in _values(graph, term, prop) if not _is_blank(v)]
        if named:
            rows.append((name, ", ".join(_link(graph, v) for v in named)))
    for note in ("skos:scopeNote", "skos:note"):
        text = _text(graph, term, note)
        if text:
            rows.append(("Note", html.escape(text)))
    sources = _provenance(graph, term)
    rows.append(
        (
            "Comes from",
            "; ".join(sources) if sources else "<em>no place in the study is cited for it</em>",
        )
    )
    rows.extend(extra)
    example = _example(graph, term, kind)
    if example:
        rows.append(("Example", example))
    body = "\n".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return (
        f'<section class="term" id="{html.escape(anchor)}">\n'
        f"<h3>{html.escape(_label(graph, term))}</h3>\n<dl>\n{body}\n</dl>\n</section>"
    )


def _is_blank(term: Node) -> bool:
    from rdflib import BNode

    return isinstance(term, BNode)


def _page(title: str, intro: str, sections: list[tuple[str, list[str]]], version: str) -> str:
    nav = "\n".join(
        f'<li><a href="#{html.escape(_slug(name))}">{html.escape(name)}</a> ({len(items)})</li>'
        for name, items in sections
    )
    body = "\n".join(
        f'<h2 id="{html.escape(_slug(name))}">{html.escape(name)}</h2>\n' + "\n".join(items)
        for name, items in sections
        if items
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>{_STYLE}</style>\n</head>\n<body>\n<h1>{html.escape(title)}</h1>\n{intro}\n"
        f"<nav><ul>\n{nav}\n</ul></nav>\n{body}\n"
        f"<footer><p>peergraph {html.escape(version)}. Ontology and data: CC BY 4.0.</p></footer>\n"
        "</body>\n</html>\n"
    )


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


# ---------------------------------------------------------------------------------------------
# The pages


def ontology_page(graph: Graph, *, version: str) -> str:
    from rdflib import RDF, URIRef

    ontology = URIRef(NAMESPACES["pg"].rstrip("#"))
    title = _text(graph, ontology, "dcterms:title") or "peergraph ontology"
    description = _text(graph, ontology, "dcterms:description") or ""
    citation = _text(graph, URIRef(_iri("study:albertson-2024e")), "dcterms:bibliographicCitation")
    intro = (
        f"<p>{html.escape(description)}</p>\n<dl>\n"
        f"<dt>IRI</dt><dd><code>{html.escape(str(ontology))}</code></dd>\n"
        f"<dt>Namespace</dt><dd><code>{html.escape(NAMESPACES['pg'])}</code>"
        " (<code>pg:</code>)</dd>\n"
        f"<dt>Version</dt><dd>{html.escape(version)}</dd>\n"
        + (f"<dt>Source</dt><dd>{html.escape(citation)}</dd>\n" if citation else "")
        + "</dl>"
    )
    listed: set[Node] = set()
    sections = []
    for name, kind in _SECTIONS:
        terms = [t for t in _terms(graph, kind) if t not in listed]
        listed.update(terms)
        sections.append((name, [_entry(graph, term, kind) for term in terms]))
    pg = NAMESPACES["pg"]
    others = sorted(
        {
            s
            for s in graph.subjects(RDF.type, None)
            if str(s).startswith(pg) and s not in listed and isinstance(s, URIRef)
        },
        key=lambda t: _label(graph, t).lower() + str(t),
    )
    sections.append(("Named individuals", [_entry(graph, t, "individual") for t in others]))
    return _page(title, intro, sections, version)


def shapes_page(graph: Graph, shapes: Graph, *, version: str) -> str:
    """The requirements of the catalogue, each with its text, source, shapes and examples."""
    from rdflib import BNode, URIRef
    from rdflib.namespace import SH

    from peergraph.validation.catalogue import requirements

    both = graph + shapes
    notation = URIRef(_iri("skos:notation"))
    examples = _invalid_examples()
    items = []
    for requirement in requirements():
        source = URIRef(requirement.source)
        node_shapes = sorted(
            (
                s
                for s in shapes.subjects(notation, None)
                if str(shapes.value(s, notation)) == requirement.id
            ),
            key=str,
        )
        extra: list[tuple[str, str]] = []
        text = _text(graph, source, "pg:text")
        if text:
            extra.append(("The study's words", html.escape(text)))
        for shape in node_shapes:
            severity = shapes.value(shape, SH.severity)
            targets = ", ".join(_link(both, t) for t in _values(shapes, shape, "sh:targetClass"))
            checks: list[str] = []
            for prop in _values(shapes, shape, "sh:property"):
                name: Node | str = shapes.value(prop, SH.name) or shapes.value(prop, SH.path) or ""
                message = shapes.value(prop, SH.message) or ""
                checks.append(
                    f"<li>{html.escape('a path' if isinstance(name, BNode) else str(name))}: "
                    f"{html.escape(str(message))}</li>"
                )
            checks.sort()
            extra.append(
                (
                    f"Shape <code>{html.escape(_short(shape))}</code>",
                    f"{html.escape(_short(severity) if severity else 'sh:Violation')}"
                    + (f", on {targets}" if targets else "")
                    + (f"<ul>{''.join(checks)}</ul>" if checks else ""),
                )
            )
        broken = examples.get(requirement.id, [])
        if broken:
            extra.append(
                (
                    "Examples",
                    "sites that break it: "
                    + ", ".join(
                        f"<code>data/examples/invalid/{html.escape(n)}</code>" for n in broken
                    ),
                )
            )
        sources = _provenance(graph, source)
        definition = _text(graph, source, "skos:definition")
        rows = [
            ("IRI", f"<code>{html.escape(str(source))}</code>"),
            ("Title", html.escape(requirement.title)),
        ]
        if definition:
            rows.append(("Definition", html.escape(definition)))
        rows.append(
            (
                "Comes from",
                "; ".join(sources) if sources else "<em>no place in the study is cited for it</em>",
            )
        )
        rows.extend(extra)
        body = "\n".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
        items.append(
            f'<section class="term" id="{html.escape(requirement.id)}">\n'
            f"<h3>{html.escape(requirement.id)}: {html.escape(requirement.title)}</h3>\n"
            f"<dl>\n{body}\n</dl>\n</section>"
        )
    intro = (
        "<p>The SHACL shapes of the commissioning requirements and of the definition of a peer"
        " mentor, requirement by requirement, in the order validation reports list them.</p>"
    )
    return _page(
        "peergraph shapes: the commissioning requirements",
        intro,
        [("Requirements", items)],
        version,
    )


def _invalid_examples() -> dict[str, list[str]]:
    """Requirement id -> the invalid example updates whose ``# expect:`` line names it."""
    from peergraph.resources import data_dir

    found: dict[str, list[str]] = {}
    folder = data_dir() / "examples" / "invalid"
    for path in sorted(folder.glob("*.ru")) if folder.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# expect:"):
                for expected in line.removeprefix("# expect:").split(","):
                    words = expected.split()
                    if words:
                        found.setdefault(words[0], []).append(path.name)
    return {key: sorted(set(names)) for key, names in found.items()}
