"""Progression edges (derived by named rules) and routes between roles (CQ5)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from rdflib import Namespace

from peergraph.errors import InputError
from peergraph.graph import copy_graph, load_bundled_graph
from peergraph.routes import MAX_STEPS, find_routes, resolve_role, resolve_site

PG = Namespace("https://w3id.org/peergraph/ontology#")
ROLE = Namespace("https://w3id.org/peergraph/data/role/")
SITE = Namespace("https://w3id.org/peergraph/data/site/")


@pytest.fixture(scope="module")
def graph():
    return load_bundled_graph()


def _level(graph, role, prop) -> int:
    return int(graph.value(graph.value(role, prop), PG.position))


def test_every_edge_takes_on_no_less_responsibility_and_names_its_rule(graph) -> None:
    edges = list(graph.subject_objects(PG.progressesTo))
    assert len(edges) == 46
    for source, target in edges:
        assert _level(graph, target, PG.minLCR) >= _level(graph, source, PG.maxLCR)
        rules = {
            str(graph.value(r, PG.rule))
            for r in graph.subjects(PG.recordOf, source)
            if (r, PG.recordValue, target) in graph and (r, PG.provenanceKind, PG.derived) in graph
        }
        assert rules <= {"next-lcr-level", "into-collective-representation"} and rules, (
            source,
            target,
        )


def test_low_to_medium_to_high(graph) -> None:
    routes = find_routes(graph, ROLE["shannon-trust-mentor"], ROLE["peer-mentor"])
    shortest = [r for r in routes if len(r) == 3]
    assert [
        str(ROLE["shannon-trust-mentor"]),
        str(ROLE["rep"]),
        str(ROLE["peer-mentor"]),
    ] in shortest
    for route in routes:
        assert route[0] == str(ROLE["shannon-trust-mentor"]) and route[-1] == str(
            ROLE["peer-mentor"]
        )
        assert len(set(route)) == len(route)


def test_no_route_down_the_continuum(graph) -> None:
    assert find_routes(graph, ROLE["peer-mentor"], ROLE["induction-orderly"]) == []


def test_a_downward_edge_in_a_site_graph_is_never_followed(graph) -> None:
    g = copy_graph(graph)
    g.add((ROLE["peer-mentor"], PG.progressesTo, ROLE["induction-orderly"]))
    assert find_routes(g, ROLE["peer-mentor"], ROLE["induction-orderly"]) == []


def test_site_limits_routes_to_the_roles_it_offers(graph) -> None:
    g = copy_graph(graph)
    wing = SITE["hmp-risley-discovery-wing"]
    local = SITE["test-rep"]
    g.add((wing, PG.offersRole, local))
    g.add((local, PG.continuumRole, ROLE["rep"]))
    routes = find_routes(g, ROLE["shannon-trust-mentor"], site=SITE["hmp-risley"])
    assert [str(ROLE["shannon-trust-mentor"]), str(ROLE["rep"])] in routes
    assert [str(ROLE["shannon-trust-mentor"]), str(ROLE["rep"]), str(ROLE["peer-mentor"])] in routes
    assert all(str(ROLE["listener"]) not in r for r in routes)


def test_one_step_limit_by_default_everywhere(graph) -> None:
    import inspect

    assert inspect.signature(find_routes).parameters["max_steps"].default == MAX_STEPS
    start = ROLE["shannon-trust-mentor"]
    routes = find_routes(graph, start)
    assert routes and all(len(route) - 1 <= MAX_STEPS for route in routes)
    assert find_routes(graph, start, max_steps=MAX_STEPS) == routes
    one = find_routes(graph, start, max_steps=1)
    assert one == [route for route in routes if len(route) == 2]
    assert find_routes(graph, start, max_steps=0) == []


def test_cli_max_steps_defaults_to_the_module_constant() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "peergraph", "routes", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"in steps (default: {MAX_STEPS})" in " ".join(done.stdout.split())


def test_unknown_role_and_site_suggest_the_nearest(graph) -> None:
    with pytest.raises(InputError, match="did you mean 'peer-mentor'"):
        resolve_role(graph, "peer-mentr")
    with pytest.raises(InputError, match="no site 'hmp-nowhere' in the graph"):
        resolve_site(graph, "hmp-nowhere")
    assert resolve_role(graph, "role:listener") == ROLE["listener"]
    assert resolve_role(graph, str(ROLE["listener"])) == ROLE["listener"]


def test_cli_routes_json_is_a_list_of_slug_lists() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "peergraph", "routes", "--from", "listener", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [["listener", "peer-mentor"]]


def test_cli_unknown_role_exits_2_with_one_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "peergraph", "routes", "--from", "peer-mentr"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_routes_and_query_parameters_give_one_error_for_one_typo(graph) -> None:
    from peergraph.query import KnowledgeGraph

    with pytest.raises(InputError) as from_routes:
        resolve_role(graph, "lisener")
    with pytest.raises(InputError) as from_query:
        KnowledgeGraph().query("cq05-progression-routes", from_="lisener")
    assert "did you mean 'listener'?" in str(from_routes.value)
    assert str(from_query.value) == str(from_routes.value).replace(
        "peergraph: no role", "peergraph: parameter from: no role"
    )
