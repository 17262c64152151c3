"""``peergraph serve``: the bundled graph as a read-only SPARQL endpoint on 127.0.0.1.

The endpoint is a real SPARQL 1.1 server, Oxigraph's (``pip install oxigraph``), not one of our
own: the graph is written to a temporary folder (``peergraph-serve-*``), loaded with ``oxigraph
load`` and served by ``oxigraph serve-read-only``, which cannot change it. The folder goes when
the server stops: Ctrl-C, SIGTERM, SIGHUP (terminal closed), or peergraph killed outright (the
server's guardian, ``peergraph.publish.oxigraph``, sees to that).

The Oxigraph server (0.5) has no switch to turn SERVICE off (it always evaluates SERVICE with its
own HTTP client), and its ``--cors`` answers every origin with ``*``. So it listens on a port of
its own, and the port people use is a small proxy in this process, which

- refuses (403) a query with SERVICE, unless ``allow_service`` (``--allow-service``);
- answers cross-origin requests only from the origins named (``--cors ORIGIN``), and refuses
  (403) requests that a web page of any other origin sends;
- refuses (403) a Host header that is not 127.0.0.1 or localhost at its port (a web page reaching
  the endpoint through DNS rebinding).

Oxigraph's own port is on 127.0.0.1 too, chosen among the ports that web browsers refuse to
connect to (the Fetch standard's "bad ports", https://fetch.spec.whatwg.org/#port-blocking), so
that no web page can reach it; a program running on this machine can, as it could run any
server of its own.
"""

from __future__ import annotations

import contextlib
import http.client
import http.server
import os
import signal
import socket
import sys
import threading
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TextIO

from peergraph.errors import InputError, PeergraphError
from peergraph.publish.oxigraph import (
    HOST,
    TEMP_PREFIX,
    OxigraphNotFoundError,
    OxigraphServer,
    find_oxigraph,
    free_port,
    start_server,
)

__all__ = [
    "OxigraphNotFoundError",
    "ServedGraph",
    "check_origin",
    "find_oxigraph",
    "serve",
    "served_graph",
]

# Ports that browsers never connect to (Fetch standard, "bad port"), from 1024 up: a web page
# cannot send a request to Oxigraph's own port when it is one of these.
_BROWSER_BLOCKED_PORTS = (
    1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
    6669, 6679, 6697, 10080,
)  # fmt: skip
_MAX_BODY = 16 * 1024 * 1024  # bytes of a request body the proxy accepts (queries are small)
_CLIENT_TIMEOUT = 60.0  # seconds a client may take to send its request
_UPSTREAM_TIMEOUT = 3600.0  # seconds for Oxigraph's answer (it bounds each query itself)
# Headers that belong to one connection, not to the request or answer passed on.
_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "origin",
    "content-length",
    "date",
    "server",
}


def check_origin(text: str) -> str:
    """A web origin as browsers send it (``scheme://host[:port]``, lower case, no default
    port), or an ``InputError``: ``--cors`` names origins, not ``*`` or pages."""
    hint = "name an origin, e.g. --cors http://localhost:3000 (repeat --cors for more)"
    if any(not c.isprintable() or c.isspace() for c in text):
        raise InputError(f"--cors {text!r} holds a space or a control character", hint=hint)
    parts = urllib.parse.urlsplit(text)
    try:
        port = parts.port
    except ValueError:
        raise InputError(f"--cors {text!r} has a port that is not valid", hint=hint) from None
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or parts.username is not None
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise InputError(f"--cors {text!r} is not an origin (scheme://host[:port])", hint=hint)
    scheme, host = parts.scheme.lower(), parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}[scheme]
    return f"{scheme}://{host}" + (f":{port}" if port not in (None, default) else "")


@dataclass
class ServedGraph:
    """A running read-only endpoint: the Oxigraph ``server`` behind the proxy on ``port``."""

    server: OxigraphServer
    port: int
    triples: int

    @property
    def url(self) -> str:
        """The SPARQL query endpoint."""
        return f"http://{HOST}:{self.port}/query"


class _Stop(Exception):
    """SIGTERM or SIGHUP, turned into an exception so that the server and its folder are
    cleaned up."""


