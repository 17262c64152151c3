"""The structured values agree with the source's wording, cell by cell.

The tables test shows the graph holds the source's text; this one shows that the values queries
and the reasoner use (levels, booleans, scopes, providers) say the same as that text.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import RDFS, Literal, URIRef

from peergraph.graph import load_bundled_graph
from peergraph.pg import PG, ROLE, SITE

SOURCE = Path(__file__).parent / "source"
SUPERSCRIPTS = str.maketrans("", "", "⁰¹²³⁴⁵⁶⁷⁸⁹")

ROLE_SLUGS = [
    "induction-orderly",
    "pid-cio-house-rep",
    "listener",
    "social-care-peer-support",
    "cleaner-food-server-laundry",
    "red-purple-band",
    "shannon-trust-mentor",
    "education-classroom-assistant",
    "healthcare-assistant",
    "ambassador",
    "industries-workshop-mentor",
    "rep",
    "prisoner-council",
    "peer-mentor",
    "mutual-aid-group",
]
SITE_SLUGS = ["hmp-risley", "hmp-high-down", "hmp-drake-hall", "hmp-holme-house"]
SCOPE_COLUMNS = {
    3: ("scope-induction", None),
    4: ("scope-single-issue", PG.singleIssueDetail),
    5: ("scope-bridging", PG.bridgingDetail),
    6: ("scope-collective", PG.collectiveDetail),
}


def _rows(name: str) -> list[list[str]]:
    with open(SOURCE / name, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t"))[1:]


@pytest.fixture(scope="module")
def graph():
    return load_bundled_graph()


def _labels(graph, nodes) -> set[str]:
    return {str(graph.value(n, RDFS.label)) for n in nodes}


def _has_interpretation(graph, entity, prop, value) -> bool:
    for record in graph.subjects(PG.recordOf, entity):
        if (record, PG.recordProperty, prop) in graph and (
            record,
            PG.provenanceKind,
            PG.interpretation,
        ) in graph:
            named = set(graph.objects(record, PG.recordValue))
            if not named or value in named:
                return True
    return False


@pytest.mark.parametrize(("position", "slug"), list(enumerate(ROLE_SLUGS, start=1)))
def test_continuum_row_values_match_its_cells(graph, position: int, slug: str) -> None:
    row = _rows("appendix-2.tsv")[position - 1]
    role = ROLE[slug]
    assert graph.value(role, PG.position) == Literal(position)
    assert str(graph.value(role, RDFS.label)) == " ".join(row[0].translate(SUPERSCRIPTS).split())

    low, high = (row[1].split("-") + [row[1]])[:2] if "-" in row[1] else (row[1], row[1])
    assert _labels(graph, [graph.value(role, PG.minLCR)]) == {low}
    assert _labels(graph, [graph.value(role, PG.maxLCR)]) == {high}
    assert _labels(graph, [graph.value(role, PG.payment)]) == {row[2]}

    scopes = set(graph.objects(role, PG.hasScope))
    for column, (scope, detail) in SCOPE_COLUMNS.items():
        text = row[column]
        if text == "No":
            assert PG[scope] not in scopes, f"{slug}: 'No' in the source but scope {scope} given"
        elif text == "":
            # Empty in the source: any value is an interpretation and must say so.
            if PG[scope] in scopes:
                assert _has_interpretation(graph, role, PG.hasScope, PG[scope])
        else:
            assert PG[scope] in scopes, f"{slug}: {text!r} in the source but no scope {scope}"
            if detail is not None and text != "Yes":
                wording = " ".join(text.translate(SUPERSCRIPTS).split())
                assert str(graph.value(role, detail)) == wording


@pytest.mark.parametrize(("position", "slug"), list(enumerate(SITE_SLUGS, start=1)))
def test_site_row_values_match_its_cells(graph, position: int, slug: str) -> None:
    host, selection, provider, training, supervision, progression = _rows("table-1.tsv")[
        position - 1
    ]
    prison = SITE[slug]
    assert host.startswith(str(graph.value(prison, RDFS.label)) + "'s ")
    wing = graph.value(prison, PG.hostsCFOWing)
    assert str(graph.value(wing, RDFS.label)) + "." == host

    local = graph.value(wing, PG.offersRole)
    continuum = graph.value(local, PG.continuumRole)
    words = selection.split()
    # "Veteran Peer mentor", "Male Lifer IAG Ambassador": eligibility words, then the role.
    assert str(graph.value(continuum, RDFS.label)).lower() in selection.lower()
    assert _labels(graph, graph.objects(local, PG.eligibility)) == set(words[:-2])

    programme = graph.value(local, PG.training)
    for agent in graph.objects(programme, PG.trainingProvider):
        assert str(graph.value(agent, RDFS.label)) in provider
    accredited = graph.value(programme, PG.externallyAccredited)
    assert accredited == Literal("Non-accredited" not in training)
    qualification = graph.value(programme, PG.leadsToQualification)
    if "Level 2" in training:
        assert graph.value(qualification, PG.level) == Literal(2)
        body = graph.value(qualification, PG.awardingBody)
        assert training.startswith(str(graph.value(body, RDFS.label)) + " Accredited")
    else:
        assert qualification is None

    arrangement = graph.value(local, PG.supervision)
    frequency = str(graph.value(graph.value(arrangement, PG.frequency), RDFS.label))
    assert supervision.lower().startswith(frequency)
    assert str(graph.value(arrangement, PG.supervisionFormat)) in supervision

    status = graph.value(local, PG.progressionStatus)
    expected = (
        PG["progression-under-consideration"]
        if progression == "Currently being considered."
        else PG["progression-available"]
    )
    assert status == expected


def test_every_continuum_and_site_row_is_in_the_graph(graph) -> None:
    from rdflib import RDF

    roles = set(graph.subjects(RDF.type, PG.ContinuumRole))
    assert roles == {ROLE[s] for s in ROLE_SLUGS}
    sites = set(graph.subjects(RDF.type, PG.PilotSite))
    assert sites == {SITE[s] for s in SITE_SLUGS}
    assert URIRef(str(SITE["hmp-drake-hall"])) in sites
