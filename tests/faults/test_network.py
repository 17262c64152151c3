"""Faults of the network: SERVICE and LOAD calling other servers, cross-origin pages, endpoints
that trickle, hang, fail or redirect, URLs with control characters or passwords, uploads cut
half-way.

Each case answers with its exit code and one line on stderr, never a traceback; and a request
nobody asked for never reaches the (counting) server.
"""

from __future__ import annotations

import base64
import http.client
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import CliResult, OxigraphServer, free_port

from peergraph.errors import InputError
from peergraph.publish import oxigraph
from peergraph.query import KnowledgeGraph
from peergraph.query.engines import ENGINES

from ._net import (
    REMOTE_VALUE,
    CountingServer,
    CuttingProxy,
    Serve,
    children,
    one_error_line,
    serving,
    wait_until,
)

Run = Callable[..., CliResult]

SECRET = "s3cret-Pa55"
USERINFO = f"reader:{SECRET}@"


@pytest.fixture
def endpoint(request: pytest.FixtureRequest) -> Iterator[CountingServer]:
    server = CountingServer(getattr(request, "param", "json"))
    try:
        yield server
    finally:
        server.close()


def service_query(server: CountingServer) -> str:
    return f"SELECT ?x WHERE {{ SERVICE <{server.url()}> {{ ?s ?p ?x }} }}\n"


# --- SERVICE and LOAD in local queries -----------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_service_in_a_local_query_is_refused_naming_the_file(
    engine: str,
    endpoint: CountingServer,
    run_cli: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PEERGRAPH_ENGINE", engine)
    query = tmp_path / "federated.rq"
    query.write_text(service_query(endpoint), encoding="utf-8")
    line = one_error_line(*_code_err(run_cli("query", str(query))))
    assert "federated.rq" in line and "SERVICE" in line and "--allow-service" in line
    assert f"<{endpoint.url()}>" in line
    assert endpoint.requests == []


