"""A closed vocabulary: a site graph's misspelt class, property, value or namespace is a
data-quality Violation at its file and line, naming the term meant; the same things described
twice by two files are an input error naming both.

The typo corpus is ``data/examples/invalid/dq-typo-*.ru``: each deletes a triple of the valid
template and inserts it again with one term misspelt, so the patch itself says which term was
meant (the deleted one) and which was written (the inserted one).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import astuple
from pathlib import Path

import example_sites
import pytest
from conftest import CliResult
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS
from rdflib.plugins.sparql.algebra import translateUpdate
from rdflib.plugins.sparql.parser import parseUpdate

from peergraph.graph import load_reference_graph
from peergraph.rdfio import parse_file
from peergraph.terms import label, short_form
from peergraph.validation import load_shapes_graph, validate
from peergraph.validation.vocabulary import local_name, nearest_term

PG = Namespace("https://w3id.org/peergraph/ontology#")
EX = Namespace("https://example.org/peergraph/hmp-example/")
TEMPLATE = example_sites.TEMPLATE
Run = Callable[..., CliResult]
TYPOS = [name for name in example_sites.names() if name.startswith("dq-typo-")]


def _terms(triples: list[tuple[object, object, object]]) -> set[URIRef]:
    return {t for triple in triples for t in triple if isinstance(t, URIRef)}


def _written_and_meant(name: str) -> tuple[URIRef, URIRef | None]:
    """The misspelt term the patch inserts, and the template's term it deletes (if any)."""
    deleted: list[tuple[object, object, object]] = []
    inserted: list[tuple[object, object, object]] = []
    for operation in translateUpdate(parseUpdate(example_sites.patch_text(name))).algebra:
        (deleted if operation.name == "DeleteData" else inserted).extend(operation.triples)
    # Written: what neither the template nor peergraph's own data knows.
    known = _terms(list(example_sites.template())) | _terms(list(load_reference_graph()))
    written = _terms(inserted) - _terms(deleted) - known
    meant = _terms(deleted) - _terms(inserted)
    assert len(written) == 1, (name, written)
    assert len(meant) <= 1, (name, meant)
    return next(iter(written)), next(iter(meant), None)


def test_the_corpus_has_a_typo_of_each_kind_in_each_block() -> None:
    kinds = {name.rsplit("-", 1)[1] for name in TYPOS}
    assert {"class", "property", "concept", "namespace"} <= kinds
    blocks = {name.removeprefix("dq-typo-").rsplit("-", 1)[0] for name in TYPOS}
    assert {
        "prison", "sponsor", "wing", "role", "training", "supervision", "partnership", "forum",
        "journey-map", "progression-information",
    } <= blocks  # fmt: skip
    for name in TYPOS:
        assert ("DQ", "Violation") in example_sites.expected(name), name


@pytest.mark.parametrize("name", TYPOS)
def test_a_typo_is_bad_input_at_its_line_naming_the_term_meant(
    name: str, invalid_examples_dir: Path, run_cli: Run
) -> None:
    path = invalid_examples_dir / f"{name}.ttl"
    written, meant = _written_and_meant(name)
    code, out, err = astuple(run_cli("validate", str(path)))
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    found = re.match(rf"peergraph: (.+?{re.escape(path.name)}):(\d+): DQ: ", err)
    assert found, err
    line = path.read_text(encoding="utf-8").splitlines()[int(found[2]) - 1]
    assert local_name(str(written)) in line, (line, err)
    if meant is not None:
        # "did you mean pg:x?" for a misspelling; "write pg:x" for a namespace almost peergraph's.
        assert re.search(rf"(did you mean|write) {re.escape(short_form(meant))}\b", err), err


def test_a_typo_is_listed_with_the_other_results_when_lenient(
    invalid_examples_dir: Path, run_cli: Run
) -> None:
    path = invalid_examples_dir / "dq-typo-sponsor-property.ttl"
    code, out, err = astuple(run_cli("validate", "--lenient", str(path)))
    assert code == 1 and err == ""
    assert "pg:governorlevel" in out and "did you mean pg:governorLevel?" in out
    # Read as written, the sponsor's Governor level is not recorded: R2a is not evidenced.
    assert "R2a" in out


