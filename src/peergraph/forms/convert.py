"""A filled form to a site graph, and a site graph to a form, as the schema says.

Reading: each row of a block is one thing (an IRI in the form's namespace, from its ID, or a
blank node ``_:name``); each field adds what its path says, with the value read as its kind
says (a boolean from Yes or No, a thing from a row's ID or name or a choice's slug or label...).
Anything that does not read is an ``InputError`` naming the file, the place and what was
expected; nothing is guessed.

Writing: every triple of the graph that a field of the form can hold goes there; the rest goes
to the statements block, as Turtle terms, so that reading the form back gives the same graph
(``rdflib.compare.isomorphic``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from peergraph.errors import InputError
from peergraph.forms.model import FormData, Place, Row, form_error
from peergraph.forms.schema import Block, Field, FormSchema, article, normalise, slugify
from peergraph.pg import PG
from peergraph.terms import IRI_OK, expand, nearest, short_form
from peergraph.vocab import NAMESPACES

__all__ = [
    "blank_form",
    "form_namespace",
    "form_to_graph",
    "graph_to_form",
    "is_namespace",
    "new_namespace",
]

Triple = tuple[Node, Node, Node]

_LOCAL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]*$")
_PREFIXED = re.compile(r"^(?P<prefix>[A-Za-z][A-Za-z0-9_.-]*)?:(?P<local>[^\s<>\"{}|^`\\]*)$")
_BLANK = re.compile(r"^_:(?P<label>[A-Za-z0-9_][A-Za-z0-9_.-]*)$")
_NUMBER = re.compile(r"^[+-]?(\d+|\d*\.\d+|(\d+\.\d*|\.?\d+)[eE][+-]?\d+)$")
_STRING = re.compile(
    r'^(?:"(?:[^"\\\n]|\\.)*"|"""(?:[^"\\]|\\.|"(?!""))*""")'
    r"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^(?:<[^>\s]*>|[A-Za-z][A-Za-z0-9_.-]*:[^\s]*))?$",
    re.S,
)
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}
_HINT_SHOWN = 8  # choices named in a hint (more would swamp the one-line message)


def is_namespace(text: str) -> bool:
    """Whether ``text`` can be a site's namespace: an absolute IRI ending in / or #."""
    absolute = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text) is not None and (
        "://" in text or text.startswith("urn:")
    )
    return absolute and IRI_OK.match(text) is not None and text.endswith(("/", "#"))


def new_namespace(name: str, schema: FormSchema) -> str:
    """The namespace a new site called ``name`` gets (``pgsh:namespaceTemplate``)."""
    slug = slugify(name)
    if not slug:
        raise InputError(
            f"the site name {name!r} has no letter or digit to make a namespace from",
            hint="give the prison's name, for example --name 'HMP Anytown'",
        )
    return schema.namespace_template.replace("{slug}", slug)


def blank_form(name: str, namespace: str, schema: FormSchema) -> FormData:
    """A new site's form: its namespace, and its prison named."""
    form = FormData(namespace=namespace)
    for block in schema.row_blocks:
        labels = block.label_field
        if schema.is_a(block.types, PG.Prison) and labels is not None:
            form.rows.append(Row(block=block.key, place=Place(""), values={labels.key: [name]}))
            break
    return form


def form_namespace(graph: Graph, schema: FormSchema) -> str:
    """The namespace a site graph's form gets: its prison's (the IRI up to its last / or #)."""
    prisons = sorted(
        s
        for s, t in graph.subject_objects(RDF.type)
        if isinstance(s, URIRef) and isinstance(t, URIRef) and schema.is_a([t], PG.Prison)
    )
    if not prisons:
        raise InputError(
            "no site found: nothing here is a pg:Prison",
            hint="describe the prison as `a pg:Prison` (see data/examples/valid/hmp-example.ttl)",
        )
    iri = str(prisons[0])
    cut = max(iri.rfind("/"), iri.rfind("#"))
    return iri[: cut + 1] if cut > iri.find("//") + 1 else iri


