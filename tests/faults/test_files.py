"""Faults of files: where outputs go (devices, links, read-only files and folders, full disks,
the input itself), and input files and folders that are not what they seem (unreadable folders,
link loops, FIFOs, empty files, binaries).

Permissions are refused by their mode bits as well as by the system's answer, so the answers
are the same for root (as CI runs) and for anyone else.
"""

from __future__ import annotations

import os
import stat
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import peergraph_command, peergraph_env

from peergraph.cli.common import emit
from peergraph.errors import InputError
from peergraph.rdfio import write_atomically, write_files_atomically

from .conftest import HANG_SECONDS, Build, Call, Workspace, case, snapshot

Check = Callable[[Build, int, str], str]

DEV_FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not DEV_FULL.exists(), reason="no /dev/full on this system")
TURTLE_PREFIX = "@prefix ex: <http://example.org/> .\n"


def validate_to(output: str) -> Callable[[Workspace], list[str]]:
    def argv(ws: Workspace) -> list[str]:
        # --lenient --fail-on never: exit 0 whatever the site's results; only the output counts.
        return ["validate", ws.site(), "--lenient", "--fail-on", "never", "--output", output]

    return argv


# --- outputs -------------------------------------------------------------------------------------


def output_dev_full(ws: Workspace) -> Call:
    return Call(validate_to(str(DEV_FULL))(ws), where=str(DEV_FULL), untouched=[DEV_FULL])


def output_read_only_file(ws: Workspace) -> Call:
    ws.file("report.txt", "the previous report\n", mode=0o444)
    return Call(validate_to("report.txt")(ws), where="report.txt")


def output_read_only_folder(ws: Workspace) -> Call:
    ws.folder("locked", mode=0o555)
    return Call(validate_to("locked/report.txt")(ws), where="locked/report.txt")


def output_missing_folder(ws: Workspace) -> Call:
    return Call(validate_to("nowhere/report.txt")(ws), where="nowhere/report.txt")


def output_folder(ws: Workspace) -> Call:
    ws.folder("reports")
    return Call(validate_to("reports")(ws), where="reports")


def output_link_loop(ws: Workspace) -> Call:
    ws.link("loop.txt", "loop.txt")
    return Call(validate_to("loop.txt")(ws), where="loop.txt")


def output_is_the_input(ws: Workspace) -> Call:
    site = ws.site()
    return Call(["validate", site, "--lenient", "--fail-on", "never", "-o", site], where=site)


def export_into_read_only_folder(ws: Workspace) -> Call:
    ws.folder("locked", mode=0o555)
    return Call(["export", "--output", "locked"], where="locked")


def export_into_new_folder_of_read_only_folder(ws: Workspace) -> Call:
    ws.folder("locked", mode=0o555)
    return Call(["export", "--output", "locked/dist"], where="locked/dist")


def export_under_a_file(ws: Workspace) -> Call:
    ws.file("plain.txt", "not a folder\n")
    return Call(["export", "--output", "plain.txt/dist"], where="plain.txt/dist")


def export_onto_a_file(ws: Workspace) -> Call:
    ws.file("plain.txt", "not a folder\n")
    return Call(["export", "--output", "plain.txt"], where="plain.txt")


def export_onto_dev_full(ws: Workspace) -> Call:
    return Call(["export", "--output", str(DEV_FULL)], where=str(DEV_FULL), untouched=[DEV_FULL])


def export_onto_a_full_disk(ws: Workspace) -> Call:
    # A file size limit makes the kernel fail the write past 64 KiB (EFBIG), as a full disk
    # fails it (ENOSPC): a real failed write, half-way through the first file.
    return Call(
        ["export", "--output", "dist"],
        where="dist/peergraph.ttl",
        in_subprocess=True,
        file_size_limit=64 * 1024,
    )


