"""The validation report model: results, per-site reports, the report, and the scorecard.

Severities (shapes/): Violation = the graph records something contradicting a requirement;
Warning = not evidenced; Info = "preferably" / "if possible" advice not shown to be followed.
``Report.conforms`` is SHACL's: true only when there is no result at all.

Reports list results most severe first (Violations, then Warnings, then Info), and within a
severity in the catalogue's requirement order, then by site. Each result's message is the
shape's, in plain words for the commissioner; ``SiteReport.detail`` gives what whoever edits
the file needs (focus node, property path, value, and how the check says to record it), read
from the ``sh:ValidationReport`` and the shapes, so it is always true of the graph.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peergraph.validation.catalogue import requirement_ids, requirements

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node as Term

__all__ = [
    "CELL_MEANINGS",
    "CELL_STATES",
    "CELL_WORDS",
    "SEVERITIES",
    "SEVERITY_MEANINGS",
    "Detail",
    "InputFile",
    "NextStep",
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
# What each severity means, for legends and help (the shapes' convention, shapes/*.ttl).
SEVERITY_MEANINGS: dict[str, str] = {
    "Violation": "the site graph records something that contradicts a requirement",
    "Warning": "the requirement is not evidenced: the site graph does not record it either way",
    "Info": "advice (\u201cpreferably\u201d, \u201cif possible\u201d) not shown to be followed",
}

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
# What each cell means, for the legends of the scorecard.
CELL_MEANINGS: dict[str, str] = {
    "not met": "the site records something that contradicts the requirement (a violation)",
    "not evidenced": "the site does not record whether it meets the requirement (a warning), "
    "or records nothing it could be checked on",
    "advice": "met, but advice of the study (\u201cpreferably\u201d, \u201cif possible\u201d) "
    "is not shown to be followed (info)",
    "met": "every check of the requirement passed",
    "n/a": "the requirement does not apply to this site",
}
# Cells that call for action, in the order a "what to do next" list gives them.
ACTION_STATES: tuple[str, ...] = ("not met", "not evidenced")


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
        """Most severe first; within a severity, requirement order (the catalogue's)."""
        return (
            SEVERITY_RANK.get(self.severity, len(SEVERITIES)),
            requirement_rank(self.requirement),
            self.focus.label,
            self.message,
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["site"] = self.site.to_dict()
        data["focus"] = self.focus.to_dict()
        return data


@dataclass(frozen=True)
class Detail:
    """What whoever edits the site file needs about one result: the focus node, the property
    path and the value as the ``sh:ValidationReport`` gives them (``sh:focusNode``,
    ``sh:resultPath``, ``sh:value``, in Turtle's short forms), and the check that produced it:
    the shape, its name (``sh:name``, else its label) and how it says to record the fact
    (``sh:description``)."""

    focus: str
    path: str | None
    value: str | None
    shape: str
    check: str
    how: str | None = None

    def text(self) -> str:
        """``focus site:x, path pg:training, value site:y (check pgsh:R3a-not-met-accredited)``."""
        parts = [f"focus {self.focus}"]
        if self.path:
            parts.append(f"path {self.path}")
        if self.value:
            parts.append(f"value {self.value}")
        return ", ".join(parts) + f" (check {self.shape})"

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)


@dataclass(frozen=True)
class NextStep:
    """One line of "what to do next": a requirement a site does not meet or does not evidence,
    and the checks (their ``sh:name``) that say what to change or record."""

    site: Node
    requirement: str
    title: str
    state: str  # "not met" or "not evidenced"
    checks: tuple[str, ...]
    reason: str | None = None  # why nothing could be checked ("no CFO wing is recorded")

    def text(self) -> str:
        """``HMP X: R2a (a CFO Governor-level sponsor) is not evidenced. Record: CFO sponsor.``"""
        head = f"{self.site.label}: {self.requirement} ({self.title}) is {self.state}"
        if not self.checks:
            return f"{head}: {self.reason or 'nothing could be checked'}."
        verb = "Change" if self.state == "not met" else "Record"
        return f"{head}. {verb}: {'; '.join(self.checks)}."

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["site"] = self.site.to_dict()
        data["checks"] = list(self.checks)
        data["text"] = self.text()
        return data


@dataclass(frozen=True)
class InputFile:
    """A file the report was made from, with its SHA-256 checksum taken when the report was."""

    path: str
    sha256: str | None  # None when the file could not be read again

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)


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
    _details: dict[Result, Detail] | None = field(default=None, repr=False, compare=False)

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

    def detail(self, result: Result) -> Detail:
        """The RDF detail of one of this site's results, read from its sh:ValidationReport."""
        if self._details is None:
            self._details = _details(self.results, self.graph)
        found = self._details.get(result)
        return found if found is not None else _details([result], None)[result]

    def next_steps(self, titles: dict[str, str]) -> list[NextStep]:
        """The requirements this site does not meet or does not evidence, in report order."""
        steps = []
        for requirement in requirement_ids():
            state = self.status(requirement)
            if state not in ACTION_STATES:
                continue
            severity = "Violation" if state == "not met" else "Warning"
            checks: list[str] = []
            for result in self.results:
                if result.requirement == requirement and result.severity == severity:
                    check = self.detail(result).check
                    if check not in checks:
                        checks.append(check)
            steps.append(
                NextStep(
                    site=self.site,
                    requirement=requirement,
                    title=titles.get(requirement, requirement),
                    state=state,
                    checks=tuple(checks),
                    reason=self.unchecked.get(requirement),
                )
            )
        return steps


