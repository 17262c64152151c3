"""``parse_file(quick=True)``: N-Triples and N-Quads through Oxigraph's parser, as the validator
reads an estate. The graph must be rdflib's own parse of the same file (up to the two spellings
RDF 1.1 makes one term), and every bad file must get the error rdflib's path gives it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.memory import SimpleMemory

from peergraph.errors import InputError
from peergraph.graph import load_reference_graph
from peergraph.pg import PG
from peergraph.rdfio import parse_file
from peergraph.resources import data_dir
from peergraph.synth import synthesise
from peergraph.validation import compiled, validate
from peergraph.validation.sites import SiteGraph, read_input, split_sites

S_P = "<http://example.org/s> <http://example.org/p>"
TEMPLATE = data_dir() / "examples" / "valid" / "hmp-example.ttl"
SITES = data_dir() / "sites"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def estate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("quick") / "estate"
    synthesise(folder, prisons=4, seed=3, wings=2, defect_share=0.5)
    return folder


def _took_the_quick_path(graph: Graph) -> bool:
    """Oxigraph's path fills a SimpleMemory graph, rdflib's a Memory one: without this, a
    quick parse that always fell back to rdflib would pass every comparison here."""
    return isinstance(graph.store, SimpleMemory)


def test_an_estate_file_parses_to_rdflib_s_graph(estate: Path) -> None:
    for path in sorted(estate.glob("*.nt")):
        quick = parse_file(path, quick=True)
        assert _took_the_quick_path(quick), path
        assert not _took_the_quick_path(parse_file(path))
        assert isomorphic(quick, parse_file(path)), path


def _turtle_files() -> list[Path]:
    from peergraph.resources import data_dir, ontology_dir, shapes_dir

    files = sorted(ontology_dir().glob("*.ttl")) + sorted(data_dir().rglob("*.ttl"))
    files += sorted(shapes_dir().rglob("*.ttl"))
    assert len(files) > 8
    return files


@pytest.mark.parametrize("path", _turtle_files(), ids=lambda p: p.name)
def test_each_bundled_turtle_file_parses_to_rdflib_s_graph(path: Path) -> None:
    quick, slow = parse_file(path, quick=True), parse_file(path)
    assert _took_the_quick_path(quick)
    assert len(quick) == len(slow)
    assert isomorphic(quick, slow)
    # The file's prefixes too: errors write terms as the file does (pg:externallyAccredited).
    assert dict(quick.namespaces()) == dict(slow.namespaces())


def test_the_reference_data_as_n_quads_parses_to_rdflib_s_graph(tmp_path: Path) -> None:
    path = tmp_path / "reference.nq"
    # Each N-Triples line in a named graph (rdflib's N-Quads writer warns of its own API).
    lines = load_reference_graph().serialize(format="nt").splitlines()
    quads = [
        line[: -len(".")] + "<https://example.org/graph/reference> ." for line in lines if line
    ]
    path.write_text("\n".join(quads) + "\n", encoding="utf-8")
    quick = parse_file(path, quick=True)
    assert _took_the_quick_path(quick)
    assert len(quick) == len(load_reference_graph())
    assert isomorphic(quick, parse_file(path))


def test_only_the_spellings_rdf_makes_one_term_differ(tmp_path: Path) -> None:
    path = tmp_path / "spellings.nt"
    path.write_text(
        f'{S_P} "x"@en-GB .\n{S_P} "y"^^<{XSD}string> .\n',
        encoding="utf-8",
    )
    objects = set(parse_file(path, quick=True).objects())
    assert objects == {Literal("x", lang="en-gb"), Literal("y")}


def test_each_file_keeps_its_own_blank_nodes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.nt").write_text(
            f'_:b1 <http://example.org/p> "{name}" .\n', encoding="utf-8"
        )
    merged = read_input(tmp_path).graph
    subjects = set(merged.subjects())
    assert len(subjects) == 2
    assert all(isinstance(s, BNode) for s in subjects)


@pytest.mark.parametrize(
    "text",
    [
        "<http://example.org/s> <http://example.org/p> .\n",  # no object
        "<http://example.org/s> <http://example.org/p> <http://example.org/o>\n",  # no dot
        f'{S_P} "1"^^<{XSD}integer> .\n{S_P} "abc"^^<{XSD}integer> .\n',
        "<http://example.org/a b> <http://example.org/p> <http://example.org/o> .\n",
    ],
    ids=["no-object", "no-dot", "ill-typed", "space-in-iri"],
)
def test_a_bad_file_gets_the_error_rdflib_s_path_gives(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.nt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as slow:
        parse_file(path)
    with pytest.raises(InputError) as quick:
        parse_file(path, quick=True)
    assert str(quick.value) == str(slow.value)
    assert (quick.value.path, quick.value.line) == (slow.value.path, slow.value.line)


def test_validating_n_triples_gives_what_validating_turtle_gives(
    estate: Path, tmp_path: Path
) -> None:
    turtle = tmp_path / "turtle"
    turtle.mkdir()
    for path in sorted(estate.glob("*.nt")):
        graph = Graph()
        graph.parse(path, format="nt")
        graph.serialize(turtle / f"{path.stem}.ttl", format="turtle")
    quick = validate(estate)
    slow = validate(turtle)
    assert [
        (r.site.iri, r.requirement, r.severity, r.focus.iri, r.value, r.message)
        for r in quick.results
    ] == [
        (r.site.iri, r.requirement, r.severity, r.focus.iri, r.value, r.message)
        for r in slow.results
    ]


# ---------------------------------------------------------------------------------------------
# A site in a file of its own goes into the compiled engine's store by Oxigraph's loader


def _store_quads(sites: list[SiteGraph], *, loader: bool) -> set[Any]:
    import pyoxigraph as ox

    store = ox.Store()
    for site in sites:
        if loader:
            compiled._load_site(ox, store, site)
        else:
            store.bulk_extend(compiled._quads(ox, site.own))
    return set(store)


def test_the_loader_gives_the_quads_of_the_site_s_graph(estate: Path, tmp_path: Path) -> None:
    """The estate's N-Triples, the template and the pilots (Turtle with prefixes, language
    tags, typed literals) and a Turtle file with a relative IRI."""
    relative = tmp_path / "relative.ttl"
    text = TEMPLATE.read_text(encoding="utf-8")
    relative.write_text(
        text.replace("@prefix ex:", "@prefix local: <notes/> .\n@prefix ex:", 1)
        + "\nex:prison local:note <relative> .\n",
        encoding="utf-8",
    )
    loaded = 0
    for path in [*sorted(estate.glob("*.nt")), TEMPLATE, *sorted(SITES.glob("*.ttl")), relative]:
        data = read_input(path)
        sites, _loose = split_sites(data, copy_reference=False)
        # The loader is used where the file is the site's and nothing else (a defect may
        # leave a node no site links to; a pilot site's file holds its provenance records).
        if path in (TEMPLATE, relative):
            assert [s.own_file for s in sites] == [str(path)]
        loaded += sum(s.own_file is not None for s in sites)
        assert _store_quads(sites, loader=True) == _store_quads(sites, loader=False), path
    assert loaded >= 4


def test_a_file_with_blank_nodes_or_a_role_variant_is_copied_term_by_term(tmp_path: Path) -> None:
    graph = Graph()
    graph.parse(TEMPLATE)
    wing = next(graph.subjects(PG.offersRole, None))
    graph.add((wing, URIRef("http://example.org/note"), BNode()))
    blank = tmp_path / "blank.ttl"
    graph.serialize(blank, format="turtle")
    data = read_input(blank)
    sites, _loose = split_sites(data, copy_reference=False)
    assert sites[0].own_file == str(blank)  # the file is as written, but has a blank node
    assert _store_quads(sites, loader=True) == _store_quads(sites, loader=False)

    variant = tmp_path / "variant.ttl"
    text = TEMPLATE.read_text(encoding="utf-8")
    variant.write_text(text.replace("role:peer-mentor", "role:purple-band", 1), encoding="utf-8")
    data = read_input(variant)
    assert str(variant) not in data.as_written  # the role-variant rule added to its graph
    sites, _loose = split_sites(data, copy_reference=False)
    assert sites[0].own_file is None
