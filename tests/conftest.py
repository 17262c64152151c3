"""Shared test fixtures: a real Oxigraph SPARQL server, the ``peergraph`` command line, and the
invalid example sites composed into files (``invalid_examples_dir``).

``oxigraph_server`` (session-scoped) is an Oxigraph server (``oxigraph serve``) on a free port of
127.0.0.1, loaded with the bundled graph (ontology, reference data and the four pilot sites).
Tests must not change it; ``empty_oxigraph_server`` is a fresh, empty, writable one per test.
Both offer ``query_url``, ``update_url``, ``store_url``, ``load(data)`` and ``count()``.

The server is the ``oxigraph`` executable of the test environment (``pip install oxigraph``,
in the ``test`` extra), started and stopped by ``peergraph.publish.oxigraph`` as ``peergraph
serve`` starts it.

A test run leaves nothing behind: every process it starts carries ``PEERGRAPH_TEST_RUN`` in its
environment and every temporary folder goes into a folder of the run's own (``TMPDIR``); at the
end no such process may be alive and no ``peergraph-*`` folder left (``pytest_sessionfinish``,
Linux). Processes are found by their environment, not as children of the run: a server whose
parent was killed is adopted by another process, which is exactly the case to catch.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
# Run from a plain checkout (nothing installed) as well as from an installed package.
try:
    import peergraph  # noqa: F401
except ImportError:  # pragma: no cover - depends on how the tests are run
    sys.path.insert(0, str(SRC))

from peergraph.errors import PeergraphError  # noqa: E402
from peergraph.publish import oxigraph  # noqa: E402

# --- what the run leaves behind ------------------------------------------------------------------

RUN_MARKER = "PEERGRAPH_TEST_RUN"
RUN_TOKEN = uuid.uuid4().hex
os.environ[RUN_MARKER] = RUN_TOKEN
# pytest's own temporary folders stay where they were; peergraph's go into the run's folder.
os.environ.setdefault("PYTEST_DEBUG_TEMPROOT", tempfile.gettempdir())
RUN_TMP = Path(tempfile.mkdtemp(prefix="pytest-peergraph-run-"))
os.environ["TMPDIR"] = str(RUN_TMP)
tempfile.tempdir = None  # gettempdir() reads TMPDIR again


def processes_of_this_run() -> dict[int, str]:
    """pid -> command line of the live processes (zombies aside) that this test run started,
    however they were orphaned; empty where /proc is not there to tell."""
    found: dict[int, str] = {}
    marker = f"{RUN_MARKER}={RUN_TOKEN}".encode()
    if not Path("/proc/self/environ").exists():
        return found
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # gone meanwhile, or not ours
            continue
        if state != "Z":
            found[int(entry.name)] = command.strip()
    return found


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if it left a process or a peergraph-* temporary folder behind (and clean
    them up, so that the machine is left as it was)."""
    # Tests that validate with --jobs in this process start multiprocessing's resource tracker,
    # which lives until this process ends; stop it first so that it is not counted as left.
    with contextlib.suppress(AttributeError, OSError, ChildProcessError):
        from multiprocessing import resource_tracker

        resource_tracker._resource_tracker._stop()  # type: ignore[attr-defined]
    left = processes_of_this_run()
    for pid in left:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while left and time.monotonic() < deadline and set(processes_of_this_run()) & set(left):
        time.sleep(0.1)
    for pid in set(processes_of_this_run()) & set(left):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    folders = sorted(p.name for p in RUN_TMP.glob(f"{oxigraph.TEMP_PREFIX}*"))
    shutil.rmtree(RUN_TMP, ignore_errors=True)
    if not (left or folders):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = [f"process {pid} still running: {command}" for pid, command in left.items()]
    lines += [f"temporary folder left behind: {name}" for name in folders]
    if reporter is not None:
        reporter.ensure_newline()
        reporter.write_sep("!", "the test run left things behind", red=True)
        for line in lines:
            reporter.write_line(line)
    else:
        print("\n".join(lines), file=sys.stderr)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


