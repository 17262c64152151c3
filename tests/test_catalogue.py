"""The requirement catalogue is read from the Turtle: shapes/requirements.ttl and the study."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import SH, SKOS

from peergraph import graph, resources
from peergraph.validation import load_shapes_graph, requirement_ids, requirements, validate
from peergraph.validation import sites as sites_module

VALID = resources.data_dir() / "examples" / "valid" / "hmp-example.ttl"


def _caches_clear() -> None:
    graph.load_reference_graph.cache_clear()
    load_shapes_graph.cache_clear()
    requirements.cache_clear()
    sites_module._reference_index.cache_clear()


def test_catalogue_ids_and_titles_are_the_studys() -> None:
    found = requirements()
    assert [r.id for r in found] == list(requirement_ids())
    reference = graph.load_reference_graph()
    for requirement in found[:-1]:  # all but DQ, which is the shapes' own
        label = str(reference.value(URIRef(requirement.source), RDFS.label))
        assert label == f"{requirement.id}: {requirement.title}"
    by_id = {r.id: r for r in found}
    assert by_id["R2a"].title == "a CFO Governor-level sponsor"
    assert by_id["DQ"].title == "data quality: a well-formed site graph"
    assert by_id["D-a"].definition_element and not by_id["R2a"].definition_element


def test_every_shape_names_a_catalogued_requirement_and_every_requirement_has_shapes() -> None:
    shapes = load_shapes_graph()
    notations = {
        str(n)
        for s in shapes.subjects(RDF.type, SH.NodeShape)
        for n in shapes.objects(s, SKOS.notation)
    }
    assert notations == set(requirement_ids())


def test_what_a_requirement_is_checked_on_is_a_target_of_its_shapes() -> None:
    shapes = load_shapes_graph()
    for requirement in requirements():
        targets = {
            str(t)
            for s in shapes.subjects(SKOS.notation, None)
            if str(shapes.value(s, SKOS.notation)) == requirement.id
            for t in shapes.objects(s, SH.targetClass)
        }
        assert requirement.checked_on <= targets, requirement.id


@pytest.fixture
def throwaway_requirement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A copy of the resources with one more requirement, R9z, added in Turtle only."""
    for name in resources.RESOURCE_NAMES:
        shutil.copytree(resources.resource_dir(name), tmp_path / name)
    (tmp_path / "data" / "r9z.ttl").write_text(
        "@prefix pg: <https://w3id.org/peergraph/ontology#> .\n"
        "@prefix study: <https://w3id.org/peergraph/data/study/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'study:R9z a pg:Recommendation ; rdfs:label "R9z: a throw-away requirement"@en ;\n'
        '    pg:recommendationId "R9z" .\n',
        encoding="utf-8",
    )
    (tmp_path / "shapes" / "r9z.ttl").write_text(
        "@prefix pg: <https://w3id.org/peergraph/ontology#> .\n"
        "@prefix pgsh: <https://w3id.org/peergraph/shapes#> .\n"
        "@prefix study: <https://w3id.org/peergraph/data/study/> .\n"
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "pgsh:R9z-not-evidenced a sh:NodeShape ;\n"
        '    rdfs:label "R9z: no throw-away evidence"@en ;\n'
        '    skos:notation "R9z" ; dcterms:source study:R9z ;\n'
        "    sh:targetClass pg:Prison ; sh:property pgsh:R9z-evidence .\n"
        "pgsh:R9z-evidence sh:path pg:throwAwayEvidence ; sh:minCount 1 ;\n"
        "    sh:severity sh:Warning ;\n"
        '    sh:message "R9z: {$this} records no throw-away evidence." .\n',
        encoding="utf-8",
    )
    catalogue_file = tmp_path / "shapes" / "requirements.ttl"
    text = catalogue_file.read_text(encoding="utf-8")
    assert "study:R3e\n" in text
    catalogue_file.write_text(text.replace("study:R3e\n", "study:R3e study:R9z\n", 1))
    monkeypatch.setattr(resources, "repository_root", lambda: tmp_path)
    _caches_clear()
    yield
    monkeypatch.undo()
    _caches_clear()


@pytest.mark.usefixtures("throwaway_requirement")
def test_a_requirement_added_in_turtle_reaches_the_report_scorecard_and_csv() -> None:
    ids = requirement_ids()
    assert ids.index("R9z") == ids.index("R3e") + 1
    report = validate(VALID)
    found = [(r.requirement, r.severity, r.message) for r in report.results]
    assert found == [("R9z", "Warning", "R9z: HMP Example records no throw-away evidence.")]
    text = report.render("text")
    assert "R9z  a throw-away requirement" in text
    assert "R9z,Warning" in report.render("csv")
    card = report.scorecard()
    assert card.requirements == ids
    assert card.rows[0][1]["R9z"] == "not evidenced"
    assert "R9z" in card.render("csv").splitlines()[0].split(",")
