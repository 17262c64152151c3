"""The query library (``queries/*.rq``), typed parameters, and results in the W3C formats.

Every library file starts with a header in one fixed format (documented in docs/queries.md)::

    # title: Which pilot sites selected a peer mentor role?
    # cq: CQ4
    # description: One or more sentences; a line that starts with "#" and at least two
    #   spaces continues the field above it.
    # param: site (site, optional) Only this site; every site when omitted.
    # param: level (integer, default: 2) The qualification level.
    # example: peergraph query cq04-peer-mentor-sites --param site=hmp-risley

Fields come in that order: ``title`` (one), ``cq`` (at most one), ``description`` (one),
``param`` (any number), ``example`` (at least one). A parameter is ``NAME (TYPE, required)``,
``NAME (TYPE, optional)`` (unbound when not given: the query answers for every value) or
``NAME (TYPE, default: VALUE)``, followed by its description.

Parameters are bound as RDF terms, never pasted into the query text: through a ``VALUES`` block of
terms serialised in N-Triples syntax, first in the WHERE clause (``inject_values``: for a remote
endpoint and for pyoxigraph, where it is much faster than its substitutions), or through
rdflib's ``initBindings``. Either way a parameter's value can only ever be one RDF term.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peergraph import paths
from peergraph.errors import InputError
from peergraph.loading import NAMESPACES
from peergraph.store import QueryOutcome

if TYPE_CHECKING:
    from rdflib.term import Identifier, Node

__all__ = [
    "FORMATS",
    "PARAM_TYPES",
    "PREFIXES",
    "Param",
    "QuerySpec",
    "Result",
    "bind_params",
    "find_query",
    "format_result",
    "inject_values",
    "library",
    "parse_query_file",
    "query_form",
]

_BASE = "https://w3id.org/peergraph/"
# The project's prefixes, plus ``agent:``, which the data uses but loading.NAMESPACES lacks.
PREFIXES: dict[str, str] = {**NAMESPACES, "agent": _BASE + "data/agent/"}

FORMATS = ("table", "csv", "json", "tsv")

# ---------------------------------------------------------------------------------------------
# Parameter types


@dataclass(frozen=True)
class _IriType:
    """A parameter whose value is an IRI given as a slug, a prefixed name or a full IRI."""

    namespaces: tuple[str, ...]  # where a bare slug is looked for, in order
    slug_prefix: str = ""  # prepended to a bare slug (lcr: "high" -> pg:lcr-high)
    choices: tuple[str, ...] = ()  # closed vocabularies: the slugs allowed
    check_exists: bool = True  # ask the graph whether the IRI is there (typos give empty tables)
    what: str = "resource"


_PG = PREFIXES["pg"]
PARAM_TYPES: dict[str, _IriType | str] = {
    "role": _IriType((PREFIXES["role"],), what="role"),
    "site": _IriType((PREFIXES["site"],), what="site"),
    "entity": _IriType((PREFIXES["role"], PREFIXES["site"]), what="role or site"),
    "recommendation": _IriType((PREFIXES["study"],), what="recommendation"),
    "lcr": _IriType((_PG,), "lcr-", ("low", "medium", "high"), False, "LC&R level"),
    "payment": _IriType((_PG,), "", ("paid", "unpaid"), False, "payment status"),
    "principle": _IriType(
        (_PG,), "", ("identity", "pedagogy", "fraternity", "politicisation"), False, "principle"
    ),
    "scope": _IriType(
        (_PG,), "scope-", ("induction", "single-issue", "bridging", "collective"), False, "scope"
    ),
    "kind": _IriType((_PG,), "", ("stated", "derived", "interpretation"), False, "kind"),
    "iri": _IriType((), check_exists=False, what="IRI"),
    "string": "string",
    "integer": "integer",
    "decimal": "decimal",
    "boolean": "boolean",
}

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_PREFIXED = re.compile(r"^(?P<prefix>[A-Za-z][A-Za-z0-9_-]*)?:(?P<local>[^\s<>\"{}|^`\\]*)$")
# IRIREF characters (SPARQL 1.1 grammar, [139]): anything else could break out of <...>.
_IRI_OK = re.compile(r'^[^<>"{}|^`\\\x00-\x20]+$')
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Param:
    """A declared query parameter."""

    name: str
    type: str
    description: str
    required: bool = False
    default: str | None = None

    @property
    def spec(self) -> str:
        """The parenthesised part of the header line, as written."""
        if self.required:
            return f"{self.type}, required"
        if self.default is not None:
            return f"{self.type}, default: {self.default}"
        return f"{self.type}, optional"


def _iri_term(text: str, ptype: _IriType, name: str) -> Identifier:
    from rdflib import URIRef

    value = text.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if ptype.choices:
        slug = value.removeprefix(ptype.slug_prefix)
        if slug in ptype.choices:
            return URIRef(ptype.namespaces[0] + ptype.slug_prefix + slug)
    prefixed = _PREFIXED.match(value)
    if prefixed and "://" not in value and (prefixed["prefix"] or "") in PREFIXES:
        iri = PREFIXES[prefixed["prefix"]] + prefixed["local"]
    elif (_ABSOLUTE.match(value) and "://" in value) or value.startswith("urn:"):
        iri = value
    elif prefixed and "://" not in value:
        raise InputError(
            f"parameter {name}: unknown prefix {prefixed['prefix']!r} in {text!r}",
            hint=f"use one of the prefixes {', '.join(sorted(PREFIXES))}, or a full IRI",
        )
    elif ptype.namespaces and _SLUG.match(value) and not ptype.choices:
        iri = ptype.namespaces[0] + ptype.slug_prefix + value  # entity: resolved later
    else:
        allowed = (
            f"one of {', '.join(ptype.choices)}"
            if ptype.choices
            else f"a {ptype.what} slug, a prefixed name or a full IRI"
            if ptype.namespaces
            else "a prefixed name (role:peer-mentor) or a full IRI"
        )
        raise InputError(f"parameter {name}: {text!r} is not valid", hint=f"give {allowed}")
    if not _IRI_OK.match(iri):
        raise InputError(
            f"parameter {name}: {text!r} is not a valid IRI",
            hint='IRIs cannot hold spaces or any of <>"{}|^`\\',
        )
    return URIRef(iri)


def _literal_term(text: str, ptype: str, name: str) -> Identifier:
    from rdflib import Literal
    from rdflib.namespace import XSD

    if ptype == "string":
        return Literal(text)
    try:
        if ptype == "integer":
            return Literal(str(int(text.strip())), datatype=XSD.integer)
        if ptype == "decimal":
            return Literal(str(Decimal(text.strip())), datatype=XSD.decimal)
    except (ValueError, InvalidOperation):
        raise InputError(
            f"parameter {name}: {text!r} is not a {ptype}", hint=f"give a {ptype}"
        ) from None
    lowered = text.strip().lower()
    if lowered in ("true", "false"):
        return Literal(lowered, datatype=XSD.boolean)
    raise InputError(f"parameter {name}: {text!r} is not a boolean", hint="give true or false")


def parse_untyped(text: str) -> Identifier:
    """A value for a parameter no header declares: ``<iri>``, a full IRI or a prefixed name
    of the project's prefixes give an IRI; anything else is a plain string literal."""
    from rdflib import Literal

    value = text.strip()
    if (value.startswith("<") and value.endswith(">")) or (
        _ABSOLUTE.match(value) and "://" in value
    ):
        return _iri_term(value, PARAM_TYPES["iri"], "value")  # type: ignore[arg-type]
    prefixed = _PREFIXED.match(value)
    if prefixed and prefixed["prefix"] in PREFIXES:
        return _iri_term(value, PARAM_TYPES["iri"], "value")  # type: ignore[arg-type]
    return Literal(text)


