"""The query library: headers, expected results, and the same answers on every engine.

Each library query runs with no parameters (unless one is required) and with the parameters of
each of its header's examples. The answers are kept in ``tests/expected/<name>.json`` (W3C SPARQL
JSON results), and must be the same, value for value, on the embedded store, on rdflib's engine
and on a real Oxigraph server (over HTTP, with VALUES-bound parameters).

After a deliberate change to the data or a query, review and refresh the expected answers with
``PEERGRAPH_REGENERATE_EXPECTED=1 pytest tests/test_query_library.py``; the tests in
``test_query_answers.py`` check the answers against the source independently of these files.
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from conftest import OxigraphServer, result_bag
from rdflib.query import Result as RdflibResult

from peergraph.query import KnowledgeGraph, QuerySpec, Result
from peergraph.query.engines import normalise_term
from peergraph.query.library import library

EXPECTED = Path(__file__).parent / "expected"
REGENERATE = os.environ.get("PEERGRAPH_REGENERATE_EXPECTED") == "1"

SPECS = library()
SPEC_BY_NAME = {spec.name: spec for spec in SPECS}


def cases(spec: QuerySpec) -> list[dict[str, str]]:
    """Parameter sets to run: none (unless a parameter is required), then each example's."""
    found: list[dict[str, str]] = []
    if not any(p.required for p in spec.params):
        found.append({})
    for example in spec.examples:
        words = shlex.split(example)
        params: dict[str, str] = {}
        for i, word in enumerate(words):
            if word == "--param":
                name, _, value = words[i + 1].partition("=")
                params[name] = value
        if params not in found:
            found.append(params)
    return found


CASES = [(spec.name, params) for spec in SPECS for params in cases(spec)]
CASE_IDS = [
    f"{name}{'-' + '-'.join(f'{k}={v}' for k, v in p.items()) if p else ''}" for name, p in CASES
]


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return KnowledgeGraph()


@pytest.fixture(scope="module")
def kg_rdflib() -> KnowledgeGraph:
    return KnowledgeGraph(engine="rdflib")


def expected_results(name: str, params: dict[str, str]) -> dict[str, Any] | None:
    path = EXPECTED / f"{name}.json"
    if not path.is_file():
        return None
    for case in json.loads(path.read_text(encoding="utf-8")):
        if case["params"] == params:
            return case["results"]
    return None


def dump_cases(cases_: list[dict[str, Any]]) -> str:
    """The cases as JSON with one result row per line, sorted: compact, and diffs show rows."""
    out = []
    for case in cases_:
        doc = case["results"]
        # Sorted: the comparison ignores order, and engines order ties differently.
        rows = ",\n".join(
            sorted(
                "      " + json.dumps(b, ensure_ascii=False, sort_keys=True)
                for b in doc["results"]["bindings"]
            )
        )
        out.append(
            "  {\n"
            f'    "params": {json.dumps(case["params"], sort_keys=True)},\n'
            '    "results": {\n'
            f'     "head": {json.dumps(doc["head"])},\n'
            '     "results": {"bindings": [\n' + rows + "\n     ]}\n"
            "    }\n"
            "  }"
        )
    return "[\n" + ",\n".join(out) + "\n]\n"


def rows_of(doc: dict[str, Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """A stored SPARQL JSON answer's variables and rows, read by rdflib's results parser."""
    parsed = RdflibResult.parse(io.BytesIO(json.dumps(doc).encode()), format="json")
    names = [str(v) for v in parsed.vars or ()]
    rows = [tuple(normalise_term(b.get(v)) for v in parsed.vars or ()) for b in parsed.bindings]
    return names, rows


# --- headers -------------------------------------------------------------------------------------


def test_the_library_has_one_query_per_competency_question() -> None:
    numbered = sorted(spec.name for spec in SPECS if spec.name.startswith("cq"))
    assert [n[:4] for n in numbered] == [f"cq{i:02d}" for i in range(1, 11)]
    for spec in SPECS:
        if spec.name.startswith("cq"):
            assert spec.cq == f"CQ{int(spec.name[2:4])}", spec.name
    assert len(SPECS) >= 18  # and the further questions


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_header_is_complete(spec: QuerySpec) -> None:
    assert spec.has_header
    assert spec.title and spec.description and spec.examples
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", spec.name), "names are lowercase slugs"
    for example in spec.examples:
        assert example.startswith(f"peergraph query {spec.name}"), example
    assert spec.path is not None
    for number, line in enumerate(spec.path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith("#"):
            break
        assert len(line) <= 100, f"{spec.name}.rq:{number} is longer than 100 characters"


@pytest.mark.parametrize("spec", [s for s in SPECS if s.params], ids=lambda s: s.name)
def test_parameters_are_projected_variables(spec: QuerySpec) -> None:
    """Every parameter is a selected variable: the output shows the value used, and rdflib's
    initBindings and the VALUES block give it the same meaning."""
    from rdflib.plugins.sparql import prepareQuery

    projected = {str(v) for v in prepareQuery(spec.text).algebra["PV"]}
    for param in spec.params:
        assert param.name in projected, f"?{param.name} is not selected by {spec.name}"


# --- answers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_query_gives_the_expected_answer(
    kg: KnowledgeGraph, name: str, params: dict[str, str]
) -> None:
    result = kg.run(SPEC_BY_NAME[name], params)
    assert result.kind == "select"
    path = EXPECTED / f"{name}.json"
    if REGENERATE:
        stored = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
        stored = [c for c in stored if c["params"] != params]
        stored.append({"params": params, "results": json.loads(result.serialize("json"))})
        stored.sort(key=lambda c: json.dumps(c["params"], sort_keys=True))
        path.write_text(dump_cases(stored), encoding="utf-8")
    expected = expected_results(name, params)
    assert expected is not None, f"no expected answer for {name} {params}: see this module's doc"
    names, rows = rows_of(expected)
    assert list(result.vars) == names
    assert result_bag(result.vars, result.rows) == result_bag(names, rows)


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_rdflib_engine_gives_the_same_answer(
    kg: KnowledgeGraph, kg_rdflib: KnowledgeGraph, name: str, params: dict[str, str]
) -> None:
    ours = kg.run(SPEC_BY_NAME[name], params)
    theirs = kg_rdflib.run(SPEC_BY_NAME[name], params)
    assert list(theirs.vars) == list(ours.vars)
    assert result_bag(theirs.vars, theirs.rows) == result_bag(ours.vars, ours.rows)


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_oxigraph_server_gives_the_same_answer(
    kg: KnowledgeGraph, oxigraph_server: OxigraphServer, name: str, params: dict[str, str]
) -> None:
    remote = KnowledgeGraph(endpoint=oxigraph_server.query_url, timeout=60)
    ours = kg.run(SPEC_BY_NAME[name], params)
    theirs = remote.run(SPEC_BY_NAME[name], params)
    assert isinstance(theirs, Result)
    assert list(theirs.vars) == list(ours.vars)
    assert result_bag(theirs.vars, theirs.rows) == result_bag(ours.vars, ours.rows)


def test_every_expected_file_belongs_to_a_query() -> None:
    for path in EXPECTED.glob("*.json"):
        assert path.stem in SPEC_BY_NAME, f"{path.name} has no query"
        stored = {json.dumps(c["params"], sort_keys=True) for c in json.loads(path.read_text())}
        wanted = {json.dumps(p, sort_keys=True) for n, p in CASES if n == path.stem}
        assert stored == wanted, f"{path.name} holds cases no example runs (or lacks some)"
