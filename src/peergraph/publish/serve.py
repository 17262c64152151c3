"""``peergraph serve``: the bundled graph as a read-only SPARQL endpoint on 127.0.0.1.

The endpoint is a real SPARQL 1.1 server, Oxigraph's (``pip install oxigraph``), not an HTTP
server of our own: the graph is written to a temporary folder with ``oxigraph load``, then served
by ``oxigraph serve-read-only``, which cannot change it. The folder goes away when the server
stops (Ctrl-C, or SIGTERM).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TextIO

from peergraph.errors import InputError, PeergraphError
from peergraph.publish.oxigraph import (
    HOST,
    OxigraphNotFoundError,
    find_oxigraph,
    free_port,
    start_server,
)

__all__ = ["OxigraphNotFoundError", "ServedGraph", "find_oxigraph", "serve", "served_graph"]


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
    from peergraph import graph as loading

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
        server = start_server(store, port=port, read_only=True, cors=cors, log=log)
        try:
            yield ServedGraph(process=server.process, port=port, triples=len(graph))
        finally:
            server.stop()


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