# Answers "is this IRI the subject of any triple?" in the graph being queried.
ExistsProbe = Callable[["Identifier"], bool]


def resolve_param(param: Param, raw: Any, exists: ExistsProbe | None = None) -> Identifier:
    """The RDF term for ``raw`` (a string from the command line, or an rdflib term as is)."""
    from rdflib.term import Identifier as RdfIdentifier
    from rdflib.term import URIRef

    if isinstance(raw, RdfIdentifier):
        return raw
    if isinstance(raw, bool):
        raw = "true" if raw else "false"
    text = str(raw)
    ptype = PARAM_TYPES[param.type]
    if isinstance(ptype, str):
        return _literal_term(text, ptype, param.name)
    term = _iri_term(text, ptype, param.name)
    if not ptype.check_exists or exists is None:
        return term
    candidates = [term]
    value = text.strip()
    if _SLUG.match(value) and len(ptype.namespaces) > 1:  # entity: a role slug or a site slug
        candidates = [URIRef(ns + value) for ns in ptype.namespaces]
    for candidate in candidates:
        if exists(candidate):
            return candidate
    raise InputError(
        f"parameter {param.name}: no {ptype.what} {text.strip()!r} in the graph",
        hint="check the spelling; `peergraph query roles` and `peergraph query sites` list them",
    )


