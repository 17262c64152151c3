"""`peergraph serve`: the bundled graph as a read-only Oxigraph endpoint on 127.0.0.1."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import CliResult, free_port, peergraph_command, peergraph_env

from peergraph.errors import EndpointError
from peergraph.publish.serve import OxigraphNotFoundError, find_oxigraph
from peergraph.query import KnowledgeGraph

Run = Callable[..., CliResult]

SITE = """@prefix pg: <https://w3id.org/peergraph/ontology#> .
@prefix site: <https://w3id.org/peergraph/data/site/> .
@prefix role: <https://w3id.org/peergraph/data/role/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
site:hmp-example a pg:Prison ; rdfs:label "HMP Example"@en ; pg:hostsCFOWing site:hmp-example-wing .
site:hmp-example-wing a pg:CFOWing ; rdfs:label "Example wing"@en ;
    pg:offersRole site:hmp-example-mentor .
site:hmp-example-mentor a pg:LocalRole ; rdfs:label "Peer mentor"@en ;
    pg:continuumRole role:peer-mentor .
"""


class Served:
    def __init__(self, process: subprocess.Popen[str], url: str, first_line: str) -> None:
        self.process, self.url, self.first_line = process, url, first_line


def start_serve(*args: str) -> Served:
    process = subprocess.Popen(
        [*peergraph_command(), "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=peergraph_env(),
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # printed once the endpoint answers
    match = re.search(r"(http://127\.0\.0\.1:\d+/query)", line)
    if match is None:
        process.kill()
        _, err = process.communicate()
        pytest.fail(f"serve did not start: {line!r} {err!r}")
    return Served(process, match.group(1), line)


def stop_serve(served: Served) -> tuple[int, str, str]:
    served.process.send_signal(signal.SIGINT)  # what Ctrl-C sends
    out, err = served.process.communicate(timeout=30)
    return served.process.returncode, out, err


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    site = tmp_path / "hmp-example.ttl"
    site.write_text(SITE, encoding="utf-8")
    s = start_serve("--port", "0", "--data", str(site))
    try:
        yield s
    finally:
        if s.process.poll() is None:
            s.process.kill()
            s.process.wait()


def port_is_open(url: str) -> bool:
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_serve_answers_the_library_and_stops_cleanly_on_ctrl_c(served: Served) -> None:
    assert "read-only" in served.first_line
    local = KnowledgeGraph()
    remote = KnowledgeGraph(endpoint=served.url)
    assert [str(r["siteLabel"]) for r in remote.query("cq04-peer-mentor-sites")] == [
        "HMP Drake Hall",
        "HMP Example",  # the --data site graph is served too
        "HMP High Down",
        "HMP Holme House",
        "HMP Risley",
    ]
    assert len(remote.query("cq02-continuum-roles")) == len(local.query("cq02-continuum-roles"))

    code, out, err = stop_serve(served)
    assert code == 0, err
    assert "stopped" in out
    assert "Traceback" not in err
    assert not port_is_open(served.url)  # the Oxigraph server went with it


def test_serve_is_read_only(served: Served) -> None:
    update_url = served.url.removesuffix("/query") + "/update"
    writer = KnowledgeGraph(endpoint=update_url)
    with pytest.raises(EndpointError):
        writer.update("INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }")
    remote = KnowledgeGraph(endpoint=served.url)
    assert remote.query("ASK { <http://example.org/a> ?p ?o }").boolean is False


def test_serve_stops_cleanly_on_sigterm(served: Served) -> None:
    served.process.terminate()
    out, err = served.process.communicate(timeout=30)
    assert served.process.returncode == 0, err
    assert not port_is_open(served.url)


def test_a_port_in_use_is_one_error_line(run_cli: Run) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = run_cli("serve", "--port", str(port))
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        f"peergraph: port {port} on 127.0.0.1 is already in use — choose another with --port N "
        "(or --port 0 for any free port)"
    ]


def test_a_bad_data_file_is_one_error_line(run_cli: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = run_cli("serve", "--port", str(free_port()), "--data", str(bad))
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert "bad.ttl" in result.err


def test_missing_oxigraph_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("sys.executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OxigraphNotFoundError) as info:
        find_oxigraph()
    assert "pip install oxigraph" in str(info.value)


def test_the_oxigraph_beside_python_is_preferred() -> None:
    found = Path(find_oxigraph())
    assert found.name.startswith("oxigraph") and os.access(found, os.X_OK)


def test_the_help_has_an_example(run_cli: Run) -> None:
    result = run_cli("serve", "--help")
    assert result.code == 0 and "peergraph serve --port 8000" in result.out
