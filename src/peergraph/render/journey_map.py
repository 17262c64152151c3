"""Journey maps (R3d): the continuum's roles on a grid, rows by LC&R (High at the top) and columns
by each role's widest scope, with the progression edges as arrows, the CFO-Allies steps
(footnote 12), and, for a site, the roles it offers highlighted and named as its estate names
them. SVG, one self-contained HTML page, or Mermaid.

The layout is computed here, with the standard library only: boxes of one width on a grid,
labels wrapped to the box by a conservative estimate of text width (wider than the fonts
browsers use for ``sans-serif``), so that no label is cut off and no box overlaps another; the
arrows are orthogonal lines kept to the gutters between the slots and the rows, each in a lane of
its own, leaving and entering boxes at their sides (or straight up, where nothing lies between),
so that no arrow crosses a box; the drawing is sized to print on A4 landscape.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from peergraph.render import renderer
from peergraph.terms import slug

if TYPE_CHECKING:
    from peergraph.routes import Continuum, Role, SiteView

__all__ = [
    "Arrow",
    "JourneyMap",
    "Layout",
    "layout",
    "mermaid_id",
    "mermaid_text",
    "text_width",
    "wrap",
]

# Sizes in SVG user units (px). A4 landscape is 297 x 210 mm.
FONT = 14
SMALL = 11.5
BOX_WIDTH = 196
BOX_PAD = 9
LINE = 1.3  # line height, in font sizes
BAND_PAD = 10  # the row bands reach this far into the gutters around their row
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

# The boxes stand in slots (columns one box wide); between two slots, and between two rows, runs a
# gutter that holds the arrows, each arrow in a lane of its own. Every box is exactly one slot
# wide, so each gutter is clear of boxes from end to end, and an arrow kept to the gutters
# cannot pass through a box. A gutter is as wide as its lanes need.
LANE = 8  # between two lanes of one gutter
LANE_PAD = 15  # from a gutter's edge to its nearest lane: room for an arrowhead
PORT_GAP = 11  # between two arrows' ends on one side of a box
PORT_INSET = 8  # from a box's corner to the nearest arrow's end (clear of the rounded corner)
GAP_IN_COLUMN = 22  # the narrowest gutter between two slots of one scope column
GAP_COLUMNS = 44  # ... between two scope columns
ROW_GAP = 40  # the narrowest gutter between two rows, and below the last
STACK_GAP = 20  # between two boxes stacked in one cell (no arrow runs there)
ROW_LABEL = 84  # the LC&R labels, left of the first gutter
Point = tuple[float, float]


@dataclass
class Box:
    """A role's box: where it is and the lines it holds (title lines, then the detail lines), its
    slot and the LC&R levels (rows) it spans."""

    role: str
    x: float
    y: float
    width: float
    height: float
    title: list[str]
    details: list[str]
    slot: int = 0
    levels: tuple[int, ...] = ()

    @property
    def cx(self) -> float:
        return self.x + self.width / 2

    @property
    def cy(self) -> float:
        return self.y + self.height / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Arrow:
    """One arrow of the map: the keys of the boxes it joins (a role's IRI, or ``cfo-allies``) and
    the corners of its line, from the source's side to the target's."""

    source: str
    target: str
    points: tuple[Point, ...]

    def path(self) -> str:
        head, *rest = self.points
        return f"M{head[0]:.1f},{head[1]:.1f}" + "".join(f" L{x:.1f},{y:.1f}" for x, y in rest)


@dataclass
class Layout:
    width: float
    height: float
    boxes: dict[str, Box]
    allies: Box | None
    rows: dict[int, tuple[float, float]]  # level -> (top, bottom)
    columns: dict[int, tuple[float, float]]  # scope -> (left, right)
    legend_top: float
    arrows: list[Arrow] = field(default_factory=list)
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


@dataclass
class _Grid:
    """The slots, the rows and the gutters between them, placed: ``vgaps[g]`` is the width of
    the gutter left of slot ``g`` (the last one right of the last slot), ``hgaps[j]`` the height
    of the gutter above row ``j`` (rows from the top; the last one below the last row)."""

    slot_scope: list[int]  # the scope column of each slot (ALLIES_COLUMN for CFO-Allies)
    levels: list[int]  # the rows' LC&R levels, from the top
    cells: dict[tuple[int, int], list[list[str]]]  # (level, scope) -> lines of boxes, top first
    ranged: list[str]  # the boxes that span rows, each in a slot of its own
    centred: list[str]  # boxes in the middle of a row of their own slot (CFO-Allies)
    vgaps: list[float]
    hgaps: list[float]
    gutter_left: list[float] = field(default_factory=list)
    gutter_top: list[float] = field(default_factory=list)
    slot_left: list[float] = field(default_factory=list)
    lanes_v: list[int] = field(default_factory=list)
    lanes_h: list[int] = field(default_factory=list)

    def place(self, boxes: dict[str, Box]) -> None:
        """Every slot, row and gutter at its coordinates, and every box in its place."""
        x: float = MARGIN + ROW_LABEL
        self.gutter_left, self.slot_left = [], []
        for g in range(len(self.slot_scope)):
            self.gutter_left.append(x)
            x += self.vgaps[g]
            self.slot_left.append(x)
            x += BOX_WIDTH
        self.gutter_left.append(x)
        # The first gutter starts just under the scope headings.
        y: float = MARGIN + TITLE + COL_HEAD - 8
        self.gutter_top, rows = [], {}
        row_height = {level: FONT * 3.0 for level in self.levels}
        for (level, _scope), lines in self.cells.items():
            height = sum(max(boxes[k].height for k in line) for line in lines)
            row_height[level] = max(row_height[level], height + STACK_GAP * (len(lines) - 1))
        for j, level in enumerate(self.levels):
            self.gutter_top.append(y)
            y += self.hgaps[j]
            rows[level] = (y, y + row_height[level])
            y += row_height[level]
        self.gutter_top.append(y)
        for (level, _scope), lines in self.cells.items():
            top = rows[level][0]
            for line in lines:
                for key in line:
                    boxes[key].x, boxes[key].y = self.slot_left[boxes[key].slot], top
                top += max(boxes[key].height for key in line) + STACK_GAP
        for key in self.ranged:
            box = boxes[key]
            box.x, box.y = self.slot_left[box.slot], rows[max(box.levels)][0]
            box.height = max(box.height, rows[min(box.levels)][1] - box.y)
        for key in self.centred:
            box = boxes[key]
            top, bottom = rows[box.levels[0]]
            box.x, box.y = self.slot_left[box.slot], (top + bottom) / 2 - box.height / 2

    def rows(self) -> dict[int, tuple[float, float]]:
        return {
            level: (self.gutter_top[j] + self.hgaps[j], self.gutter_top[j + 1])
            for j, level in enumerate(self.levels)
        }

    def v_middle(self, g: int) -> float:
        return self.gutter_left[g] + self.vgaps[g] / 2

    def h_middle(self, j: int) -> float:
        return self.gutter_top[j] + self.hgaps[j] / 2

    def v_lane(self, g: int, lane: int) -> float:
        return (
            self.gutter_left[g] + (self.vgaps[g] - (self.lanes_v[g] - 1) * LANE) / 2 + lane * LANE
        )

    def h_lane(self, j: int, lane: int) -> float:
        return self.gutter_top[j] + (self.hgaps[j] - (self.lanes_h[j] - 1) * LANE) / 2 + lane * LANE


ALLIES_COLUMN = 5  # the slot right of the scope columns, for CFO-Allies


def _gutter_minimum(slot_scope: list[int], g: int) -> float:
    """The narrowest the gutter left of slot ``g`` may be, lanes or none: wider between two
    scope columns than inside one, so that the columns read as columns."""
    if g == len(slot_scope):
        return 0.0
    if g == 0:
        return GAP_COLUMNS - 10
    return GAP_IN_COLUMN if slot_scope[g] == slot_scope[g - 1] else GAP_COLUMNS


def _lanes_needed(count: int, minimum: float) -> float:
    return max(minimum, 2 * LANE_PAD + (count - 1) * LANE) if count else minimum


@dataclass
class _Plan:
    """How one arrow runs, before it has coordinates: ``straight`` from the top of one box to
    the bottom of the box right above it; ``one`` out of a side, along one vertical gutter (the
    ``lane_gutter``) and into the target's side, the level part crossing only slots empty in
    that row; ``three`` along a vertical gutter, a row gutter and another vertical gutter."""

    source: str
    target: str
    kind: str
    out_side: int = 0  # -1 the left side, 1 the right side
    in_side: int = 0
    out_gutter: int = 0
    in_gutter: int = 0
    row_gutter: int = 0
    lane_gutter: int = 0
    h_lane: int = 0
    out_lane: int = 0
    in_lane: int = 0
    out_y: float = 0.0
    in_y: float = 0.0


def _near(box: Box, y: float) -> float:
    """The height on ``box``'s side nearest ``y``."""
    return min(max(y, box.y + PORT_INSET), box.bottom - PORT_INSET)


def _clear_between(a: Box, b: Box, boxes: list[Box]) -> bool:
    """Whether ``a`` and ``b`` share a slot with no other box between them."""
    if a.slot != b.slot:
        return False
    upper, lower = (a, b) if a.y < b.y else (b, a)
    return not any(
        o.slot == a.slot and o is not a and o is not b and o.y < lower.y and o.bottom > upper.bottom
        for o in boxes
    )


def _empty(low: int, high: int, levels: tuple[int, ...], boxes: list[Box]) -> bool:
    """Whether the slots between gutters ``low`` and ``high`` hold no box in the rows of
    ``levels`` (a level line there crosses nothing)."""
    return not any(low <= o.slot < high and set(o.levels) & set(levels) for o in boxes)


def _toward(lane_gutter: int, gutter: int, side: int) -> int:
    """The way (-1 left, 1 right) from a lane of ``lane_gutter`` to a box's ``side`` that faces
    ``gutter``."""
    if gutter == lane_gutter:
        return -side
    return 1 if gutter > lane_gutter else -1


def _plan(a: Box, b: Box, boxes: list[Box], grid: _Grid, load: dict[tuple[str, int], int]) -> _Plan:
    """The cheapest way from ``a`` to ``b``: shortest, fewest turns, ends spread over the sides."""
    if _clear_between(a, b, boxes):
        return _Plan(a.role, b.role, "straight")
    best: tuple[float, _Plan] | None = None
    for out_side in (-1, 1):
        out_gutter = a.slot + (out_side > 0)
        for in_side in (-1, 1):
            in_gutter = b.slot + (in_side > 0)
            ya, yb = _near(a, b.cy), _near(b, a.cy)
            cost = 15.0 * (load.get((a.role, out_side), 0) + load.get((b.role, in_side), 0))
            cost += 300.0 * ((out_gutter == 0) + (in_gutter == 0))  # beside the row labels
            options: list[tuple[float, _Plan]] = []
            low, high = sorted((out_gutter, in_gutter))
            for lane_gutter, crossed in ((out_gutter, b), (in_gutter, a)):
                # One vertical gutter: the level part beside the other box crosses empty slots.
                if out_gutter == in_gutter or _empty(low, high, crossed.levels, boxes):
                    plan = _Plan(a.role, b.role, "one", out_side, in_side, out_gutter, in_gutter)
                    plan.lane_gutter = lane_gutter
                    across = abs(grid.v_middle(out_gutter) - grid.v_middle(in_gutter))
                    options.append((cost + abs(ya - yb) + across, plan))
            if out_gutter != in_gutter:
                row = min(
                    range(len(grid.hgaps)),
                    key=lambda j: (
                        abs(ya - grid.h_middle(j)) + abs(grid.h_middle(j) - yb),
                        abs(grid.h_middle(j) - yb),
                    ),
                )
                ym = grid.h_middle(row)
                plan = _Plan(a.role, b.role, "three", out_side, in_side, out_gutter, in_gutter, row)
                cost += abs(ya - ym) + abs(ym - yb) + 60
                cost += abs(grid.v_middle(out_gutter) - grid.v_middle(in_gutter))
                options.append((cost, plan))
            for option in options:
                if best is None or option[0] < best[0]:
                    best = option
    assert best is not None
    plan = best[1]
    load[(a.role, plan.out_side)] = load.get((a.role, plan.out_side), 0) + 1
    load[(b.role, plan.in_side)] = load.get((b.role, plan.in_side), 0) + 1
    return plan


def _lanes(
    segments: list[tuple[tuple[float, ...], float, float, int]], gap: float
) -> dict[int, int]:
    """Lanes for segments (order, low, high, id): two that come within ``gap`` of each other
    never share a lane, and of two that would, the one first in ``order`` takes the lane nearer
    the gutter's top or left. Nested lines so ordered do not cross."""
    placed: list[tuple[float, float, int]] = []
    lane_of: dict[int, int] = {}
    for _order, low, high, ident in sorted(segments):
        taken = [lane for a, b, lane in placed if a - gap <= high and low <= b + gap]
        lane_of[ident] = max(taken, default=-1) + 1
        placed.append((low, high, lane_of[ident]))
    return lane_of


def _ports(plans: list[_Plan], boxes: dict[str, Box], grid: _Grid) -> None:
    """Where each arrow leaves and enters its boxes' sides: as near as the side allows to where
    it is going, no two closer than PORT_GAP, within one row for a box that spans rows."""
    rows = grid.rows()
    wanted: dict[tuple[str, int], list[tuple[float, str, int, str]]] = {}
    for n, plan in enumerate(plans):
        if plan.kind == "straight":
            continue
        a, b = boxes[plan.source], boxes[plan.target]
        if plan.kind == "three":
            ym = grid.h_lane(plan.row_gutter, plan.h_lane)
            towards_out, towards_in = ym, ym
        else:
            towards_out, towards_in = b.cy, a.cy
        wanted.setdefault((a.role, plan.out_side), []).append((towards_out, plan.target, n, "out"))
        wanted.setdefault((b.role, plan.in_side), []).append((towards_in, plan.source, n, "in"))
    for (key, _side), ports in wanted.items():
        box = boxes[key]
        spans = [
            (max(box.y, rows[level][0]) + PORT_INSET, min(box.bottom, rows[level][1]) - PORT_INSET)
            for level in sorted(box.levels, reverse=True)
        ] or [(box.y + PORT_INSET, box.bottom - PORT_INSET)]
        by_span: dict[int, list[tuple[float, str, int, str]]] = {}
        for port in ports:
            k = min(
                range(len(spans)),
                key=lambda i: max(spans[i][0] - port[0], port[0] - spans[i][1], 0),
            )
            by_span.setdefault(k, []).append(port)
        for k, group in by_span.items():
            low, high = spans[k]
            group.sort()
            step = min(PORT_GAP, (high - low) / max(len(group) - 1, 1))
            place = [min(max(y, low), high) for y, *_rest in group]
            for i in range(1, len(place)):
                place[i] = max(place[i], place[i - 1] + step)
            if place and place[-1] > high:
                place[-1] = high
                for i in range(len(place) - 2, -1, -1):
                    place[i] = min(place[i], place[i + 1] - step)
            for y, (_w, _other, n, end) in zip(place, group, strict=True):
                if end == "out":
                    plans[n].out_y = y
                else:
                    plans[n].in_y = y


def _route(journey: JourneyMap, boxes: dict[str, Box], grid: _Grid) -> list[Arrow]:
    """Every arrow's line, kept to the gutters; the gutters widened to hold their lanes."""
    continuum = journey.continuum
    pairs = [
        (source, target)
        for source in sorted(continuum.successors)
        for target in continuum.successors[source]
        if source in boxes and target in boxes
    ]
    if "cfo-allies" in boxes:
        pairs += [(role, "cfo-allies") for role in sorted(continuum.allies) if role in boxes]
    every = list(boxes.values())
    load: dict[tuple[str, int], int] = {}
    plans = [_plan(boxes[s], boxes[t], every, grid, load) for s, t in pairs]
    # A box tall enough for the arrows at its busiest side, PORT_GAP apart.
    for (key, _side), count in load.items():
        box = boxes[key]
        box.height = max(box.height, 2 * PORT_INSET + (count - 1) * PORT_GAP)
    # Row gutters first: which vertical gutters a lane runs between decides its lane, so the
    # rows' heights are known before any box's height on the page.
    grid.lanes_h = [0] * len(grid.hgaps)
    for j in range(len(grid.hgaps)):
        spans = []
        for n, p in enumerate(plans):
            if p.kind == "three" and p.row_gutter == j:
                left, right = sorted((p.out_gutter, p.in_gutter))
                left_box = boxes[p.source if p.out_gutter == left else p.target]
                # Lines that turn up at their left end: the leftmost on top (then the longest);
                # lines that turn down: the leftmost at the bottom.
                if left_box.cy < grid.h_middle(j):
                    order: tuple[float, ...] = (0, left, -right)
                else:
                    order = (1, -left, right)
                spans.append((order, float(left), float(right), n))
        lanes = _lanes(spans, 0.5)  # sharing a vertical gutter is sharing
        for n, lane in lanes.items():
            plans[n].h_lane = lane
        grid.lanes_h[j] = max(lanes.values(), default=-1) + 1
        minimum = ROW_GAP if j else 8.0
        grid.hgaps[j] = _lanes_needed(grid.lanes_h[j], minimum)
    grid.place(boxes)
    _ports(plans, boxes, grid)
    segments: dict[int, list[tuple[tuple[float, ...], float, float, int]]] = {}

    def vertical(gutter: int, ident: int, ends: list[tuple[float, int]]) -> None:
        # ends: (height, the way the line goes on from there: -1 left, 1 right). Lines that go
        # on right from their top: the highest in the leftmost lane; going left: rightmost.
        (top, way), (bottom, _way) = sorted(ends)
        order = (0, top, -bottom) if way > 0 else (1, -top, bottom)
        segments.setdefault(gutter, []).append((order, top, bottom, ident))

    for n, p in enumerate(plans):
        if p.kind == "one":
            ends = [
                (p.out_y, _toward(p.lane_gutter, p.out_gutter, p.out_side)),
                (p.in_y, _toward(p.lane_gutter, p.in_gutter, p.in_side)),
            ]
            vertical(p.lane_gutter, 2 * n, ends)
        elif p.kind == "three":
            ym = grid.h_lane(p.row_gutter, p.h_lane)
            onward = 1 if p.in_gutter > p.out_gutter else -1
            vertical(p.out_gutter, 2 * n, [(p.out_y, -p.out_side), (ym, onward)])
            vertical(p.in_gutter, 2 * n + 1, [(p.in_y, -p.in_side), (ym, -onward)])
    grid.lanes_v = [0] * len(grid.vgaps)
    for g, spans in segments.items():
        lanes = _lanes(spans, LANE)
        for ident, lane in lanes.items():
            if ident % 2 == 0:
                plans[ident // 2].out_lane = lane
            else:
                plans[ident // 2].in_lane = lane
        grid.lanes_v[g] = max(lanes.values()) + 1
    for g in range(len(grid.vgaps)):
        grid.vgaps[g] = _lanes_needed(grid.lanes_v[g], _gutter_minimum(grid.slot_scope, g))
    grid.place(boxes)
    arrows = []
    for p in plans:
        a, b = boxes[p.source], boxes[p.target]
        points: list[Point]
        if p.kind == "straight":
            if b.y < a.y:
                points = [(a.cx, a.y), (b.cx, b.bottom)]
            else:
                points = [(a.cx, a.bottom), (b.cx, b.y)]
        else:
            ax = a.x + a.width if p.out_side > 0 else a.x
            bx = b.x + b.width if p.in_side > 0 else b.x
            if p.kind == "one":
                x1 = grid.v_lane(p.lane_gutter, p.out_lane)
                points = [(ax, p.out_y), (x1, p.out_y), (x1, p.in_y), (bx, p.in_y)]
            else:
                x1 = grid.v_lane(p.out_gutter, p.out_lane)
                ym = grid.h_lane(p.row_gutter, p.h_lane)
                x2 = grid.v_lane(p.in_gutter, p.in_lane)
                points = [(ax, p.out_y), (x1, p.out_y), (x1, ym), (x2, ym), (x2, p.in_y)]
                points.append((bx, p.in_y))
        arrows.append(Arrow(p.source, p.target, tuple(_without_repeats(points))))
    return arrows


def _without_repeats(points: list[Point]) -> list[Point]:
    """The corners of a line, without repeated points or points in the middle of a straight
    run."""
    out: list[Point] = []
    for point in points:
        if out and abs(out[-1][0] - point[0]) < 0.05 and abs(out[-1][1] - point[1]) < 0.05:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (abs(x0 - x1) < 0.05 and abs(x1 - point[0]) < 0.05) or (
                abs(y0 - y1) < 0.05 and abs(y1 - point[1]) < 0.05
            ):
                out[-1] = point
                continue
        out.append(point)
    return out


def layout(journey: JourneyMap) -> Layout:
    """Boxes on the grid: rows by LC&R, columns by widest scope; a role whose LC&R is a range
    (Healthcare's "Low-High") gets a box as tall as its range, in a slot of its own. Then the
    arrows, each in the gutters between the boxes."""
    continuum = journey.continuum
    pool = journey.pool()
    entries = set(continuum.entries(pool))
    ends = set(continuum.dead_ends(pool))
    roles = sorted(continuum.roles.values(), key=lambda r: r.position)
    boxes = {r.iri: _box(journey, r, entries, ends) for r in roles}
    for r in roles:
        boxes[r.iri].levels = tuple(range(r.min_level, r.max_level + 1))
    ranged = [r for r in roles if r.min_level != r.max_level]
    single = [r for r in roles if r.min_level == r.max_level]
    members: dict[tuple[int, int], list[Role]] = {}
    for r in single:
        members.setdefault((r.max_level, max(r.widest_scope, 2)), []).append(r)
    slot_scope: list[int] = []
    cells: dict[tuple[int, int], list[list[str]]] = {}
    for c in sorted(SCOPES):
        own = len(slot_scope)
        for r in ranged:
            if max(r.widest_scope, 2) == c:
                boxes[r.iri].slot = len(slot_scope)
                slot_scope.append(c)
        across = max([min(PER_CELL_ACROSS, len(members.get((lv, c), []))) for lv in LEVELS])
        first = len(slot_scope)
        slot_scope += [c] * max(across, 1 if first == own else 0)
        for level in LEVELS:
            in_cell = [r.iri for r in members.get((level, c), [])]
            lines = [in_cell[i : i + across] for i in range(0, len(in_cell), across or 1)]
            for line in lines:
                for j, key in enumerate(line):
                    boxes[key].slot = first + j
            if lines:
                cells[(level, c)] = lines
    if continuum.allies:
        inner = BOX_WIDTH - 2 * BOX_PAD
        title = wrap(continuum.allies_label, inner, FONT)
        details = wrap(
            "wing representation where Prisoner Council membership is unavailable (footnote 12)",
            inner,
            SMALL,
        )
        height = 2 * BOX_PAD + len(title) * FONT * LINE + len(details) * SMALL * LINE + 2
        boxes["cfo-allies"] = Box("cfo-allies", 0, 0, BOX_WIDTH, height, title, details)
        boxes["cfo-allies"].slot = len(slot_scope)
        boxes["cfo-allies"].levels = (2,)
        slot_scope.append(ALLIES_COLUMN)
    levels = sorted(LEVELS, reverse=True)
    grid = _Grid(
        slot_scope,
        levels,
        cells,
        [r.iri for r in ranged],
        ["cfo-allies"] if "cfo-allies" in boxes else [],
        [_gutter_minimum(slot_scope, g) for g in range(len(slot_scope) + 1)],
        [8.0] + [float(ROW_GAP)] * len(levels),
    )
    grid.place(boxes)
    arrows = _route(journey, boxes, grid)
    allies = boxes.pop("cfo-allies", None)
    rows = grid.rows()
    columns: dict[int, tuple[float, float]] = {}
    for s, scope in enumerate(slot_scope):
        if scope in SCOPES:
            left = columns.get(scope, (grid.slot_left[s], 0.0))[0]
            columns[scope] = (left, grid.slot_left[s] + BOX_WIDTH)
    width = grid.gutter_left[-1] + grid.vgaps[-1] + MARGIN
    legend_top = grid.gutter_top[-1] + grid.hgaps[-1]
    height = legend_top + _legend_height(journey) + MARGIN
    return Layout(width, height, boxes, allies, rows, columns, legend_top, arrows)


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
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#1f4e79"/></marker>'
        '<marker id="arrow-pale" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#c8c8c8"/></marker>'
        '<marker id="arrow-allies" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
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
            f'<rect class="band" x="{MARGIN}" y="{top - BAND_PAD:.1f}" '
            f'width="{right - MARGIN + BAND_PAD:.1f}" height="{bottom - top + 2 * BAND_PAD:.1f}"/>'
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

    # Arrows under the boxes; the pale ones first, so that a site's own steps lie on top.
    def used(arrow: Arrow) -> bool:
        return arrow.target == "cfo-allies" or (arrow.source in pool and arrow.target in pool)

    for arrow in sorted(grid.arrows, key=used):
        if arrow.target == "cfo-allies":
            classes, marker = ["edge", "allies"], "arrow-allies"
        else:
            bases = continuum.bases.get((arrow.source, arrow.target), [])
            across = any(b.rule.endswith("across-payment") for b in bases)
            classes = (
                ["edge"] + (["payment"] if across else []) + ([] if used(arrow) else ["unused"])
            )
            marker = "arrow" if used(arrow) else "arrow-pale"
        target = "cfo-allies" if arrow.target == "cfo-allies" else slug(arrow.target)
        out.append(
            f'<path class="{" ".join(classes)}" data-from="{_esc(slug(arrow.source))}" '
            f'data-to="{_esc(target)}" d="{arrow.path()}" marker-end="url(#{marker})"/>'
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
