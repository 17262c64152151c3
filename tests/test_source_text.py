"""The study's text in the graph, character for character.

``tests/source/`` holds transcriptions of the source's text, copied line for line (see its
README): the sections' body text, the definition's elements, the recommendations and the
footnotes. Every graph resource that holds the source's wording (``pg:text``) is compared with
them after the normalisation the graph's convention implies and nothing more: whitespace
collapsed, italics (``*...*`` in the transcription) unmarked, and footnote markers left out
together with any space before them. Each marker left out must instead be a ``pg:footnote`` link
of the resource whose text carried it.

The assertions come from the transcriptions, not from the graph: a character lost or changed in
``data/`` fails here (``test_a_changed_character_is_caught`` shows it for every kind of text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from peergraph.graph import copy_graph, load_reference_graph
from peergraph.pg import AGENT, PG, REF, ROLE, SRC, STUDY

SOURCE = Path(__file__).parent / "source"
DCT = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SCHEMA = Namespace("https://schema.org/")

SUPERSCRIPT_DIGITS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789", strict=True))
MARKER = re.compile(r"\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
LIST_ITEM = re.compile(r"^(?:\d+\.|- [a-z][.)])\s+")

# The headings of sections.txt, as the source prints them, and the graph's section for each.
HEADINGS = {
    "Aims of HMPPS's Creating Future Opportunities programme": "section-aims",
    "The external qualitative study": "section-study",
    "Mapping four CFO wing pilot sites peer involvement delivery models": "section-mapping",
    "Research questions": "section-research-questions",
    "How is the peer mentor role explained as operating?": "section-how-explained",
    "Study findings - Headlines": "section-findings",
    "Distinguishing the peer mentor role in prison – A definition": "section-definition",
    "CFO Commissioning Recommendations": "section-recommendations",
    "Appendix 1: Mapping Peer involvement roles in prison": "appendix-1",
}


# --- the transcriptions -------------------------------------------------------------------------


def normalise(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text as the graph holds it, and its footnote markers as (position in it, number)."""
    text = " ".join(re.sub(r"\*([^*\n]+)\*", r"\1", text).split())
    out: list[str] = []
    markers: list[tuple[int, int]] = []
    last = 0
    for match in MARKER.finditer(text):
        out.append(text[last : match.start()])
        number = int("".join(SUPERSCRIPT_DIGITS[c] for c in match.group(1)))
        markers.append((sum(len(part) for part in out), number))
        last = match.end()
    out.append(text[last:])
    return "".join(out), markers


def plain(text: str) -> str:
    return normalise(text)[0]


def _lines(name: str) -> list[str]:
    return [ln for ln in (SOURCE / name).read_text(encoding="utf-8").splitlines() if ln.strip()]


def sections() -> dict[str, tuple[str, list[str]]]:
    """Section slug -> (heading, body lines without list numbers), from sections.txt."""
    found: dict[str, tuple[str, list[str]]] = {}
    current = None
    for line in _lines("sections.txt"):
        if line in HEADINGS:
            current = HEADINGS[line]
            found[current] = (line, [])
        else:
            assert current is not None, f"sections.txt: text before any heading: {line!r}"
            found[current][1].append(LIST_ITEM.sub("", line))
    return found


def section_text(slug: str) -> str:
    return plain(" ".join(sections()[slug][1]))


def recommendations() -> dict[str, str]:
    """R1 ... R3e -> the recommendation's text (footnote markers included)."""
    found: dict[str, str] = {}
    number = current = None
    for line in _lines("recommendations.txt"):
        numbered = re.match(r"^(\d+)\.\s+(.*)$", line)
        lettered = re.match(r"^- ([a-e])\.\s+(.*)$", line)
        if numbered:
            number = numbered.group(1)
            current = f"R{number}"
            found[current] = numbered.group(2)
        elif lettered:
            current = f"R{number}{lettered.group(1)}"
            found[current] = lettered.group(2)
        else:  # a paragraph continuing the item (R1's "to facilitate ...")
            assert current is not None
            found[current] += " " + line
    return found


