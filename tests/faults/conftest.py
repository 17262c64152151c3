"""What every case of the fault corpus shares: a workspace to build the bad input in, and one
check of how peergraph answers it.

A case is one row: a name, a builder (``Workspace -> Call``: the files it needs, the command
line), the expected exit code and a fragment of the expected message. ``check_fault`` runs the
command with the workspace as working folder and asserts what the interface promises for any
bad input: that exit code; exactly one line on stderr, starting ``peergraph:``, holding the
fragment and naming the file (and line) where one is involved; no traceback; no network
connection; and nothing in the workspace (or in the paths the case names) created, changed or
replaced: a failed run leaves everything as it was.
"""

from __future__ import annotations

import contextlib
import os
import resource
import socket
import stat
import subprocess
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import peergraph_command, peergraph_env

from peergraph.resources import data_dir

# A run that takes longer than this hangs (a FIFO opened for reading, a context fetched from a
# server that never answers, entities expanded for a minute): the case fails, saying so.
HANG_SECONDS = 60


@dataclass(frozen=True)
class Call:
    """The command line of a case and what else its answer must (not) hold."""

    argv: Sequence[str]
    where: str | None = None  # the file (and ":line") the message must name
    mentions: Sequence[str] = ()  # more text the message must hold
    absent: Sequence[str] = ()  # text that must appear nowhere in the output (a leaked secret)
    untouched: Sequence[Path] = ()  # paths outside the workspace that must stay as they were
    in_subprocess: bool = False  # run as a separate process, killed if it hangs
    file_size_limit: int | None = None  # RLIMIT_FSIZE for the subprocess: writes fail past it
    stdout: Path | None = None  # where the subprocess's standard output goes (/dev/full)


Build = Callable[["Workspace"], Call]


def case(name: str, build: Build, exit_code: int, message: str, **marks: Any) -> Any:
    """One row of the corpus."""
    return pytest.param(build, exit_code, message, id=name, **marks)


class SilentServer:
    """A TCP server on 127.0.0.1 that accepts connections and never answers: a request to it
    hangs until the client gives up. It counts the connections, which must stay 0."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.1)
        self.port: int = self._socket.getsockname()[1]
        self.connections = 0
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _addr = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self._held.append(conn)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for conn in self._held:
            conn.close()
        self._socket.close()


class Workspace:
    """A temporary folder (the working folder of the run) to build bad input in. Paths are
    relative to it, as a user would type them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._server: SilentServer | None = None

    def file(self, name: str, content: str | bytes, mode: int | None = None) -> str:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        if mode is not None:
            path.chmod(mode)
        return name

    def site(self, name: str = "site.ttl") -> str:
        """A copy of the valid example site (it conforms)."""
        example = data_dir() / "examples" / "valid" / "hmp-example.ttl"
        return self.file(name, example.read_bytes())

    def folder(self, name: str, mode: int | None = None) -> str:
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        if mode is not None:
            path.chmod(mode)
        return name

    def fifo(self, name: str) -> str:
        (self.root / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(self.root / name)
        return name

    def link(self, name: str, target: str) -> str:
        (self.root / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, self.root / name)
        return name

    def silent_server(self) -> SilentServer:
        if self._server is None:
            self._server = SilentServer()
        return self._server

    def connections(self) -> int:
        return self._server.connections if self._server is not None else 0

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
        _open_folders(self.root)


def _open_folders(folder: Path) -> None:
    """Give the folders below ``folder`` their permissions back (outermost first, so that each
    can be entered), so that the temporary folder can be removed."""
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            os.chmod(entry.path, 0o755)
            _open_folders(Path(entry.path))


def snapshot(path: Path) -> tuple[Any, ...] | None:
    """What is at ``path`` (without following a link): enough to tell that it was created,
    changed, or replaced (a new inode), even by a file with the same bytes."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    mode = stat.S_IMODE(st.st_mode)
    if stat.S_ISLNK(st.st_mode):
        return ("link", os.readlink(path))
    if stat.S_ISDIR(st.st_mode):
        return ("folder", mode)
    if stat.S_ISREG(st.st_mode):
        try:
            content: bytes | None = path.read_bytes()
        except PermissionError:  # not root: a file without read permission
            content = None
        return ("file", mode, st.st_ino, content)
    return ("special", stat.S_IFMT(st.st_mode), mode, st.st_rdev)


def tree(root: Path) -> dict[str, tuple[Any, ...] | None]:
    """``snapshot`` of everything under ``root`` (symbolic links not followed)."""
    found: dict[str, tuple[Any, ...] | None] = {}

    def visit(folder: Path) -> None:
        try:
            names = sorted(os.listdir(folder))
        except PermissionError:  # not root: a folder without read permission
            return
        for name in names:
            path = folder / name
            found[path.relative_to(root).as_posix()] = snapshot(path)
            if path.is_dir() and not path.is_symlink():
                visit(path)

    visit(root)
    return found


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    root = tmp_path / "workspace"
    root.mkdir()
    monkeypatch.chdir(root)
    space = Workspace(root)
    try:
        yield space
    finally:
        space.close()


def run(call: Call, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``peergraph`` with ``call.argv``, in the working folder."""
    if not call.in_subprocess:
        from peergraph import cli

        capsys.readouterr()
        try:
            code = cli.main(list(call.argv))
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
        out, err = capsys.readouterr()
        return code, out, err

    limit = call.file_size_limit

    def limit_file_size() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    with contextlib.ExitStack() as stack:
        stdout = stack.enter_context(open(call.stdout, "wb")) if call.stdout else subprocess.PIPE
        try:
            done = subprocess.run(
                [*peergraph_command(), *call.argv],
                env=peergraph_env(),
                stdout=stdout,
                stderr=subprocess.PIPE,
                timeout=HANG_SECONDS,
                preexec_fn=limit_file_size,
                check=False,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"peergraph {' '.join(call.argv)} did not finish: it hangs")
    out = done.stdout.decode("utf-8", "replace") if done.stdout else ""
    return done.returncode, out, done.stderr.decode("utf-8", "replace")


@pytest.fixture
def check_fault(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> Callable[[Build, int, str], str]:
    """``check_fault(build, exit_code, message)``: build the case, run it, assert the shared
    promises; returns the message line."""

    def check(build: Build, exit_code: int, message: str) -> str:
        call = build(workspace)
        before = tree(workspace.root), [snapshot(p) for p in call.untouched]
        code, out, err = run(call, capsys)
        assert "Traceback" not in err, err
        assert code == exit_code, (code, out, err)
        assert err.endswith("\n") and err.count("\n") == 1, f"not one line on stderr: {err!r}"
        line = err.rstrip("\n")
        assert line.startswith("peergraph: "), line
        assert message in line, line
        if call.where is not None:
            assert line.startswith(f"peergraph: {call.where}: "), line
        for text in call.mentions:
            assert text in line, (text, line)
        for text in call.absent:
            assert text not in out and text not in err, text
        assert workspace.connections() == 0, "peergraph connected to a server nobody named"
        after = tree(workspace.root), [snapshot(p) for p in call.untouched]
        assert after == before, "the failed run changed files"
        return line

    return check
