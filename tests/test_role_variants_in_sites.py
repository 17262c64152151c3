"""A site graph may name a role by the variant footnotes 18 and 20 give it (Purple Band, Red
Band, a kind of Rep): it is the continuum role for every check, query, route and map, as a form
naming Purple Band already is (``queries/rules/site/role-variants.rq``)."""

from __future__ import annotations

import json
from pathlib import Path

import example_sites
import pytest
from rdflib import Graph, Namespace

from peergraph.cli import main
from peergraph.graph import load_files, load_reference_graph
from peergraph.query import KnowledgeGraph
from peergraph.validation import validate

PG = Namespace("https://w3id.org/peergraph/ontology#")
ROLE = Namespace("https://w3id.org/peergraph/data/role/")
EX = Namespace("https://example.org/peergraph/hmp-example/")


def _template_with(tmp_path: Path, role: str, name: str) -> Path:
    """The valid template with its induction buddy recorded as ``role`` (and on a journey map
    that names it the same way)."""
    graph = example_sites.template()
    graph.remove((EX["induction-buddy"], PG.continuumRole, None))
    graph.add((EX["induction-buddy"], PG.continuumRole, ROLE[role]))
    for journey_map in graph.objects(None, PG.journeyMap):
        graph.remove((journey_map, PG.mapsRole, EX["induction-buddy"]))
        graph.add((journey_map, PG.mapsRole, ROLE[role]))
    path = tmp_path / f"{name}.ttl"
    graph.serialize(path, format="turtle")
    return path


def _results(path: Path) -> set[tuple[str, str, str]]:
    report = validate(path)
    return {(r.requirement, r.severity, r.message) for r in report.results}


@pytest.mark.parametrize("variant", ["purple-band", "red-band"])
def test_a_band_variant_validates_as_the_continuum_role(tmp_path: Path, variant: str) -> None:
    by_role = _results(_template_with(tmp_path, "red-purple-band", "role"))
    by_variant = _results(_template_with(tmp_path, variant, "variant"))
    assert by_variant == by_role
    assert not [r for r in by_variant if r[0] == "DQ"]


def test_every_variant_is_accepted_where_a_role_is_named(tmp_path: Path) -> None:
    variants = sorted(load_reference_graph().objects(None, PG.hasVariant))
    assert len(variants) >= 10  # two band names (footnote 18), eight kinds of Rep (footnote 20)
    for n, variant in enumerate(variants):
        slug = str(variant).rsplit("/", 1)[1]
        path = _template_with(tmp_path, slug, f"variant-{n}")
        assert not [r for r in validate(path).results if r.requirement == "DQ"], slug


def test_a_misspelt_variant_is_still_a_role_that_does_not_exist(tmp_path: Path) -> None:
    path = _template_with(tmp_path, "purple-bnad", "typo")
    report = validate(path)
    messages = [r.message for r in report.results if r.requirement == "DQ"]
    assert any("role:purple-bnad" in m and "does not exist" in m for m in messages), messages


def test_loaded_site_data_names_the_continuum_role_beside_the_variant(tmp_path: Path) -> None:
    path = _template_with(tmp_path, "purple-band", "variant")
    graph: Graph = load_files([path])
    assert (EX["induction-buddy"], PG.continuumRole, ROLE["red-purple-band"]) in graph
    assert (EX["induction-buddy"], PG.continuumRole, ROLE["purple-band"]) in graph
    query = f"ASK {{ <{EX['induction-buddy']}> <{PG.continuumRole}> <{ROLE['red-purple-band']}> }}"
    for strict in (True, False):
        kg = KnowledgeGraph(data=[path], strict=strict)
        assert bool(kg.query(query)), strict


def test_routes_and_maps_of_a_site_naming_purple_band(tmp_path: Path, capsys) -> None:
    path = _template_with(tmp_path, "purple-band", "variant")
    assert main(["routes", "--site", str(path), "--to", "peer-mentor", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [["red-purple-band", "peer-mentor"]]
    out = tmp_path / "map.svg"
    assert main(["map", str(path), "--out", str(out)]) == 0
    assert "Red Band" in out.read_text(encoding="utf-8")
