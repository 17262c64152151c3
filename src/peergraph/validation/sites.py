"""Finding the sites in the input and the graph each one is validated on.

A *site* is a ``pg:Prison`` (or a ``pg:PilotSite``...) described in the input. Its *site graph*
is everything reachable from it by following links forward, stopping at the shared reference
data (ontology, continuum, sources) and at other prisons. Each site graph is validated on its
own, with the reference graph merged in (one small graph per site is orders of magnitude faster
than one big graph, and exact).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from peergraph.errors import InputError
from peergraph.graph import copy_graph, load_reference_graph
from peergraph.pg import PG, ROLE
from peergraph.rdfio import collect_files, parse_file
from peergraph.terms import label, short_form
from peergraph.validation.catalogue import requirements
from peergraph.validation.file_union import union_graph
from peergraph.validation.model import Node
from peergraph.validation.vocabulary import line_of_term, local_name, nearest_term

__all__ = ["Source", "SiteGraph", "SiteInput", "applicability", "read_input", "split_sites"]

Source = Graph | str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


@dataclass
class SiteInput:
    """What the user gave: every triple merged, and each file with its own graph."""

    graph: Graph  # every triple of the input, merged (read-only for files: file_union)
    files: list[tuple[Path, Graph]]  # each file with its own graph (empty for a Graph input)
    # The Turtle and N-Triples files whose graph holds what the file says and nothing more
    # (no triple added by the role-variant rule): a store may load them itself.
    as_written: frozenset[str] = frozenset()
    subjects: dict[str, set[Any]] | None = None  # each file's subjects, once found


@dataclass
class SiteGraph:
    """One site's data graph, as the validator sees it: the reference graph plus the site."""

    site: Any  # the prison's IRI (or blank node)
    nodes: set[Any]  # the site graph's subjects
    graph: Graph  # reference + site triples
    own: Graph  # the site's triples only
    files: tuple[str, ...]  # the input files holding its triples
    own_file: str | None = None  # the file (of SiteInput.as_written) whose triples ``own`` is


def read_input(source: Source) -> SiteInput:
    """Parse the files and folders (or take the graph) the user gave."""
    if isinstance(source, Graph):
        return SiteInput(graph=_with_role_variants(source, copy=True), files=[])
    items: list[str | os.PathLike[str]]
    items = [source] if isinstance(source, str | os.PathLike) else list(source)
    if not items:
        raise InputError("no file or folder given", hint="give the site graphs to validate")
    # Site forms (.xlsx, .yaml) are read as the site graphs they describe.
    from peergraph.forms.files import read_site_form, split_site_inputs

    paths, forms = split_site_inputs(items)
    files: list[tuple[Path, Graph]] = []
    as_written: set[str] = set()
    for file in collect_files(paths) if paths else []:
        parsed = parse_file(file, quick=True)
        if _names_role_variants(parsed):
            files.append((file, _with_role_variants(parsed)))
        else:
            files.append((file, parsed))
            if file.suffix.lower() in _LOADABLE:
                as_written.add(str(file))
    files += [(form, read_site_form(form)) for form in forms]
    subjects = {str(file): set(graph.subjects(unique=True)) for file, graph in files}
    # Every triple together, read from the files' graphs without a copy (file_union).
    return SiteInput(
        graph=union_graph([g for _f, g in files], [subjects[str(f)] for f, _g in files]),
        files=files,
        as_written=frozenset(as_written),
        subjects=subjects,
    )


# The suffixes of the formats Oxigraph's loader reads as peergraph's parser does.
_LOADABLE = (".ttl", ".nt")


def _with_role_variants(graph: Graph, copy: bool = False) -> Graph:
    """The graph with the continuum role of each role it names by a variant (Purple Band is the
    continuum's Red or Purple Band: ``queries/rules/site/role-variants.rq``); a copy when the
    caller's graph must not change and there is something to add."""
    from peergraph.rules import apply_site_rules

    if not _names_role_variants(graph):
        return graph
    reference = load_reference_graph()
    if copy:
        graph = copy_graph(graph)
    return apply_site_rules(graph, reference, only=("role-variants",))


def _names_role_variants(graph: Graph) -> bool:
    """Whether the graph names a role variant (as a value): then the rule adds to it."""
    return any((None, None, variant) in graph for variant in _role_variants())


@functools.lru_cache(maxsize=1)
def _role_variants() -> frozenset[Any]:
    from peergraph.rules import HAS_VARIANT

    return frozenset(load_reference_graph().objects(None, URIRef(HAS_VARIANT)))


@functools.lru_cache(maxsize=1)
def _reference_index() -> tuple[frozenset[Any], frozenset[Any]]:
    """The reference graph's subjects (where site graphs stop) and its prison classes."""
    ref = load_reference_graph()
    subjects = frozenset(ref.subjects(unique=True))
    prison_classes = frozenset(ref.transitive_subjects(RDFS.subClassOf, PG.Prison))
    return subjects, prison_classes


