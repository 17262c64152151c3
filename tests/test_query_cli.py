"""`peergraph query`: listing, formats, parameters, injection, read-only gating."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CliResult, OxigraphServer

from peergraph.query.library import library

Run = Callable[..., CliResult]
ROLE = "https://w3id.org/peergraph/data/role/"


def one_error_line(result: CliResult) -> str:
    """The run failed as the interface promises: exit 2, one line on stderr, no traceback."""
    assert result.code == 2, (result.code, result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    assert lines[0].startswith("peergraph: ")
    return lines[0]


# --- listing -------------------------------------------------------------------------------------


def test_list_names_every_query_with_its_title(run_cli: Run) -> None:
    result = run_cli("query", "--list")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == ["NAME", "TITLE"]
    for spec in library():
        assert any(line.startswith(spec.name + " ") and line.endswith(spec.title) for line in lines)
    assert len(lines) == len(library()) + 1


def test_no_query_is_a_usage_error(run_cli: Run) -> None:
    assert "no query given" in one_error_line(run_cli("query"))


def test_unknown_query_name(run_cli: Run) -> None:
    message = one_error_line(run_cli("query", "cq99-nothing"))
    assert "no query named 'cq99-nothing'" in message and "--list" in message


# --- formats -------------------------------------------------------------------------------------


def test_table_is_the_default(run_cli: Run) -> None:
    result = run_cli("query", "cq06-cfo-allies-roles")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == ["role", "title", "kind", "reason"]
    assert set(lines[1]) <= {"-", " "}
    assert any(line.startswith("role:rep ") for line in lines)
    assert lines[-1] == "(4 rows)"


def test_json_is_w3c_sparql_results_json(run_cli: Run) -> None:
    result = run_cli("query", "cq04-peer-mentor-sites", "--format", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["head"]["vars"][:2] == ["site", "siteLabel"]
    bindings = doc["results"]["bindings"]
    assert len(bindings) == 4
    risley = next(b for b in bindings if b["siteLabel"]["value"] == "HMP Risley")
    assert risley["site"] == {
        "type": "uri",
        "value": "https://w3id.org/peergraph/data/site/hmp-risley",
    }
    assert risley["siteLabel"] == {"type": "literal", "value": "HMP Risley", "xml:lang": "en"}
    assert risley["accreditedLevel2Mentoring"] == {
        "type": "literal",
        "value": "true",
        "datatype": "http://www.w3.org/2001/XMLSchema#boolean",
    }


def test_json_leaves_unbound_variables_out(run_cli: Run) -> None:
    doc = json.loads(run_cli("query", "cq09-principles-and-spheres", "--format", "json").out)
    listener = next(
        b for b in doc["results"]["bindings"] if b["role"]["value"] == ROLE + "listener"
    )
    assert set(listener) == {"role", "title"}


def test_csv_is_w3c_sparql_results_csv(run_cli: Run) -> None:
    result = run_cli("query", "cq02-continuum-roles", "--format", "csv")
    assert result.code == 0, result.err
    assert result.out.endswith("\r\n") and "\r\n" in result.out.rstrip("\r\n")
    table = list(csv.reader(io.StringIO(result.out, newline="")))
    assert table[0] == [
        "position", "role", "title", "lcr", "payment",
        "induction", "singleIssue", "bridging", "collective",
    ]  # fmt: skip
    # IRIs bare, literals as their lexical form: no <>, no quotes, no datatypes or languages.
    assert table[1] == [
        "1",
        ROLE + "induction-orderly",
        "Induction/First night orderly",
        "Low",
        "Paid",
        "true",
        "true",
        "true",
        "false",
    ]
    assert len(table) == 16


def test_csv_quotes_fields_with_commas_and_quotes(run_cli: Run) -> None:
    out = run_cli("query", "cq06-cfo-allies-roles", "--format", "csv").out
    rows = list(csv.reader(io.StringIO(out, newline="")))
    reason = rows[1][3]
    assert reason.startswith('Footnote 12: "In cases where') and "," in reason
    assert '"Footnote 12: ""In cases' in out  # RFC 4180 doubling


def test_tsv_is_w3c_sparql_results_tsv(run_cli: Run) -> None:
    result = run_cli("query", "cq04-peer-mentor-sites", "--format", "tsv")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split("\t")[:3] == ["?site", "?siteLabel", "?localRole"]
    first = dict(zip(lines[0].split("\t"), lines[1].split("\t"), strict=True))
    assert first["?site"] == "<https://w3id.org/peergraph/data/site/hmp-drake-hall>"
    assert first["?siteLabel"] == '"HMP Drake Hall"@en'
    assert first["?selectedPeerMentor"] == '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'


def test_unknown_format_is_a_usage_error(run_cli: Run) -> None:
    result = run_cli("query", "roles", "--format", "xml")
    assert result.code == 2 and "invalid choice" in result.err


# --- parameters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["listener", "role:listener", ROLE + "listener", f"<{ROLE}listener>"],
)
def test_role_parameter_takes_a_slug_a_prefixed_name_or_an_iri(run_cli: Run, value: str) -> None:
    result = run_cli(
        "query", "cq05-progression-routes", "--param", f"from={value}", "--param", "to=peer-mentor",
        "--format", "csv",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.splitlines()[1:] == [f"{ROLE}listener,{ROLE}peer-mentor"]
    # The route between them is one step, listener -> peer-mentor (the routes are peergraph
    # routes'; cq05 says which roles reach which).
    from rdflib import URIRef

    from peergraph.graph import load_bundled_graph
    from peergraph.routes import find_routes

    listener, peer_mentor = ROLE + "listener", ROLE + "peer-mentor"
    assert find_routes(load_bundled_graph(), URIRef(listener), URIRef(peer_mentor)) == [
        [listener, peer_mentor]
    ]


def test_entity_parameter_finds_a_role_or_a_site(run_cli: Run) -> None:
    site = run_cli(
        "query", "cq10-fact-provenance", "--param", "entity=hmp-risley", "--format", "csv"
    )
    role = run_cli("query", "cq10-fact-provenance", "--param", "entity=listener", "--format", "csv")
    assert site.code == role.code == 0
    assert "https://w3id.org/peergraph/data/site/hmp-risley," in site.out
    assert ROLE + "listener," in role.out


def test_unknown_role_is_an_error_not_an_empty_table(run_cli: Run) -> None:
    message = one_error_line(run_cli("query", "cq05-progression-routes", "--param", "from=lisener"))
    assert "no role 'lisener' in the graph" in message


def test_unknown_parameter_name(run_cli: Run) -> None:
    message = one_error_line(run_cli("query", "cq04-peer-mentor-sites", "--param", "prison=x"))
    assert "has no parameter 'prison'" in message and "site" in message


def test_parameter_without_equals(run_cli: Run) -> None:
    assert "is not NAME=VALUE" in one_error_line(run_cli("query", "roles", "--param", "site"))


def test_bad_values_for_closed_and_typed_parameters(run_cli: Run) -> None:
    message = one_error_line(run_cli("query", "roles-by-payment-and-lcr", "--param", "lcr=huge"))
    assert "low, medium, high" in message
    message = one_error_line(
        run_cli("query", "sites-by-training-accreditation", "--param", "accredited=maybe")
    )
    assert "not a boolean" in message


def test_unknown_prefix(run_cli: Run) -> None:
    message = one_error_line(run_cli("query", "cq09-principles-and-spheres", "--param", "role=x:y"))
    assert "unknown prefix 'x'" in message


# --- injection -----------------------------------------------------------------------------------

INJECTIONS = [
    'Listener" ) } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o FILTER("',
    "Listener' } } DELETE WHERE { ?s ?p ?o } #",
    'x"^^<http://www.w3.org/2001/XMLSchema#string> . ?s ?p ?o } UNION { ?s ?p ?o',
    "Listener\n} ; CLEAR ALL",
]

LOOKUP = """# title: Roles with this title
# description: A test query: the roles whose label is exactly the given text.
# param: title (string, required) The title.
# example: peergraph query lookup --param title=Listener

PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?title ?role WHERE { ?role rdfs:label ?label . FILTER(STR(?label) = ?title) }
"""


@pytest.fixture
def lookup(tmp_path: Path) -> Path:
    path = tmp_path / "lookup.rq"
    path.write_text(LOOKUP, encoding="utf-8")
    return path


def test_a_string_parameter_is_one_literal(run_cli: Run, lookup: Path) -> None:
    result = run_cli("query", str(lookup), "--param", "title=Listener", "--format", "csv")
    assert result.code == 0, result.err
    assert result.out.splitlines()[1:] == [f"Listener,{ROLE}listener"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_through_a_string_parameter_is_inert(
    run_cli: Run, lookup: Path, value: str
) -> None:
    result = run_cli("query", str(lookup), "--param", f"title={value}", "--format", "json")
    assert result.code == 0, result.err
    # No role has that title: the whole value was compared as one string, and nothing else ran.
    assert json.loads(result.out)["results"]["bindings"] == []


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_is_inert_on_an_endpoint_too(
    run_cli: Run, lookup: Path, empty_oxigraph_server: OxigraphServer, value: str
) -> None:
    empty_oxigraph_server.load(
        b"<https://w3id.org/peergraph/data/role/listener> "
        b'<http://www.w3.org/2000/01/rdf-schema#label> "Listener"@en .\n'
    )
    url = empty_oxigraph_server.query_url
    result = run_cli("query", str(lookup), "--param", f"title={value}", "--endpoint", url)
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == "(0 rows)"
    assert empty_oxigraph_server.count() == 1  # nothing was dropped, cleared or deleted
    ok = run_cli("query", str(lookup), "--param", "title=Listener", "--endpoint", url)
    assert ok.out.splitlines()[-1] == "(1 row)"


@pytest.mark.parametrize(
    "value",
    ["peer-mentor> } ; DROP ALL ; #", "role:peer mentor", 'http://x/"y', "peer-mentor}"],
)
def test_injection_through_an_iri_parameter_is_refused(run_cli: Run, value: str) -> None:
    message = one_error_line(
        run_cli("query", "cq09-principles-and-spheres", "--param", f"role={value}")
    )
    assert "parameter role" in message


# --- read-only by default ------------------------------------------------------------------------

UPDATE = """PREFIX ex: <http://example.org/>
# A comment mentioning SELECT does not make this a query.
INSERT DATA { ex:a ex:b ex:c }
"""


@pytest.fixture
def update_file(tmp_path: Path) -> Path:
    path = tmp_path / "insert.rq"
    path.write_text(UPDATE, encoding="utf-8")
    return path


def test_an_update_is_refused_by_default(run_cli: Run, update_file: Path) -> None:
    message = one_error_line(run_cli("query", str(update_file)))
    assert "SPARQL update" in message and "--allow-update" in message


def test_an_update_runs_locally_with_allow_update(run_cli: Run, update_file: Path) -> None:
    result = run_cli("query", str(update_file), "--allow-update")
    assert result.code == 0, result.err
    assert "update applied to the in-memory graph (nothing is saved)" in result.err


def test_an_update_on_an_endpoint_needs_allow_update(
    run_cli: Run, update_file: Path, empty_oxigraph_server: OxigraphServer
) -> None:
    refused = run_cli("query", str(update_file), "--endpoint", empty_oxigraph_server.update_url)
    one_error_line(refused)
    assert empty_oxigraph_server.count() == 0
    done = run_cli(
        "query", str(update_file), "--endpoint", empty_oxigraph_server.update_url, "--allow-update"
    )
    assert done.code == 0, done.err
    assert empty_oxigraph_server.count() == 1


def test_a_query_is_never_sent_as_an_update(
    run_cli: Run, tmp_path: Path, empty_oxigraph_server: OxigraphServer
) -> None:
    """Text that a naive reader could take for an update goes out as a query, and fails as one."""
    tricky = tmp_path / "tricky.rq"
    tricky.write_text("SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <x:a> <x:b> <x:c> }\n")
    result = run_cli("query", str(tricky), "--endpoint", empty_oxigraph_server.query_url)
    assert "400" in one_error_line(result)
    assert empty_oxigraph_server.count() == 0


# --- local and remote give the same table --------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "table"])
def test_the_same_output_locally_and_on_an_endpoint(
    run_cli: Run, oxigraph_server: OxigraphServer, fmt: str
) -> None:
    args = ["query", "cq02-continuum-roles", "--format", fmt]
    local = run_cli(*args)
    remote = run_cli(*args, "--endpoint", oxigraph_server.query_url)
    assert local.code == remote.code == 0, remote.err
    assert local.out == remote.out


def test_data_adds_a_site_graph(run_cli: Run, tmp_path: Path) -> None:
    site = tmp_path / "hmp-example.ttl"
    site.write_text(
        """@prefix pg: <https://w3id.org/peergraph/ontology#> .
