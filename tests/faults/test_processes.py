"""Faults of processes: `peergraph serve` killed (SIGKILL), its terminal closed (SIGHUP), its
Oxigraph server's guardian killed, a kill while it starts; Ctrl-C during a long query.

Whatever happens to peergraph, its Oxigraph server and the server's temporary folder go with it.
Time bounds here are generous limits for polling, not measurements.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import RUN_MARKER, peergraph_command, peergraph_env, processes_of_this_run

from peergraph.query.engines import ENGINES

from ._net import (
    CountingServer,
    Serve,
    alive,
    command_line,
    one_error_line,
    port_open,
    start_serve,
    wait_until,
)

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc; the death signal is Linux's"
)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Serve]:
    s = start_serve(tmp_path / "tmp")
    try:
        yield s
    finally:
        if s.process.poll() is None:
            s.process.kill()
            s.process.communicate()


def everything_gone(served: Serve, pids: list[int], ports: list[int]) -> bool:
    return (
        not any(alive(pid) for pid in pids)
        and not served.folders()
        and not any(port_open(port) for port in ports)
    )


def test_sigkill_of_serve_takes_its_server_and_its_folder(served: Serve) -> None:
    server, guardian = served.oxigraph(), served.guardian()
    ports = [served.port, served.oxigraph_port()]
    assert len(served.folders()) == 1 and alive(server)

    served.process.send_signal(signal.SIGKILL)
    served.process.communicate(timeout=30)

    assert wait_until(lambda: everything_gone(served, [server, guardian], ports)), (
        [(pid, command_line(pid)) for pid in (server, guardian) if alive(pid)],
        served.folders(),
    )


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_stop_serve_cleanly(served: Serve, name: str) -> None:
    server, guardian = served.oxigraph(), served.guardian()
    ports = [served.port, served.oxigraph_port()]

    served.process.send_signal(getattr(signal, name))  # SIGHUP: the terminal was closed
    out, err = served.process.communicate(timeout=60)

    assert served.process.returncode == 0, err
    assert "stopped" in out and "Traceback" not in err
    assert wait_until(lambda: everything_gone(served, [server, guardian], ports))


def test_a_killed_guardian_takes_the_server_with_it(served: Serve) -> None:
    # PR_SET_PDEATHSIG: the server gets SIGTERM when its guardian dies, even by SIGKILL.
    server, guardian = served.oxigraph(), served.guardian()
    os.kill(guardian, signal.SIGKILL)
    assert wait_until(lambda: not alive(server))

    _out, err = served.process.communicate(timeout=60)
    line = one_error_line(served.process.returncode, err)
    assert "the Oxigraph server stopped unexpectedly" in line
    assert wait_until(lambda: not served.folders())


def _processes_with_tmpdir(tmp: Path) -> list[int]:
    """The live processes started with ``TMPDIR=tmp`` (peergraph serve and what it starts)."""
    marker = f"TMPDIR={tmp}".encode()
    found = []
    for pid in processes_of_this_run():
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if marker in environ and alive(pid):
            found.append(pid)
    return found


def test_killed_while_starting_leaves_nothing_behind(tmp_path: Path) -> None:
    # The kill comes as soon as the temporary folder exists: before the graph is written, the
    # store loaded or the server started. The guardian made the folder: it removes it.
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    process = subprocess.Popen(
        [*peergraph_command(), "serve", "--port", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**peergraph_env(), "TMPDIR": str(tmp)},
    )
    try:
        assert wait_until(lambda: any(tmp.glob("peergraph-*")), seconds=60), "no folder made"
    finally:
        process.kill()
        process.wait()
    assert wait_until(lambda: not any(tmp.glob("peergraph-*")) and not _processes_with_tmpdir(tmp))


# --- Ctrl-C during a long query ------------------------------------------------------------------

# Every triple with every triple with every triple: far longer than any test waits.
LONG_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\n"


def _interrupt(argv: list[str], env: dict[str, str], settle: float = 3.0) -> tuple[int, str]:
    process = subprocess.Popen(
        [*peergraph_command(), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        time.sleep(settle)  # past start-up, into loading or the query itself
        assert process.poll() is None, "the query ended before it could be interrupted"
        process.send_signal(signal.SIGINT)  # what Ctrl-C sends
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    return process.returncode, err


@pytest.mark.parametrize("engine", ENGINES)
def test_ctrl_c_during_a_long_local_query(tmp_path: Path, engine: str) -> None:
    query = tmp_path / "long.rq"
    query.write_text(LONG_QUERY, encoding="utf-8")
    env = {**peergraph_env(), "PEERGRAPH_ENGINE": engine}
    code, err = _interrupt(["query", str(query)], env, settle=6.0)
    assert one_error_line(code, err, expected=130) == "peergraph: interrupted"


def test_ctrl_c_while_an_endpoint_hangs() -> None:
    server = CountingServer("hang")
    try:
        code, err = _interrupt(
            ["query", "findings", "--endpoint", server.url(), "--timeout", "600"], peergraph_env()
        )
    finally:
        server.close()
    assert one_error_line(code, err, expected=130) == "peergraph: interrupted"


# --- the session's own check ---------------------------------------------------------------------


def test_the_session_check_sees_an_orphan() -> None:
    # What tests/conftest.py looks for at the end of the run: a process of this run, found by
    # its environment even once its parent has gone and it has been adopted elsewhere.
    assert os.environ[RUN_MARKER]
    parent = subprocess.Popen(
        [sys.executable, "-c", "import subprocess, sys, time;"
         "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)']);"
         "print(p.pid, flush=True); time.sleep(120)"],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert parent.stdout is not None
    orphan = int(parent.stdout.readline())
    try:
        parent.kill()
        parent.wait()
        # Polled: the grandchild printed by its parent may still be between fork and exec,
        # when /proc/PID/environ reads empty (seen once in a full run on a loaded machine).
        assert wait_until(lambda: orphan in processes_of_this_run())
    finally:
        os.kill(orphan, signal.SIGKILL)
    assert wait_until(lambda: orphan not in processes_of_this_run())
