"""Every example site graph: the valid ones produce no result at all; each invalid one produces
exactly the (requirement, severity) pairs its header promises, and every shape is exercised."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import RDF
from rdflib.namespace import SH

from peergraph.paths import data_dir, repository_root
from peergraph.validation import Report, SiteReport, load_shapes_graph, validate

VALID_DIR = data_dir() / "examples" / "valid"
INVALID_DIR = data_dir() / "examples" / "invalid"
VALID = sorted(VALID_DIR.glob("*.ttl"))
INVALID = sorted(INVALID_DIR.glob("*.ttl"))
EXPECT = re.compile(r"^# expect: (\S+) (Violation|Warning|Info)$", re.M)


def expected(path: Path) -> set[tuple[str, str]]:
    return set(EXPECT.findall(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def invalid_report() -> Report:
    # The whole folder at once, as a commissioner would run it: each file is its own site.
    return validate(INVALID_DIR)


def _site_of(report: Report, path: Path) -> SiteReport:
    sites = [s for s in report.sites if [Path(f).name for f in s.files] == [path.name]]
    assert len(sites) == 1, f"{path.name} should hold exactly one site"
    return sites[0]


def test_there_are_examples_for_every_requirement() -> None:
    assert VALID and len(INVALID) >= 30
    covered = {requirement for path in INVALID for requirement, _ in expected(path)}
    assert covered >= {
        "R2a", "R2b", "R2c", "R2d", "R2e", "R3a", "R3b", "R3c", "R3d", "R3e",
        "D-a", "D-b", "D-c", "DQ",
    }  # fmt: skip


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_example_conforms_with_no_result(path: Path) -> None:
    report = validate(path)
    assert report.conforms
    assert report.results == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_example_produces_exactly_what_it_was_made_for(
    path: Path, invalid_report: Report
) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# INVALID EXAMPLE {path.name}: breaks ")
    assert "Expected result:" in text.splitlines()[1]
    want = expected(path)
    assert want, f"{path.name} has no '# expect:' line"
    site = _site_of(invalid_report, path)
    got = {(r.requirement, r.severity) for r in site.results}
    assert got == want, "\n".join(f"{r.severity}: {r.message}" for r in site.results)
    # And so no Violation other than the one it was made for.
    assert {r for r in got if r[1] == "Violation"} <= want


def test_every_shape_is_exercised_by_some_invalid_example(invalid_report: Report) -> None:
    shapes = load_shapes_graph()
    all_shapes = {str(s) for s in shapes.subjects(RDF.type, SH.NodeShape)}
    fired = {r.shape for r in invalid_report.results}
    assert all_shapes - fired == set()


def test_each_invalid_example_changes_the_valid_one_where_it_says() -> None:
    for path in INVALID:
        assert "<--" in path.read_text(encoding="utf-8"), path.name


def _generator() -> ModuleType:
    root = repository_root()
    if root is None:
        pytest.skip("not a source checkout: scripts/ is not installed")
    spec = importlib.util.spec_from_file_location(
        "make_invalid_examples", root / "scripts" / "make_invalid_examples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def test_invalid_examples_are_up_to_date_with_their_generator(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _generator().main(["--check"]) == 0, capsys.readouterr().out


def test_the_generator_names_every_expectation_it_writes() -> None:
    generator = _generator()
    for case in generator.CASES:
        path = INVALID_DIR / f"{case.stem}.ttl"
        assert expected(path) == set(case.expect)
