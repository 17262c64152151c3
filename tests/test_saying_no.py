"""Saying "no" and "none": a site that records that it has no forum, journey map, supervision,
partnership with a department the source names, or way of telling staff or residents the options
to progress gets "not met" (a Violation); leaving it out stays "not evidenced" (a Warning); and
an independent external training provider is named as such, so that R3a's advice is knowingly
not followed.
"""

from __future__ import annotations

import re
from pathlib import Path

import example_sites
import pytest
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SH, SKOS

from peergraph.cli import main
from peergraph.graph import load_reference_graph
from peergraph.rdfio import parse_file
from peergraph.validation import Report, load_shapes_graph, validate

PG = Namespace("https://w3id.org/peergraph/ontology#")
PGSH = Namespace("https://w3id.org/peergraph/shapes#")
EX = Namespace("https://example.org/peergraph/hmp-example/")
TEMPLATE = example_sites.TEMPLATE

# Each "no" example, the requirement it answers, and its twin that leaves the same thing out.
SAYS_NO = {
    "r2e-says-no-libraries-partnership": ("R2e", "r2e-no-libraries-partnership"),
    "r3b-says-no-forum": ("R3b", "r3b-no-forum"),
    "r3b-says-no-supervision": ("R3b", "r3b-supervision-not-recorded"),
    "r3d-says-no-journey-map": ("R3d", "r3d-no-journey-map"),
    "r3e-says-no-information-for-residents": ("R3e", "r3e-residents-not-informed"),
}
# The "no" terms of the site vocabulary (ontology/commissioning.ttl).
NO_TERMS = (
    PG.hasPeerRoleForum,
    PG.hasJourneyMap,
    PG.hasSupervision,
    PG.noPartnershipWith,
    PG.noProgressionInformationFor,
)


@pytest.fixture(scope="module")
def reports(invalid_examples_dir: Path) -> dict[str, Report]:
    names = [*SAYS_NO, *(twin for _, twin in SAYS_NO.values()), "r3a-advice-external-provider"]
    return {name: validate(invalid_examples_dir / f"{name}.ttl") for name in names}


@pytest.mark.parametrize("name", sorted(SAYS_NO))
def test_no_is_not_met_where_leaving_it_out_is_not_evidenced(
    name: str, reports: dict[str, Report]
) -> None:
    requirement, twin = SAYS_NO[name]
    said, unsaid = reports[name].sites[0], reports[twin].sites[0]
    assert said.status(requirement) == "not met"
    assert unsaid.status(requirement) == "not evidenced"
    # The "no" answers the question the blank leaves open: no "not recorded" beside it.
    assert {(r.requirement, r.severity) for r in said.results} == {(requirement, "Violation")}


def test_a_no_is_a_violation_on_the_command_line_not_bad_input(
    invalid_examples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code = main(["validate", str(invalid_examples_dir / "r3b-says-no-forum.ttl")])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert code == 1 and err == ""
    assert "records that it has no CFO peer involvement role forum" in out


@pytest.mark.parametrize(
    ("link", "node", "yes"),
    [
        (PG.peerRoleForum, EX["horizon-wing"], PG.hasPeerRoleForum),
        (PG.journeyMap, EX["horizon-wing"], PG.hasJourneyMap),
        (PG.supervision, EX["induction-buddy"], PG.hasSupervision),
    ],
)
def test_yes_without_the_description_is_met(link: URIRef, node: URIRef, yes: URIRef) -> None:
    graph = parse_file(TEMPLATE)
    graph.remove((node, link, None))
    graph.add((node, yes, Literal(True)))
    assert validate(graph).results == []


def test_each_no_rests_on_the_sources_own_words() -> None:
    # A "no" is a Violation only where the source asks for the thing: each term's definition
    # quotes the recommendation it answers, word for word.
    reference = load_reference_graph()
    for term in NO_TERMS:
        recommendation = reference.value(term, DCTERMS.source)
        asked = str(reference.value(recommendation, PG.text))
        definition = str(reference.value(term, SKOS.definition))
        quotes = re.findall(r'"([^"]+)"', definition)
        assert quotes, term
        for quote in quotes:
            assert quote.rstrip(".") in asked, (term, quote)


def test_the_checks_of_a_no_are_violations_resting_on_no_interpretation() -> None:
    shapes = load_shapes_graph()
    checks = [s for term in NO_TERMS for s in shapes.subjects(SH.path, term)]
    assert len(checks) == len(NO_TERMS)
    for check in checks:
        assert shapes.value(check, SH.severity) == SH.Violation, check
        assert shapes.value(check, PGSH.restsOn) is None, check
    # And the rule of shapes/commissioning.ttl's header holds throughout: a check resting on an
    # interpretation is never a Violation.
    for check in shapes.subjects(PGSH.restsOn, PG.interpretation):
        assert shapes.value(check, SH.severity) != SH.Violation, check


def test_an_independent_external_provider_is_knowingly_not_the_education_department(
    reports: dict[str, Report],
) -> None:
    site = reports["r3a-advice-external-provider"].sites[0]
    (advice,) = site.results
    assert (advice.requirement, advice.severity) == ("R3a", "Info")
    assert "independent external provider" in advice.message
    assert site.status("R3a") == "advice" and site.status("D-a") == "met"


def test_an_external_provider_does_not_make_the_training_independent() -> None:
    # D-a asks for an independently delivered qualification: naming the provider external
    # says who delivers it, not that the delivery is independent.
    graph = parse_file(TEMPLATE)
    training = EX["peer-mentor-training"]
    graph.set((training, PG.providerCapacity, PG["independent-external-provider"]))
    for node in (training, EX["peer-mentor-qualification"]):
        graph.set((node, PG.independentlyDelivered, Literal(False)))
    site = validate(graph).sites[0]
    assert site.status("D-a") == "not met"
    assert (training, RDF.type, PG.TrainingProgramme) in graph