class OxigraphServer:
    """A running Oxigraph server (``peergraph.publish.oxigraph``), with helpers for tests."""

    def __init__(self, server: oxigraph.OxigraphServer) -> None:
        self.server = server
        self.process = server.process
        self.port = server.port
        self.location = server.location
        self.query_url = server.query_url
        self.update_url = server.update_url
        self.store_url = server.store_url
        self.base = server.base

    def load(self, data: bytes, content_type: str = "application/n-triples") -> None:
        """Add triples to the default graph (Graph Store Protocol POST)."""
        request = urllib.request.Request(
            f"{self.store_url}?default",
            data=data,
            method="POST",
            headers={"Content-Type": content_type},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status in (200, 201, 204), response.status

    def select(self, query: str) -> list[dict[str, dict[str, str]]]:
        """Bindings of a SELECT query, as the server's JSON gives them."""
        request = urllib.request.Request(
            self.query_url,
            data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)["results"]["bindings"]

    def count(self) -> int:
        """Triples in the default graph."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0]["n"]["value"])

    def stop(self) -> None:
        self.server.stop()


def start_oxigraph(location: Path, *, read_only: bool = False) -> OxigraphServer:
    """Start the Oxigraph server on a free port of 127.0.0.1, or fail the test saying why."""
    try:
        return OxigraphServer(oxigraph.start_server(location, read_only=read_only))
    except PeergraphError as exc:
        pytest.fail(f"the Oxigraph server did not start: {exc}")


def free_port() -> int:
    return oxigraph.free_port()


def bundled_ntriples() -> bytes:
    """The bundled graph (what ``KnowledgeGraph()`` holds) as N-Triples."""
    from peergraph.graph import load_bundled_graph

    return load_bundled_graph().serialize(format="nt", encoding="utf-8")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """A session-wide Oxigraph server holding the bundled graph. Do not change it."""
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "store")
    try:
        server.load(bundled_ntriples())
        yield server
    finally:
        server.stop()


@pytest.fixture
def empty_oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A fresh, empty, writable Oxigraph server for one test."""
    server = start_oxigraph(tmp_path / "store")
    try:
        yield server
    finally:
        server.stop()


# --- the command line ---------------------------------------------------------------------------


def peergraph_command() -> list[str]:
    """argv prefix that runs ``peergraph`` in a subprocess (use with ``peergraph_env()``)."""
    return [sys.executable, "-m", "peergraph"]


def peergraph_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """``run_cli("query", "--list")`` runs ``peergraph`` in this process and returns its exit
    code, stdout and stderr."""
    from peergraph import cli

    def run(*argv: str) -> CliResult:
        capsys.readouterr()
        try:
            code = cli.main(list(argv))
        except SystemExit as exit_:  # argparse usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run


# --- the invalid example sites -------------------------------------------------------------------


@pytest.fixture(scope="session")
def invalid_examples_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with every invalid example composed (tests/example_sites.py): the valid template
    with ``data/examples/invalid/<name>.ru`` applied, as ``<name>.ttl``. Do not change it."""
    from example_sites import write_all

    folder = tmp_path_factory.mktemp("invalid-examples")
    write_all(folder)
    return folder


# --- comparing query results ---------------------------------------------------------------------

_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#" + t
    for t in [
        "integer",
        "decimal",
        "double",
        "float",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]  # fmt: skip
}


def term_value(term: object) -> object:
    """A term as a comparable value: numbers by value (1.5 == 1.50 == "1.5"^^xsd:double),
    booleans by truth, plain and xsd:string literals alike, blank nodes all equal."""
    from decimal import Decimal, InvalidOperation

    from rdflib import BNode, Literal

    if term is None:
        return None
    if isinstance(term, BNode):
        return ("bnode",)
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype is not None else None
        if datatype in _NUMERIC:
            try:
                return ("number", Decimal(str(term)))
            except InvalidOperation:
                return ("number", str(term))
        if datatype == "http://www.w3.org/2001/XMLSchema#boolean":
            return ("boolean", str(term).strip().lower() in ("true", "1"))
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            datatype = None
        return ("literal", str(term), (term.language or "").lower() or None, datatype)
    return ("iri", str(term))


def result_bag(vars_: object, rows: object) -> object:
    """A query's rows as a multiset of {variable: value}, for order-insensitive comparison."""
    from collections import Counter

    return Counter(
        tuple(sorted((v, term_value(t)) for v, t in zip(vars_, row, strict=True)))  # type: ignore[call-overload]
        for row in rows  # type: ignore[attr-defined]
    )
