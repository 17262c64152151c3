"""Remote SPARQL endpoints that fail: down, erroring, slow, or not SPARQL at all.

Each gives one clear line on stderr and exit 2, never a traceback.
"""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from conftest import CliResult, free_port

from peergraph.errors import EndpointError
from peergraph.query import KnowledgeGraph

Run = Callable[..., CliResult]


class _Handler(http.server.BaseHTTPRequestHandler):
    """Answers every request as the server's ``mode`` says."""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        mode = self.server.mode  # type: ignore[attr-defined]
        if mode == "slow":
            time.sleep(3)
        if mode == "500":
            body = b"Internal error: the store is on fire"
            self.send_response(500)
            self.send_header("Content-Type", "text/plain")
        elif mode == "html":
            body = b"<html><body>Welcome to my home page</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
        else:
            body = b'{"head": {"vars": ["finding"]}, "results": {"bindings": []}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The client may have given up already (the timeout test).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture
def fake_endpoint(request: pytest.FixtureRequest) -> Iterator[str]:
    """A tiny HTTP server on loopback that misbehaves as the test's parameter says."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.mode = request.param  # type: ignore[attr-defined]
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


def one_error_line(result: CliResult) -> str:
    assert result.code == 2, (result.code, result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    return lines[0]


def test_a_dead_endpoint(run_cli: Run) -> None:
    port = free_port()  # free now, and nobody listens on it
    url = f"http://127.0.0.1:{port}/query"
    started = time.monotonic()
    message = one_error_line(run_cli("query", "roles", "--endpoint", url))
    assert time.monotonic() - started < 10
    assert message.startswith(f"peergraph: could not reach the SPARQL endpoint {url}")
    assert "refused" in message.lower()
    assert "check the endpoint URL" in message


@pytest.mark.parametrize("fake_endpoint", ["500"], indirect=True)
def test_an_endpoint_answering_500(run_cli: Run, fake_endpoint: str) -> None:
    message = one_error_line(run_cli("query", "roles", "--endpoint", fake_endpoint))
    assert f"the SPARQL endpoint {fake_endpoint} answered HTTP 500" in message
    assert "the store is on fire" in message  # the server's own words, shortened


@pytest.mark.parametrize("fake_endpoint", ["slow"], indirect=True)
def test_a_slow_endpoint(run_cli: Run, fake_endpoint: str) -> None:
    started = time.monotonic()
    message = one_error_line(
        run_cli("query", "roles", "--endpoint", fake_endpoint, "--timeout", "0.5")
    )
    assert time.monotonic() - started < 2.5
    assert "did not answer within 0.5 seconds" in message
    assert "--timeout" in message


@pytest.mark.parametrize("fake_endpoint", ["html"], indirect=True)
def test_an_endpoint_that_is_not_sparql(run_cli: Run, fake_endpoint: str) -> None:
    message = one_error_line(run_cli("query", "roles", "--endpoint", fake_endpoint))
    assert "did not answer with SPARQL JSON results" in message


@pytest.mark.parametrize("fake_endpoint", ["empty"], indirect=True)
def test_an_empty_answer_is_an_empty_table(run_cli: Run, fake_endpoint: str) -> None:
    # No parameter: no ASK probe. The (fake) endpoint's empty answer is an empty table.
    result = run_cli("query", "findings", "--endpoint", fake_endpoint)
    assert result.code == 0, result.err
    assert result.out.strip().endswith("(0 rows)")


def test_a_url_that_is_not_http(run_cli: Run) -> None:
    message = one_error_line(run_cli("query", "roles", "--endpoint", "ftp://example.org/sparql"))
    assert "is not an http(s) URL" in message


def test_the_timeout_must_be_positive(run_cli: Run) -> None:
    result = run_cli("query", "roles", "--endpoint", "http://127.0.0.1:1/q", "--timeout", "0")
    assert result.code == 2 and "more than 0 seconds" in result.err


def test_the_python_api_raises_endpoint_error() -> None:
    kg = KnowledgeGraph(endpoint=f"http://127.0.0.1:{free_port()}/query", timeout=5)
    with pytest.raises(EndpointError):
        kg.query("roles")
