"""Export: serialisations, the DCAT/VoID description, and failures that leave nothing behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import free_port
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID

from peergraph.errors import EndpointError, InputError
from peergraph.graph import load_bundled_graph
from peergraph.publish.export import DATASET_IRI, export, upload
from peergraph.rdfio import parse_file

# A plain Namespace: rdflib's closed DCAT namespace object confuses pytest's collection.
DCAT = Namespace("http://www.w3.org/ns/dcat#")


@pytest.fixture(scope="module")
def graph():
    return load_bundled_graph()


def test_every_serialisation_reparses_to_the_same_graph(graph, tmp_path: Path) -> None:
    from rdflib.compare import isomorphic

    result = export(graph, tmp_path, ["turtle", "ntriples", "jsonld", "rdfxml"])
    assert {p.name for p in result.files} == {
        "peergraph.ttl",
        "peergraph.nt",
        "peergraph.jsonld",
        "peergraph.rdf",
        "dataset.ttl",
        "context.jsonld",
    }
    for path in result.files:
        if path.name in ("dataset.ttl", "context.jsonld"):
            continue
        # peergraph's parser: the JSON-LD names the published context, served from the package.
        back = parse_file(path)
        assert len(back) == len(graph), path.name
        assert isomorphic(back, graph), path.name
    assert isomorphic(Graph().parse(tmp_path / "peergraph.nt", format="nt"), graph)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".peergraph-export-")]


def test_the_published_jsonld_context_names_every_prefix(graph, tmp_path: Path) -> None:
    import json

    from peergraph.vocab import NAMESPACES

    export(graph, tmp_path, ["jsonld"])
    context = json.loads((tmp_path / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert {k: v for k, v in context.items() if k in NAMESPACES} == NAMESPACES


def test_dataset_description_is_dcat_and_void(graph, tmp_path: Path) -> None:
    export(graph, tmp_path, ["turtle"], endpoint="http://127.0.0.1:7878/query")
    meta = Graph().parse(tmp_path / "dataset.ttl")
    dataset = URIRef(DATASET_IRI)
    assert (dataset, RDF.type, DCAT.Dataset) in meta
    assert meta.value(dataset, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert int(meta.value(dataset, VOID.triples)) == len(graph)
    dists = list(meta.objects(dataset, DCAT.distribution))
    assert len(dists) == 1 and meta.value(dists[0], DCAT.mediaType) is not None
    assert meta.value(dataset, VOID.sparqlEndpoint) == URIRef("http://127.0.0.1:7878/query")
    pg = Namespace("https://w3id.org/peergraph/ontology#")
    counts = {
        meta.value(p, VOID["class"]): int(meta.value(p, VOID.entities))
        for p in meta.objects(dataset, VOID.classPartition)
    }
    assert counts[pg.ContinuumRole] == 15
    assert counts[pg.PilotSite] == 4


def test_output_that_is_a_file_is_refused(graph, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(InputError):
        export(graph, target, ["turtle"])


def test_upload_to_a_dead_store_is_one_clear_error(graph) -> None:
    with pytest.raises(EndpointError, match="could not reach"):
        upload(graph, f"http://127.0.0.1:{free_port()}/store", timeout=2)


def test_cli_upload_to_a_dead_store_exits_2_without_traceback() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "peergraph",
            "export",
            "--upload",
            f"http://127.0.0.1:{free_port()}/store",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_cli_export_needs_a_target() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "peergraph", "export"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2 and "nothing to do" in done.stderr
