"""Progression edges (derived by named rules, each with what it rests on) and routes between
roles (CQ5), from the Python API and the command line.

The expected edges are computed here, independently of the SPARQL rules, from the transcription
of Appendix 2 (``tests/source/appendix-2.tsv``) and the rules as docs/routes.md states them."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from peergraph.cli import main
from peergraph.errors import InputError
from peergraph.graph import copy_graph, load_bundled_graph, load_reference_graph
from peergraph.routes import MAX_STEPS, Continuum, find_routes, resolve_role, resolve_site

PG = Namespace("https://w3id.org/peergraph/ontology#")
ROLE = Namespace("https://w3id.org/peergraph/data/role/")
SITE = Namespace("https://w3id.org/peergraph/data/site/")
ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path(__file__).parent / "source"

# The continuum's slugs in Appendix 2's order (the interface's table of role identifiers).
SLUGS = [
    "induction-orderly", "pid-cio-house-rep", "listener", "social-care-peer-support",
    "cleaner-food-server-laundry", "red-purple-band", "shannon-trust-mentor",
    "education-classroom-assistant", "healthcare-assistant", "ambassador",
    "industries-workshop-mentor", "rep", "prisoner-council", "peer-mentor", "mutual-aid-group",
]  # fmt: skip
LEVEL = {"Low": 1, "Medium": 2, "High": 3}
RULES = {
    "next-lcr-level",
    "next-lcr-level-across-payment",
    "into-collective-representation",
    "into-collective-representation-across-payment",
}


@dataclass(frozen=True)
class Row:
    """A role's row of Appendix 2, as the rules read it."""

    min: int
    max: int
    paid: bool
    scopes: frozenset[int]


