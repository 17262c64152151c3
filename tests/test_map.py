"""Journey maps (R3d): ``peergraph map`` for each pilot site, a site file or form, and the whole
continuum, as SVG, HTML and Mermaid; the layout (no overlaps, labels inside their boxes, arrows
through no box but their own two ends, each in a lane of its own)."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Namespace
from rdflib.namespace import RDFS

from peergraph.cli import main
from peergraph.graph import load_bundled_graph
from peergraph.render.journey_map import BOX_PAD, FONT, SMALL, JourneyMap, layout, text_width
from peergraph.routes import Continuum

PG = Namespace("https://w3id.org/peergraph/ontology#")
SITE = Namespace("https://w3id.org/peergraph/data/site/")
SVG = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parent.parent
PILOTS = ["hmp-risley", "hmp-high-down", "hmp-drake-hall", "hmp-holme-house"]


@pytest.fixture(scope="module")
def graph():
    return load_bundled_graph()


@pytest.fixture(scope="module")
def continuum(graph) -> Continuum:
    return Continuum.from_graph(graph)


def _offered_labels(graph, site: str) -> set[str]:
    """The continuum roles a pilot site's wings offer, read from the site graph directly, named
    as the site's estate names them."""
    estate = graph.value(SITE[site], PG.estate)
    found = set()
    for wing in graph.objects(SITE[site], PG.hostsCFOWing):
        for local in graph.objects(wing, PG.offersRole):
            role = graph.value(local, PG.continuumRole)
            names = [
                str(graph.value(v, RDFS.label))
                for v in graph.objects(role, PG.hasVariant)
                if (v, PG.inEstate, estate) in graph
            ]
            found.add(names[0] if len(names) == 1 else str(graph.value(role, RDFS.label)))
    return found


def _texts(root: ET.Element, role: str) -> str:
    group = next(g for g in root.iter(f"{SVG}g") if g.get("data-role") == role)
    return " ".join(t.text or "" for t in group.iter(f"{SVG}text"))


@pytest.mark.parametrize("site", PILOTS)
def test_each_pilot_sites_map_parses_and_names_the_roles_it_offers(
    capsys, tmp_path: Path, graph, site: str
) -> None:
    out = tmp_path / f"{site}.svg"
    assert main(["map", site, "--out", str(out)]) == 0
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg" and root.get("width") == "297mm"
    text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert str(graph.value(SITE[site], RDFS.label)) in text
    assert datetime.date.today().isoformat() in text
    offered = _offered_labels(graph, site)
    assert offered
    highlighted = [g for g in root.iter(f"{SVG}g") if "offered" in (g.get("class") or "")]
    assert {" ".join(_texts(root, g.get("data-role", "")).split()) for g in highlighted}
    for name in offered:
        assert any(
            name in " ".join(_texts(root, g.get("data-role", "")).split()) for g in highlighted
        ), name
    assert "CFO-Allies" in text and "Arrows:" in text


def test_a_female_estate_sites_map_says_purple_band(tmp_path: Path) -> None:
    for site, name, other in (
        ("hmp-drake-hall", "Purple Band", "Red Band"),
        ("hmp-risley", "Red Band", "Purple Band"),
    ):
        out = tmp_path / f"{site}.svg"
        assert main(["map", site, "--out", str(out)]) == 0
        root = ET.parse(out).getroot()
        band = _texts(root, "red-purple-band")
        assert name in band and other not in band and "Red or Purple" not in band


def test_the_whole_continuum_map_has_every_role_and_every_edge(tmp_path: Path, graph) -> None:
    out = tmp_path / "continuum.svg"
    assert main(["map", "--out", str(out)]) == 0
    root = ET.parse(out).getroot()
    roles = {g.get("data-role") for g in root.iter(f"{SVG}g") if g.get("data-role")}
    assert len(roles - {"cfo-allies"}) == 15
    arrows = {
        (p.get("data-from"), p.get("data-to"))
        for p in root.iter(f"{SVG}path")
        if "edge" in (p.get("class") or "") and "allies" not in (p.get("class") or "")
    }
    edges = {
        (str(a).rsplit("/", 1)[-1], str(b).rsplit("/", 1)[-1])
        for a, b in graph.subject_objects(PG.progressesTo)
    }
    assert arrows == edges
    allies = {
        p.get("data-from") for p in root.iter(f"{SVG}path") if p.get("data-to") == "cfo-allies"
    }
    assert allies == {
        str(r).rsplit("/", 1)[-1] for r in graph.subjects(PG.recruitedAsAlliesInto, None)
    }
    # Dead ends and roles with no way in are marked: the Peer Mentor is the one end.
    assert "no onward step" in _texts(root, "peer-mentor")
    assert "no way in" in _texts(root, "listener")
    assert "no way in" not in _texts(root, "prisoner-council")


