"""The site form's schema, read from ``shapes/forms/site-form.ttl`` into a typed model.

Every sheet, column, key, choice and help text of the forms comes from there (and from the
reference data, for the members of a closed choice, and the requirement shapes, for what a
field serves); nothing of the form is named in Python. See the file's header for what each
shape property means to the form.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal as Kind

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS
from rdflib.term import Node

from peergraph import resources
from peergraph.errors import InputError
from peergraph.pg import PG, PGSH
from peergraph.rdfio import parse_file
from peergraph.terms import short_form, slug

__all__ = [
    "FORM_FILE",
    "Block",
    "Check",
    "Choice",
    "Field",
    "FieldKind",
    "FormSchema",
    "Step",
    "article",
    "field_help",
    "load_schema",
    "normalise",
    "slugify",
]

FORM_FILE = "forms/site-form.ttl"

# What a field holds, as the form reads it:
#   text, boolean, integer  a literal;
#   node     a thing: a row of a block (by ID or name) or a member of the reference data;
#   choice   one of the terms of sh:in;
#   kind     the row's own type (path rdf:type, sh:in);
#   owned    the ID of a thing the row describes with the fields whose path starts here;
#   term     a Turtle term (the statements block).
FieldKind = Kind["text", "boolean", "integer", "node", "choice", "kind", "owned", "term"]

_DATATYPES: dict[URIRef, FieldKind] = {
    XSD.boolean: "boolean",
    XSD.integer: "integer",
    XSD.string: "text",
    RDF.langString: "text",
}


@dataclass(frozen=True)
class Step:
    """One step of a field's path: a property, followed forwards or (inverse) backwards."""

    predicate: URIRef
    inverse: bool = False


@dataclass(frozen=True)
class Choice:
    """One value a form offers for a field: what the form shows, and what it stands for."""

    term: URIRef
    token: str  # what the form shows and writes (a slug for roles, else the label)
    label: str
    spellings: frozenset[str]  # normalised texts that name it (token, label, prefixed name...)


@dataclass(frozen=True)
class Check:
    """A requirement check a field serves (``pgsh:servesRequirement``)."""

    shape: URIRef
    requirement: str  # "R2a"
    title: str  # the requirement's title, from the catalogue
    description: str  # the check's sh:description


@dataclass(frozen=True)
class Field:
    """One field of a block: a column of its sheet, a key of its YAML entries."""

    iri: URIRef
    key: str
    header: str
    description: str
    order: float
    path: tuple[Step, ...]
    kind: FieldKind
    datatype: URIRef | None = None
    language: str | None = None
    node_class: URIRef | None = None
    choices: tuple[Choice, ...] = ()
    accepts_rows: bool = False  # a node field that rows of the form may fill
    min_count: int = 0
    max_count: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    default: URIRef | None = None
    owner: str | None = None  # for a path (P Q): the key of the block's field of path P
    serves: tuple[Check, ...] = ()

    @property
    def multiple(self) -> bool:
        return self.max_count != 1

    @property
    def step(self) -> Step:
        """The step this field itself takes (the last one of a sequence path)."""
        return self.path[-1]

    @property
    def closed(self) -> bool:
        """Whether only the listed choices are accepted (no row of the form can be named)."""
        return self.kind in ("choice", "kind") or (self.kind == "node" and not self.accepts_rows)


@dataclass(frozen=True)
class Block:
    """One block of the form: one kind of thing, a sheet of the workbook, a key in YAML."""

    iri: URIRef
    key: str
    sheet: str
    title: str
    definition: str
    order: float
    node_class: URIRef
    types: frozenset[URIRef]  # the rdf:type a row's thing may have
    fields: tuple[Field, ...]

    @property
    def holds_statements(self) -> bool:
        return self.node_class == RDF.Statement

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    @property
    def label_field(self) -> Field | None:
        """The field that names the row's thing (path rdfs:label), used to mint IDs and to let
        other rows refer to it by name."""
        return next((f for f in self.fields if f.path == (Step(RDFS.label),)), None)

    @property
    def kind_field(self) -> Field | None:
        return next((f for f in self.fields if f.kind == "kind"), None)