@contextmanager
def served_graph(
    port: int = 7878,
    data: Iterable[str | os.PathLike[str]] = (),
    *,
    bundled_sites: bool = True,
    cors: Sequence[str] = (),
    allow_service: bool = False,
) -> Iterator[ServedGraph]:
    """Load the graph into a temporary Oxigraph store and serve it read-only, on ``port`` of
    127.0.0.1 (0: any free port), while the ``with`` block runs. ``cors``: the web origins
    allowed to read the endpoint's answers; ``allow_service``: let queries use SERVICE."""
    from peergraph import graph as loading

    origins = [check_origin(origin) for origin in cors]
    executable = find_oxigraph()
    proxy = _open_proxy(port, origins=origins, allow_service=allow_service)
    try:
        graph = (
            loading.load_bundled_graph()
            if bundled_sites
            else loading.copy_graph(loading.load_reference_graph())
        )
        data = list(data)
        if data:
            graph += loading.load_files(data)

        def write_dump(folder: Path) -> None:
            graph.serialize(destination=folder / "graph.nt", format="nt", encoding="utf-8")

        # The guardian makes the folder (and removes it, even if peergraph is killed).
        load = [executable, "load", "--location", "{folder}/store", "--file", "{folder}/graph.nt"]
        server = start_server(
            temporary=f"{TEMP_PREFIX}serve-",
            read_only=True,
            choose_port=_unfetchable_port,
            prepare=[load],
            before_start=write_dump,
        )
        try:
            proxy.upstream_port = server.port
            thread = threading.Thread(
                target=proxy.serve_forever, name="peergraph-serve", daemon=True
            )
            thread.start()
            try:
                yield ServedGraph(server=server, port=proxy.port, triples=len(graph))
            finally:
                proxy.shutdown()
        finally:
            server.stop()
    finally:
        proxy.server_close()


def serve(
    port: int = 7878,
    data: Iterable[str | os.PathLike[str]] = (),
    *,
    cors: Sequence[str] = (),
    allow_service: bool = False,
    out: TextIO | None = None,
) -> int:
    """Serve until Ctrl-C, SIGTERM or SIGHUP; returns the exit code (0 after a clean stop)."""
    out = out or sys.stdout

    def on_stop(_signum: int, _frame: FrameType | None) -> None:
        raise _Stop

    stop_signals = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {sig: signal.signal(sig, on_stop) for sig in stop_signals}
    try:
        with served_graph(port, data, cors=cors, allow_service=allow_service) as served:
            print(
                f"peergraph: serving {served.triples} triples read-only at {served.url}",
                file=out,
            )
            if cors:
                allowed = ", ".join(check_origin(origin) for origin in cors)
                print(f"peergraph: web pages of {allowed} may query it", file=out)
            print("peergraph: press Ctrl-C to stop", file=out, flush=True)
            code = served.server.wait()
            # The server should run until we stop it: exiting by itself is a failure.
            raise PeergraphError(f"the Oxigraph server stopped unexpectedly (exit {code})")
    except (KeyboardInterrupt, _Stop):
        print("peergraph: stopped", file=out, flush=True)
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# ---------------------------------------------------------------------------------------------
# The proxy


def _unfetchable_port() -> int:
    """A free port among those browsers refuse to connect to; any free port if none is."""
    for candidate in _BROWSER_BLOCKED_PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind((HOST, candidate))
            except OSError:
                continue
            return candidate
    return free_port()


class _Proxy(http.server.ThreadingHTTPServer):
    """The endpoint's public port: checks each request, then passes it to Oxigraph."""

    daemon_threads = True

    def __init__(self, port: int, *, origins: Sequence[str], allow_service: bool) -> None:
        super().__init__((HOST, port), _ProxyHandler)
        self.port = int(self.server_address[1])
        self.upstream_port: int | None = None
        self.origins = frozenset(origins)
        self.allow_service = allow_service
        names = [f"{HOST}:{self.port}", f"localhost:{self.port}"]
        if self.port == 80:
            names += [HOST, "localhost"]
        self.hosts = frozenset(names)
        # The endpoint's own pages (Oxigraph's query page at /) send these.
        self.own_origins = frozenset(f"http://{name}" for name in names)

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that went away is no news; nothing goes to the terminal