def _sites(graph: Graph, prison_classes: frozenset[Any]) -> list[Any]:
    classes = set(prison_classes) | set(graph.transitive_subjects(RDFS.subClassOf, PG.Prison))
    found = {s for cls in classes for s in graph.subjects(RDF.type, cls)}
    return sorted(found, key=lambda s: (label(graph, s), str(s)))


def _component(graph: Graph, start: Any, stop: frozenset[Any], sites: set[Any]) -> set[Any]:
    """Nodes reachable from ``start`` by following links forward, not entering ``stop`` (the
    reference data's subjects) or another site.

    Every forward link, not only the ``pg:siteLink`` ones that queries follow: the validator
    must see every node the site's files describe, such as a training provider the file
    defines itself (``pg:trainingProvider`` is no site link, as providers are usually shared
    reference data), and a misspelt link property must not hide a node from the shapes."""
    seen = {start}
    todo = [start]
    while todo:
        node = todo.pop()
        for predicate, obj in graph.predicate_objects(node):
            if predicate == RDF.type or isinstance(obj, Literal):
                continue
            if obj in seen or obj in stop or obj in sites:
                continue
            seen.add(obj)
            todo.append(obj)
    return seen


def _refuse_things_described_twice(data: SiteInput, prison_classes: frozenset[Any]) -> None:
    """Two files that each give the same IRI a type describe the same thing twice: most often
    two copies of the template that kept its namespace, which would merge into one site (and
    have its errors located in the other file). A site may be spread over several files, but
    each thing is typed in one of them."""
    typed_in: dict[URIRef, Path] = {}
    for path, graph in data.files:
        typed = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
        shared = sorted(s for s in typed if typed_in.get(s, path) != path)
        if shared:
            # A shared prison says most; otherwise the first shared IRI.
            prisons = [s for s in shared if set(data.graph.objects(s, RDF.type)) & prison_classes]
            node = (prisons or shared)[0]
            first = typed_in[node]
            raise InputError(
                f"{first} and {path} both describe {label(data.graph, node)} (<{node}>); "
                "the same things in two files would be read as one site",
                path=path,
                line=line_of_term(Path(path), graph, node),
                hint="if they are two sites, give each its own namespace (the IRI of its ex: "
                "prefix); if they describe one site, give each thing its type in one file only",
            )
        for node in typed:
            typed_in.setdefault(node, path)


def _no_site_error(data: SiteInput, prison_classes: frozenset[Any]) -> InputError:
    """No prison in the input: where a type is a misspelt (or misnamespaced) prison class, say
    which, where, and what it should be."""
    where = data.files[0][0] if len(data.files) == 1 else None
    reference = load_reference_graph()
    # The input and the ontology together: the input says how a term is used, the ontology
    # which classes exist.
    combined = Graph()
    combined += reference
    combined += data.graph
    for node, kind in sorted(data.graph.subject_objects(RDF.type)):
        if not isinstance(kind, URIRef):
            continue
        meant = nearest_term(combined, kind, node)
        if meant is None or meant not in prison_classes:
            continue
        path = next((p for p, g in data.files if (node, RDF.type, kind) in g), where)
        graph = next((g for p, g in data.files if p == path), data.graph)
        namespace = str(kind)[: len(str(kind)) - len(local_name(str(kind)))]
        meant_namespace = str(meant)[: len(str(meant)) - len(local_name(str(meant)))]
        hint = (
            f"peergraph's namespace is <{meant_namespace}>, not <{namespace}>: "
            "correct the @prefix line"
            if namespace != meant_namespace
            else "correct the type (see data/examples/valid/hmp-example.ttl)"
        )
        # The line to correct: the @prefix declaring the namespace, else the type itself.
        wrong = URIRef(namespace) if namespace != meant_namespace else kind
        line = None
        if path is not None:
            line = line_of_term(Path(path), Graph(), wrong) or line_of_term(Path(path), graph, kind)
        return InputError(
            f"no site found: nothing here is a pg:Prison; {label(data.graph, node)} is typed "
            f"<{kind}> (did you mean {short_form(meant)}?)",
            path=path,
            line=line,
            hint=hint,
        )
    return InputError(
        "no site found: nothing here is a pg:Prison",
        path=where,
        hint="describe the prison as `a pg:Prison` (see data/examples/valid/hmp-example.ttl)",
    )


# ---------------------------------------------------------------------------------------------
# Validating


