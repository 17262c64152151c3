"""A workbook saved by LibreOffice reads back: the forms peergraph writes, passed through
``libreoffice --headless --convert-to xlsx`` (LibreOffice's own xlsx writer), give the same
graph; and cells filled as people type them (TRUE and FALSE, Yes and no, numbers typed as text,
rows added below a gap) read as they mean.

Skipped where LibreOffice is not installed (Debian: ``libreoffice-calc-nogui``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from rdflib import Literal, Namespace
from rdflib.compare import isomorphic

from peergraph import cli
from peergraph.rdfio import parse_file
from peergraph.resources import data_dir

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# CI installs LibreOffice (.ci/run), so there a missing one is a failure, not a skip.
pytestmark = pytest.mark.skipif(
    SOFFICE is None and os.environ.get("CI") != "true",
    reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)",
)

PG = Namespace("https://w3id.org/peergraph/ontology#")
ROLE = Namespace("https://w3id.org/peergraph/data/role/")
GRAPHS = [
    data_dir() / "examples" / "valid" / "hmp-example.ttl",
    *sorted((data_dir() / "sites").glob("*.ttl")),
]


def _through_libreoffice(files: list[Path], folder: Path) -> list[Path]:
    """Each workbook opened and saved again as xlsx by LibreOffice, into ``folder``."""
    assert SOFFICE is not None
    folder.mkdir()
    profile = (folder.parent / "libreoffice-profile").as_uri()  # its own, not the user's
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(folder), *map(str, files)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    saved = [folder / f.name for f in files]
    assert all(p.is_file() for p in saved), list(folder.iterdir())
    return saved


def _column(sheet, header: str) -> str:  # type: ignore[no-untyped-def]
    return next(c.column_letter for c in sheet[1] if c.value == header)


def _typed_by_hand(path: Path) -> None:
    """A blank form filled as a person types into a spreadsheet."""
    book = openpyxl.load_workbook(path)
    prison = book["Prison"]
    prison[f"{_column(prison, 'Prisoner Council membership available')}2"] = True  # TRUE
    prison[f"{_column(prison, 'sponsor is Governor-level')}2"] = False  # FALSE
    prison[f"{_column(prison, 'sponsor' + chr(39) + 's post')}2"] = "Deputy Governor"
    roles = book["Roles"]
    for row, (name, continuum, aligned) in {
        2: ("Peer mentor", "peer-mentor", "Yes"),
        4: ("Listener at HMP Anytown", "Listener", "no"),  # row 3 left empty
    }.items():
        roles[f"{_column(roles, 'name')}{row}"] = name
        roles[f"{_column(roles, 'continuum role')}{row}"] = continuum
        roles[f"{_column(roles, 'progression aligned to programme phases')}{row}"] = aligned
    roles[f"{_column(roles, 'required qualification')}2"] = "level-2"
    qualifications = book["Qualifications"]
    qualifications[f"{_column(qualifications, 'ID')}2"] = "level-2"
    qualifications[f"{_column(qualifications, 'name')}2"] = "Level 2 Award in Mentoring"
    qualifications[f"{_column(qualifications, 'level')}2"] = "2"  # a number typed as text
    book.save(path)


def test_forms_saved_by_libreoffice_read_back(tmp_path: Path) -> None:
    forms = []
    for graph_file in GRAPHS:
        form = tmp_path / f"{graph_file.stem}.xlsx"
        assert cli.main(["convert", str(graph_file), "--out", str(form)]) == 0
        forms.append(form)
    typed = tmp_path / "typed.xlsx"
    assert cli.main(["new-site", "--name", "HMP Anytown", "--out", str(typed)]) == 0
    _typed_by_hand(typed)
    saved = _through_libreoffice([*forms, typed], tmp_path / "saved")

    for graph_file, form in zip(GRAPHS, saved[:-1], strict=True):
        back = tmp_path / f"{graph_file.stem}.ttl"
        assert cli.main(["convert", str(form), "--out", str(back)]) == 0
        assert isomorphic(parse_file(back), parse_file(graph_file)), graph_file.name

    # LibreOffice writes a typed TRUE as the formula =TRUE(): still read as the boolean.
    book = openpyxl.load_workbook(saved[-1])
    cell = book["Prison"][f"{_column(book['Prison'], 'Prisoner Council membership available')}2"]
    assert cell.data_type == "f" and str(cell.value).upper().startswith("=TRUE")
    back = tmp_path / "typed.ttl"
    assert cli.main(["convert", str(saved[-1]), "--out", str(back)]) == 0
    graph = parse_file(back)
    site = Namespace("https://example.org/peergraph/hmp-anytown/")
    expected = [
        (site["hmp-anytown"], PG.prisonerCouncilMembershipAvailable, Literal(True)),
        (site["hmp-anytown-sponsor"], PG.governorLevel, Literal(False)),
        (site["peer-mentor"], PG.continuumRole, ROLE["peer-mentor"]),
        (site["peer-mentor"], PG.progressionAlignedToProgrammePhases, Literal(True)),
        (site["listener-at-hmp-anytown"], PG.continuumRole, ROLE["listener"]),
        (site["listener-at-hmp-anytown"], PG.progressionAlignedToProgrammePhases, Literal(False)),
        (site["peer-mentor"], PG.requiresQualification, site["level-2"]),
        (site["level-2"], PG.level, Literal(2)),
    ]
    assert [t for t in expected if t not in graph] == []
