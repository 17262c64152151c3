"""``peergraph validate --endpoint URL [--graph IRI]``: the sites a real Oxigraph server holds,
with the same report as validating the same triples as files."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import CliResult, OxigraphServer, free_port
from rdflib import URIRef

from peergraph.resources import data_dir
from peergraph.synth import synthesise
from peergraph.validation import validate
from peergraph.validation.endpoint import validate_endpoint

Run = Callable[..., CliResult]
SITES = data_dir() / "sites"
TEMPLATE = data_dir() / "examples" / "valid" / "hmp-example.ttl"
ROLE_BASE = "https://w3id.org/peergraph/data/role/"


def _comparable(report: dict[str, Any]) -> dict[str, Any]:
    """A report's JSON without what depends on where the triples came from: the input files
    (an endpoint has none) and the time."""
    kept = {k: v for k, v in report.items() if k not in ("created", "inputs")}
    kept["sites"] = [{k: v for k, v in s.items() if k != "files"} for s in report["sites"]]
    return kept


def test_the_bundled_graph_at_an_endpoint_gives_the_pilot_sites_report(
    oxigraph_server: OxigraphServer,
) -> None:
    """The session server holds the bundled graph: the reference data and the pilot sites, in
    its default graph, as ``peergraph serve`` holds them; the checks run there."""
    notices: list[str] = []
    remote = validate_endpoint(oxigraph_server.query_url, notice=notices.append)
    assert notices == [f"checked at the endpoint {oxigraph_server.query_url}"]
    local = validate(SITES)
    assert [s.site for s in remote.sites] == [s.site for s in local.sites]
    assert len(remote.sites) == len(list(SITES.glob("*.ttl")))
    assert _comparable(remote.to_dict()) == _comparable(local.to_dict())
    assert remote.results  # the pilot sites do not meet every requirement
    assert remote.scorecard().render("csv") == local.scorecard().render("csv")


def test_the_command_line_gives_the_same_summary(
    oxigraph_server: OxigraphServer, run_cli: Run
) -> None:
    remote = run_cli("validate", "--endpoint", oxigraph_server.query_url, "--summary", "-q")
    local = run_cli("validate", str(SITES), "--summary", "-q")
    assert remote.code == local.code
    assert remote.out == local.out
    assert remote.out.strip()


def _load_named(server: OxigraphServer, graph: str, path: Path) -> None:
    request = urllib.request.Request(
        f"{server.store_url}?graph={urllib.parse.quote(graph, safe='')}",
        data=path.read_bytes(),
        method="POST",
        headers={"Content-Type": "text/turtle"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status in (200, 201, 204)


def test_a_named_graph_alone(empty_oxigraph_server: OxigraphServer, run_cli: Run) -> None:
    server = empty_oxigraph_server
    _load_named(server, "https://example.org/graphs/template", TEMPLATE)
    _load_named(server, "https://example.org/graphs/risley", SITES / "hmp-risley.ttl")
    remote = run_cli(
        "validate",
        "--endpoint",
        server.query_url,
        "--graph",
        "https://example.org/graphs/risley",
        "--format",
        "json",
        "--fail-on",
        "never",
    )
    local = run_cli(
        "validate", str(SITES / "hmp-risley.ttl"), "--format", "json", "--fail-on", "never"
    )
    assert remote.code == local.code == 0, remote.err
    # The named graph holds no reference data: the triples are read and checked here.
    assert "checking here, not at the endpoint" in remote.err
    assert "reference data" in remote.err
    ours, theirs = json.loads(remote.out), json.loads(local.out)
    assert [s["site"]["iri"] for s in ours["sites"]] == [
        "https://w3id.org/peergraph/data/site/hmp-risley"
    ]
    assert _comparable(ours) == _comparable(theirs)


@pytest.fixture
def pushed_server(empty_oxigraph_server: OxigraphServer, run_cli: Run) -> OxigraphServer:
    """An Oxigraph server holding the release as ``peergraph push`` writes it (named graphs)."""
    pushed = run_cli("push", "--endpoint", empty_oxigraph_server.store_url)
    assert pushed.code == 0, pushed.err
    return empty_oxigraph_server


SITES_GRAPH = "https://example.org/graphs/estate"


def test_an_estate_beside_the_pushed_release_is_checked_at_the_endpoint(
    pushed_server: OxigraphServer, tmp_path: Path
) -> None:
    """Sites in a named graph of their own, the reference data in the graphs `push` wrote:
    each query reads both through FROM, and the report is local validation's."""
    estate = tmp_path / "estate"
    synthesise(estate, prisons=5, seed=11, wings=2, defect_share=0.8)
    for file in sorted(estate.glob("*.nt")):
        _load_named(pushed_server, SITES_GRAPH, file)
    notices: list[str] = []
    remote = validate_endpoint(pushed_server.query_url, graph=SITES_GRAPH, notice=notices.append)
    local = validate(estate)
    assert notices == [f"checked at the endpoint {pushed_server.query_url}"]
    assert len(remote.sites) == 5
    assert {r.requirement for r in remote.results} >= {"DQ", "R2e"}  # defects were planted
    assert _comparable(remote.to_dict()) == _comparable(local.to_dict())


