"""The release (`peergraph export --output DIR`): its parts, formats, versions, description,
catalog, content negotiation and changelog; byte for byte the same on every run."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import peergraph_command, peergraph_env
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from peergraph import version
from peergraph.graph import load_bundled_graph
from peergraph.rdfio import parse_file
from peergraph.vocab import BASE, DATASET_IRI, GRAPH_IRI, JSONLD_CONTEXT_IRI, NAMESPACES

DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
PG = NAMESPACES["pg"]
SUFFIXES = (".ttl", ".nt", ".jsonld", ".rdf")
ISSUED = "2026-01-15"


def _export(folder: Path, seed: str, *extra: str) -> subprocess.Popen[str]:
    env = {**peergraph_env(), "PYTHONHASHSEED": seed}
    return subprocess.Popen(
        [*peergraph_command(), "export", "--output", str(folder), "--issued", ISSUED, *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two exports of the same input, in two processes with different hash seeds (so that any
    order rdflib takes from a set or a dict of hashed terms would differ)."""
    root = tmp_path_factory.mktemp("releases")
    runs = [_export(root / "first", "1"), _export(root / "second", "2")]
    for run in runs:
        _out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    return root / "first", root / "second"


@pytest.fixture(scope="module")
def release(releases: tuple[Path, Path]) -> Path:
    return releases[0]


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _parts(release: Path) -> list[str]:
    return sorted(p.relative_to(release).as_posix()[:-3] for p in release.rglob("*.nt"))


def test_two_exports_are_byte_identical(releases: tuple[Path, Path]) -> None:
    first, second = (_files(folder) for folder in releases)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_the_release_holds_every_part_in_every_format(release: Path) -> None:
    from peergraph.resources import data_dir

    sites = sorted(p.stem for p in (data_dir() / "sites").glob("*.ttl"))
    expected = {
        "ontology",
        "ontology/commissioning",
        "shapes",
        "data/reference",
        "data/derived",
        "peergraph",
        *(f"data/sites/{site}" for site in sites),
    }
    assert set(_parts(release)) == expected
    for part in expected:
        for suffix in SUFFIXES:
            assert (release / f"{part}{suffix}").is_file(), part + suffix
    for name in ("peergraph.trig", "dataset.ttl", "context.jsonld", ".htaccess"):
        assert (release / name).is_file(), name
    assert (release / "ontology.html").is_file() and (release / "shapes.html").is_file()


def test_every_file_reparses_to_its_part(release: Path) -> None:
    for part in _parts(release):
        reference = Graph().parse(release / f"{part}.nt", format="nt")
        assert len(reference) > 0, part
        for suffix in (".ttl", ".jsonld", ".rdf"):
            # peergraph's own strict parser: the JSON-LD's context is the published one,
            # served from the package; RDF/XML with a DTD would be refused.
            back = parse_file(release / f"{part}{suffix}")
            assert isomorphic(back, reference), part + suffix


def test_every_part_round_trips_to_the_graph_it_came_from(release: Path) -> None:
    """Not only the formats agreeing with each other: the N-Triples (which every other format
    matches, above) is the part's graph as peergraph built and stamped it."""
    from peergraph.publish.release import build_parts, release_version, stamp_versions

    parts = build_parts()
    stamp_versions(parts, release_version(), None)
    assert sorted(part.name for part in parts) == [p for p in _parts(release) if p != "peergraph"]
    for part in parts:
        back = Graph().parse(release / f"{part.name}.nt", format="nt")
        assert isomorphic(back, part.graph), part.name


def _working_riot() -> list[str] | None:
    """Apache Jena's ``riot``: the command where one is installed, else ``scripts/riot.sh`` over
    Debian's libapache-jena-java (which ships the jars but no command); ``None`` where neither
    starts."""
    script = Path(__file__).resolve().parent.parent / "scripts" / "riot.sh"
    found = shutil.which("riot")
    candidates = [[found]] if found else []
    if Path("/usr/share/java/jena-core.jar").is_file():
        candidates.append(["bash", str(script)])
    for riot in candidates:
        check = subprocess.run([*riot, "--version"], capture_output=True, text=True, timeout=120)
        if check.returncode == 0:
            return riot
    return None


