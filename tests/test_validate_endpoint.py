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

from peergraph.resources import data_dir
from peergraph.validation import validate
from peergraph.validation.endpoint import validate_endpoint

Run = Callable[..., CliResult]
SITES = data_dir() / "sites"
TEMPLATE = data_dir() / "examples" / "valid" / "hmp-example.ttl"


def _comparable(report: dict[str, Any]) -> dict[str, Any]:
    """A report's JSON without what depends on where the triples came from: the input files
    (an endpoint has none) and the time."""
    kept = {k: v for k, v in report.items() if k not in ("created", "inputs")}
    kept["sites"] = [{k: v for k, v in s.items() if k != "files"} for s in report["sites"]]
    return kept


def test_the_bundled_graph_at_an_endpoint_gives_the_pilot_sites_report(
    oxigraph_server: OxigraphServer,
) -> None:
    """The session server holds the bundled graph: the reference data and the pilot sites."""
    remote = validate_endpoint(oxigraph_server.query_url)
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
    ours, theirs = json.loads(remote.out), json.loads(local.out)
    assert [s["site"]["iri"] for s in ours["sites"]] == [
        "https://w3id.org/peergraph/data/site/hmp-risley"
    ]
    assert _comparable(ours) == _comparable(theirs)


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