def bind_params(
    spec: QuerySpec, values: Mapping[str, Any], exists: ExistsProbe | None = None
) -> dict[str, Identifier]:
    """Typed RDF terms for a query's parameters: given values, then defaults.

    Raises ``InputError`` for an undeclared parameter (when the query declares any), a missing
    required one, or a value of the wrong type. Queries without a header take any parameter, as
    ``parse_untyped`` reads it.
    """
    bindings: dict[str, Identifier] = {}
    if not spec.has_header:
        for name, raw in values.items():
            _check_name(name)
            from rdflib.term import Identifier as RdfIdentifier

            bindings[name] = raw if isinstance(raw, RdfIdentifier) else parse_untyped(str(raw))
        return bindings
    declared = {p.name: p for p in spec.params}
    for name in values:
        if name not in declared:
            known = ", ".join(declared) or "none"
            raise InputError(
                f"query {spec.name} has no parameter {name!r} (its parameters: {known})",
                hint=f"see `peergraph query --list` or the header of {spec.name}.rq",
            )
    for param in spec.params:
        if param.name in values and values[param.name] is not None:
            bindings[param.name] = resolve_param(param, values[param.name], exists)
        elif param.default is not None:
            bindings[param.name] = resolve_param(param, param.default, exists)
        elif param.required:
            raise InputError(
                f"query {spec.name} needs the parameter {param.name} ({param.type})",
                hint=f"add --param {param.name}=VALUE",
            )
    return bindings


def _check_name(name: str) -> None:
    if not _NAME.match(name):
        raise InputError(
            f"{name!r} is not a valid parameter name",
            hint="parameter names are SPARQL variable names: letters, digits and _",
        )


# ---------------------------------------------------------------------------------------------
# Query files and their headers


@dataclass(frozen=True)
class QuerySpec:
    """A query: its text and what its header says."""

    name: str
    text: str
    path: Path | None = None
    title: str = ""
    description: str = ""
    cq: str | None = None
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = ()
    has_header: bool = False

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


_FIELD = re.compile(r"^# (?P<key>[a-z]+): (?P<value>\S.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(?P<value>\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*) \((?P<type>[a-z]+), "
    r"(?:(?P<need>required|optional)|default: (?P<default>[^)]+))\) (?P<desc>\S.*)$"
)
# The order fields must come in; True means the field may repeat.
_ORDER = (
    ("title", False),
    ("cq", False),
    ("description", False),
    ("param", True),
    ("example", True),
)
_REQUIRED = ("title", "description", "example")