class Report:
    """The validation of one or more sites: results, counts, renderers.

    It records when it was made and the input files with their SHA-256 checksums, taken when
    it is made (``SOURCE_DATE_EPOCH``, when set, gives the time, for reproducible reports)."""

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
        self.created: datetime = _now()
        self.inputs: tuple[InputFile, ...] = _input_files(self.sites)
        self._graph: Graph | None = None

    def __repr__(self) -> str:
        return f"<Report: {count_phrase(self.counts())} in {len(self.sites)} site(s)>"

    @property
    def results(self) -> list[Result]:
        """Every result, most severe first; within a severity in requirement order, then by
        site (in the order of ``sites``)."""
        place = {site.site.iri: index for index, site in enumerate(self.sites)}

        def key(result: Result) -> tuple[Any, ...]:
            severity, requirement, *rest = result.sort_key()
            return (severity, requirement, place.get(result.site.iri, len(place)), *rest)

        return sorted((r for site in self.sites for r in site.results), key=key)

    def by_severity(self) -> dict[str, list[Result]]:
        """``results``, grouped by severity (every severity, most severe first)."""
        grouped: dict[str, list[Result]] = {severity: [] for severity in SEVERITIES}
        for result in self.results:
            grouped.setdefault(result.severity, []).append(result)
        return grouped

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

    def site_report(self, result: Result) -> SiteReport:
        """The site report that holds ``result``."""
        for site in self.sites:
            if site.site == result.site:
                return site
        raise KeyError(result.site.iri)

    def detail(self, result: Result) -> Detail:
        """The RDF detail of ``result`` (focus node, property path, value, check)."""
        return self.site_report(result).detail(result)

    def next_steps(self) -> list[NextStep]:
        """What to do next: one step per site and requirement not met or not evidenced; every
        "not met" first, each state in requirement order, then by site."""
        steps = [step for site in self.sites for step in site.next_steps(self.titles)]
        place = {site.site.iri: index for index, site in enumerate(self.sites)}
        return sorted(
            steps,
            key=lambda s: (
                ACTION_STATES.index(s.state),
                requirement_rank(s.requirement),
                place[s.site.iri],
            ),
        )

    def summary_rows(self) -> list[tuple[Node, str, str, int]]:
        """One row per site and requirement: site, requirement id, cell state, results."""
        rows = []
        for site in self.sites:
            for requirement in requirement_ids():
                count = sum(1 for r in site.results if r.requirement == requirement)
                rows.append((site.site, requirement, site.status(requirement), count))
        return rows

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

    def render_bytes(self, fmt: str) -> bytes:
        """The report in any ``report`` format as bytes (UTF-8 for the text formats); the
        only way to get a binary one (``xlsx``)."""
        from peergraph import render

        return render.render_bytes("report", fmt, self)

    def scorecard(self) -> Scorecard:
        return Scorecard.from_report(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "counts": self.counts(),
            "created": self.created.isoformat(),
            "inputs": [file.to_dict() for file in self.inputs],
            "next_steps": [step.to_dict() for step in self.next_steps()],
            "sites": [
                {
                    "site": site.site.to_dict(),
                    "files": list(site.files),
                    "conforms": site.conforms,
                    "counts": site.counts(),
                    "not_applicable": dict(site.not_applicable),
                    "results": [
                        result.to_dict() | {"detail": site.detail(result).to_dict()}
                        for result in site.results
                    ],
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


def _now() -> datetime:
    """Now, in UTC; or the time ``SOURCE_DATE_EPOCH`` gives, for reproducible reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def _input_files(sites: Iterable[SiteReport]) -> tuple[InputFile, ...]:
    """The sites' files, each once, in the order the sites list them, with checksums."""
    paths = list(dict.fromkeys(path for site in sites for path in site.files))
    return tuple(InputFile(path, _sha256(Path(path))) for path in paths)


def _sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# The RDF detail of results: the sh:ValidationReport's own terms, and the shapes' words


def _details(results: Iterable[Result], graph: Graph | None) -> dict[Result, Detail]:
    """Each result's detail, matched to its ``sh:ValidationResult`` in ``graph`` the way the
    engine made it (source shape, focus node, value unless it is the focus, message)."""
    from rdflib import URIRef
    from rdflib.namespace import RDF, SH

    from peergraph.terms import short_form
    from peergraph.validation.shapes import load_shapes_graph

    shapes = load_shapes_graph()
    found: dict[tuple[str, str, str | None, str], tuple[str | None, Term | None]] = {}
    if graph is not None:
        for node in graph.subjects(RDF.type, SH.ValidationResult):
            focus = graph.value(node, SH.focusNode)
            value = graph.value(node, SH.value)
            if value == focus:
                value = None
            path = _path_text(graph, graph.value(node, SH.resultPath))
            for message in graph.objects(node, SH.resultMessage):
                key = (
                    str(graph.value(node, SH.sourceShape)),
                    str(focus),
                    None if value is None else str(value),
                    str(message),
                )
                found.setdefault(key, (path, value))
    details = {}
    for result in results:
        path, value = found.get(
            (result.shape, result.focus.iri, result.value, result.message), (None, None)
        )
        shape = URIRef(result.shape)
        details[result] = Detail(
            focus=short_form(URIRef(result.focus.iri)),
            path=None if path is None else str(path),
            value=_term_text(value) if value is not None else result.value,
            shape=short_form(shape),
            check=_check_name(shapes, shape, result.requirement),
            how=_text_or_none(shapes.value(shape, SH.description)),
        )
    return details


def _check_name(shapes: Graph, shape: Any, requirement: str) -> str:
    """A check as a commissioner reads it: its ``sh:name``, else its label after "R2a: ", else
    the label of the node shape that holds it."""
    from rdflib.namespace import RDFS, SH

    name = shapes.value(shape, SH.name)
    if name is not None:
        return str(name)
    holders = [shape, shapes.value(None, SH.property, shape)]
    for holder in holders:
        label = shapes.value(holder, RDFS.label) if holder is not None else None
        if label is not None:
            return str(label).split(": ", 1)[-1]
    return requirement


def _text_or_none(term: Term | None) -> str | None:
    return None if term is None else str(term)


def _term_text(term: Term) -> str:
    """A term as Turtle writes it: ``site:x``, ``<iri>``, ``"text"``, ``true``, ``2``."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    from peergraph.terms import short_form

    if isinstance(term, Literal):
        if term.datatype in (XSD.boolean, XSD.integer, XSD.decimal):
            return str(term)
        quoted = '"' + str(term).replace("\\", "\\\\").replace('"', '\\"') + '"'
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{quoted}^^{short_form(term.datatype)}"
        return quoted
    return short_form(term)


def _path_text(graph: Graph, path: Term | None) -> str | None:
    """A SHACL property path (``sh:resultPath``) in SPARQL's syntax: ``pg:a/pg:b``,
    ``(pg:a|pg:b)``, ``^pg:a``, ``pg:a*``."""
    from rdflib import BNode
    from rdflib.collection import Collection
    from rdflib.namespace import RDF, SH

    from peergraph.terms import short_form

    if path is None:
        return None
    if not isinstance(path, BNode):
        return short_form(path)

    def part(node: Term) -> str:
        text = _path_text(graph, node) or "?"
        return f"({text})" if "/" in text and not text.startswith("(") else text

    if graph.value(path, RDF.first) is not None:
        return "/".join(part(item) for item in Collection(graph, path))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return (
            "("
            + "|".join(_path_text(graph, i) or "?" for i in Collection(graph, alternatives))
            + ")"
        )
    for predicate, mark in (
        (SH.inversePath, "^"),
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            text = part(inner)
            return f"^{text}" if mark == "^" else f"{text}{mark}"
    return short_form(path)


# ---------------------------------------------------------------------------------------------
# Scorecards


@dataclass
class Scorecard:
    """Sites by requirements; each cell "met", "not met", "not evidenced", "advice" or "n/a".

    Made from a ``Report``, it keeps it (``report``): its results, next steps, input files and
    date go into the formats that show them."""

    requirements: tuple[str, ...]
    rows: list[tuple[Node, dict[str, str]]]
    titles: dict[str, str]
    summary: str
    report: Report | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_report(cls, report: Report) -> Scorecard:
        ids = requirement_ids()
        rows = [(site.site, {req: site.status(req) for req in ids}) for site in report.sites]
        titles = {req: report.requirement_title(req) for req in ids}
        return cls(ids, rows, titles, summary_line(report), report)

    def cell(self, site_iri: str, requirement: str) -> str:
        for node, cells in self.rows:
            if node.iri == site_iri:
                return cells[requirement]
        raise KeyError(site_iri)

    def render(self, fmt: str = "text") -> str:
        """The scorecard in one of the ``scorecard`` formats of ``peergraph.render``."""
        from peergraph import render

        return render.render("scorecard", fmt, self)

    def render_bytes(self, fmt: str) -> bytes:
        """The scorecard in any ``scorecard`` format as bytes (the only way to ``xlsx``)."""
        from peergraph import render

        return render.render_bytes("scorecard", fmt, self)


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