def stdout_dev_full(ws: Workspace) -> Call:
    argv = ["validate", ws.site(), "--lenient", "--fail-on", "never"]
    return Call(argv, in_subprocess=True, stdout=DEV_FULL, untouched=[DEV_FULL])


def table_stdout_dev_full(ws: Workspace) -> Call:
    # Printed by the command itself, not through emit: the command line's last resort answers.
    argv = ["table", "continuum", "--format", "csv"]
    return Call(argv, in_subprocess=True, stdout=DEV_FULL, untouched=[DEV_FULL])


OUTPUT_CASES = [
    case("-o /dev/full", output_dev_full, 2, "No space left on device", marks=needs_dev_full),
    case(
        "> /dev/full", stdout_dev_full, 2, "cannot write to standard output", marks=needs_dev_full
    ),
    case("table > /dev/full", table_stdout_dev_full, 2, "No space left", marks=needs_dev_full),
    case("-o a read-only file", output_read_only_file, 2, "the file is read-only"),
    case("-o into a read-only folder", output_read_only_folder, 2, "its folder is read-only"),
    case("-o into a missing folder", output_missing_folder, 2, "its folder does not exist"),
    case("-o a folder", output_folder, 2, "it is a folder"),
    case("-o a symbolic link loop", output_link_loop, 2, "symbolic link loop"),
    case("-o the input file", output_is_the_input, 2, "over the input file"),
    case("export into a read-only folder", export_into_read_only_folder, 2, "read-only"),
    case(
        "export, new folder in a read-only one",
        export_into_new_folder_of_read_only_folder,
        2,
        "read-only",
    ),
    case("export under a file", export_under_a_file, 2, "exists and is not a folder"),
    case("export onto a file", export_onto_a_file, 2, "exists and is not a folder"),
    case(
        "export onto /dev/full",
        export_onto_dev_full,
        2,
        "exists and is not a folder",
        marks=needs_dev_full,
    ),
    case("export onto a full disk", export_onto_a_full_disk, 2, "File too large"),
]


@pytest.mark.parametrize(("build", "exit_code", "message"), OUTPUT_CASES)
def test_output_fault(check_fault: Check, build: Build, exit_code: int, message: str) -> None:
    check_fault(build, exit_code, message)


# --- input files and folders ---------------------------------------------------------------------


def unreadable_folder(ws: Workspace) -> Call:
    ws.site("in/site.ttl")
    ws.folder("in", mode=0o000)
    return Call(["validate", "in"], where="in")


def unreadable_file(ws: Workspace) -> Call:
    ws.site("in/site.ttl")
    (ws.root / "in/site.ttl").chmod(0o000)
    return Call(["validate", "in"], where="in/site.ttl")


def link_loop_in_folder(ws: Workspace) -> Call:
    ws.site("in/site.ttl")
    ws.link("in/loop.ttl", "loop.ttl")
    return Call(["validate", "in"], where="in/loop.ttl")


def broken_link_in_folder(ws: Workspace) -> Call:
    ws.site("in/site.ttl")
    ws.link("in/gone.ttl", "moved-away.ttl")
    return Call(["validate", "in"], where="in/gone.ttl")


def fifo_in_folder(ws: Workspace) -> Call:
    # In a subprocess: should peergraph open the FIFO, it would wait for a writer forever.
    ws.site("in/site.ttl")
    ws.fifo("in/pipe.ttl")
    return Call(["validate", "in"], where="in/pipe.ttl", in_subprocess=True)


def fifo_given(ws: Workspace) -> Call:
    return Call(["validate", ws.fifo("pipe.ttl")], where="pipe.ttl", in_subprocess=True)


def fifo_form_validated(ws: Workspace) -> Call:
    return Call(["validate", ws.fifo("anytown.xlsx")], where="anytown.xlsx", in_subprocess=True)


def fifo_form_converted(ws: Workspace) -> Call:
    return Call(
        ["convert", ws.fifo("anytown.yaml"), "--out", "anytown.ttl"],
        where="anytown.yaml",
        in_subprocess=True,
    )


