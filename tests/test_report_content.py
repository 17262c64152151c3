"""What a validation report tells a commissioner, and whoever edits the file: the order of the
results, "what to do next", plain messages with the RDF detail apart, the legend and the foot of
the HTML page. Expected values come from the shapes, the catalogue and the sh:ValidationReport
themselves (read here with rdflib), not from the renderers."""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, URIRef
from rdflib.namespace import SH

import peergraph
from peergraph.resources import data_dir
from peergraph.terms import short_form
from peergraph.validation import (
    SEVERITIES,
    Report,
    load_shapes_graph,
    requirement_ids,
    requirements,
    validate,
)

SITES = data_dir() / "sites"
HOLME_HOUSE = "https://w3id.org/peergraph/data/site/hmp-holme-house"
# The shape files whose messages speak to commissioners (data-quality messages are about the
# file itself and name its terms on purpose).
PLAIN_FILES = ("commissioning.ttl", "peer-mentor-definition.ttl")


@pytest.fixture(scope="module")
def pilots() -> Report:
    return validate(SITES)


def _titles() -> dict[str, str]:
    return {r.id: r.title for r in requirements()}


# --- order -------------------------------------------------------------------------------------


def test_violations_come_first_in_every_format(pilots: Report) -> None:
    severities = [r.severity for r in pilots.results]
    assert severities == sorted(severities, key=SEVERITIES.index)
    assert severities[0] == "Violation"
    data = json.loads(pilots.render("json"))
    holme = next(s for s in data["sites"] if s["site"]["iri"] == HOLME_HOUSE)
    assert [r["severity"] for r in holme["results"]][:2] == ["Violation", "Violation"]
    csv_severities = [line.split(",")[2] for line in pilots.render("csv").splitlines()[1:3]]
    assert csv_severities == ["Violation", "Violation"]
    page = pilots.render("html")
    assert page.index('id="violation"') < page.index('id="warning"') < page.index('id="info"')


# --- what to do next ---------------------------------------------------------------------------


def test_next_steps_are_every_site_and_requirement_not_met_or_not_evidenced(
    pilots: Report,
) -> None:
    steps = pilots.next_steps()
    expected = {
        (site.site.iri, requirement, site.status(requirement))
        for site in pilots.sites
        for requirement in requirement_ids()
        if site.status(requirement) in ("not met", "not evidenced")
    }
    assert {(s.site.iri, s.requirement, s.state) for s in steps} == expected
    assert len(steps) == len(expected)  # one line each
    # "not met" first; then the catalogue's order, then the sites' order.
    ids, sites = requirement_ids(), [s.site.iri for s in pilots.sites]
    keys = [
        (s.state != "not met", ids.index(s.requirement), sites.index(s.site.iri)) for s in steps
    ]
    assert keys == sorted(keys)
    assert {(s.site.iri, s.requirement) for s in steps if s.state == "not met"} == {
        (HOLME_HOUSE, "R3a"),
        (HOLME_HOUSE, "D-a"),
    }


def test_next_steps_take_their_words_from_the_catalogue_and_the_shapes(pilots: Report) -> None:
    shapes = load_shapes_graph()
    titles = _titles()
    for step in pilots.next_steps():
        assert step.title == titles[step.requirement]
        site = next(s for s in pilots.sites if s.site == step.site)
        severity = "Violation" if step.state == "not met" else "Warning"
        names = {
            str(shapes.value(URIRef(r.shape), SH.name))
            for r in site.results
            if r.requirement == step.requirement and r.severity == severity
        }
        assert set(step.checks) == names, step
        text = step.text()
        assert text.startswith(f"{step.site.label}: {step.requirement} ({step.title})")
        assert all(name in text for name in names)
        assert "pg:" not in text and "\n" not in text
    text = pilots.render("text")
    top = text[: text.index("Violations (")]
    for n, step in enumerate(pilots.next_steps(), 1):
        assert f"\n  {n}. {step.text()}\n" in top
    page = pilots.render("html")
    assert page.index("What to do next") < page.index('id="violation"')


def test_a_site_with_nothing_to_check_says_why(invalid_examples_dir: Path) -> None:
    report = validate(invalid_examples_dir / "dq-no-wing.ttl")
    site = report.sites[0]
    steps = {s.requirement: s for s in report.next_steps()}
    for requirement, why in site.unchecked.items():
        if not steps[requirement].checks:
            assert steps[requirement].text().endswith(f": {why}.")


# --- plain messages, with the RDF detail apart ------------------------------------------------


def test_the_commissioners_messages_name_no_rdf_term() -> None:
    shapes = load_shapes_graph()
    for name in PLAIN_FILES:
        text = (data_dir().parent / "shapes" / name).read_text(encoding="utf-8")
        messages = re.findall(r'sh:message "((?:[^"\\]|\\.)*)"', text)
        assert messages, name
        for message in messages:
            assert re.match(r"^(R\d[a-z]|D-[a-c]): ", message), message  # the id first
            assert not re.search(r"\b(pg|role|site|rdfs|sh):\w", message), message
    assert shapes  # the same files the validator loads


