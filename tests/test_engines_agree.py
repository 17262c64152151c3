"""Every validation engine gives the same results as the reference engine (pyshacl).

On every example peergraph has (the valid template, each invalid example, each pilot site) and
on a synthetic estate of a few prisons, each engine's results must be the same set of
(site, requirement, severity, focus, value, message), with the same detail (path and value as
the report shows them) and the same applicability; and ``--jobs 2`` must not change them.
A new shape or example joins these tests without a change here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import example_sites
import pytest

from peergraph.resources import data_dir
from peergraph.synth import synthesise
from peergraph.validation import Report, validate
from peergraph.validation.engine_names import ENGINES, REFERENCE_ENGINE

pytest.importorskip("pyrudof", reason="pyrudof is not installed (pip install pyrudof)")

OTHER_ENGINES = [name for name in ENGINES if name != REFERENCE_ENGINE]


@pytest.fixture(scope="module")
def inputs(invalid_examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    estate = tmp_path_factory.mktemp("engines") / "estate"
    synthesise(estate, prisons=4, seed=11, wings=2, defect_share=0.75)
    return [
        data_dir() / "examples" / "valid",
        invalid_examples_dir,
        data_dir() / "sites",
        estate,
    ]


class Reports(dict[str, Report]):
    """Each engine's report on the inputs, made when a test first asks for it (so that
    ``-k pyrudof`` validates with pyrudof and the reference engine only)."""

    def __init__(self, inputs: list[Path]) -> None:
        super().__init__()
        self.inputs = inputs

    def __missing__(self, engine: str) -> Report:
        self[engine] = validate(self.inputs, engine=engine)
        return self[engine]


@pytest.fixture(scope="module")
def reports(inputs: list[Path]) -> Reports:
    return Reports(inputs)


def _results(report: Report, site: str) -> set[tuple[Any, ...]]:
    (found,) = [s for s in report.sites if s.site.iri == site]
    return {
        (r.site.iri, r.requirement, r.severity, r.focus.iri, r.focus.label, r.value, r.message)
        for r in found.results
    }


def _details(report: Report, site: str) -> set[tuple[Any, ...]]:
    (found,) = [s for s in report.sites if s.site.iri == site]
    return {(r.shape, r.focus.iri, r.message, found.detail(r).text()) for r in found.results}


def _site_iris() -> list[str]:
    """Every site the inputs hold, by IRI (computed without validating: the template, each
    example in its own namespace, the pilot sites, the synthetic prisons)."""
    template_ns = "https://example.org/peergraph/hmp-example/"
    iris = [template_ns + "prison"]
    iris += [
        example_sites.example_namespace(template_ns, n) + "prison" for n in example_sites.names()
    ]
    iris += [
        f"https://w3id.org/peergraph/data/site/{p.stem}"
        for p in sorted((data_dir() / "sites").glob("*.ttl"))
    ]
    iris += [f"https://example.org/peergraph/synth/prison-{n:04d}/prison" for n in range(1, 5)]
    return iris


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_validates_the_same_sites(reports: Reports, engine: str) -> None:
    assert sorted(s.site.iri for s in reports[engine].sites) == sorted(_site_iris())


@pytest.mark.parametrize("engine", OTHER_ENGINES)
@pytest.mark.parametrize("site", _site_iris())
def test_same_results_as_the_reference_engine(reports: Reports, engine: str, site: str) -> None:
    assert _results(reports[engine], site) == _results(reports[REFERENCE_ENGINE], site)
    assert _details(reports[engine], site) == _details(reports[REFERENCE_ENGINE], site)


@pytest.mark.parametrize("engine", OTHER_ENGINES)
def test_same_verdicts_and_scorecard(reports: Reports, engine: str) -> None:
    ours, theirs = reports[engine], reports[REFERENCE_ENGINE]
    assert ours.conforms == theirs.conforms
    assert ours.counts() == theirs.counts()
    assert ours.scorecard().render("csv") == theirs.scorecard().render("csv")


@pytest.mark.parametrize("engine", ENGINES)
def test_the_examples_report_what_they_expect(reports: Reports, engine: str) -> None:
    """Not only the same as pyshacl: what each example's ``# expect:`` lines say."""
    template_ns = "https://example.org/peergraph/hmp-example/"
    for name in example_sites.names():
        site = example_sites.example_namespace(template_ns, name) + "prison"
        found = {(r[1], r[2]) for r in _results(reports[engine], site)}
        assert found == example_sites.expected(name), name


@pytest.mark.parametrize("engine", OTHER_ENGINES)
def test_two_processes_give_the_same_report(reports: Reports, engine: str) -> None:
    sites = data_dir() / "sites"
    alone = validate(sites, engine=engine)
    two = validate(sites, engine=engine, jobs=2)
    assert [r.to_dict() for r in two.results] == [r.to_dict() for r in alone.results]


def test_an_unknown_engine_is_refused(run_cli: Any) -> None:
    result = run_cli("validate", str(data_dir() / "sites"), "--engine", "nope")
    assert result.code == 2
    assert "--engine" in result.err and "Traceback" not in result.err
