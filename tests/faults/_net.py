"""Servers that misbehave, on 127.0.0.1, for the network and process faults; and how to find the
processes ``peergraph serve`` starts.

Every server here binds 127.0.0.1, runs in daemon threads and stops itself in ``close()`` (the
fixtures call it), also when a client still waits on it.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import re
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from conftest import peergraph_command, peergraph_env

# What the counting endpoint answers to a SELECT (by SERVICE or directly).
REMOTE_VALUE = "from the other server"
SPARQL_JSON = json.dumps(
    {
        "head": {"vars": ["x"]},
        "results": {"bindings": [{"x": {"type": "literal", "value": REMOTE_VALUE}}]},
    }
).encode()


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class _Handler(http.server.BaseHTTPRequestHandler):
    server: CountingServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.requests.append(
            Request(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
        )
        mode = self.server.mode
        with contextlib.suppress(OSError):
            if mode == "hang":  # read the request, never answer
                self.server.stopping.wait()
            elif mode == "trickle":  # a byte every half second, never the end of the headers
                self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Padding: ")
                while not self.server.stopping.wait(0.5):
                    self.wfile.write(b"a")
                    self.wfile.flush()
            elif mode == "redirect":
                self._send(301, b"", "text/plain", location="http://elsewhere.example/sparql")
            elif mode == "500":
                self._send(500, b"Internal error: the store is on fire", "text/plain")
            elif mode == "bad-json":
                self._send(200, b'{"head": {"vars": ["x"]}, "results": ', "application/json")
            elif self.command == "PUT":
                self._send(204, b"", "text/plain")
            else:
                self._send(200, SPARQL_JSON, "application/sparql-results+json")
        self.close_connection = True

    def _send(self, status: int, body: bytes, media: str, location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer


class CountingServer(http.server.ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 that records every request and answers as ``mode`` says:
    ``json`` (SPARQL JSON results, 204 to a PUT), ``500``, ``bad-json``, ``redirect``, ``hang``
    (never answers), ``trickle`` (a byte of headers every 0.5 s, for ever)."""

    daemon_threads = True

    def __init__(self, mode: str = "json") -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode = mode
        self.requests: list[Request] = []
        self.stopping = threading.Event()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str = "/sparql", userinfo: str = "") -> str:
        return f"http://{userinfo}127.0.0.1:{self.port}{path}"

    def handle_error(self, request: object, client_address: object) -> None:
        pass

    def close(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()


class CuttingProxy:
    """Passes one request on to ``upstream`` up to half of its body, then calls ``on_cut``
    (kill the store, say) and closes both connections: an upload cut half-way."""

    def __init__(self, upstream_port: int, on_cut: Callable[[], None] = lambda: None) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._upstream_port = upstream_port
        self._on_cut = on_cut
        self.forwarded = 0  # body bytes passed on
        self.body_length = 0
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/store"

    def _run(self) -> None:
        with contextlib.suppress(OSError):
            client, _ = self._listener.accept()
            with client, socket.create_connection(("127.0.0.1", self._upstream_port)) as up:
                received = b""
                while b"\r\n\r\n" not in received:
                    chunk = client.recv(65536)
                    if not chunk:
                        return
                    received += chunk
                head, _, body = received.partition(b"\r\n\r\n")
                match = re.search(rb"(?i)content-length:\s*(\d+)", head)
                self.body_length = int(match.group(1)) if match else 0
                half = self.body_length // 2
                while len(body) < half:
                    chunk = client.recv(65536)
                    if not chunk:
                        break
                    body += chunk
                up.sendall(head + b"\r\n\r\n" + body[:half])
                self.forwarded = min(len(body), half)
                time.sleep(0.2)  # let the store take in what it got
                self._on_cut()
                client.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._listener.close()
        self._thread.join(timeout=30)


# --- processes -------------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    """The pids of ``pid``'s children (Linux)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def descendants(pid: int) -> list[int]:
    found: list[int] = []
    todo = children(pid)
    while todo:
        child = todo.pop()
        found.append(child)
        todo += children(child)
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie has ended: it only waits to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def command_line(pid: int) -> list[str]:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")[:-1]
    return []


def wait_until(condition: Callable[[], bool], seconds: float = 30) -> bool:
    """Poll ``condition`` until it holds or ``seconds`` (a generous bound) pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Serve:
    """A ``peergraph serve`` subprocess, with the processes and folder it started."""

    process: subprocess.Popen[str]
    url: str
    tmp: Path  # its TMPDIR
    out: list[str] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.url.split(":")[2].split("/")[0])

    def oxigraph(self) -> int:
        """The pid of its Oxigraph server."""
        for pid in descendants(self.process.pid):
            line = command_line(pid)
            if line and Path(line[0]).name == "oxigraph" and "serve-read-only" in line:
                return pid
        raise AssertionError("no Oxigraph server under peergraph serve")

    def guardian(self) -> int:
        for pid in children(self.process.pid):
            if "peergraph.publish.oxigraph" in command_line(pid):
                return pid
        raise AssertionError("no guardian under peergraph serve")

    def oxigraph_port(self) -> int:
        line = command_line(self.oxigraph())
        return int(line[line.index("--bind") + 1].rsplit(":", 1)[1])

    def folders(self) -> list[Path]:
        return sorted(self.tmp.glob("peergraph-*"))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.communicate()


def start_serve(tmp: Path, *args: str) -> Serve:
    """``peergraph serve --port 0 ARGS`` with its own TMPDIR, once it answers."""
    tmp.mkdir(parents=True, exist_ok=True)
    env = {**peergraph_env(), "TMPDIR": str(tmp)}
    process = subprocess.Popen(
        [*peergraph_command(), "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # printed once the endpoint answers
    match = re.search(r"(http://127\.0\.0\.1:\d+/query)", line)
    if match is None:
        process.kill()
        _, err = process.communicate()
        raise AssertionError(f"serve did not start: {line!r} {err!r}")
    return Serve(process, match.group(1), tmp, [line])


@contextlib.contextmanager
def serving(tmp: Path, *args: str) -> Iterator[Serve]:
    served = start_serve(tmp, *args)
    try:
        yield served
    finally:
        served.stop()


def one_error_line(code: int, err: str, expected: int = 2) -> str:
    """The single stderr line of a failed run, after checking the exit code and that no
    traceback was printed."""
    assert "Traceback" not in err, err
    assert code == expected, (code, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"not one line on stderr: {err!r}"
    assert lines[0].startswith("peergraph: "), lines[0]
    return lines[0]
