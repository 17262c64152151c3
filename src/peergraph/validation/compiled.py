"""The shapes compiled to SPARQL: each constraint one query over every site at once.

peergraph's shapes use a small part of SHACL: node shapes with ``sh:targetClass``, property
shapes under them (``sh:path``: a property, ``sh:inversePath``, ``sh:alternativePath``),
``sh:minCount`` and SHACL-SPARQL ``sh:select`` constraints. Each of these becomes one SELECT query
whose focus nodes are every instance of the shape's target classes, in one embedded Oxigraph
store holding the reference data and every site: the query runs once for the estate, not once
per focus node and site as a SHACL engine runs it. Each solution becomes the result pySHACL
would make of it (SHACL 1.0, 5.3: focus node, value, path, message with ``{?var}`` filled), and
each site gets the results whose focus node belongs to it, through the same mapping as every
engine (``report_graph.report_graph_of`` and ``results_of``).

``compile_shapes`` refuses a shape that uses anything else (another target, another constraint
component), so that a new shape cannot be skipped silently: that shape needs a compilation
here, or validation with another engine. tests/test_engines_agree.py checks that this engine
gives the reference engine's results on every example, pilot site and a synthetic estate.
"""

from __future__ import annotations

import contextlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH

from peergraph.oxterms import from_oxigraph, to_oxigraph
from peergraph.validation.exists_joins import exists_as_joins
from peergraph.validation.focus_join import focus_inside_groups
from peergraph.validation.model import Node, Result
from peergraph.validation.report_graph import RawResult, report_graph_of, results_of

if TYPE_CHECKING:
    from peergraph.validation.sites import SiteGraph

__all__ = [
    "Constraint",
    "compile_shapes",
    "outcomes_by_site",
    "validate_sites",
    "violations_of",
    "with_dataset",
]

# What a shape may say besides its constraints: documentation, grouping, the form's order.
_DESCRIPTIVE = {
    SH.name, SH.description, SH.group, SH.order, SH.message, SH.severity, SH.path,
    SH.property, SH.targetClass, SH.sparql, SH.minCount, SH.deactivated,
}  # fmt: skip
_SELECT_HEAD = re.compile(
    r"^\s*SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\s+WHERE\s*\{", re.S | re.I
)


class UnsupportedShape(ValueError):
    """A shape this engine cannot compile (see the module)."""


@dataclass(frozen=True)
class Constraint:
    """One compiled constraint: the query giving its violations for every focus node."""

    shape: URIRef | BNode  # the result's sh:sourceShape
    severity: str  # Violation, Warning or Info
    query: str  # SELECT ?this ... over the whole store
    is_property_shape: bool
    messages: tuple[str, ...]  # templates, the shape's then the constraint's
    fill_variables: bool  # SHACL-SPARQL: {?var} filled from the solution


def compile_shapes(shapes: Graph) -> list[Constraint]:
    """Every constraint of ``shapes`` as a query (see the module); ``UnsupportedShape`` names
    the first shape that uses anything else."""
    prefixes = _prefix_header(shapes)
    compiled: list[Constraint] = []
    for node_shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        targets = sorted(shapes.objects(node_shape, SH.targetClass), key=str)
        _check(shapes, node_shape, targets)
        focus = _focus_pattern(targets)
        compiled += _sparql_constraints(shapes, node_shape, None, focus, prefixes)
        for prop in sorted(shapes.objects(node_shape, SH.property), key=str):
            _check(shapes, prop, [])
            path = _path_text(shapes, shapes.value(prop, SH.path), prop)
            compiled += _sparql_constraints(shapes, prop, path, focus, prefixes)
            for count in shapes.objects(prop, SH.minCount):
                number = int(str(count))
                compiled.append(_min_count(shapes, prop, path, number, focus, prefixes))
    return compiled


