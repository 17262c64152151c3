"""peergraph.KnowledgeGraph, the Python API, and the query machinery beneath it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SRC, OxigraphServer
from rdflib import Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

import peergraph
from peergraph.errors import InputError
from peergraph.query import KnowledgeGraph
from peergraph.query.library import find_query, parse_query_text
from peergraph.query.sparql import inject_values, query_form

ROLE = "https://w3id.org/peergraph/data/role/"


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return KnowledgeGraph()


def test_the_package_exports_knowledge_graph() -> None:
    assert peergraph.KnowledgeGraph is KnowledgeGraph


def test_rows_are_dicts(kg: KnowledgeGraph) -> None:
    result = kg.query("cq06-cfo-allies-roles")
    rows = list(result)
    assert len(rows) == len(result) == 4
    assert set(rows[0]) == {"role", "title", "kind", "reason"}
    assert rows[0] == result[0]
    assert isinstance(rows[0]["role"], URIRef)
    assert result.values("role") == [r["role"] for r in rows]


def test_python_keywords_are_given_with_a_trailing_underscore(kg: KnowledgeGraph) -> None:
    result = kg.query("cq05-progression-routes", from_="listener", to="peer-mentor")
    assert [(str(r["from"]), str(r["to"])) for r in result] == [
        (ROLE + "listener", ROLE + "peer-mentor")
    ]
    # and the route between them, from the route engine: one step.
    from peergraph.graph import load_bundled_graph
    from peergraph.routes import find_routes

    listener, peer_mentor = URIRef(ROLE + "listener"), URIRef(ROLE + "peer-mentor")
    assert find_routes(load_bundled_graph(), listener, peer_mentor) == [
        [str(listener), str(peer_mentor)]
    ]


def test_parameters_may_be_rdf_terms(kg: KnowledgeGraph) -> None:
    result = kg.query("cq09-principles-and-spheres", role=URIRef(ROLE + "peer-mentor"))
    assert len(result) == 7


def test_sparql_for_ad_hoc_queries_knows_the_prefixes(kg: KnowledgeGraph) -> None:
    result = kg.sparql("SELECT ?r WHERE { ?r a pg:ContinuumRole ; pg:payment pg:unpaid }")
    assert len(result) == 6
    one = kg.sparql("SELECT ?r ?l WHERE { ?r rdfs:label ?l }", r="role:listener")
    assert [str(row["l"]) for row in one] == ["Listener"]
    literal = kg.sparql("SELECT ?l ?r WHERE { ?r rdfs:label ?l }", l=Literal("Listener", lang="en"))
    assert [row["r"] for row in literal] == [URIRef(ROLE + "listener")]


def test_query_accepts_text_and_files(kg: KnowledgeGraph, tmp_path: Path) -> None:
    assert kg.query("ASK { role:listener a pg:ContinuumRole }").boolean is True
    path = tmp_path / "mine.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", encoding="utf-8")
    assert int(kg.query(str(path))[0]["n"]) == len(kg)


def test_to_python_and_to_dataframe(kg: KnowledgeGraph) -> None:
    result = kg.query("study")
    row = result.to_python()[0]
    assert (row["residents"], row["staff"]) == (681, 70)
    assert isinstance(row["study"], str)
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(InputError, match="needs pandas"):
            result.to_dataframe()
    else:
        frame = result.to_dataframe()
        assert list(frame.columns) == list(result.vars) and len(frame) == 1


def test_updates_are_refused_by_query_but_run_by_update(tmp_path: Path) -> None:
    kg = KnowledgeGraph(bundled_sites=False)
    with pytest.raises(InputError, match="refused by default"):
        kg.query("INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }")
    before = len(kg)
    kg.update("INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }")
    assert len(kg) == before + 1


def test_bundled_sites_can_be_left_out() -> None:
    assert len(KnowledgeGraph(bundled_sites=False).query("sites")) == 0


def test_an_endpoint_instead(kg: KnowledgeGraph, oxigraph_server: OxigraphServer) -> None:
    remote = KnowledgeGraph(endpoint=oxigraph_server.query_url)
    assert remote.store is None and remote.endpoint == oxigraph_server.query_url
    assert len(remote) == len(kg)
    assert [r["siteLabel"] for r in remote.query("cq04-peer-mentor-sites", site="hmp-risley")] == [
        Literal("HMP Risley", lang="en")
    ]
    assert remote.query("ASK { role:peer-mentor a pg:ContinuumRole }").boolean is True
    graph = remote.query("CONSTRUCT { role:listener ?p ?o } WHERE { role:listener ?p ?o }").graph
    assert graph is not None and len(graph) > 5


def test_importing_peergraph_stays_light() -> None:
    code = (
        "import sys, peergraph, peergraph.cli.query;"
        "heavy = {'rdflib', 'pyoxigraph', 'openpyxl', 'yaml'} & set(sys.modules);"
        "print(sorted(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC)},
    ).stdout
    assert out.strip() == "[]"


# --- the machinery -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * {}", "select"),
        ("prefix pg: <x:> ask {}", "ask"),
        ("BASE <http://x/>\nCONSTRUCT WHERE { ?s ?p ?o }", "construct"),
        ("# SELECT in a comment\nINSERT DATA { <a:a> <a:b> <a:c> }", "update"),
        ("PREFIX ex: <http://e/> DELETE WHERE { ?s ?p ?o }", "update"),
        ("WITH <g:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "update"),
        ("DROP ALL", "update"),
        ("{ ?s ?p ?o }", None),
    ],
)
def test_query_form(text: str, form: str | None) -> None:
    assert query_form(text) == form


def test_values_go_first_in_the_where_clause() -> None:
    text = (
        "PREFIX ex: <http://e/> # { not here\n"
        'SELECT ?a (EXISTS { ?a ex:p "}" } AS ?b) FROM <http://g/> WHERE { ?a ex:q ?c }'
    )
    injected = inject_values(text, {"a": URIRef("http://e/x"), "c": Literal('say "hi"\n}')})
    assert injected.endswith(
        'WHERE { VALUES (?a ?c) { (<http://e/x> "say \\"hi\\"\\n}") }  ?a ex:q ?c }'
    )
    prepareQuery(injected)  # still one valid query


def test_values_after_a_construct_template() -> None:
    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    injected = inject_values(text, {"s": URIRef("http://e/x")})
    assert injected.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s)")
    with pytest.raises(InputError, match="short form"):
        inject_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": URIRef("http://e/x")})


def test_an_injected_literal_stays_one_term() -> None:
    from rdflib.plugins.sparql.algebra import traverse

    evil = 'x" ) } ; DROP ALL ; SELECT * { ?s ?p ?o FILTER("'
    text = inject_values("SELECT ?t WHERE { ?s ?p ?t }", {"t": Literal(evil)})
    algebra = prepareQuery(text).algebra
    tables: list[object] = []
    traverse(
        algebra, lambda node: tables.append(node) if getattr(node, "name", "") == "values" else None
    )
    assert len(tables) == 1
    rows = tables[0].res  # type: ignore[attr-defined]
    assert [{str(k): v for k, v in row.items()} for row in rows] == [{"t": Literal(evil)}]


def test_an_iri_that_could_escape_is_refused() -> None:
    with pytest.raises(InputError, match="not a valid IRI"):
        inject_values("SELECT ?s {}", {"s": URIRef("http://e/x> } DROP ALL #")})


def test_header_parsing() -> None:
    spec = parse_query_text(
        "# title: T\n# cq: CQ1\n# description: one\n#   two\n"
        "# param: who (role, default: peer-mentor) The\n#   role.\n"
        "# param: n (integer, required) A number.\n"
        "# example: peergraph query t\n\nSELECT ?who ?n {}\n",
        name="t",
    )
    assert (spec.title, spec.cq, spec.description) == ("T", "CQ1", "one two")
    assert [(p.name, p.type, p.default, p.required, p.description) for p in spec.params] == [
        ("who", "role", "peer-mentor", False, "The role."),
        ("n", "integer", None, True, "A number."),
    ]
    assert spec.params[0].spec == "role, default: peer-mentor"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("# title: T\n# example: e\n", "no 'description'"),
        ("# title: T\n# example: e\n# description: d\n", "out of order"),
        ("# title: T\n# title: U\n# description: d\n# example: e\n", "out of order or repeated"),
        ("# title: T\n# description: d\n# param: x (colour, optional) X.\n# example: e\n", "type"),
        ("# title: T\n# description: d\n# param: zz (string, optional) Z.\n# example: e\n", "zz"),
        ("# title: T\n# description: d\n# param: x string X.\n# example: e\n", r"NAME \(TYPE"),
        ("# title: T\n#description: d\n# example: e\n", "not a header line"),
    ],
)
def test_bad_headers(header: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_query_text(header + "SELECT ?x {}\n", name="bad")


def test_defaults_apply(kg: KnowledgeGraph) -> None:
    kinds = {str(r["kind"]) for r in kg.query("interpretations")}
    assert kinds == {"https://w3id.org/peergraph/ontology#interpretation"}


def test_find_query_by_name_or_path() -> None:
    assert find_query("cq01-peer-mentor-definition").name == "cq01-peer-mentor-definition"
    assert find_query("cq01-peer-mentor-definition.rq").cq == "CQ1"
    with pytest.raises(InputError, match="no such query file"):
        find_query("nowhere/missing.rq")


def test_non_strict_loading_uses_the_engines_parser(tmp_path: Path) -> None:
    site = tmp_path / "site.ttl"
    site.write_text(
        "@prefix pg: <https://w3id.org/peergraph/ontology#> .\n"
        "@prefix site: <https://w3id.org/peergraph/data/site/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'site:x pg:hostsCFOWing site:x-wing ; rdfs:label "X"@en .\n',
        encoding="utf-8",
    )
    strict = KnowledgeGraph([site], bundled_sites=False)
    fast = KnowledgeGraph([site], bundled_sites=False, strict=False)
    assert len(strict) == len(fast)
    assert [str(r["slug"]) for r in fast.query("sites")] == []  # the wing offers no role
    assert fast.query("ASK { site:x pg:hostsCFOWing site:x-wing }").boolean
