"""``peergraph synth``: a deterministic synthetic estate whose planted defects are known.

What each prison must report comes from the invalid examples' ``# expect:`` lines (read here
by tests/example_sites.py, not by the generator), and validating the estate must report exactly
that, prison by prison: the copies of the wing, the renaming and the estates add nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import example_sites
import pytest
from conftest import CliResult

from peergraph.synth import Manifest, defects, plan, synthesise
from peergraph.validation import validate

Run = Callable[..., CliResult]


@pytest.fixture(scope="module")
def estate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("estate") / "estate"
    synthesise(folder, prisons=6, seed=7, wings=3, defect_share=0.5)
    return folder


def test_same_options_same_bytes(estate: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    synthesise(again, prisons=6, seed=7, wings=3, defect_share=0.5)
    names = sorted(p.name for p in estate.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    for name in names:
        assert (estate / name).read_bytes() == (again / name).read_bytes(), name


def test_another_seed_plants_other_defects() -> None:
    first = [p.defect.name if p.defect else None for p in plan(40, seed=1)]
    second = [p.defect.name if p.defect else None for p in plan(40, seed=2)]
    assert first != second


def test_every_example_is_planted_once_before_any_twice() -> None:
    examples = {path.stem for path in example_sites.INVALID_DIR.glob("*.ru")}
    plans = plan(2 * len(examples), seed=3, defect_share=0.5)
    planted = Counter(p.defect.name for p in plans if p.defect is not None)
    assert set(planted) == examples
    assert set(planted.values()) == {1}
    # Half of the prisons, as asked; and both estates.
    assert sum(1 for p in plans if p.defect is None) == len(examples)
    assert {p.estate for p in plans} == {"male-estate", "female-estate"}


def test_the_manifest_repeats_each_example_expectation(estate: Path) -> None:
    manifest = Manifest.read(estate / "manifest.json")
    assert len(manifest["prisons"]) == 6
    for prison in manifest["prisons"]:
        expected = example_sites.expected(prison["defect"]) if prison["defect"] else set()
        assert {tuple(pair) for pair in prison["expected"]} == expected
        lines = (estate / prison["file"]).read_text(encoding="utf-8").splitlines()
        assert prison["triples"] == len(lines)
    assert manifest["triples"] == sum(p["triples"] for p in manifest["prisons"])


def test_validating_the_estate_reports_what_the_manifest_says(estate: Path) -> None:
    manifest = Manifest.read(estate / "manifest.json")
    report = validate(estate)
    by_site = {s.site.iri: s for s in report.sites}
    assert set(by_site) == {p["site"] for p in manifest["prisons"]}
    for prison in manifest["prisons"]:
        found = {(r.requirement, r.severity) for r in by_site[prison["site"]].results}
        assert found == {tuple(pair) for pair in prison["expected"]}, prison["defect"]
        assert by_site[prison["site"]].site.label == prison["label"]


def test_the_wings_scale_the_prison(tmp_path: Path) -> None:
    one = synthesise(tmp_path / "one", prisons=1, seed=0, wings=1, defect_share=0)
    ten = synthesise(tmp_path / "ten", prisons=1, seed=0, wings=10, defect_share=0)
    per_wing = (ten.triples - one.triples) / 9
    assert 80 < per_wing < 200
    text = (tmp_path / "ten" / "prison-0001.nt").read_text(encoding="utf-8")
    hosts = "<https://w3id.org/peergraph/ontology#hostsCFOWing>"
    assert sum(1 for line in text.splitlines() if hosts in line) == 10


def test_every_patch_has_an_expectation() -> None:
    assert {d.name for d in defects()} == set(example_sites.names())
    for defect in defects():
        assert set(defect.expected) == example_sites.expected(defect.name)


def test_cli_writes_the_estate(run_cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "cli-estate"
    result = run_cli("synth", "--prisons", "3", "--seed", "5", "--wings", "2", "--out", str(out))
    assert result.code == 0, result.err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [p["file"] for p in manifest["prisons"]] == [
        "prison-0001.nt",
        "prison-0002.nt",
        "prison-0003.nt",
    ]
    assert "3 prisons" in result.err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--prisons", "0"], "--prisons must be 1 or more"),
        (["--prisons", "2", "--wings", "0"], "--wings must be 1 or more"),
        (["--prisons", "2", "--defect-share", "1.5"], "--defect-share must be between 0 and 1"),
    ],
)
def test_cli_refuses_bad_numbers(run_cli: Run, tmp_path: Path, argv: list[str], words: str) -> None:
    out = tmp_path / "refused"
    result = run_cli("synth", *argv, "--out", str(out))
    assert result.code == 2
    assert words in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_cli_refuses_a_folder_in_use(run_cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "used"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    result = run_cli("synth", "--prisons", "2", "--out", str(out))
    assert result.code == 2
    assert str(out) in result.err and "not an empty folder" in result.err
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["used"]