@pytest.mark.parametrize("site", [None, *PILOTS])
def test_no_box_overlaps_another_and_every_label_fits(
    continuum: Continuum, site: str | None
) -> None:
    view = continuum.site(str(SITE[site])) if site else None
    grid = layout(JourneyMap(continuum, view, "2026-01-01", "0"))
    boxes = [*grid.boxes.values(), *([grid.allies] if grid.allies else [])]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a.x + a.width <= b.x or b.x + b.width <= a.x
                or a.y + a.height <= b.y or b.y + b.height <= a.y
            )  # fmt: skip
            assert apart, (a.role, b.role)
        inner = a.width - 2 * BOX_PAD
        assert all(text_width(line, FONT) <= inner for line in a.title), a.title
        assert all(text_width(line, SMALL) <= inner for line in a.details), a.details
        assert a.x >= 0 and a.x + a.width <= grid.width and a.y + a.height <= grid.legend_top
    # It prints on A4 landscape: the drawing is no taller than the page's shape allows.
    assert grid.height <= grid.width * 210 / 297


def test_a_site_graph_and_a_site_form_as_the_site(tmp_path: Path) -> None:
    example = ROOT / "data" / "examples" / "valid" / "hmp-example.ttl"
    form = tmp_path / "example.xlsx"
    assert main(["convert", str(example), "--out", str(form)]) == 0
    for given in (example, form):
        out = tmp_path / f"{given.suffix[1:]}.html"
        assert main(["map", str(given), "--out", str(out)]) == 0
        page = out.read_text(encoding="utf-8")
        assert "HMP Example" in page and "<svg" in page
        # Self-contained: nothing fetched.
        assert "src=" not in page and "<link" not in page and "@import" not in page
        root = ET.fromstring(page[page.index("<svg") : page.index("</svg>") + 6])
        offered = [
            g.get("data-role", "") for g in root.iter(f"{SVG}g") if "offered" in g.get("class", "")
        ]
        assert sorted(offered) == ["induction-orderly", "peer-mentor"]


