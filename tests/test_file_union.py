"""The input's files as one graph without a copy (validation/file_union.py): the same triples,
answers and length as the merged graph, a triple written twice given once, and read-only."""

from __future__ import annotations

import itertools

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef

from peergraph.validation.file_union import FileUnion, union_graph

EX = Namespace("http://example.org/")


def _files() -> list[Graph]:
    blank = BNode()
    first, second, third = Graph(), Graph(), Graph()
    first.bind("ex", EX)
    first.add((EX.prison, EX.hostsWing, EX.wing))
    first.add((EX.wing, EX.label, Literal("Wing A")))
    first.add((EX.prison, EX.note, blank))
    first.add((blank, EX.label, Literal("a note")))
    # The wing is described in two files, one triple in both.
    second.add((EX.wing, EX.label, Literal("Wing A")))
    second.add((EX.wing, EX.offersRole, EX.role))
    second.add((EX.role, EX.label, Literal("Mentor")))
    third.add((EX.other, EX.hostsWing, EX.wing))
    return [first, second, third]


def _merged(files: list[Graph]) -> Graph:
    merged = Graph()
    for graph in files:
        merged += graph
    return merged


def test_the_union_answers_every_pattern_as_the_merged_graph_does() -> None:
    files = _files()
    union, merged = Graph(store=FileUnion(files)), _merged(files)
    assert len(union) == len(merged) == 7
    assert set(union) == set(merged)
    terms = {t for triple in merged for t in triple} | {None, URIRef("http://example.org/none")}
    for pattern in itertools.product(terms, repeat=3):
        if sum(t is not None for t in pattern) > 2:
            continue
        found = list(union.triples(pattern))  # type: ignore[arg-type]
        assert len(found) == len(set(found)), pattern  # nothing given twice
        assert set(found) == set(merged.triples(pattern)), pattern  # type: ignore[arg-type]


def test_lookups_and_prefixes_read_through() -> None:
    union = union_graph(_files())
    assert union.value(EX.wing, EX.offersRole) == EX.role
    assert set(union.subjects(EX.hostsWing, EX.wing)) == {EX.prison, EX.other}
    assert (EX.role, EX.label, Literal("Mentor")) in union
    assert dict(union.namespaces())["ex"] == URIRef(str(EX))


def test_one_file_is_its_own_graph() -> None:
    only = _files()[0]
    assert union_graph([only]) is only


def test_the_union_cannot_be_written() -> None:
    union = union_graph(_files())
    with pytest.raises(TypeError, match="read-only"):
        union.add((EX.a, EX.b, EX.c))
    with pytest.raises(TypeError, match="read-only"):
        union.remove((EX.prison, None, None))
