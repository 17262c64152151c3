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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peergraph.validation.catalogue import Requirement, catalogue, requirement_ids
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

# Public name -> module. Lazy, so that the renderers (and the command line's --help) can import
# the light ``model`` module without loading rdflib and pyshacl.
_LAZY: dict[str, str] = {
    "Requirement": "catalogue",
    "catalogue": "catalogue",
    "requirement_ids": "catalogue",
    "fill_message": "engine",
    "SEVERITIES": "model",
    "Node": "model",
    "Report": "model",
    "Result": "model",
    "Scorecard": "model",
    "SiteReport": "model",
    "count_phrase": "model",
    "site_graphs": "run",
    "validate": "run",
    "load_shapes_graph": "shapes",
    "SiteGraph": "sites",
}

__all__ = [
    "SEVERITIES",
    "Node",
    "Report",
    "Requirement",
    "Result",
    "Scorecard",
    "SiteGraph",
    "SiteReport",
    "catalogue",
    "count_phrase",
    "fill_message",
    "load_shapes_graph",
    "requirement_ids",
    "site_graphs",
    "validate",
]


def __getattr__(name: str) -> Any:
    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