@pytest.mark.skipif(
    _working_riot() is None and os.environ.get("CI") != "true",
    reason="Apache Jena's riot is not installed (apt-get install libapache-jena-java)",
)
def test_jena_riot_accepts_every_file(release: Path, tmp_path: Path) -> None:
    riot = _working_riot()
    assert riot is not None, "CI installs libapache-jena-java: scripts/riot.sh must run"
    files = [
        str(p)
        for suffix in (".ttl", ".nt", ".rdf", ".trig")
        for p in sorted(release.rglob(f"*{suffix}"))
    ]
    result = subprocess.run(
        [*riot, "--validate", "--strict", *files], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-2000:] + result.stdout[-2000:]
    # And riot is checking: a relative IRI in N-Triples is refused.
    broken = tmp_path / "broken.nt"
    broken.write_text('<a> <http://example.org/p> "x" .\n', encoding="utf-8")
    refused = subprocess.run(
        [*riot, "--validate", "--strict", str(broken)], capture_output=True, text=True, timeout=120
    )
    assert refused.returncode != 0


def test_the_parts_together_are_the_bundled_graph(release: Path) -> None:
    stamps = (OWL.versionIRI, OWL.versionInfo, OWL.priorVersion)

    def unstamped(graph: Graph) -> Graph:
        graph = Graph() + graph
        for ontology in list(graph.subjects(RDF.type, OWL.Ontology)):
            for prop in stamps:
                graph.remove((ontology, prop, None))
        return graph

    parts = Graph()
    for part in _parts(release):
        if part != "peergraph" and part != "shapes":
            parts += Graph().parse(release / f"{part}.nt", format="nt")
    assert isomorphic(unstamped(parts), unstamped(load_bundled_graph()))


def test_the_derived_part_holds_what_the_rules_add_and_nothing_the_files_state(
    release: Path,
) -> None:
    from peergraph.graph import _reference_files

    derived = Graph().parse(release / "data" / "derived.nt", format="nt")
    stated = Graph()
    for file in _reference_files():
        stated += parse_file(file)
    assert len(derived) > 0
    assert not [t for t in derived if t in stated]
    progresses = URIRef(PG + "progressesTo")
    bundled_edges = set(load_bundled_graph().subject_objects(progresses))
    assert set(derived.subject_objects(progresses)) == bundled_edges
    assert not set(stated.subject_objects(progresses))


def test_the_trig_has_one_versioned_named_graph_per_part(release: Path) -> None:
    dataset = Dataset()
    dataset.parse(release / "peergraph.trig", format="trig")
    names = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    parts = [p for p in _parts(release) if p != "peergraph"]
    assert set(names) == {f"{GRAPH_IRI}/{version()}/{part}" for part in parts}
    for part in parts:
        graph = Graph() + names[f"{GRAPH_IRI}/{version()}/{part}"]
        assert isomorphic(graph, Graph().parse(release / f"{part}.nt", format="nt")), part


