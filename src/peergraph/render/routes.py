"""Progression routes: text (labels and slugs), JSON (a list of routes, each a list of role
slugs, as the interface promises) and CSV (one row per step)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from peergraph.render import renderer
from peergraph.render.tabular import csv_text
from peergraph.terms import label, slug

if TYPE_CHECKING:
    from peergraph.routes import Routes


def _label(found: Routes, iri: str) -> str:
    from rdflib import URIRef

    return label(found.graph, URIRef(iri))


@renderer("routes", "text")
def _text(found: Routes) -> str:
    if not found.routes:
        return "No route.\n"
    lines = [
        " -> ".join(f"{_label(found, r)} ({slug(r)})" for r in route) for route in found.routes
    ]
    return "\n".join(lines) + f"\n{len(found.routes)} route(s).\n"


@renderer("routes", "json")
def _json(found: Routes) -> str:
    return json.dumps([[slug(r) for r in route] for route in found.routes], indent=2) + "\n"


@renderer("routes", "csv")
def _csv(found: Routes) -> str:
    rows: list[list[object]] = [["route", "step", "role", "label"]]
    for number, route in enumerate(found.routes, start=1):
        rows += [[number, step, slug(role), _label(found, role)] for step, role in enumerate(route)]
    return csv_text(rows)
