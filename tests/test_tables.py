"""Appendix 2 and Table 1, rebuilt from the graph, against the transcription of the source."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from peergraph.errors import InputError
from peergraph.graph import copy_graph, load_bundled_graph
from peergraph.render import render as render_as
from peergraph.tables import build_table

SOURCE = Path(__file__).parent / "source"


def _tsv(name: str) -> list[list[str]]:
    with open(SOURCE / name, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t"))


@pytest.fixture(scope="module")
def graph():
    return load_bundled_graph()


@pytest.mark.parametrize(
    ("name", "fixture"), [("continuum", "appendix-2.tsv"), ("sites", "table-1.tsv")]
)
def test_table_equals_source_cell_by_cell(graph, name: str, fixture: str) -> None:
    expected = _tsv(fixture)
    table = build_table(graph, name)
    assert table.headers == expected[0]
    assert len(table.rows) == len(expected) - 1
    for number, (got, want) in enumerate(zip(table.rows, expected[1:], strict=True), start=1):
        assert len(got) == len(want), f"row {number}"
        for column, (g, w) in enumerate(zip(got, want, strict=True)):
            assert g == w, f"{name} row {number}, column {table.headers[column]!r}: {g!r} != {w!r}"


def test_continuum_guidance_line_is_the_sources(graph) -> None:
    expected = _tsv("appendix-2-guidance.tsv")[0]
    table = build_table(graph, "continuum")
    assert table.guidance == expected


def test_missing_cell_is_an_error_not_a_blank(graph) -> None:
    from rdflib import URIRef

    broken = copy_graph(graph)
    cell = URIRef("https://w3id.org/peergraph/data/source/appendix-2-row-03-lcr")
    broken.remove((cell, None, None))
    with pytest.raises(InputError, match="row 3"):
        build_table(broken, "continuum")


def test_changed_cell_shows(graph) -> None:
    from rdflib import Literal

    from peergraph.pg import PG, SRC

    changed = copy_graph(graph)
    changed.set((SRC["table-1-row-4-training"], PG.sourceText, Literal("Accredited")))
    assert build_table(changed, "sites").rows[3][3] == "Accredited"


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_delimited_output_round_trips(graph, fmt: str) -> None:
    text = render_as("table", fmt, build_table(graph, "continuum"))
    rows = list(csv.reader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t"))
    assert rows == _tsv("appendix-2.tsv")


def test_markdown_escapes_and_lists_every_row(graph) -> None:
    text = render_as("table", "markdown", build_table(graph, "sites"))
    assert text.count("\n| HMP ") == 4
    assert "Ingeus, Non-accredited Peer Mentor program." in text


def test_cli_prints_appendix_2_as_csv() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "peergraph.cli", "table", "continuum", "--format", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert list(csv.reader(io.StringIO(done.stdout))) == _tsv("appendix-2.tsv")


def test_cli_unknown_table_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "peergraph.cli", "table", "prisons"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
