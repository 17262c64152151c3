"""peergraph.rdfio and peergraph.graph: strict parsing with file:line errors, folder expansion,
reference graphs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, Namespace, URIRef

from peergraph import graph as loading
from peergraph import resources as paths
from peergraph.errors import InputError
from peergraph.graph import load_files
from peergraph.rdfio import collect_files, parse_file

EX = Namespace("http://example.org/")
PREFIX = "@prefix ex: <http://example.org/> .\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def parse_error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        parse_file(path)
    return info.value


# --- good input --------------------------------------------------------------------------------


def test_good_turtle_parses(tmp_path: Path) -> None:
    path = write(tmp_path, "good.ttl", PREFIX + 'ex:a ex:b ex:c .\nex:a ex:label "A"@en .\n')
    graph = parse_file(path)
    assert len(graph) == 2
    assert (EX.a, EX.b, EX.c) in graph
    assert (EX.a, EX.label, Literal("A", lang="en")) in graph


def test_turtle_with_byte_order_mark_parses(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.ttl", b"\xef\xbb\xbf" + (PREFIX + "ex:a ex:b ex:c .\n").encode())
    assert (EX.a, EX.b, EX.c) in parse_file(path)


@pytest.mark.parametrize("name", ["empty.ttl", "empty.jsonld", "empty.rdf", "blank.nt"])
def test_an_empty_file_is_refused_as_empty(tmp_path: Path, name: str) -> None:
    # An empty file is almost always a save gone wrong: say so, rather than "no site found".
    path = write(tmp_path, name, "\n  \n" if name.startswith("blank") else "")
    with pytest.raises(InputError, match="the file is empty"):
        parse_file(path)


def test_trig_and_nquads_are_flattened_into_one_graph(tmp_path: Path) -> None:
    trig = write(
        tmp_path,
        "g.trig",
        PREFIX + "ex:d ex:p ex:o .\nex:g1 { ex:a ex:p ex:b . }\nex:g2 { ex:c ex:p ex:d . }\n",
    )
    graph = parse_file(trig)
    assert set(graph) == {(EX.d, EX.p, EX.o), (EX.a, EX.p, EX.b), (EX.c, EX.p, EX.d)}

    nq = write(
        tmp_path,
        "g.nq",
        "<http://example.org/a> <http://example.org/p> <http://example.org/b> "
        "<http://example.org/g1> .\n"
        "<http://example.org/c> <http://example.org/p> <http://example.org/d> .\n",
    )
    assert set(parse_file(nq)) == {(EX.a, EX.p, EX.b), (EX.c, EX.p, EX.d)}


def test_suffix_is_case_insensitive_and_json_is_json_ld(tmp_path: Path) -> None:
    path = write(tmp_path, "x.JSON", '{"@id": "http://example.org/a", "http://example.org/b": 1}')
    assert (EX.a, EX.b, Literal(1)) in parse_file(path)


# --- syntax errors carry the right line --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # a stray token on line 6, after a multi-line statement
        (PREFIX + "\nex:a ex:b ex:c .\nex:d ex:e 'x' .\nex:f ex:g ex:h ;\n  ex:i ex:j k .\n", 6),
        # an undefined prefix on line 4
        (PREFIX + "\n\nex:a foo:b ex:c .\n", 4),
        # a missing final '.' is reported on the last line with content, not past the end
        (PREFIX + "ex:a ex:b ex:c\n\n\n", 2),
        # newlines inside a long string count
        (PREFIX + 'ex:a ex:b """x\ny\nz""" .\nex:a ex:b ex:c ex:d .\n', 5),
        # Windows line ends
        (PREFIX.replace("\n", "\r\n") + "ex:a ex:b ex:c .\r\n\r\nex:a ex:b ex:c ex:d .\r\n", 4),
        # multi-byte characters before the error do not shift the count
        (PREFIX + 'ex:a ex:b "ééé€€€" .\n\nex:a ex:b ex:c ex:d .\n', 4),
    ],
)
def test_bad_turtle_reports_its_line(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path, "bad.ttl", text)
    err = parse_error(path)
    assert err.line == line
    assert Path(err.path) == path
    assert "not valid Turtle" in err.message


def test_bad_trig_reports_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.trig", PREFIX + "ex:g {\n ex:a ex:b ex:c\n ex:q }\n")
    assert parse_error(path).line == 4


def test_bad_rdfxml_reports_its_line(tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="http://example.org/a">\n'
        "</rdf:Descriptio>\n"
        "</rdf:RDF>\n"
    )
    err = parse_error(write(tmp_path, "bad.rdf", text))
    assert err.line == 4
    assert "RDF/XML" in err.message


def test_bad_json_ld_reports_its_line(tmp_path: Path) -> None:
    text = '{\n  "@id": "http://example.org/a",\n  "http://example.org/b": "c",\n  "x" "y"\n}\n'
    err = parse_error(write(tmp_path, "bad.jsonld", text))
    assert err.line == 4
    assert "JSON-LD" in err.message


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        (
            "bad.nt",
            "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n"
            "# a comment\n\n"
            "<http://example.org/a> <http://example.org/b> c .\n",
            4,
        ),
        (
            "bad.nq",
            "<http://example.org/a> <http://example.org/b> <http://example.org/c> "
            "<http://example.org/g> .\n"
            '<http://example.org/a> <http://example.org/b> "c <http://example.org/g> .\n',
            2,
        ),
    ],
)
def test_bad_line_based_formats_report_their_line(
    tmp_path: Path, name: str, text: str, line: int
) -> None:
    assert parse_error(write(tmp_path, name, text)).line == line


# --- files that are not RDF at all -------------------------------------------------------------


def test_unknown_suffix_lists_accepted_suffixes(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", "hello")
    err = parse_error(path)
    assert ".txt" in err.message
    assert ".ttl" in err.hint and ".jsonld" in err.hint


@pytest.mark.parametrize("name", ["picture.ttl", "picture.rdf", "picture.jsonld", "picture.nq"])
def test_png_named_as_rdf_is_a_clear_error(tmp_path: Path, name: str) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
    err = parse_error(write(tmp_path, name, png))
    assert "PNG image" in err.message
    assert "\n" not in str(err)


def test_other_binary_named_ttl_is_a_clear_error(tmp_path: Path) -> None:
    err = parse_error(write(tmp_path, "blob.ttl", b"\x01\x02\x00\x00\x03garbage"))
    assert "binary" in err.message


def test_prose_named_ttl_is_an_error_at_line_1(tmp_path: Path) -> None:
    err = parse_error(write(tmp_path, "prose.ttl", "This is just prose.\nNot RDF.\n"))
    assert err.line == 1
    assert "not valid Turtle" in err.message


def test_latin1_file_is_reported_as_not_utf8_with_its_line(tmp_path: Path) -> None:
    data = (PREFIX + 'ex:a ex:b "ok" .\nex:a ex:b "caf\xe9" .\n').encode("latin-1")
    err = parse_error(write(tmp_path, "latin.ttl", data))
    assert "UTF-8" in err.message
    assert err.line == 3


def test_error_renders_as_one_line_with_relative_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "data/x.ttl", PREFIX + "\nex:a ex:b ex:c ex:d .\n")
    err = parse_error(Path("data/x.ttl").resolve())
    text = str(err)
    assert text.startswith("peergraph: data/x.ttl:3: not valid Turtle")
    assert text.endswith("— fix the file or argument and retry")
    assert "\n" not in text


# --- warnings are errors -----------------------------------------------------------------------


def test_ill_typed_literal_is_an_error_with_its_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        PREFIX
        + "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        + 'ex:a ex:b "1"^^xsd:integer .\n'
        + 'ex:a ex:c "abc"^^xsd:integer .\n'
    )
    with caplog.at_level(logging.DEBUG):
        err = parse_error(write(tmp_path, "typed.ttl", text))
    assert err.line == 4
    assert "'abc'" in err.message and "xsd:integer" in err.message
    # The warning became the error; it did not also leak to the log or the terminal.
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    captured = capsys.readouterr()
    assert "Failed to convert" not in captured.err + captured.out


def test_ill_typed_boolean_is_reported_with_its_own_spelling(tmp_path: Path) -> None:
    text = (
        PREFIX
        + 'ex:a ex:b ex:c .\n\nex:a ex:ok "yes"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n'
    )
    err = parse_error(write(tmp_path, "bool.ttl", text))
    assert "'yes'" in err.message and "xsd:boolean" in err.message
    assert err.line == 4


def test_invalid_iri_warning_is_an_error(tmp_path: Path) -> None:
    text = PREFIX + "ex:a ex:b ex:c .\nex:a ex:b <http://example.org/a b> .\n"
    err = parse_error(write(tmp_path, "iri.ttl", text))
    assert "http://example.org/a b" in err.message
    assert err.line == 3


def test_logging_state_is_restored_after_parsing(tmp_path: Path) -> None:
    logger = logging.getLogger("rdflib")
    before = (list(logger.handlers), logger.propagate, logger.level)
    parse_error(
        write(
            tmp_path,
            "typed.ttl",
            PREFIX + 'ex:a ex:b "x"^^<http://www.w3.org/2001/XMLSchema#integer> .\n',
        )
    )
    assert (list(logger.handlers), logger.propagate, logger.level) == before


# --- many files --------------------------------------------------------------------------------


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        collect_files([tmp_path / "nope.ttl"])


def test_folder_without_rdf_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no RDF files"):
        collect_files([empty])
    write(tmp_path, "only-text/readme.md", "# hi")
    with pytest.raises(InputError, match="no RDF files"):
        collect_files([tmp_path / "only-text"])


def test_explicit_file_with_unknown_suffix_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a known RDF file type"):
        collect_files([write(tmp_path, "notes.txt", "x")])


def test_folder_recursion_order_is_sorted_and_skips_hidden_and_other_files(tmp_path: Path) -> None:
    root = tmp_path / "root"
    for name in ["b.ttl", "a/z.ttl", "a/b/c.nt", "a/B.jsonld", ".hidden/x.ttl", "a/.x.ttl"]:
        write(root, name, "")
    write(root, "notes.txt", "")
    files = collect_files([root])
    assert [f.relative_to(root).as_posix() for f in files] == [
        "a/B.jsonld",
        "a/b/c.nt",
        "a/z.ttl",
        "b.ttl",
    ]


def test_duplicates_are_dropped_keeping_first_position(tmp_path: Path) -> None:
    one = write(tmp_path, "d/one.ttl", "")
    two = write(tmp_path, "d/two.ttl", "")
    assert collect_files([two, tmp_path / "d", one]) == [two, one]


def test_load_files_merges_and_binds_project_prefixes(tmp_path: Path) -> None:
    write(tmp_path, "d/one.ttl", PREFIX + "ex:a ex:b ex:c .\n")
    write(tmp_path, "d/two.nt", '<http://example.org/x> <http://example.org/y> "z" .\n')
    graph = load_files([tmp_path / "d"])
    assert len(graph) == 2
    prefixes = dict(graph.namespaces())
    assert prefixes["pg"] == URIRef("https://w3id.org/peergraph/ontology#")
    assert prefixes["role"] == URIRef("https://w3id.org/peergraph/data/role/")
    assert prefixes["schema"] == URIRef("https://schema.org/")
    assert prefixes["vann"] == URIRef("http://purl.org/vocab/vann/")


# --- the bundled graphs ------------------------------------------------------------------------


@pytest.fixture
def fake_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    ontology = tmp_path / "ontology"
    data = tmp_path / "data"
    write(ontology, "core.ttl", PREFIX + "ex:Role a ex:Class .\n")
    write(ontology, "notes.md", "not RDF, ignored")
    write(data, "roles.ttl", PREFIX + "ex:listener a ex:Role .\n")
    write(data, "more/sources.nt", '<http://example.org/s> <http://example.org/p> "o" .\n')
    write(data, "examples/bad-example.ttl", PREFIX + "ex:example a ex:Site .\n")
    write(data, "sites/risley.ttl", PREFIX + "ex:risley a ex:Site .\n")
    monkeypatch.setattr(paths, "ontology_dir", lambda: ontology)
    monkeypatch.setattr(paths, "data_dir", lambda: data)
    loading.load_reference_graph.cache_clear()
    yield tmp_path
    loading.load_reference_graph.cache_clear()


def test_reference_graph_excludes_examples_and_sites(fake_resources: Path) -> None:
    graph = loading.load_reference_graph()
    assert (EX.Role, None, None) in graph
    assert (EX.listener, None, None) in graph
    assert (EX.s, None, None) in graph
    assert (EX.example, None, None) not in graph
    assert (EX.risley, None, None) not in graph
    assert loading.load_reference_graph() is graph  # cached


def test_bundled_graph_adds_sites_and_is_a_fresh_copy(fake_resources: Path) -> None:
    bundled = loading.load_bundled_graph()
    assert (EX.risley, None, None) in bundled
    assert (EX.example, None, None) not in bundled
    bundled.add((EX.new, EX.p, EX.o))
    assert (EX.new, EX.p, EX.o) not in loading.load_reference_graph()
    assert (EX.new, EX.p, EX.o) not in loading.load_bundled_graph()


def test_copy_graph_is_independent(fake_resources: Path) -> None:
    reference = loading.load_reference_graph()
    copy = loading.copy_graph(reference)
    assert set(copy) == set(reference)
    copy.add((EX.more, EX.p, EX.o))
    assert len(copy) == len(reference) + 1


def test_missing_ontology_folder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "ontology_dir", lambda: tmp_path / "nope")
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path)
    loading.load_reference_graph.cache_clear()
    try:
        with pytest.raises(InputError, match="resource folder is missing"):
            loading.load_reference_graph()
    finally:
        loading.load_reference_graph.cache_clear()


def test_paths_point_at_the_checkout_folders_in_a_source_tree() -> None:
    root = Path(__file__).resolve().parent.parent
    assert paths.repository_root() == root
    assert paths.ontology_dir() == root / "ontology"
    assert paths.data_dir() == root / "data"
    assert paths.shapes_dir() == root / "shapes"
    assert paths.queries_dir() == root / "queries"
    with pytest.raises(ValueError):
        paths.resource_dir("secrets")