def parse_query_file(path: str | os.PathLike[str], *, name: str | None = None) -> QuerySpec:
    """Read a ``.rq`` file. A file starting with ``# title:`` must have a well-formed header."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such query file", path=p, hint="check the path and retry") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the query file: {exc}", path=p) from exc
    return parse_query_text(text, name=name or p.stem, path=p)


def parse_query_text(text: str, *, name: str = "query", path: Path | None = None) -> QuerySpec:
    """Parse a query's header (if it has one) into a ``QuerySpec``."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("# title:"):
        return QuerySpec(name=name, text=text, path=path)

    fields: list[tuple[str, str, int]] = []  # key, value, line number
    for number, line in enumerate(lines, start=1):
        if not line.startswith("#"):
            break
        if line.strip() == "#":
            continue
        if (m := _FIELD.match(line)) is not None:
            fields.append((m["key"], m["value"].strip(), number))
        elif (c := _CONTINUATION.match(line)) is not None and fields:
            key, value, start = fields[-1]
            fields[-1] = (key, f"{value} {c['value'].strip()}", start)
        else:
            raise _header_error(path, number, f"not a header line: {line!r}")

    values: dict[str, list[tuple[str, int]]] = {}
    position = 0
    keys = [k for k, _ in _ORDER]
    for key, value, number in fields:
        if key not in keys:
            raise _header_error(path, number, f"unknown header field {key!r}")
        index = keys.index(key)
        if index < position or (index == position and key in values and not _ORDER[index][1]):
            raise _header_error(
                path, number, f"field {key!r} out of order or repeated (order: {', '.join(keys)})"
            )
        position = index
        values.setdefault(key, []).append((value, number))
    for key in _REQUIRED:
        if key not in values:
            raise _header_error(path, 1, f"the header has no {key!r} field")

    params: list[Param] = []
    for value, number in values.get("param", []):
        m = _PARAM.match(value)
        if m is None:
            raise _header_error(
                path, number, "a param is NAME (TYPE, required|optional|default: VALUE) TEXT"
            )
        if m["type"] not in PARAM_TYPES:
            raise _header_error(
                path, number, f"unknown parameter type {m['type']!r} ({', '.join(PARAM_TYPES)})"
            )
        if not re.search(rf"[?$]{m['name']}\b", text):
            raise _header_error(
                path, number, f"parameter {m['name']} is not a variable of the query"
            )
        params.append(
            Param(
                name=m["name"],
                type=m["type"],
                description=m["desc"],
                required=m["need"] == "required",
                default=m["default"].strip() if m["default"] else None,
            )
        )
    return QuerySpec(
        name=name,
        text=text,
        path=path,
        title=values["title"][0][0],
        description=values["description"][0][0],
        cq=values["cq"][0][0] if "cq" in values else None,
        params=tuple(params),
        examples=tuple(v for v, _ in values["example"]),
        has_header=True,
    )


def _header_error(path: Path | None, line: int, message: str) -> InputError:
    return InputError(
        f"bad query header: {message}",
        path=path,
        line=line,
        hint="see 'The header format' in docs/queries.md",
    )


def library() -> list[QuerySpec]:
    """The named queries of ``queries/*.rq`` (top level only), sorted by name."""
    folder = paths.queries_dir()
    if not folder.is_dir():
        raise InputError(
            "the query library folder is missing", path=folder, hint="reinstall peergraph"
        )
    return [parse_query_file(p) for p in sorted(folder.glob("*.rq"))]


def find_query(name_or_path: str) -> QuerySpec:
    """A library query by name (``cq04-peer-mentor-sites``, with or without ``.rq``) or a
    ``.rq`` file by path."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".rq" and (candidate.is_file() or os.sep in name_or_path):
        return parse_query_file(candidate)
    stem = name_or_path.removesuffix(".rq")
    library_file = paths.queries_dir() / f"{stem}.rq"
    if _NAME_OK.match(stem) and library_file.is_file():
        return parse_query_file(library_file)
    if candidate.is_file():
        return parse_query_file(candidate)
    raise InputError(
        f"no query named {name_or_path!r}",
        hint="run `peergraph query --list` for the names, or give a path to a .rq file",
    )


_NAME_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")

# ---------------------------------------------------------------------------------------------
# A small SPARQL lexer: enough to tell a query from an update and to find the WHERE clause,
# skipping what may hold braces or keywords without being syntax (strings, IRIs, comments).

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              | '''(?:[^'\\]|\\.|'(?!''))*'''
              | "(?:[^"\\\n\r]|\\.)*"
              | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][^\s(){}.,;]+)
  | (?P<word>[A-Za-z_][\w\-.:]*\w|[A-Za-z_]\w*:?)
  | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_QUERY_FORMS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}
_UPDATE_FORMS = {
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "CREATE",
    "DROP",
    "COPY",
    "MOVE",
    "ADD",
    "WITH",
}


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, offset) of the significant tokens (no whitespace or comments)."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            yield kind, m.group(), m.start()


def query_form(text: str) -> str | None:
    """``select``, ``construct``, ``ask``, ``describe`` or ``update`` (any update operation),
    from the first keyword after the prologue; ``None`` when there is none (the engine will say
    what is wrong)."""
    in_prologue_declaration = False
    for kind, token, _ in _tokens(text):
        if in_prologue_declaration:  # PREFIX name: <iri> / BASE <iri>: skip to the IRI
            in_prologue_declaration = kind != "iri"
            continue
        if kind != "word":
            return None
        upper = token.upper()
        if upper in ("BASE", "PREFIX"):
            in_prologue_declaration = True
        elif upper in _QUERY_FORMS:
            return upper.lower()
        elif upper in _UPDATE_FORMS:
            return "update"
        else:
            return None
    return None


def inject_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with a ``VALUES`` block binding ``bindings`` first in its WHERE clause.

    The terms are written in N-Triples syntax by ``nt_term`` (IRIs checked, literals escaped),
    so a value can only ever be one RDF term; placing the block first in the outermost group
    gives the parameters the same meaning as the local engines' initial bindings (the FILTERs,
    OPTIONALs and paths of that group see them bound).
    """
    if not bindings:
        return text
    names = list(bindings)
    for name in names:
        _check_name(name)
    block = (
        " VALUES ("
        + " ".join(f"?{n}" for n in names)
        + ") { ("
        + " ".join(nt_term(bindings[n]) for n in names)
        + ") } "
    )
    index = _where_brace(text)
    return text[: index + 1] + block + text[index + 1 :]


