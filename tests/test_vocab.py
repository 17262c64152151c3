"""peergraph.vocab and peergraph.pg: the namespaces written once, the ontology's terms closed."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from peergraph.pg import PG
from peergraph.resources import repository_root

ROOT = repository_root()
SRC = Path(__file__).resolve().parents[1] / "src" / "peergraph"


def _generator():  # scripts/gen_vocab.py, imported by path
    assert ROOT is not None
    spec = importlib.util.spec_from_file_location("gen_vocab", ROOT / "scripts" / "gen_vocab.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pg_module_is_up_to_date_with_the_ontology() -> None:
    generator = _generator()
    expected = generator.source(generator.pg_terms())
    assert (SRC / "pg.py").read_text(encoding="utf-8") == expected, (
        "src/peergraph/pg.py is out of date: run python scripts/gen_vocab.py"
    )


def test_a_misspelt_term_raises_instead_of_matching_nothing() -> None:
    assert str(PG.hostsCFOWing) == "https://w3id.org/peergraph/ontology#hostsCFOWing"
    assert str(PG["lcr-high"]) == "https://w3id.org/peergraph/ontology#lcr-high"
    with pytest.raises(AttributeError):
        PG.hostsCFOWIng  # noqa: B018
    with pytest.raises(AttributeError):
        PG["lcr-very-high"]


def test_no_module_but_vocab_writes_out_a_project_namespace() -> None:
    pattern = re.compile(r"w3id\.org/peergraph")
    offenders = [
        f"{path.relative_to(SRC)}:{number}"
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "vocab.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []
