"""An independent SHACL engine agrees with peergraph's (pyshacl) on every example.

pyrudof (rudof, in Rust) validates the very graphs peergraph validates (``site_graphs``: each
site with the reference data merged in) against the same shapes. It must give the same
conformance verdict, and the same results: focus node, shape, severity and message.
"""

from __future__ import annotations

from pathlib import Path

import example_sites
import pytest
from rdflib import Graph, Literal, URIRef

from peergraph.resources import data_dir
from peergraph.validation import fill_message, load_shapes_graph, site_graphs, validate

pyrudof = pytest.importorskip("pyrudof", reason="pyrudof is not installed (pip install pyrudof)")

# "folder/file": the valid examples, the invalid ones (composed by tests/example_sites.py into
# the invalid_examples_dir fixture) and the pilot sites.
FOLDERS = {"valid": data_dir() / "examples" / "valid", "sites": data_dir() / "sites"}
EXAMPLES = (
    [f"valid/{p.name}" for p in sorted(FOLDERS["valid"].glob("*.ttl"))]
    + [f"invalid/{name}.ttl" for name in example_sites.names()]
    + [f"sites/{p.name}" for p in sorted(FOLDERS["sites"].glob("*.ttl"))]
)


@pytest.fixture(scope="module")
def shapes_turtle() -> str:
    return load_shapes_graph().serialize(format="turtle")


def _strip(term: object) -> str:
    text = str(term)
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    return text


def _term(text: str) -> URIRef | Literal:
    return URIRef(text) if "://" in text or text.startswith("urn:") else Literal(text)


def _rudof(data: Graph, shapes_turtle: str) -> tuple[bool, set[tuple[str, ...]]]:
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(data.serialize(format="nt"), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(shapes_turtle)
    report = rudof.validate_shacl()
    # The message templates of core constraints ({$this}, {$value}) are filled by peergraph for
    # every engine alike: fill pyrudof's the same way.
    results = {
        (
            _strip(e.focus_node),
            _strip(e.source_shape),
            _strip(e.severity),
            fill_message(
                _strip(e.message),
                data,
                _term(_strip(e.focus_node)),
                _term(_strip(e.value)) if e.value is not None else None,
            ),
        )
        for e in report
    }
    return bool(report.conforms), results


@pytest.mark.parametrize("example", EXAMPLES)
def test_pyrudof_agrees_with_pyshacl(
    example: str, shapes_turtle: str, invalid_examples_dir: Path
) -> None:
    folder, name = example.split("/")
    path = (invalid_examples_dir if folder == "invalid" else FOLDERS[folder]) / name
    report = validate(path)
    ours = {(r.focus.iri, r.shape, r.severity, r.message) for r in report.results}
    sites, _ = site_graphs(path)
    assert len(sites) == 1
    conforms, theirs = _rudof(sites[0].graph, shapes_turtle)
    assert conforms == report.conforms
    assert theirs == ours
