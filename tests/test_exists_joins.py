"""The compiled engine's rewrite of ``FILTER [NOT] EXISTS`` as a join (validation/exists_joins.py).

The rewrite is only a plan: every compiled constraint must give the same solutions with and
without it. That is checked here on Oxigraph and on rdflib (a second, independent SPARQL
engine) over a synthetic estate holding every invalid example once; the text cases pin what is
rewritten and what is left alone.
"""

from __future__ import annotations

from typing import Any

import pytest
from compiled_rewrites import estate_graph, oxigraph_store, same_solutions
from rdflib import Graph

from peergraph.synth import defects
from peergraph.validation import compiled
from peergraph.validation.compiled import compile_shapes
from peergraph.validation.exists_joins import exists_as_joins
from peergraph.validation.shapes import load_shapes_graph

PREFIX = "PREFIX ex: <http://example.org/>\n"


def test_a_not_exists_on_this_becomes_a_left_join_at_the_end_of_its_group() -> None:
    query = PREFIX + (
        "SELECT ?this WHERE { ?this a ex:Role . "
        "FILTER NOT EXISTS { ?this ex:training ?y . ?y ex:subject ex:mentoring } "
        "?this ex:label ?label }"
    )
    rewritten = exists_as_joins(query)
    assert "NOT EXISTS" not in rewritten
    assert "OPTIONAL { SELECT DISTINCT ?this (true AS ?peergraphExists0)" in rewritten
    # After the group's last pattern, so that it sees every variable the row binds.
    assert rewritten.index("?this ex:label ?label") < rewritten.index("OPTIONAL")
    assert rewritten.rstrip().endswith("FILTER (!BOUND(?peergraphExists0)) }")


def test_exists_becomes_bound_and_shares_every_variable_of_the_row() -> None:
    query = PREFIX + (
        "SELECT ?this ?value WHERE { ?this ex:p ?value . FILTER EXISTS { ?value a ?Class } }"
    )
    rewritten = exists_as_joins(query)
    assert "SELECT DISTINCT ?value (true AS ?peergraphExists0)" in rewritten  # not ?Class
    assert "FILTER (BOUND(?peergraphExists0))" in rewritten


@pytest.mark.parametrize(
    "body",
    [
        # ?value is shared only through a FILTER: unbound inside a subquery.
        "?this ex:p ?other FILTER (?other != ?value)",
        # A nested EXISTS, a subquery, VALUES: left to the engine.
        "?this ex:p ?x FILTER NOT EXISTS { ?x ex:q ?value }",
        "{ SELECT ?this WHERE { ?this ex:p ?value } }",
        "VALUES ?x { ex:a } ?this ex:p ?x",
    ],
)
def test_what_might_not_be_the_same_is_left_as_it_is(body: str) -> None:
    query = PREFIX + f"SELECT ?this WHERE {{ ?this ex:r ?value . FILTER NOT EXISTS {{ {body} }} }}"
    assert exists_as_joins(query) == query


def test_strings_iris_and_comments_are_not_read_as_sparql() -> None:
    query = PREFIX + (
        'SELECT ?this WHERE { ?this ex:note "FILTER NOT EXISTS { ?this ex:p ?q }" . '
        "?this <http://example.org/a#b> ?o .  # FILTER NOT EXISTS { not a pattern }\n"
        "FILTER NOT EXISTS { ?this ex:p '}' } }"
    )
    rewritten = exists_as_joins(query)
    assert '"FILTER NOT EXISTS { ?this ex:p ?q }"' in rewritten
    assert "# FILTER NOT EXISTS { not a pattern }" in rewritten
    assert "WHERE {  ?this ex:p '}'  }" in rewritten
    assert rewritten.count("OPTIONAL") == 1


def test_a_pattern_that_joins_is_matched_from_the_group_s_own_triples() -> None:
    """A semi-join: P's joins start from the rows the filter tests, not from the whole store;
    the group's other parts (nested groups, OPTIONAL, FILTER, BIND, comments) are left out."""
    query = PREFIX + (
        "SELECT ?this WHERE { ?this a ex:Wing ; ex:map ?map . # a comment . }\n"
        "FILTER (?map != ex:none) . OPTIONAL { ?this ex:label ?l } BIND (1 AS ?one) "
        "?this ex:offers ?role . "
        "FILTER NOT EXISTS { ?role ex:continuumRole ?c . ?map ex:mapsRole ?c } }"
    )
    rewritten = exists_as_joins(query)
    subquery = " ".join(rewritten[rewritten.index("OPTIONAL { SELECT DISTINCT") :].split())
    assert subquery.startswith(
        "OPTIONAL { SELECT DISTINCT ?map ?role (true AS ?peergraphExists0) WHERE { "
        "?this a ex:Wing ; ex:map ?map ."
    )
    assert "?this ex:offers ?role ." in subquery
    assert "ex:label" not in subquery and "BIND" not in subquery and "comment" not in subquery
    assert ". ." not in subquery


def test_a_single_triple_pattern_is_matched_on_its_own() -> None:
    query = PREFIX + (
        "SELECT ?this WHERE { ?this ex:p ?value . FILTER NOT EXISTS { ?value a ex:Known } }"
    )
    assert "WHERE {  ?value a ex:Known  }" in exists_as_joins(query)


def test_variables_are_case_sensitive() -> None:
    query = (
        PREFIX
        + "SELECT ?this WHERE { ?this ex:p ?Value . FILTER NOT EXISTS { ?this ex:q ?value } }"
    )
    assert "SELECT DISTINCT ?this (true" in exists_as_joins(query)


# ---------------------------------------------------------------------------------------------
# Every compiled constraint: the same solutions with and without the rewrite


@pytest.fixture(scope="module")
def every_example(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """Every invalid example planted once (and a prison or two without a defect)."""
    return estate_graph(tmp_path_factory.mktemp("estate") / "estate", len(defects()) + 2)


@pytest.fixture(scope="module")
def small_estate_graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """Two prisons, one with a defect: rdflib evaluates each EXISTS per row and solution, and
    a dozen prisons already take minutes."""
    return estate_graph(tmp_path_factory.mktemp("small") / "estate", 2)


def _pairs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shapes = load_shapes_graph()
    rewritten = [c.query for c in compile_shapes(shapes)]
    with monkeypatch.context() as patch:
        patch.setattr(compiled, "exists_as_joins", lambda query: query)
        plain = [c.query for c in compile_shapes(shapes)]
    return list(zip(plain, rewritten, strict=True))


def test_every_constraint_gives_the_same_solutions_on_oxigraph(
    every_example: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    pairs = _pairs(monkeypatch)
    assert sum(plain != new for plain, new in pairs) >= 20  # the rewrite is at work
    # The estate's planted defects give results to compare.
    assert same_solutions(oxigraph_store(every_example), pairs) > 50


def test_every_rewritten_constraint_means_the_same_to_rdflib(
    small_estate_graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    for plain, new in _pairs(monkeypatch):
        if plain == new:
            continue
        before = small_estate_graph.query(plain)
        names = [str(v) for v in before.vars or []]
        assert _rows(small_estate_graph.query(new), names) == _rows(before, names), plain


def _rows(results: Any, names: list[str]) -> set[tuple[str, ...]]:
    return {tuple(str(row[n]) if row[n] is not None else "" for n in names) for row in results}