@dataclass(frozen=True, eq=False)
class FormSchema:
    """The whole form."""

    iri: URIRef
    title: str
    definition: str
    instructions: tuple[str, ...]  # paragraphs
    namespace_name: str
    namespace_description: str
    namespace_template: str
    id_name: str
    id_description: str
    true_name: str
    false_name: str
    boolean_description: str
    instructions_sheet: str
    lists_sheet: str
    blocks: tuple[Block, ...]
    superclasses: Mapping[URIRef, frozenset[URIRef]] = field(repr=False)
    class_labels: Mapping[URIRef, str] = field(repr=False)

    @property
    def id_key(self) -> str:
        return slugify(self.id_name)

    @property
    def namespace_key(self) -> str:
        return slugify(self.namespace_name)

    @property
    def row_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if not b.holds_statements)

    @property
    def statement_block(self) -> Block | None:
        return next((b for b in self.blocks if b.holds_statements), None)

    def block(self, key: str) -> Block:
        return next(b for b in self.blocks if b.key == key)

    def is_a(self, types: Iterable[URIRef], cls: URIRef) -> bool:
        """Whether a thing of these types is a ``cls`` (through rdfs:subClassOf)."""
        return any(cls in self.superclasses.get(t, frozenset({t})) for t in types)

    def class_label(self, cls: URIRef) -> str:
        return self.class_labels.get(cls, short_form(cls))


# ---------------------------------------------------------------------------------------------
# Helpers shared by the readers and writers


def normalise(text: str) -> str:
    """A typed name as the form compares it: case and runs of spaces do not matter."""
    return " ".join(text.split()).casefold()


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """``HMP Anytown's wing`` -> ``hmp-anytowns-wing``: lower case, ASCII, hyphens."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.lower().replace("'", "").replace("\u2019", "")
    return _NOT_SLUG.sub("-", ascii_text).strip("-")


def article(noun: str) -> str:
    """``a continuum role``, ``an estate``."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


# ---------------------------------------------------------------------------------------------
# Loading


def form_file() -> Path:
    return resources.shapes_dir() / FORM_FILE


@functools.lru_cache(maxsize=1)
def load_schema() -> FormSchema:
    """The form's schema, from ``shapes/forms/site-form.ttl`` (parsed once per process)."""
    from peergraph.graph import load_reference_graph
    from peergraph.validation.catalogue import requirements
    from peergraph.validation.shapes import load_shapes_graph

    path = form_file()
    if not path.is_file():
        raise InputError(
            "peergraph's site form schema is missing",
            path=path,
            hint="reinstall peergraph (or restore shapes/forms/site-form.ttl in your checkout)",
        )
    titles = {r.id: r.title for r in requirements()}
    return _Builder(
        parse_file(path), load_reference_graph(), load_shapes_graph(), titles, path
    ).build()


