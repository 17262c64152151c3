"""The licence files and CITATION.cff say what the README, pyproject.toml and the graph say."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml
from rdflib import URIRef
from rdflib.namespace import DCTERMS, FOAF

from peergraph.graph import load_bundled_graph
from peergraph.pg import STUDY

ROOT = Path(__file__).resolve().parents[1]


def test_the_licence_texts_are_there() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    cc = (ROOT / "LICENSES" / "CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert cc.startswith("Attribution 4.0 International")
    # The whole legal text: its eight sections, to the last one.
    for section in range(1, 9):
        assert f"Section {section} -- " in cc
    assert "creativecommons.org/licenses/by/4.0/" in (ROOT / "LICENSE-DATA").read_text()


def test_pyproject_names_both_licences_as_an_spdx_expression() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT AND CC-BY-4.0"


def test_citation_cff_cites_the_study_as_the_graph_does() -> None:
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == project["version"]
    study = STUDY["albertson-2024e"]
    graph = load_bundled_graph()
    (reference,) = citation["references"]
    assert reference["title"] == str(graph.value(study, DCTERMS.title))
    assert " ".join(reference["notes"].split()) == str(
        graph.value(study, DCTERMS.bibliographicCitation)
    )
    assert str(graph.value(study, DCTERMS.issued)) == str(reference["year"])
    author = graph.value(study, DCTERMS.creator)
    assert isinstance(author, URIRef)
    person = reference["authors"][0]
    assert (
        str(graph.value(author, FOAF.name)) == f"{person['given-names']} {person['family-names']}"
    )