def test_the_command_line_says_where_the_checks_ran(
    pushed_server: OxigraphServer, run_cli: Run
) -> None:
    _load_named(pushed_server, SITES_GRAPH, TEMPLATE)
    argv = ["validate", "--endpoint", pushed_server.query_url, "--graph", SITES_GRAPH]
    shown = run_cli(*argv, "--summary")
    quiet = run_cli(*argv, "--summary", "--quiet")
    assert shown.code == quiet.code == 0, shown.err
    url = pushed_server.query_url
    assert shown.err.strip() == f"peergraph validate: checked at the endpoint {url}"
    assert quiet.err == ""
    assert shown.out == quiet.out == run_cli("validate", str(TEMPLATE), "--summary").out


def _variant_site(tmp_path: Path) -> Path:
    """The template with its induction buddy recorded as Purple Band, a role variant."""
    import example_sites
    from rdflib import Namespace

    from peergraph.pg import PG

    ex = Namespace("https://example.org/peergraph/hmp-example/")
    graph = example_sites.template()
    graph.remove((ex["induction-buddy"], PG.continuumRole, None))
    graph.add((ex["induction-buddy"], PG.continuumRole, URIRef(ROLE_BASE + "purple-band")))
    path = tmp_path / "variant.ttl"
    graph.serialize(path, format="turtle")
    return path


def _blank_node_site(tmp_path: Path) -> Path:
    """The template with one of its things (its wing's peer role forum) a blank node."""
    import example_sites
    from rdflib import BNode

    from peergraph.pg import PG

    graph = example_sites.template()
    forum = next(graph.objects(None, PG.peerRoleForum))
    blank = BNode()
    for s, p, o in list(graph):
        if forum in (s, o):
            graph.remove((s, p, o))
            graph.add((blank if s == forum else s, p, blank if o == forum else o))
    path = tmp_path / "blank.ttl"
    graph.serialize(path, format="turtle")
    return path


@pytest.mark.parametrize(
    ("make", "why"),
    [(_variant_site, "role variants"), (_blank_node_site, "blank nodes")],
)
def test_what_the_endpoint_cannot_report_exactly_is_checked_here(
    pushed_server: OxigraphServer,
    tmp_path: Path,
    make: Callable[[Path], Path],
    why: str,
) -> None:
    site = make(tmp_path)
    _load_named(pushed_server, SITES_GRAPH, site)
    notices: list[str] = []
    remote = validate_endpoint(pushed_server.query_url, graph=SITES_GRAPH, notice=notices.append)
    assert len(notices) == 1 and why in notices[0], notices
    assert notices[0].startswith("checking here, not at the endpoint")
    assert _comparable(remote.to_dict()) == _comparable(validate(site).to_dict())


def test_another_engine_checks_here_and_says_so(pushed_server: OxigraphServer) -> None:
    _load_named(pushed_server, SITES_GRAPH, TEMPLATE)
    notices: list[str] = []
    remote = validate_endpoint(
        pushed_server.query_url, graph=SITES_GRAPH, engine="pyshacl", notice=notices.append
    )
    assert notices == [
        f"checking here, not at the endpoint {pushed_server.query_url}: "
        "the pyshacl engine runs here"
    ]
    local = validate(TEMPLATE, engine="pyshacl")
    assert _comparable(remote.to_dict()) == _comparable(local.to_dict())


def test_an_empty_graph_is_bad_input(empty_oxigraph_server: OxigraphServer, run_cli: Run) -> None:
    result = run_cli("validate", "--endpoint", empty_oxigraph_server.query_url)
    assert result.code == 2
    assert "holds no triples" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_an_endpoint_that_is_down(run_cli: Run) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = run_cli("validate", "--endpoint", url)
    assert result.code == 2
    assert "127.0.0.1" in result.err
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--endpoint", "http://127.0.0.1:9/query", str(SITES)], "not both"),
        (["--graph", "https://example.org/g", str(SITES)], "--endpoint"),
        (["--endpoint", "http://127.0.0.1:9/query", "--graph", "no scheme"], "not an IRI"),
        (["--endpoint", "http://127.0.0.1:9/query", "--graph", "https://e.org/>{"], "not an IRI"),
        ([], "no site given"),
    ],
)
def test_bad_options(run_cli: Run, argv: list[str], words: str) -> None:
    """Refused before any request (port 9 would not answer)."""
    result = run_cli("validate", *argv)
    assert result.code == 2
    assert words in result.err
    assert len(result.err.strip().splitlines()) == 1