def test_the_lcr_level_the_continuum_lacks_gets_the_nearest_level(
    invalid_examples_dir: Path,
) -> None:
    report = validate(invalid_examples_dir / "dq-typo-role-lcr-level.ttl")
    (result,) = report.results
    # Appendix 2's levels are Low, Medium and High (the ontology's pg:LCRLevel members).
    levels = set(load_reference_graph().subjects(RDF.type, PG.LCRLevel))
    suggested = re.search(r"did you mean (pg:[\w-]+)\?", result.message)
    assert suggested and suggested[1] in {short_form(level) for level in levels}
    assert suggested[1] == "pg:lcr-high"


# --- namespaces almost peergraph's ----------------------------------------------------------------


def _with_estate_written_as(iri: str) -> Graph:
    graph = parse_file(TEMPLATE)
    graph.remove((EX.prison, PG.estate, None))
    graph.add((EX.prison, URIRef(iri), PG["male-estate"]))
    return graph


@pytest.mark.parametrize(
    "iri",
    [
        "http://w3id.org/peergraph/ontology#estate",
        "https://w3id.org/peergraph/ontology/estate",
        "https://w3id.org/peergraph/ontologyestate",
        "https://w3id.org/Peergraph/ontology#estate",
        "https://www.w3id.org/peergraph/ontology#estate",
    ],
)
def test_a_namespace_almost_peergraphs_is_named_with_the_iri_meant(iri: str) -> None:
    (result,) = validate(_with_estate_written_as(iri)).results
    assert (result.requirement, result.severity) == ("DQ", "Violation")
    assert f"<{iri}>" in result.message and "write pg:estate" in result.message


def test_a_misspelling_in_a_namespace_almost_peergraphs_gets_the_nearest_term() -> None:
    (result,) = validate(
        _with_estate_written_as("http://w3id.org/peergraph/ontology#estat")
    ).results
    assert "not one of its terms either" in result.message
    assert "did you mean pg:estate?" in result.message


def test_pg_bound_to_http_is_bad_input_at_the_prefix_line(tmp_path: Path, run_cli: Run) -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    wrong = text.replace(
        "<https://w3id.org/peergraph/ontology#>", "<http://w3id.org/peergraph/ontology#>"
    )
    path = tmp_path / "http.ttl"
    path.write_text(wrong, encoding="utf-8")
    code, out, err = astuple(run_cli("validate", str(path)))
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    line = int(err.split("http.ttl:", 1)[1].split(":", 1)[0])
    assert wrong.splitlines()[line - 1].startswith("@prefix pg:")
    assert "did you mean pg:Prison?" in err and "https://w3id.org/peergraph/ontology#" in err


def test_a_misspelt_prison_class_is_bad_input_at_its_line(tmp_path: Path, run_cli: Run) -> None:
    text = TEMPLATE.read_text(encoding="utf-8").replace("a pg:Prison ;", "a pg:Prisn ;")
    path = tmp_path / "prisn.ttl"
    path.write_text(text, encoding="utf-8")
    code, _out, err = astuple(run_cli("validate", str(path)))
    assert code == 2 and len(err.splitlines()) == 1
    line = int(err.split("prisn.ttl:", 1)[1].split(":", 1)[0])
    assert "pg:Prisn" in text.splitlines()[line - 1]
    assert "no site found" in err and "did you mean pg:Prison?" in err


# --- the same things described in two files -------------------------------------------------


