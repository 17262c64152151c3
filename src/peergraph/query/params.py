"""Typed query parameters: the types a header may declare, and binding values to RDF terms.

Role, site and recommendation parameters go through the one resolver of ``peergraph.terms``
(slug, prefixed name, IRI; did-you-mean), so a typo gives the same error everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from peergraph import terms
from peergraph.errors import InputError
from peergraph.query.sparql import check_name
from peergraph.vocab import NAMESPACES

if TYPE_CHECKING:
    from rdflib import URIRef
    from rdflib.term import Identifier

    from peergraph.query.library import QuerySpec

__all__ = ["PARAM_TYPES", "Lookup", "Param", "bind_params", "parse_untyped", "resolve_param"]

# Lists the IRIs of the graph being queried that are of a kind (roles, sites...).
Lookup = Callable[[terms.NameKind], Collection["URIRef"]]


@dataclass(frozen=True)
class _IriType:
    """A parameter whose value is an IRI: a name of ``kind`` (checked against the graph), one of
    a closed vocabulary's slugs, or any IRI."""

    kind: terms.NameKind | None = None  # names checked against the graph
    namespace: str = ""  # closed vocabularies: where the slugs live
    slug_prefix: str = ""  # prepended to a bare slug (lcr: "high" -> pg:lcr-high)
    choices: tuple[str, ...] = ()  # closed vocabularies: the slugs allowed
    what: str = "IRI"


_PG = NAMESPACES["pg"]
PARAM_TYPES: dict[str, _IriType | str] = {
    "role": _IriType(terms.ROLE, what="role"),
    "site": _IriType(terms.SITE, what="site"),
    "entity": _IriType(terms.ENTITY, what="role or site"),
    "recommendation": _IriType(terms.RECOMMENDATION, what="recommendation"),
    "lcr": _IriType(None, _PG, "lcr-", ("low", "medium", "high"), "LC&R level"),
    "payment": _IriType(None, _PG, "", ("paid", "unpaid"), "payment status"),
    "principle": _IriType(
        None, _PG, "", ("identity", "pedagogy", "fraternity", "politicisation"), "principle"
    ),
    "scope": _IriType(
        None, _PG, "scope-", ("induction", "single-issue", "bridging", "collective"), "scope"
    ),
    "kind": _IriType(None, _PG, "", ("stated", "derived", "interpretation", "external"), "kind"),
    "iri": _IriType(),
    "string": "string",
    "integer": "integer",
    "decimal": "decimal",
    "boolean": "boolean",
}


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


def _iri_term(text: str, ptype: _IriType, name: str, lookup: Lookup | None) -> Identifier:
    from rdflib import URIRef

    what = f"parameter {name}"
    value = text.strip()
    if ptype.choices:
        slug = value.removeprefix("<").removesuffix(">").removeprefix(ptype.slug_prefix)
        if slug in ptype.choices:
            return URIRef(ptype.namespace + ptype.slug_prefix + slug)
        if ":" not in value:
            raise InputError(
                f"{what}: {text!r} is not valid", hint=f"give one of {', '.join(ptype.choices)}"
            )
        return terms.expand(value, what)
    if ptype.kind is None:
        return terms.expand(value, what)
    if lookup is None:  # nothing to check against: the first reading of the name
        return terms.candidates(value, ptype.kind, what)[0]
    return terms.resolve(value, ptype.kind, lookup(ptype.kind), what=what)


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
    if (value.startswith("<") and value.endswith(">")) or "://" in value:
        return terms.expand(value)
    prefix, colon, _local = value.partition(":")
    if colon and prefix in NAMESPACES:
        return terms.expand(value)
    return Literal(text)


# Answers "is this IRI the subject of any triple?" in the graph being queried.


def resolve_param(param: Param, raw: Any, lookup: Lookup | None = None) -> Identifier:
    """The RDF term for ``raw`` (a string from the command line, or an rdflib term as is)."""
    from rdflib.term import Identifier as RdfIdentifier

    if isinstance(raw, RdfIdentifier):
        return raw
    if isinstance(raw, bool):
        raw = "true" if raw else "false"
    ptype = PARAM_TYPES[param.type]
    if isinstance(ptype, str):
        return _literal_term(str(raw), ptype, param.name)
    return _iri_term(str(raw), ptype, param.name, lookup)


def bind_params(
    spec: QuerySpec, values: Mapping[str, Any], lookup: Lookup | None = None
) -> dict[str, Identifier]:
    """Typed RDF terms for a query's parameters: given values, then defaults.

    Raises ``InputError`` for an undeclared parameter (when the query declares any), a missing
    required one, or a value of the wrong type. Queries without a header take any parameter, as
    ``parse_untyped`` reads it.
    """
    bindings: dict[str, Identifier] = {}
    if not spec.has_header:
        for name, raw in values.items():
            check_name(name)
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
            bindings[param.name] = resolve_param(param, values[param.name], lookup)
        elif param.default is not None:
            bindings[param.name] = resolve_param(param, param.default, lookup)
        elif param.required:
            raise InputError(
                f"query {spec.name} needs the parameter {param.name} ({param.type})",
                hint=f"add --param {param.name}=VALUE",
            )
    return bindings