def split_sites(
    data: SiteInput, graph_factory: type[Graph] = Graph, *, copy_reference: bool = True
) -> tuple[list[SiteGraph], list[Node]]:
    """One data graph per site (each a ``graph_factory`` with the reference graph merged in),
    and the wings and roles no site links to. With ``copy_reference=False`` each site's graph is
    a read-only view of the reference graph and the site's triples instead of a copy (for an
    engine that reads the site graphs only for labels: copying the reference data into each of
    120 sites costs more than validating them)."""
    from rdflib.graph import ReadOnlyGraphAggregate

    reference = load_reference_graph()
    where: dict[Any, set[str]] = {}
    subjects = data.subjects
    if subjects is None:
        subjects = {str(path): set(graph.subjects(unique=True)) for path, graph in data.files}
    for path, _graph in data.files:
        for subject in subjects[str(path)]:
            where.setdefault(subject, set()).add(str(path))
    stop, prison_classes = _reference_index()
    _refuse_things_described_twice(data, prison_classes)
    sites = _sites(data.graph, prison_classes)
    if not sites:
        raise _no_site_error(data, prison_classes)
    site_set = set(sites)
    found: list[SiteGraph] = []
    attached: set[Any] = set()
    for site in sites:
        nodes = _component(data.graph, site, stop, site_set)
        attached |= nodes
        in_files = set().union(*(where.get(node, set()) for node in nodes))
        own, own_file = _own_triples(data, nodes, in_files, subjects)
        graph: Graph
        if copy_reference:
            graph = graph_factory()
            graph += reference
            graph += own
        else:
            graph = ReadOnlyGraphAggregate([reference, own])
        files = tuple(str(path) for path, _g in data.files if str(path) in in_files)
        found.append(
            SiteGraph(
                site=site,
                nodes=nodes,
                graph=graph,
                own=own,
                files=files,
                own_file=own_file if own_file in data.as_written else None,
            )
        )
    return found, _unattached(data.graph, attached)


def _own_triples(
    data: SiteInput, nodes: set[Any], files: set[str], subjects: dict[str, set[Any]]
) -> tuple[Graph, str | None]:
    """The triples of the site's nodes: a file's own graph, and the file, when one file
    (``files``: those describing the nodes) describes them and nothing else (one file a site,
    the usual case: nothing to copy), else a new graph of them and ``None``. ``subjects``: each
    file's subjects."""
    if len(files) == 1:
        (only,) = files
        if subjects[only] <= nodes:
            return next(g for path, g in data.files if str(path) == only), only
    own = Graph()
    own.addN((s, p, o, own) for node in nodes for s, p, o in data.graph.triples((node, None, None)))
    return own, None


def applicability(graph: Graph, site: Any) -> tuple[dict[str, str], dict[str, str]]:
    """Requirement -> why it does not apply (the definition's elements, for a site offering no
    role presented as peer mentoring), and requirement -> why nothing could be checked (no
    member of a class it is checked on: "not evidenced")."""
    wings = list(graph.objects(site, PG.hostsCFOWing))
    roles = [role for wing in wings for role in graph.objects(wing, PG.offersRole)]
    not_applicable: dict[str, str] = {}
    if not any((role, PG.continuumRole, ROLE["peer-mentor"]) in graph for role in roles):
        kinds = []
        for role in roles:
            continuum = graph.value(role, PG.continuumRole)
            if continuum is None:
                kinds.append(f"{label(graph, role)} names no continuum role")
                continue
            kind = label(graph, continuum)
            article = "an" if kind[:1].lower() in "aeiou" else "a"
            kinds.append(f"{label(graph, role)} is {article} {kind} role")
        why = (
            "the peer mentor definition applies to roles presented as peer mentoring "
            "(pg:continuumRole role:peer-mentor), and this site offers none"
        )
        if kinds:
            why += " (" + "; ".join(kinds) + ")"
        not_applicable = {r.id: why for r in requirements() if r.definition_element}
    unchecked: dict[str, str] = {}
    present = {str(c) for c in graph.objects(None, RDF.type)}
    for requirement in requirements():
        # The first class (in IRI order: a wing before its roles) the site has no member of.
        missing = sorted(
            cls for cls in requirement.checked_on if not _has_member(graph, cls, present)
        )
        if missing:
            what = label(graph, URIRef(missing[0]))
            unchecked[requirement.id] = f"no {what} is recorded"
            not_applicable.pop(requirement.id, None)
    return not_applicable, unchecked


def _has_member(graph: Graph, cls: str, present: set[str]) -> bool:
    """Whether some node of the site graph is typed ``cls`` or one of its subclasses."""
    classes = graph.transitive_subjects(RDFS.subClassOf, URIRef(cls))
    return any(str(c) in present for c in classes)


def _unattached(graph: Graph, attached: set[Any]) -> list[Node]:
    loose = {
        node
        for cls in (PG.CFOWing, PG.LocalRole)
        for node in graph.subjects(RDF.type, cls)
        if node not in attached
    }
    return sorted(Node(label=label(graph, node), iri=str(node)) for node in loose)
