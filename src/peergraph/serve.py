"""``peergraph serve``: the bundled graph as a read-only SPARQL endpoint on 127.0.0.1.

The endpoint is a real SPARQL 1.1 server, Oxigraph's (``pip install oxigraph``), not an HTTP
server of our own: the graph is written to a temporary folder with ``oxigraph load``, then served
by ``oxigraph serve-read-only``, which cannot change it. The folder goes away when the server
stops (Ctrl-C, or SIGTERM).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TextIO

from peergraph.errors import InputError, PeergraphError

__all__ = ["OxigraphNotFoundError", "ServedGraph", "find_oxigraph", "serve", "served_graph"]

HOST = "127.0.0.1"  # loopback only: the endpoint is for this machine's tools
_READY_TIMEOUT = 30.0  # seconds for the server to answer its first query


class OxigraphNotFoundError(PeergraphError):
    """No ``oxigraph`` server executable."""

    default_hint = "run `pip install oxigraph` in peergraph's environment (or put oxigraph on PATH)"


def find_oxigraph() -> str:
    """The ``oxigraph`` executable: next to the running Python (the same virtual environment),
    else on PATH."""
    name = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise OxigraphNotFoundError("the Oxigraph server (`oxigraph`) is not installed")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _check_port(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            raise InputError(
                f"port {port} on {HOST} is already in use",
                hint="choose another with --port N (or --port 0 for any free port)",
            ) from None


@dataclass
class ServedGraph:
    """A running read-only Oxigraph server."""

    process: subprocess.Popen[bytes]
    port: int
    triples: int

    @property
    def url(self) -> str:
        """The SPARQL query endpoint."""
        return f"http://{HOST}:{self.port}/query"


def wait_until_ready(url: str, process: subprocess.Popen[bytes] | None, log: Path | None) -> None:
    """Poll ``url`` with ``ASK {}`` until the server answers; fail if it exits or never does."""
    probe = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + _READY_TIMEOUT
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise PeergraphError(
                f"the Oxigraph server stopped at start-up (exit {process.returncode}){_tail(log)}",
                hint="check the port and the data, then retry",
            )
        try:
            with urllib.request.urlopen(probe, timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise PeergraphError(
        f"the Oxigraph server did not answer within {_READY_TIMEOUT:g} s{_tail(log)}"
    )


def _tail(log: Path | None) -> str:
    if log is None or not log.is_file():
        return ""
    lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    return f": {lines[-1]}" if lines else ""


class _Stop(Exception):
    """SIGTERM, turned into an exception so that the server and its folder are cleaned up."""


@contextmanager
def served_graph(
    port: int = 7878,
    data: Iterable[str | os.PathLike[str]] = (),
    *,
    bundled_sites: bool = True,
    cors: bool = False,
) -> Iterator[ServedGraph]:
    """Load the graph into a temporary Oxigraph store and serve it read-only while the
    ``with`` block runs."""
    from peergraph import loading

    executable = find_oxigraph()
    if port == 0:
        port = free_port()
    _check_port(port)
    graph = (
        loading.load_bundled_graph()
        if bundled_sites
        else loading.copy_graph(loading.load_reference_graph())
    )
    data = list(data)
    if data:
        graph += loading.load_files(data)

    with tempfile.TemporaryDirectory(prefix="peergraph-serve-") as tmp:
        folder = Path(tmp)
        dump = folder / "graph.nt"
        graph.serialize(destination=dump, format="nt", encoding="utf-8")
        log = folder / "oxigraph.log"
        store = folder / "store"
        loaded = subprocess.run(
            [executable, "load", "--location", str(store), "--file", str(dump)],
            capture_output=True,
            text=True,
        )
        if loaded.returncode != 0:
            detail = (loaded.stderr or loaded.stdout).strip().splitlines()
            raise PeergraphError(
                f"`oxigraph load` failed: {detail[-1] if detail else loaded.returncode}"
            )
        command = [
            executable,
            "serve-read-only",
            "--location",
            str(store),
            "--bind",
            f"{HOST}:{port}",
        ]
        if cors:
            command.append("--cors")
        with log.open("wb") as log_file:
            # A session of its own: Ctrl-C reaches only us, and we stop the server in order.
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            served = ServedGraph(process=process, port=port, triples=len(graph))
            wait_until_ready(served.url, process, log)
            yield served
        finally:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(
    port: int = 7878,
    data: Iterable[str | os.PathLike[str]] = (),
    *,
    cors: bool = False,
    out: TextIO | None = None,
) -> int:
    """Serve until Ctrl-C (or SIGTERM); returns the exit code (0 after a clean stop)."""
    out = out or sys.stdout

    def on_term(_signum: int, _frame: FrameType | None) -> None:
        raise _Stop

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        with served_graph(port, data, cors=cors) as served:
            print(
                f"peergraph: serving {served.triples} triples read-only at {served.url}",
                file=out,
            )
            print("peergraph: press Ctrl-C to stop", file=out, flush=True)
            code = served.process.wait()
            # The server should run until we stop it: exiting by itself is a failure.
            raise PeergraphError(f"the Oxigraph server stopped unexpectedly (exit {code})")
    except (KeyboardInterrupt, _Stop):
        print("peergraph: stopped", file=out, flush=True)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
