"""``peergraph new-site`` and ``peergraph convert`` on the command line, and forms given to
``peergraph validate`` beside site graphs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal, Namespace, URIRef

from peergraph import cli
from peergraph.rdfio import parse_file
from peergraph.resources import data_dir
from peergraph.validation import validate

PG = Namespace("https://w3id.org/peergraph/ontology#")
TEMPLATE = data_dir() / "examples" / "valid" / "hmp-example.ttl"
FILLED = Path(__file__).resolve().parent / "forms" / "hmp-example-filled.yaml"


def _call(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(argv)
    return code, capsys.readouterr().err


def test_new_site_ttl_is_the_template_in_the_sites_namespace(tmp_path: Path) -> None:
    out = tmp_path / "anytown.ttl"
    namespace = "https://example.org/hmp-anytown/"
    name = 'HMP "Any" Town'  # quotes must stay inside the Turtle strings
    assert cli.main(["new-site", "--name", name, "--out", str(out), "--namespace", namespace]) == 0
    graph = parse_file(out)
    template = parse_file(TEMPLATE)
    assert len(graph) == len(template)
    (prison,) = graph.subjects(RDF.type, PG.Prison)
    assert prison == URIRef(namespace + "prison")
    assert graph.value(prison, RDFS.label) == Literal(name, lang="en")
    own = {s for s in graph.subjects() if isinstance(s, URIRef)}
    assert own and all(str(s).startswith(namespace) for s in own)
    assert not [o for o in graph.objects() if isinstance(o, Literal) and "HMP Example" in o]
    assert validate(out).results == []  # the template's facts, as yet unchanged


def test_new_site_default_namespace_comes_from_the_name(tmp_path: Path) -> None:
    out = tmp_path / "anytown.ttl"
    assert cli.main(["new-site", "--name", "HMP Anytown's Own", "--out", str(out)]) == 0
    (prison,) = parse_file(out).subjects(RDF.type, PG.Prison)
    assert str(prison).startswith("https://example.org/peergraph/hmp-anytowns-own/")


def test_new_site_keeps_an_existing_file_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "anytown.yaml"
    out.write_text("my filled form\n", encoding="utf-8")
    code, err = _call(["new-site", "--name", "HMP Anytown", "--out", str(out)], capsys)
    assert code == 2 and "the file already exists" in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "my filled form\n"
    assert cli.main(["new-site", "--name", "HMP Anytown", "--out", str(out), "--force"]) == 0
    assert "namespace: https://example.org/peergraph/hmp-anytown/" in out.read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "anytown.csv"], "cannot write a new site as '.csv'"),
        (["--out", "anytown.xlsx", "--namespace", "anytown"], "namespace 'anytown' is not an IRI"),
        (["--out", "missing/anytown.xlsx"], "its folder does not exist"),
    ],
)
def test_new_site_refuses_what_it_cannot_write(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    code, err = _call(["new-site", "--name", "HMP Anytown", *args], capsys)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("make", "out", "message"),
    [
        (None, "out.ttl", "no such file"),
        ("form.yaml", "form.yaml", "the output is the input file"),
        ("form.yaml", "form.csv", "cannot write a site form or graph as '.csv'"),
        ("no-site.ttl", "no-site.xlsx", "no-site.ttl: no site found: nothing here is a pg:Prison"),
    ],
)
def test_convert_refuses_what_it_cannot_do(
    make: str | None, out: str, message: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    source = make or "missing.yaml"
    if make == "form.yaml":
        Path(make).write_text(FILLED.read_text(encoding="utf-8"), encoding="utf-8")
    elif make is not None:
        Path(make).write_text("<urn:example:a> <urn:example:b> <urn:example:c> .\n", "utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    code, err = _call(["convert", source, "--out", out], capsys)
    assert code == 2 and message in err, err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_validate_takes_forms_and_graphs_together_and_in_folders(tmp_path: Path) -> None:
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "example.yaml").write_text(FILLED.read_text("utf-8"), encoding="utf-8")
    risley = data_dir() / "sites" / "hmp-risley.ttl"
    report = validate([tmp_path / "forms", risley])
    assert sorted(s.site.label for s in report.sites) == ["HMP Example", "HMP Risley"]
    by_site = {s.site.label: s for s in report.sites}
    assert by_site["HMP Example"].results == []
    assert by_site["HMP Example"].files == (str(tmp_path / "forms" / "example.yaml"),)


def test_help_lists_the_form_commands_and_stays_light() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "peergraph.cli", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "new-site" in result.stdout and "convert" in result.stdout
    code = "import sys, peergraph.cli; print(sorted(m for m in ('openpyxl', 'yaml', 'rdflib') if m in sys.modules))"  # noqa: E501
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert loaded.strip() == "[]"