def _appendix_2() -> dict[str, Row]:
    """Each role's LC&R range, payment and scope columns (2 single issue ... 4 collective), read
    from the transcription with the project's readings that docs/routes.md names: any cell but
    "No" gives the scope; the empty collective cells of the Prisoner Council and the Peer Mentor
    give it too (definition b and c, and the Council's name); "Low-High" is a range."""
    with (SOURCE / "appendix-2.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    roles: dict[str, Row] = {}
    for slug, row in zip(SLUGS, rows, strict=True):
        row = row + [""] * (7 - len(row))
        low, _, high = row[1].partition("-")
        scopes = {1 + i for i, cell in enumerate(row[3:7]) if cell.strip() not in ("No", "")}
        if slug in ("prisoner-council", "peer-mentor") and row[6].strip() == "":
            scopes.add(4)
        roles[slug] = Row(LEVEL[low], LEVEL[high or low], row[2] == "Paid", frozenset(scopes))
    return roles


def _expected_edges() -> dict[tuple[str, str], str]:
    """(from, to) -> rule, by the rules of docs/routes.md."""
    roles = _appendix_2()
    edges: dict[tuple[str, str], str] = {}
    for a, ra in roles.items():
        for b, rb in roles.items():
            if a == b:
                continue
            suffix = "" if ra.paid == rb.paid else "-across-payment"
            wa, wb = max(ra.scopes), max(rb.scopes)
            if rb.min == ra.max + 1 and wa <= wb <= wa + 1:
                edges[(a, b)] = "next-lcr-level" + suffix
            if rb.min == ra.max and 4 in rb.scopes and 4 not in ra.scopes:
                edges[(a, b)] = "into-collective-representation" + suffix
    return edges


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_bundled_graph()


@pytest.fixture(scope="module")
def continuum(graph: Graph) -> Continuum:
    return Continuum.from_graph(graph)


def _slug(iri: object) -> str:
    return str(iri).rsplit("/", 1)[-1]


def _records(
    graph: Graph, source: Node, target: Node, prop: URIRef = PG.progressesTo
) -> list[Node]:
    return [
        r
        for r in graph.subjects(PG.recordOf, source)
        if (r, PG.recordProperty, prop) in graph and (r, PG.recordValue, target) in graph
    ]


# --- the edges ----------------------------------------------------------------------------------


def test_the_edges_are_the_rules_of_the_docs_applied_to_appendix_2(graph: Graph) -> None:
    found = {}
    for source, target in graph.subject_objects(PG.progressesTo):
        rules = {
            str(graph.value(r, PG.rule))
            for r in _records(graph, source, target)
            if graph.value(r, PG.provenanceKind) == PG.derived
        }
        assert len(rules) == 1, (source, target, rules)
        found[(_slug(source), _slug(target))] = rules.pop()
    assert found == _expected_edges()
    assert set(found.values()) == RULES


def test_every_edge_names_its_rule_the_cells_it_reads_and_any_reading(graph: Graph) -> None:
    rule_files = {p.stem for p in (ROOT / "queries" / "rules").glob("*.rq")}
    for source, target in graph.subject_objects(PG.progressesTo):
        records = _records(graph, source, target)
        derived = [r for r in records if graph.value(r, PG.provenanceKind) == PG.derived]
        assert len(derived) == 1
        assert str(graph.value(derived[0], PG.rule)) in rule_files
        assert graph.value(derived[0], PG.reason)
        cells = set(graph.objects(derived[0], PROV.wasDerivedFrom))
        for role in (source, target):
            for column in ("lcr", "payment"):
                assert any(
                    (c, PG.cellOf, role) in graph
                    and (c, PG.inColumn, URIRef(f"{SRC}appendix-2-col-{column}")) in graph
                    for c in cells
                ), (source, target, column)
        # Where a cell it cites is read by the project (an interpretation record cites it for
        # that role), the edge says it rests on a reading, citing that cell.
        read = {
            c
            for c in cells
            for i in graph.subjects(PROV.wasDerivedFrom, c)
            if graph.value(i, PG.provenanceKind) == PG.interpretation
            and (i, PG.recordOf, graph.value(c, PG.cellOf)) in graph
            and graph.value(i, PG.recordProperty) != PG.progressesTo
            and _fact_read(graph, i, c)
        }
        readings = [r for r in records if graph.value(r, PG.provenanceKind) == PG.interpretation]
        if read:
            assert len(readings) == 1, (source, target)
            assert read <= set(graph.objects(readings[0], PROV.wasDerivedFrom))
        else:
            assert readings == []


SRC = "https://w3id.org/peergraph/data/source/"


def _fact_read(graph: Graph, record: Node, cell: Node) -> bool:
    """Whether the interpretation ``record`` reads the fact of ``cell`` that the edge uses: the
    cell's column is one of the record's properties' columns, and for a scope, its value."""
    column = graph.value(cell, PG.inColumn)
    prop = graph.value(record, PG.recordProperty)
    if prop in (PG.minLCR, PG.maxLCR):
        return str(column).endswith("col-lcr")
    if prop == PG.hasScope:
        return (graph.value(record, PG.recordValue), PG.valueColumn, column) in graph
    return prop == PG.payment and str(column).endswith("col-payment")


def test_a_step_that_changes_payment_says_so(graph: Graph) -> None:
    """A step between a paid and an unpaid role (the transcription's payment column) is made by
    an across-payment rule, whose record says so and cites the payment guidance (footnote 16)."""
    roles = _appendix_2()
    changing = 0
    for source, target in graph.subject_objects(PG.progressesTo):
        changes = roles[_slug(source)].paid != roles[_slug(target)].paid
        (record,) = [
            r
            for r in _records(graph, source, target)
            if graph.value(r, PG.provenanceKind) == PG.derived
        ]
        assert str(graph.value(record, PG.rule)).endswith("-across-payment") == changes
        assert ("changes payment" in str(graph.value(record, PG.reason))) == changes
        cited = set(graph.objects(record, PROV.wasDerivedFrom))
        assert (URIRef(SRC + "footnote-16") in cited) == changes
        changing += changes
    assert changing


def test_no_edge_narrows_scope_or_lowers_responsibility(graph: Graph) -> None:
    roles = _appendix_2()
    assert list(graph.subject_objects(PG.progressesTo))
    for source, target in graph.subject_objects(PG.progressesTo):
        a, b = roles[_slug(source)], roles[_slug(target)]
        assert b.min >= a.max, (source, target)
        assert max(b.scopes) >= max(a.scopes), (source, target)


def test_healthcare_is_entered_at_low_and_left_from_high(
    graph: Graph, continuum: Continuum
) -> None:
    """docs/routes.md: a Low-High role is entered at its lowest level (nothing lies below Low,
    so nothing leads in) and left from its highest (High: only into collective representation,
    the Peer Mentor, changing payment)."""
    healthcare = ROLE["healthcare-assistant"]
    assert list(graph.subjects(PG.progressesTo, healthcare)) == []
    assert list(graph.objects(healthcare, PG.progressesTo)) == [ROLE["peer-mentor"]]
    (record,) = [
        r
        for r in _records(graph, healthcare, ROLE["peer-mentor"])
        if graph.value(r, PG.provenanceKind) == PG.derived
    ]
    assert str(graph.value(record, PG.rule)) == "into-collective-representation-across-payment"
    docs = (ROOT / "docs" / "routes.md").read_text(encoding="utf-8")
    assert "into-collective-representation-across-payment" in docs and "Low-High" in docs
    assert str(healthcare) in continuum.entries()


def test_footnote_12s_roles_step_into_cfo_allies(graph: Graph) -> None:
    suppliers = set(graph.subjects(PG.canSupplyAllies, Literal(True)))
    assert len(suppliers) == 4
    assert set(graph.subjects(PG.recruitedAsAlliesInto, PG["cfo-allies"])) == suppliers
    for role in suppliers:
        (record,) = [
            r
            for r in _records(graph, role, PG["cfo-allies"], PG.recruitedAsAlliesInto)
            if graph.value(r, PG.provenanceKind) == PG.derived
        ]
        assert URIRef(SRC + "footnote-12") in set(graph.objects(record, PROV.wasDerivedFrom))
    # The footnote's "Education Class support assistants" is a reading: so is the step.
    readings = [
        r
        for r in _records(
            graph, ROLE["education-classroom-assistant"], PG["cfo-allies"], PG.recruitedAsAlliesInto
        )
        if graph.value(r, PG.provenanceKind) == PG.interpretation
    ]
    assert len(readings) == 1
    # A step of its own kind: never a progression edge.
    assert (None, PG.progressesTo, PG["cfo-allies"]) not in graph


def test_rerunning_the_rules_reproduces_the_derived_edges() -> None:
    from peergraph import rules
    from peergraph.graph import _reference_files
    from peergraph.rdfio import merge_into, parse_file

    raw = Graph()
    for file in _reference_files():
        merge_into(raw, parse_file(file))
    assert (None, PG.progressesTo, None) not in raw  # no edge is written by hand
    added = rules.apply_rules(raw)
    assert added > 0
    reference = load_reference_graph()

    def named(graph: Graph) -> set[tuple[object, ...]]:  # blank nodes differ from parse to parse
        return {t for t in graph if not any(isinstance(term, BNode) for term in t)}

    assert named(raw) == named(reference)
    assert rules.apply_rules(raw) == 0  # a rerun adds nothing: the same records


# --- routes -------------------------------------------------------------------------------------


def test_induction_orderly_reaches_the_prisoner_council_taking_on_more(graph: Graph) -> None:
    roles = _appendix_2()
    routes = find_routes(
        graph, ROLE["induction-orderly"], ROLE["prisoner-council"], all_routes=True
    )
    assert routes
    assert find_routes(graph, ROLE["induction-orderly"], ROLE["prisoner-council"]) == [
        [str(ROLE["induction-orderly"]), str(ROLE["prisoner-council"])]
    ]
    for route in routes:
        assert route[0].endswith("induction-orderly") and route[-1].endswith("prisoner-council")
        for a, b in zip(route, route[1:], strict=False):
            assert roles[_slug(b)].min >= roles[_slug(a)].max


def test_no_route_down_the_continuum(graph: Graph) -> None:
    assert find_routes(graph, ROLE["peer-mentor"], ROLE["induction-orderly"], all_routes=True) == []
    g = copy_graph(graph)
    g.add((ROLE["peer-mentor"], PG.progressesTo, ROLE["induction-orderly"]))
    assert find_routes(g, ROLE["peer-mentor"], ROLE["induction-orderly"]) == []


def test_shortest_first_and_all_routes(graph: Graph) -> None:
    start, end = ROLE["shannon-trust-mentor"], ROLE["peer-mentor"]
    every = find_routes(graph, start, end, all_routes=True)
    shortest = find_routes(graph, start, end)
    assert shortest == [r for r in every if len(r) == len(every[0])]
    assert len(every) > len(shortest)
    assert [len(r) for r in every] == sorted(len(r) for r in every)
    for route in every:
        assert len(set(route)) == len(route)


def test_site_limits_routes_to_the_roles_it_offers(graph: Graph, tmp_path: Path) -> None:
    g = copy_graph(graph)
    wing = SITE["hmp-high-down-community-living-unit"]
    assert (None, PG.hostsCFOWing, wing) in g
    for slug in ("induction-orderly", "rep", "social-care-peer-support"):
        local = SITE[f"test-{slug}"]
        g.add((wing, PG.offersRole, local))
        g.add((local, PG.continuumRole, ROLE[slug]))
    everywhere = find_routes(g, ROLE["induction-orderly"], all_routes=True)
    at_site = find_routes(g, ROLE["induction-orderly"], site=SITE["hmp-high-down"], all_routes=True)
    assert at_site and len(at_site) < len(everywhere)
    offered = {str(ROLE[s]) for s in ("rep", "social-care-peer-support", "ambassador")}
    for route in at_site:
        assert set(route[1:]) <= offered, route
    assert any(str(ROLE["prisoner-council"]) in r for r in everywhere)
    assert [str(ROLE["induction-orderly"]), str(ROLE["rep"])] in at_site


def test_one_step_limit_by_default_everywhere(graph: Graph) -> None:
    import inspect

    assert inspect.signature(find_routes).parameters["max_steps"].default == MAX_STEPS
    start = ROLE["shannon-trust-mentor"]
    routes = find_routes(graph, start, all_routes=True)
    assert routes and all(len(route) - 1 <= MAX_STEPS for route in routes)
    one = find_routes(graph, start, max_steps=1, all_routes=True)
    assert one == [route for route in routes if len(route) == 2]
    assert find_routes(graph, start, max_steps=0) == []


def test_names_slugs_iris_and_estate_names(graph: Graph, continuum: Continuum) -> None:
    with pytest.raises(InputError, match="did you mean 'peer-mentor'"):
        resolve_role(graph, "peer-mentr")
    with pytest.raises(InputError, match="no site 'hmp-nowhere' in the graph"):
        resolve_site(graph, "hmp-nowhere")
    assert resolve_role(graph, "role:listener") == ROLE["listener"]
    assert resolve_role(graph, str(ROLE["listener"])) == ROLE["listener"]
    for name in ("red-band", "purple-band", "role:purple-band", str(ROLE["red-band"])):
        assert continuum.resolve_role(name) == str(ROLE["red-purple-band"])


# --- the same routes from a real SPARQL server ---------------------------------------------------


def test_the_same_routes_and_records_from_an_oxigraph_server(oxigraph_server, continuum) -> None:
    remote = Continuum.from_endpoint(oxigraph_server.query_url)
    assert remote.successors == continuum.successors
    assert remote.bases == continuum.bases
    assert remote.roles == continuum.roles
    for role in continuum.roles:
        assert remote.find(role, all_routes=True) == continuum.find(role, all_routes=True)
    risley = str(SITE["hmp-risley"])
    assert remote.site(risley) == continuum.site(risley)


# --- the command line ---------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_answers_the_risley_question_in_one_command(capsys) -> None:
    code, out, err = _run(
        capsys, "routes", "--from", "induction-orderly", "--to", "prisoner-council",
        "--site", "hmp-risley", "--explain",
    )  # fmt: skip
    assert code == 0, err
    assert "HMP Risley" in out and "Roles across wider prison" in out
    assert "Induction/First night orderly (induction-orderly) -> Prisoner Council" in out
    assert "rule next-lcr-level:" in out
    assert 'Appendix 2, row 13 (Prisoner Council/ Committee), column "LC&R": "Medium"' in out
    assert "interpretation next-lcr-level:" in out
    assert out.strip().endswith("1 route(s).")


def test_cli_json_csv_and_mermaid(capsys) -> None:
    code, out, _ = _run(capsys, "routes", "--from", "listener", "--format", "json")
    assert code == 0 and json.loads(out) == [["listener", "peer-mentor"]]
    code, out, _ = _run(
        capsys, "routes", "--from", "shannon-trust-mentor", "--to", "peer-mentor", "--format", "csv"
    )
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0] == ["route", "step", "role", "label", "rule"]
    assert {r[4] for r in rows[1:] if r[1] != "0"} == {"next-lcr-level-across-payment"}
    code, out, _ = _run(capsys, "routes", "--from", "listener", "--format", "mermaid")
    assert out.startswith("flowchart LR") and "listener -->" in out


