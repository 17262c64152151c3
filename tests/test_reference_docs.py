"""docs/reference/ is generated from the ontology, the data and the shapes: keep it up to date,
and check it documents every term and requirement with its source."""

from __future__ import annotations

import html
import importlib.util
import re
from pathlib import Path

from rdflib import RDF, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from peergraph.graph import load_bundled_graph
from peergraph.validation.catalogue import requirements
from peergraph.vocab import NAMESPACES

ROOT = Path(__file__).resolve().parent.parent
PG = NAMESPACES["pg"]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "gen_reference_docs", ROOT / "scripts" / "gen_reference_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_reference_is_up_to_date() -> None:
    assert _generator().main(["--check"]) == 0, (
        "docs/reference/ is stale: run python scripts/gen_reference_docs.py"
    )


def _section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</section>", start)]


def test_every_term_of_the_ontology_has_its_entry_with_label_and_definition() -> None:
    page = (ROOT / "docs" / "reference" / "ontology.html").read_text(encoding="utf-8")
    graph = load_bundled_graph()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept, SKOS.ConceptScheme)
    terms = {t for kind in kinds for t in graph.subjects(RDF.type, kind) if str(t).startswith(PG)}
    assert len(terms) > 50
    for term in terms:
        entry = _section(page, str(term)[len(PG) :])
        label = graph.value(term, URIRef(NAMESPACES["rdfs"] + "label"))
        if label is not None:
            assert html.escape(str(label)) in entry, term
        definition = graph.value(term, SKOS.definition)
        if definition is not None:
            assert html.escape(str(definition)) in entry, term
        for source in graph.objects(term, DCTERMS.source):
            assert html.escape(str(source).rsplit("/", 1)[1]) in entry, (term, source)


def test_an_entry_shows_an_example_from_the_graph() -> None:
    page = (ROOT / "docs" / "reference" / "ontology.html").read_text(encoding="utf-8")
    entry = _section(page, "ContinuumRole")
    roles = sorted(
        str(r) for r in load_bundled_graph().subjects(RDF.type, URIRef(PG + "ContinuumRole"))
    )
    assert len(roles) == 15
    assert re.search(r"<dt>Example</dt><dd>.*role:" + roles[0].rsplit("/", 1)[1], entry)


def test_every_requirement_has_its_entry_with_its_shapes_and_examples() -> None:
    page = (ROOT / "docs" / "reference" / "shapes.html").read_text(encoding="utf-8")
    for requirement in requirements():
        entry = _section(page, requirement.id)
        assert html.escape(requirement.title) in entry
    r2a = _section(page, "R2a")
    assert "pgsh:R2a-not-met" in r2a and "r2a-no-sponsor.ru" in r2a
    assert "section &quot;CFO Commissioning Recommendations&quot;" in r2a
