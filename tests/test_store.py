"""peergraph.query.engines: one interface over pyoxigraph and rdflib, with the same results."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from peergraph.errors import InputError
from peergraph.query.engines import DEFAULT_ENGINE, ENGINES, normalise_term, open_store

EX = "http://example.org/"
# Not rdflib.namespace.XSD: pytest's collection pokes at module attributes, which it warns about.
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
DATA = f"""
@prefix ex: <{EX}> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:label "plain" , "typed"^^xsd:string , "tagged"@en ;
     ex:n 1.50 , 7 ;
     ex:flag true ;
     ex:next ex:b , [ ex:label "anonymous" ] .
ex:b ex:next ex:c .
"""


def graph() -> Graph:
    return Graph().parse(data=DATA, format="turtle")


@pytest.fixture(params=ENGINES)
def store(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    s = open_store(request.param)
    s.add_graph(graph())
    return s


def test_the_default_engine_is_oxigraph() -> None:
    assert DEFAULT_ENGINE == "oxigraph"
    assert open_store().engine == "oxigraph"


def test_the_environment_can_choose_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERGRAPH_ENGINE", "rdflib")
    assert open_store().engine == "rdflib"
    assert open_store("oxigraph").engine == "oxigraph"  # an explicit choice wins


def test_an_unknown_engine() -> None:
    with pytest.raises(InputError, match="unknown SPARQL engine"):
        open_store("virtuoso")


def test_len_counts_triples(store) -> None:  # type: ignore[no-untyped-def]
    assert len(store) == len(graph()) == 10


def test_literals_come_back_the_same_on_both_engines(store) -> None:  # type: ignore[no-untyped-def]
    outcome = store.query(f"SELECT ?l WHERE {{ <{EX}a> <{EX}label> ?l }}")
    assert outcome.kind == "select" and outcome.vars == ("l",)
    # "typed"^^xsd:string is the plain literal "typed" (RDF 1.1): no engine's spelling leaks out.
    assert {row[0] for row in outcome.rows} == {
        Literal("plain"),
        Literal("typed"),
        Literal("tagged", lang="en"),
    }
    for (term,) in outcome.rows:
        assert term.datatype is None


def test_numbers_and_booleans(store) -> None:  # type: ignore[no-untyped-def]
    outcome = store.query(f"SELECT ?n WHERE {{ <{EX}a> <{EX}n> ?n }} ORDER BY ?n")
    # Compared by value: pyoxigraph writes 1.50 as "1.5", rdflib keeps "1.50".
    assert [(row[0].datatype, row[0].toPython()) for row in outcome.rows] == [
        (XSD_DECIMAL, Decimal("1.5")),
        (XSD_INTEGER, 7),
    ]
    assert store.query(f"ASK {{ <{EX}a> <{EX}flag> true }}").boolean is True


def test_bindings_are_rdf_terms(store) -> None:  # type: ignore[no-untyped-def]
    text = f"SELECT ?s ?o WHERE {{ ?s <{EX}next> ?o }}"
    outcome = store.query(text, {"s": URIRef(EX + "b")})
    assert outcome.rows == [(URIRef(EX + "b"), URIRef(EX + "c"))]
    # A literal binding that looks like SPARQL is only ever a literal.
    outcome = store.query(text, {"s": Literal(f"<{EX}b> . ?x ?y ?z")})
    assert outcome.rows == []


def test_unbound_variables_are_none(store) -> None:  # type: ignore[no-untyped-def]
    outcome = store.query(
        f"SELECT ?s ?l WHERE {{ ?s <{EX}next> ?o OPTIONAL {{ ?s <{EX}nothing> ?l }} }}"
    )
    assert {row[1] for row in outcome.rows} == {None}


def test_blank_nodes(store) -> None:  # type: ignore[no-untyped-def]
    outcome = store.query(f'SELECT ?o WHERE {{ ?o <{EX}label> "anonymous" }}')
    assert len(outcome.rows) == 1 and isinstance(outcome.rows[0][0], BNode)


def test_construct_gives_a_graph(store) -> None:  # type: ignore[no-untyped-def]
    outcome = store.query(f"CONSTRUCT {{ ?o <{EX}prev> ?s }} WHERE {{ ?s <{EX}next> ?o }}")
    assert outcome.kind == "graph" and outcome.graph is not None
    assert (URIRef(EX + "c"), URIRef(EX + "prev"), URIRef(EX + "b")) in outcome.graph


def test_update_and_serialize(store) -> None:  # type: ignore[no-untyped-def]
    store.update(f"INSERT DATA {{ <{EX}c> <{EX}next> <{EX}d> }}")
    assert len(store) == 11
    again = Graph().parse(data=store.serialize("nt"), format="nt")
    assert (URIRef(EX + "c"), URIRef(EX + "next"), URIRef(EX + "d")) in again
    assert len(Graph().parse(data=store.serialize("turtle"), format="turtle")) == 11


def test_a_bad_query_is_an_input_error(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="could not be run"):
        store.query("SELECT ?x WHERE { ?x }")
    with pytest.raises(InputError, match="update could not be run"):
        store.update("INSERT DATA { ?x }")


def test_load_file_with_the_engines_parser(tmp_path: Path) -> None:
    path = tmp_path / "data.ttl"
    path.write_text(DATA, encoding="utf-8")
    for engine in ENGINES:
        store = open_store(engine)
        store.load_file(path)
        assert len(store) == 10, engine
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    for engine in ENGINES:
        with pytest.raises(InputError):
            open_store(engine).load_file(bad)


def test_normalise_term() -> None:
    assert normalise_term(Literal("x", datatype=XSD_STRING)) == Literal("x")
    assert normalise_term(Literal("x", lang="en")) == Literal("x", lang="en")
    assert normalise_term(None) is None
