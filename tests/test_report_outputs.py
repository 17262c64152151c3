"""The report's outputs for the terminal and for spreadsheets: ``--summary``, ``--quiet`` and
progress, CSV that opens cleanly in Excel (byte order mark, no cell that runs as a formula), and
the xlsx workbook, read back with openpyxl. Through ``peergraph.cli.main`` and capsys, or a
subprocess where the terminal itself matters."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

import peergraph
from peergraph import cli
from peergraph.cli.validate import Progress
from peergraph.render.tabular import spreadsheet_safe
from peergraph.resources import data_dir
from peergraph.validation import Report, requirement_ids, requirements, validate

SITES = data_dir() / "sites"
VALID = data_dir() / "examples" / "valid" / "hmp-example.ttl"
HYPERLINK = '=HYPERLINK("https://example.org/","click me")'


def call(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = cli.main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def pilots() -> Report:
    return validate(SITES)


@pytest.fixture
def formula_site(tmp_path: Path) -> Path:
    """The valid example with its prison named like a formula, and no sponsor (so that the
    prison is the focus of a result)."""
    text = VALID.read_text(encoding="utf-8")
    assert 'rdfs:label "HMP Example"@en' in text
    text = text.replace('rdfs:label "HMP Example"@en', f"rdfs:label '{HYPERLINK}'@en")
    lines = [line for line in text.splitlines() if "pg:cfoSponsor" not in line]
    path = tmp_path / "formula.ttl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert any(r.focus.label == HYPERLINK for r in validate(path).results)
    return path


# --- --summary ---------------------------------------------------------------------------------


def test_summary_is_one_line_per_site_and_requirement(
    pilots: Report, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = call(["validate", str(SITES), "--summary"], capsys)
    assert code == 1 and err == ""
    report = pilots
    lines = out.splitlines()
    ids = requirement_ids()
    assert len(lines) == len(report.sites) * len(ids)
    expected = [
        (
            site.site.label,
            req,
            site.status(req),
            str(sum(r.requirement == req for r in site.results)),
        )
        for site in report.sites
        for req in ids
    ]
    for line, (label, req, state, count) in zip(lines, expected, strict=True):
        assert line.startswith(label + " ")
        assert line.split()[-1] == count
        assert f"  {req} " in line and f"  {state} " in line + " "
    holme = [line for line in lines if line.startswith("HMP Holme House") and "not met" in line]
    assert {line.split()[3] for line in holme} == {"R3a", "D-a"}


def test_summary_is_text_only(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(["validate", str(VALID), "--summary", "--format", "json"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("peergraph: ") and "--summary" in err and len(err.splitlines()) == 1


# --- progress and --quiet ----------------------------------------------------------------------


def _pty_progress(done: int, total: int, *, big: bool = False) -> str:
    """What ``Progress`` writes to a real terminal (a pseudo-terminal's other end)."""
    leader, follower = os.openpty()
    try:
        with open(follower, "w", encoding="utf-8", closefd=False) as stream:
            progress = Progress(stream, big_input=big)
            progress(done, total, "HMP Example")
            progress.close()
        os.close(follower)
        follower = -1
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode("utf-8")
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)


def test_progress_shows_on_a_terminal_for_several_sites() -> None:
    shown = _pty_progress(3, 120)
    assert "validating 3/120: HMP Example" in shown
    assert shown.endswith("\r\x1b[K")  # cleared, so that the report starts on a clean line


def test_progress_shows_for_one_big_file_and_not_for_one_small_one() -> None:
    assert "validating 1/1: HMP Example" in _pty_progress(1, 1, big=True)
    assert _pty_progress(1, 1) == ""


def test_progress_is_silent_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    Progress(stream)(2, 4, "HMP Example")
    assert stream.getvalue() == ""


def test_quiet_and_a_pipe_leave_stderr_empty(capsys: pytest.CaptureFixture[str]) -> None:
    # Several sites, stderr not a terminal: no progress.
    code, out, err = call(["scorecard", str(SITES)], capsys)
    assert code == 1 and out and err == ""
    for command in ("validate", "scorecard"):
        code, out, err = call([command, str(VALID), "--quiet"], capsys)
        assert code == 0 and out and err == ""


def test_the_command_line_shows_progress_on_a_terminal() -> None:
    leader, follower = os.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "peergraph.cli", "validate", str(SITES), "--summary"],
        stdout=subprocess.PIPE,
        stderr=follower,
        timeout=300,
    )
    os.close(follower)
    shown = os.read(leader, 65536).decode("utf-8")
    os.close(leader)
    assert done.returncode == 1
    assert "validating 1/4: " in shown and "validating 4/4: " in shown


