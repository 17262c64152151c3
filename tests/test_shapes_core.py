"""The shapes are written to be read (and turned into forms, docs and "what to record" hints):
each check is a named property shape saying what to record, in core SHACL where core SHACL says
it with the same results in every engine, and SHACL-SPARQL, with the reason, where it does not.

These are structural rules over ``shapes/*.ttl``; what the shapes report on the examples is
tested in test_shapes_examples.py, and that a second engine agrees, in test_shapes_pyrudof.py.
"""

from __future__ import annotations

import re

import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SH, SKOS

from peergraph.resources import shapes_dir
from peergraph.validation import load_shapes_graph

PGSH = Namespace("https://w3id.org/peergraph/shapes#")

# Core constraint components whose results both pyshacl and pyrudof give with the shape's
# sh:message and the same sh:value. For sh:not, sh:node, sh:or, sh:and, sh:xone,
# sh:qualifiedValueShape, sh:equals and sh:disjoint pyrudof reports a message of its own instead
# (and pyshacl adds the results of an sh:node's shape as results of their own), so a check that
# needs them stays SHACL-SPARQL.
PORTABLE = {
    SH.minCount, SH.maxCount, SH.hasValue, SH["in"], SH.datatype, SH["class"], SH.nodeKind,
    SH.pattern, SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive,
    SH.minLength, SH.maxLength,
}  # fmt: skip
NOT_PORTABLE = {
    SH["not"], SH.node, SH["or"], SH["and"], SH.xone, SH.qualifiedValueShape, SH.equals,
    SH.disjoint, SH.lessThan, SH.lessThanOrEquals,
}  # fmt: skip


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes_graph()


def _node_shapes(shapes: Graph) -> set[URIRef]:
    return set(shapes.subjects(RDF.type, SH.NodeShape))  # type: ignore[arg-type]


def _property_shapes(shapes: Graph) -> set[URIRef]:
    held = set(shapes.objects(None, SH.property))
    typed = set(shapes.subjects(RDF.type, SH.PropertyShape))
    return held | typed  # type: ignore[return-value]


def _owner(shapes: Graph, shape: URIRef) -> URIRef:
    owners = list(shapes.subjects(SH.property, shape))
    assert len(owners) == 1, f"{shape} should be held by exactly one node shape: {owners}"
    return owners[0]  # type: ignore[return-value]


def _messages(shapes: Graph, shape: URIRef) -> list[Literal]:
    found = list(shapes.objects(shape, SH.message))
    for constraint in shapes.objects(shape, SH.sparql):
        found += list(shapes.objects(constraint, SH.message))
    return found  # type: ignore[return-value]


def test_every_node_shape_names_its_requirement_and_what_it_is_checked_on(shapes: Graph) -> None:
    for shape in _node_shapes(shapes):
        assert isinstance(shape, URIRef), shape
        assert shapes.value(shape, SKOS.notation) is not None, shape
        assert shapes.value(shape, DCTERMS.source) is not None, shape
        assert shapes.value(shape, RDFS.label) is not None, shape
        assert shapes.value(shape, SH.severity) is not None, shape
        assert shapes.value(shape, SH.targetClass) is not None, shape
        # A node shape checks through its property shapes, or through SPARQL of its own.
        assert (shape, SH.property, None) in shapes or (shape, SH.sparql, None) in shapes, shape


def test_every_property_shape_says_what_to_record(shapes: Graph) -> None:
    properties = _property_shapes(shapes)
    assert len(properties) > 40
    for shape in properties:
        # Results name their source shape: a stable IRI, never a blank node.
        assert isinstance(shape, URIRef), f"a blank-node property shape: {shape}"
        assert (shape, RDF.type, SH.PropertyShape) in shapes, shape
        owner = _owner(shapes, shape)
        assert str(shape).startswith(str(owner) + "-"), f"{shape} is not named after {owner}"
        for predicate in (RDFS.label, SH.path, SH.name, SH.description, SH.group, SH.order):
            assert shapes.value(shape, predicate) is not None, f"{shape} has no {predicate}"
        for predicate in (SH.name, SH.description, RDFS.label):
            value = shapes.value(shape, predicate)
            assert isinstance(value, Literal) and value.language == "en", (shape, predicate)
        # The requirement and its source are the node shape's (peergraph.validation walks up).
        assert shapes.value(shape, SKOS.notation) is None, shape
        assert shapes.value(shape, DCTERMS.source) is None, shape
        # A property shape has a severity of its own: it does not inherit its node shape's.
        assert shapes.value(shape, SH.severity) == shapes.value(owner, SH.severity), shape
        group = shapes.value(shape, SH.group)
        assert (group, RDF.type, SH.PropertyGroup) in shapes, group
        assert shapes.value(group, RDFS.label) is not None, group
        assert shapes.value(group, SH.order) is not None, group