def _where_brace(text: str) -> int:
    """Offset of the ``{`` that opens the query's WHERE clause."""
    tokens = list(_tokens(text))
    form_at = next(
        (i for i, (k, t, _) in enumerate(tokens) if k == "word" and t.upper() in _QUERY_FORMS), None
    )
    if form_at is None:
        raise InputError(
            "parameters can only be bound in a SELECT, ASK, CONSTRUCT or DESCRIBE query"
        )
    i = form_at + 1
    if tokens[form_at][1].upper() == "CONSTRUCT":
        if i < len(tokens) and tokens[i][1] == "{":
            i = _skip_group(tokens, i)
        else:
            raise InputError(
                "parameters cannot be bound in the short form CONSTRUCT WHERE { ... }",
                hint="write CONSTRUCT { template } WHERE { pattern }",
            )
    parens = 0
    for kind, token, offset in tokens[i:]:
        if kind != "punct":
            continue
        if token == "(":
            parens += 1
        elif token == ")":
            parens -= 1
        elif token == "{" and parens == 0:
            return offset
    raise InputError("the query has no WHERE clause to bind parameters in")


def _skip_group(tokens: list[tuple[str, str, int]], start: int) -> int:
    depth = 0
    for i in range(start, len(tokens)):
        if tokens[i][0] == "punct" and tokens[i][1] == "{":
            depth += 1
        elif tokens[i][0] == "punct" and tokens[i][1] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    raise InputError("unbalanced braces in the CONSTRUCT template")


# ---------------------------------------------------------------------------------------------
# Results


def nt_term(term: Node | None) -> str:
    """A term in N-Triples syntax (the W3C TSV results format uses it too)."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        if not _IRI_OK.match(str(term)):
            raise InputError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        escaped = (
            str(term)
            .replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        if term.language:
            return f'"{escaped}"@{term.language}'
        if term.datatype is not None:
            return f'"{escaped}"^^<{term.datatype}>'
        return f'"{escaped}"'
    raise TypeError(f"not an RDF term: {term!r}")


@dataclass
class Result(QueryOutcome):
    """A query's answer. Iterating gives one ``dict`` per row (variable -> rdflib term, or
    ``None`` when unbound); ``vars`` and ``rows`` hold the same as a table."""

    query: QuerySpec | None = field(default=None, repr=False)

    @classmethod
    def of(cls, outcome: QueryOutcome, query: QuerySpec | None = None) -> Result:
        return cls(
            kind=outcome.kind,
            vars=outcome.vars,
            rows=outcome.rows,
            boolean=outcome.boolean,
            graph=outcome.graph,
            query=query,
        )

    def __iter__(self) -> Iterator[dict[str, Node | None]]:
        for row in self.rows:
            yield dict(zip(self.vars, row, strict=True))

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> dict[str, Node | None]:
        return dict(zip(self.vars, self.rows[index], strict=True))

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ask" else bool(self.rows or self.graph)

    def values(self, var: str) -> list[Node | None]:
        """One column."""
        index = self.vars.index(var)
        return [row[index] for row in self.rows]

    def to_python(self) -> list[dict[str, Any]]:
        """Rows as dicts of Python values: IRIs as ``str``, literals as their Python value."""
        return [{k: _python(v) for k, v in row.items()} for row in self]

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of ``to_python()`` (needs ``pip install pandas``)."""
        try:
            import pandas
        except ImportError:
            raise InputError(
                "to_dataframe() needs pandas, which is not installed",
                hint="pip install pandas (or pip install 'peergraph[pandas]')",
            ) from None
        return pandas.DataFrame(self.to_python(), columns=list(self.vars))

    def serialize(self, format: str = "table") -> str:
        return format_result(self, format)