def test_mermaid_to_standard_output(capsys) -> None:
    assert main(["map", "hmp-drake-hall", "--format", "mermaid"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("flowchart BT") and "Purple Band" in out
    assert "style peer_mentor" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["map", "hmp-nowhere", "--out", "{tmp}/m.svg"], "hmp-nowhere"),
        (["map", "--out", "{tmp}/m.png"], "m.png"),
        (["map", "--out", "{tmp}/no-such-folder/m.svg"], "no-such-folder"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    capsys, tmp_path: Path, args, words
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err and "Traceback" not in err
    assert list(tmp_path.rglob("*.svg")) == [] and list(tmp_path.rglob("*.png")) == []


# --- arrows keep out of other roles' boxes -------------------------------------------------------

_PATH_TOKEN = re.compile(r"[MLHVCQZmlhvcqz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "Q": 4, "Z": 0}


def _polyline(d: str, samples: int = 24) -> list[tuple[float, float]]:
    """The points an SVG path's outline passes through, read from its ``d`` attribute as the SVG
    specification reads it: straight segments by their ends, curves sampled."""
    tokens = _PATH_TOKEN.findall(d)
    points: list[tuple[float, float]] = []
    x = y = 0.0
    start = (0.0, 0.0)
    i, command = 0, ""
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                x, y = start
                points.append(start)
                continue
        upper = command.upper()
        values = [float(t) for t in tokens[i : i + _ARITY[upper]]]
        i += _ARITY[upper]
        dx, dy = (x, y) if command.islower() else (0.0, 0.0)
        if upper == "M":
            x, y = values[0] + dx, values[1] + dy
            start = (x, y)
            points.append((x, y))
            command = "l" if command == "m" else "L"  # pairs after a moveto are linetos
        elif upper == "L":
            x, y = values[0] + dx, values[1] + dy
            points.append((x, y))
        elif upper == "H":
            x = values[0] + dx
            points.append((x, y))
        elif upper == "V":
            y = values[0] + dy
            points.append((x, y))
        else:  # C, Q: Bezier curves, sampled
            controls = [(x, y)] + [
                (values[k] + dx, values[k + 1] + dy) for k in range(0, len(values), 2)
            ]
            for step in range(1, samples + 1):
                t = step / samples
                layer = controls
                while len(layer) > 1:  # de Casteljau
                    layer = [
                        (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                        for a, b in zip(layer, layer[1:], strict=False)
                    ]
                points.append(layer[0])
            x, y = controls[-1]
    return points


def _crosses(a: tuple[float, float], b: tuple[float, float], rect: tuple[float, ...]) -> bool:
    """Whether the segment from a to b meets the open rectangle (left, top, right, bottom):
    Liang-Barsky clipping."""
    left, top, right, bottom = rect
    low, high = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - left), (dx, right - a[0]), (-dy, a[1] - top), (dy, bottom - a[1])):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return False
    return True


def _boxes_and_arrows(
    root: ET.Element,
) -> tuple[dict[str, tuple[float, ...]], list[tuple[str, str, list[tuple[float, float]]]]]:
    boxes: dict[str, tuple[float, ...]] = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("data-role"):
            rect = group.find(f"{SVG}rect")
            assert rect is not None
            x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
            w, h = float(rect.get("width", 0)), float(rect.get("height", 0))
            boxes[group.get("data-role", "")] = (x, y, x + w, y + h)
    arrows = [
        (p.get("data-from", ""), p.get("data-to", ""), _polyline(p.get("d", "")))
        for p in root.iter(f"{SVG}path")
        if p.get("data-from") and p.get("data-to")
    ]
    return boxes, arrows


def _grow(rect: tuple[float, ...], by: float) -> tuple[float, ...]:
    return (rect[0] - by, rect[1] - by, rect[2] + by, rect[3] + by)


@pytest.mark.parametrize("site", [None, *PILOTS])
def test_no_arrow_runs_through_a_box_but_its_own_two_ends(tmp_path: Path, site: str | None) -> None:
    out = tmp_path / "map.svg"
    assert main(["map", *([site] if site else []), "--out", str(out)]) == 0
    boxes, arrows = _boxes_and_arrows(ET.parse(out).getroot())
    assert len(boxes) == 16 and len(arrows) == 38  # 34 progression edges, 4 CFO-Allies steps
    through = []
    for source, target, points in arrows:
        assert len(points) >= 2, (source, target)
        for a, b in zip(points, points[1:], strict=False):
            for role, rect in boxes.items():
                # Other boxes with a margin of the line's width; its own ends' insides.
                keep_out = _grow(rect, 1.5) if role not in (source, target) else _grow(rect, -1)
                if _crosses(a, b, keep_out):
                    through.append(f"{source} -> {target} through {role}")
    assert sorted(set(through)) == []


def _on_edge(point: tuple[float, float], rect: tuple[float, ...]) -> bool:
    x, y = point
    left, top, right, bottom = rect
    inside = left - 0.6 <= x <= right + 0.6 and top - 0.6 <= y <= bottom + 0.6
    return inside and min(abs(x - left), abs(x - right), abs(y - top), abs(y - bottom)) <= 0.6


@pytest.mark.parametrize("site", [None, *PILOTS])
def test_each_arrow_runs_from_its_sources_side_to_its_targets_in_a_lane_of_its_own(
    tmp_path: Path, site: str | None
) -> None:
    out = tmp_path / "map.svg"
    assert main(["map", *([site] if site else []), "--out", str(out)]) == 0
    boxes, arrows = _boxes_and_arrows(ET.parse(out).getroot())
    runs: list[tuple[str, str, float, float, float]] = []  # arrow, "h"/"v", at, from, to
    for source, target, points in arrows:
        name = f"{source} -> {target}"
        # It starts on its source's outline and its head ends on its target's, coming straight
        # at it from outside (the last leg at least an arrowhead long).
        assert _on_edge(points[0], boxes[source]) and _on_edge(points[-1], boxes[target]), name
        (x0, y0), (x1, y1) = points[-2], points[-1]
        assert x0 == x1 or y0 == y1, name
        assert abs(x1 - x0) + abs(y1 - y0) >= 12, name
        assert not _crosses((x0, y0), ((x0 + x1) / 2, (y0 + y1) / 2), _grow(boxes[target], -1))
        for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
            assert ax == bx or ay == by, f"{name}: not along a gutter"
            if ay == by:
                runs.append((name, "h", ay, min(ax, bx), max(ax, bx)))
            else:
                runs.append((name, "v", ax, min(ay, by), max(ay, by)))
    # No two arrows lie on top of each other: no stretch of line is shared.
    shared = [
        (a[0], b[0])
        for i, a in enumerate(runs)
        for b in runs[i + 1 :]
        if a[0] != b[0] and a[1] == b[1] and abs(a[2] - b[2]) < 1.0
        and min(a[4], b[4]) - max(a[3], b[3]) > 1.0
    ]  # fmt: skip
    assert shared == []
