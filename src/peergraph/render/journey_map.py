"""Journey maps (R3d): the continuum's roles on a grid, rows by LC&R (High at the top) and columns
by each role's widest scope, with the progression edges as arrows, the CFO-Allies steps
(footnote 12), and, for a site, the roles it offers highlighted and named as its estate names
them. SVG, one self-contained HTML page, or Mermaid.

The layout is computed here, with the standard library only: boxes of one width on a grid,
labels wrapped to the box by a conservative estimate of text width (wider than the fonts
browsers use for ``sans-serif``), so that no label is cut off and no box overlaps another; the
drawing is sized to print on A4 landscape.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from peergraph.render import renderer
from peergraph.terms import slug

if TYPE_CHECKING:
    from peergraph.routes import Continuum, Role, SiteView

__all__ = ["JourneyMap", "Layout", "layout", "mermaid_id", "mermaid_text", "text_width", "wrap"]

# Sizes in SVG user units (px). A4 landscape is 297 x 210 mm.
FONT = 14
SMALL = 11.5
BOX_WIDTH = 196
BOX_PAD = 9
LINE = 1.3  # line height, in font sizes
GAP_X, GAP_Y = 22, 20
ROW_HEAD = 118  # the LC&R labels, left
COL_HEAD = 48  # the scope labels, top
TITLE = 84
MARGIN = 24
PER_CELL_ACROSS = 2
LEVELS = {3: "High", 2: "Medium", 1: "Low"}
SCOPES = {2: "Single issue", 3: "Bridging role", 4: "Collective/Civic representation & Change"}
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"


@dataclass(frozen=True)
class JourneyMap:
    """What a journey map shows: the continuum, the site (or None: the whole continuum), the
    date it was drawn and the peergraph version that drew it."""

    continuum: Continuum
    site: SiteView | None
    drawn: str
    version: str
    notes: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        if self.site is None:
            return "Peer involvement role journey map: the whole continuum"
        return f"Peer involvement role journey map: {self.site.label}"

    def pool(self) -> set[str]:
        """The roles whose entries and dead ends the map marks: the site's (or all)."""
        return set(self.site.usable) if self.site is not None else set(self.continuum.roles)

    def label(self, role: str) -> str:
        return self.continuum.label(role, self.site)


# --- measuring text ----------------------------------------------------------------------------

_NARROW = set("iljtfI.,;:!|'()[] ")
_WIDE = set("mwMW@%&")