class _Builder:
    """Reads the form graph; every inconsistency is an InputError naming the shape."""

    def __init__(
        self,
        form: Graph,
        reference: Graph,
        requirement_shapes: Graph,
        titles: Mapping[str, str],
        path: Path,
    ) -> None:
        self.form = form
        self.reference = reference
        self.requirement_shapes = requirement_shapes
        self.titles = titles
        self.path = path
        # The ontology's classes with their superclasses, for "is this row a pg:Provider?".
        self.ontology = reference + form
        self.superclasses: dict[URIRef, frozenset[URIRef]] = {}

    def fail(self, message: str) -> InputError:
        return InputError(message, path=self.path, hint="fix the site form's shapes")

    def text(self, node: Node, predicate: URIRef, what: str, *, required: bool = True) -> str:
        value = self.form.value(node, predicate)
        if value is None:
            if required:
                raise self.fail(f"{short_form(node)} has no {what} ({short_form(predicate)})")
            return ""
        return str(value)

    def build(self) -> FormSchema:
        forms = list(self.form.subjects(RDF.type, PGSH.SiteForm))
        if len(forms) != 1:
            raise self.fail(f"the file describes {len(forms)} site forms (pgsh:SiteForm), not one")
        form = forms[0]
        assert isinstance(form, URIRef)
        blocks = sorted(
            (self.block(form, b) for b in self.form.objects(form, PGSH.block)),
            key=lambda b: b.order,
        )
        if not blocks:
            raise self.fail("the site form has no block (pgsh:block)")
        sheets = [b.sheet for b in blocks]
        instructions_sheet = self.text(form, PGSH.instructionsSheetName, "instructions sheet")
        lists_sheet = self.text(form, PGSH.listsSheetName, "lists sheet")
        for name in {*sheets, instructions_sheet, lists_sheet}:
            if len(name) > 31 or any(c in name for c in "[]:*?/\\"):
                raise self.fail(f"sheet name {name!r} is not one a workbook can have")
        if len({*sheets, instructions_sheet, lists_sheet}) != len(sheets) + 2:
            raise self.fail("two blocks (or a block and the instructions or lists) share a sheet")
        instructions = self.text(form, PGSH.instructions, "instructions")
        classes = {cls for b in blocks for f in b.fields if f.node_class for cls in [f.node_class]}
        classes |= {t for b in blocks for t in b.types}
        return FormSchema(
            iri=form,
            title=self.text(form, RDFS.label, "label"),
            definition=self.text(form, SKOS.definition, "definition"),
            instructions=tuple(p.strip() for p in instructions.split("\n\n") if p.strip()),
            namespace_name=self.text(form, PGSH.namespaceName, "namespace name"),
            namespace_description=self.text(form, PGSH.namespaceDescription, "description"),
            namespace_template=self.text(form, PGSH.namespaceTemplate, "namespace template"),
            id_name=self.text(form, PGSH.identifierName, "identifier name"),
            id_description=self.text(form, PGSH.identifierDescription, "description"),
            true_name=self.text(form, PGSH.trueName, "name for true"),
            false_name=self.text(form, PGSH.falseName, "name for false"),
            boolean_description=self.text(form, PGSH.booleanDescription, "description"),
            instructions_sheet=instructions_sheet,
            lists_sheet=lists_sheet,
            blocks=tuple(self.accepting_rows(blocks)),
            superclasses=dict(self.superclasses),
            class_labels={c: self.label_of(c) for c in classes},
        )

    def key(self, owner: URIRef, node: Node, what: str) -> str:
        """A shape's key: its IRI after its owner's and a hyphen (the shapes' naming rule)."""
        prefix = str(owner) + "-"
        if not isinstance(node, URIRef) or not str(node).startswith(prefix):
            raise self.fail(f"{what} {short_form(node)} is not named after {short_form(owner)}")
        return str(node)[len(prefix) :]

    def block(self, form: URIRef, node: Node) -> Block:
        key = self.key(form, node, "block")
        assert isinstance(node, URIRef)
        if (node, RDF.type, SH.NodeShape) not in self.form:
            raise self.fail(f"block {short_form(node)} is not a sh:NodeShape")
        node_class = self.form.value(node, SH["class"])
        if not isinstance(node_class, URIRef):
            raise self.fail(f"block {short_form(node)} names no sh:class")
        fields = [self.field(node, p) for p in self.form.objects(node, SH.property)]
        if not fields:
            raise self.fail(f"block {short_form(node)} has no field (sh:property)")
        groups = {self.form.value(f.iri, SH.group) for f in fields}
        if len(groups) != 1 or None in groups:
            raise self.fail(f"the fields of {short_form(node)} are not on one sheet (sh:group)")
        group = groups.pop()
        assert group is not None
        fields = self.owners(node, sorted(fields, key=lambda f: f.order))
        for kind_of in ("key", "header"):
            seen = [getattr(f, kind_of) for f in fields]
            if len(seen) != len(set(seen)):
                raise self.fail(f"two fields of {short_form(node)} share a {kind_of}")
        kind = next((f for f in fields if f.kind == "kind"), None)
        types = frozenset(c.term for c in kind.choices) if kind else frozenset({node_class})
        for cls in types | {node_class}:
            self.superclasses.setdefault(cls, self.closure(cls))
        order = self.form.value(group, SH.order)
        return Block(
            iri=node,
            key=key,
            sheet=self.text(group, RDFS.label, "sheet name (rdfs:label)"),
            title=self.text(node, RDFS.label, "label"),
            definition=self.text(node, SKOS.definition, "definition"),
            order=float(order) if isinstance(order, Literal) else 0.0,
            node_class=node_class,
            types=types,
            fields=tuple(fields),
        )

    def closure(self, cls: URIRef) -> frozenset[URIRef]:
        found = {c for c in self.ontology.transitive_objects(cls, RDFS.subClassOf)}
        return frozenset(c for c in found if isinstance(c, URIRef))

    def path_of(self, shape: URIRef) -> tuple[Step, ...]:
        value = self.form.value(shape, SH.path)
        if isinstance(value, URIRef):
            return (Step(value),)
        if isinstance(value, BNode):
            inverse = self.form.value(value, SH.inversePath)
            if isinstance(inverse, URIRef):
                return (Step(inverse, inverse=True),)
            if (value, RDF.first, None) in self.form:
                steps = list(Collection(self.form, value))
                if len(steps) == 2 and all(isinstance(s, URIRef) for s in steps):
                    return tuple(Step(s) for s in steps if isinstance(s, URIRef))
        raise self.fail(
            f"field {short_form(shape)}: the form takes a property, an inverse property or a "
            "sequence of two properties as sh:path"
        )

    def field(self, block: URIRef, node: Node) -> Field:
        key = self.key(block, node, "field")
        assert isinstance(node, URIRef)
        path = self.path_of(node)
        datatype = self.form.value(node, SH.datatype)
        node_class = self.form.value(node, SH["class"])
        listed = self.form.value(node, SH["in"])
        kind: FieldKind
        choices: tuple[Choice, ...] = ()
        if self.form.value(block, SH["class"]) == RDF.Statement:
            kind = "term"
        elif listed is not None:
            members = [m for m in Collection(self.form, listed) if isinstance(m, URIRef)]
            choices = self.choices(members, listed_order=True)
            kind = "kind" if path == (Step(RDF.type),) else "choice"
        elif isinstance(node_class, URIRef):
            kind = "node"
            choices = self.choices(self.members(node_class))
        elif isinstance(datatype, URIRef) and datatype in _DATATYPES:
            kind = _DATATYPES[datatype]
        else:
            raise self.fail(
                f"field {short_form(node)} gives no sh:datatype the form knows "
                f"({', '.join(short_form(d) for d in _DATATYPES)}), sh:class or sh:in"
            )
        languages = self.form.value(node, SH.languageIn)
        language = None
        if languages is not None:
            tags = [str(t) for t in Collection(self.form, languages)]
            language = tags[0] if tags else None
        if datatype == RDF.langString and language is None:
            raise self.fail(f"field {short_form(node)}: text in which language? (sh:languageIn)")
        default = self.form.value(node, SH.defaultValue)
        order = self.form.value(node, SH.order)
        return Field(
            iri=node,
            key=key,
            header=self.text(node, SH.name, "header (sh:name)"),
            description=self.text(node, SH.description, "description"),
            order=float(order) if isinstance(order, Literal) else 0.0,
            path=path,
            kind=kind,
            datatype=datatype if isinstance(datatype, URIRef) else None,
            language=language,
            node_class=node_class if isinstance(node_class, URIRef) else None,
            choices=choices,
            min_count=self.count(node, SH.minCount) or 0,
            max_count=self.count(node, SH.maxCount),
            min_value=self.count(node, SH.minInclusive),
            max_value=self.count(node, SH.maxInclusive),
            default=default if isinstance(default, URIRef) else None,
            serves=tuple(
                self.check(node, c) for c in self.form.objects(node, PGSH.servesRequirement)
            ),
        )

    def count(self, node: URIRef, predicate: URIRef) -> int | None:
        value = self.form.value(node, predicate)
        return int(value) if isinstance(value, Literal) else None

    def owners(self, block: URIRef, fields: list[Field]) -> list[Field]:
        """Mark the fields of sequence paths (P Q) with the field of path P, and that field as
        the ID of the thing they describe."""
        heads = {f.path[0]: f for f in fields if len(f.path) == 1}
        owned: set[str] = set()
        done: list[Field] = []
        for f in fields:
            if len(f.path) == 1:
                done.append(f)
                continue
            head = heads.get(f.path[0])
            if head is None or head.kind != "node" or head.max_count != 1:
                raise self.fail(
                    f"field {short_form(f.iri)}: its path starts with "
                    f"{short_form(f.path[0].predicate)}, "
                    f"which needs a field of its own in {short_form(block)}, with sh:class and "
                    "sh:maxCount 1"
                )
            owned.add(head.key)
            done.append(dataclasses.replace(f, owner=head.key))
        return [
            dataclasses.replace(f, kind="owned", choices=()) if f.key in owned else f for f in done
        ]

    def accepting_rows(self, blocks: list[Block]) -> Iterable[Block]:
        """Node fields that rows of some block may fill (a role's wing) accept IDs and names."""
        schema_types = [t for b in blocks if not b.holds_statements for t in b.types]
        for block in blocks:
            fields = []
            for f in block.fields:
                if f.kind == "node" and f.node_class is not None:
                    rows = any(f.node_class in self.superclasses[t] for t in schema_types)
                    if not rows and not f.choices:
                        raise self.fail(
                            f"field {short_form(f.iri)}: nothing is {short_form(f.node_class)}, "
                            "neither in the reference data nor in a block"
                        )
                    f = dataclasses.replace(f, accepts_rows=rows)
                fields.append(f)
            yield dataclasses.replace(block, fields=tuple(fields))

    def members(self, cls: URIRef) -> list[URIRef]:
        """The reference data's instances of ``cls`` (or of its subclasses)."""
        found: set[URIRef] = set()
        for sub in self.reference.transitive_subjects(RDFS.subClassOf, cls):
            found.update(s for s in self.reference.subjects(RDF.type, sub) if isinstance(s, URIRef))
        return list(found)

    def label_of(self, term: URIRef) -> str:
        for graph in (self.reference, self.form):
            value = graph.value(term, RDFS.label) or graph.value(term, SKOS.prefLabel)
            if value is not None:
                return str(value)
        return short_form(term)

    def choices(self, members: list[URIRef], listed_order: bool = False) -> tuple[Choice, ...]:
        """Choices in the order of sh:in, or else the reference data's (pg:position, as in
        Appendix 2), else by label. Roles show their slug, other terms their label (unless two
        share it)."""

        def position(term: URIRef) -> tuple[float, str]:
            value = self.reference.value(term, PG.position)
            return (
                float(value) if isinstance(value, Literal) else float("inf"),
                self.label_of(term),
            )

        ordered = list(members) if listed_order else sorted(members, key=position)
        labels = [self.label_of(t) for t in ordered]
        tokens = []
        for term, label in zip(ordered, labels, strict=True):
            named = slug(str(term))
            token = named if named != str(term) else label
            if (labels.count(label) > 1 and named == str(term)) or any(c in token for c in ";\n"):
                token = short_form(term)
            tokens.append(token)
        result = []
        for term, label, token in zip(ordered, labels, tokens, strict=True):
            spellings = {token, label, short_form(term), str(term), slug(str(term))}
            # A continuum role may be named by a variant footnotes 18 and 20 give it (Purple
            # Band in the female estate, an Equalities Rep): the local role is then that role's.
            for variant in self.reference.objects(term, PG.hasVariant):
                if isinstance(variant, URIRef):
                    spellings |= {slug(str(variant)), short_form(variant), self.label_of(variant)}
            result.append(
                Choice(term, token, label, frozenset(normalise(s) for s in spellings if s))
            )
        return tuple(result)

    def check(self, shape: URIRef, check: Node) -> Check:
        shapes = self.requirement_shapes
        owner = shapes.value(None, SH.property, check)
        notation = shapes.value(owner, SKOS.notation) if owner is not None else None
        description = shapes.value(check, SH.description)
        if not isinstance(check, URIRef) or notation is None or description is None:
            raise self.fail(
                f"field {short_form(shape)} serves {short_form(check)}, which is no requirement "
                "check (a property shape of a requirement's node shape, with sh:description)"
            )
        requirement = str(notation)
        return Check(check, requirement, self.titles.get(requirement, ""), str(description))


