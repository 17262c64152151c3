"""Provenance of every fact, and the ontology quality checks of queries/qc/.

Each check must return nothing on the bundled graph, and each is shown to catch the defect it is
for, so that a check that cannot fail would fail here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Literal, Namespace, URIRef

from peergraph.graph import copy_graph, load_bundled_graph
from peergraph.pg import AGENT, PG, ROLE, SITE, SRC
from peergraph.resources import queries_dir
from peergraph.vocab import NAMESPACES

# Open, unlike the closed PG: the terms the defects below plant are not in the ontology.
PLANTED = Namespace(NAMESPACES["pg"])

SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")


def _run(graph, name: str) -> list[tuple]:
    text = (queries_dir() / "qc" / f"{name}.rq").read_text(encoding="utf-8")
    return [tuple(row) for row in graph.query(text)]


@pytest.fixture(scope="module")
def graph():
    return load_bundled_graph()


QC = sorted(p.stem for p in (queries_dir() / "qc").glob("*.rq"))


def test_the_qc_folder_holds_the_quality_checks() -> None:
    assert {
        "terms-without-label-or-definition",
        "classes-without-parent",
        "properties-without-domain-or-range",
        "individuals-without-type",
        "facts-without-provenance",
        "concepts-without-preflabel",
        "concepts-without-scheme",
        "skos-relations-as-annotation-properties",
        "org-terms-outside-domain-or-range",
    } <= set(QC)


@pytest.mark.parametrize("name", QC)
def test_qc_check_finds_nothing_in_the_bundled_graph(graph, name: str) -> None:
    assert _run(graph, name) == []


def _defect(graph, name: str):
    """A copy of the graph with one defect of the kind the check ``name`` is for."""
    g = copy_graph(graph)
    if name == "terms-without-label-or-definition":
        g.add((PLANTED.Unlabelled, RDF.type, OWL.Class))
        g.add((PLANTED.Unlabelled, RDFS.subClassOf, PG.PeerInvolvementRole))
        expect = PLANTED.Unlabelled
    elif name == "classes-without-parent":
        g.add((PLANTED.Orphan, RDF.type, OWL.Class))
        g.add((PLANTED.Orphan, RDFS.label, Literal("orphan")))
        expect = PLANTED.Orphan
    elif name == "properties-without-domain-or-range":
        g.add((PLANTED.loose, RDF.type, OWL.ObjectProperty))
        expect = PLANTED.loose
    elif name == "individuals-without-type":
        g.add((ROLE.listener, PG.progressesTo, ROLE["untyped-role"]))
        expect = ROLE["untyped-role"]
    elif name == "facts-without-provenance":
        # A scope the source's cell denies ("No"), and a representation no record gives.
        g.add((ROLE.listener, PG.hasScope, PG["scope-collective"]))
        g.add(
            (
                SITE["hmp-risley-veteran-peer-mentor"],
                PG.representsCollectiveInterestsAt,
                PG["wing-level"],
            )
        )
        expect = ROLE.listener
    elif name == "annotations-without-provenance":
        # A gloss credited to a work the place it cites does not cite (Table 1 cites no work).
        g.add(
            (
                PLANTED.Gloss,
                SKOS.definition,
                Literal("Residents with living experience (Home Office, 2023)."),
            )
        )
        g.add((PLANTED.Gloss, URIRef("http://purl.org/dc/terms/source"), SRC["table-1"]))
        expect = PLANTED.Gloss
    elif name == "concepts-without-preflabel":
        # A concept whose preferred label was dropped.
        g.remove((PG["lcr-high"], SKOS.prefLabel, None))
        expect = PG["lcr-high"]
    elif name == "concepts-without-scheme":
        # A concept taken out of its scheme (its scheme still lists it as a top concept).
        g.remove((PG.weekly, SKOS.inScheme, None))
        expect = PG.weekly
    elif name == "skos-relations-as-annotation-properties":
        # skos:inScheme back as an annotation property (as it once was), beside its object
        # property declaration.
        g.add((SKOS.inScheme, RDF.type, OWL.AnnotationProperty))
        expect = SKOS.inScheme
    elif name == "org-terms-outside-domain-or-range":
        # A post typed as an organisation only: org:postIn's domain is org:Post.
        post = AGENT["cfo-peer-mentor-coordinator"]
        g.remove((post, RDF.type, URIRef("http://www.w3.org/ns/org#Post")))
        expect = post
    elif name == "personal-data":
        # A pilot site's role noted with a prison number.
        role = SITE["hmp-risley-veteran-peer-mentor"]
        g.add((role, RDFS.comment, Literal("First held by A1234BC.")))
        expect = role
    else:  # a new check: it must come with a defect here
        pytest.fail(f"no defect defined for the QC check {name!r}")
    return g, expect


@pytest.mark.parametrize("name", QC)
def test_qc_check_catches_its_defect(graph, name: str) -> None:
    broken, expect = _defect(graph, name)
    found = _run(broken, name)
    assert any(expect in row for row in found), found


@pytest.mark.parametrize(
    "definition",
    [
        "Recruited as footnote 12 describes.",
        "The supervision R3b asks for.",
        "What element D-a of the definition asks.",
        "A principle of peer mentoring (Buck, 2020).",
        "The roles of the Appendix 2 table.",
    ],
)
def test_an_annotation_naming_the_study_must_cite_a_place(graph, definition: str) -> None:
    broken = copy_graph(graph)
    broken.add((PLANTED.Unsourced, SKOS.definition, Literal(definition)))
    found = _run(broken, "annotations-without-provenance")
    assert {row[0] for row in found} == {PLANTED.Unsourced}, found
    # Citing a place, or a record saying how the annotation is read, grounds it.
    # (Buck's principles are in the section on how the role is explained, which cites Buck.)
    broken.add(
        (PLANTED.Unsourced, URIRef("http://purl.org/dc/terms/source"), SRC["section-how-explained"])
    )
    assert _run(broken, "annotations-without-provenance") == []


def test_an_annotation_not_naming_the_study_needs_no_place(graph) -> None:
    broken = copy_graph(graph)
    broken.add(
        (
            PLANTED.Plain,
            SKOS.definition,
            Literal("A wing, as in R3D2 or X-D-ab, with ‘Table 1’ its first table."),
        )
    )
    assert _run(broken, "annotations-without-provenance") == []


def test_every_fact_of_a_site_with_an_unrecorded_value_is_listed(graph) -> None:
    broken = copy_graph(graph)
    local = SITE["hmp-risley-veteran-peer-mentor"]
    broken.add((local, PG.representsCollectiveInterestsAt, PG["wing-level"]))
    assert (local, PG.representsCollectiveInterestsAt, PG["wing-level"]) in _run(
        broken, "facts-without-provenance"
    )


def test_a_record_naming_another_value_does_not_ground_a_fact(graph) -> None:
    broken = copy_graph(graph)
    broken.add((ROLE["prisoner-council"], PG.representsCollectiveInterestsAt, PG["national-level"]))
    found = _run(broken, "facts-without-provenance")
    assert (
        ROLE["prisoner-council"],
        PG.representsCollectiveInterestsAt,
        PG["national-level"],
    ) in found


def test_an_empty_cell_grounds_nothing(graph) -> None:
    broken = copy_graph(graph)
    # Drop the interpretation record of the Prisoner Council's empty collective cell.
    for record in list(broken.subjects(PG.recordOf, ROLE["prisoner-council"])):
        if (record, PG.recordValue, PG["scope-collective"]) in broken:
            broken.remove((record, None, None))
    found = _run(broken, "facts-without-provenance")
    assert (ROLE["prisoner-council"], PG.hasScope, PG["scope-collective"]) in found


def test_interpretations_carry_a_reason_and_a_source(graph) -> None:
    records = list(graph.subjects(RDF.type, PG.FactRecord))
    assert len(records) > 20
    for record in records:
        kind = graph.value(record, PG.provenanceKind)
        assert kind in {PG.stated, PG.derived, PG.interpretation, PG.external}, record
        # PROV's standard link to the places of the source, so PROV consumers can follow it.
        assert list(graph.objects(record, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))
        assert not list(graph.objects(record, URIRef("http://purl.org/dc/terms/source"))), record
        # A record has an IRI a publisher can cite, not a blank node.
        assert isinstance(record, URIRef), record
        assert record.startswith("https://w3id.org/peergraph/data/record/"), record
        if kind in {PG.interpretation, PG.derived, PG.external}:
            assert graph.value(record, PG.reason), record
        values = list(graph.objects(record, PG.recordValue))
        if values:
            # A value names one fact: it cannot be shared by several properties.
            assert len(list(graph.objects(record, PG.recordProperty))) == 1, record


def test_the_two_empty_cells_are_empty_and_interpreted_apart(graph) -> None:
    for row in ("13", "14"):
        cell = SRC[f"appendix-2-row-{row}-collective"]
        assert graph.value(cell, PG.sourceText) == Literal("")
        assert graph.value(cell, PG.emptyInSource) == Literal(True)
        derived_from = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
        assert any(True for _ in graph.subjects(derived_from, cell))


def test_ontology_header(graph) -> None:
    dct = Namespace("http://purl.org/dc/terms/")
    vann = Namespace("http://purl.org/vocab/vann/")
    onto = URIRef("https://w3id.org/peergraph/ontology")
    for prop in (
        dct.title,
        dct.description,
        dct.creator,
        dct.license,
        dct.bibliographicCitation,
        OWL.versionIRI,
        OWL.versionInfo,
        vann.preferredNamespacePrefix,
    ):
        assert graph.value(onto, prop) is not None, prop


def test_ontology_and_shapes_files_are_hand_formatted_turtle() -> None:
    """Prefixes first; one subject per block: a block of several lines starts at the margin,
    after a blank line or a comment, and its other lines are indented."""
    from peergraph.resources import ontology_dir, shapes_dir

    files = sorted(Path(ontology_dir()).glob("*.ttl")) + sorted(Path(shapes_dir()).glob("*.ttl"))
    assert files
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        significant = [ln for ln in lines if ln and not ln.startswith("#")]
        assert significant[0].startswith("@prefix"), path
        previous = ""
        in_string = False
        for number, line in enumerate(lines, start=1):
            if line.count('"""') % 2:
                in_string = not in_string
            starts_block = (
                not in_string
                and line
                and not line[0].isspace()
                and not line.startswith(("#", "@prefix", ".", "]", ")", '"""'))
            )
            if starts_block and not line.rstrip().endswith("."):
                assert not previous.strip() or previous.lstrip().startswith("#"), (
                    f"{path.name}:{number}: a block starts without a blank line before it"
                )
            previous = line


def test_bnode_records_are_not_counted_as_untyped_individuals(graph) -> None:
    g = copy_graph(graph)
    g.add((BNode(), PG.reason, Literal("x")))
    assert _run(g, "individuals-without-type") == []
