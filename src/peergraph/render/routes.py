"""Progression routes: text (labels and slugs; with ``--explain``, each step's rule and what it
rests on), JSON (a list of routes, each a list of role slugs, as the interface promises), CSV
(one row per step) and Mermaid (a flowchart of the routes' steps)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from peergraph.render import renderer

# The journey maps register their formats with the routes' (one module list in
# peergraph.render): importing them here puts them in the registry.
from peergraph.render.journey_map import mermaid_id, mermaid_text
from peergraph.render.tabular import csv_text
from peergraph.terms import slug

if TYPE_CHECKING:
    from peergraph.routes import Routes


def _role(found: Routes, iri: str) -> str:
    return f"{found.label(iri)} ({slug(iri)})"


@renderer("routes", "text")
def _text(found: Routes) -> str:
    lines = list(found.notes)
    if found.site is not None:
        estate = f", {found.site.estate_label}" if found.site.estate_label else ""
        lines.insert(0, f"Routes at {found.site.label}{estate}.")
    if not found.routes:
        lines.append("No route.")
        return "\n".join(lines) + "\n"
    for number, route in enumerate(found.routes, start=1):
        lines.append(" -> ".join(_role(found, r) for r in route))
        if found.explain:
            lines += _explained(found, route)
            if number < len(found.routes):
                lines.append("")
    lines.append(f"{len(found.routes)} route(s).")
    return "\n".join(lines) + "\n"


def _explained(found: Routes, route: list[str]) -> list[str]:
    lines = []
    for step, (source, target) in enumerate(zip(route, route[1:], strict=False), start=1):
        lines.append(f"  step {step}: {slug(source)} -> {slug(target)}")
        bases = found.bases(source, target)
        if not bases:
            lines.append("    no record says how this edge is known")
        for basis in bases:
            what = "rule" if basis.kind == "derived" else basis.kind
            lines.append(f"    {what} {basis.rule}: {basis.reason}")
            for place in basis.places:
                words = f': "{place.text}"' if place.text is not None else ""
                lines.append(f"      - {place.where}{words}")
    return lines


@renderer("routes", "json")
def _json(found: Routes) -> str:
    return json.dumps([[slug(r) for r in route] for route in found.routes], indent=2) + "\n"


@renderer("routes", "csv")
def _csv(found: Routes) -> str:
    rows: list[list[object]] = [["route", "step", "role", "label", "rule"]]
    for number, route in enumerate(found.routes, start=1):
        for step, role in enumerate(route):
            rules = ""
            if step > 0:
                bases = found.bases(route[step - 1], role)
                rules = " ".join(sorted({b.rule for b in bases if b.kind == "derived"}))
            rows.append([number, step, slug(role), found.label(role), rules])
    return csv_text(rows)


@renderer("routes", "mermaid")
def _mermaid(found: Routes) -> str:
    lines = ["flowchart LR"]
    if found.site is not None:
        lines.append(f"  %% routes at {found.site.label}")
    roles = sorted({r for route in found.routes for r in route})
    for role in roles:
        lines.append(f"  {mermaid_id(role)}[{mermaid_text(found.label(role))}]")
    steps = sorted(
        {(a, b) for route in found.routes for a, b in zip(route, route[1:], strict=False)}
    )
    for source, target in steps:
        rules = sorted({b.rule for b in found.bases(source, target) if b.kind == "derived"})
        label = f"|{mermaid_text(' '.join(rules))}|" if rules else ""
        lines.append(f"  {mermaid_id(source)} -->{label} {mermaid_id(target)}")
    if not found.routes:
        lines.append("  %% no route")
    return "\n".join(lines) + "\n"