def _check(shapes: Graph, shape: Any, targets: list[Any]) -> None:
    is_node_shape = (shape, RDF.type, SH.NodeShape) in shapes
    if is_node_shape and not targets:
        raise UnsupportedShape(f"{shape} has no sh:targetClass")
    for predicate in set(shapes.predicates(shape)):
        if str(predicate).startswith(str(SH)) and predicate not in _DESCRIPTIVE:
            raise UnsupportedShape(f"{shape} uses {predicate}, which is not compiled to SPARQL")
    for constraint in shapes.objects(shape, SH.sparql):
        if shapes.value(constraint, SH.select) is None:
            raise UnsupportedShape(f"{shape} has a SPARQL constraint without sh:select")


def _severity(shapes: Graph, shape: Any) -> str:
    severity = shapes.value(shape, SH.severity)
    return str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"


def _messages(shapes: Graph, *nodes: Any) -> tuple[str, ...]:
    found: list[str] = []
    for node in nodes:
        for message in sorted(shapes.objects(node, SH.message), key=str):
            if str(message) not in found:
                found.append(str(message))
    return tuple(found)


def _focus_pattern(targets: list[Any]) -> str:
    """A group giving each SHACL instance of the target classes once (rdf:type, then
    rdfs:subClassOf*, in the data graph: SHACL 1.0, 2.1.3.1)."""
    classes = " ".join(f"<{t}>" for t in targets)
    return (
        "{ SELECT DISTINCT ?this WHERE { VALUES ?peergraphTarget { "
        + classes
        + " } ?this <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/"
        "<http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?peergraphTarget } }"
    )


def _path_text(shapes: Graph, path: Any, shape: Any) -> str:
    """A SHACL property path as a SPARQL property path."""
    if isinstance(path, URIRef):
        return f"<{path}>"
    if path is None:
        raise UnsupportedShape(f"{shape} has no sh:path")
    inverse = shapes.value(path, SH.inversePath)
    if inverse is not None:
        return f"^({_path_text(shapes, inverse, shape)})"
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        members = [_path_text(shapes, m, shape) for m in shapes.items(alternatives)]
        return "(" + " | ".join(members) + ")"
    if shapes.value(path, RDF.first) is not None:  # a sequence path: an RDF list
        return "(" + " / ".join(_path_text(shapes, m, shape) for m in shapes.items(path)) + ")"
    raise UnsupportedShape(f"{shape} has a path that is not compiled to SPARQL")


def _prefix_header(shapes: Graph) -> str:
    declared = {
        str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
        for d in shapes.objects(None, SH.declare)
    }
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(declared.items()))


def _sparql_constraints(
    shapes: Graph, shape: Any, path: str | None, focus: str, prefixes: str
) -> list[Constraint]:
    compiled = []
    for constraint in sorted(shapes.objects(shape, SH.sparql), key=str):
        text = str(shapes.value(constraint, SH.select))
        if path is not None:
            text = text.replace("$PATH", path)
        head = _SELECT_HEAD.match(text)
        if head is None:
            raise UnsupportedShape(f"{shape}: a SPARQL constraint that is no SELECT ... WHERE")
        # The focus nodes join the query's own pattern first, so that everything after them
        # (BIND, OPTIONAL, FILTER NOT EXISTS) sees ?this bound, as SHACL's pre-binding does;
        # inside the groups the pattern starts with, where there are any (focus_join).
        inside = focus_inside_groups(text[head.end() :], focus)
        if inside is not None:
            query = prefixes + text[: head.end()] + inside
        else:
            query = prefixes + text[: head.end()] + " " + focus + " " + text[head.end() :]
        if not re.search(r"[$?]this\b", head.group(1)) and head.group(1).strip() != "*":
            query = query.replace(head.group(1), "?this " + head.group(1), 1)
        query = exists_as_joins(query)
        compiled.append(
            Constraint(
                shape=shape,
                severity=_severity(shapes, shape),
                query=query,
                is_property_shape=path is not None,
                messages=_messages(shapes, shape, constraint),
                fill_variables=True,
            )
        )
    return compiled


