"""An independent SHACL engine agrees with peergraph's (pyshacl) on every example.

pyrudof (rudof, in Rust) validates the very graphs peergraph validates (``site_graphs``: each
site with the reference data merged in) against the same shapes. It must give the same
conformance verdict, and the same results: focus node, shape, severity and message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from peergraph.paths import data_dir
from peergraph.validation import load_shapes_graph, site_graphs, validate

pyrudof = pytest.importorskip("pyrudof", reason="pyrudof is not installed (pip install pyrudof)")

EXAMPLES = (
    sorted((data_dir() / "examples" / "valid").glob("*.ttl"))
    + sorted((data_dir() / "examples" / "invalid").glob("*.ttl"))
    + sorted((data_dir() / "sites").glob("*.ttl"))
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


def _rudof(graph_ntriples: str, shapes_turtle: str) -> tuple[bool, set[tuple[str, ...]]]:
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(graph_ntriples, format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(shapes_turtle)
    report = rudof.validate_shacl()
    results = {
        (_strip(e.focus_node), _strip(e.source_shape), _strip(e.severity), _strip(e.message))
        for e in report
    }
    return bool(report.conforms), results


@pytest.mark.parametrize(
    "path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}" if isinstance(p, Path) else p
)
def test_pyrudof_agrees_with_pyshacl(path: Path, shapes_turtle: str) -> None:
    report = validate(path)
    ours = {(r.focus.iri, r.shape, r.severity, r.message) for r in report.results}
    sites, _ = site_graphs(path)
    assert len(sites) == 1
    conforms, theirs = _rudof(sites[0].graph.serialize(format="nt"), shapes_turtle)
    assert conforms == report.conforms
    assert theirs == ours