def test_two_copies_of_the_template_are_an_input_error_naming_both(
    tmp_path: Path, run_cli: Run
) -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    first, second = tmp_path / "a" / "site.ttl", tmp_path / "b" / "site.ttl"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    report = tmp_path / "report.txt"
    code, out, err = astuple(run_cli("validate", str(first), str(second), "-o", str(report)))
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert str(first) in err and str(second) in err and "HMP Example" in err
    assert not report.exists()
    # The error is located in the second file, at the prison it describes again.
    line = int(err.split(f"{second}:", 1)[1].split(":", 1)[0])
    assert "ex:prison" in text.splitlines()[line - 1]


# --- the known terms are the ontology's and the data's ------------------------------------------


def test_the_reference_data_uses_only_declared_peergraph_terms() -> None:
    reference = load_reference_graph()
    role = "https://w3id.org/peergraph/data/role/"
    used = {
        term
        for triple in reference
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith((str(PG), role))
    }
    undeclared = {term for term in used if (term, RDF.type, None) not in reference}
    assert undeclared == set()


def test_the_known_value_lists_are_the_ontologys_concepts() -> None:
    # The known-values check lists the members of each concept class the ontology uses as a
    # range (its message names them); the lists must be the ontology's, whole.
    reference = load_reference_graph()
    query = next(
        str(q)
        for q in load_shapes_graph().objects(None, URIRef("http://www.w3.org/ns/shacl#select"))
        if "?known" in str(q)
    )
    pairs = re.findall(r'BIND \(pg:(\w+) AS \?range\) BIND \("([^"]+)" AS \?known\)', query)
    listed = {PG[name]: set(known.split(", ")) for name, known in pairs}
    concept_ranges = {
        cls
        for cls in reference.subjects(RDFS.subClassOf, SKOS.Concept)
        if (None, RDFS.range, cls) in reference
    }
    assert set(listed) == concept_ranges
    for cls, known in listed.items():
        members = {short_form(m) for m in reference.subjects(RDF.type, cls)}
        assert known == members, cls


def test_the_nearest_term_is_found_by_spelling_among_terms_of_its_kind() -> None:
    graph = Graph() + load_reference_graph()
    graph.add((EX.training, PG.externalyAccredited, Literal(True)))
    graph.add((EX.training, RDF.type, PG.TrainingProgram))
    graph.add((EX.training, PG.zzqxw, Literal(True)))
    assert nearest_term(graph, PG.externalyAccredited) == PG.externallyAccredited
    assert nearest_term(graph, PG.TrainingProgram) == PG.TrainingProgramme
    assert nearest_term(graph, PG.zzqxw) is None  # nothing close: no guess
    assert nearest_term(graph, PG.externallyAccredited) is None  # known: nothing to correct


def test_a_property_on_the_wrong_kind_of_thing_names_what_it_describes(
    invalid_examples_dir: Path,
) -> None:
    report = validate(invalid_examples_dir / "dq-property-on-wrong-thing.ttl")
    (result,) = [r for r in report.results if r.requirement == "DQ"]
    forum = label(load_reference_graph(), PG.PeerRoleForum)  # pg:meetingFrequency's rdfs:domain
    assert "pg:meetingFrequency" in result.message and f"describes a {forum}" in result.message


def test_a_value_of_the_wrong_kind_names_the_kind_the_property_takes(
    invalid_examples_dir: Path, run_cli: Run
) -> None:
    path = invalid_examples_dir / "dq-value-of-wrong-kind.ttl"
    provider = label(load_reference_graph(), PG.Provider)  # pg:supervisedBy's rdfs:range
    code, _out, err = astuple(run_cli("validate", str(path)))
    assert code == 2 and f"takes a {provider}" in err
    # Its line is the one that gives pg:supervisedBy the capacity, not another with the value.
    line = int(err.split(f"{path.name}:", 1)[1].split(":", 1)[0])
    assert "pg:supervisedBy pg:cfo-prime-provider" in path.read_text().splitlines()[line - 1]


def test_the_valid_template_and_the_pilots_use_the_vocabulary_as_defined() -> None:
    for source in (TEMPLATE, TEMPLATE.parent.parent.parent / "sites"):
        report = validate(source)
        assert [r for r in report.results if r.requirement == "DQ"] == [], source