def _min_count(
    shapes: Graph, shape: Any, path: str, count: int, focus: str, prefixes: str
) -> Constraint:
    query = (
        f"{prefixes}SELECT ?this WHERE {{ {focus} "
        f"OPTIONAL {{ SELECT ?this (COUNT(DISTINCT ?peergraphValue) AS ?peergraphCount) "
        f"WHERE {{ ?this {path} ?peergraphValue }} GROUP BY ?this }} "
        f"FILTER (COALESCE(?peergraphCount, 0) < {count}) }}"
    )
    return Constraint(
        shape=shape,
        severity=_severity(shapes, shape),
        query=query,
        is_property_shape=True,
        messages=_messages(shapes, shape),
        fill_variables=False,
    )


# ---------------------------------------------------------------------------------------------
# Running


def validate_sites(
    sites: Sequence[SiteGraph], nodes: Sequence[Node], shapes: Graph
) -> list[tuple[list[Result], Graph]]:
    """Each site's results and report, from one store holding the reference data and every
    site, each constraint run once over all of them."""
    import pyoxigraph as ox

    from peergraph.graph import load_reference_graph

    constraints = compile_shapes(shapes)
    store = ox.Store()
    store.bulk_extend(_quads(ox, load_reference_graph()))
    for site in sites:
        _load_site(ox, store, site)

    def run(constraint: Constraint) -> dict[Any, list[RawResult]]:
        solutions = store.query(constraint.query)
        if not isinstance(solutions, ox.QuerySolutions):  # compile_shapes makes SELECTs only
            raise TypeError(f"{constraint.shape}: the compiled query is no SELECT")
        names = [v.value for v in solutions.variables]
        rows = ({n: from_oxigraph(ox, solution[n]) for n in names} for solution in solutions)
        return violations_of(constraint, rows)

    # Two queries at a time: Oxigraph evaluates without holding the GIL (1.4x on two cores,
    # docs/performance.md); the results are taken in the constraints' order all the same.
    with ThreadPoolExecutor(max_workers=2) as pool:
        found = list(pool.map(run, constraints))
    return outcomes_by_site(found, sites, nodes, shapes)


def outcomes_by_site(
    found: Sequence[dict[Any, list[RawResult]]],
    sites: Sequence[SiteGraph],
    nodes: Sequence[Node],
    shapes: Graph,
) -> list[tuple[list[Result], Graph]]:
    """Each site's results and report from every constraint's results (``violations_of``): a
    result goes to the site whose graph holds its focus node (the first, in the sites' order,
    where two reach it); results about the reference data, or a node no site links to, go to
    none."""
    owner: dict[Any, int] = {}
    for index, site in enumerate(sites):
        for node in site.nodes:
            owner.setdefault(node, index)
    raw: dict[int, list[RawResult]] = defaultdict(list)
    for found_here in found:
        for focus, results in found_here.items():
            site_index = owner.get(focus)
            if site_index is not None:
                raw[site_index] += results
    outcomes = []
    for index, (site, node) in enumerate(zip(sites, nodes, strict=True)):
        report = report_graph_of(raw.get(index, []), shapes, site.graph)
        outcomes.append((results_of(report, shapes, site.graph, node), report))
    return outcomes


