"""The Oxigraph SPARQL server (``pip install oxigraph``): finding it, starting it on loopback,
waiting until it answers, stopping it. ``peergraph serve`` and the tests both start it here."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from peergraph.errors import PeergraphError

__all__ = [
    "HOST",
    "OxigraphNotFoundError",
    "OxigraphServer",
    "find_oxigraph",
    "free_port",
    "start_server",
]

HOST = "127.0.0.1"  # loopback only: the server is for this machine's tools
READY_TIMEOUT = 30.0  # seconds for the server to answer its first query


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


@dataclass
class OxigraphServer:
    """A running Oxigraph server on 127.0.0.1."""

    process: subprocess.Popen[bytes]
    port: int
    location: Path
    log: Path

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"

    def wait_until_ready(self, timeout: float = READY_TIMEOUT) -> None:
        """Poll with ``ASK {}`` until the server answers; fail if it exits or never does."""
        import urllib.error
        import urllib.parse
        import urllib.request

        probe = f"{self.query_url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise PeergraphError(
                    f"the Oxigraph server stopped at start-up (exit {self.process.returncode})"
                    f"{self.log_tail()}",
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
            f"the Oxigraph server did not answer within {timeout:g} s{self.log_tail()}"
        )

    def log_tail(self) -> str:
        """``": <last line of the server's log>"``, or nothing."""
        if not self.log.is_file():
            return ""
        lines = [ln for ln in self.log.read_text(errors="replace").splitlines() if ln.strip()]
        return f": {lines[-1]}" if lines else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(
    location: Path,
    *,
    port: int = 0,
    read_only: bool = False,
    cors: bool = False,
    log: Path | None = None,
    attempts: int = 3,
) -> OxigraphServer:
    """Start ``oxigraph serve`` (or ``serve-read-only``) for the store at ``location`` on
    127.0.0.1 and wait until it answers. ``port=0`` picks a free port, and tries another if that
    one was taken in the meantime."""
    executable = find_oxigraph()
    last: PeergraphError | None = None
    for _attempt in range(attempts if port == 0 else 1):
        chosen = port or free_port()
        log_file = log or location.parent / f"{location.name}-{chosen}.log"
        command = [
            executable,
            "serve-read-only" if read_only else "serve",
            "--location",
            str(location),
            "--bind",
            f"{HOST}:{chosen}",
        ]
        if cors:
            command.append("--cors")
        with log_file.open("wb") as out:
            # A session of its own: Ctrl-C reaches only us, and we stop the server in order.
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = OxigraphServer(process=process, port=chosen, location=location, log=log_file)
        try:
            server.wait_until_ready()
            return server
        except PeergraphError as exc:
            server.stop()
            last = exc
    assert last is not None
    raise last