def _open_proxy(port: int, *, origins: Sequence[str], allow_service: bool) -> _Proxy:
    try:
        return _Proxy(port, origins=origins, allow_service=allow_service)
    except OSError:
        raise InputError(
            f"port {port} on {HOST} is already in use",
            hint="choose another with --port N (or --port 0 for any free port)",
        ) from None


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    server: _Proxy
    protocol_version = "HTTP/1.0"  # one request per connection: the answer ends at its close
    server_version = "peergraph"
    timeout = _CLIENT_TIMEOUT

    def log_message(self, format: str, *args: object) -> None:
        pass  # no line per request on the terminal

    def do_GET(self) -> None:
        self._pass_on()

    def do_HEAD(self) -> None:
        self._pass_on()

    def do_POST(self) -> None:
        self._pass_on()

    def do_OPTIONS(self) -> None:
        """A browser's preflight: allowed for the ``--cors`` origins only."""
        if not self._host_allowed():
            return
        origin = self.headers.get("Origin")
        if origin is None or origin not in self.server.origins:
            self._refuse(403, _origin_refusal(origin))
            return
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", origin)
        self.send_header("Vary", "Origin")
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST")
        requested = self.headers.get("Access-Control-Request-Headers")
        if requested:
            self.send_header("Access-Control-Allow-Headers", requested)
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # -- checks --------------------------------------------------------------------------------

    def _host_allowed(self) -> bool:
        host = self.headers.get("Host")
        if host is not None and host.lower() not in self.server.hosts:
            self._refuse(403, f"this endpoint answers at {HOST}:{self.server.port} only")
            return False
        return True

    def _origin_allowed(self) -> bool:
        origin = self.headers.get("Origin")
        if origin is None or origin in self.server.own_origins or origin in self.server.origins:
            return True
        self._refuse(403, _origin_refusal(origin))
        return False

    def _read_body(self) -> bytes | None:
        """The request body, or None after refusing a request whose body cannot be checked."""
        if self.headers.get("Transfer-Encoding"):
            self._refuse(411, "send the request with a Content-Length")
            return None
        if self.headers.get("Content-Encoding", "identity").lower() != "identity":
            self._refuse(415, "send the request body uncompressed")
            return None
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._refuse(400, "the Content-Length is not a number")
            return None
        if not 0 <= length <= _MAX_BODY:
            self._refuse(413, f"request bodies are limited to {_MAX_BODY} bytes")
            return None
        return self.rfile.read(length)

    def _sparql_texts(self, body: bytes) -> list[tuple[str, bool]]:
        """Every query and update text the request carries, as Oxigraph reads them: the
        ``query``/``update`` fields of the URL and of a form body, or the whole body of an
        ``application/sparql-query``/``-update`` request. (text, is an update)"""
        fields = urllib.parse.parse_qs(
            urllib.parse.urlsplit(self.path).query, keep_blank_values=True, errors="replace"
        )
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        text = body.decode("utf-8", errors="replace")
        if media == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(text, keep_blank_values=True, errors="replace")
            for name, values in form.items():
                fields.setdefault(name, []).extend(values)
        found = [(q, False) for q in fields.get("query", [])]
        found += [(u, True) for u in fields.get("update", [])]
        if media == "application/sparql-query":
            found.append((text, False))
        elif media == "application/sparql-update":
            found.append((text, True))
        return found

    def _service_allowed(self, body: bytes) -> bool:
        if self.server.allow_service:
            return True
        from peergraph.query.engines import service_calls

        for text, update in self._sparql_texts(body):
            calls = service_calls(text, update=update)
            if calls:
                self._refuse(
                    403,
                    f"SERVICE is turned off on this endpoint (the query would send requests to "
                    f"{', '.join(dict.fromkeys(calls))}); restart `peergraph serve` with "
                    "--allow-service to allow it",
                )
                return False
        return True

    # -- passing on ----------------------------------------------------------------------------

    def _pass_on(self) -> None:
        if not (self._host_allowed() and self._origin_allowed()):
            return
        body = self._read_body()
        if body is None or not self._service_allowed(body):
            return
        assert self.server.upstream_port is not None
        upstream = http.client.HTTPConnection(
            HOST, self.server.upstream_port, timeout=_UPSTREAM_TIMEOUT
        )
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            if body or self.command == "POST":
                headers["Content-Length"] = str(len(body))
            try:
                upstream.request(self.command, self.path, body=body or None, headers=headers)
                answer = upstream.getresponse()
            except (OSError, http.client.HTTPException) as exc:
                self._refuse(502, f"the Oxigraph server did not answer: {exc}")
                return
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in _HOP_BY_HOP - {"content-length"}:
                    self.send_header(name, value)
            self._cors_headers()
            self.end_headers()
            with contextlib.suppress(OSError, http.client.HTTPException):
                while chunk := answer.read(65536):
                    self.wfile.write(chunk)
        finally:
            upstream.close()

    def _cors_headers(self) -> None:
        origin = self.headers.get("Origin")
        if origin is not None and origin in self.server.origins:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _refuse(self, status: int, message: str) -> None:
        body = (message + "\n").encode("utf-8")
        with contextlib.suppress(OSError):
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self._cors_headers()
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)


def _origin_refusal(origin: str | None) -> str:
    if origin is None:
        return "a cross-origin preflight without an Origin"
    return (
        f"requests from web pages of {origin} are not allowed; restart `peergraph serve` with "
        f"--cors {origin} to allow them"
    )