def violations_of(
    constraint: Constraint, solutions: Iterable[Mapping[str, Any]]
) -> dict[Any, list[RawResult]]:
    """Focus node -> its results, as pySHACL makes them of the query's solutions (each a
    variable -> rdflib term mapping, ``None`` where unbound): ?value (for a node shape, the
    focus node when unbound), ?path, the other variables filling the messages; a solution
    repeated for a focus node is one result."""
    found: dict[Any, list[RawResult]] = defaultdict(list)
    seen: set[tuple[Any, ...]] = set()
    for solution in solutions:
        bound = {name: term for name, term in solution.items() if term is not None}
        focus = bound.pop("this", None)
        if focus is None:
            continue
        path = bound.pop("path", None)
        value = bound.pop("value", None)
        bound = {k: v for k, v in bound.items() if not k.startswith("peergraph")}
        key = (focus, path, value, tuple(sorted(bound.items())))
        if key in seen:
            continue
        seen.add(key)
        if value is None and not constraint.is_property_shape:
            value = focus
        variables = {**bound, "this": focus}
        if path is not None:
            variables["path"] = path
        if value is not None:
            variables["value"] = value
        messages = [
            _fill(message, variables) if constraint.fill_variables else message
            for message in constraint.messages
        ]
        found[focus].append(
            (
                focus,
                constraint.shape,
                constraint.severity,
                messages[0] if messages else None,
                value,
                path if isinstance(path, URIRef) else None,
            )
        )
    return found


_QUERY_HEAD = re.compile(r"^((?:\s*PREFIX\s[^\n]*\n)*\s*SELECT\s.*?)\s+WHERE\s*\{", re.S | re.I)


def with_dataset(query: str, graphs: Sequence[str]) -> str:
    """A compiled query (``Constraint.query``) reading the merge of the named graphs ``graphs``
    as its default graph (SPARQL 1.1 ``FROM``, 13.2), for a store holding the sites and the
    reference data in named graphs; the query as it is for none."""
    if not graphs:
        return query
    head = _QUERY_HEAD.match(query)
    if head is None:  # compile_shapes makes every query PREFIX... SELECT ... WHERE {
        raise ValueError("not a compiled query: no SELECT ... WHERE")
    clauses = "".join(f" FROM <{graph}>" for graph in graphs)
    return query[: head.end(1)] + clauses + query[head.end(1) :]


def _fill(template: str, variables: dict[str, Any]) -> str:
    """pySHACL's filling of a SHACL-SPARQL message: ``{?name}`` or ``{$name}`` for each bound
    variable, by the term's text; an unbound one is left as it is."""
    for name, term in variables.items():
        literal = str(term).replace("\\", "\\\\")  # the term's text as it is, not a pattern
        template = re.sub(r"\{[?$]" + re.escape(name) + r"\}", literal, template)
    return template


def _load_site(ox: Any, store: Any, site: SiteGraph) -> None:
    """Add the site's own triples to the store: from its file by Oxigraph's loader where the
    site is one file that holds nothing else and no blank node (whose labels the file's graph
    chose, and the loader would choose anew), else term by term from its graph (_quads).
    tests/test_quick_parse.py checks that the two give the same quads."""
    if site.own_file is not None and not _has_blank_nodes(site.own):
        path = Path(site.own_file)
        kind = ox.RdfFormat.TURTLE if path.suffix.lower() == ".ttl" else ox.RdfFormat.N_TRIPLES
        with contextlib.suppress(OSError, SyntaxError, ValueError):
            # A failure part-way (the file changed since it was read) leaves some of its
            # triples loaded, all of which are the graph's: the graph's triples follow.
            store.bulk_load(
                path=path, format=kind, base_iri=path.resolve().as_uri(), to_graph=ox.DefaultGraph()
            )
            return
    store.bulk_extend(_quads(ox, site.own))


def _has_blank_nodes(graph: Graph) -> bool:
    return any(isinstance(s, BNode) or isinstance(o, BNode) for s, _p, o in graph)


def _quads(ox: Any, graph: Graph) -> list[Any]:
    """The graph's triples as pyoxigraph quads, blank nodes keeping their labels (so that a
    result's focus node is the site graph's own); each term converted once."""
    terms: dict[Any, Any] = {}

    def term(node: Any) -> Any:
        found = terms.get(node)
        if found is None:
            found = terms[node] = to_oxigraph(ox, node)
        return found

    return [ox.Quad(term(s), term(p), term(o)) for s, p, o in graph]
