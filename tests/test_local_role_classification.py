"""HermiT classifies a site's local roles from what the site records, element by element.

The expected answers are not read off the report: for the four pilot sites they come from the
site records, by a closed-world reading of the definition written here from the source (the
definition's elements, Table 1's cells), and each pilot's result is also stated from the source
with the cell it rests on. The made-up sites are HMP Risley's records with one record added,
removed or changed, so each differs from a known answer in one fact.

HermiT is slow, so one run classifies the four pilot sites and every made-up site together
(``build_report`` over the ontology, the continuum and all of them: each site's nodes have
their own IRIs, and nothing links one site to another), and one run goes through the command
line for one site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from peergraph.cli import main
from peergraph.pg import PG, SITE
from peergraph.rdfio import parse_file
from peergraph.reasoning.report import (
    NOT_PEER_MENTORING,
    NOT_SHOWN_ROLE,
    PEER_MENTORING,
    Classification,
    ConditionVerdict,
    ReasoningReport,
    build_report,
    reasoning_base,
)
from peergraph.render import render
from peergraph.resources import data_dir

SITES = data_dir() / "sites"
PILOTS = ("hmp-risley", "hmp-high-down", "hmp-drake-hall", "hmp-holme-house")
RISLEY_ROLE = "hmp-risley-veteran-peer-mentor"

MET, CONTRADICTED, NOT_SHOWN = "met", "contradicted", "not shown"
UNPAID, SERVING = PG.unpaid, PG["currently-serving-residents"]
GROWTH, MENTORING = PG["growth-advancement-hope-empowerment"], PG["subject-mentoring"]
LEVELS = (PG["wing-level"], PG["prison-level"], PG["national-level"])


def site_nodes(path: Path, namespace: str | None = None) -> Graph:
    """The site's own description: the triples about its site: nodes (not the cells and fact
    records that give their provenance), renamed into ``namespace`` if one is given."""
    graph = parse_file(path)
    own = Graph()
    for s, p, o in graph:
        if not str(s).startswith(str(SITE)):
            continue
        if namespace is not None:
            s = URIRef(str(s).replace(str(SITE), namespace))
            if isinstance(o, URIRef) and str(o).startswith(str(SITE)):
                o = URIRef(str(o).replace(str(SITE), namespace))
        own.add((s, p, o))
    return own


# ---------------------------------------------------------------------------------------------
# The definition, closed-world, as the test's own reading of the records


def expected_elements(site: Graph, role: URIRef) -> dict[str, str]:
    """D-a, D-b, D-c for ``role`` by the records alone: a condition is met when recorded,
    contradicted when what is recorded of payment, holders or qualifications excludes it (the
    definition: "an unpaid role undertaken by currently serving residents adapting externally
    accredited, independently delivered mentoring qualification skills"), not shown otherwise.
    Representation at a level is never contradicted, only recorded or not."""
    payment = set(site.objects(role, PG.payment))
    held = set(site.objects(role, PG.heldBy))
    trainings = set(site.objects(role, PG.training))
    qualifications = set(site.objects(role, PG.requiresQualification))
    qualifications |= {q for t in trainings for q in site.objects(t, PG.leadsToQualification)}

    def fits(q: URIRef) -> bool:
        return (
            (q, PG.externallyAccredited, Literal(True)) in site
            and (q, PG.independentlyDelivered, Literal(True)) in site
            and (q, PG.subject, MENTORING) in site
        )

    def excluded(q: URIRef) -> bool:
        subjects = set(site.objects(q, PG.subject))
        return (
            (q, PG.externallyAccredited, Literal(False)) in site
            or (q, PG.independentlyDelivered, Literal(False)) in site
            or (bool(subjects) and MENTORING not in subjects)
        )

    if any(fits(q) for q in qualifications):
        qualification = MET
    elif (trainings or qualifications) and all(excluded(q) for q in qualifications):
        qualification = CONTRADICTED
    else:
        qualification = NOT_SHOWN
    d_a = [
        MET if payment == {UNPAID} else CONTRADICTED if payment else NOT_SHOWN,
        MET if SERVING in held else CONTRADICTED if held else NOT_SHOWN,
        qualification,
        MET if (role, PG.promotesAmongPeers, GROWTH) in site else NOT_SHOWN,
    ]
    levels = set(site.objects(role, PG.representsCollectiveInterestsAt))
    return {
        "D-a": MET if set(d_a) == {MET} else CONTRADICTED if CONTRADICTED in d_a else NOT_SHOWN,
        "D-b": MET if set(LEVELS[:2]) <= levels else NOT_SHOWN,
        "D-c": MET if LEVELS[2] in levels else NOT_SHOWN,
    }


def expected_verdict(elements: dict[str, str]) -> str:
    if set(elements.values()) == {MET}:
        return PEER_MENTORING
    return NOT_PEER_MENTORING if CONTRADICTED in elements.values() else NOT_SHOWN_ROLE


# ---------------------------------------------------------------------------------------------
# The made-up sites: HMP Risley's records, changed


@dataclass(frozen=True)
class Variant:
    name: str
    add: tuple[tuple[str, URIRef, object], ...] = ()  # (node slug, property, value)
    remove: tuple[tuple[str, URIRef], ...] = ()  # (node slug, property): every value
    complete: bool = True  # starts from Risley with the records Table 1 lacks added
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def namespace(self) -> str:
        return f"https://example.org/peergraph/made-up-{self.name}/"

    def role(self) -> URIRef:
        return URIRef(self.namespace + RISLEY_ROLE)

    def graph(self) -> Graph:
        graph = site_nodes(SITES / "hmp-risley.ttl", self.namespace)
        role = self.role()
        if self.complete:
            # What a site would record for D-a to D-c, and Table 1 does not.
            graph.add((role, PG.payment, UNPAID))
            graph.add((role, PG.heldBy, SERVING))
            graph.add((role, PG.promotesAmongPeers, GROWTH))
            for level in LEVELS:
                graph.add((role, PG.representsCollectiveInterestsAt, level))
        for slug, prop in self.remove:
            graph.remove((URIRef(self.namespace + slug), prop, None))
        for slug, prop, value in self.add:
            graph.add((URIRef(self.namespace + slug), prop, value))  # type: ignore[arg-type]
        return graph


TRAINING, QUALIFICATION = "hmp-risley-training", "hmp-risley-qualification"
VARIANTS = (
    Variant("complete"),
    # D-a contradicted by a functional property: no reading needed.
    Variant("paid", add=((RISLEY_ROLE, PG.payment, PG.paid),), remove=((RISLEY_ROLE, PG.payment),)),
    # D-a merely not recorded.
    Variant("payment-not-recorded", remove=((RISLEY_ROLE, PG.payment),)),
    # D-a contradicted on reading the record of holders as complete.
    Variant(
        "held-by-former-residents",
        add=((RISLEY_ROLE, PG.heldBy, PG["people-with-lived-experience"]),),
        remove=((RISLEY_ROLE, PG.heldBy),),
    ),
    # D-a contradicted: the qualification and its training are recorded as not accredited.
    Variant(
        "not-accredited",
        add=(
            (TRAINING, PG.externallyAccredited, Literal(False)),
            (QUALIFICATION, PG.externallyAccredited, Literal(False)),
        ),
        remove=((TRAINING, PG.externallyAccredited), (QUALIFICATION, PG.externallyAccredited)),
    ),
    # The qualification recorded only as where the training leads: still D-a.
    Variant("qualification-through-training", remove=((RISLEY_ROLE, PG.requiresQualification),)),
    # D-b not recorded (never contradicted by the other levels).
    Variant(
        "no-prison-level",
        remove=((RISLEY_ROLE, PG.representsCollectiveInterestsAt),),
        add=(
            (RISLEY_ROLE, PG.representsCollectiveInterestsAt, LEVELS[0]),
            (RISLEY_ROLE, PG.representsCollectiveInterestsAt, LEVELS[2]),
        ),
    ),
    # D-c not recorded.
    Variant(
        "no-national-level",
        remove=((RISLEY_ROLE, PG.representsCollectiveInterestsAt),),
        add=tuple((RISLEY_ROLE, PG.representsCollectiveInterestsAt, lv) for lv in LEVELS[:2]),
    ),
)


@dataclass
class Observed:
    report: ReasoningReport
    roles: dict[str, Classification]
    graphs: dict[str, tuple[Graph, URIRef]]  # site name -> its records and its local role


@pytest.fixture(scope="module")
def observed() -> Observed:
    graph = reasoning_base()
    graphs: dict[str, tuple[Graph, URIRef]] = {}
    for pilot in PILOTS:
        own = site_nodes(SITES / f"{pilot}.ttl")
        (role,) = own.subjects(RDF.type, PG.LocalRole)
        graphs[pilot] = (own, URIRef(str(role)))
    for variant in VARIANTS:
        graphs[variant.name] = (variant.graph(), variant.role())
    for own, _ in graphs.values():
        graph += own
    report = build_report(graph, scope="pilot and made-up sites")
    return Observed(report, {r.iri: r for r in report.roles}, graphs)


def test_one_consistent_run_classifies_every_local_role(observed: Observed) -> None:
    assert observed.report.consistent
    for name, (_, role) in observed.graphs.items():
        assert str(role) in observed.roles, name


@pytest.mark.parametrize("site", PILOTS + tuple(v.name for v in VARIANTS))
def test_each_element_as_the_records_give_it(observed: Observed, site: str) -> None:
    own, role = observed.graphs[site]
    found = observed.roles[str(role)]
    wanted = expected_elements(own, role)
    assert {e: v.verdict for e, v in found.elements.items()} == wanted, found.missing
    assert found.verdict == expected_verdict(wanted)
    assert found.peer_mentoring == (found.verdict == PEER_MENTORING)


def test_the_pilot_sites_as_table_1_gives_them(observed: Observed) -> None:
    """Stated from the source, so the closed-world reading above is checked too."""
    verdicts = {p: observed.roles[str(observed.graphs[p][1])] for p in PILOTS}
    # Table 1 has no column for payment, holders, peer outcomes or representation, so D-b and
    # D-c are shown for no pilot, and D-a for none either.
    for found in verdicts.values():
        assert found.elements["D-b"].verdict == NOT_SHOWN
        assert found.elements["D-c"].verdict == NOT_SHOWN
    # Rows 1 and 3, Training: "NCFE Accredited Level 2 Award in Mentoring." (delivered by the
    # prison's Education / Learning and skills provider): the qualification condition is met,
    # the rest of D-a is not recorded, so the role is not shown to be peer mentoring.
    for pilot in ("hmp-risley", "hmp-drake-hall"):
        conditions = verdicts[pilot].elements["D-a"].conditions
        assert [c.verdict for c in conditions if c.prop == "pg:requiresQualification"] == [MET]
        assert verdicts[pilot].elements["D-a"].verdict == NOT_SHOWN
        assert verdicts[pilot].verdict == NOT_SHOWN_ROLE
    # Row 2, Training: "QS Accredited Level 2 Award in Information, Advice and Guidance
    # (IAG)." and row 4, Training: "Ingeus, Non-accredited Peer Mentor program.": neither is an
    # accredited mentoring qualification, so D-a is ruled out, on reading the site's training
    # and qualification as all there is.
    for pilot in ("hmp-high-down", "hmp-holme-house"):
        d_a = verdicts[pilot].elements["D-a"]
        assert d_a.verdict == CONTRADICTED
        (qualification,) = [c for c in d_a.conditions if c.prop == "pg:requiresQualification"]
        assert qualification.verdict == CONTRADICTED and qualification.read_as_complete
        assert verdicts[pilot].verdict == NOT_PEER_MENTORING
    holme_house = verdicts["hmp-holme-house"].elements["D-a"].conditions
    assert any("leading to no qualification" in c.why for c in holme_house)


def test_contradicted_and_not_recorded_are_told_apart(observed: Observed) -> None:
    by_name = {v.name: observed.roles[str(v.role())] for v in VARIANTS}
    assert by_name["complete"].verdict == PEER_MENTORING
    assert by_name["qualification-through-training"].verdict == PEER_MENTORING

    def payment(name: str) -> ConditionVerdict:
        (condition,) = [
            c for c in by_name[name].elements["D-a"].conditions if c.prop == "pg:payment"
        ]
        return condition

    paid, unrecorded = payment("paid"), payment("payment-not-recorded")
    assert (paid.verdict, paid.recorded, paid.read_as_complete) == (CONTRADICTED, ["Paid"], False)
    assert by_name["paid"].verdict == NOT_PEER_MENTORING
    assert (unrecorded.verdict, unrecorded.recorded) == (NOT_SHOWN, [])
    assert "nothing recorded" in unrecorded.why
    assert by_name["payment-not-recorded"].verdict == NOT_SHOWN_ROLE

    (held,) = [
        c
        for c in by_name["held-by-former-residents"].elements["D-a"].conditions
        if c.prop == "pg:heldBy"
    ]
    assert held.verdict == CONTRADICTED and held.read_as_complete
    assert "the project's reading" in held.why


def test_the_text_report_says_each_answer(observed: Observed) -> None:
    text = render("reasoning", "text", observed.report)
    assert "site:hmp-holme-house-veteran-peer-mentor" in text
    assert f"{NOT_PEER_MENTORING}: what is recorded rules out D-a" in text
    assert "contradicted: payment: needs Unpaid; ruled out by what is recorded: Paid" in text
    assert "not shown: payment: needs Unpaid; nothing recorded" in text


# ---------------------------------------------------------------------------------------------
# The command line


def test_cli_reason_on_a_site_graph(capsys: pytest.CaptureFixture[str]) -> None:
    path = SITES / "hmp-holme-house.ttl"
    assert main(["reason", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (run,) = data["runs"]
    assert run["site"] == str(SITE["hmp-holme-house"]) and run["consistent"]
    # Only the site's own roles, not the continuum's.
    assert [r["iri"] for r in data["roles"]] == [str(SITE["hmp-holme-house-veteran-peer-mentor"])]
    (role,) = data["roles"]
    assert role["continuumRole"] == "role:peer-mentor"
    assert role["verdict"] == NOT_PEER_MENTORING
    assert {e: v["verdict"] for e, v in role["elements"].items()} == expected_elements(
        site_nodes(path), URIRef(role["iri"])
    )


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_a_datatype_outside_owl_2_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (data_dir() / "examples/valid/hmp-example.ttl").read_text(encoding="utf-8")
    text = text.replace(
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .",
    )
    marker = "    pg:specialRegimeFlexibility true ;\n"
    assert marker in text
    text = text.replace(marker, marker + '    pg:regimeFlexibilityNote "2024-04-01"^^xsd:date ;\n')
    line = text[: text.index('"2024-04-01"')].count("\n") + 1
    site = tmp_path / "dated.ttl"
    site.write_text(text, encoding="utf-8")
    assert main(["reason", str(site)]) == 2
    message = _one_line_error(capsys)
    assert f"dated.ttl:{line}" in message and "xsd:date" in message
    assert "OWL 2 datatype map" in message


def test_a_file_with_no_site_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loose = tmp_path / "loose.ttl"
    loose.write_text(
        "@prefix pg: <https://w3id.org/peergraph/ontology#> .\n"
        "<https://example.org/r> a pg:LocalRole .\n",
        encoding="utf-8",
    )
    assert main(["reason", str(loose)]) == 2
    message = _one_line_error(capsys)
    assert "loose.ttl" in message and "pg:Prison" in message


def test_a_syntax_error_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix pg: <https://w3id.org/peergraph/ontology#> .\n\n<x> a pg:Prison ;\n",
        encoding="utf-8",
    )
    assert main(["reason", str(broken)]) == 2
    assert "broken.ttl:" in _one_line_error(capsys)
