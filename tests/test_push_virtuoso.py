"""`peergraph push` into a real Virtuoso (``scripts/virtuoso.sh``), as a publisher runs it: by the
Graph Store Protocol and by SPARQL Update, with HTTP Digest credentials from the environment;
what the store then holds and answers, and its errors as one line."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from conftest import CliResult
from virtuoso_server import PASSWORD, USER, VirtuosoServer, virtuoso_server

from peergraph.publish.push import TRIPLES_PER_INSERT, insert_requests
from peergraph.vocab import GRAPH_IRI

if TYPE_CHECKING:
    from peergraph.publish.release import Part

__all__ = ["virtuoso_server"]  # the fixture, used by name

Run = Callable[..., CliResult]
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


@pytest.fixture
def virtuoso(
    virtuoso_server: VirtuosoServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[VirtuosoServer]:
    """The module's Virtuoso with none of peergraph's graphs, and dba's credentials in the
    environment (not in ~/.netrc, which is pointed elsewhere)."""
    monkeypatch.setenv("PEERGRAPH_USER", USER)
    monkeypatch.setenv("PEERGRAPH_PASSWORD", PASSWORD)
    monkeypatch.setenv("NETRC", "/nonexistent/netrc")
    virtuoso_server.drop_graphs(GRAPH_IRI)
    yield virtuoso_server


def _release() -> list[Part]:
    """The parts as ``push`` sends them (version stamps included)."""
    from peergraph.publish.release import build_parts, release_version, stamp_versions

    parts = build_parts([])
    stamp_versions(parts, release_version(), None)
    return list(parts)


def _push(run_cli: Run, server: VirtuosoServer, store_url: str) -> CliResult:
    return run_cli("push", "--endpoint", store_url, "--update", server.update_url)


def _one_line(result: CliResult) -> str:
    assert result.code == 2, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    return lines[0]


def _assert_holds_the_release(server: VirtuosoServer) -> None:
    """Each part's graph holds exactly the part: as many triples, and the same graph (blank
    nodes matched by isomorphism; literals compared by value, since Virtuoso writes a boolean
    as 1 or 0)."""
    from rdflib import Graph, Literal
    from rdflib.compare import isomorphic

    def by_value(graph: Graph) -> Graph:
        out = Graph()
        for s, p, o in graph:
            if isinstance(o, Literal) and o.datatype is not None and o.value is not None:
                o = Literal(o.value, datatype=o.datatype)
            out.add((s, p, o))
        return out

    parts = _release()
    counts = server.graph_counts(GRAPH_IRI)
    assert counts == {part.store_graph_iri(): len(part.graph) for part in parts}
    for part in parts:
        iri = part.store_graph_iri()
        body = server.construct(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
        )
        held = Graph().parse(data=body, format="nt")
        assert isomorphic(by_value(held), by_value(part.graph)), iri


def test_a_push_by_the_graph_store_holds_each_part_and_a_second_adds_nothing(
    run_cli: Run, virtuoso: VirtuosoServer
) -> None:
    first = _push(run_cli, virtuoso, virtuoso.store_url)
    assert first.code == 0, first.err
    assert "by graph store" in first.out
    assert PASSWORD not in first.out + first.err
    _assert_holds_the_release(virtuoso)
    counts = virtuoso.graph_counts(GRAPH_IRI)

    second = _push(run_cli, virtuoso, virtuoso.store_url)
    assert second.code == 0, second.err
    assert virtuoso.graph_counts(GRAPH_IRI) == counts  # no duplicates, no staging graphs


def test_without_a_graph_store_the_parts_go_by_sparql_update(
    run_cli: Run, virtuoso: VirtuosoServer
) -> None:
    # Virtuoso answers a PUT to a path without a Graph Store with 501: the update path follows.
    result = _push(run_cli, virtuoso, virtuoso.no_store_url)
    assert result.code == 0, result.err
    assert "by update" in result.out
    # The ontology and shapes hold blank nodes (lists, paths) and more triples than one
    # INSERT may carry: split, every blank node still whole.
    _assert_holds_the_release(virtuoso)
    counts = virtuoso.graph_counts(GRAPH_IRI)
    again = _push(run_cli, virtuoso, virtuoso.no_store_url)
    assert again.code == 0, again.err
    assert virtuoso.graph_counts(GRAPH_IRI) == counts


def _answers(result: CliResult) -> tuple[list[str], list[dict[str, dict[str, str]]]]:
    assert result.code == 0, result.err
    data = json.loads(result.out)
    return data["head"]["vars"], data["results"]["bindings"]


def _term(term: dict[str, str] | None, boolean: bool) -> tuple[str, ...]:
    """A result term as compared: Virtuoso's SPARQL 1.0 "typed-literal" is a literal; in a
    column that is boolean locally, Virtuoso's 1 and 0 (it answers a boolean computed by EXISTS,
    BOUND or = as an xsd:integer) are true and false."""
    if term is None:
        return ("unbound",)
    kind = "literal" if term["type"] == "typed-literal" else term["type"]
    value, datatype = term["value"], term.get("datatype", "")
    if boolean and datatype in (XSD_BOOLEAN, XSD_INTEGER):
        return ("boolean", str(value in ("true", "1")))
    return (kind, value, datatype, term.get("xml:lang", ""))


@pytest.mark.parametrize("name", ["cq02-continuum-roles", "cq04-peer-mentor-sites"])
def test_library_queries_answer_on_virtuoso_as_locally(
    run_cli: Run, virtuoso: VirtuosoServer, name: str
) -> None:
    assert _push(run_cli, virtuoso, virtuoso.store_url).code == 0
    local_vars, local = _answers(run_cli("query", name, "--format", "json"))
    remote_vars, remote = _answers(
        run_cli("query", name, "--format", "json", "--endpoint", virtuoso.query_url)
    )
    assert remote_vars == local_vars
    assert local, "the query answers nothing locally: the comparison would show nothing"
    booleans = {
        var
        for var in local_vars
        if any(row.get(var, {}).get("datatype") == XSD_BOOLEAN for row in local)
    }

    def rows(bindings: list[dict[str, dict[str, str]]]) -> list[tuple[tuple[str, ...], ...]]:
        return sorted(
            tuple(_term(row.get(var), var in booleans) for var in local_vars) for row in bindings
        )

    assert rows(remote) == rows(local)


def test_a_wrong_password_is_one_line_and_nothing_is_written(
    run_cli: Run, virtuoso: VirtuosoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEERGRAPH_PASSWORD", "wrong-" + PASSWORD)
    line = _one_line(_push(run_cli, virtuoso, virtuoso.store_url))
    assert "401" in line and "PEERGRAPH_USER" in line
    assert PASSWORD not in line
    assert virtuoso.graph_counts(GRAPH_IRI) == {}


def test_the_read_only_graph_store_is_one_line_with_virtuosos_reason(
    run_cli: Run, virtuoso: VirtuosoServer
) -> None:
    # Virtuoso answers a write to /sparql-graph-crud with an HTML page; the line gives its text.
    line = _one_line(_push(run_cli, virtuoso, virtuoso.read_only_store_url))
    assert "403" in line and "Permission denied" in line
    assert "<" not in line, line  # no HTML tags
    assert virtuoso.graph_counts(GRAPH_IRI) == {}


def test_virtuoso_applies_an_update_request_operation_by_operation(
    virtuoso: VirtuosoServer,
) -> None:
    """What docs/publishing.md says of Virtuoso: an update request is not one transaction (the
    MOVE before a failing operation stays done), so the switch is not all-or-nothing there."""
    source, target = f"{GRAPH_IRI}/test/source", f"{GRAPH_IRI}/test/target"
    status, body = virtuoso.update(f"INSERT DATA {{ GRAPH <{source}> {{ <urn:a> <urn:b> 1 }} }}")
    assert status == 200, body
    status, body = virtuoso.update(
        f"MOVE GRAPH <{source}> TO GRAPH <{target}> ;\nDROP GRAPH <{GRAPH_IRI}/test/missing>"
    )
    assert status >= 400 and "SPARUL_DROP" in body  # DROP without SILENT: a missing graph fails
    assert virtuoso.graph_counts(GRAPH_IRI) == {target: 1}


# --- splitting an insert (no server needed) -------------------------------------------------------


def _ntriples(text: str) -> bytes:
    return "".join(line.strip() + "\n" for line in text.strip().splitlines()).encode()


def _bodies(requests: list[str]) -> list[list[str]]:
    """The triple lines of each INSERT in ``requests``."""
    found = []
    for request in requests:
        for match in re.finditer(r"GRAPH <[^>]+> \{\n(.*?)\n\} \}", request, re.DOTALL):
            found.append(match.group(1).splitlines())
    return found


def test_an_insert_is_split_without_splitting_a_blank_node() -> None:
    # A chain of blank nodes longer than one insert, and plain triples around it.
    plain = [f'<urn:s{i}> <urn:p> "_:not-a-blank-node {i}" .' for i in range(TRIPLES_PER_INSERT)]
    chain = [f"_:b{i} <urn:next> _:b{i + 1} ." for i in range(TRIPLES_PER_INSERT + 10)]
    lines = plain[:5] + ["<urn:head> <urn:list> _:b0 ."] + chain + plain[5:]
    requests = insert_requests("urn:g", _ntriples("\n".join(lines)))
    assert requests[0].startswith("DROP SILENT GRAPH <urn:g> ;")
    bodies = _bodies(requests)
    assert sorted(line for body in bodies for line in body) == sorted(lines)  # each once
    with_chain = [body for body in bodies if any("_:b0 " in line for line in body)]
    assert len(with_chain) == 1 and set(chain) <= set(with_chain[0])
    for body, request in zip(bodies, requests, strict=True):
        assert ("WHERE {}" in request) == any("_:b" in line for line in body)
        if body is not with_chain[0]:
            assert len(body) <= TRIPLES_PER_INSERT


def test_a_graph_without_blank_nodes_goes_by_insert_data() -> None:
    lines = [f"<urn:s{i}> <urn:p> <urn:o{i}> ." for i in range(2 * TRIPLES_PER_INSERT + 1)]
    requests = insert_requests("urn:g", _ntriples("\n".join(lines)))
    assert len(requests) == 3
    assert all("INSERT DATA" in r and "WHERE" not in r for r in requests)
    assert [len(body) for body in _bodies(requests)] == [TRIPLES_PER_INSERT] * 2 + [1]