@pytest.mark.parametrize("jobs", [1, 2])
def test_validate_reports_progress_for_each_site_in_order(jobs: int) -> None:
    seen: list[tuple[int, int, str]] = []
    report = validate(
        SITES, jobs=jobs, progress=lambda n, total, site: seen.append((n, total, site))
    )
    assert [(n, total) for n, total, _ in seen] == [(n, 4) for n in range(1, 5)]
    assert [site for _, _, site in seen] == [s.site.label for s in report.sites]


# --- CSV for spreadsheets ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("HMP Example", "HMP Example"),
        ("R2a: =1+1 inside is harmless", "R2a: =1+1 inside is harmless"),
    ],
)
def test_a_cell_that_would_run_as_a_formula_is_quoted(text: str, safe: str) -> None:
    assert spreadsheet_safe(text) == safe


def test_csv_of_a_site_named_like_a_formula_cannot_run_it(
    formula_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ("validate", "scorecard"):
        target = tmp_path / f"{command}.csv"
        code, out, err = call(
            [command, str(formula_site), "--format", "csv", "-o", str(target)], capsys
        )
        assert (out, err) == ("", "") and code in (0, 1)
        rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
        cells = [cell for row in rows for cell in row]
        assert "'" + HYPERLINK in cells
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_csv_to_a_file_has_a_byte_order_mark_unless_asked_not_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_bom, without = tmp_path / "bom.csv", tmp_path / "plain.csv"
    call(["scorecard", str(VALID), "--format", "csv", "-o", str(with_bom)], capsys)
    call(["scorecard", str(VALID), "--format", "csv", "-o", str(without), "--no-bom"], capsys)
    assert with_bom.read_bytes().startswith(b"\xef\xbb\xbfsite,site_iri,")
    assert without.read_bytes().startswith(b"site,site_iri,")
    assert with_bom.read_bytes()[3:] == without.read_bytes()
    _code, out, _err = call(["scorecard", str(VALID), "--format", "csv"], capsys)
    assert out.startswith("site,site_iri,")  # to a terminal or a pipe: no mark


# --- xlsx ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "first"), [("validate", "Results"), ("scorecard", "Scorecard")]
)
def test_the_workbook_holds_the_scorecard_and_the_results(
    command: str, first: str, pilots: Report, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.xlsx"
    code, out, err = call([command, str(SITES), "--format", "xlsx", "-o", str(target)], capsys)
    assert (code, out, err) == (1, "", "")
    book = load_workbook(target)
    assert book.sheetnames == ["Scorecard", "Results", "What to do next", "About"]
    assert book.active.title == first
    report = pilots
    ids = requirement_ids()
    card = book["Scorecard"]
    header = [c.value for c in card[1]]
    assert header[:2] == ["site", "site IRI"]
    assert header[2:] == [f"{r.id}: {r.title}" for r in requirements()]
    for row, site in zip(card.iter_rows(min_row=2, values_only=True), report.sites, strict=True):
        assert row[0] == site.site.label and row[1] == site.site.iri
        words = {"n/a": "not applicable"}
        assert list(row[2:]) == [words.get(site.status(r), site.status(r)) for r in ids]
    results = book["Results"]
    assert [c.value for c in results[1]][:5] == [
        "site",
        "requirement",
        "severity",
        "focus",
        "message",
    ]
    rows = list(results.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        (r.site.label, r.requirement, r.severity, r.message) for r in report.results
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes in ("A2", "B2"), sheet.title  # the header row stays in view
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), sheet.title
        assert sheet.column_dimensions["A"].width > 10, sheet.title
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["peergraph version"] == peergraph.version()
    assert sum(1 for k in about if str(k).startswith("input file: ")) == 4


def test_the_workbook_stores_a_formula_like_label_as_text(
    formula_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "formula.xlsx"
    call(["validate", str(formula_site), "--format", "xlsx", "-o", str(target)], capsys)
    book = load_workbook(target)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    named = [c for c in cells if c.value == HYPERLINK]
    assert named and all(c.data_type == "s" for c in named)
    assert not any(c.data_type == "f" for c in cells)  # no formula anywhere


@pytest.mark.parametrize("command", ["validate", "scorecard"])
def test_xlsx_needs_an_output_file(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = call([command, str(VALID), "--format", "xlsx"], capsys)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "--output FILE.xlsx" in err and "Traceback" not in err
    code, out, err = call(
        [command, str(VALID), "--format", "xlsx", "-o", str(tmp_path / "r.csv")], capsys
    )
    assert code == 2 and out == "" and "r.csv" in err and len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_xlsx_to_stdout_is_refused_before_any_work_in_a_subprocess(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "peergraph.cli", "validate", str(VALID), "--format", "xlsx"],
        capture_output=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().count("\n") == 1 and b"Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []
