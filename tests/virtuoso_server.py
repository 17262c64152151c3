"""A real Virtuoso (Debian's virtuoso-opensource) for the push tests, started by
``scripts/virtuoso.sh run`` as a publisher would start it: a database folder of its own, HTTP and
ISQL on free ports of 127.0.0.1, a password of the tests' for ``dba``.

The server's processes carry this run's environment (``PEERGRAPH_TEST_RUN``, see conftest), run
in a process group of their own, and are stopped (then killed, should they linger) and their
folder removed whatever the tests did. Where ``virtuoso-t`` is not installed the tests are
skipped, saying how to install it (in CI, ``CI=true``, they fail).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, free_port

SCRIPT = ROOT / "scripts" / "virtuoso.sh"
USER = "dba"
PASSWORD = "pg-virtuoso-t3st-password"
READY = "virtuoso: ready"
START_SECONDS = 90.0  # a fresh database takes a few seconds; a busy CI machine more


class VirtuosoServer:
    """A running Virtuoso: its URLs, and helpers that reach it with urllib alone (so that what
    the tests check does not go through the code they test)."""

    def __init__(self, process: subprocess.Popen[bytes], folder: Path, port: int) -> None:
        self.process = process
        self.folder = folder
        self.port = port
        base = f"http://127.0.0.1:{port}"
        self.query_url = f"{base}/sparql"
        self.update_url = f"{base}/sparql-auth"  # HTTP Digest
        self.store_url = f"{base}/sparql-graph-crud-auth"  # HTTP Digest
        self.read_only_store_url = f"{base}/sparql-graph-crud"
        self.no_store_url = f"{base}/no-graph-store-here"  # Virtuoso answers PUT with 501

    def select(self, query: str) -> list[dict[str, dict[str, str]]]:
        data = urllib.parse.urlencode({"query": query}).encode()
        request = urllib.request.Request(
            self.query_url, data=data, headers={"Accept": "application/sparql-results+json"}
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            bindings: list[dict[str, dict[str, str]]] = json.load(answer)["results"]["bindings"]
        return bindings

    def construct(self, query: str) -> bytes:
        data = urllib.parse.urlencode({"query": query}).encode()
        request = urllib.request.Request(
            self.query_url, data=data, headers={"Accept": "application/n-triples"}
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            body: bytes = answer.read()
        return body

    def update(self, text: str) -> tuple[int, str]:
        """Send a SPARQL Update as ``dba`` (HTTP Digest); the status and the body."""
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, self.update_url, USER, PASSWORD)
        opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords))
        data = urllib.parse.urlencode({"update": text}).encode()
        try:
            with opener.open(urllib.request.Request(self.update_url, data=data), timeout=60) as a:
                return a.status, a.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", errors="replace")

    def graph_counts(self, prefix: str) -> dict[str, int]:
        """Triples per named graph whose IRI starts with ``prefix`` (Virtuoso has system graphs
        of its own)."""
        rows = self.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }} GROUP BY ?g'
        )
        return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}

    def drop_graphs(self, prefix: str) -> None:
        graphs = self.graph_counts(prefix)
        if graphs:
            status, body = self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
            assert status == 200, body
        assert self.graph_counts(prefix) == {}

    def log_tail(self) -> str:
        lines: list[str] = []
        for name in ("run.out", "db/setup.log", "db/virtuoso.log"):
            path = self.folder / name
            if path.exists():
                lines += path.read_text(errors="replace").splitlines()[-15:]
        return "\n".join(lines)

    def stop(self) -> None:
        """SIGTERM to the script and the server (their process group), SIGKILL should they
        linger; then the folder goes."""
        try:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=30)
            # Whatever of the group lingers (the server may outlive the script that started it).
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_virtuoso() -> VirtuosoServer:
    """Start Virtuoso with a fresh database on free loopback ports, or skip (not installed) or
    fail (did not start) saying why."""
    if shutil.which("virtuoso-t") is None:
        missing = "virtuoso-t is not installed (scripts/virtuoso.sh install)"
        if os.environ.get("CI", "").lower() == "true":  # CI installs it: missing there is a fault
            pytest.fail(missing)
        pytest.skip(missing)
    folder = Path(tempfile.mkdtemp(prefix="virtuoso-"))
    database = folder / "db"
    port = free_port()
    isql_port = free_port()
    while isql_port == port:
        isql_port = free_port()
    env = {**os.environ, "VIRTUOSO_DBA_PASSWORD": PASSWORD}
    with (folder / "run.out").open("wb") as out:
        process = subprocess.Popen(
            ["bash", str(SCRIPT), "run", str(database), str(port), str(isql_port)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # one group: script and server stop together
        )
    server = VirtuosoServer(process, folder, port)
    deadline = time.monotonic() + START_SECONDS
    try:
        while READY not in (folder / "run.out").read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Virtuoso did not start:\n{server.log_tail()}")
            time.sleep(0.2)
        return server
    except BaseException:
        server.stop()
        raise


@pytest.fixture(scope="module")
def virtuoso_server() -> Iterator[VirtuosoServer]:
    """One Virtuoso for a test module; each test empties the graphs it looks at first."""
    server = start_virtuoso()
    try:
        yield server
    finally:
        server.stop()
