"""The validation report model: results, per-site reports, the report, and the scorecard.

Severities (shapes/): Violation = the graph records something contradicting a requirement;
Warning = not evidenced; Info = "preferably" / "if possible" advice not shown to be followed.
``Report.conforms`` is SHACL's: true only when there is no result at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from peergraph.validation.catalogue import requirement_ids, requirements

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "CELL_STATES",
    "SEVERITIES",
    "Node",
    "Report",
    "Result",
    "Scorecard",
    "SiteReport",
    "count_phrase",
    "severity_name",
]

# Most severe first; the names are SHACL's (sh:Violation, sh:Warning, sh:Info).
SEVERITIES: tuple[str, ...] = ("Violation", "Warning", "Info")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

# Scorecard cells, worst first, with their words and a short code for the text matrix.
CELL_STATES: dict[str, str] = {
    "not met": "NO",
    "not evidenced": "?",
    "advice": "adv",
    "met": "ok",
    "n/a": "-",
}
CELL_WORDS = {
    "not met": "not met",
    "not evidenced": "not evidenced",
    "advice": "advice",
    "met": "met",
    "n/a": "not applicable",
}


def requirement_rank(requirement: str) -> int:
    """The requirement's place in report order (the catalogue's); unknown ones go last."""
    ids = requirement_ids()
    return ids.index(requirement) if requirement in ids else len(ids)


@dataclass(frozen=True, order=True)
class Node:
    """A node of the graph, with the label a report shows for it."""

    label: str
    iri: str

    def to_dict(self) -> dict[str, str]:
        return {"iri": self.iri, "label": self.label}


@dataclass(frozen=True)
class Result:
    """One validation result, about one focus node of one site."""

    site: Node
    requirement: str  # "R2a" ... "R3e", "D-a" ... "D-c", "DQ"
    severity: str  # "Violation", "Warning" or "Info"
    focus: Node
    message: str
    shape: str  # IRI of the shape that produced it
    source: str | None  # IRI of what the shape encodes: study:R2a, pg:D-a, an ontology term
    value: str | None = None  # the offending value, when the shape names one

    def sort_key(self) -> tuple[Any, ...]:
        return (
            requirement_rank(self.requirement),
            SEVERITY_RANK.get(self.severity, len(SEVERITIES)),
            self.focus.label,
            self.message,
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["site"] = self.site.to_dict()
        data["focus"] = self.focus.to_dict()
        return data


@dataclass
class SiteReport:
    """The validation of one site's graph."""

    site: Node
    files: tuple[str, ...]
    results: list[Result]
    graph: Graph  # this site's sh:ValidationReport
    # Requirement -> why it does not apply (D-a..D-c for a site with no peer mentoring role).
    not_applicable: dict[str, str] = field(default_factory=dict)
    # Requirement -> why nothing could be checked (no wing, no role): "not evidenced".
    unchecked: dict[str, str] = field(default_factory=dict)

    @property
    def conforms(self) -> bool:
        return not self.results

    def counts(self) -> dict[str, int]:
        return _counts(self.results)

    def status(self, requirement: str) -> str:
        """The scorecard cell: "met", "not met", "not evidenced", "advice" or "n/a"."""
        if requirement in self.not_applicable:
            return "n/a"
        severities = {r.severity for r in self.results if r.requirement == requirement}
        if "Violation" in severities:
            return "not met"
        if "Warning" in severities or requirement in self.unchecked:
            return "not evidenced"
        if "Info" in severities:
            return "advice"
        return "met"


