"""Validating site graphs against the commissioning shapes (``shapes/*.ttl``).

    import peergraph
    report = peergraph.validate("data/sites/")
    report.conforms, report.counts()
    for result in report.results:
        print(result.requirement, result.severity, result.message)
    print(report.render("text"))          # or "json", "turtle", "csv", "html"
    print(report.scorecard().render("text"))

The package, by job: ``catalogue`` (the requirements, read from the Turtle), ``sites`` (the
input split into one data graph per site), ``engine`` (the SHACL run and its results),
``model`` (results, reports, scorecards), ``locate`` (strict mode's file:line errors).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peergraph.lazy import lazy_attributes

if TYPE_CHECKING:
    from peergraph.validation.catalogue import Requirement, requirement_ids, requirements
    from peergraph.validation.engine import fill_message
    from peergraph.validation.model import (
        SEVERITIES,
        Node,
        Report,
        Result,
        Scorecard,
        SiteReport,
        count_phrase,
    )
    from peergraph.validation.run import site_graphs, validate
    from peergraph.validation.shapes import load_shapes_graph
    from peergraph.validation.sites import SiteGraph

__all__ = [
    "SEVERITIES",
    "Node",
    "Report",
    "Requirement",
    "Result",
    "Scorecard",
    "SiteGraph",
    "SiteReport",
    "requirements",
    "count_phrase",
    "fill_message",
    "load_shapes_graph",
    "requirement_ids",
    "site_graphs",
    "validate",
]


# Lazy, so that the renderers (and the command line's --help) can import the light ``model``
# module without loading rdflib and pyshacl.
__getattr__ = lazy_attributes(
    __name__,
    {
        "Requirement": "peergraph.validation.catalogue",
        "requirements": "peergraph.validation.catalogue",
        "requirement_ids": "peergraph.validation.catalogue",
        "fill_message": "peergraph.validation.engine",
        "SEVERITIES": "peergraph.validation.model",
        "Node": "peergraph.validation.model",
        "Report": "peergraph.validation.model",
        "Result": "peergraph.validation.model",
        "Scorecard": "peergraph.validation.model",
        "SiteReport": "peergraph.validation.model",
        "count_phrase": "peergraph.validation.model",
        "site_graphs": "peergraph.validation.run",
        "validate": "peergraph.validation.run",
        "load_shapes_graph": "peergraph.validation.shapes",
        "SiteGraph": "peergraph.validation.sites",
    },
)