# ---------------------------------------------------------------------------------------------
# Help texts, as both forms show them


def field_help(
    schema: FormSchema, f: Field, *, several_texts: str, several_names: str, list_all: bool
) -> list[str]:
    """A field's help, paragraph by paragraph: its description, what to write, whether it
    takes several values (how this form separates texts, and names), and the requirement
    checks it serves with their own descriptions (read from the requirement shapes)."""
    first = f.description
    if f.kind == "boolean":
        first += " " + schema.boolean_description
    if f.kind in ("integer",) and f.min_value is not None and f.max_value is not None:
        first += f" (from {f.min_value} to {f.max_value})"
    paragraphs = [first]
    tokens = [c.token for c in f.choices]
    if tokens and (list_all or len(tokens) <= 12):
        lead = "One of" if f.closed else "Known to peergraph"
        paragraphs.append(f"{lead}: " + "; ".join(tokens) + ".")
    elif tokens:
        paragraphs.append("Choose from the drop-down list.")
    if f.multiple and f.kind not in ("boolean", "integer", "term"):
        paragraphs.append(several_texts if f.kind == "text" else several_names)
    if f.min_count:
        paragraphs.append("Needed on every row.")
    seen: set[tuple[str, str]] = set()
    for check in f.serves:
        if (check.requirement, check.description) in seen:
            continue
        seen.add((check.requirement, check.description))
        title = f" ({check.title})" if check.title else ""
        paragraphs.append(f"Serves {check.requirement}{title}: {check.description}")
    return paragraphs
