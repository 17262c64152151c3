"""The ontology and data load in rdflib and in owlready2 without a warning."""

from __future__ import annotations

import contextlib
import io
import logging
import warnings

from peergraph.graph import load_bundled_graph
from peergraph.resources import data_dir, ontology_dir


def test_rdflib_parses_every_file_without_a_warning(caplog) -> None:
    from rdflib import Graph

    files = sorted(ontology_dir().glob("*.ttl")) + sorted(data_dir().rglob("*.ttl"))
    assert len(files) >= 8
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with caplog.at_level(logging.WARNING, logger="rdflib"):
            for path in files:
                Graph().parse(path)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_owlready2_loads_the_bundled_graph_without_a_warning() -> None:
    import owlready2
    from rdflib import OWL

    graph = load_bundled_graph()
    # The modules' owl:imports point at each other's published IRIs; everything they import is
    # already in the bundled graph, so owlready2 must not try to fetch it.
    graph.remove((None, OWL.imports, None))
    data = graph.serialize(format="nt", encoding="utf-8")
    chatter = io.StringIO()
    with (
        warnings.catch_warnings(record=True) as caught,
        contextlib.redirect_stdout(chatter),
        contextlib.redirect_stderr(chatter),
    ):
        warnings.simplefilter("always")
        world = owlready2.World()
        world.get_ontology("http://peergraph.invalid/load#").load(
            fileobj=io.BytesIO(data), format="ntriples"
        )
    assert [str(w.message) for w in caught] == []
    assert chatter.getvalue() == ""
    # owlready2 understood the classes and the roles, not just stored triples.
    peer_mentor = world["https://w3id.org/peergraph/data/role/peer-mentor"]
    assert peer_mentor is not None
    assert any(c.name == "ContinuumRole" for c in peer_mentor.is_a)
    defined = world["https://w3id.org/peergraph/ontology#PeerMentoringRole"]
    assert defined is not None and defined.equivalent_to, "the defined class lost its definition"
    assert peer_mentor in set(
        world["https://w3id.org/peergraph/ontology#ContinuumRole"].instances()
    )
