"""The pyrudof engine: rudof's SHACL validator (Rust), behind the same interface as pyshacl's.

The shapes are read into a rudof session once per process, and the reference graph's
N-Triples are written once; each site is validated on the reference data plus its own triples,
exactly the graph pyshacl validates (``SiteGraph.graph``). Its results are mapped to the same
``Result`` objects, with the same rules as pyshacl's (``report_graph.results_of``): the requirement
of the owning shape, the message template filled by ``fill_message``, the focus node's label,
the value unless it is the focus node. The ``sh:ValidationReport`` is rebuilt from the results
in SHACL's own terms, the result path copied from the shape, so the report's detail and Turtle
are the same as pyshacl's.

rudof substitutes SHACL-SPARQL messages' ``{?var}`` itself and leaves ``{$this}``,
``{$value}`` and ``{?nearest}`` as they are, like pyshacl: ``fill_message`` fills them for both.
``tests/test_engines_agree.py`` checks the two engines give the same results on every example.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from peergraph.graph import load_reference_graph
from peergraph.validation.shapes import load_shapes_graph

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node as Term

    from peergraph.validation.model import Node, Result

__all__ = ["available", "validate_site"]


def available() -> bool:
    """Whether pyrudof can be imported here."""
    try:
        import pyrudof  # noqa: F401
    except ImportError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def _shapes_turtle() -> str:
    return load_shapes_graph().serialize(format="turtle")


@functools.lru_cache(maxsize=1)
def _reference_ntriples() -> str:
    return load_reference_graph().serialize(format="nt")


@functools.lru_cache(maxsize=1)
def _session() -> Any:
    """A rudof session with the shapes read (reading them is a tenth of a site's time)."""
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_shacl(_shapes_turtle())
    return rudof


def validate_site(graph: Graph, site: Node, own: Graph | None = None) -> tuple[list[Result], Graph]:
    """Validate one site's data graph (``graph``: the reference graph plus the site's triples,
    ``own``: the site's triples alone, when known, so the reference's N-Triples are written
    once per process): its results and its ``sh:ValidationReport``."""
    import pyrudof

    from peergraph.validation.report_graph import report_graph_of, results_of

    rudof = _session()
    if own is not None:
        text = _reference_ntriples() + own.serialize(format="nt")
    else:
        text = graph.serialize(format="nt")
    rudof.read_data(text, format=pyrudof.RDFFormat.NTriples)
    report = rudof.validate_shacl()
    raw = [
        (
            _term(str(e.focus_node)),
            _term(str(e.source_shape)),
            _severity(str(e.severity)),
            _text(e.message),
            _term(str(e.value)) if e.value is not None else None,
            _path(e.path),
        )
        for e in report
    ]
    rudof.reset_data()
    shapes = load_shapes_graph()
    report_graph = report_graph_of(raw, shapes, graph)
    return results_of(report_graph, shapes, graph, site), report_graph


def _path(path: Any) -> Term | None:
    """A result path rudof names as one IRI; ``None`` for none or a complex one (the report
    then copies the shape's ``sh:path``, with its structure)."""
    from rdflib import URIRef

    if path is None:
        return None
    text = _strip(str(path))
    # rudof writes a complex path with spaces and brackets around its parts.
    if ":" not in text or any(c in text for c in " ()|^"):
        return None
    return URIRef(text)


def _severity(text: str) -> str:
    """rudof's severity ("Violation", ``sh:Warning``, or the IRI) as SHACL's local name."""
    return _strip(text).rsplit("#", 1)[-1].rsplit(":", 1)[-1]


def _text(message: Any) -> str | None:
    return None if message is None else _strip(str(message))


def _strip(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    return text


_LITERAL = re.compile(
    r'^"(?P<lex>.*)"(?:@(?P<lang>[A-Za-z0-9-]+)|\^\^(?P<type><[^>]*>|\S+))?$', re.S
)
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _term(text: str) -> Term:
    """A term as rudof writes it: an IRI (bare or in ``<>``), a blank node, or a literal
    (``"12"^^xsd:integer``, ``"text"@en``, ``"text"``: the datatype may be a prefixed name)."""
    from rdflib import BNode, Literal, URIRef

    if text.startswith("_:"):
        return BNode(text[2:])
    match = _LITERAL.match(text)
    if match is not None:
        lexical = re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[0]), match["lex"])
        if match["lang"]:
            return Literal(lexical, lang=match["lang"])
        if match["type"]:
            return Literal(lexical, datatype=_datatype(match["type"]))
        return Literal(lexical)
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if ":" in text:
        return URIRef(text)
    return Literal(text)


def _datatype(text: str) -> URIRef:
    """``<iri>`` or a prefixed name rudof uses (``xsd:integer``) as the IRI."""
    from rdflib import Graph, URIRef  # noqa: F811 (the runtime import of the type)

    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    try:
        return Graph().namespace_manager.expand_curie(text)
    except ValueError:
        return URIRef(text)