def test_the_jsonld_is_compacted_against_the_published_context(release: Path) -> None:
    document = json.loads((release / "data" / "reference.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == JSONLD_CONTEXT_IRI
    types = {node.get("@type") for node in document["@graph"] if isinstance(node.get("@type"), str)}
    assert "pg:ContinuumRole" in types
    context = json.loads((release / "context.jsonld").read_text(encoding="utf-8"))
    assert context["@context"]["pg"] == PG


def test_the_ontology_carries_the_release_version(release: Path) -> None:
    ontology = parse_file(release / "ontology.ttl")
    iri = URIRef(PG.rstrip("#"))
    assert ontology.value(iri, OWL.versionIRI) == URIRef(f"{iri}/{version()}")
    assert ontology.value(iri, OWL.versionInfo) == Literal(version())
    assert ontology.value(iri, OWL.priorVersion) is None  # no earlier release given


def test_the_whole_graph_imports_nothing_it_holds(release: Path) -> None:
    whole = Graph().parse(release / "peergraph.nt", format="nt")
    assert list(whole.objects(None, OWL.imports)) == []
    commissioning = Graph().parse(release / "ontology" / "commissioning.nt", format="nt")
    assert list(commissioning.objects(None, OWL.imports)) == [URIRef(PG.rstrip("#"))]


def test_the_catalog_maps_each_import_to_a_file_of_the_release(release: Path) -> None:
    import xml.etree.ElementTree as ET

    catalog = release / "ontology" / "catalog-v001.xml"
    entries = {
        element.get("name"): element.get("uri")
        for element in ET.parse(catalog).getroot()
        if element.tag.endswith("uri")
    }
    assert entries[PG.rstrip("#")] == "../ontology.rdf"
    for uri in entries.values():
        assert (catalog.parent / str(uri)).resolve().is_file()


OWLREADY_OFFLINE = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network refused by the test")
socket.socket.connect = refuse
socket.create_connection = refuse
import owlready2
world = owlready2.World()
owlready2.onto_path.append(sys.argv[1])
onto = world.get_ontology("file://" + sys.argv[2]).load()
names = sorted(c.name for c in world.classes())
print(len(names), "Prison" in names, "CFOWing" in names, "ContinuumRole" in names)
"""


@pytest.mark.parametrize(
    "document", ["ontology/commissioning.rdf", "ontology.rdf", "peergraph.rdf"]
)
def test_owlready2_loads_the_rdfxml_offline(release: Path, document: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", OWLREADY_OFFLINE, str(release), str(release / document)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    count, *found = done.stdout.split()
    assert int(count) > 20
    # commissioning.rdf holds CFOWing, and the core ontology's classes through its import.
    assert found[2] == "True", done.stdout


def test_the_description_is_complete_dcat_and_void(release: Path) -> None:
    from peergraph.publish.dataset import check_description

    meta = parse_file(release / "dataset.ttl")
    dataset = URIRef(DATASET_IRI)
    assert check_description(meta) == []
    assert meta.value(dataset, DCTERMS.issued) == Literal(
        ISSUED, datatype=URIRef(NAMESPACES["xsd"] + "date")
    )
    assert str(meta.value(dataset, URIRef(DCAT + "version"))) == version()
    whole = Graph().parse(release / "peergraph.nt", format="nt")
    assert int(meta.value(dataset, URIRef(VOID + "triples"))) == len(whole)
    subsets = list(meta.objects(dataset, URIRef(VOID + "subset")))
    for subset in subsets:
        part = str(subset).removeprefix(f"{GRAPH_IRI}/{version()}/")
        in_file = len(Graph().parse(release / f"{part}.nt", format="nt"))
        assert int(meta.value(subset, URIRef(VOID + "triples"))) == in_file, part
    assert len(subsets) == len(_parts(release)) - 1
    citation = load_bundled_graph().value(
        URIRef(NAMESPACES["study"] + "albertson-2024e"), DCTERMS.bibliographicCitation
    )
    assert meta.value(dataset, DCTERMS.bibliographicCitation) == Literal(str(citation))
    for dist in meta.objects(dataset, URIRef(DCAT + "distribution")):
        path = str(meta.value(dist, URIRef(DCAT + "downloadURL"))).removeprefix(BASE)
        size = int(meta.value(dist, URIRef(DCAT + "byteSize")))
        assert (release / path).stat().st_size == size, path
    examples = set(meta.objects(dataset, URIRef(VOID + "exampleResource")))
    assert examples and all((e, None, None) in whole for e in examples)


def test_the_completeness_shape_can_fail(release: Path) -> None:
    from peergraph.publish.dataset import check_description

    meta = parse_file(release / "dataset.ttl")
    meta.remove((URIRef(DATASET_IRI), DCTERMS.license, None))
    meta.remove((URIRef(DATASET_IRI), DCTERMS.bibliographicCitation, None))
    problems = check_description(meta)
    assert any("licence" in p for p in problems) and any("citation" in p for p in problems)


def test_the_validator_does_not_load_the_release_shapes() -> None:
    from peergraph.validation.shapes import load_shapes_graph

    shapes = load_shapes_graph()
    assert (URIRef(NAMESPACES["pgsh"] + "release-dataset"), None, None) not in shapes


# --- content negotiation ---------------------------------------------------------------------


def _rules(text: str) -> list[tuple[list[str], str, str]]:
    """The .htaccess rewrite rules: (Accept conditions, path pattern, target)."""
    rules: list[tuple[list[str], str, str]] = []
    conditions: list[str] = []
    for line in text.splitlines():
        if line.startswith("RewriteCond %{HTTP_ACCEPT} "):
            conditions.append(line.split(" ", 2)[2])
        elif line.startswith("RewriteRule "):
            _word, pattern, target, flags = line.split(" ")
            assert flags == "[R=303,L]"
            rules.append((conditions, pattern, target))
            conditions = []
    return rules


def _negotiate(rules: list[tuple[list[str], str, str]], path: str, accept: str) -> str | None:
    """What Apache's mod_rewrite does with these rules: the first whose conditions all match."""
    for conditions, pattern, target in rules:
        match = re.match(pattern, path)
        if match and all(re.search(c, accept) for c in conditions):
            return match.expand(target.replace("$", "\\"))
    return None


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    ("path", "accept", "expected"),
    [
        ("ontology", BROWSER, "ontology.html"),
        ("ontology", "text/turtle", "ontology.ttl"),
        ("ontology", "application/ld+json", "ontology.jsonld"),
        ("ontology", "application/rdf+xml", "ontology.rdf"),
        ("ontology/commissioning", "text/turtle", "ontology/commissioning.ttl"),
        ("shapes", BROWSER, "shapes.html"),
        ("shapes", "application/ld+json", "shapes.jsonld"),
        ("data/reference", BROWSER, "data/reference.ttl"),
        ("data/site/hmp-risley", "text/turtle", "data/sites/hmp-risley.ttl"),
        ("data/site/hmp-risley-training", "application/ld+json", "data/sites/hmp-risley.jsonld"),
        ("data/site/hmp-anytown", "text/turtle", "peergraph.ttl"),
        ("data/role/peer-mentor", "application/n-triples", "peergraph.nt"),
        ("data/dataset", "text/turtle", "dataset.ttl"),
    ],
)
def test_content_negotiation_sends_each_accept_type_to_its_file(
    release: Path, path: str, accept: str, expected: str
) -> None:
    rules = _rules((release / ".htaccess").read_text(encoding="utf-8"))
    assert _negotiate(rules, path, accept) == expected
    assert (release / expected).is_file()


def test_every_rewrite_target_exists_in_the_release(release: Path) -> None:
    from peergraph.resources import data_dir

    rules = _rules((release / ".htaccess").read_text())
    assert len(rules) > 50
    for _conditions, _pattern, target in rules:
        assert (release / target).is_file(), target
    # Every IRI a site's part describes is answered with that part.
    for site_file in (data_dir() / "sites").glob("*.ttl"):
        part = Graph().parse(release / "data" / "sites" / f"{site_file.stem}.nt", format="nt")
        for subject in {s for s in part.subjects() if str(s).startswith(NAMESPACES["site"])}:
            path = str(subject).removeprefix(BASE)
            assert _negotiate(rules, path, "text/turtle") == f"data/sites/{site_file.stem}.ttl"


# --- versions and the changelog --------------------------------------------------------------


@pytest.fixture(scope="module")
def next_release(release: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A release made with ``--previous`` a doctored copy of ``release``: an older version, a
    term the new release lacks, a term whose label differs, one term missing."""
    root = tmp_path_factory.mktemp("changelog")
    previous = root / "previous"
    shutil.copytree(release, previous)
    description = (previous / "dataset.ttl").read_text(encoding="utf-8")
    (previous / "dataset.ttl").write_text(
        description.replace(f'dcat:version "{version()}"', 'dcat:version "0.0.9"'), encoding="utf-8"
    )
    whole = Graph().parse(previous / "peergraph.nt", format="nt")
    gone = URIRef(PG + "RetiredClass")
    whole.add((gone, RDF.type, OWL.Class))
    whole.add((gone, RDFS.label, Literal("retired class", lang="en")))
    listener = URIRef(NAMESPACES["role"] + "listener")
    whole.remove((listener, RDFS.label, None))
    whole.add((listener, RDFS.label, Literal("Old listener label", lang="en")))
    new_term = URIRef(PG + "progressesTo")
    whole.remove((new_term, None, None))
    (previous / "peergraph.nt").write_bytes(whole.serialize(format="nt", encoding="utf-8"))
    run = _export(root / "next", "3", "--previous", str(previous))
    _out, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    yield root / "next"


def test_the_changelog_lists_terms_added_removed_and_changed(next_release: Path) -> None:
    text = (next_release / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith(f"# Changes from 0.0.9 to {version()}")
    added = text.split("## Added", 1)[1].split("## Removed", 1)[0]
    removed = text.split("## Removed", 1)[1].split("## Changed", 1)[0]
    changed = text.split("## Changed", 1)[1]
    assert "`pg:progressesTo`" in added
    assert "`pg:RetiredClass`" in removed
    assert "`role:listener`" in changed and "Old listener label" in changed
    assert "(1)" in added.splitlines()[0] and "(1)" in removed.splitlines()[0]


def test_a_later_release_names_its_prior_version(next_release: Path) -> None:
    ontology = parse_file(next_release / "ontology.ttl")
    iri = URIRef(PG.rstrip("#"))
    assert ontology.value(iri, OWL.priorVersion) == URIRef(f"{iri}/0.0.9")


# --- mistakes ----------------------------------------------------------------------------------


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*peergraph_command(), *argv],
        capture_output=True,
        text=True,
        env=peergraph_env(),
        check=False,
        timeout=300,
    )


def test_a_previous_folder_that_is_no_release_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    done = _cli("export", "--output", str(tmp_path / "new"), "--previous", str(tmp_path / "old"))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "old" in lines[0] and "dataset.ttl" in lines[0]
    assert not (tmp_path / "new").exists()


def test_an_issued_date_that_is_no_date_is_one_line(tmp_path: Path) -> None:
    done = _cli("export", "--output", str(tmp_path / "new"), "--issued", "last tuesday")
    assert done.returncode == 2 and "YYYY-MM-DD" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "new").exists()


def test_source_date_epoch_sets_the_issued_date(monkeypatch: pytest.MonkeyPatch) -> None:
    from peergraph.publish.export import issued_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    assert issued_date() == "2023-11-14"
    assert issued_date("2024-02-29") == "2024-02-29"
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"


def test_the_owl_api_loads_the_import_through_the_catalog(release: Path) -> None:
    """As Protégé does: the OWL API resolves commissioning.rdf's import of the core ontology
    with ontology/catalog-v001.xml, and fails on any IRI the catalog lacks."""
    import owlready2
    from test_owl_profile import _java

    java = _java()
    if java is None:
        if os.environ.get("CI"):
            pytest.fail("no JDK to run tests/java/ReleaseImports.java")
        pytest.skip("no JDK to run tests/java/ReleaseImports.java")
    hermit = Path(owlready2.__file__).resolve().parent / "hermit" / "HermiT.jar"
    checker = Path(__file__).resolve().parent / "java" / "ReleaseImports.java"
    catalog = release / "ontology" / "catalog-v001.xml"

    def load(catalog: Path) -> subprocess.CompletedProcess[str]:
        document = release / "ontology" / "commissioning.rdf"
        return subprocess.run(
            [java, "-cp", str(hermit), str(checker), str(catalog), str(document)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    done = load(catalog)
    assert done.returncode == 0, done.stderr
    assert "imports 2" in done.stdout.splitlines()
    # Without the catalog's entry the import cannot be resolved: the test can fail.
    empty = release.parent / "empty-catalog.xml"
    empty.write_text(catalog.read_text(encoding="utf-8").split("<uri", 1)[0] + "</catalog>\n")
    assert load(empty).returncode == 2