def _python(term: Node | None) -> Any:
    from rdflib import Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def format_result(result: QueryOutcome, fmt: str) -> str:
    """``result`` in one of ``FORMATS``. SELECT and ASK follow the W3C SPARQL 1.1 results
    formats (JSON, CSV, TSV); a CONSTRUCT/DESCRIBE graph is printed as Turtle (``table``),
    N-Triples (``csv``, ``tsv``) or JSON-LD (``json``)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        assert result.graph is not None
        rdf = {"table": "turtle", "csv": "nt", "tsv": "nt", "json": "json-ld"}[fmt]
        for prefix, namespace in PREFIXES.items():
            result.graph.bind(prefix, namespace, override=True, replace=True)
        return result.graph.serialize(format=rdf)
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=2) + "\n"
        if fmt == "table":
            return ("yes" if result.boolean else "no") + "\n"
        # CSV/TSV have no boolean form in the W3C notes; one column named after the form.
        return f"{'' if fmt == 'csv' else '?'}ask\r\n{str(bool(result.boolean)).lower()}\r\n"
    return {"json": _to_json, "csv": _to_csv, "tsv": _to_tsv, "table": _to_table}[fmt](result)


def _json_term(term: Node) -> dict[str, str]:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def _to_json(result: QueryOutcome) -> str:
    """W3C SPARQL 1.1 Query Results JSON Format."""
    bindings = [
        {
            var: _json_term(value)
            for var, value in zip(result.vars, row, strict=True)
            if value is not None
        }
        for row in result.rows
    ]
    doc = {"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _to_csv(result: QueryOutcome) -> str:
    """W3C SPARQL 1.1 Query Results CSV Format: RFC 4180, CRLF line ends, IRIs and literals
    as their plain text (no datatype or language), blank nodes as ``_:label``."""
    from rdflib import BNode

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow(
            ["" if v is None else f"_:{v}" if isinstance(v, BNode) else str(v) for v in row]
        )
    return out.getvalue()


def _to_tsv(result: QueryOutcome) -> str:
    """W3C SPARQL 1.1 Query Results TSV Format: ``?var`` headers, terms in N-Triples syntax."""
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines.extend("\t".join(nt_term(v) for v in row) for row in result.rows)
    return "\n".join(lines) + "\n"


def short_form(term: Node | None) -> str:
    """A term as a person reads it: ``role:peer-mentor``, the literal's text, ``""`` if unbound."""
    from rdflib import BNode, URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        best = max(
            ((p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns)),
            key=lambda item: len(item[1]),
            default=None,
        )
        if best is not None and _PREFIXED.match(f"{best[0]}:{iri[len(best[1]) :]}"):
            return f"{best[0]}:{iri[len(best[1]) :]}"
        return f"<{iri}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _to_table(result: QueryOutcome, max_width: int | None = None) -> str:
    """An aligned text table. On a terminal, long cells wrap at word boundaries so that the
    table fits its width; piped or redirected output keeps one line per row."""
    headers = list(result.vars)
    cells = [[short_form(v) for v in row] for row in result.rows]
    if not headers:
        return "(no columns)\n"
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    if max_width is None and sys.stdout.isatty():
        max_width = shutil.get_terminal_size((120, 24)).columns
    if max_width is not None:
        # A column never gets narrower than its longest word (IRIs stay whole) nor than 12.
        floors = [
            max([12, len(h)] + [len(word) for r in cells for word in r[i].split()])
            for i, h in enumerate(headers)
        ]
        while sum(widths) + 2 * (len(widths) - 1) > max_width:
            slack = [w - f for w, f in zip(widths, floors, strict=True)]
            widest = max(range(len(widths)), key=lambda i: slack[i])
            if slack[widest] <= 0:
                break
            widths[widest] -= 1
    lines = [_table_line(headers, widths), "  ".join("-" * w for w in widths)]
    for row in cells:
        wrapped = [
            textwrap.wrap(c, w, break_long_words=False, break_on_hyphens=False) or [""]
            for c, w in zip(row, widths, strict=True)
        ]
        for i in range(max(len(w) for w in wrapped)):
            lines.append(_table_line([w[i] if i < len(w) else "" for w in wrapped], widths))
    count = len(result.rows)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines) + "\n"


def _table_line(values: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()