def test_cli_no_route_is_exit_0_with_an_empty_list(capsys) -> None:
    code, out, _ = _run(capsys, "routes", "--from", "peer-mentor", "--format", "json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = _run(capsys, "routes", "--from", "peer-mentor", "--to", "listener")
    assert code == 0 and "No route." in out


def _female_site(tmp_path: Path, estate: str = "female-estate") -> Path:
    site = tmp_path / f"hmp-{estate}.ttl"
    site.write_text(
        f"""@prefix pg: <{PG}> . @prefix role: <{ROLE}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/test/> .
ex:prison a pg:Prison ; rdfs:label "HMP Test" ; pg:estate pg:{estate} ; pg:hostsCFOWing ex:wing .
ex:wing a pg:CFOWing ; rdfs:label "Test wing" ;
    pg:offersRole ex:carer , ex:band , ex:mentor .
ex:carer a pg:LocalRole ; rdfs:label "Carer" ; pg:continuumRole role:social-care-peer-support .
ex:band a pg:LocalRole ; rdfs:label "Band" ; pg:continuumRole role:red-purple-band .
ex:mentor a pg:LocalRole ; rdfs:label "Mentor" ; pg:continuumRole role:peer-mentor .
""",
        encoding="utf-8",
    )
    return site


def test_cli_site_file_names_roles_as_its_estate_does(capsys, tmp_path: Path) -> None:
    female = _female_site(tmp_path)
    code, out, err = _run(capsys, "routes", "--site", str(female), "--to", "peer-mentor", "--all")
    assert code == 0, err
    assert "Purple Band (red-purple-band)" in out and "Red or Purple Band" not in out
    assert "Social Care peer support (social-care-peer-support) -> Purple Band" in out
    code, out, _ = _run(capsys, "routes", "--site", str(female), "--format", "json")
    assert ["social-care-peer-support", "red-purple-band"] in json.loads(out)
    male = _female_site(tmp_path, "male-estate")
    code, out, _ = _run(capsys, "routes", "--from", "purple-band", "--site", str(male))
    assert code == 0 and "Red Band (red-purple-band) -> Peer Mentor" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["routes", "--from", "peer-mentr"], "did you mean 'peer-mentor'"),
        (["routes", "--to", "listener"], "--from"),
        (["routes", "--from", "listener", "--site", "hmp-nowhere"], "hmp-nowhere"),
        (["routes", "--from", "listener", "--max-steps", "-1"], "max-steps"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(capsys, args, words) -> None:
    with pytest.raises(SystemExit) as stopped:
        raise SystemExit(main(args))
    out, err = capsys.readouterr()
    assert stopped.value.code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert words in err


def test_cli_site_file_with_two_prisons_is_refused(capsys, tmp_path: Path) -> None:
    two = tmp_path / "two.ttl"
    two.write_text(
        _female_site(tmp_path).read_text(encoding="utf-8")
        + 'ex:other a pg:Prison ; rdfs:label "HMP Other" .\n',
        encoding="utf-8",
    )
    code, out, err = _run(capsys, "routes", "--from", "listener", "--site", str(two))
    assert code == 2 and out == ""
    assert "two.ttl" in err and "2 prisons" in err and len(err.strip().splitlines()) == 1


def test_cli_max_steps_defaults_to_the_module_constant(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["routes", "--help"])
    out, _ = capsys.readouterr()
    assert f"in steps (default: {MAX_STEPS})" in " ".join(out.split())


def test_routes_and_query_parameters_give_one_error_for_one_typo(graph: Graph) -> None:
    from peergraph.query import KnowledgeGraph

    with pytest.raises(InputError) as from_routes:
        resolve_role(graph, "lisener")
    with pytest.raises(InputError) as from_query:
        KnowledgeGraph().query("cq05-progression-routes", from_="lisener")
    assert "did you mean 'listener'?" in str(from_routes.value)
    assert str(from_query.value) == str(from_routes.value).replace(
        "peergraph: no role", "peergraph: parameter from: no role"
    )


def test_derived_edges_stay_in_the_bundled_graph(graph: Graph) -> None:
    assert (ROLE["listener"], PG.progressesTo, ROLE["peer-mentor"]) in graph
    assert (None, RDF.type, PG.FactRecord) in graph