@prefix site: <https://w3id.org/peergraph/data/site/> .
@prefix role: <https://w3id.org/peergraph/data/role/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
site:hmp-example a pg:Prison ; rdfs:label "HMP Example"@en ; pg:hostsCFOWing site:hmp-example-wing .
site:hmp-example-wing a pg:CFOWing ; rdfs:label "Example wing"@en ;
    pg:offersRole site:hmp-example-mentor .
site:hmp-example-mentor a pg:LocalRole ; rdfs:label "Peer mentor"@en ;
    pg:continuumRole role:peer-mentor .
""",
        encoding="utf-8",
    )
    result = run_cli(
        "query", "cq04-peer-mentor-sites", "--data", str(site), "--param", "site=hmp-example",
        "--format", "csv",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.splitlines()[1].startswith(
        "https://w3id.org/peergraph/data/site/hmp-example,HMP Example,"
    )


def test_bad_data_file_is_one_error_line(run_cli: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    message = one_error_line(run_cli("query", "roles", "--data", str(bad)))
    assert "bad.ttl:2" in message


def test_data_and_endpoint_do_not_mix(run_cli: Run, tmp_path: Path) -> None:
    site = tmp_path / "x.ttl"
    site.write_text("", encoding="utf-8")
    message = one_error_line(
        run_cli("query", "roles", "--data", str(site), "--endpoint", "http://127.0.0.1:9/query")
    )
    assert "--data cannot be combined with --endpoint" in message


def test_a_syntax_error_in_a_query_file(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "broken.rq"
    path.write_text("SELECT ?x WHERE { ?x ?y }\n", encoding="utf-8")
    assert "could not be run" in one_error_line(run_cli("query", str(path)))


def test_a_bad_header_names_the_line(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "headed.rq"
    path.write_text("# title: T\n# descripton: typo\n# example: x\nSELECT * {}\n", encoding="utf-8")
    message = one_error_line(run_cli("query", str(path)))
    assert "headed.rq:2" in message and "unknown header field 'descripton'" in message