def empty_file(ws: Workspace) -> Call:
    return Call(["validate", ws.file("empty.ttl", "")], where="empty.ttl")


def comments_only_file(ws: Workspace) -> Call:
    name = ws.file("draft.ttl", "# HMP Anytown: to be filled in\n\n   # (nothing yet)\n")
    return Call(["validate", name], where="draft.ttl")


def empty_json_ld(ws: Workspace) -> Call:
    return Call(["validate", ws.file("empty.jsonld", " \n")], where="empty.jsonld")


def empty_folder(ws: Workspace) -> Call:
    return Call(["validate", ws.folder("empty")], where="empty")


def missing_path(ws: Workspace) -> Call:
    return Call(["validate", "nope.ttl"], where="nope.ttl")


def binary_file(ws: Workspace) -> Call:
    return Call(["validate", ws.file("data.ttl", b"\x00\x01\x02binary\x00")], where="data.ttl")


def png_named_ttl(ws: Workspace) -> Call:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
    return Call(["validate", ws.file("photo.ttl", png)], where="photo.ttl")


def unterminated_string(ws: Workspace) -> Call:
    name = ws.file("bad.ttl", TURTLE_PREFIX + 'ex:a ex:b ex:c .\nex:a ex:label "never closed .\n')
    return Call(["validate", name], where="bad.ttl:3")


def ill_typed_literal(ws: Workspace) -> Call:
    text = (
        TURTLE_PREFIX
        + "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        + 'ex:a ex:level "two"^^xsd:integer .\n'
    )
    return Call(["validate", ws.file("typed.ttl", text)], where="typed.ttl:3")


def bad_iri(ws: Workspace) -> Call:
    name = ws.file("iri.ttl", TURTLE_PREFIX + "ex:a ex:b <http://example.org/a b> .\n")
    return Call(["validate", name], where="iri.ttl:2")


INPUT_CASES = [
    case("a folder without read permission", unreadable_folder, 2, "cannot read the folder"),
    case("a file without read permission", unreadable_file, 2, "no read permission"),
    case("a symbolic link loop in a folder", link_loop_in_folder, 2, "symbolic link loop"),
    case("a broken link in a folder", broken_link_in_folder, 2, "does not exist"),
    case("a FIFO named .ttl in a folder", fifo_in_folder, 2, "named pipe (FIFO)"),
    case("a FIFO named .ttl", fifo_given, 2, "named pipe (FIFO)"),
    case("a FIFO named .xlsx, validated", fifo_form_validated, 2, "named pipe (FIFO)"),
    case("a FIFO named .yaml, converted", fifo_form_converted, 2, "named pipe (FIFO)"),
    case("an empty file", empty_file, 2, "the file is empty"),
    case("a file of comments only", comments_only_file, 2, "the file is empty"),
    case("an empty JSON-LD file", empty_json_ld, 2, "the file is empty"),
    case("an empty folder", empty_folder, 2, "no RDF files"),
    case("a missing path", missing_path, 2, "no such file"),
    case("a binary file", binary_file, 2, "binary file, not Turtle"),
    case("a PNG named .ttl", png_named_ttl, 2, "PNG image"),
    case("an unterminated Turtle string", unterminated_string, 2, "not valid Turtle"),
    case("an ill-typed literal", ill_typed_literal, 2, "ill-typed literal 'two'"),
    case("a bad IRI", bad_iri, 2, "invalid IRI"),
]


@pytest.mark.parametrize(("build", "exit_code", "message"), INPUT_CASES)
def test_input_file_fault(check_fault: Check, build: Build, exit_code: int, message: str) -> None:
    check_fault(build, exit_code, message)


# --- what a good output does ---------------------------------------------------------------------

REPORT = "a report\n"


