"""The validator's Python API: the pilot sites, the valid example, the shapes and vocabulary
they rest on, the report and its renderers, the scorecard."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SH, SKOS

import peergraph
from peergraph.errors import InputError
from peergraph.graph import load_bundled_graph, load_reference_graph
from peergraph.rdfio import parse_file
from peergraph.resources import data_dir, ontology_dir, shapes_dir
from peergraph.validation import (
    SEVERITIES,
    Report,
    load_shapes_graph,
    requirement_ids,
    validate,
)

PG = Namespace("https://w3id.org/peergraph/ontology#")
SITE = Namespace("https://w3id.org/peergraph/data/site/")
ROLE = Namespace("https://w3id.org/peergraph/data/role/")
STUDY = Namespace("https://w3id.org/peergraph/data/study/")

# The catalogue's requirements (shapes/requirements.ttl), in report order.
REQUIREMENTS = requirement_ids()
VALID = data_dir() / "examples" / "valid" / "hmp-example.ttl"
SITES = data_dir() / "sites"


@pytest.fixture(scope="module")
def pilots() -> Report:
    return validate(SITES)


@pytest.fixture(scope="module")
def valid() -> Report:
    return validate(VALID)


def _site(report: Report, slug: str):
    return next(s for s in report.sites if s.site.iri == str(SITE[slug]))


def _pairs(results) -> set[tuple[str, str]]:
    return {(r.requirement, r.severity) for r in results}


# --- the valid example -------------------------------------------------------------------------


def test_the_valid_example_conforms_with_no_result_at_all(valid: Report) -> None:
    assert valid.conforms
    assert valid.results == []
    assert valid.counts() == {"Violation": 0, "Warning": 0, "Info": 0}
    assert [s.site.label for s in valid.sites] == ["HMP Example"]
    assert not valid.fails("info")


def test_the_valid_example_scores_met_on_every_requirement(valid: Report) -> None:
    card = valid.scorecard()
    assert set(card.rows[0][1].values()) == {"met"}


def test_peergraph_validate_is_the_public_entry_point() -> None:
    assert peergraph.validate is validate


# --- the pilot sites, as Table 1 records them --------------------------------------------------


def test_the_four_pilot_sites_are_validated_separately(pilots: Report) -> None:
    assert sorted(s.site.label for s in pilots.sites) == [
        "HMP Drake Hall",
        "HMP High Down",
        "HMP Holme House",
        "HMP Risley",
    ]
    for site in pilots.sites:
        assert {r.site for r in site.results} == {site.site}
        assert len(site.files) == 1 and Path(site.files[0]).parent.name == "sites"


def test_holme_house_non_accredited_training_contradicts_r3a_and_d_a(pilots: Report) -> None:
    holme = _site(pilots, "hmp-holme-house")
    violations = [r for r in holme.results if r.severity == "Violation"]
    assert {r.requirement for r in violations} == {"R3a", "D-a"}
    mentor = str(SITE["hmp-holme-house-veteran-peer-mentor"])
    training = str(SITE["hmp-holme-house-training"])
    accredited = [r for r in violations if "not externally accredited" in r.message]
    assert {r.requirement for r in accredited} == {"R3a", "D-a"}
    assert all(r.focus.iri == mentor and r.value == training for r in accredited)
    assert holme.status("R3a") == holme.status("D-a") == "not met"
    # Non-accredited training is all the source contradicts: two Violations, nothing else.
    assert len(violations) == 2
    # The training is CFO's own (Table 1: "CFO's Peer Mentor Coordinator"). That this is not
    # independent delivery is the project's reading (footnote 15 speaks of the prison's
    # institutional logic, not of CFO's staff): a D-a Warning that says so, not a Violation.
    cfo = [r for r in holme.results if "CFO's own staff" in r.message]
    assert [(r.requirement, r.severity) for r in cfo] == [("D-a", "Warning")]
    assert "project's reading" in cfo[0].message and cfo[0].value == training
    # Nor is it R3a's advised delivery by the Education department (Info).
    assert [r.requirement for r in holme.results if r.severity == "Info"] == ["R3a"]


def test_only_holme_house_records_a_contradiction(pilots: Report) -> None:
    for site in pilots.sites:
        if site.site.iri != str(SITE["hmp-holme-house"]):
            assert site.counts()["Violation"] == 0, site.site.label


def test_high_down_ambassador_is_not_checked_against_the_peer_mentor_definition(
    pilots: Report,
) -> None:
    high_down = _site(pilots, "hmp-high-down")
    assert not {r.requirement for r in high_down.results} & {"D-a", "D-b", "D-c"}
    assert set(high_down.not_applicable) == {"D-a", "D-b", "D-c"}
    why = high_down.not_applicable["D-a"]
    assert "Male Lifer IAG Ambassador at HMP High Down is an Ambassador role" in why
    assert {high_down.status(d) for d in ("D-a", "D-b", "D-c")} == {"n/a"}
    # R3a's peer mentor training expectations do not apply either; its progression part does.
    r3a = [r for r in high_down.results if r.requirement == "R3a"]
    assert len(r3a) == 1 and "progression" in r3a[0].message
    assert "Not applicable: D-a, D-b, D-c" in pilots.render("text")


def test_what_table_1_does_not_record_is_not_evidenced(pilots: Report) -> None:
    for site in pilots.sites:
        by_requirement = {r.requirement: r for r in site.results}
        for requirement in ("R2a", "R2b", "R2c", "R2d", "R2e", "R3b", "R3c", "R3d", "R3e"):
            assert requirement in by_requirement, (site.site.label, requirement)
            assert site.status(requirement) == "not evidenced"
        sponsor = [r for r in site.results if r.requirement == "R2a"]
        assert [r.severity for r in sponsor] == ["Warning"]
        assert "records no CFO sponsor" in sponsor[0].message


def test_pilot_facts_table_1_gives_are_used(pilots: Report) -> None:
    # Risley's "Weekly CFO Community drop-in" gives how often: no "how often" warning.
    risley = _site(pilots, "hmp-risley")
    assert not any("how often it takes place" in r.message for r in risley.results)
    # Accredited, independently delivered NCFE training at Risley and Drake Hall: no R3a/D-a
    # result about accreditation or independence.
    for slug in ("hmp-risley", "hmp-drake-hall"):
        site = _site(pilots, slug)
        assert not any("accredited" in r.message and r.severity != "Warning" for r in site.results)
        assert not [r for r in site.results if r.requirement == "R3a" and r.severity == "Info"]


def test_validating_the_bundled_graph_finds_the_same_results(pilots: Report) -> None:
    report = validate(load_bundled_graph())
    assert [r.message for r in report.results] == [r.message for r in pilots.results]


def test_validating_in_processes_gives_the_same_report(pilots: Report) -> None:
    parallel = validate(SITES, jobs=2)
    # The same in everything but the time each report was made.
    ours, theirs = json.loads(parallel.render("json")), json.loads(pilots.render("json"))
    assert ours.pop("created") and theirs.pop("created")
    assert ours == theirs
    assert len(parallel.graph) > 0


def test_validation_does_not_change_the_reference_graph(pilots: Report) -> None:
    before = len(load_reference_graph())
    validate(VALID)
    assert len(load_reference_graph()) == before


# --- messages -----------------------------------------------------------------------------------


def test_every_message_starts_with_its_requirement_and_names_its_focus(
    pilots: Report, invalid_examples_dir: Path
) -> None:
    lenient = validate(invalid_examples_dir)
    results = pilots.results + lenient.results
    assert results
    for result in results:
        assert result.requirement in REQUIREMENTS
        assert result.severity in SEVERITIES
        assert result.message.startswith(f"{result.requirement}: "), result.message
        assert result.focus.label in result.message, result.message
        assert result.focus.label != result.focus.iri, result  # every focus is labelled
        assert "{?" not in result.message and "{$" not in result.message


def test_results_are_most_severe_first_then_in_the_stable_requirement_order(
    pilots: Report,
) -> None:
    def ranks(results) -> list[tuple[int, int]]:
        return [(SEVERITIES.index(r.severity), REQUIREMENTS.index(r.requirement)) for r in results]

    for site in pilots.sites:
        assert ranks(site.results) == sorted(ranks(site.results))
    # Across sites: severity, then requirement, then site (in the order the report lists them).
    sites = [s.site.iri for s in pilots.sites]
    keys = [
        (*rank, sites.index(r.site.iri))
        for rank, r in zip(ranks(pilots.results), pilots.results, strict=True)
    ]
    assert keys == sorted(keys)
    # Holme House's two Violations come before every Warning.
    assert [r.severity for r in pilots.results[:2]] == ["Violation", "Violation"]
    again = validate(SITES)
    assert [r.message for r in again.results] == [r.message for r in pilots.results]


# --- the shapes and the vocabulary -------------------------------------------------------------


def test_every_shape_names_its_requirement_source_and_severity() -> None:
    shapes = load_shapes_graph()
    reference = load_reference_graph()
    seen: set[str] = set()
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        notation = str(shapes.value(shape, SKOS.notation))
        assert notation in REQUIREMENTS, shape
        seen.add(notation)
        assert shapes.value(shape, RDFS.label) is not None, shape
        assert str(shapes.value(shape, RDFS.label)).startswith(notation), shape
        assert shapes.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info), shape
        source = shapes.value(shape, DCTERMS.source)
        assert source is not None, shape
        if notation.startswith("R"):
            assert (source, RDF.type, PG.Recommendation) in reference, shape
            assert reference.value(source, PG.recommendationId) == Literal(notation)
        elif notation.startswith("D-"):
            assert source == PG[notation]
            assert (source, RDF.type, PG.DefinitionElement) in reference
        else:
            assert (source, None, None) in reference, shape
        # Every message starts with the requirement id.
        for constraint in shapes.objects(shape, SH.sparql):
            message = str(shapes.value(constraint, SH.message))
            assert message.startswith(f"{notation}: "), message
    assert seen == set(REQUIREMENTS)


def test_severities_follow_the_convention_of_the_shape_names() -> None:
    shapes = load_shapes_graph()
    expected = {"not-met": SH.Violation, "not-evidenced": SH.Warning, "advice": SH.Info}
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        name = str(shape).rsplit("#", 1)[1]
        for suffix, severity in expected.items():
            if name.endswith(suffix):
                assert shapes.value(shape, SH.severity) == severity, name


def test_the_commissioning_vocabulary_is_documented_and_traced() -> None:
    vocabulary = parse_file(ontology_dir() / "commissioning.ttl")
    reference = load_reference_graph()
    header = URIRef("https://w3id.org/peergraph/ontology/commissioning")
    assert (header, RDF.type, OWL.Ontology) in vocabulary
    assert (header, OWL.imports, URIRef("https://w3id.org/peergraph/ontology")) in vocabulary
    assert vocabulary.value(header, OWL.versionInfo) == Literal("0.1.0")
    terms = {s for s in vocabulary.subjects() if isinstance(s, URIRef) and s.startswith(str(PG))}
    assert len(terms) > 30
    for term in terms:
        kinds = set(vocabulary.objects(term, RDF.type))
        if kinds & {OWL.AllDifferent}:
            continue
        assert vocabulary.value(term, RDFS.label) is not None, term
        assert vocabulary.value(term, SKOS.definition) is not None, term
        sources = set(vocabulary.objects(term, DCTERMS.source))
        assert any((s, RDF.type, PG.Recommendation) in reference for s in sources), term
        if kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}:
            assert vocabulary.value(term, RDFS.domain) is not None, term
            assert vocabulary.value(term, RDFS.range) is not None, term


def test_every_property_the_shapes_ask_for_is_declared() -> None:
    reference = load_reference_graph()
    text = "\n".join(p.read_text(encoding="utf-8") for p in shapes_dir().glob("*.ttl"))
    for name in set(re.findall(r"pg:([A-Za-z][A-Za-z0-9-]*)", text)):
        assert (PG[name], None, None) in reference, f"pg:{name} is not in the ontology"


# --- several sites, other inputs ---------------------------------------------------------------


def _valid_text(namespace: str, label: str) -> str:
    text = VALID.read_text(encoding="utf-8")
    text = text.replace("https://example.org/peergraph/hmp-example/", namespace)
    return text.replace('rdfs:label "HMP Example"@en', f'rdfs:label "{label}"@en')


def test_a_file_with_two_sites_is_validated_site_by_site(tmp_path: Path) -> None:
    first = _valid_text("https://example.org/a/", "HMP Alpha")
    second = _valid_text("https://example.org/b/", "HMP Beta").replace(
        "pg:governorLevel true ;", "pg:governorLevel false ;"
    )
    # One file, two sites (Turtle allows repeated prefix declarations).
    path = tmp_path / "two.ttl"
    path.write_text(first + "\n" + second, encoding="utf-8")
    report = validate(path)
    assert [s.site.label for s in report.sites] == ["HMP Alpha", "HMP Beta"]
    alpha, beta = report.sites
    assert alpha.conforms
    assert _pairs(beta.results) == {("R2a", "Violation")}


def test_a_site_spread_over_two_files_is_one_site(tmp_path: Path) -> None:
    text = VALID.read_text(encoding="utf-8")
    cut = text.index("#" * 65 + "\n#  Providers")
    prefixes = text[text.index("@prefix") : text.index("\n\n", text.index("@prefix"))]
    (tmp_path / "site.ttl").write_text(text[:cut], encoding="utf-8")
    (tmp_path / "providers.ttl").write_text(prefixes + "\n\n" + text[cut:], encoding="utf-8")
    report = validate(tmp_path)
    assert len(report.sites) == 1 and report.conforms
    assert len(report.sites[0].files) == 2


@pytest.mark.parametrize(
    ("suffix", "fmt"), [(".jsonld", "json-ld"), (".trig", "trig"), (".rdf", "xml"), (".nt", "nt")]
)
def test_other_rdf_formats_are_read(suffix: str, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"hmp-example{suffix}"
    path.write_text(parse_file(VALID).serialize(format=fmt), encoding="utf-8")
    report = validate(path)
    assert [s.site.label for s in report.sites] == ["HMP Example"]
    assert report.conforms


def test_footnote_12_cfo_allies_meet_r2b_where_pc_membership_is_unavailable() -> None:
    graph = parse_file(VALID)
    ex = Namespace("https://example.org/peergraph/hmp-example/")
    graph.set((ex.prison, PG.prisonerCouncilMembershipAvailable, Literal(False)))
    graph.set((ex["horizon-wing"], PG.representedOnPrisonerCouncil, Literal(False)))
    graph.remove((ex["horizon-wing"], PG.prisonerCouncilRole, None))
    graph.add((ex["horizon-wing"], PG.cfoAlliesRecruitedFrom, ROLE.rep))
    graph.add((ex["horizon-wing"], PG.cfoAlliesRecruitedFrom, ROLE["shannon-trust-mentor"]))
    assert validate(graph).results == []
    # Without the allies, the wing is not represented: a contradiction.
    no_allies = Graph() + graph
    no_allies.remove((None, PG.cfoAlliesRecruitedFrom, None))
    assert _pairs(validate(no_allies).results) == {("R2b", "Violation")}
    # With allies but without saying that membership is unavailable: not evidenced.
    unsaid = Graph() + graph
    unsaid.remove((None, PG.prisonerCouncilMembershipAvailable, None))
    assert _pairs(validate(unsaid).results) == {("R2b", "Warning")}


def test_an_object_property_given_text_is_a_data_quality_violation() -> None:
    graph = parse_file(VALID)
    supervision = URIRef("https://example.org/peergraph/hmp-example/peer-mentor-supervision")
    graph.set((supervision, PG.frequency, Literal("weekly")))
    results = validate(graph).results
    assert _pairs(results) == {("DQ", "Violation")}
    assert 'pg:frequency the text "weekly"' in results[0].message
    assert "pg:weekly" in results[0].message


def test_an_untyped_training_is_a_data_quality_warning() -> None:
    graph = parse_file(VALID)
    training = URIRef("https://example.org/peergraph/hmp-example/peer-mentor-training")
    graph.remove((training, RDF.type, None))
    results = validate(graph).results
    assert _pairs(results) == {("DQ", "Warning")}
    assert "has no type" in results[0].message and "pg:TrainingProgramme" in results[0].message


def test_strict_mode_raises_data_quality_violations_as_input_errors(
    invalid_examples_dir: Path,
) -> None:
    path = invalid_examples_dir / "dq-unknown-role.ttl"
    with pytest.raises(InputError) as caught:
        validate(path, strict=True)
    error = caught.value
    assert Path(error.path) == path
    assert error.line is not None
    assert "role:peer-mentr" in path.read_text(encoding="utf-8").splitlines()[error.line - 1]
    assert "role:peer-mentr" in str(error) and "\n" not in str(error)
    # Not strict: the same problem is a DQ Violation in the report.
    assert _pairs(validate(path).results) == {("DQ", "Violation")}


def test_input_without_a_prison_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no site found"):
        validate(data_dir() / "agents.ttl")
    with pytest.raises(InputError, match="no site found"):
        validate(Graph())


def test_unattached_wings_and_roles_are_listed(invalid_examples_dir: Path) -> None:
    report = validate(invalid_examples_dir / "dq-no-wing.ttl")
    assert {n.label for n in report.unattached} >= {"HMP Example's Horizon wing"}
    site = report.sites[0]
    assert site.status("R2b") == "not evidenced" and site.status("D-a") == "not evidenced"
    assert "no prison links to them" in report.render("text")


# --- renderers ----------------------------------------------------------------------------------


def test_text_report_lists_violations_first_by_requirement_then_the_sites(pilots: Report) -> None:
    text = pilots.render("text")
    assert text.index("What to do next") < text.index("Violations (2)")
    assert text.index("Violations (2)") < text.index("Warnings (") < text.index("Info (1)")
    violations = text[text.index("Violations (2)") : text.index("Warnings (")]
    assert violations.index("\n  R3a ") < violations.index("\n  D-a ")
    warnings = text[text.index("Warnings (") : text.index("Info (1)")]
    assert warnings.index("\n  R2a ") < warnings.index("\n  R3a ") < warnings.index("\n  D-a ")
    sites = text[text.index("\nSites\n") :]
    assert sites.index("HMP Drake Hall") < sites.index("HMP High Down") < sites.index("HMP Risley")
    counts = pilots.counts()
    assert text.rstrip().splitlines()[-1] == (
        f"Summary: {counts['Violation']} violations, {counts['Warning']} warnings, "
        f"{counts['Info']} info in 4 sites (does not conform)"
    )


def test_json_report(pilots: Report) -> None:
    data = json.loads(pilots.render("json"))
    assert data["conforms"] is False
    assert data["counts"] == pilots.counts()
    results = [r for site in data["sites"] for r in site["results"]]
    assert len(results) == len(pilots.results)
    assert set(results[0]) >= {"site", "requirement", "severity", "focus", "message", "source"}
    holme = next(s for s in data["sites"] if s["site"]["label"] == "HMP Holme House")
    assert any(r["source"] == str(STUDY.R3a) for r in holme["results"])


def test_turtle_report_is_a_standard_validation_report(pilots: Report) -> None:
    graph = Graph().parse(data=pilots.render("turtle"), format="turtle")
    reports = list(graph.subjects(RDF.type, SH.ValidationReport))
    assert len(reports) == 1
    assert graph.value(reports[0], SH.conforms) == Literal(False)
    results = list(graph.objects(reports[0], SH.result))
    assert len(results) == len(pilots.results)
    for result in results:
        assert (result, RDF.type, SH.ValidationResult) in graph
        assert graph.value(result, DCTERMS.source) is not None  # traced to the source


def test_csv_report_has_one_row_per_result(pilots: Report) -> None:
    rows = list(csv.reader(io.StringIO(pilots.render("csv"))))
    assert rows[0] == [
        "site",
        "requirement",
        "severity",
        "focus",
        "message",
        "check",
        "focus_node",
        "path",
        "value",
        "shape",
        "how_to_record",
    ]
    assert len(rows) == len(pilots.results) + 1
    assert rows[1][:3] == ["HMP Holme House", "R3a", "Violation"]


def test_html_report_is_self_contained_and_escaped() -> None:
    graph = parse_file(VALID)
    prison = URIRef("https://example.org/peergraph/hmp-example/prison")
    graph.set((prison, RDFS.label, Literal('HMP <script>alert("x")</script> & Co')))
    graph.remove((prison, PG.cfoSponsor, None))
    page = validate(graph).render("html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert "&lt;script&gt;" in page and "&amp; Co" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page


def test_scorecard_cells_and_renderers(pilots: Report, invalid_examples_dir: Path) -> None:
    card = pilots.scorecard()
    assert card.cell(str(SITE["hmp-holme-house"]), "R3a") == "not met"
    assert card.cell(str(SITE["hmp-high-down"]), "D-b") == "n/a"
    assert card.cell(str(SITE["hmp-risley"]), "R2a") == "not evidenced"
    assert card.cell(str(SITE["hmp-risley"]), "DQ") == "met"
    advice = validate(invalid_examples_dir / "r2a-advice-sponsor-not-responsible-for-council.ttl")
    assert advice.sites[0].status("R2a") == "advice"
    text = card.render("text")
    assert text.splitlines()[0].split() == ["site", *REQUIREMENTS]
    rows = list(csv.reader(io.StringIO(card.render("csv"))))
    assert rows[0] == ["site", "site_iri", *REQUIREMENTS]
    holme = next(row for row in rows if row[0] == "HMP Holme House")
    assert holme[2 + REQUIREMENTS.index("R3a")] == "not met"
    page = card.render("html")
    assert page.startswith("<!DOCTYPE html>") and "not applicable" in page
    with pytest.raises(ValueError):
        card.render("pdf")
    with pytest.raises(ValueError):
        pilots.render("pdf")
