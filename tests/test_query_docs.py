"""docs/queries.md is generated from the query headers and the ontology: keep it up to date."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from peergraph.query.library import library

ROOT = Path(__file__).resolve().parent.parent


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "gen_query_docs", ROOT / "scripts" / "gen_query_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_queries_md_is_up_to_date() -> None:
    generated = _generator().render()
    current = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    assert current == generated, "docs/queries.md is stale: run python scripts/gen_query_docs.py"


def test_every_query_is_documented() -> None:
    text = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    for spec in library():
        assert f"### {spec.name}\n" in text
        assert spec.examples[0] in text


def test_the_provenance_example_in_the_docs_runs() -> None:
    from peergraph.query import KnowledgeGraph

    text = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    query = re.search(r"```sparql\n(PREFIX pg:.*?)```", text, re.DOTALL)
    assert query is not None
    rows = KnowledgeGraph().sparql(query.group(1)).to_python()
    payment = [r for r in rows if r["property"].endswith("#payment")]
    assert [(r["text"], str(r["kind"]).rsplit("#")[-1]) for r in payment] == [("Unpaid", "stated")]