class Report:
    """The validation of one or more sites: results, counts, renderers."""

    def __init__(
        self,
        sites: Sequence[SiteReport],
        *,
        titles: dict[str, str] | None = None,
        unattached: Sequence[Node] = (),
    ) -> None:
        self.sites: list[SiteReport] = list(sites)
        self.titles: dict[str, str] = {r.id: r.title for r in requirements()} | (titles or {})
        # Wings and local roles that no prison links to: nothing validated them.
        self.unattached: list[Node] = list(unattached)
        self._graph: Graph | None = None

    def __repr__(self) -> str:
        return f"<Report: {count_phrase(self.counts())} in {len(self.sites)} site(s)>"

    @property
    def results(self) -> list[Result]:
        """Every result, by site and then in the stable requirement order."""
        return [result for site in self.sites for result in site.results]

    @property
    def conforms(self) -> bool:
        """SHACL's verdict: true when no shape produced any result (of any severity)."""
        return all(site.conforms for site in self.sites)

    def counts(self) -> dict[str, int]:
        """Results per severity, every severity present (``{"Violation": 0, ...}``)."""
        return _counts(self.results)

    def fails(self, fail_on: str = "Violation") -> bool:
        """True when some result is at least as severe as ``fail_on``."""
        threshold = SEVERITY_RANK[severity_name(fail_on)]
        return any(SEVERITY_RANK[r.severity] <= threshold for r in self.results)

    def requirement_title(self, requirement: str) -> str:
        return self.titles.get(requirement, requirement)

    @property
    def graph(self) -> Graph:
        """One ``sh:ValidationReport`` holding every site's results."""
        if self._graph is None:
            self._graph = _merge_report_graphs([s.graph for s in self.sites], self.conforms)
        return self._graph

    def render(self, fmt: str = "text") -> str:
        """The report in one of the ``report`` formats of ``peergraph.render``."""
        from peergraph import render

        return render.render("report", fmt, self)

    def scorecard(self) -> Scorecard:
        return Scorecard.from_report(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "counts": self.counts(),
            "sites": [
                {
                    "site": site.site.to_dict(),
                    "files": list(site.files),
                    "conforms": site.conforms,
                    "counts": site.counts(),
                    "not_applicable": dict(site.not_applicable),
                    "results": [result.to_dict() for result in site.results],
                }
                for site in self.sites
            ],
            "unattached": [node.to_dict() for node in self.unattached],
        }


def count_phrase(counts: dict[str, int]) -> str:
    """``"1 violation, 0 warnings, 2 info"``."""
    words = {"Violation": "violation", "Warning": "warning", "Info": "info"}
    parts = []
    for severity in SEVERITIES:
        n = counts.get(severity, 0)
        word = words[severity]
        parts.append(f"{n} {word}{'s' if n != 1 and severity != 'Info' else ''}")
    return ", ".join(parts)


def _counts(results: Iterable[Result]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for result in results:
        counts[result.severity] += 1
    return counts


def severity_name(name: str) -> str:
    for severity in SEVERITIES:
        if severity.lower() == name.lower():
            return severity
    raise ValueError(f"unknown severity {name!r}; expected one of {', '.join(SEVERITIES)}")


# ---------------------------------------------------------------------------------------------
# Shapes and the per-site data graph


@dataclass
class Scorecard:
    """Sites by requirements; each cell "met", "not met", "not evidenced", "advice" or "n/a"."""

    requirements: tuple[str, ...]
    rows: list[tuple[Node, dict[str, str]]]
    titles: dict[str, str]
    summary: str

    @classmethod
    def from_report(cls, report: Report) -> Scorecard:
        ids = requirement_ids()
        rows = [(site.site, {req: site.status(req) for req in ids}) for site in report.sites]
        titles = {req: report.requirement_title(req) for req in ids}
        return cls(ids, rows, titles, summary_line(report))

    def cell(self, site_iri: str, requirement: str) -> str:
        for node, cells in self.rows:
            if node.iri == site_iri:
                return cells[requirement]
        raise KeyError(site_iri)

    def render(self, fmt: str = "text") -> str:
        """The scorecard in one of the ``scorecard`` formats of ``peergraph.render``."""
        from peergraph import render

        return render.render("scorecard", fmt, self)


def summary_line(report: Report) -> str:
    """``"1 violation, 0 warnings, 2 info in 4 sites (does not conform)"``."""
    parts = count_phrase(report.counts())
    sites = len(report.sites)
    verdict = "conforms" if report.conforms else "does not conform"
    return f"{parts} in {sites} site{'s' if sites != 1 else ''} ({verdict})"


def _merge_report_graphs(graphs: Iterable[Graph], conforms: bool) -> Graph:
    """One ``sh:ValidationReport`` with the results of every site's report."""
    from rdflib import BNode, Graph, Literal
    from rdflib.namespace import RDF, SH

    from peergraph.graph import bind_namespaces

    merged = bind_namespaces(Graph())
    report = BNode()
    merged.add((report, RDF.type, SH.ValidationReport))
    merged.add((report, SH.conforms, Literal(conforms)))
    for graph in graphs:
        for old in graph.subjects(RDF.type, SH.ValidationReport):
            for result in graph.objects(old, SH.result):
                merged.add((report, SH.result, result))
        for s, p, o in graph:
            if p in (SH.conforms, SH.result) or (p == RDF.type and o == SH.ValidationReport):
                continue
            merged.add((s, p, o))
    return merged