@pytest.mark.parametrize("engine", ENGINES)
def test_allow_service_lets_the_query_reach_the_server(
    engine: str,
    endpoint: CountingServer,
    run_cli: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PEERGRAPH_ENGINE", engine)
    query = tmp_path / "federated.rq"
    query.write_text(service_query(endpoint), encoding="utf-8")
    result = run_cli("query", str(query), "--allow-service", "--format", "csv")
    assert result.code == 0, result.err
    assert REMOTE_VALUE in result.out
    assert len(endpoint.requests) >= 1


def test_service_in_a_string_or_a_comment_is_not_service(
    endpoint: CountingServer, run_cli: Run, tmp_path: Path
) -> None:
    # A substring test would refuse this query; reading it as SPARQL does not.
    query = tmp_path / "quoted.rq"
    query.write_text(
        f"# SERVICE <{endpoint.url()}> {{ ?s ?p ?o }}\n"
        f'SELECT ?x WHERE {{ BIND("SERVICE <{endpoint.url()}> {{ }}" AS ?x) }}\n',
        encoding="utf-8",
    )
    result = run_cli("query", str(query), "--format", "csv")
    assert result.code == 0, result.err
    assert "SERVICE" in result.out  # the literal, as a value
    assert endpoint.requests == []


def test_service_through_the_python_api_is_refused(endpoint: CountingServer) -> None:
    with pytest.raises(InputError, match="SERVICE"):
        KnowledgeGraph(bundled_sites=False).sparql(service_query(endpoint))
    assert endpoint.requests == []


def test_load_in_an_allowed_update_still_needs_allow_service(
    endpoint: CountingServer, run_cli: Run, tmp_path: Path
) -> None:
    update = tmp_path / "load.ru"
    update.write_text(f"LOAD <{endpoint.url('/graph.nt')}>\n", encoding="utf-8")
    line = one_error_line(*_code_err(run_cli("query", str(update), "--allow-update")))
    assert "load.ru" in line and "LOAD" in line
    assert endpoint.requests == []


# --- SERVICE, CORS and Host on the endpoint of `peergraph serve` ---------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serve]:
    """One `peergraph serve`, SERVICE refused, one origin allowed."""
    with serving(tmp_path_factory.mktemp("serve"), "--cors", "http://localhost:3000/") as s:
        yield s


def _post(
    port: int, path: str, body: str, media: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(
            "POST", path, body=body.encode(), headers={"Content-Type": media, **(headers or {})}
        )
        answer = conn.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read().decode()
    finally:
        conn.close()


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        answer = conn.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read().decode()
    finally:
        conn.close()


def _form(query: str) -> str:
    return urllib.parse.urlencode({"query": query})


def test_serve_refuses_service_however_the_query_is_sent(
    served: Serve, endpoint: CountingServer
) -> None:
    query = service_query(endpoint)
    answers = [
        _post(served.port, "/query", _form(query), "application/x-www-form-urlencoded"),
        _post(served.port, "/query", query, "application/sparql-query; charset=UTF-8"),
        _get(served.port, "/query?" + _form(query)),
        # The field name percent-encoded, the keyword in lower case: still SERVICE.
        _post(
            served.port,
            "/query",
            "%71uery=" + urllib.parse.quote(query.replace("SERVICE", "service")),
            "application/x-www-form-urlencoded",
        ),
    ]
    for status, _headers, text in answers:
        assert status == 403, text
        assert "--allow-service" in text
    assert endpoint.requests == []
    # The same endpoint answers a query without SERVICE (one that only mentions it).
    status, _headers, text = _get(
        served.port, "/query?" + _form('ASK { FILTER("SERVICE" != "") }'), {"Accept": "*/*"}
    )
    assert status == 200 and "true" in text


def test_serve_allow_service_reaches_the_server(tmp_path: Path, endpoint: CountingServer) -> None:
    # What the proxy is for: the Oxigraph server itself does call the endpoint SERVICE names.
    with serving(tmp_path, "--allow-service") as allowed:
        status, _headers, text = _post(
            allowed.port,
            "/query",
            _form(service_query(endpoint)),
            "application/x-www-form-urlencoded",
            {"Accept": "application/sparql-results+json"},
        )
    assert status == 200, text
    assert REMOTE_VALUE in text
    assert len(endpoint.requests) >= 1


def test_cors_answers_only_the_named_origin(served: Serve) -> None:
    ask = "/query?" + _form("ASK {}")
    status, headers, _ = _get(served.port, ask, {"Origin": "http://localhost:3000"})
    assert status == 200
    assert headers.get("access-control-allow-origin") == "http://localhost:3000"

    status, headers, text = _get(served.port, ask, {"Origin": "http://evil.example"})
    assert status == 403 and "--cors http://evil.example" in text
    assert "access-control-allow-origin" not in headers

    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    for origin, expected in [("http://localhost:3000", 204), ("http://evil.example", 403)]:
        conn.request(
            "OPTIONS",
            "/query",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
        answer = conn.getresponse()
        answer.read()
        assert answer.status == expected, origin
        allowed = answer.getheader("Access-Control-Allow-Origin")
        assert allowed == (origin if expected == 204 else None)
        conn.close()
    # The endpoint's own page (same origin) still works without --cors.
    status, _, _ = _get(served.port, ask, {"Origin": f"http://127.0.0.1:{served.port}"})
    assert status == 200


def test_a_host_that_is_not_loopback_is_refused(served: Serve) -> None:
    # A page that reached 127.0.0.1 through DNS rebinding sends its own host name.
    status, _, text = _get(
        served.port, "/query?" + _form("ASK {}"), {"Host": f"evil.example:{served.port}"}
    )
    assert status == 403, text


def test_oxigraph_listens_on_a_port_browsers_refuse(served: Serve) -> None:
    from peergraph.publish.serve import _BROWSER_BLOCKED_PORTS

    # Three ports of the Fetch standard's "bad port" list, read from the standard itself.
    assert {6000, 6665, 10080} <= set(_BROWSER_BLOCKED_PORTS)
    assert served.oxigraph_port() in _BROWSER_BLOCKED_PORTS


@pytest.mark.parametrize("origin", ["*", "http://localhost:3000/page", "null", "ftp://x.example"])
def test_cors_must_name_an_origin(run_cli: Run, origin: str) -> None:
    line = one_error_line(*_code_err(run_cli("serve", "--port", "0", "--cors", origin)))
    assert "--cors" in line


def test_a_port_in_use_for_serve(run_cli: Run) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        line = one_error_line(*_code_err(run_cli("serve", "--port", str(port))))
    assert f"port {port} on 127.0.0.1 is already in use" in line


# --- time limits ---------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["trickle"], indirect=True)
def test_the_timeout_bounds_the_whole_request(run_cli: Run, endpoint: CountingServer) -> None:
    # A byte every 0.5 s: each read returns in time, so only a deadline over the whole request
    # ends it. Before, --timeout 2 waited here for more than 45 s.
    started = time.monotonic()
    line = one_error_line(
        *_code_err(run_cli("query", "roles", "--endpoint", endpoint.url(), "--timeout", "2"))
    )
    assert "did not answer within 2 seconds" in line
    assert time.monotonic() - started < 20  # a generous bound, far below the 45 s of before
    assert len(endpoint.requests) == 1


@pytest.mark.parametrize("endpoint", ["trickle"], indirect=True)
def test_the_upload_timeout_bounds_the_whole_request(
    run_cli: Run, endpoint: CountingServer
) -> None:
    started = time.monotonic()
    line = one_error_line(
        *_code_err(run_cli("export", "--upload", endpoint.url("/store"), "--timeout", "2"))
    )
    assert "did not answer within 2 seconds" in line
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-1", "soon"])
@pytest.mark.parametrize("command", ["query", "export"])
def test_a_timeout_that_is_not_a_positive_finite_number(
    run_cli: Run, endpoint: CountingServer, value: str, command: str
) -> None:
    if command == "query":
        argv = ["query", "roles", "--endpoint", endpoint.url()]
    else:
        argv = ["export", "--upload", endpoint.url("/store")]
    line = one_error_line(*_code_err(run_cli(*argv, f"--timeout={value}")))
    assert "--timeout" in line
    assert endpoint.requests == []


# --- URLs ----------------------------------------------------------------------------------------


def _bad_urls(server: CountingServer) -> list[str]:
    good = server.url()
    return [
        good + "\r\nX-Injected: 1",  # a header smuggled into the request
        good + "\n",
        good.replace("/sparql", "/spa\trql"),
        good + "\x00",
        good.replace("/sparql", "/sp\x7farql"),
        good.replace("http://", "file://"),
        "javascript:alert(1)",
        f"ftp://127.0.0.1:{server.port}/sparql",
        "http:///sparql",  # no host
    ]


@pytest.mark.parametrize("index", range(9))
@pytest.mark.parametrize("option", ["query --endpoint", "export --upload", "export --endpoint"])
def test_a_url_with_control_characters_or_another_scheme(
    run_cli: Run, endpoint: CountingServer, tmp_path: Path, index: int, option: str
) -> None:
    url = _bad_urls(endpoint)[index]
    argv = {
        "query --endpoint": ["query", "roles", "--endpoint", url],
        "export --upload": ["export", "--upload", url],
        "export --endpoint": ["export", "--output", str(tmp_path / "out"), "--endpoint", url],
    }[option]
    line = one_error_line(*_code_err(run_cli(*argv)))
    assert "URL" in line
    assert "\r" not in line and "\x00" not in line  # shown escaped, on one line
    assert endpoint.requests == []
    assert not (tmp_path / "out").exists()


# --- credentials in URLs, and endpoints that fail ------------------------------------------------

FAILURES = {
    "refused": "could not reach the SPARQL endpoint",
    "hang": "did not answer within 1 seconds",
    "500": "answered HTTP 500",
    "bad-json": "did not answer with SPARQL JSON results",
    "redirect": "answered HTTP 301",
}


@pytest.mark.parametrize("with_password", [True, False], ids=["password", "no-password"])
@pytest.mark.parametrize("mode", list(FAILURES))
def test_an_endpoint_that_fails_is_one_line_without_the_password(
    run_cli: Run, mode: str, with_password: bool
) -> None:
    server = CountingServer("json" if mode == "refused" else mode)
    try:
        userinfo = USERINFO if with_password else ""
        url = server.url(userinfo=userinfo)
        if mode == "refused":
            url = f"http://{userinfo}127.0.0.1:{free_port()}/sparql"
        result = run_cli("query", "findings", "--endpoint", url, "--timeout", "1")
    finally:
        server.close()
    line = one_error_line(result.code, result.err)
    assert FAILURES[mode] in line
    assert SECRET not in result.err + result.out
    if with_password:
        assert "http://***@127.0.0.1:" in line
    if mode == "redirect":
        assert "elsewhere.example" in line
        assert len(server.requests) == 1  # not followed
    if mode not in ("refused", "hang") and with_password:
        # The credentials were used, as HTTP Basic authentication, only never shown.
        expected = "Basic " + base64.b64encode(f"reader:{SECRET}".encode()).decode()
        assert server.requests[0].headers.get("authorization") == expected


def test_credentials_are_not_shown_after_an_upload(run_cli: Run, endpoint: CountingServer) -> None:
    result = run_cli("export", "--upload", endpoint.url("/store", userinfo=USERINFO))
    assert result.code == 0, result.err
    assert SECRET not in result.out + result.err
    assert "http://***@127.0.0.1:" in result.out
    assert endpoint.requests[0].method == "PUT"
    assert endpoint.requests[0].headers["authorization"].startswith("Basic ")


@pytest.mark.parametrize("endpoint", ["500"], indirect=True)
def test_an_upload_refused_is_one_line_without_the_password(
    run_cli: Run, endpoint: CountingServer
) -> None:
    result = run_cli("export", "--upload", endpoint.url("/store", userinfo=USERINFO))
    line = one_error_line(result.code, result.err)
    assert "answered HTTP 500" in line and "the store is on fire" in line
    assert SECRET not in result.out + result.err


def test_the_dataset_description_names_the_endpoint_without_credentials(
    run_cli: Run, tmp_path: Path
) -> None:
    url = f"https://{USERINFO}sparql.example.org/query"
    result = run_cli("export", "--output", str(tmp_path), "--format", "turtle", "--endpoint", url)
    assert result.code == 0, result.err
    written = "".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*") if p.is_file())
    assert SECRET not in written + result.out + result.err
    assert "<https://sparql.example.org/query>" in written


# --- uploads cut half-way ------------------------------------------------------------------------

GRAPH = "https://w3id.org/peergraph/data/graph/fault-test"


def _count_graph(server: OxigraphServer) -> int:
    rows = server.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"]["value"])


def _site(tmp_path: Path) -> Path:
    from peergraph.resources import data_dir

    site = tmp_path / "site.ttl"
    site.write_bytes((data_dir() / "examples" / "valid" / "hmp-example.ttl").read_bytes())
    return site


def test_an_upload_cut_half_way_leaves_the_graph_as_it_was(
    run_cli: Run, empty_oxigraph_server: OxigraphServer, tmp_path: Path
) -> None:
    store = empty_oxigraph_server
    first = run_cli("export", "--upload", store.store_url, "--graph", GRAPH)
    assert first.code == 0, first.err
    before = _count_graph(store)
    assert before > 0

    proxy = CuttingProxy(store.port)
    try:
        # A different graph (a site more), so that a partial replacement would show.
        result = run_cli(
            "export", "--upload", proxy.url, "--graph", GRAPH, "--data", str(_site(tmp_path))
        )
    finally:
        proxy.close()
    one_error_line(result.code, result.err)
    assert 0 < proxy.forwarded < proxy.body_length  # it was cut half-way indeed
    assert _count_graph(store) == before


def test_an_upload_whose_store_is_killed_leaves_the_graph_as_it_was(
    run_cli: Run, tmp_path: Path
) -> None:
    location = tmp_path / "store"
    store = OxigraphServer(oxigraph.start_server(location))
    try:
        first = run_cli("export", "--upload", store.store_url, "--graph", GRAPH)
        assert first.code == 0, first.err
        before = _count_graph(store)
        (server_pid,) = children(store.process.pid)  # the Oxigraph server under its guardian

        def kill_store() -> None:
            import os
            import signal

            os.kill(server_pid, signal.SIGKILL)

        proxy = CuttingProxy(store.port, on_cut=kill_store)
        try:
            result = run_cli(
                "export", "--upload", proxy.url, "--graph", GRAPH, "--data", str(_site(tmp_path))
            )
        finally:
            proxy.close()
        one_error_line(result.code, result.err)
        assert 0 < proxy.forwarded < proxy.body_length
        assert wait_until(lambda: store.server.ended(wait=0) is not None)
    finally:
        store.stop()
    again = OxigraphServer(oxigraph.start_server(location))  # the same store, reopened
    try:
        assert _count_graph(again) == before
    finally:
        again.stop()


def _code_err(result: CliResult) -> tuple[int, str]:
    return result.code, result.err
