"""`peergraph push`: the release into a real Oxigraph server, one named graph per part, switched
all at once; pushes cut half-way, the SPARQL Update fallback, and HTTP Basic and Digest
authentication through a small checking proxy in front of the server."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import http.server
import re
import secrets
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import CliResult, OxigraphServer

from peergraph.graph import load_bundled_graph
from peergraph.vocab import GRAPH_IRI

Run = Callable[..., CliResult]
SHAPES = f"{GRAPH_IRI}/shapes"
USER, PASSWORD = "publisher", "pa55-w0rd-not-shown"


def _graph_counts(server: OxigraphServer) -> dict[str, int]:
    rows = server.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def _distinct_triples_outside(server: OxigraphServer, graph: str) -> int:
    rows = server.select(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE "
        f"{{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{graph}>) }} }}"
    )
    return int(rows[0]["n"]["value"])


def _one_line(result: CliResult) -> str:
    assert result.code == 2, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    return lines[0]


def _site(tmp_path: Path) -> Path:
    from peergraph.resources import data_dir

    site = tmp_path / "hmp-example.ttl"
    site.write_bytes((data_dir() / "examples" / "valid" / "hmp-example.ttl").read_bytes())
    return site


def test_a_push_puts_each_part_in_its_graph_and_a_second_adds_nothing(
    run_cli: Run, empty_oxigraph_server: OxigraphServer
) -> None:
    store = empty_oxigraph_server
    first = run_cli("push", "--endpoint", store.store_url)
    assert first.code == 0, first.err
    counts = _graph_counts(store)
    assert f"{GRAPH_IRI}/ontology" in counts and SHAPES in counts
    assert f"{GRAPH_IRI}/data/sites/hmp-risley" in counts
    assert not [g for g in counts if "/staging/" in g]
    # Every part but the shapes, together: the bundled graph (the version stamps of the
    # ontology headers replace the ones the Turtle states, one for one).
    assert _distinct_triples_outside(store, SHAPES) == len(load_bundled_graph())
    assert store.count() == 0  # nothing in the default graph

    second = run_cli("export", "--upload", store.store_url)  # the alias does the same
    assert second.code == 0, second.err
    assert _graph_counts(store) == counts


class SplittingProxy:
    """Passes requests on to the store whole, but cuts request number ``cut_at`` (counting from
    0) half-way through its body and closes the connection: a push interrupted half-way."""

    def __init__(self, upstream_port: int, cut_at: int) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._upstream = upstream_port
        self.cut_at = cut_at
        self.requests: list[bytes] = []  # request lines seen
        self.cut = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _run(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = self._listener.accept()
                with client:
                    self._one(client)

    def _one(self, client: socket.socket) -> None:
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = client.recv(65536)
            if not chunk:
                return
            received += chunk
        head, _, body = received.partition(b"\r\n\r\n")
        match = re.search(rb"(?i)content-length:\s*(\d+)", head)
        length = int(match.group(1)) if match else 0
        while len(body) < length:
            chunk = client.recv(65536)
            if not chunk:
                break
            body += chunk
        index = len(self.requests)
        self.requests.append(head.split(b"\r\n", 1)[0])
        with socket.create_connection(("127.0.0.1", self._upstream)) as up:
            if index == self.cut_at:
                up.sendall(head + b"\r\n\r\n" + body[: length // 2])
                self.cut = True
                client.shutdown(socket.SHUT_RDWR)
                return
            up.sendall(head + b"\r\n\r\n" + body)
            while chunk := up.recv(65536):
                client.sendall(chunk)

    def close(self) -> None:
        self._listener.close()


@pytest.mark.parametrize("cut_at", [3, -1], ids=["a-part-cut", "the-switch-cut"])
def test_a_push_cut_half_way_leaves_every_graph_as_it_was(
    run_cli: Run, empty_oxigraph_server: OxigraphServer, tmp_path: Path, cut_at: int
) -> None:
    from peergraph.publish.release import build_parts

    store = empty_oxigraph_server
    assert run_cli("push", "--endpoint", store.store_url).code == 0
    before = _graph_counts(store)
    site = _site(tmp_path)
    parts = len(build_parts([site]))  # the PUTs of the staging graphs, then the switch
    proxy = SplittingProxy(store.port, cut_at if cut_at >= 0 else parts)
    try:
        result = run_cli(
            "push",
            "--endpoint",
            proxy.url("/store"),
            "--update",
            proxy.url("/update"),
            "--data",
            str(site),
            "--timeout",
            "20",
        )
    finally:
        proxy.close()
    _one_line(result)
    assert proxy.cut
    after = _graph_counts(store)
    # The published graphs whole, the new site nowhere; staging graphs dropped again.
    assert {g: n for g, n in after.items() if "/staging/" not in g} == before
    assert not [g for g in after if "/staging/" in g]
    assert f"{GRAPH_IRI}/data/sites/hmp-example" not in after


def test_without_a_graph_store_the_parts_go_by_sparql_update(
    run_cli: Run, empty_oxigraph_server: OxigraphServer
) -> None:
    store = empty_oxigraph_server
    reference = run_cli("push", "--endpoint", store.store_url)
    assert reference.code == 0
    expected = _graph_counts(store)
    store_url = store.store_url.replace("/store", "/no-graph-store-here")
    # A fresh store would do; dropping everything is quicker and shows the same.
    result = run_cli("push", "--endpoint", store_url, "--update", store.update_url)
    assert result.code == 0, result.err
    assert "by update" in result.out
    assert _graph_counts(store) == expected


# --- authentication ----------------------------------------------------------------------------


class AuthProxy(http.server.ThreadingHTTPServer):
    """Checks HTTP Basic or Digest credentials (MD5, qop=auth, RFC 7616) and passes checked
    requests on to the store; records the Authorization headers it saw."""

    def __init__(self, upstream_port: int, scheme: str) -> None:
        super().__init__(("127.0.0.1", 0), _AuthHandler)
        self.upstream_port = upstream_port
        self.scheme = scheme
        self.realm = "peergraph-test"
        self.nonce = secrets.token_hex(16)
        self.seen: list[str] = []
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def check(self, method: str, header: str) -> bool:
        if self.scheme == "basic":
            expected = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            return header == f"Basic {expected}"
        if not header.startswith("Digest "):
            return False
        fields = dict(re.findall(r'(\w+)="?([^",]*)"?', header[len("Digest ") :]))

        def md5(text: str) -> str:
            return hashlib.md5(text.encode()).hexdigest()

        ha1 = md5(f"{USER}:{self.realm}:{PASSWORD}")
        ha2 = md5(f"{method}:{fields.get('uri', '')}")
        response = md5(f"{ha1}:{self.nonce}:{fields.get('nc')}:{fields.get('cnonce')}:auth:{ha2}")
        return fields.get("username") == USER and fields.get("response") == response

    def challenge(self) -> str:
        if self.scheme == "basic":
            return f'Basic realm="{self.realm}"'
        return f'Digest realm="{self.realm}", nonce="{self.nonce}", qop="auth", algorithm=MD5'

    def close(self) -> None:
        self.shutdown()
        self.server_close()


class _AuthHandler(http.server.BaseHTTPRequestHandler):
    server: AuthProxy

    def log_message(self, *args: object) -> None:
        pass

    def _handle(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        header = self.headers.get("Authorization") or ""
        self.server.seen.append(header)
        if not self.server.check(self.command, header):
            self.send_response(401)
            self.send_header("WWW-Authenticate", self.server.challenge())
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        upstream = http.client.HTTPConnection("127.0.0.1", self.server.upstream_port, timeout=60)
        headers = {"Content-Type": self.headers.get("Content-Type", "")}
        upstream.request(self.command, self.path, body=body, headers=headers)
        answer = upstream.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        upstream.close()

    do_PUT = do_POST = do_GET = _handle  # noqa: N815 (http.server's names)


@pytest.fixture(params=["basic", "digest"])
def guarded(
    request: pytest.FixtureRequest, empty_oxigraph_server: OxigraphServer
) -> Iterator[AuthProxy]:
    proxy = AuthProxy(empty_oxigraph_server.port, request.param)
    try:
        yield proxy
    finally:
        proxy.close()


@pytest.fixture
def no_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("PEERGRAPH_USER", "PEERGRAPH_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))


def test_credentials_from_the_environment_answer_basic_and_digest(
    run_cli: Run,
    guarded: AuthProxy,
    empty_oxigraph_server: OxigraphServer,
    monkeypatch: pytest.MonkeyPatch,
    no_credentials: None,
) -> None:
    monkeypatch.setenv("PEERGRAPH_USER", USER)
    monkeypatch.setenv("PEERGRAPH_PASSWORD", PASSWORD)
    result = run_cli("push", "--endpoint", guarded.url("/store"))
    assert result.code == 0, result.err
    assert PASSWORD not in result.out + result.err
    assert f"{GRAPH_IRI}/ontology" in _graph_counts(empty_oxigraph_server)
    if guarded.scheme == "digest":
        # The password never went in clear (no Basic header), only digests of it.
        assert not [h for h in guarded.seen if h.startswith("Basic")]
        assert [h for h in guarded.seen if h.startswith("Digest")]


def test_credentials_from_netrc(
    run_cli: Run,
    guarded: AuthProxy,
    empty_oxigraph_server: OxigraphServer,
    monkeypatch: pytest.MonkeyPatch,
    no_credentials: None,
    tmp_path: Path,
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    result = run_cli("push", "--endpoint", guarded.url("/store"))
    assert result.code == 0, result.err
    assert f"{GRAPH_IRI}/shapes" in _graph_counts(empty_oxigraph_server)


def test_a_wrong_password_is_one_line_without_it(
    run_cli: Run,
    guarded: AuthProxy,
    empty_oxigraph_server: OxigraphServer,
    monkeypatch: pytest.MonkeyPatch,
    no_credentials: None,
) -> None:
    monkeypatch.setenv("PEERGRAPH_USER", USER)
    monkeypatch.setenv("PEERGRAPH_PASSWORD", "wrong-" + PASSWORD)
    line = _one_line(run_cli("push", "--endpoint", guarded.url("/store")))
    assert "401" in line and "PEERGRAPH_USER" in line
    assert PASSWORD not in line
    assert _graph_counts(empty_oxigraph_server) == {}


def test_no_credentials_is_one_line(run_cli: Run, guarded: AuthProxy, no_credentials: None) -> None:
    line = _one_line(run_cli("push", "--endpoint", guarded.url("/store")))
    assert "401" in line


def test_a_broken_netrc_names_its_file_and_line(
    run_cli: Run,
    guarded: AuthProxy,
    monkeypatch: pytest.MonkeyPatch,
    no_credentials: None,
    tmp_path: Path,
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone\nmacdef\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    line = _one_line(run_cli("push", "--endpoint", guarded.url("/store")))
    assert str(netrc) in line
    assert guarded.seen == []  # refused before anything was sent


def test_a_password_without_a_user_is_refused(
    run_cli: Run, guarded: AuthProxy, monkeypatch: pytest.MonkeyPatch, no_credentials: None
) -> None:
    monkeypatch.setenv("PEERGRAPH_PASSWORD", PASSWORD)
    line = _one_line(run_cli("push", "--endpoint", guarded.url("/store")))
    assert "PEERGRAPH_USER" in line and PASSWORD not in line
    assert guarded.seen == []


def test_push_has_no_password_option() -> None:
    from peergraph.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["push", "--endpoint", "http://127.0.0.1:1/store", "--password", "x"])
    assert exit_info.value.code == 2