def test_a_device_is_written_into_not_replaced(workspace: Workspace) -> None:
    from peergraph import cli

    before = snapshot(Path(os.devnull))
    assert cli.main(validate_to(os.devnull)(workspace)) == 0
    assert snapshot(Path(os.devnull)) == before and before is not None and before[0] == "special"


def test_a_fifo_is_written_into(workspace: Workspace) -> None:
    fifo = workspace.fifo("pipe.txt")
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(Path(fifo).read_bytes()))
    reader.start()
    try:
        emit(REPORT, fifo)
    finally:
        reader.join(timeout=HANG_SECONDS)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received == [REPORT.encode("utf-8")]


def test_dev_stdout_that_is_a_pipe_is_written_into(workspace: Workspace) -> None:
    # /dev/stdout is then a link to no path ("pipe:[...]"): only the kernel can follow it.
    argv = [*peergraph_command(), "validate", workspace.site(), "--lenient", "--fail-on", "never"]
    env = peergraph_env()
    direct = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    argv += ["--output", "/dev/stdout"]
    through = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    assert (through.returncode, through.stderr) == (0, ""), through.stderr
    assert direct.stdout and through.stdout == direct.stdout


def test_a_symbolic_link_is_followed_and_kept(workspace: Workspace) -> None:
    workspace.file("reports/latest.txt", "old\n")
    link = workspace.link("report.txt", "reports/latest.txt")
    emit(REPORT, link)
    assert os.readlink(link) == "reports/latest.txt"
    assert Path("reports/latest.txt").read_text(encoding="utf-8") == REPORT


def test_a_replaced_file_keeps_its_permissions(workspace: Workspace) -> None:
    workspace.file("report.txt", "old\n", mode=0o640)
    inode = os.stat("report.txt").st_ino
    emit(REPORT, "report.txt")
    st = os.stat("report.txt")
    assert stat.S_IMODE(st.st_mode) == 0o640
    assert st.st_ino != inode  # replaced whole by a rename, not rewritten in place
    assert Path("report.txt").read_text(encoding="utf-8") == REPORT


@pytest.mark.parametrize(
    ("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)], ids=["022", "027", "002"]
)
def test_a_new_file_gets_the_umask(workspace: Workspace, umask: int, mode: int) -> None:
    saved = os.umask(umask)
    try:
        emit(REPORT, "report.txt")
    finally:
        os.umask(saved)
    assert stat.S_IMODE(os.stat("report.txt").st_mode) == mode


def test_read_only_is_refused_even_for_root(workspace: Workspace) -> None:
    target = Path(workspace.file("report.txt", "old\n", mode=0o444))
    # Root may write any file: the refusal comes from the mode bits, for root as for others.
    assert os.access(target, os.W_OK) == (os.geteuid() == 0)
    with pytest.raises(InputError, match="read-only"):
        write_atomically(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"


# --- the writer ----------------------------------------------------------------------------------


@needs_dev_full
def test_a_full_device_is_one_error_and_the_other_outputs_stay_as_they_were(
    workspace: Workspace,
) -> None:
    first = Path(workspace.file("first.txt", "as it was\n"))
    before = snapshot(first)
    with pytest.raises(InputError, match="No space left on device") as caught:
        write_files_atomically({first: "new first\n", DEV_FULL: "cannot fit\n"})
    assert Path(caught.value.path or "") == DEV_FULL
    assert snapshot(first) == before
    assert sorted(os.listdir(workspace.root)) == ["first.txt"]  # no temporary file left


def test_the_input_is_not_overwritten(workspace: Workspace) -> None:
    site = Path(workspace.site("in/site.ttl"))
    before = snapshot(site)
    for inputs in (["in/site.ttl"], ["in"], ["./in/../in/site.ttl"]):
        with pytest.raises(InputError, match="over the input file"):
            emit("report\n", str(site), inputs=inputs)
    link = workspace.link("report.ttl", "in/site.ttl")
    with pytest.raises(InputError, match="over the input file"):
        emit("report\n", link, inputs=["in"])
    assert snapshot(site) == before
