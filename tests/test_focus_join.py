"""The compiled engine's focus nodes joined inside the groups a query starts with
(validation/focus_join.py): the text cases, and the same solutions for every constraint with and
without it on Oxigraph over a synthetic estate holding every invalid example."""

from __future__ import annotations

from typing import Any

import pytest
from compiled_rewrites import estate_graph, oxigraph_store, same_solutions

from peergraph.synth import defects
from peergraph.validation import compiled
from peergraph.validation.compiled import compile_shapes
from peergraph.validation.focus_join import focus_inside_groups
from peergraph.validation.shapes import load_shapes_graph

FOCUS = "{ SELECT DISTINCT ?this WHERE { ?this a <http://example.org/Role> } }"


def test_the_focus_goes_inside_each_branch_of_a_leading_union() -> None:
    pattern = " { ?this ?p ?o FILTER (isIRI(?o)) } UNION { ?this a ?o } ?this ?q ?r }"
    rewritten = focus_inside_groups(pattern, FOCUS)
    assert rewritten == (
        f" {{ {FOCUS}  ?this ?p ?o FILTER (isIRI(?o)) }} UNION {{ {FOCUS}  ?this a ?o }}"
        " ?this ?q ?r }"
    )


def test_a_single_leading_group_gets_it_too() -> None:
    rewritten = focus_inside_groups(" { ?this ?p ?o . FILTER (?p != ?o) } BIND (1 AS ?x) }", FOCUS)
    assert rewritten == f" {{ {FOCUS}  ?this ?p ?o . FILTER (?p != ?o) }} BIND (1 AS ?x) }}"


@pytest.mark.parametrize(
    "pattern",
    [
        " ?this ?p ?o . { ?o ?q ?r } }",  # no leading group: the focus stays in front
        " { SELECT ?this WHERE { ?this ?p ?o } } }",  # a subquery would not see it
        " { ?this ?p ?o } UNION ?this }",  # not a group after UNION
        ' { ?this ?p "}" ',  # unbalanced, as the scanner reads it
    ],
)
def test_what_the_rewrite_does_not_apply_to(pattern: str) -> None:
    assert focus_inside_groups(pattern, FOCUS) is None


def test_braces_in_strings_iris_and_comments_do_not_count() -> None:
    pattern = ' { ?this ?p "} UNION {" . # } UNION {\n ?this <http://e.org/a#b> "{" } ?this ?q ?r }'
    rewritten = focus_inside_groups(pattern, FOCUS)
    assert rewritten is not None
    assert rewritten.count(FOCUS) == 1


@pytest.fixture(scope="module")
def estate_store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("estate") / "estate"
    return oxigraph_store(estate_graph(folder, len(defects()) + 2))


def test_every_constraint_gives_the_same_solutions_with_the_focus_inside(
    estate_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    shapes = load_shapes_graph()
    inside = [c.query for c in compile_shapes(shapes)]
    with monkeypatch.context() as patch:
        patch.setattr(compiled, "focus_inside_groups", lambda pattern, focus: None)
        in_front = [c.query for c in compile_shapes(shapes)]
    pairs = list(zip(in_front, inside, strict=True))
    assert sum(a != b for a, b in pairs) >= 10  # it is at work
    assert same_solutions(estate_store, pairs) > 50
