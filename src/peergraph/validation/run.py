"""``validate``: read the input, split it into sites, run the engine on each, build the report."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from peergraph.terms import label
from peergraph.validation.engine import (
    PreparedQueryGraph,
    check_engine,
    default_engine,
    validate_in_processes,
    validate_with,
)
from peergraph.validation.locate import raise_input_errors
from peergraph.validation.model import Node, Report, Result, SiteReport
from peergraph.validation.shapes import load_shapes_graph
from peergraph.validation.sites import (
    SiteGraph,
    SiteInput,
    Source,
    applicability,
    read_input,
    split_sites,
)

if TYPE_CHECKING:
    from peergraph.validation.report_graph import RawResult

__all__ = ["site_graphs", "validate", "validate_input"]


def site_graphs(source: Source) -> tuple[list[SiteGraph], list[Node]]:
    """Split the input into one data graph per site (each with the reference graph merged in),
    and list the wings and roles no site links to. What ``validate`` validates; public so that
    other SHACL engines can be run on exactly the same graphs."""
    return split_sites(read_input(source))


def validate(
    source: Source,
    *,
    strict: bool = False,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
    engine: str | None = None,
) -> Report:
    """Validate the sites in ``source``: an rdflib ``Graph``, a file or folder, or several.

    Files may be Turtle, JSON-LD, TriG, RDF/XML, N-Triples or N-Quads; folders are searched
    recursively; all files are read together, so a site may be spread over several files and
    a file may hold several sites. Each site (``pg:Prison``) is validated separately.

    Raises ``InputError`` for input that cannot be read (a file that does not parse, is not
    RDF, an empty folder) or that describes no prison. With ``strict=True`` (what the command
    line does), a data-quality Violation (an unknown role slug, a value of the wrong type...)
    is raised as an ``InputError`` naming the file and line instead of being reported.

    ``jobs`` > 1 validates sites in that many processes (0: one per CPU); the report is the
    same either way (timings: docs/performance.md).

    ``engine`` names the SHACL engine (``peergraph.validation.engine.ENGINES``): ``"pyshacl"``
    is the reference engine; by default, the fastest installed one that gives the same results
    (docs/performance.md).

    ``progress``, if given, is called as ``progress(n, total, site_label)`` before the n-th
    site's results are taken (the command line shows it on a terminal).
    """
    engine = check_engine(engine or default_engine())
    data = read_input(source)
    return validate_input(data, strict=strict, jobs=jobs, progress=progress, engine=engine)


def validate_input(
    data: SiteInput,
    *,
    strict: bool = False,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
    engine: str = "pyshacl",
    found: Sequence[dict[Any, list[RawResult]]] | None = None,
) -> Report:
    """``validate`` on input already read (files parsed, or a graph fetched from an endpoint).

    ``found``: every compiled constraint's results where they were found elsewhere (at an
    endpoint: ``validation.endpoint``), for the default engine, which then only maps them to
    the sites."""
    sites, unattached = split_sites(data, PreparedQueryGraph, copy_reference=engine != "sparql")
    shapes = load_shapes_graph()
    nodes = [Node(label=label(site.graph, site.site), iri=str(site.site)) for site in sites]
    outcomes: Iterable[tuple[list[Result], Graph]]
    workers = _workers(jobs, len(sites))
    if engine == "sparql":  # every site at once, in one store: --jobs does not apply
        from peergraph.validation.compiled import outcomes_by_site, validate_sites

        if found is not None:
            outcomes = iter(outcomes_by_site(found, sites, nodes, shapes))
        else:
            outcomes = iter(validate_sites(sites, nodes, shapes))
    elif workers > 1:
        outcomes = validate_in_processes(sites, nodes, workers, engine)
    else:
        outcomes = (validate_with(engine, s, n, shapes) for s, n in zip(sites, nodes, strict=True))
    reports: list[SiteReport] = []
    pending = iter(outcomes)
    for number, (site, node) in enumerate(zip(sites, nodes, strict=True), start=1):
        if progress is not None:
            progress(number, len(sites), node.label)
        results, report_graph = next(pending)
        not_applicable, unchecked = applicability(site.graph, site.site)
        reports.append(
            SiteReport(
                site=node,
                files=site.files,
                results=results,
                graph=report_graph,
                not_applicable=not_applicable,
                unchecked=unchecked,
            )
        )
    report = Report(reports, unattached=unattached)
    if strict:
        raise_input_errors(report, data)
    return report


def _workers(jobs: int, sites: int) -> int:
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (one per CPU) or more, not {jobs}")
    wanted = jobs or (os.cpu_count() or 1)
    return max(1, min(wanted, sites))