def _namespace_manager(namespace: str) -> NamespaceManager:
    """The project's prefixes, and the form's namespace as the empty prefix."""
    manager = NamespaceManager(Graph(bind_namespaces="none"), bind_namespaces="none")
    for prefix, iri in NAMESPACES.items():
        manager.bind(prefix, iri, override=True, replace=True)
    if namespace not in NAMESPACES.values():
        manager.bind("", namespace, override=True, replace=True)
    return manager


def _bind(graph: Graph, namespace: str) -> Graph:
    from peergraph.graph import bind_namespaces

    bind_namespaces(graph)
    if namespace not in NAMESPACES.values():
        segment = slugify(namespace.rstrip("/#").rsplit("/", 1)[-1])
        prefix = segment if segment[:1].isalpha() and segment not in NAMESPACES else "local"
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


# ---------------------------------------------------------------------------------------------
# Reading a form


@dataclass
class _Thing:
    """A row's thing, for references: its node, types, and how it may be named."""

    node: Node
    types: frozenset[URIRef]
    block: Block
    id_text: str
    label: str | None


def form_to_graph(form: FormData, schema: FormSchema, path: str | os.PathLike[str]) -> Graph:
    """The site graph a filled form describes (raises ``InputError`` at the first problem)."""
    return _Reader(form, schema, path).read()