def test_the_detail_is_the_validation_reports_own(pilots: Report) -> None:
    for site in pilots.sites:
        graph = site.graph
        by_shape: dict[tuple[str, str], list[URIRef]] = {}
        for node in graph.subjects(SH.sourceShape, None):
            key = (str(graph.value(node, SH.sourceShape)), str(graph.value(node, SH.focusNode)))
            by_shape.setdefault(key, []).append(node)
        for result in site.results:
            detail = site.detail(result)
            assert detail.focus == short_form(URIRef(result.focus.iri))
            assert detail.shape == short_form(URIRef(result.shape))
            nodes = by_shape[(result.shape, result.focus.iri)]
            paths = {graph.value(n, SH.resultPath) for n in nodes}
            simple = {short_form(p) for p in paths if isinstance(p, URIRef)}
            if simple:
                assert detail.path in simple
            elif paths != {None}:
                assert detail.path and "pg:" in detail.path  # a path of several steps
            values = {graph.value(n, SH.value) for n in nodes} - {URIRef(result.focus.iri)}
            if result.value is not None:
                assert detail.value in {short_form(v) for v in values if v is not None}


def test_the_detail_of_holme_house_names_the_non_accredited_training(pilots: Report) -> None:
    # Table 1: Holme House's training is Ingeus's non-accredited programme.
    holme = next(s for s in pilots.sites if s.site.iri == HOLME_HOUSE)
    shapes = load_shapes_graph()
    for result in (r for r in holme.results if r.severity == "Violation"):
        detail = holme.detail(result)
        assert detail.value == "site:hmp-holme-house-training"
        assert detail.focus == "site:hmp-holme-house-veteran-peer-mentor"
        assert "pg:training" in (detail.path or "")
        assert detail.how == str(shapes.value(URIRef(result.shape), SH.description))
        assert "pg:externallyAccredited true" in detail.how
        assert "pg:" not in result.message  # the commissioner's line stays plain


def test_every_format_carries_the_detail_beside_the_message(pilots: Report) -> None:
    result = pilots.results[0]
    detail = pilots.detail(result)
    text = pilots.render("text")
    assert "in the file: focus " + detail.focus in text
    data = json.loads(pilots.render("json"))
    first = next(r for s in data["sites"] for r in s["results"] if r["message"] == result.message)
    assert first["detail"]["path"] == detail.path and first["detail"]["value"] == detail.value
    page = pilots.render("html")
    assert '<span class="detail">in the file: focus ' + detail.focus in page


# --- the HTML page: headers, legend, foot --------------------------------------------------------


def test_scorecard_headers_carry_the_requirement_titles(pilots: Report) -> None:
    for page in (pilots.render("html"), pilots.scorecard().render("html")):
        headers = re.findall(r'<th class="req" scope="col"><b>([^<]+)</b><span>(.*?)</span>', page)
        titles = _titles()
        assert [h[0] for h in headers] == list(requirement_ids())
        for ident, title in headers:
            assert html.unescape(title).replace("\u00ad", "") == titles[ident]


def test_the_legend_explains_every_cell_state(pilots: Report) -> None:
    from peergraph.validation.model import CELL_MEANINGS, CELL_WORDS

    for page in (pilots.render("html"), pilots.scorecard().render("html")):
        legend = html.unescape(page[page.index('<dl class="legend"') : page.index("</dl>")])
        for state, meaning in CELL_MEANINGS.items():
            assert f">{CELL_WORDS[state]}</dt><dd>{meaning}</dd>" in legend


def test_the_foot_gives_date_version_and_checksums(
    pilots: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    report = validate(SITES)
    for page in (report.render("html"), report.scorecard().render("html")):
        foot = page[page.index("<footer>") : page.index("</footer>")]
        assert "2023-11-14 22:13 UTC" in foot
        assert f"peergraph {peergraph.version()}" in foot
        files = sorted(SITES.glob("*.ttl"))
        assert len(files) == 4
        for file in files:
            digest = hashlib.sha256(file.read_bytes()).hexdigest()
            assert re.search(rf"{re.escape(file.name)}</td><td><code>{digest}</code>", foot)


def test_a_graph_in_memory_has_no_input_files() -> None:
    graph = Graph().parse(data_dir() / "examples" / "valid" / "hmp-example.ttl")
    page = validate(graph).render("html")
    assert "a graph given in memory (no file)" in page
    assert '<table class="inputs"' not in page


def test_the_page_is_self_contained(pilots: Report) -> None:
    for page in (pilots.render("html"), pilots.scorecard().render("html")):
        assert "<script" not in page and "<link" not in page and "@import" not in page
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
        assert "url(" not in page
        assert "@page { size: A4 landscape" in page and "@media print" in page


def test_requirement_labels_reach_rdfs_label_not_a_copy() -> None:
    # The titles the pages show are the study's labels (after "R2a: "), as the catalogue reads.
    reference = peergraph.load_bundled_graph()
    for requirement in requirements()[:-1]:
        label = str(reference.value(URIRef(requirement.source), RDFS.label))
        assert label.split(": ", 1)[1] == _titles()[requirement.id]
