"""The Oxigraph SPARQL server (``pip install oxigraph``): finding it, starting it on loopback,
waiting until it answers, stopping it. ``peergraph serve`` and the tests both start it here.

The server never outlives the program that started it. It runs under a guardian, a small
process (this module, run as ``python -m peergraph.publish.oxigraph``) that

- stops the server when its parent goes, however it goes (exit, Ctrl-C, SIGKILL, terminal
  closed): the guardian's standard input is a pipe from the parent, which the system closes
  when the parent dies, whatever killed it;
- makes the server's temporary folder, when it has one, and removes it when it stops (so no
  moment exists when a kill would leave the folder behind);
- starts the server with ``PR_SET_PDEATHSIG`` (Linux, through ``prctl``), so that the server
  gets SIGTERM if the guardian itself is killed.

The parent-death signal is set on the server, not on the guardian, on purpose: Linux sends it
when the *thread* that started the process ends, which for a program using peergraph from a
worker thread would stop a server still in use; the pipe has no such catch.

Limits: the guardian needs a POSIX system (it waits on its pipe with ``select``). On systems
other than Linux, a guardian killed with SIGKILL (rather than its parent) leaves the server
running.

The guardian's protocol: it reads ``go`` (run the steps), ``keep`` (do not remove the folder:
the parent will retry in it) and end of input (stop) on its input; it writes JSON lines on its
output: ``{"folder": ...}`` first when it made one, then ``{"step": i, "name": ..., "code": c}``
when step ``i`` exits. It exits only when told to stop (or signalled).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peergraph.errors import PeergraphError

__all__ = [
    "HOST",
    "TEMP_PREFIX",
    "OxigraphNotFoundError",
    "OxigraphServer",
    "find_oxigraph",
    "free_port",
    "start_server",
]

HOST = "127.0.0.1"  # loopback only: the server is for this machine's tools
READY_TIMEOUT = 30.0  # seconds for the server to answer its first query
STOP_TIMEOUT = 10.0  # seconds for the server to stop on SIGTERM before it is killed
TEMP_PREFIX = "peergraph-"  # every temporary folder peergraph makes starts so (tests check)
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class OxigraphNotFoundError(PeergraphError):
    """No ``oxigraph`` server executable."""

    default_hint = (
        "run `pip install 'peergraph[serve]'` (or `pip install oxigraph`) in peergraph's "
        "environment, or put oxigraph on PATH"
    )


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
    """A running Oxigraph server on 127.0.0.1; ``process`` is its guardian."""

    process: subprocess.Popen[bytes]
    port: int
    location: Path
    log: Path
    folder: Path | None = None  # the temporary folder the guardian made, if any
    steps: int = 1  # how many steps the guardian runs, the server last
    _reports: list[dict[str, Any]] = field(default_factory=list, repr=False)
    _unread: bytes = field(default=b"", repr=False)

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
        # No proxy: the server is on loopback, whatever http_proxy says.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ended = self.ended(wait=0)
            if ended is not None:
                which = f"`{ended['name']}` exit {ended['code']}" if ended["name"] else "exit"
                raise PeergraphError(
                    f"the Oxigraph server stopped at start-up ({which}){self.log_tail()}",
                    hint="check the port and the data, then retry",
                )
            try:
                with opener.open(probe, timeout=1) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
        raise PeergraphError(
            f"the Oxigraph server did not answer within {timeout:g} s{self.log_tail()}"
        )

    def ended(self, *, wait: float | None = None) -> dict[str, Any] | None:
        """The report of the step that ended the run (one that failed, or the server), or None
        while the server runs. ``wait``: seconds to wait for it (None: until it comes)."""
        import select

        stdout = self.process.stdout
        deadline = None if wait is None else time.monotonic() + wait
        while True:
            for report in self._reports:
                if report["code"] != 0 or report["step"] == self.steps - 1:
                    return report
            if stdout is None or stdout.closed:
                return {"step": -1, "name": "", "code": self.process.poll()}
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            readable, _, _ = select.select([stdout], [], [], left)
            if not readable:
                return None
            chunk = os.read(stdout.fileno(), 65536)
            if not chunk:  # the guardian itself is gone
                stdout.close()
                continue
            *lines, self._unread = (self._unread + chunk).split(b"\n")
            for line in lines:
                with contextlib.suppress(ValueError):
                    report = json.loads(line)
                    if "step" in report:
                        self._reports.append(report)

    def wait(self) -> int:
        """Block until the server ends by itself; its exit code."""
        ended = self.ended()
        assert ended is not None
        return int(ended["code"]) if ended["code"] is not None else -1

    def log_tail(self) -> str:
        """``": <last line of the server's log>"``, or nothing."""
        if not self.log.is_file():
            return ""
        lines = [ln for ln in self.log.read_text(errors="replace").splitlines() if ln.strip()]
        return f": {lines[-1]}" if lines else ""

    def stop(self, *, keep_folder: bool = False) -> None:
        """Stop the server and wait for its guardian, which removes the temporary folder (unless
        ``keep_folder``: a failed start retried in the same folder)."""
        stdin = self.process.stdin
        if stdin is not None and not stdin.closed:
            with contextlib.suppress(OSError):  # OSError: the guardian has gone already
                if keep_folder:
                    stdin.write(b"keep\n")
                stdin.close()  # end of input: the guardian stops the server
        try:
            self.process.wait(timeout=STOP_TIMEOUT + 10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        if self.folder is not None and not keep_folder:
            shutil.rmtree(self.folder, ignore_errors=True)  # in case the guardian could not


def start_server(
    location: Path | None = None,
    *,
    port: int = 0,
    read_only: bool = False,
    log: Path | None = None,
    attempts: int = 3,
    choose_port: Callable[[], int] = free_port,
    temporary: str | None = None,
    prepare: Sequence[Sequence[str]] = (),
    before_start: Callable[[Path], None] | None = None,
) -> OxigraphServer:
    """Start ``oxigraph serve`` (or ``serve-read-only``) on 127.0.0.1, under its guardian, and
    wait until it answers.

    The store is at ``location``; or, with ``temporary`` (a folder name prefix starting
    ``peergraph-``), in ``store/`` of a folder the guardian makes in the temporary directory
    (``oxigraph.log`` beside it) and removes when the server stops or its parent dies.
    ``port=0`` takes ``choose_port()`` (a free port), and another if that one was taken in the
    meantime. ``prepare``: commands the guardian runs first, in order, each to succeed (such as
    ``oxigraph load``; ``{folder}`` in them stands for the temporary folder);
    ``before_start(folder)`` runs once the guardian is up and before it runs anything (to
    write what ``prepare`` reads).
    """
    if (location is None) == (temporary is None):
        raise ValueError("give either a location or a temporary folder prefix")
    if temporary is not None and not temporary.startswith(TEMP_PREFIX):
        raise ValueError(f"a temporary folder's name starts with {TEMP_PREFIX!r}")
    executable = find_oxigraph()
    folder: Path | None = None
    last: PeergraphError | None = None
    for attempt in range(attempts if port == 0 else 1):
        chosen = port or choose_port()
        command = [
            executable,
            "serve-read-only" if read_only else "serve",
            "--location",
            str(location or Path("{folder}", "store")),
            "--bind",
            f"{HOST}:{chosen}",
        ]
        steps = [*map(list, prepare), command] if attempt == 0 else [command]
        if location is not None:
            log_file = log or location.parent / f"{location.name}-{chosen}.log"
            process = _launch_guardian(steps, log=log_file)
            store = location
        else:
            if folder is None:
                process = _launch_guardian(steps, make_folder=temporary)
                folder = _made_folder(process)
            else:  # a later attempt in the loaded store: this guardian owns the folder now
                process = _launch_guardian(steps, folder=folder)
            store, log_file = folder / "store", folder / "oxigraph.log"
        server = OxigraphServer(
            process=process,
            port=chosen,
            location=store,
            log=log_file,
            folder=folder,
            steps=len(steps),
        )
        try:
            if attempt == 0 and before_start is not None:
                before_start(folder or store.parent)
            assert process.stdin is not None
            process.stdin.write(b"go\n")
            process.stdin.flush()
            server.wait_until_ready()
            return server
        except PeergraphError as exc:
            ended = server.ended(wait=0)
            server.stop(keep_folder=True)
            last = exc
            if ended is not None and ended["step"] != len(steps) - 1:
                break  # a preparing step failed: another port would not help
        except BaseException:
            server.stop()
            raise
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
    assert last is not None
    raise last


# ---------------------------------------------------------------------------------------------
# The guardian


def _launch_guardian(
    steps: list[list[str]],
    *,
    log: Path | None = None,
    folder: Path | None = None,
    make_folder: str | None = None,
) -> subprocess.Popen[bytes]:
    """Start a guardian for ``steps`` (see the module's description)."""
    spec = json.dumps(
        {
            "steps": steps,
            "log": str(log) if log else None,
            "folder": str(folder) if folder else None,
            "make_folder": make_folder,
        }
    )
    env = dict(os.environ)
    # The guardian imports this package from where this process found it.
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    with contextlib.ExitStack() as files:
        # Until it has its log, the guardian writes nothing anywhere.
        stderr = files.enter_context(log.open("ab")) if log else subprocess.DEVNULL
        return subprocess.Popen(
            [sys.executable, "-m", "peergraph.publish.oxigraph", spec],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=env,
            # A session of its own: a Ctrl-C in the terminal reaches only the parent, which then
            # stops the server in order.
            start_new_session=True,
        )


def _made_folder(process: subprocess.Popen[bytes]) -> Path:
    """The temporary folder the guardian reports first (read byte by byte: what follows is
    read by ``OxigraphServer.ended``, straight from the pipe)."""
    assert process.stdout is not None
    line = b""
    while not line.endswith(b"\n") and (byte := os.read(process.stdout.fileno(), 1)):
        line += byte
    try:
        return Path(json.loads(line)["folder"])
    except (ValueError, KeyError, TypeError):
        process.kill()
        process.wait()
        raise PeergraphError(
            f"the Oxigraph server's guardian did not start (exit {process.returncode})",
            hint="check that peergraph is installed in this Python environment",
        ) from None


def _death_signal_in_child() -> Callable[[], None] | None:
    """A ``preexec_fn`` asking Linux to send the child SIGTERM when this process dies; None
    elsewhere. ``prctl`` is looked up here, before ``fork``: the child only calls it."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    prctl.restype = ctypes.c_int
    parent = os.getpid()

    def set_death_signal() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # the guardian died before the call: so does the child
            os._exit(1)

    return set_death_signal


def _guard(spec_text: str) -> int:
    """The guardian's main loop. It has no threads, so that ``preexec_fn`` is safe."""
    import select
    import tempfile

    spec = json.loads(spec_text)
    folder = Path(spec["folder"]) if spec["folder"] else None
    if spec["make_folder"]:
        folder = Path(tempfile.mkdtemp(prefix=spec["make_folder"]))
        print(json.dumps({"folder": str(folder)}), flush=True)
    if folder is not None and not folder.name.startswith(TEMP_PREFIX):
        raise SystemExit(f"the guardian removes only {TEMP_PREFIX}* folders, not {folder}")
    steps = [[part.replace("{folder}", str(folder)) for part in step] for step in spec["steps"]]
    stopping = False

    def on_signal(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, on_signal)
    death_signal = _death_signal_in_child()
    stdin = sys.stdin.fileno()
    received = b""
    child: subprocess.Popen[bytes] | None = None
    index = 0
    last_code = 0
    with open(spec["log"] or Path(str(folder), "oxigraph.log"), "ab") as log:
        os.dup2(log.fileno(), sys.stderr.fileno())  # the guardian's own errors go there too
        while not stopping:
            if child is None and index < len(steps) and received.startswith(b"go\n"):
                child = subprocess.Popen(
                    steps[index],
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=log,
                    preexec_fn=death_signal,
                )
            readable, _, _ = select.select([stdin], [], [], 0.1)
            if readable:
                chunk = os.read(stdin, 1024)
                if not chunk:  # the parent closed the pipe, or died
                    break
                received += chunk
            if child is not None and (code := child.poll()) is not None:
                last_code = code
                name = " ".join([Path(steps[index][0]).stem, *steps[index][1:2]])
                print(json.dumps({"step": index, "name": name, "code": code}), flush=True)
                # A failed step ends the run; the parent decides what comes next.
                index, child = (index + 1 if code == 0 else len(steps)), None
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    if folder is not None and b"keep\n" not in received:
        shutil.rmtree(folder, ignore_errors=True)
    return last_code


if __name__ == "__main__":
    sys.exit(_guard(sys.argv[1]))