def test_every_message_starts_with_the_requirement_and_is_plain_text(shapes: Graph) -> None:
    node_shapes = _node_shapes(shapes)
    checks = _property_shapes(shapes) | {s for s in node_shapes if (s, SH.sparql, None) in shapes}
    for shape in checks:
        owner = shape if shape in node_shapes else _owner(shapes, shape)
        notation = str(shapes.value(owner, SKOS.notation))
        messages = _messages(shapes, shape)
        assert messages, f"{shape} has no message"
        for message in messages:
            assert message.startswith(f"{notation}: "), message
            # A language tag makes pyrudof report its own message beside the shape's.
            assert isinstance(message, Literal) and message.language is None, message


def test_core_checks_use_only_what_every_engine_reports_alike(shapes: Graph) -> None:
    core = [s for s in _property_shapes(shapes) if (s, SH.sparql, None) not in shapes]
    assert len(core) >= 10
    for shape in core:
        used = {p for p in shapes.predicates(shape, None) if str(p).startswith(str(SH))}
        assert used & PORTABLE, f"{shape} checks nothing in core SHACL"
        assert not used & NOT_PORTABLE, f"{shape} uses {used & NOT_PORTABLE}"
        # Core messages name nodes by {$this} and {$value} only, which the validator fills.
        for message in shapes.objects(shape, SH.message):
            placeholders = set(re.findall(r"\{([$?]\w+)\}", str(message)))
            assert placeholders <= {"$this", "$value"}, (shape, placeholders)
    for shape in _node_shapes(shapes) | _property_shapes(shapes):
        used = set(shapes.predicates(shape, None))
        assert not used & NOT_PORTABLE, f"{shape} uses {used & NOT_PORTABLE}"


def test_every_sparql_constraint_says_why_it_is_not_core(shapes: Graph) -> None:
    constraints = list(shapes.objects(None, SH.sparql))
    assert constraints
    for constraint in constraints:
        assert isinstance(constraint, BNode | URIRef)
        comment = shapes.value(constraint, RDFS.comment)
        assert comment is not None and str(comment).startswith("Not core: "), constraint
        assert shapes.value(constraint, SH.prefixes) == PGSH.prefixes, constraint
        query = str(shapes.value(constraint, SH.select))
        # Every {?var} of the message is a variable the query projects.
        projected = set(re.findall(r"[?$](\w+)", query.split("WHERE", 1)[0]))
        for message in shapes.objects(constraint, SH.message):
            for name in re.findall(r"\{[?$](\w+)\}", str(message)):
                assert name in projected, (constraint, name)
        # No query declares prefixes of its own: pgsh:prefixes does, once.
        assert "PREFIX" not in query.upper().split("SELECT", 1)[0], constraint


def test_the_query_prefixes_are_declared_once() -> None:
    files = sorted(shapes_dir().glob("*.ttl"))
    declaring = [f.name for f in files if "sh:declare" in f.read_text(encoding="utf-8")]
    assert declaring == ["prefixes.ttl"]


def test_every_group_is_used_and_ordered(shapes: Graph) -> None:
    groups = set(shapes.subjects(RDF.type, SH.PropertyGroup))
    used = set(shapes.objects(None, SH.group))
    assert groups == used
    orders = [int(shapes.value(group, SH.order)) for group in groups]  # type: ignore[arg-type]
    assert len(orders) == len(set(orders))