def definition() -> dict[str, str]:
    """D-a ... D-c -> the element's text (footnote markers included)."""
    found = {}
    for line in _lines("definition.txt"):
        match = re.match(r"^- ([a-c])\)\s+(.*)$", line)
        assert match, line
        found[f"D-{match.group(1)}"] = match.group(2)
    return found


def footnotes() -> dict[int, str]:
    """Footnote number -> its text (without its number); a line not starting with a number
    continues the footnote before it (footnote 20 runs over two lines)."""
    found: dict[int, str] = {}
    current = None
    for line in _lines("footnotes.txt"):
        match = re.match(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s+(.*)$", line)
        if match:
            current = int("".join(SUPERSCRIPT_DIGITS[c] for c in match.group(1)))
            assert current not in found, current
            found[current] = match.group(2)
        else:
            assert current is not None
            found[current] += " " + line
    return found


# --- the graph ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_reference_graph()  # cached and shared: not to be changed


def _text(graph: Graph, node) -> str | None:
    texts = list(graph.objects(node, PG.text))
    return " ".join(str(texts[0]).split()) if len(texts) == 1 else None


def _footnotes_of(graph: Graph, node) -> set[int]:
    return {int(graph.value(f, PG.position)) for f in graph.objects(node, PG.footnote)}


def _one(graph: Graph, predicate, value) -> URIRef:
    subjects = list(graph.subjects(predicate, value))
    assert len(subjects) == 1, (predicate, value, subjects)
    return subjects[0]


def _compare(graph: Graph, node, source: str, where: str) -> list[str]:
    """What differs between a resource's pg:text (and footnote links) and the source's text."""
    expected, markers = normalise(source)
    problems = []
    text = _text(graph, node)
    if text != expected:
        problems.append(f"{where}: pg:text\n  graph:  {text!r}\n  source: {expected!r}")
    if _footnotes_of(graph, node) != {n for _, n in markers}:
        problems.append(
            f"{where}: footnotes {sorted(_footnotes_of(graph, node))} in the graph, "
            f"markers {sorted(n for _, n in markers)} in the source"
        )
    return problems


def recommendation_problems(graph: Graph, rid: str) -> list[str]:
    node = _one(graph, PG.recommendationId, Literal(rid))
    return _compare(graph, node, recommendations()[rid], rid)


def definition_problems(graph: Graph, notation: str) -> list[str]:
    node = _one(graph, SKOS.notation, Literal(notation))
    return _compare(graph, node, definition()[notation], notation)


def footnote_problems(graph: Graph, number: int) -> list[str]:
    node = SRC[f"footnote-{number}"]
    problems = []
    if graph.value(node, PG.position) != Literal(number):
        problems.append(f"footnote {number}: pg:position")
    expected = plain(footnotes()[number])
    if _text(graph, node) != expected:
        problems.append(f"footnote {number}: {_text(graph, node)!r} != {expected!r}")
    return problems


def _items(graph: Graph, slug: str) -> list[URIRef]:
    """The graph's resources that hold a section's body text, in order."""
    if slug == "section-findings":
        nodes = list(graph.subjects(RDF.type, PG.Finding))
    else:
        nodes = [
            n for n in graph.subjects(DCT.isPartOf, SRC[slug]) if (n, RDF.type, PG.Passage) in graph
        ]
    return sorted(nodes, key=lambda n: int(graph.value(n, PG.position)))


def section_problems(graph: Graph, slug: str) -> list[str]:
    heading, lines = sections()[slug]
    expected, markers = normalise(" ".join(lines))
    problems = []
    if str(graph.value(SRC[slug], RDFS.label)) != heading:
        problems.append(f"{slug}: label {graph.value(SRC[slug], RDFS.label)!r} != {heading!r}")
    items = _items(graph, slug)
    texts = [_text(graph, n) or "" for n in items]
    if [int(graph.value(n, PG.position)) for n in items] != list(range(1, len(items) + 1)):
        problems.append(f"{slug}: positions are not 1 to {len(items)}")
    joined = " ".join(texts)
    if joined != expected:
        problems.append(f"{slug}: body text\n  graph:  {joined!r}\n  source: {expected!r}")
        return problems
    start = 0
    for node, text in zip(items, texts, strict=True):
        end = start + len(text)
        marked = {n for position, n in markers if start < position <= end}
        if _footnotes_of(graph, node) != marked:
            problems.append(f"{node}: footnotes {_footnotes_of(graph, node)} != markers {marked}")
        start = end + 1
    return problems


# --- the text, item by item ---------------------------------------------------------------------


def test_the_transcriptions_hold_what_they_should() -> None:
    assert list(recommendations()) == [
        "R1", "R2", "R2a", "R2b", "R2c", "R2d", "R2e", "R3", "R3a", "R3b", "R3c", "R3d", "R3e"
    ]  # fmt: skip
    assert list(definition()) == ["D-a", "D-b", "D-c"]
    assert sorted(footnotes()) == list(range(1, 22))
    assert list(sections()) == list(HEADINGS.values())


@pytest.mark.parametrize("rid", list(recommendations()))
def test_recommendation_text_is_the_sources(graph: Graph, rid: str) -> None:
    assert recommendation_problems(graph, rid) == []


def test_r1_is_whole(graph: Graph) -> None:
    text = _text(graph, STUDY.R1) or ""
    assert text.endswith(
        "which differ from the issues faced by peer mentors involved in probation provision."
    )
    assert "(HMPPS, 2021, pp 62-68)" in text


def test_advice_clauses_are_parts_of_their_recommendations_text(graph: Graph) -> None:
    advice = {
        str(graph.value(node, PG.recommendationId)): str(text)
        for node, text in graph.subject_objects(PG.adviceText)
    }
    assert set(advice) == {"R2a", "R2b", "R3a"}
    for rid, text in advice.items():
        assert text in plain(recommendations()[rid]), rid


def test_footnote_21_is_the_mutual_aid_groups_observation_note(graph: Graph) -> None:
    note = graph.value(ROLE["mutual-aid-group"], PG.observationNote)
    assert str(note) == plain(footnotes()[21])


@pytest.mark.parametrize("notation", list(definition()))
def test_definition_element_text_is_the_sources(graph: Graph, notation: str) -> None:
    assert definition_problems(graph, notation) == []


def test_element_c_cites_footnote_10s_work(graph: Graph) -> None:
    assert _footnotes_of(graph, PG["D-c"]) == {10}
    assert (PG["D-c"], DCT.references, REF["albertson-forthcoming"]) in graph
    assert graph.value(REF["albertson-forthcoming"], DCT.source) == SRC["footnote-10"]


@pytest.mark.parametrize("number", sorted(footnotes()))
def test_footnote_text_is_the_sources(graph: Graph, number: int) -> None:
    assert footnote_problems(graph, number) == []


def test_the_graph_has_the_sources_21_footnotes_and_each_is_pointed_to(graph: Graph) -> None:
    nodes = set(graph.subjects(RDF.type, PG.Footnote))
    assert nodes == {SRC[f"footnote-{n}"] for n in range(1, 22)}
    for node in nodes:
        assert any(True for _ in graph.subjects(PG.footnote, node)), f"nothing marks {node}"


@pytest.mark.parametrize("slug", list(HEADINGS.values()))
def test_section_body_text_is_the_sources(graph: Graph, slug: str) -> None:
    assert section_problems(graph, slug) == []


def test_every_passage_is_in_a_transcribed_section(graph: Graph) -> None:
    for passage in graph.subjects(RDF.type, PG.Passage):
        assert graph.value(passage, DCT.isPartOf) in {SRC[s] for s in HEADINGS.values()}
        assert graph.value(passage, PG.locator), passage


def _mutated(graph: Graph, node) -> Graph:
    """A copy of the graph with one character of the node's pg:text changed."""
    copy = copy_graph(graph)
    text = str(copy.value(node, PG.text))
    middle = len(text) // 2
    changed = text[:middle] + ("x" if text[middle] != "x" else "y") + text[middle + 1 :]
    copy.set((node, PG.text, Literal(changed)))
    return copy


CHANGED: list[tuple[str, Callable[[Graph], list[str]], URIRef]] = [
    ("R1", lambda g: recommendation_problems(g, "R1"), STUDY.R1),
    ("D-c", lambda g: definition_problems(g, "D-c"), PG["D-c"]),
    ("footnote 12", lambda g: footnote_problems(g, 12), SRC["footnote-12"]),
    ("appendix 1", lambda g: section_problems(g, "appendix-1"), SRC["appendix-1-s3"]),
    ("findings", lambda g: section_problems(g, "section-findings"), STUDY["finding-2"]),
]


@pytest.mark.parametrize(("what", "check", "node"), CHANGED, ids=[c[0] for c in CHANGED])
def test_a_changed_character_is_caught(graph: Graph, what: str, check, node) -> None:
    assert check(graph) == []
    assert check(_mutated(graph, node)) != []


def test_a_lost_footnote_link_is_caught(graph: Graph) -> None:
    copy = copy_graph(graph)
    copy.remove((STUDY.R2b, PG.footnote, None))
    assert recommendation_problems(copy, "R2b") != []
    copy = copy_graph(graph)
    copy.remove((SRC["section-how-explained-s10"], PG.footnote, SRC["footnote-9"]))
    assert section_problems(copy, "section-how-explained") != []


# --- SPARQL: what does footnote 12 say? ---------------------------------------------------------


def test_sparql_answers_what_footnote_12_says() -> None:
    from peergraph.query import KnowledgeGraph

    answer = KnowledgeGraph().query(
        """
        PREFIX pg: <https://w3id.org/peergraph/ontology#>
        SELECT ?text WHERE { ?footnote a pg:Footnote ; pg:position 12 ; pg:text ?text }
        """
    )
    assert [str(row["text"]) for row in answer] == [plain(footnotes()[12])]


# --- research questions, aims, funder, lead, Appendix 1 ----------------------------------------


def test_the_three_research_questions_are_the_sources(graph: Graph) -> None:
    text = section_text("section-research-questions")
    lead = (
        "The research questions, set outside of the integrated CFO site-specific evaluation, are: "
    )
    assert lead in text
    questions = re.split(r"(?<=\?) ", text.split(lead, 1)[1])
    assert len(questions) == 3
    nodes = sorted(
        graph.subjects(RDF.type, PG.ResearchQuestion),
        key=lambda n: int(graph.value(n, PG.position)),
    )
    assert [_text(graph, n) for n in nodes] == questions
    for node in nodes:
        assert graph.value(node, PG.study) == STUDY["cfo-peer-roles-study"]
        note = str(graph.value(node, SKOS.scopeNote))
        assert "set outside of the integrated CFO site-specific evaluation" in note
        assert lead.strip() in _text(graph, graph.value(node, DCT.source))


def test_the_wing_model_and_the_study_have_their_aims_in_the_sources_words(graph: Graph) -> None:
    wing_model = {
        "designed to both complement and advance core HMPPS provision",
        "aiming to provide a sense of collectiveness which will encourage those in custody to "
        "focus efforts towards realising crime free pro-social futures",
    }
    study = {
        "first to evaluate the peer involvement role delivery element in each pilot site",
        "second to provide recommendations for future CFO wing model commissioning",
    }
    for aims, slug in ((wing_model, "section-aims"), (study, "section-study")):
        assert all(aim in section_text(slug) for aim in aims)
    assert {str(a) for a in graph.objects(STUDY["cfo-wing-model"], PG.aim)} == wing_model
    assert {str(a) for a in graph.objects(STUDY["cfo-peer-roles-study"], PG.aim)} == study
    assert graph.value(STUDY["cfo-wing-model"], PROV.wasAttributedTo) == AGENT.cfo


def test_the_european_social_fund_part_funds_cfo(graph: Graph) -> None:
    assert "part funded by the European Social Fund" in section_text("section-aims")
    esf = AGENT["european-social-fund"]
    assert (AGENT.cfo, SCHEMA.funder, esf) in graph
    assert (esf, RDF.type, PROV.Agent) in graph
    assert str(graph.value(esf, RDFS.label)) == "European Social Fund"
    records = [
        r
        for r in graph.subjects(PG.recordOf, AGENT.cfo)
        if (r, PG.recordProperty, SCHEMA.funder) in graph
    ]
    assert [graph.value(r, PROV.wasDerivedFrom) for r in records] == [SRC["section-aims-s1"]]


def test_sheffield_hallam_university_led_the_research_team(graph: Graph) -> None:
    assert "A Sheffield Hallam University-led research team" in section_text("section-study")
    shu = AGENT["sheffield-hallam-university"]
    assert graph.value(STUDY["cfo-peer-roles-study"], PG.ledBy) == shu
    assert str(graph.value(shu, RDFS.label)) == "Sheffield Hallam University"


def test_appendix_1_four_workshops_and_three_criteria(graph: Graph) -> None:
    text = section_text("appendix-1")
    assert (
        "The analysis of the four Prisoner Council peer roles in prison mapping workshops" in text
    )
    assert graph.value(STUDY["cfo-peer-roles-study"], PG.mappingWorkshops) == Literal(4)
    criteria = next(
        p for p in _items(graph, "appendix-1") if "three key criteria" in (_text(graph, p) or "")
    )
    assert "Payment; Levels of confidentiality and responsibility (LC&R); and Role scope" in (
        _text(graph, criteria) or ""
    )
    assert set(graph.objects(criteria, DCT.subject)) == {
        PG.PaymentStatuses,
        PG.LCRLevels,
        PG.RoleScopes,
    }


CLAIMS = [  # about the peer mentor role, section "How is the peer mentor role explained ..."
    "the most recognisable, if not inconsistently categorised, peer support role in criminal "
    "justice",
    "Largely considered an individual level of intervention",
    "defined as being conducted by (ex)offenders with lived experience (Buck, 2020)",
    "Remaining defined as divorced from the communal and democratic principles underpinning the "
    "role, the scope of the potential impact of this role is diminished",
]


@pytest.mark.parametrize("claim", CLAIMS)
def test_the_explanatory_claims_are_passages_about_the_peer_mentor(graph: Graph, claim) -> None:
    assert claim in section_text("section-how-explained")
    passages = [p for p in _items(graph, "section-how-explained") if claim in _text(graph, p)]
    assert len(passages) == 1
    assert (passages[0], DCT.subject, ROLE["peer-mentor"]) in graph


def test_peer_mentoring_is_distinct_grounds_the_not_peer_mentoring_categories(graph) -> None:
    claim = (
        "Our analysis identifies peer mentoring in prison as distinct from the wide array of "
        "other peer involvement role opportunities."
    )
    assert claim in section_text("section-definition")
    passage = next(p for p in _items(graph, "section-definition") if _text(graph, p) == claim)
    records = [
        r
        for r in graph.subjects(PROV.wasDerivedFrom, passage)
        if (r, PG.recordOf, PG.PeerMentoringRole) in graph
    ]
    assert [
        (graph.value(r, PG.recordProperty), graph.value(r, PG.recordValue)) for r in records
    ] == [(OWL.disjointWith, PG.HierarchicalMentoringRole)]


# --- where each work is cited, and by whom it is --------------------------------------------------

# How the source's text names each work it cites (after normalisation).
CITES = {
    REF["buck-2020"]: ("Buck's (2020)", "Buck (2020)", "Buck, 2020"),
    REF["mullen-2017"]: ("Mullen, 2017",),
    REF["holbeche-1996"]: ("Holbeche, 1996",),
    REF["bona-et-al-1995"]: ("Bona et al., 1995",),
    REF["nixon-2019"]: ("Nixon, 2018",),  # the footnote says 2019
    REF["home-office-2023"]: ("Home Office (2023)",),
    REF["mcculloch-2021"]: ("McCulloch, 2021",),
    REF["mullen-klimaitis-2021"]: ("Mullen and Klimaitis, 2021",),
    REF["albertson-forthcoming"]: ("Albertson, forthcoming",),
    REF["hmpps-2021"]: ("HMPPS, 2021",),
    REF["grendon-staff-training"]: ("HMP Grendon",),
    REF["pso-4460"]: ("PSO 4460",),
    REF["psi-16-2015"]: ("16/2015 Safeguarding Adults",),
    REF["psi-17-2015"]: ("PSI 17/2015",),
    REF["psi-03-2016"]: ("PSI 03/2016",),
    REF["psi-06-2016"]: ("PSI 06/2016",),
    REF["equality-act-2010"]: ("Equalities Act (2010)",),
    **{STUDY[f"albertson-2024{x}"]: ("Albertson, 2024a-d",) for x in "abcd"},
}


def _citing_items(graph: Graph) -> dict[URIRef, str]:
    """Every resource holding the source's wording, with that wording."""
    items = {}
    for kind in (PG.Passage, PG.Recommendation, PG.DefinitionElement, PG.Footnote):
        for node in graph.subjects(RDF.type, kind):
            items[node] = _text(graph, node) or ""
    for column in graph.subjects(RDF.type, PG.TableColumn):
        for guidance in graph.objects(column, PG.guidance):
            items[column] = plain(str(guidance))
    return items


def test_the_citation_forms_are_the_sources() -> None:
    everything = " ".join(
        [plain(" ".join(lines)) for _, lines in sections().values()]
        + [plain(t) for t in recommendations().values()]
        + [plain(t) for t in definition().values()]
        + [plain(t) for t in footnotes().values()]
        + (SOURCE / "appendix-2-guidance.tsv").read_text(encoding="utf-8").split("\t")
    )
    for work, forms in CITES.items():
        assert any(form in everything for form in forms), work


def test_each_place_cites_the_works_its_text_names(graph: Graph) -> None:
    """A place cites a work when its text, or a footnote it marks, names the work; a footnote
    that is nothing but the work's reference (its text is the work's citation) does not cite it,
    one that says something of the work (footnotes 17 and 20) does."""
    for node, text in _citing_items(graph).items():
        marked = [_text(graph, f) or "" for f in graph.objects(node, PG.footnote)]
        expected = {
            work
            for work, forms in CITES.items()
            if any(form in t for form in forms for t in [text, *marked])
            and str(graph.value(work, DCT.bibliographicCitation)) != text
        }
        assert set(graph.objects(node, DCT.references)) == expected, node


def test_every_work_the_guidance_cites_is_cited_somewhere(graph: Graph) -> None:
    works = set(graph.objects(STUDY["albertson-2024e"], DCT.references))
    assert works == set(CITES)
    citing = _citing_items(graph)
    for work in works:
        assert any(node in citing for node in graph.subjects(DCT.references, work)), work


def test_nixon_is_recorded_as_printed_in_both_places(graph: Graph) -> None:
    nixon = REF["nixon-2019"]
    cited_in = [
        n for n in graph.subjects(DCT.references, nixon) if (n, RDF.type, PG.Passage) in graph
    ]
    assert [graph.value(n, DCT.isPartOf) for n in cited_in] == [SRC["section-research-questions"]]
    assert "Nixon, 2018" in _text(graph, cited_in[0])
    assert "Nixon, S. (2019)" in _text(graph, SRC["footnote-6"])
    note = str(graph.value(nixon, SKOS.note))
    assert "Nixon, 2018" in note and "2019" in note


def test_citations_are_the_footnotes_words(graph: Graph) -> None:
    for work in set(graph.objects(STUDY["albertson-2024e"], DCT.references)):
        citation = graph.value(work, DCT.bibliographicCitation)
        notes = [s for s in graph.objects(work, DCT.source) if (s, RDF.type, PG.Footnote) in graph]
        assert citation is not None and len(notes) == 1, work
        for part in str(citation).split(" ... "):
            assert part.rstrip(".") in (_text(graph, notes[0]) or ""), (work, part)


def test_the_creators_of_the_works_are_agents(graph: Graph) -> None:
    kinds = (PG.Publication, PG.StudyOutput, PG.PolicyDocument)
    for work in {w for kind in kinds for w in graph.subjects(RDF.type, kind)}:
        citation = str(graph.value(work, DCT.bibliographicCitation))
        for creator in graph.objects(work, DCT.creator):
            assert isinstance(creator, URIRef), (work, creator)
            assert (creator, RDF.type, PROV.Agent) in graph, creator
            names = [*graph.objects(creator, RDFS.label), *graph.objects(creator, SKOS.altLabel)]
            assert any(str(n).split(",")[0] in citation for n in names), (work, creator)
    assert set(graph.objects(REF["bona-et-al-1995"], DCT.creator)) == {
        AGENT["bona-m-j"],
        AGENT["rinehart-j"],
        AGENT["volbrecht-r-m"],
    }
