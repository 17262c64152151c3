"""The personal-data guard: ``export`` and ``push`` refuse a release whose site graphs hold
personal data about residents (``queries/qc/personal-data.rq``), with one line naming the file,
the line and what was found, and write or send nothing; ``--allow-personal-data`` overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import example_sites
import pytest

from peergraph.publish.personal_data import find_personal_data
from peergraph.rdfio import parse_file

PREFIXES = """@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix local: <https://example.org/hmp-example/local#> .
"""

# name -> (what the site graph adds, what the message must say, the line it names)
CASES: dict[str, tuple[str, str, str]] = {
    "prison-number-in-a-note": (
        'ex:peer-mentor rdfs:comment "Held by A1234BC since March." .',
        "a prison number ('Held by A1234BC since March.')",
        "A1234BC",
    ),
    "prison-number-in-an-iri": (
        "ex:holder-B5678DE a ex:Holder .",
        "a prison number",
        "holder-B5678DE",
    ),
    "date-of-birth-schema": (
        'ex:holder schema:birthDate "1980-02-29"^^xsd:date .',
        "a date of birth ('1980-02-29')",
        "1980-02-29",
    ),
    "date-of-birth-local-property": (
        'ex:holder local:dateOfBirth "29/02/1980" .',
        "a date of birth ('29/02/1980')",
        "29/02/1980",
    ),
    "named-person": (
        'ex:holder a foaf:Person ; foaf:name "John Smith" .',
        "the name of a person ('John Smith')",
        "John Smith",
    ),
    "named-role-holder": (
        'ex:holder org:holds ex:peer-mentor ; rdfs:label "Jane Doe" .',
        "the name of a person ('Jane Doe')",
        "Jane Doe",
    ),
}


def _site(tmp_path: Path, name: str, addition: str) -> Path:
    text = example_sites.TEMPLATE.read_text(encoding="utf-8")
    path = tmp_path / f"{name}.ttl"
    path.write_text(PREFIXES + text + "\n" + addition + "\n", encoding="utf-8")
    return path


def _line(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_refuses_personal_data(run_cli: Any, tmp_path: Path, name: str) -> None:
    addition, says, needle = CASES[name]
    site = _site(tmp_path, name, addition)
    out = tmp_path / "release"
    result = run_cli("export", "--output", str(out), "--data", str(site))
    assert result.code == 2, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err
    assert (
        f"{site}:{_line(site, needle)}:" in lines[0]
        or f"{name}.ttl:{_line(site, needle)}:" in lines[0]
    )
    assert says in lines[0] and "--allow-personal-data" in lines[0]
    assert not out.exists()


@pytest.mark.parametrize("command", ["push", "upload", "upload-one-graph"])
def test_nothing_is_sent_with_personal_data(run_cli: Any, tmp_path: Path, command: str) -> None:
    """Refused before any connection: the store's address is one nothing listens on, so a
    request would fail with another message."""
    site = _site(tmp_path, "named", CASES["named-person"][0])
    store = "http://127.0.0.1:9/store"
    argv = {
        "push": ["push", "--endpoint", store],
        "upload": ["export", "--upload", store],
        "upload-one-graph": ["export", "--upload", store, "--graph", "default"],
    }[command]
    result = run_cli(*argv, "--data", str(site), "--timeout", "2")
    assert result.code == 2
    assert "the name of a person ('John Smith')" in result.err, result.err
    assert len(result.err.strip().splitlines()) == 1


def test_allow_personal_data_publishes_knowingly(run_cli: Any, tmp_path: Path) -> None:
    site = _site(tmp_path, "named", CASES["named-person"][0])
    out = tmp_path / "release"
    result = run_cli(
        "export", "--output", str(out), "--format", "turtle", "--data", str(site),
        "--allow-personal-data",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "John Smith" in (out / "data" / "sites" / "named.ttl").read_text(encoding="utf-8")


def test_what_is_not_personal_data(tmp_path: Path) -> None:
    """Pseudonymous identifiers, the template's own values, a level, an organisation's name and
    the cited works' authors are not found."""
    addition = """
ex:journey-0042 rdfs:label "Role-holder journey PMH-0042" ; rdfs:comment "Level 2, cohort 2024AB." .
ex:charity a org:Organization ; rdfs:label "The Anytown Trust" .
"""
    site = _site(tmp_path, "fine", addition)
    assert find_personal_data(parse_file(site)) == []
    from peergraph.graph import load_bundled_graph

    assert find_personal_data(load_bundled_graph()) == []


def test_every_kind_the_query_names_has_a_case() -> None:
    """The query's kinds are the message's words: each has an example above."""
    from peergraph.resources import queries_dir

    text = (queries_dir() / "qc" / "personal-data.rq").read_text(encoding="utf-8")
    kinds = {says.split(" (")[0] for _addition, says, _needle in CASES.values()}
    for kind in kinds:
        assert f'"{kind}"' in text
    assert text.count(" AS ?kind)") == len(kinds) + 1  # the prison number has two patterns