class _Reader:
    def __init__(self, form: FormData, schema: FormSchema, path: str | os.PathLike[str]) -> None:
        self.form = form
        self.schema = schema
        self.path = path
        self.graph = Graph()
        self.blank_nodes: dict[str, BNode] = {}
        self.things: dict[int, _Thing] = {}  # id(row) -> its thing
        self.used: set[Node] = set()

    def fail(self, place: Place | None, message: str, hint: str) -> InputError:
        return form_error(self.path, place, message, hint)

    def read(self) -> Graph:
        self.namespace = self._namespace()
        self.names = _namespace_manager(self.namespace)
        rows = [r for r in self.form.rows if not self.schema.block(r.block).holds_statements]
        for row in rows:
            if row.id is not None:
                self._identify(row, self._id_term(row.id, row.id_place or row.place))
        for row in rows:
            if row.id is None:
                self._identify(row, self._mint(row))
        for row in rows:
            self._row(row)
        statements = self.schema.statement_block
        if statements is not None:
            for row in self.form.rows_of(statements.key):
                self._statement(statements, row)
        return _bind(self.graph, self.namespace)

    # -- the namespace and the things' names ----------------------------------------------------

    def _namespace(self) -> str:
        place = self.form.namespace_place
        text = (self.form.namespace or "").strip()
        if not text:
            name = next(
                (
                    r.values[b.label_field.key][0]
                    for r in self.form.rows
                    for b in [self.schema.block(r.block)]
                    if b.label_field is not None
                    and self.schema.is_a(b.types, PG.Prison)
                    and r.values.get(b.label_field.key)
                ),
                None,
            )
            if name is None:
                raise self.fail(
                    place,
                    f"the form gives no {self.schema.namespace_name} and no prison name to make "
                    "one from",
                    hint=f"give the {self.schema.namespace_name}: "
                    + self.schema.namespace_description,
                )
            return new_namespace(name, self.schema)
        if not is_namespace(text):
            raise self.fail(
                place,
                f"{self.schema.namespace_name} {text!r} is not an IRI ending in / or #",
                hint="give the site's own namespace, for example https://example.org/hmp-anytown/",
            )
        return text

    def _id_term(self, text: str, place: Place) -> Node:
        value = text.strip()
        if blank := _BLANK.match(value):
            return self.blank_nodes.setdefault(blank["label"], BNode())
        if value.startswith(":") and _LOCAL_ID.match(value[1:]):
            return URIRef(self.namespace + value[1:])
        if ":" in value or value.startswith("<"):
            try:
                return expand(value, self.schema.id_name)
            except InputError as err:
                raise self.fail(place, err.message, err.hint) from None
        if not _LOCAL_ID.match(value) or not IRI_OK.match(self.namespace + value):
            suggestion = slugify(value) or "horizon-wing"
            raise self.fail(
                place,
                f"{self.schema.id_name} {value!r} is not a short name of letters, digits and "
                "hyphens",
                hint=f"write it as {suggestion!r}, or leave it blank to have one made",
            )
        return URIRef(self.namespace + value)

    def _mint(self, row: Row) -> Node:
        block = self.schema.block(row.block)
        labels = block.label_field
        label = row.values.get(labels.key, [None])[0] if labels else None
        base = slugify(label) if label else ""
        base = base or block.key
        candidate, n = base, 2
        while URIRef(self.namespace + candidate) in self.used:
            candidate, n = f"{base}-{n}", n + 1
        return URIRef(self.namespace + candidate)

    def _identify(self, row: Row, node: Node) -> None:
        block = self.schema.block(row.block)
        if node in self.used:
            first = next(t for t in self.things.values() if t.node == node)
            raise self.fail(
                row.id_place or row.place,
                f"{self.schema.id_name} {row.id!r} is also the {self.schema.id_name} of a row on "
                f"the {first.block.sheet} sheet",
                hint="give every row its own ID",
            )
        self.used.add(node)
        types = self._types(block, row)
        labels = block.label_field
        label = row.values.get(labels.key, [None])[0] if labels else None
        id_text = row.id.strip() if row.id is not None else _id_text(node, self.namespace, {})
        self.things[id(row)] = _Thing(node, types, block, id_text, label)

    def _types(self, block: Block, row: Row) -> frozenset[URIRef]:
        kind = block.kind_field
        if kind is None:
            return frozenset({block.node_class})
        values = row.values.get(kind.key, [])
        self._count(kind, row, values)
        if not values:
            return frozenset({kind.default or block.node_class})
        return frozenset(self._choice(kind, row, v) for v in values)

    # -- one row -------------------------------------------------------------------------------

    def _row(self, row: Row) -> None:
        block = self.schema.block(row.block)
        thing = self.things[id(row)]
        node = thing.node
        for cls in sorted(thing.types):
            self.graph.add((node, RDF.type, cls))
        owned: dict[str, Node] = {}
        for f in block.fields:
            if f.kind == "owned":
                values = row.values.get(f.key, [])
                self._count(f, row, values)
                dependents = [d for d in block.fields if d.owner == f.key and row.values.get(d.key)]
                if values:
                    target = self._id_term(values[0], row.place_of(f.key))
                elif dependents:
                    target = self._mint_owned(node, f)
                else:
                    continue
                if target in self.used:
                    raise self.fail(
                        row.place_of(f.key),
                        f"{values[0]!r} is already the {self.schema.id_name} of something else",
                        hint=f"give the {f.header} an ID of its own, or leave it blank",
                    )
                self.used.add(target)
                owned[f.key] = target
                self.graph.add((node, f.step.predicate, target))
                assert f.node_class is not None
                self.graph.add((target, RDF.type, f.node_class))
        for f in block.fields:
            if f.kind in ("owned", "kind"):
                continue
            values = row.values.get(f.key, [])
            self._count(f, row, values)
            if not values:
                continue
            # An owned thing exists whenever a field describing it has a value (see above).
            subject = owned[f.owner] if f.owner is not None else node
            for value in values:
                term = self._value(f, row, value)
                if f.step.inverse:
                    self.graph.add((term, f.step.predicate, subject))
                else:
                    self.graph.add((subject, f.step.predicate, term))

    def _mint_owned(self, node: Node, f: Field) -> Node:
        if isinstance(node, URIRef):
            base = f"{node}-{f.key}"
            candidate, n = URIRef(base), 2
            while candidate in self.used:
                candidate, n = URIRef(f"{base}-{n}"), n + 1
            return candidate
        return BNode()

    def _count(self, f: Field, row: Row, values: list[str]) -> None:
        if f.max_count is not None and len(values) > f.max_count:
            one = "one value" if f.max_count == 1 else f"at most {f.max_count} values"
            raise self.fail(
                row.place_of(f.key),
                f"{f.header!r} takes {one}, not {len(values)}",
                hint="keep one; the others belong on rows of their own, or nowhere",
            )
        if len(values) < f.min_count:
            raise self.fail(
                row.place_of(f.key),
                f"{f.header!r} is needed on every row of "
                f"{self.schema.block(row.block).sheet}, and this one has none",
                hint=_choices_hint(f, "give one"),
            )

    def _value(self, f: Field, row: Row, text: str) -> Node:
        place = row.place_of(f.key)
        value = text.strip()
        if f.kind == "text":
            if f.language is not None:
                return Literal(value, lang=f.language)
            return Literal(value)
        if f.kind == "boolean":
            lowered = normalise(value)
            if lowered in _TRUE or lowered == normalise(self.schema.true_name):
                return Literal(True)
            if lowered in _FALSE or lowered == normalise(self.schema.false_name):
                return Literal(False)
            raise self.fail(
                place,
                f"{value!r} is not {self.schema.true_name} or {self.schema.false_name}",
                hint=f"write {self.schema.true_name} or {self.schema.false_name} "
                "(leave it blank when it is not known)",
            )
        if f.kind == "integer":
            number = _whole_number(value)
            if number is None:
                raise self.fail(place, f"{value!r} is not a whole number", hint=_range_hint(f))
            low, high = f.min_value, f.max_value
            if (low is not None and number < low) or (high is not None and number > high):
                raise self.fail(place, f"{number} is out of range", hint=_range_hint(f))
            return Literal(number)
        if f.kind == "choice":
            return self._choice(f, row, value)
        return self._node(f, row, value)

    def _choice(self, f: Field, row: Row, value: str) -> URIRef:
        wanted = normalise(value)
        for choice in f.choices:
            if wanted in choice.spellings:
                return choice.term
        raise self._unknown(f, row, value, [c.token for c in f.choices], [])

    def _node(self, f: Field, row: Row, value: str) -> Node:
        assert f.node_class is not None
        candidates = (
            [t for t in self.things.values() if self.schema.is_a(t.types, f.node_class)]
            if f.accepts_rows
            else []
        )
        for thing in candidates:  # an ID, as written
            if thing.id_text == value:
                return thing.node
        wanted = normalise(value)
        for choice in f.choices:
            if wanted in choice.spellings:
                return choice.term
        for match in (
            [t for t in candidates if normalise(t.id_text) == wanted],
            [t for t in candidates if t.label is not None and normalise(t.label) == wanted],
        ):
            if len(match) == 1:
                return match[0].node
            if len(match) > 1:
                raise self.fail(
                    row.place_of(f.key),
                    f"{value!r} names {len(match)} rows ({', '.join(t.id_text for t in match)})",
                    hint=f"refer to the one you mean by its {self.schema.id_name}",
                )
        if ":" in value or value.startswith("<"):
            try:
                term = self._id_term(value, row.place_of(f.key))
            except InputError:
                term = None
            if term is not None:
                for thing in candidates:
                    if thing.node == term:
                        return term
                if any(c.term == term for c in f.choices):
                    return term
        raise self._unknown(
            f, row, value, [c.token for c in f.choices], [t.id_text for t in candidates]
        )

    def _unknown(
        self, f: Field, row: Row, value: str, tokens: list[str], ids: list[str]
    ) -> InputError:
        assert f.node_class is not None or f.kind in ("choice", "kind")
        if f.kind in ("choice", "kind"):
            what = "one of " + ", ".join(tokens)
        else:
            assert f.node_class is not None
            noun = self.schema.class_label(f.node_class)
            sheets = sorted(
                {b.sheet for b in self.schema.row_blocks if self.schema.is_a(b.types, f.node_class)}
            )
            on = " or ".join(f"the {s} sheet" for s in sheets)
            if f.accepts_rows and tokens:
                what = f"{article(noun)} peergraph knows, nor the ID or name of one on {on}"
                what = "neither " + what
            elif f.accepts_rows:
                what = f"the ID or name of {article(noun)} on {on}"
            else:
                what = article(noun)
        close = _nearest(value, tokens + ids, f.choices)
        suggestion = f"; did you mean {close!r}?" if close else ""
        return self.fail(
            row.place_of(f.key),
            f"{value!r} is not {what}{suggestion}",
            hint=_choices_hint(f, "use one of", ids),
        )

    # -- other statements ------------------------------------------------------------------------

    def _statement(self, block: Block, row: Row) -> None:
        terms: dict[URIRef, Node] = {}
        for f in block.fields:
            values = row.values.get(f.key, [])
            self._count(f, row, values)
            if values:
                terms[f.step.predicate] = self._turtle_term(
                    values[0].strip(), row.place_of(f.key), f.step.predicate
                )
        subject, predicate, value = (terms.get(p) for p in (RDF.subject, RDF.predicate, RDF.object))
        if subject is None or predicate is None or value is None:
            raise self.fail(
                row.place,
                "a statement needs a subject, a property and a value",
                hint="fill in all three, or clear the row",
            )
        self.graph.add((subject, predicate, value))

    def _turtle_term(self, text: str, place: Place, position: URIRef) -> Node:
        """A Turtle term: ``:ID``, ``prefix:name``, ``<IRI>``, ``_:name``, or (as a value) a
        literal ``"text"@en``, ``"2"^^xsd:integer``, ``true``, ``2``."""
        hint = 'write a Turtle term: :ID, pg:weekly, <https://...>, _:name, "text"@en, true, 2'
        if position == RDF.predicate and text == "a":
            return RDF.type
        if blank := _BLANK.match(text):
            if position == RDF.predicate:
                raise self.fail(place, f"{text!r}: a property cannot be a blank node", hint=hint)
            return self.blank_nodes.setdefault(blank["label"], BNode())
        if text.startswith("<") and text.endswith(">"):
            iri = text[1:-1]
            if not IRI_OK.match(iri) or not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", iri):
                raise self.fail(place, f"{text!r} is not a valid IRI", hint=hint)
            return URIRef(iri)
        literal = position == RDF.object and (
            _STRING.match(text) or _NUMBER.match(text) or text in ("true", "false")
        )
        if literal:
            return self._literal(text, place, hint)
        if named := _PREFIXED.match(text):
            prefix = named["prefix"] or ""
            if prefix == "":
                return URIRef(self.namespace + named["local"])
            if prefix in NAMESPACES:
                iri = NAMESPACES[prefix] + named["local"]
                if IRI_OK.match(iri):
                    return URIRef(iri)
            raise self.fail(
                place,
                f"{text!r}: unknown prefix {prefix!r}",
                hint=f"use one of the prefixes {', '.join(sorted(NAMESPACES))}, or <IRI>",
            )
        raise self.fail(place, f"{text!r} is not a Turtle term", hint=hint)

    def _literal(self, text: str, place: Place, hint: str) -> Literal:
        import logging

        from rdflib.util import from_n3

        # rdflib logs an ill-typed literal (with a traceback) as it makes it: the error below
        # says it once, in one line.
        term_logger = logging.getLogger("rdflib.term")
        level = term_logger.level
        term_logger.setLevel(logging.CRITICAL + 1)
        try:
            literal = from_n3(text, nsm=self.names)
        except Exception as exc:  # from_n3 raises several types for bad escapes, datatypes
            raise self.fail(place, f"{text!r} is not a Turtle literal ({exc})", hint=hint) from None
        finally:
            term_logger.setLevel(level)
        if not isinstance(literal, Literal) or getattr(literal, "ill_typed", False):
            raise self.fail(place, f"{text!r} is not a well-typed Turtle literal", hint=hint)
        return literal


def _whole_number(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def _range_hint(f: Field) -> str:
    if f.min_value is not None and f.max_value is not None:
        return f"write a whole number from {f.min_value} to {f.max_value}"
    return "write a whole number, such as 2"


def _choices_hint(f: Field, lead: str, ids: Iterable[str] = ()) -> str:
    """What to write instead: the names, when they are few; else where they are listed."""
    names = [c.token for c in f.choices] + list(ids)
    if not names:
        return "give the ID or name of a row of the form (add the row first)"
    if len(names) > _HINT_SHOWN:
        return "choose from the list in the field's comment (or the cell's drop-down list)"
    return f"{lead}: " + ", ".join(names)


def _nearest(value: str, names: list[str], choices: Iterable[object]) -> str | None:
    """The known name nearest to ``value`` (by a choice's token, label or slug), or None."""
    from peergraph.forms.schema import Choice

    spelled: dict[str, str] = {normalise(n): n for n in names}
    for choice in choices:
        if isinstance(choice, Choice):
            for spelling in choice.spellings:
                spelled.setdefault(spelling, choice.token)
    close = nearest(normalise(value), list(spelled))
    return spelled[close] if close else None


# ---------------------------------------------------------------------------------------------
# Writing a form


def _id_text(node: Node, namespace: str, blank_labels: dict[Node, str]) -> str:
    """How a form names ``node``: its local name in the namespace, ``prefix:name``, ``<IRI>``,
    or ``_:nK`` for a blank node."""
    if isinstance(node, URIRef):
        iri = str(node)
        if iri.startswith(namespace) and _LOCAL_ID.match(iri[len(namespace) :]):
            return iri[len(namespace) :]
        return short_form(node)
    return "_:" + blank_labels.setdefault(node, f"n{len(blank_labels) + 1}")


def graph_to_form(graph: Graph, schema: FormSchema, namespace: str | None = None) -> FormData:
    """The form that holds ``graph``: what its fields can hold in them, the rest as statements.
    Raises ``InputError`` if the graph describes no prison, or holds statements the form has no
    block for (nothing is dropped)."""
    return _Writer(graph, schema, namespace or form_namespace(graph, schema)).write()


class _Writer:
    def __init__(self, graph: Graph, schema: FormSchema, namespace: str) -> None:
        self.graph = graph
        self.schema = schema
        self.namespace = namespace
        self.consumed: set[Triple] = set()
        self.blank_labels: dict[Node, str] = {}
        self.rows_of: dict[Node, Block] = {}
        self.types_of: dict[Node, frozenset[URIRef]] = {}
        self.owned: set[Node] = set()
        self.signatures: dict[Node, str] = {}

    def key(self, node: Node) -> tuple[int, str]:
        """A sort key that does not depend on blank node ids, so that the same graph gives the
        same form every time: a blank node sorts by what it states."""
        if isinstance(node, URIRef):
            return (0, str(node))
        if isinstance(node, BNode):
            if node not in self.signatures:
                self.signatures[node] = "|".join(
                    sorted(
                        f"{p} {'_:' if isinstance(o, BNode) else o.n3()}"
                        for p, o in self.graph.predicate_objects(node)
                    )
                )
            return (1, self.signatures[node])
        return (2, node.n3())

    def name(self, node: Node) -> str:
        return _id_text(node, self.namespace, self.blank_labels)

    def write(self) -> FormData:
        form = FormData(namespace=self.namespace)
        for block in self.schema.row_blocks:
            for node in sorted(
                {s for t in block.types for s in self.graph.subjects(RDF.type, t)},
                key=self.key,
            ):
                if node not in self.rows_of:
                    self.rows_of[node] = block
        for node, block in self.rows_of.items():
            self.types_of[node] = self._types(node, block)
        rows = [self._row(node, block) for node, block in self.rows_of.items()]
        form.rows.extend(
            sorted(rows, key=lambda r: [b.key for b in self.schema.blocks].index(r.block))
        )
        form.rows.extend(self._statements())
        return form

    def _types(self, node: Node, block: Block) -> frozenset[URIRef]:
        kind = block.kind_field
        present = (
            [t for t in (c.term for c in kind.choices) if (node, RDF.type, t) in self.graph]
            if kind
            else []
        )
        if kind is None:
            return frozenset({block.node_class})
        return frozenset(present[: kind.max_count] if kind.max_count else present)

    def _row(self, node: Node, block: Block) -> Row:
        row = Row(block=block.key, place=Place(""), id=self.name(node))
        kind = block.kind_field
        for cls in sorted(self.types_of[node]):
            self.consumed.add((node, RDF.type, cls))
        if kind is not None:
            tokens = {c.term: c.token for c in kind.choices}
            row.values[kind.key] = [tokens[t] for t in sorted(self.types_of[node])]
        owned: dict[str, Node] = {}
        for f in block.fields:
            if f.kind != "owned":
                continue
            assert f.node_class is not None
            targets = sorted(
                (
                    o
                    for o in self.graph.objects(node, f.step.predicate)
                    if (o, RDF.type, f.node_class) in self.graph
                    and o not in self.rows_of
                    and o not in self.owned
                    and isinstance(o, URIRef | BNode)
                ),
                key=self.key,
            )
            if targets:
                target = targets[0]
                self.owned.add(target)
                owned[f.key] = target
                self.consumed |= {
                    (node, f.step.predicate, target),
                    (target, RDF.type, f.node_class),
                }
                row.values[f.key] = [self.name(target)]
        for f in block.fields:
            if f.kind in ("owned", "kind"):
                continue
            subject = owned.get(f.owner) if f.owner is not None else node
            if subject is None:
                continue
            values = self._values(f, subject)
            if values:
                row.values[f.key] = values
        return row

    def _values(self, f: Field, subject: Node) -> list[str]:
        p = f.step.predicate
        pairs: list[tuple[str, Triple]] = []
        if f.step.inverse:
            for s in self.graph.subjects(p, subject):
                text = self._node_text(f, s)
                if text is not None:
                    pairs.append((text, (s, p, subject)))
        else:
            for o in self.graph.objects(subject, p):
                text = (
                    self._literal_text(f, o)
                    if f.kind in ("text", "boolean", "integer")
                    else (self._node_text(f, o))
                )
                if text is not None:
                    pairs.append((text, (subject, p, o)))
        pairs.sort()
        if f.max_count is not None:
            pairs = pairs[: f.max_count]
        self.consumed |= {triple for _text, triple in pairs}
        return [text for text, _triple in pairs]

    def _literal_text(self, f: Field, value: Node) -> str | None:
        """The cell text of a literal the field can hold as it is, or None (then it goes to the
        statements): the right datatype and language, its canonical spelling, and text that a
        cell gives back unchanged."""
        if not isinstance(value, Literal):
            return None
        if f.kind == "boolean":
            if value.datatype == f.datatype and str(value) in ("true", "false"):
                return self.schema.true_name if str(value) == "true" else self.schema.false_name
            return None
        if f.kind == "integer":
            if value.datatype == f.datatype and re.fullmatch(r"-?[1-9][0-9]*|0", str(value)):
                return str(value)
            return None
        text = str(value)
        if f.language is not None:
            if value.language != f.language:
                return None
        elif value.language is not None or value.datatype is not None:
            return None
        if not text or text != text.strip() or (f.multiple and "\n" in text):
            return None
        return text

    def _node_text(self, f: Field, value: Node) -> str | None:
        if f.kind == "choice":
            return next((c.token for c in f.choices if c.term == value), None)
        if f.kind != "node" or f.node_class is None:
            return None
        if value in self.rows_of:
            if f.accepts_rows and self.schema.is_a(self.types_of[value], f.node_class):
                text = self.name(value)
                return None if f.multiple and ";" in text else text
            return None
        return next((c.token for c in f.choices if c.term == value), None)

    def _statements(self) -> list[Row]:
        left = [t for t in self.graph if t not in self.consumed]
        if not left:
            return []
        block = self.schema.statement_block
        if block is None:
            raise InputError(
                f"the site form has no block for other statements, and {len(left)} statements "
                "of this graph fit no field of it",
                hint="add the statements block to shapes/forms/site-form.ttl, or convert to Turtle",
            )
        names = _namespace_manager(self.namespace)
        keys = {f.step.predicate: f.key for f in block.fields}
        rows = []
        for s, p, o in sorted(left, key=lambda t: (self.key(t[0]), self.key(t[1]), self.key(t[2]))):
            row = Row(block=block.key, place=Place(""))
            for predicate, term in ((RDF.subject, s), (RDF.predicate, p), (RDF.object, o)):
                row.values[keys[predicate]] = [self._turtle(term, names)]
            rows.append(row)
        return rows

    def _turtle(self, term: Node, names: NamespaceManager) -> str:
        if isinstance(term, BNode):
            return self.name(term)
        if isinstance(term, URIRef):
            iri = str(term)
            local = iri[len(self.namespace) :]
            own = self.namespace not in NAMESPACES.values()
            if own and iri.startswith(self.namespace) and _LOCAL_ID.match(local):
                return ":" + local
            named = short_form(term)
            return named if _PREFIXED.match(named) and not named.startswith("<") else f"<{iri}>"
        assert isinstance(term, Literal)
        return term.n3(names)