def text_width(text: str, size: float) -> float:
    """A width no narrower than ``text`` takes in a common sans-serif font at ``size``: each
    character counted at an upper bound of its class's width in DejaVu Sans (the widest of the
    usual fonts), plus 8 %."""
    units = 0.0
    for char in text:
        if char in _WIDE:
            units += 1.0
        elif char in _NARROW:
            units += 0.42
        elif char.isupper() or char.isdigit():
            units += 0.78
        else:
            units += 0.64
    return units * size * 1.08


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` in lines no wider than ``width`` (a word longer than the width is cut, with a
    hyphen, so that nothing runs out of its box)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while text_width(word, size) > width:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut] + "-", size) > width:
                cut -= 1
            head, word = word[:cut] + "-", word[cut:]
            if current:
                lines.append(current)
                current = ""
            lines.append(head)
        trial = f"{current} {word}" if current else word
        if text_width(trial, size) <= width:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines or [""]


# --- layout ------------------------------------------------------------------------------------


@dataclass
class Box:
    """A role's box: where it is and the lines it holds (title lines, then the detail lines)."""

    role: str
    x: float
    y: float
    width: float
    height: float
    title: list[str]
    details: list[str]

    @property
    def cx(self) -> float:
        return self.x + self.width / 2

    @property
    def cy(self) -> float:
        return self.y + self.height / 2


@dataclass
class Layout:
    width: float
    height: float
    boxes: dict[str, Box]
    allies: Box | None
    rows: dict[int, tuple[float, float]]  # level -> (top, bottom)
    columns: dict[int, tuple[float, float]]  # scope -> (left, right)
    legend_top: float
    marks: dict[str, list[str]] = field(default_factory=dict)


def _details(journey: JourneyMap, role: Role, entries: set[str], ends: set[str]) -> list[str]:
    paid = {True: "Paid", False: "Unpaid", None: "payment not recorded"}[role.paid]
    lines = [f"{paid} · LC&R {role.lcr}"]
    if "Induction" in role.scope_labels:
        lines.append("induction role")
    marks = []
    if role.iri in entries:
        marks.append("no way in")
    if role.iri in ends:
        marks.append("no onward step")
    if marks:
        lines.append(" · ".join(marks))
    if journey.site is not None and role.iri in journey.site.offered:
        lines.append(f"offered at {journey.site.label}")
    return lines


def _box(journey: JourneyMap, role: Role, entries: set[str], ends: set[str]) -> Box:
    inner = BOX_WIDTH - 2 * BOX_PAD
    title = wrap(journey.label(role.iri), inner, FONT)
    details: list[str] = []
    for line in _details(journey, role, entries, ends):
        details += wrap(line, inner, SMALL)
    height = 2 * BOX_PAD + len(title) * FONT * LINE + len(details) * SMALL * LINE + 2
    return Box(role.iri, 0, 0, BOX_WIDTH, height, title, details)


def layout(journey: JourneyMap) -> Layout:
    """Boxes on the grid: rows by LC&R, columns by widest scope; a role whose LC&R is a range
    (Healthcare's "Low-High") gets a box as tall as its range, in a column of its own."""
    continuum = journey.continuum
    pool = journey.pool()
    entries = set(continuum.entries(pool))
    ends = set(continuum.dead_ends(pool))
    roles = sorted(continuum.roles.values(), key=lambda r: r.position)
    boxes = {r.iri: _box(journey, r, entries, ends) for r in roles}
    ranged = [r for r in roles if r.min_level != r.max_level]
    single = [r for r in roles if r.min_level == r.max_level]
    cells: dict[tuple[int, int], list[Role]] = {}
    for r in single:
        cells.setdefault((r.max_level, max(r.widest_scope, 2)), []).append(r)

    columns_used = sorted(SCOPES)
    across = {
        c: max(
            [min(PER_CELL_ACROSS, len(cells.get((lv, c), []))) for lv in LEVELS]
            + [1 if any(max(r.widest_scope, 2) == c for r in ranged) else 0]
        )
        for c in columns_used
    }
    ranged_in = {c: [r for r in ranged if max(r.widest_scope, 2) == c] for c in columns_used}
    # Row heights: the tallest stack of boxes in the row.
    row_height: dict[int, float] = {}
    for level in LEVELS:
        tallest = 0.0
        for c in columns_used:
            members = cells.get((level, c), [])
            stack = [members[i : i + across[c]] for i in range(0, len(members), across[c])]
            height = sum(max(boxes[r.iri].height for r in line) for line in stack)
            height += GAP_Y * max(len(stack) - 1, 0)
            tallest = max(tallest, height)
        row_height[level] = max(tallest, FONT * 3)
    # Columns: the ranged roles' boxes first, then the cell's boxes across.
    columns: dict[int, tuple[float, float]] = {}
    x = MARGIN + ROW_HEAD
    column_x: dict[int, float] = {}
    for c in columns_used:
        width = (len(ranged_in[c]) + across[c]) * (BOX_WIDTH + GAP_X)
        width = max(width, BOX_WIDTH + GAP_X)
        columns[c] = (x, x + width - GAP_X)
        column_x[c] = x
        x += width + GAP_X
    rows: dict[int, tuple[float, float]] = {}
    y: float = MARGIN + TITLE + COL_HEAD
    for level in sorted(LEVELS, reverse=True):
        rows[level] = (y, y + row_height[level])
        y += row_height[level] + 2 * GAP_Y
    grid_bottom = y - 2 * GAP_Y
    for c in columns_used:
        left = column_x[c]
        for r in ranged_in[c]:
            box = boxes[r.iri]
            top = rows[r.max_level][0]
            bottom = rows[r.min_level][1]
            box.x, box.y = left, top
            box.height = max(box.height, bottom - top)
            left += BOX_WIDTH + GAP_X
        for level in LEVELS:
            members = cells.get((level, c), [])
            top = rows[level][0]
            for i in range(0, len(members), across[c]):
                line = members[i : i + across[c]]
                for j, r in enumerate(line):
                    boxes[r.iri].x = left + j * (BOX_WIDTH + GAP_X)
                    boxes[r.iri].y = top
                top += max(boxes[r.iri].height for r in line) + GAP_Y
    allies = None
    if continuum.allies:
        inner = BOX_WIDTH - 2 * BOX_PAD
        title = wrap(continuum.allies_label, inner, FONT)
        details = wrap(
            "wing representation where Prisoner Council membership is unavailable (footnote 12)",
            inner,
            SMALL,
        )
        height = 2 * BOX_PAD + len(title) * FONT * LINE + len(details) * SMALL * LINE + 2
        middle = (rows[2][0] + rows[2][1]) / 2
        allies = Box("cfo-allies", x, middle - height / 2, BOX_WIDTH, height, title, details)
        x += BOX_WIDTH + GAP_X
    width = x - GAP_X + MARGIN
    legend_top = grid_bottom + 2 * GAP_Y
    height = legend_top + _legend_height(journey) + MARGIN
    return Layout(width, height, boxes, allies, rows, columns, legend_top)


def _legend_lines(journey: JourneyMap) -> list[str]:
    lines = [
        "Arrows: progression steps derived by the rules of queries/rules/ (see docs/routes.md); "
        "a dashed arrow changes payment (paid to unpaid, or back).",
        "Dotted arrows: footnote 12, roles from whose holders CFO-Allies are recruited where "
        "Prisoner Council membership is unavailable.",
        "Rows: levels of confidentiality and responsibility (LC&R); columns: each role's widest "
        "scope (Appendix 2). \u201cNo way in\u201d: no step leads into the role; \u201cno onward "
        "step\u201d: none leads on from it.",
    ]
    if journey.site is not None:
        lines.append(
            f"Dark boxes: roles {journey.site.label} offers; pale boxes and arrows: roles and "
            "steps its routes do not use."
        )
    lines += list(journey.notes)
    lines.append(
        f"Drawn {journey.drawn} by peergraph {journey.version}, from the study's "
        "Appendix 2 (Albertson, 2024e) and the site's records."
    )
    return lines


def _legend_height(journey: JourneyMap) -> float:
    return sum(len(wrap(line, 1200, SMALL)) for line in _legend_lines(journey)) * SMALL * LINE + 8


def mermaid_id(iri: str) -> str:
    """A Mermaid node id for a role: its slug with only letters, digits and underscores."""
    return "".join(c if c.isalnum() else "_" for c in slug(iri))


def mermaid_text(text: str) -> str:
    """A label Mermaid reads as text, whatever it holds (quotes as entities)."""
    return '"' + text.replace('"', "#quot;") + '"'


# --- SVG ---------------------------------------------------------------------------------------


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _edge_path(a: Box, b: Box) -> str:
    if b.y + b.height <= a.y:  # up a row: top of a to bottom of b
        x1, y1, x2, y2 = a.cx, a.y, b.cx, b.y + b.height
        bend = (y1 - y2) / 2
        return (
            f"M{x1:.1f},{y1:.1f} C{x1:.1f},{y1 - bend:.1f} "
            f"{x2:.1f},{y2 + bend:.1f} {x2:.1f},{y2:.1f}"
        )
    if b.x >= a.x + a.width:  # right, in the same row
        x1, y1, x2, y2 = a.x + a.width, a.cy, b.x, b.cy
    else:  # left: from a's left side to b's right side
        x1, y1, x2, y2 = a.x, a.cy, b.x + b.width, b.cy
    bend = (x2 - x1) / 2
    return (
        f"M{x1:.1f},{y1:.1f} C{x1 + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
    )


def _text_lines(box: Box) -> list[str]:
    out = []
    y = box.y + BOX_PAD + FONT
    for line in box.title:
        out.append(f'<text x="{box.x + BOX_PAD:.1f}" y="{y:.1f}" class="title">{_esc(line)}</text>')
        y += FONT * LINE
    y += 2 + SMALL * (LINE - 1)
    for line in box.details:
        out.append(
            f'<text x="{box.x + BOX_PAD:.1f}" y="{y:.1f}" class="detail">{_esc(line)}</text>'
        )
        y += SMALL * LINE
    return out


def svg(journey: JourneyMap) -> str:
    """The journey map as a standalone SVG document, sized for A4 landscape."""
    grid = layout(journey)
    continuum = journey.continuum
    pool = journey.pool()
    offered = journey.site.offered if journey.site is not None else frozenset(continuum.roles)
    # A4 landscape, the drawing scaled to fit and centred.
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="297mm" height="210mm" '
        f'viewBox="0 0 {grid.width:.0f} {max(grid.height, grid.width * 210 / 297):.0f}" '
        'preserveAspectRatio="xMidYMin meet" role="img" '
        f'aria-labelledby="map-title" class="journey-map">',
        f'<title id="map-title">{_esc(journey.title)}</title>',
        "<style>"
        f"text{{font-family:{FONT_FAMILY};fill:#1a1a1a}}"
        f".title{{font-size:{FONT}px;font-weight:bold}}"
        f".detail{{font-size:{SMALL}px}}"
        f".head{{font-size:{FONT}px;font-weight:bold;fill:#333}}"
        f".legend{{font-size:{SMALL}px}}"
        ".role rect{stroke:#1f4e79;stroke-width:1.5;fill:#ffffff}"
        ".role.offered rect{fill:#d6e6f5;stroke:#0b3a66;stroke-width:3}"
        ".role.unused rect{fill:#f4f4f4;stroke:#b0b0b0}"
        ".role.unused text{fill:#6b6b6b}"
        ".edge{fill:none;stroke:#1f4e79;stroke-width:1.4}"
        ".edge.payment{stroke-dasharray:6 4}"
        ".edge.unused{stroke:#c8c8c8}"
        ".edge.allies{stroke:#7a4a00;stroke-dasharray:2 3}"
        ".band{fill:#fafafa;stroke:#e0e0e0}"
        "</style>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#1f4e79"/></marker>'
        '<marker id="arrow-pale" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#c8c8c8"/></marker>'
        '<marker id="arrow-allies" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#7a4a00"/></marker></defs>',
        f'<text x="{MARGIN}" y="{MARGIN + 22}" class="head" style="font-size:22px">'
        f"{_esc(journey.title)}</text>",
    ]
    subtitle = []
    if journey.site is not None and journey.site.estate_label:
        subtitle.append(journey.site.estate_label)
    subtitle.append(f"drawn {journey.drawn}")
    out.append(
        f'<text x="{MARGIN}" y="{MARGIN + 50}" class="detail" style="font-size:14px">'
        f"{_esc(', '.join(subtitle))}</text>"
    )
    right = max(b for _a, b in grid.columns.values())
    for level, (top, bottom) in grid.rows.items():
        out.append(
            f'<rect class="band" x="{MARGIN}" y="{top - GAP_Y / 2:.1f}" '
            f'width="{right - MARGIN + GAP_X / 2:.1f}" height="{bottom - top + GAP_Y:.1f}"/>'
        )
        middle = (top + bottom) / 2
        out.append(
            f'<text x="{MARGIN + 8}" y="{middle - 2:.1f}" class="head">{_esc(LEVELS[level])}</text>'
            f'<text x="{MARGIN + 8}" y="{middle + FONT * LINE - 2:.1f}" '
            'class="head">LC&amp;R</text>'
        )
    for scope, (a, b) in grid.columns.items():
        for i, line in enumerate(wrap(SCOPES[scope], b - a, FONT)):
            out.append(
                f'<text x="{a:.1f}" y="{MARGIN + TITLE + 16 + i * FONT * LINE:.1f}" '
                f'class="head">{_esc(line)}</text>'
            )
    if grid.allies is not None:
        out.append(
            f'<text x="{grid.allies.x:.1f}" y="{MARGIN + TITLE + 16:.1f}" class="head">'
            "Wing representation</text>"
        )
    # Edges under the boxes.
    for source in sorted(continuum.successors):
        for target in continuum.successors[source]:
            if source not in grid.boxes or target not in grid.boxes:
                continue
            bases = continuum.bases.get((source, target), [])
            across = any(b.rule.endswith("across-payment") for b in bases)
            used = source in pool and target in pool
            classes = ["edge"] + (["payment"] if across else []) + ([] if used else ["unused"])
            marker = "arrow" if used else "arrow-pale"
            out.append(
                f'<path class="{" ".join(classes)}" data-from="{_esc(slug(source))}" '
                f'data-to="{_esc(slug(target))}" '
                f'd="{_edge_path(grid.boxes[source], grid.boxes[target])}" '
                f'marker-end="url(#{marker})"/>'
            )
    if grid.allies is not None:
        for role in sorted(continuum.allies):
            if role in grid.boxes:
                out.append(
                    f'<path class="edge allies" data-from="{_esc(slug(role))}" '
                    f'data-to="cfo-allies" d="{_edge_path(grid.boxes[role], grid.allies)}" '
                    'marker-end="url(#arrow-allies)"/>'
                )
    for role, box in sorted(grid.boxes.items(), key=lambda item: continuum.roles[item[0]].position):
        classes = ["role"]
        if journey.site is not None:
            classes.append(
                "offered" if role in offered else ("usable" if role in pool else "unused")
            )
        out.append(
            f'<g class="{" ".join(classes)}" data-role="{_esc(slug(role))}">'
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" '
            f'height="{box.height:.1f}" rx="6"/>' + "".join(_text_lines(box)) + "</g>"
        )
    if grid.allies is not None:
        box = grid.allies
        out.append(
            f'<g class="role allies" data-role="cfo-allies"><rect x="{box.x:.1f}" y="{box.y:.1f}" '
            f'width="{box.width:.1f}" height="{box.height:.1f}" rx="6" '
            'style="fill:#fff4e0;stroke:#7a4a00"/>' + "".join(_text_lines(box)) + "</g>"
        )
    y = grid.legend_top + SMALL
    out.append('<g class="legend">')
    for line in _legend_lines(journey):
        for part in wrap(line, grid.width - 2 * MARGIN, SMALL):
            out.append(f'<text x="{MARGIN}" y="{y:.1f}" class="legend">{_esc(part)}</text>')
            y += SMALL * LINE
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


def html_page(journey: JourneyMap) -> str:
    """One self-contained page: the map, and the same in words (roles and steps), printable on
    A4 landscape (the map on the first page)."""
    continuum = journey.continuum
    pool = journey.pool()
    rows = []
    for role in sorted(continuum.roles.values(), key=lambda r: r.position):
        onward = [
            continuum.label(t, journey.site)
            for t in continuum.successors.get(role.iri, ())
            if t in pool
        ]
        offered = journey.site is not None and role.iri in journey.site.offered
        rows.append(
            "<tr>"
            f"<td>{_esc(journey.label(role.iri))}</td>"
            f"<td>{_esc(role.lcr)}</td>"
            f"<td>{'Paid' if role.paid else 'Unpaid' if role.paid is False else ''}</td>"
            f"<td>{_esc(', '.join(role.scope_labels))}</td>"
            f"<td>{'yes' if offered else ''}</td>"
            f"<td>{_esc(', '.join(onward)) or 'none'}</td>"
            "</tr>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_esc(journey.title)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<style>"
        f"body{{font-family:{FONT_FAMILY};margin:16px;color:#1a1a1a}}"
        ".map svg{width:100%;height:auto;max-width:1250px;display:block}"
        "table{border-collapse:collapse;margin-top:12px;font-size:13px;width:100%;"
        "max-width:1250px}"
        "th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top;"
        "overflow-wrap:anywhere}"
        "@page{size:A4 landscape;margin:8mm}"
        "@media print{body{margin:0}.map svg{width:281mm;height:auto;max-height:192mm}"
        ".words{break-before:page}}"
        "</style></head><body>"
        f'<div class="map">{svg(journey)}</div>'
        '<section class="words">'
        f"<h2>{_esc(journey.title)}: the roles and their next steps</h2>"
        "<table><thead><tr><th>Role</th><th>LC&amp;R</th><th>Paid or unpaid</th>"
        "<th>Role scope</th><th>Offered at the site</th><th>Next steps</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
        + "".join(f"<p>{_esc(line)}</p>" for line in _legend_lines(journey))
        + "</section></body></html>\n"
    )


def mermaid(journey: JourneyMap) -> str:
    """The map as a Mermaid flowchart: one subgraph per LC&R level, the offered roles styled."""
    continuum = journey.continuum
    pool = journey.pool()
    lines = ["flowchart BT", f"  %% {journey.title}, drawn {journey.drawn}"]
    for level in sorted(LEVELS):
        members = [r for r in continuum.roles.values() if r.max_level == level]
        lines.append(
            f"  subgraph lcr_{LEVELS[level].lower()}[{mermaid_text(LEVELS[level] + ' LC&R')}]"
        )
        for role in sorted(members, key=lambda r: r.position):
            paid = "Paid" if role.paid else "Unpaid"
            lines.append(
                f"    {mermaid_id(role.iri)}"
                f"[{mermaid_text(f'{journey.label(role.iri)} ({paid}, {role.lcr})')}]"
            )
        lines.append("  end")
    for source in sorted(continuum.successors):
        for target in continuum.successors[source]:
            if source in pool and target in pool:
                bases = continuum.bases.get((source, target), [])
                arrow = "-.->" if any(b.rule.endswith("across-payment") for b in bases) else "-->"
                lines.append(f"  {mermaid_id(source)} {arrow} {mermaid_id(target)}")
    if continuum.allies:
        lines.append(f"  cfo_allies[{mermaid_text(continuum.allies_label + ' (footnote 12)')}]")
        for supplier in sorted(continuum.allies):
            lines.append(f"  {mermaid_id(supplier)} -. CFO-Allies .-> cfo_allies")
    if journey.site is not None:
        for offered in sorted(journey.site.offered):
            lines.append(f"  style {mermaid_id(offered)} stroke-width:3px")
    return "\n".join(lines) + "\n"


renderer("map", "svg")(svg)
renderer("map", "html")(html_page)
renderer("map", "mermaid")(mermaid)
