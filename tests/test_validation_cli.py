"""`peergraph validate` and `peergraph scorecard`: exit codes, formats, --output, bad input.

Bad input is run in a subprocess (``python -m ...``) to see exactly what a user sees: one line
on stderr, exit code 2, no traceback. The rest runs in-process through ``main``.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from peergraph import cli
from peergraph.resources import data_dir

VALID = data_dir() / "examples" / "valid" / "hmp-example.ttl"
SITES = data_dir() / "sites"


MODULE = "peergraph.cli"
main = cli.main


def run(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", MODULE, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def call(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


# --- exit codes ---------------------------------------------------------------------------------


def test_valid_example_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(["validate", str(VALID)], capsys)
    assert code == 0 and err == ""
    assert "HMP Example" in out
    assert out.rstrip().endswith("0 violations, 0 warnings, 0 info in 1 site (conforms)")


def test_pilot_sites_exit_1_on_holme_house_violations(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(["validate", str(SITES)], capsys)
    assert code == 1 and err == ""
    assert "R3a: the training of Veteran Peer mentor at HMP Holme House" in out
    assert "Not applicable: D-a, D-b, D-c" in out


@pytest.mark.parametrize(
    ("example", "fail_on", "code"),
    [
        ("r2a-no-sponsor.ttl", "violation", 0),
        ("r2a-no-sponsor.ttl", "warning", 1),
        ("r2a-advice-sponsor-not-responsible-for-council.ttl", "warning", 0),
        ("r2a-advice-sponsor-not-responsible-for-council.ttl", "info", 1),
        ("r2a-sponsor-not-governor-level.ttl", "violation", 1),
        ("r2a-sponsor-not-governor-level.ttl", "never", 0),
    ],
)
def test_fail_on_chooses_the_severity_that_fails(
    example: str,
    fail_on: str,
    code: int,
    invalid_examples_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = invalid_examples_dir / example
    got, _out, err = call(["validate", str(path), "--fail-on", fail_on], capsys)
    assert (got, err) == (code, "")


# --- formats ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "turtle", "csv", "html"])
def test_every_report_format_renders(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(["validate", str(SITES), "--format", fmt], capsys)
    assert code == 1 and err == "" and out
    if fmt == "json":
        # HMP Holme House's non-accredited training, against R3a and D-a (what Table 1 says).
        assert json.loads(out)["counts"]["Violation"] == 2
    elif fmt == "turtle":
        assert len(Graph().parse(data=out, format="turtle")) > 100
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0][:5] == ["site", "requirement", "severity", "focus", "message"]
        assert not out.startswith("\ufeff")  # no byte order mark on a terminal
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and "<script" not in out


@pytest.mark.parametrize("fmt", ["text", "csv", "html"])
def test_every_scorecard_format_renders(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(["scorecard", str(SITES), str(VALID), "--format", fmt], capsys)
    assert code == 1 and err == ""
    assert "HMP Example" in out and "HMP Holme House" in out
    if fmt == "csv":
        rows = {row[0]: row for row in csv.reader(io.StringIO(out))}
        assert set(rows["HMP Example"][2:]) == {"met"}
        assert "not applicable" in rows["HMP High Down"]


def test_scorecard_of_the_valid_example_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = call(["scorecard", str(VALID)], capsys)
    assert code == 0 and "HMP Example" in out


# --- --output -----------------------------------------------------------------------------------


def test_output_writes_the_file_and_nothing_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.csv"
    code, out, err = call(["validate", str(SITES), "--format", "csv", "-o", str(target)], capsys)
    assert (code, out, err) == (1, "", "")
    # CSV written to a file opens in Excel: a UTF-8 byte order mark first.
    assert target.read_text(encoding="utf-8").startswith("\ufeffsite,requirement,severity")
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]  # no temporary file left


def test_output_is_not_touched_on_bad_input(
    tmp_path: Path, invalid_examples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.txt"
    target.write_text("previous report\n", encoding="utf-8")
    bad = invalid_examples_dir / "dq-unknown-role.ttl"
    code, out, err = call(["validate", str(bad), "-o", str(target)], capsys)
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_output_into_a_missing_folder_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = call(["validate", str(VALID), "-o", str(tmp_path / "no" / "r.txt")], capsys)
    assert code == 2 and "folder does not exist" in err and len(err.splitlines()) == 1


# --- bad input: one line on stderr, exit 2, no traceback ------------------------------------------


def _bad_inputs(tmp: Path, invalid: Path) -> dict[str, tuple[list[str], list[str]]]:
    """case -> (arguments, words the one stderr line must contain); ``invalid`` is the folder
    of composed invalid examples."""
    unparsable = tmp / "unparsable.ttl"
    unparsable.write_text(
        "@prefix pg: <https://w3id.org/peergraph/ontology#> .\n\n"
        'pg:x a pg:Prison ;\n    pg:foo "bar"\n    pg:y .\n',
        encoding="utf-8",
    )
    prose = tmp / "minutes.ttl"
    prose.write_text("Minutes of the wing meeting, 3 May.\nAll present.\n", encoding="utf-8")
    picture = tmp / "photo.ttl"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    notes = tmp / "notes.txt"
    notes.write_text("not RDF\n", encoding="utf-8")
    empty = tmp / "empty"
    empty.mkdir()
    wrong_type = tmp / "wrong-type.ttl"
    wrong_type.write_text(
        VALID.read_text(encoding="utf-8").replace("pg:level 2 ;", 'pg:level "two" ;'),
        encoding="utf-8",
    )
    return {
        "unparsable file, with its line": ([str(unparsable)], ["unparsable.ttl:5:", "Turtle"]),
        "not RDF (prose in a .ttl)": ([str(prose)], ["minutes.ttl:1:", "not valid Turtle"]),
        "not RDF (a picture)": ([str(picture)], ["photo.ttl", "PNG image"]),
        "not RDF (a .txt file)": ([str(notes)], ["notes.txt", "not a known RDF file type"]),
        "empty folder": ([str(empty)], ["empty", "no RDF files"]),
        "missing file": ([str(tmp / "nope.ttl")], ["nope.ttl", "no such file"]),
        "unknown role slug": (
            [str(invalid / "dq-unknown-role.ttl")],
            ["dq-unknown-role.ttl:", "role:peer-mentr", "does not exist"],
        ),
        "value of the wrong type": (
            [str(wrong_type)],
            ["wrong-type.ttl:", 'pg:level the value "two"', "whole number"],
        ),
        "no prison in the file": ([str(data_dir() / "agents.ttl")], ["agents.ttl", "no site"]),
    }


BAD_INPUT_CASES = [
    "unparsable file, with its line",
    "not RDF (prose in a .ttl)",
    "not RDF (a picture)",
    "not RDF (a .txt file)",
    "empty folder",
    "missing file",
    "unknown role slug",
    "value of the wrong type",
    "no prison in the file",
]


@pytest.mark.parametrize("case", BAD_INPUT_CASES)
def test_bad_input_is_one_line_on_stderr_and_exit_2(
    case: str, tmp_path: Path, invalid_examples_dir: Path
) -> None:
    args, words = _bad_inputs(tmp_path, invalid_examples_dir)[case]
    done = run(["validate", *args], cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert lines[0].startswith("peergraph: ")
    for word in words:
        assert word in lines[0], (word, lines[0])


def test_the_line_number_points_at_the_offending_value(
    tmp_path: Path, invalid_examples_dir: Path
) -> None:
    args, _ = _bad_inputs(tmp_path, invalid_examples_dir)["value of the wrong type"]
    done = run(["validate", *args], cwd=tmp_path)
    line = int(done.stderr.split("wrong-type.ttl:", 1)[1].split(":", 1)[0])
    assert 'pg:level "two"' in Path(args[0]).read_text(encoding="utf-8").splitlines()[line - 1]


def test_scorecard_reports_bad_input_the_same_way(
    tmp_path: Path, invalid_examples_dir: Path
) -> None:
    done = run(["scorecard", str(invalid_examples_dir / "dq-unknown-role.ttl")], cwd=tmp_path)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert "role:peer-mentr" in done.stderr


def test_lenient_reports_data_quality_problems_with_the_rest(
    invalid_examples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = invalid_examples_dir / "dq-unknown-role.ttl"
    code, out, err = call(["validate", "--lenient", str(bad)], capsys)
    assert code == 1 and err == ""
    assert "DQ: Horizon Peer Mentor at HMP Example names the continuum role role:peer-mentr" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert call(["validate"], capsys)[0] == 2
    assert call(["validate", str(VALID), "--format", "pdf"], capsys)[0] == 2
    assert call(["validate", str(VALID), "--fail-on", "sometimes"], capsys)[0] == 2
    assert call(["validate", str(VALID), "--jobs", "-1"], capsys)[0] == 2


# --- help and start-up --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["validate", "scorecard"])
def test_help_has_a_description_and_an_example(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = call([name, "--help"], capsys)
    assert code == 0
    assert "example" in out and f"peergraph {name}" in out.split("example", 1)[1]
    assert "--fail-on" in out and "--output" in out


def test_importing_the_subcommands_does_not_import_rdflib_or_pyshacl() -> None:
    code = (
        "import sys, peergraph.cli.validate; "
        "print(sorted(m for m in ('rdflib', 'pyshacl') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_peergraph_cli_registers_validate_and_scorecard() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "peergraph.cli", "validate", str(VALID)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
