"""Facts the graph states in more than one place agree wherever they are stated.

Some facts are held twice on purpose, each where a different reader looks for it: a scheme's order
as ``skos:memberList`` (for SKOS tools) and as each concept's ``pg:position`` (for SPARQL); a
role scope's place among Appendix 2's columns; the accreditation of a training course and of the
qualification it leads to; the qualification a local role requires and the one its training
leads to; the roles footnote 12 names as CFO-Allies' sources (``pg:canSupplyAllies``) and the
roles a site recruits them from (``pg:cfoAlliesRecruitedFrom``). Each pair is checked here on
the bundled graph, the valid example and its invalid variants, so that an edit of one copy
alone fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS

from peergraph.graph import copy_graph, load_bundled_graph
from peergraph.pg import PG, ROLE
from peergraph.rdfio import parse_file
from peergraph.resources import data_dir


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_bundled_graph()


def _ordered_collections(graph: Graph) -> list[tuple[URIRef, list[URIRef]]]:
    found = []
    for collection in graph.subjects(RDF.type, SKOS.OrderedCollection):
        head = graph.value(collection, SKOS.memberList)
        assert head is not None, collection
        found.append((collection, [URIRef(m) for m in Collection(graph, head)]))
    return sorted(found)


def order_disagreements(graph: Graph) -> list[str]:
    """Ordered collections whose list order is not their members' pg:position order, and role
    scopes whose position is not their Appendix 2 column's order."""
    faults = []
    for collection, members in _ordered_collections(graph):
        positions = [graph.value(m, PG.position) for m in members]
        if None in positions:
            faults.append(f"{collection}: a member has no pg:position")
        elif [int(p) for p in positions] != list(range(1, len(members) + 1)):
            faults.append(f"{collection}: memberList order {members} is not pg:position order")
    scopes = [s for s in graph.subjects(RDF.type, PG.RoleScope) if isinstance(s, URIRef)]
    by_position = sorted(scopes, key=lambda s: int(graph.value(s, PG.position) or 0))
    by_column = sorted(
        scopes, key=lambda s: int(graph.value(graph.value(s, PG.valueColumn), PG.position) or 0)
    )
    if by_position != by_column:
        faults.append(f"role scopes: pg:position order {by_position} is not column order")
    return faults


def test_every_order_is_the_same_wherever_it_is_stated(graph: Graph) -> None:
    assert len(_ordered_collections(graph)) >= 2  # the LC&R levels and the role scopes
    assert order_disagreements(graph) == []


def test_an_order_changed_in_one_place_is_caught(graph: Graph) -> None:
    broken = copy_graph(graph)
    broken.set((PG["lcr-high"], PG.position, Literal(1)))
    broken.set((PG["lcr-low"], PG.position, Literal(3)))
    assert order_disagreements(broken)
    broken = copy_graph(graph)
    broken.set((PG["scope-bridging"], PG.position, Literal(2)))
    broken.set((PG["scope-single-issue"], PG.position, Literal(3)))
    assert order_disagreements(broken)


def _site_graphs() -> list[Path]:
    folder = data_dir()
    return sorted((folder / "sites").glob("*.ttl")) + sorted(
        (folder / "examples" / "valid").glob("*.ttl")
    )


def qualification_disagreements(graph: Graph) -> list[str]:
    """Training courses whose accreditation differs from their qualification's, and local roles
    requiring a qualification their training does not lead to."""
    faults = []
    for training, qualification in graph.subject_objects(PG.leadsToQualification):
        for prop in (PG.externallyAccredited,):
            of_training = graph.value(training, prop)
            of_qualification = graph.value(qualification, prop)
            if None not in (of_training, of_qualification) and of_training != of_qualification:
                faults.append(f"{training} and {qualification} disagree on {prop}")
    for role, required in graph.subject_objects(PG.requiresQualification):
        if graph.value(role, PG.continuumRole) is None:
            continue  # a continuum role: its qualification is the definition's, not a course's
        led_to = {
            q
            for t in graph.objects(role, PG.training)
            for q in graph.objects(t, PG.leadsToQualification)
        }
        if led_to and required not in led_to:
            faults.append(f"{role} requires {required}, which its training does not lead to")
    return faults


@pytest.mark.parametrize("path", _site_graphs(), ids=lambda p: p.name)
def test_a_course_and_its_qualification_agree(path: Path) -> None:
    assert qualification_disagreements(parse_file(path)) == []


def test_a_disagreeing_course_and_qualification_are_caught() -> None:
    example = data_dir() / "examples" / "valid" / "hmp-example.ttl"
    graph = parse_file(example)
    training = next(graph.subjects(PG.leadsToQualification, None))
    graph.set((training, PG.externallyAccredited, Literal(False)))
    assert qualification_disagreements(graph)
    graph = parse_file(example)
    role = next(s for s in graph.subjects(PG.requiresQualification, None))
    graph.set((role, PG.requiresQualification, URIRef("https://example.org/another-qualification")))
    assert qualification_disagreements(graph)


# Footnote 12: "... recruit CFO-Allies from peer support and peer involvement role holders (e.g.,
# wing's PID/ CIO, Shannon Trust Mentors, Education Class support assistants, Reps etc)".
FOOTNOTE_12_ROLES = {
    ROLE["pid-cio-house-rep"],
    ROLE["shannon-trust-mentor"],
    ROLE["education-classroom-assistant"],
    ROLE["rep"],
}


def test_the_roles_that_can_supply_allies_are_footnote_12s(graph: Graph) -> None:
    footnote = str(graph.value(_footnote(12), PG.text))
    for words in (
        "PID/ CIO",
        "Shannon Trust Mentors",
        "Education Class support assistants",
        "Reps",
    ):
        assert words in footnote
    assert set(graph.subjects(PG.canSupplyAllies, Literal(True))) == FOOTNOTE_12_ROLES


def _footnote(number: int) -> URIRef:
    return URIRef(f"https://w3id.org/peergraph/data/source/footnote-{number}")


@pytest.mark.parametrize("path", _site_graphs(), ids=lambda p: p.name)
def test_the_bundled_sites_recruit_allies_from_roles_that_can_supply_them(
    graph: Graph, path: Path
) -> None:
    # Footnote 12's list ends "etc.": a new site may name another role. The bundled sites and
    # the example name only roles the continuum marks, so the two copies agree in the data.
    can = set(graph.subjects(PG.canSupplyAllies, Literal(True)))
    recruited = set(parse_file(path).objects(None, PG.cfoAlliesRecruitedFrom))
    assert recruited <= can, recruited - can
