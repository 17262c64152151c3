"""SPARQL text: the project's prefixes, what form a query has, and binding parameters as terms.

Parameters are bound as RDF terms, never pasted into the query text: through a ``VALUES`` block of
terms serialised in N-Triples syntax, first in the WHERE clause (``inject_values``: for a remote
endpoint and for pyoxigraph, where it is much faster than its substitutions). Either way a
parameter's value can only ever be one RDF term. The VALUES binder and ``nt_term`` are ours on
purpose: rdflib's ``initBindings`` works only on its own engine, and no library writes a term in
N-Triples syntax with the IRI check this needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from peergraph.errors import InputError
from peergraph.terms import IRI_OK
from peergraph.vocab import NAMESPACES

if TYPE_CHECKING:
    from rdflib.term import Identifier, Node

__all__ = [
    "PREFIXES",
    "check_name",
    "inject_values",
    "nt_term",
    "query_form",
    "tokens",
    "with_prefixes",
]

PREFIXES: dict[str, str] = NAMESPACES
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PROLOGUE_PREFIX = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w-]*)?:", re.IGNORECASE | re.MULTILINE)


def with_prefixes(text: str) -> str:
    """``text`` preceded by PREFIX declarations for the project's prefixes it does not declare,
    so ad-hoc queries can write ``pg:``, ``role:``... on every engine and endpoint alike."""
    declared = {m.group(1) or "" for m in _PROLOGUE_PREFIX.finditer(text)}
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    return "\n".join(missing) + "\n" + text if missing else text


def check_name(name: str) -> None:
    """Refuse a parameter name that is not a SPARQL variable name."""
    if not _NAME.match(name):
        raise InputError(
            f"{name!r} is not a valid parameter name",
            hint="parameter names are SPARQL variable names: letters, digits and _",
        )


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


def tokens(text: str) -> Iterator[tuple[str, str, int]]:
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
    for kind, token, _ in tokens(text):
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
        check_name(name)
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
    found = list(tokens(text))
    form_at = next(
        (i for i, (k, t, _) in enumerate(found) if k == "word" and t.upper() in _QUERY_FORMS), None
    )
    if form_at is None:
        raise InputError(
            "parameters can only be bound in a SELECT, ASK, CONSTRUCT or DESCRIBE query"
        )
    i = form_at + 1
    if found[form_at][1].upper() == "CONSTRUCT":
        if i < len(found) and found[i][1] == "{":
            i = _skip_group(found, i)
        else:
            raise InputError(
                "parameters cannot be bound in the short form CONSTRUCT WHERE { ... }",
                hint="write CONSTRUCT { template } WHERE { pattern }",
            )
    parens = 0
    for kind, token, offset in found[i:]:
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


# A blank node label as N-Triples and SPARQL write it (BLANK_NODE_LABEL, with \w standing for
# PN_CHARS_U and digits): nothing that could end the term.
_BNODE_LABEL = re.compile(r"^\w(?:[\w.\-]*[\w\-])?$")
# A language tag (BCP 47's shape, as LANGTAG in N-Triples and SPARQL).
_LANGTAG = re.compile(r"^[A-Za-z]+(?:-[A-Za-z0-9]+)*$")


def _checked_iri(iri: str, what: str) -> str:
    if not IRI_OK.match(iri):
        raise InputError(f"not a valid {what}: {iri!r}")
    return iri


def nt_term(term: Node | None) -> str:
    """A term in N-Triples syntax (the W3C TSV results format uses it too).

    Every part that is not escaped is checked, so that whatever a term holds (an rdflib term
    can be built from any string, by the Python API) it is written as exactly one term: IRIs
    (a literal's datatype too), blank node labels and language tags; ``InputError`` otherwise.
    """
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{_checked_iri(str(term), 'IRI')}>"
    if isinstance(term, BNode):
        if not _BNODE_LABEL.match(str(term)):
            raise InputError(
                f"not a valid blank node label: {str(term)!r}",
                hint="blank node labels are letters, digits, _, - and . (not last)",
            )
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
            if not _LANGTAG.match(term.language):
                raise InputError(
                    f"not a valid language tag: {term.language!r}", hint="write e.g. en or en-GB"
                )
            return f'"{escaped}"@{term.language}'
        if term.datatype is not None:
            return f'"{escaped}"^^<{_checked_iri(str(term.datatype), "datatype IRI")}>'
        return f'"{escaped}"'
    raise TypeError(f"not an RDF term: {term!r}")
