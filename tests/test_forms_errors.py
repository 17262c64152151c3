"""Bad site forms get one clear line: the file, the place (sheet and cell, or YAML line and key
path), what was expected; exit code 2; nothing written; no traceback.

The YAML corpus is ``tests/forms/bad/`` (each file's first line says what it must report); the
workbook cases are made here from the blank form of ``peergraph new-site``, one mistake each.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from peergraph import cli

BAD = Path(__file__).resolve().parent / "forms" / "bad"
EXPECT = re.compile(r"^# expect: (\d+): (.+)$")
NO_EXPECT_LINE = {"empty.yaml": (0, "the file is empty, not a site form")}


def _expected(path: Path) -> tuple[int, str]:
    if path.name in NO_EXPECT_LINE:
        return NO_EXPECT_LINE[path.name]
    match = EXPECT.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path.name} has no '# expect: LINE: MESSAGE' first line"
    return int(match[1]), match[2]


def _call(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(argv)
    err = capsys.readouterr().err
    return code, err


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.glob("*.yaml")))
def test_a_bad_yaml_form_is_refused_at_its_line_and_key(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    line, message = _expected(BAD / name)
    monkeypatch.chdir(BAD)
    where = name if line == 0 else f"{name}:{line}"
    code, err = _call(["validate", name], capsys)
    assert code == 2
    assert _one_line(err).startswith(f"peergraph: {where}: {message}"), err
    assert " — " in err  # and then what to do
    out = tmp_path / "out.ttl"
    code, err = _call(["convert", name, "--out", str(out)], capsys)
    assert code == 2 and _one_line(err).startswith(f"peergraph: {where}: {message}")
    assert not out.exists()


def test_the_corpus_covers_what_it_says() -> None:
    assert {"unknown-role.yaml", "misspelt-key.yaml", "wrong-type.yaml", "empty.yaml"} <= {
        p.name for p in BAD.glob("*.yaml")
    }


# --- workbooks ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("blank") / "anytown.xlsx"
    assert cli.main(["new-site", "--name", "HMP Anytown", "--out", str(path)]) == 0
    return path


def _column(sheet: Any, header: str) -> str:
    for cell in sheet[1]:
        if cell.value == header:
            return str(cell.column_letter)
    raise AssertionError(f"no column {header!r} on {sheet.title}")


def _role(book: Any, continuum: str = "peer-mentor") -> Any:
    sheet = book["Roles"]
    sheet[f"{_column(sheet, 'name')}2"] = "Peer mentor"
    sheet[f"{_column(sheet, 'continuum role')}2"] = continuum
    return sheet


def _unknown_role(book: Any) -> str:
    sheet = _role(book, "peer mentr")
    return f"sheet Roles, cell {_column(sheet, 'continuum role')}2: 'peer mentr' is not a continuum role; did you mean 'peer-mentor'?"  # noqa: E501 (the message as the user reads it)


def _wrong_type(book: Any) -> str:
    sheet = book["Qualifications"]
    sheet[f"{_column(sheet, 'name')}2"] = "Level 2 Award in Mentoring"
    sheet[f"{_column(sheet, 'level')}2"] = "two"
    return f"sheet Qualifications, cell {_column(sheet, 'level')}2: 'two' is not a whole number"


def _not_a_boolean(book: Any) -> str:
    sheet = book["Prison"]
    column = _column(sheet, "Prisoner Council membership available")
    sheet[f"{column}2"] = "maybe"
    return f"sheet Prison, cell {column}2: 'maybe' is not Yes or No"


def _misspelt_sheet(book: Any) -> str:
    _role(book)
    book["Roles"].title = "Rols"
    return "sheet 'Rols' is not a sheet of the site form; did you mean 'Roles'?"


def _renamed_sheet(book: Any) -> str:
    book["Roles"].title = "Peer roles"
    return "sheet 'Peer roles' is not a sheet of the site form; did you mean 'Roles'?"


def _misspelt_header(book: Any) -> str:
    sheet = book["Roles"]
    column = _column(sheet, "continuum role")
    sheet[f"{column}1"] = "continum role"
    return (
        f"sheet Roles, cell {column}1: column 'continum role' is not a column of Roles; "
        "did you mean 'continuum role'?"
    )


def _formula(book: Any) -> str:
    sheet = book["Qualifications"]
    sheet[f"{_column(sheet, 'name')}2"] = "Level 2 Award in Mentoring"
    sheet[f"{_column(sheet, 'level')}2"] = "=1+1"
    return f"sheet Qualifications, cell {_column(sheet, 'level')}2: holds a formula (=1+1)"


def _date(book: Any) -> str:
    import datetime

    sheet = book["Supervision"]
    sheet[f"{_column(sheet, 'name')}2"] = "Supervision"
    sheet[f"{_column(sheet, 'format')}2"] = datetime.datetime(2024, 2, 1)
    return f"sheet Supervision, cell {_column(sheet, 'format')}2: holds a date or time"


def _value_without_header(book: Any) -> str:
    sheet = book["Forum"]
    sheet["Z7"] = "meets on Tuesdays"
    return "sheet Forum, cell Z7: a value in a column with no header"


def _too_many(book: Any) -> str:
    sheet = _role(book, "peer-mentor; listener")
    column = _column(sheet, "continuum role")
    return f"sheet Roles, cell {column}2: 'continuum role' takes one value, not 2"


def _unknown_row(book: Any) -> str:
    sheet = _role(book)
    column = _column(sheet, "wing")
    sheet[f"{column}2"] = "Horizon wing"
    return f"sheet Roles, cell {column}2: 'Horizon wing' is not the ID or name of a CFO wing"


def _namespace(book: Any) -> str:
    book["Instructions"]["B3"] = "my prison"
    return "sheet Instructions, cell B3: namespace 'my prison' is not an IRI ending in / or #"


CASES: dict[str, Callable[[Any], str]] = {
    "unknown-role": _unknown_role,
    "wrong-type": _wrong_type,
    "not-a-boolean": _not_a_boolean,
    "misspelt-sheet": _misspelt_sheet,
    "renamed-sheet": _renamed_sheet,
    "misspelt-header": _misspelt_header,
    "formula": _formula,
    "date-for-text": _date,
    "value-without-header": _value_without_header,
    "two-values-for-one": _too_many,
    "unknown-row": _unknown_row,
    "bad-namespace": _namespace,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_workbook_is_refused_at_its_sheet_and_cell(
    case: str, blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.load_workbook(blank)
    message = CASES[case](book)
    path = tmp_path / f"{case}.xlsx"
    book.save(path)
    code, err = _call(["validate", str(path)], capsys)
    assert code == 2
    assert _one_line(err).startswith(f"peergraph: {path}: {message}"), err
    out = tmp_path / "out.ttl"
    code, err = _call(["convert", str(path), "--out", str(out)], capsys)
    assert code == 2 and message in err
    assert not out.exists()


def test_the_brief_example_message_is_word_for_word(
    blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    book = openpyxl.load_workbook(blank)
    sheet = _role(book, "peer mentr")
    assert _column(sheet, "continuum role") == "E"  # the ID column first, then the fields
    monkeypatch.chdir(tmp_path)
    book.save("anytown.xlsx")
    _code, err = _call(["validate", "anytown.xlsx"], capsys)
    assert err.startswith(
        "peergraph: anytown.xlsx: sheet Roles, cell E2: 'peer mentr' is not a continuum role; "
        "did you mean 'peer-mentor'?"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty, not a workbook"),
        (b"name,estate\nHMP Anytown,male estate\n", "not a workbook (.xlsx): it is not a zip"),
        (b"PK\x03\x04 broken", "not a workbook"),
    ],
)
def test_a_file_that_is_no_workbook_is_refused(
    content: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "anytown.xlsx"
    path.write_bytes(content)
    code, err = _call(["validate", str(path)], capsys)
    assert code == 2 and _one_line(err).startswith(f"peergraph: {path}: {message}"), err


def test_a_bad_form_in_a_folder_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.ttl").write_bytes(
        (
            Path(cli.__file__).resolve().parents[3]
            / "data"
            / "examples"
            / "valid"
            / "hmp-example.ttl"
        ).read_bytes()
    )
    (tmp_path / "bad.yaml").write_text((BAD / "unknown-role.yaml").read_text(encoding="utf-8"))
    code, err = _call(["validate", str(tmp_path)], capsys)
    assert code == 2 and f"{tmp_path / 'bad.yaml'}:6: roles[1].continuum-role" in err
