"""Journey maps (R3d): ``peergraph map`` for each pilot site, a site file or form, and the whole
continuum, as SVG, HTML and Mermaid; the layout (no overlaps, labels inside their boxes)."""

from __future__ import annotations

import datetime
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
