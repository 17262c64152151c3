"""HermiT over the ontology and the reference data: consistency and the definition's classes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from rdflib import RDF, Literal, Namespace

from peergraph.graph import copy_graph, load_reference_graph
from peergraph.pg import PG, ROLE
from peergraph.reasoning import reason
from peergraph.reasoning.report import build_report, reasoning_base

TEST = Namespace(str(ROLE) + "test-")  # the roles these tests make up


@pytest.fixture(scope="module")
def report():
    return build_report(reasoning_base())


def test_ontology_and_reference_data_are_consistent() -> None:
    # All of it, provenance and the study's dates included, with no datatype ignored.
    assert reason(copy_graph(load_reference_graph())).consistent


def test_the_report_reasons_over_the_ontology_and_the_continuum_only(report) -> None:
    base = reasoning_base()
    roles = set(base.subjects(RDF.type, PG.ContinuumRole))
    assert len(roles) == 15
    assert not set(base.subjects(RDF.type, PG.TableCell))  # no provenance cells
    assert not set(base.subjects(RDF.type, PG.Recommendation))  # nor the study's outputs
    assert report.individuals < 200


def test_peer_mentor_is_classified_as_peer_mentoring_and_so_as_peer_support(report) -> None:
    by_iri = {r.iri: r for r in report.roles}
    peer_mentor = by_iri[str(ROLE["peer-mentor"])]
    assert peer_mentor.peer_mentoring
    assert peer_mentor.peer_support
    assert peer_mentor.elements_met == ["D-a", "D-b", "D-c"]


def test_only_the_peer_mentor_is_peer_mentoring_in_the_continuum(report) -> None:
    mentoring = {r.iri for r in report.roles if r.peer_mentoring}
    assert mentoring == {str(ROLE["peer-mentor"])}


def test_not_all_peer_support_is_peer_mentoring(report) -> None:
    support_only = {r.iri for r in report.roles if r.peer_support and not r.peer_mentoring}
    assert str(ROLE["listener"]) in support_only
    assert str(ROLE["shannon-trust-mentor"]) in support_only  # hierarchical mentoring


def test_hierarchical_mentoring_is_shown_not_to_be_peer_mentoring(report) -> None:
    by_iri = {r.iri: r for r in report.roles}
    shannon = by_iri[str(ROLE["shannon-trust-mentor"])]
    assert shannon.verdict == "not a peer mentoring role"
    assert "disjoint with peer mentoring" in shannon.why
    # A listener is not hierarchical, and nothing recorded rules D-b or D-c out.
    assert by_iri[str(ROLE["listener"])].verdict == "not shown to be a peer mentoring role"


def test_why_not_names_the_failed_conditions(report) -> None:
    by_iri = {r.iri: r for r in report.roles}
    rep = by_iri[str(ROLE["rep"])]
    assert any(
        "payment: needs Unpaid; ruled out by what is recorded: Paid" in reason
        for reason in rep.missing["D-a"]
    )
    assert rep.elements["D-a"].verdict == "contradicted"
    assert rep.verdict == "not a peer mentoring role"
    council = by_iri[str(ROLE["prisoner-council"])]
    assert "D-b" in council.missing and "D-c" in council.missing


def _mentor_like(graph, slug: str, *, drop: str) -> None:
    """A role with all of the peer mentor's definition facts except those of element ``drop``."""
    role = TEST[slug]
    graph.add((role, RDF.type, PG.ContinuumRole))
    if drop != "D-a":
        graph.add((role, PG.payment, PG.unpaid))
        graph.add((role, PG.heldBy, PG["currently-serving-residents"]))
        graph.add((role, PG.requiresQualification, ROLE["peer-mentor-qualification"]))
        graph.add((role, PG.promotesAmongPeers, PG["growth-advancement-hope-empowerment"]))
    if drop != "D-b":
        graph.add((role, PG.representsCollectiveInterestsAt, PG["wing-level"]))
        graph.add((role, PG.representsCollectiveInterestsAt, PG["prison-level"]))
    if drop != "D-c":
        graph.add((role, PG.representsCollectiveInterestsAt, PG["national-level"]))


def test_a_role_lacking_any_one_element_is_not_peer_mentoring() -> None:
    graph = reasoning_base()
    for element in ("D-a", "D-b", "D-c", "none"):
        _mentor_like(graph, element.lower(), drop=element)
    result = reason(graph)
    assert result.consistent
    for element in ("D-a", "D-b", "D-c"):
        types = result.inferred_types[str(TEST[element.lower()])]
        assert str(PG.PeerMentoringRole) not in types, element
    complete = result.inferred_types[str(TEST["none"])]
    assert str(PG.PeerMentoringRole) in complete
    assert str(PG.PeerSupportRole) in complete  # all peer mentoring is peer support


def test_a_paid_role_with_a_non_accredited_qualification_misses_d_a() -> None:
    graph = reasoning_base()
    _mentor_like(graph, "unaccredited", drop="none")
    qualification = TEST["unaccredited-qualification"]
    graph.add((qualification, RDF.type, PG.Qualification))
    graph.add((qualification, PG.externallyAccredited, Literal(False)))
    graph.add((qualification, PG.independentlyDelivered, Literal(True)))
    graph.add((qualification, PG.subject, PG["subject-mentoring"]))
    graph.remove((TEST["unaccredited"], PG.requiresQualification, None))
    graph.add((TEST["unaccredited"], PG.requiresQualification, qualification))
    result = reason(graph)
    assert str(PG.MeetsElementA) not in result.inferred_types[str(TEST["unaccredited"])]


def test_a_deliberately_inconsistent_graph_is_reported_inconsistent() -> None:
    graph = reasoning_base()
    # payment is functional and Paid and Unpaid are different individuals.
    graph.add((ROLE["listener"], PG.payment, PG.paid))
    assert build_report(graph).consistent is False


def test_hierarchical_mentoring_cannot_be_peer_mentoring() -> None:
    graph = reasoning_base()
    graph.add((ROLE["peer-mentor"], RDF.type, PG.HierarchicalMentoringRole))
    assert reason(graph).consistent is False


def test_cli_reason_reports_consistent_and_the_classification() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "peergraph", "reason", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["consistent"] is True
    mentoring = [r["iri"] for r in data["roles"] if r["peerMentoring"]]
    assert mentoring == [str(ROLE["peer-mentor"])]


def test_cli_reason_without_java_says_so_in_one_line(tmp_path) -> None:
    import os

    env = dict(os.environ, PEERGRAPH_JAVA=str(tmp_path / "no-java"))
    done = subprocess.run(
        [sys.executable, "-m", "peergraph", "reason"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "java" in done.stderr.lower()
