"""SKOS and ORG used as SKOS and ORG define them, in OWL 2 DL.

The oracles are the vocabularies' own RDF, copied below for the terms the graph uses: how the SKOS
Reference's skos.rdf types each SKOS property, and the domains and ranges ORG's org.ttl gives its
properties. Every concept has one preferred label per language (its rdfs:label) and is in a
labelled, defined concept scheme; ORG's terms are used within their domains and ranges; the
ontology's owl:AllDifferent axioms are anonymous, as OWL 2's mapping to RDF writes them; and
values of datatypes outside the OWL 2 datatype map (the works' xsd:gYear dates) are annotations
only. Each check is computed here in Python, apart from the SPARQL checks of queries/qc/, and
each of those checks is shown to catch a defect planted for it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import cast

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS
from rdflib.term import Node

from peergraph.graph import copy_graph, load_bundled_graph
from peergraph.pg import AGENT, PG, ROLE
from peergraph.resources import ontology_dir, queries_dir
from peergraph.vocab import BASE

ORG = Namespace("http://www.w3.org/ns/org#")
# Open: rdflib's closed XSD warns when pytest probes a module's names (test_warning_free.py).
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# skos.rdf (http://www.w3.org/2004/02/skos/core): the type of each property the graph declares.
SKOS_PROPERTY_TYPES: dict[Node, URIRef] = {
    SKOS.prefLabel: OWL.AnnotationProperty,
    SKOS.altLabel: OWL.AnnotationProperty,
    SKOS.definition: OWL.AnnotationProperty,
    SKOS.scopeNote: OWL.AnnotationProperty,
    SKOS.note: OWL.AnnotationProperty,
    SKOS.example: OWL.AnnotationProperty,
    SKOS.notation: OWL.DatatypeProperty,
    SKOS.inScheme: OWL.ObjectProperty,
    SKOS.hasTopConcept: OWL.ObjectProperty,
    SKOS.topConceptOf: OWL.ObjectProperty,
    SKOS.member: OWL.ObjectProperty,
    SKOS.broader: OWL.ObjectProperty,
    SKOS.exactMatch: OWL.ObjectProperty,
    SKOS.closeMatch: OWL.ObjectProperty,
    # skos.rdf: an owl:ObjectProperty with an rdf:List range; the ontology's declared exception.
    SKOS.memberList: OWL.AnnotationProperty,
}

# org.ttl (http://www.w3.org/ns/org): domain and range of each ORG property the graph uses.
ORG_DOMAIN_RANGE: dict[Node, tuple[URIRef, URIRef]] = {
    ORG.hasSubOrganization: (ORG.Organization, ORG.Organization),
    ORG.subOrganizationOf: (ORG.Organization, ORG.Organization),
    ORG.hasPost: (ORG.Organization, ORG.Post),
    ORG.postIn: (ORG.Post, ORG.Organization),
}

# The OWL 2 datatype map (OWL 2 Structural Specification, section 4), with RDF 1.1's langString.
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
OWL_2_DATATYPES = {
    URIRef(RDF_NS + "PlainLiteral"),
    URIRef(RDF_NS + "XMLLiteral"),
    URIRef(RDF_NS + "langString"),
    RDFS.Literal,
    OWL.real,
    OWL.rational,
} | {
    XSD[name]
    for name in [
        "decimal",
        "integer",
        "nonNegativeInteger",
        "nonPositiveInteger",
        "positiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "double",
        "float",
        "string",
        "normalizedString",
        "token",
        "language",
        "Name",
        "NCName",
        "NMTOKEN",
        "boolean",
        "hexBinary",
        "base64Binary",
        "anyURI",
        "dateTime",
        "dateTimeStamp",
    ]
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_bundled_graph()


def _ours(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(BASE)


def _subclasses_of(graph: Graph, top: URIRef) -> set[Node]:
    found: set[Node] = {top}
    frontier: list[Node] = [top]
    while frontier:
        for sub in graph.subjects(RDFS.subClassOf, frontier.pop()):
            if sub not in found:
                found.add(sub)
                frontier.append(sub)
    return found


def _types(graph: Graph, node: Node) -> set[Node]:
    """The classes of ``node``: its rdf:type values and their superclasses."""
    found: set[Node] = set()
    frontier = list(graph.objects(node, RDF.type))
    while frontier:
        cls = frontier.pop()
        if cls not in found:
            found.add(cls)
            frontier.extend(graph.objects(cls, RDFS.subClassOf))
    return found


def concepts(graph: Graph) -> set[Node]:
    """The graph's SKOS concepts: individuals of skos:Concept or a sub-class, and whatever is
    put in a concept scheme."""
    classes = _subclasses_of(graph, SKOS.Concept)
    found = {s for cls in classes for s in graph.subjects(RDF.type, cls)}
    found |= set(graph.subjects(SKOS.inScheme)) | set(graph.subjects(SKOS.topConceptOf))
    found |= set(graph.objects(None, SKOS.hasTopConcept))
    return {c for c in found if _ours(c)} - classes


def _run(graph: Graph, name: str) -> list[tuple[Node, ...]]:
    text = (queries_dir() / "qc" / f"{name}.rq").read_text(encoding="utf-8")
    # A SELECT query's rows are ResultRows, tuples of terms.
    return [tuple(cast("Iterable[Node]", row)) for row in graph.query(text)]


# --- SKOS --------------------------------------------------------------------------------------


def test_the_graph_has_the_concepts_of_every_kind(graph: Graph) -> None:
    found = concepts(graph)
    for concept in (PG["lcr-high"], PG.weekly, PG["cfo-prime-provider"], PG.veteran, ROLE.listener):
        assert concept in found, concept
    assert ROLE["red-band"] in found  # a role variant
    assert len(found) > 80


def test_every_concept_has_one_preferred_label_per_language_its_rdfs_label(graph: Graph) -> None:
    faults = []
    for concept in sorted(concepts(graph), key=str):
        by_language: dict[str, list[str]] = defaultdict(list)
        for label in graph.objects(concept, SKOS.prefLabel):
            assert isinstance(label, Literal)
            by_language[label.language or ""].append(str(label))
        if not by_language or any(len(texts) != 1 for texts in by_language.values()):
            faults.append(f"{concept}: preferred labels {dict(by_language)}")
        labels = {
            (str(label), label.language or "")
            for label in graph.objects(concept, RDFS.label)
            if isinstance(label, Literal)
        }
        preferred = {(text, lang) for lang, texts in by_language.items() for text in texts}
        if labels != preferred:
            faults.append(f"{concept}: rdfs:label {labels} is not skos:prefLabel {preferred}")
    assert faults == []


def test_every_concept_is_in_a_labelled_defined_scheme(graph: Graph) -> None:
    faults = []
    for concept in sorted(concepts(graph), key=str):
        schemes = set(graph.objects(concept, SKOS.inScheme))
        if not schemes:
            faults.append(f"{concept}: in no scheme")
        for scheme in schemes:
            if (scheme, RDF.type, SKOS.ConceptScheme) not in graph:
                faults.append(f"{concept}: {scheme} is not a concept scheme")
            elif (
                graph.value(scheme, RDFS.label) is None
                or graph.value(scheme, SKOS.definition) is None
            ):
                faults.append(f"{scheme}: no rdfs:label or skos:definition")
    assert faults == []


def test_a_scheme_that_names_top_concepts_names_all_it_holds(graph: Graph) -> None:
    """Each scheme's concepts are all top concepts (the schemes are flat), stated from the
    scheme (skos:hasTopConcept, in the ontology) or from the concept (skos:topConceptOf, in the
    data), and the two agree with skos:inScheme."""
    for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme):
        members = set(graph.subjects(SKOS.inScheme, scheme))
        tops = set(graph.objects(scheme, SKOS.hasTopConcept)) | set(
            graph.subjects(SKOS.topConceptOf, scheme)
        )
        assert members, scheme
        assert tops == members, scheme


def test_the_continuum_scheme_holds_the_15_roles(graph: Graph) -> None:
    roles = set(graph.subjects(RDF.type, PG.ContinuumRole))
    assert len(roles) == 15
    assert set(graph.subjects(SKOS.inScheme, PG.Continuum)) == roles
    variants = set(graph.subjects(RDF.type, PG.RoleVariant))
    assert set(graph.subjects(SKOS.inScheme, PG.RoleVariants)) == variants


def test_skos_properties_are_typed_as_skos_types_them(graph: Graph) -> None:
    declared = {
        p
        for kind in (OWL.AnnotationProperty, OWL.ObjectProperty, OWL.DatatypeProperty)
        for p in graph.subjects(RDF.type, kind)
        if str(p).startswith(str(SKOS))
    }
    used = {p for p in graph.predicates() if str(p).startswith(str(SKOS))}
    assert used <= declared, used - declared
    for prop in declared:
        kinds = set(graph.objects(prop, RDF.type)) & {
            OWL.AnnotationProperty,
            OWL.ObjectProperty,
            OWL.DatatypeProperty,
        }
        assert kinds == {SKOS_PROPERTY_TYPES[prop]}, prop  # a KeyError: a term to look up


def test_the_memberlist_exception_says_why_where_it_is_declared() -> None:
    text = (ontology_dir() / "peergraph.ttl").read_text(encoding="utf-8")
    declaration = text.index("skos:memberList a owl:AnnotationProperty .")
    comment = text[:declaration].rsplit("\n\n", 1)[-1]
    assert "skos:memberList" in comment and "rdf:List" in comment and "OWL 2" in comment


def test_ordered_collections_state_their_members_as_their_lists_do(graph: Graph) -> None:
    collections = list(graph.subjects(RDF.type, SKOS.OrderedCollection))
    assert len(collections) >= 2
    for collection in collections:
        head = graph.value(collection, SKOS.memberList)
        assert head is not None
        assert set(Collection(graph, head)) == set(graph.objects(collection, SKOS.member))


@pytest.mark.parametrize(
    ("plant", "problem"),
    [
        ((PG.paid, SKOS.prefLabel, Literal("Salaried", lang="en")), "more than one"),
        ((PG.unpaid, SKOS.prefLabel, Literal("Unpaid", lang="fr")), "rdfs:label"),
    ],
)
def test_the_preflabel_check_catches_two_labels_or_one_unlike_the_label(
    graph: Graph, plant: tuple[Node, Node, Node], problem: str
) -> None:
    broken = copy_graph(graph)
    broken.add(plant)
    if problem == "rdfs:label":  # a French rdfs:label with other words than the French prefLabel
        broken.add((PG.unpaid, RDFS.label, Literal("Non payé", lang="fr")))
    found = _run(broken, "concepts-without-preflabel")
    assert [row for row in found if row[0] == plant[0] and problem in str(row[1])], found


def test_the_scheme_check_catches_a_scheme_without_definition(graph: Graph) -> None:
    broken = copy_graph(graph)
    broken.remove((PG.Frequencies, SKOS.definition, None))
    assert (PG.Frequencies,) in [row[:1] for row in _run(broken, "concepts-without-scheme")]


# --- ORG ---------------------------------------------------------------------------------------


def test_org_properties_have_orgs_own_domains_and_ranges(graph: Graph) -> None:
    used = {p for p in graph.predicates() if str(p).startswith(str(ORG))}
    used |= {q for q in graph.objects(None, RDFS.subPropertyOf) if str(q).startswith(str(ORG))}
    assert used  # the check sees ORG's properties
    for prop in used:
        domain, range_ = ORG_DOMAIN_RANGE[prop]  # a KeyError: a property to look up in ORG
        assert set(graph.objects(prop, RDFS.domain)) == {domain}, prop
        assert set(graph.objects(prop, RDFS.range)) == {range_}, prop
    assert (ORG.OrganizationalUnit, RDFS.subClassOf, ORG.Organization) in graph


def test_every_use_of_an_org_property_is_within_its_domain_and_range(graph: Graph) -> None:
    faults = []
    for org_property, (domain, range_) in ORG_DOMAIN_RANGE.items():
        properties = {org_property} | set(
            graph.transitive_subjects(RDFS.subPropertyOf, org_property)
        )
        for prop in properties:
            for subject, value in graph.subject_objects(prop):
                if domain not in _types(graph, subject):
                    faults.append(f"{subject} {prop}: not a {domain}")
                if range_ not in _types(graph, value):
                    faults.append(f"{prop} {value}: not a {range_}")
    assert faults == []


def test_no_org_site_and_no_org_has_unit(graph: Graph) -> None:
    """Nothing uses org:Site, so nothing declares it; ORG makes org:hasUnit's domain a formal
    organisation, which neither a prison nor a wing is."""
    site = ORG.Site
    assert not any(site in triple for triple in graph)
    assert not set(graph.transitive_subjects(RDFS.subPropertyOf, ORG.hasUnit)) - {ORG.hasUnit}


def test_the_posts_the_source_names_are_org_posts_in_cfo(graph: Graph) -> None:
    posts = [AGENT["cfo-peer-mentor-coordinator"], AGENT["regional-cfo-peer-mentor-coordinator"]]
    for post in posts:
        assert (post, RDF.type, ORG.Post) in graph
        assert (post, ORG.postIn, AGENT.cfo) in graph
    # Whatever the graph defines as a post is one.
    described = {
        s
        for s, text in graph.subject_objects(SKOS.definition)
        if _ours(s) and re.match(r"An? (\w+ )*post\b", str(text)) and "CFO" in str(text)
    }
    assert set(posts) <= described
    assert all((s, RDF.type, ORG.Post) in graph for s in described), described


@pytest.mark.parametrize("plant", ["postIn-on-an-organisation", "sponsor-not-a-post"])
def test_the_org_check_catches_a_use_outside_orgs_domain_or_range(graph: Graph, plant: str) -> None:
    broken = copy_graph(graph)
    if plant == "postIn-on-an-organisation":
        subject: Node = AGENT.novus  # an organisation, not a post
        broken.add((subject, ORG.postIn, AGENT.cfo))
    else:
        sponsor = URIRef(BASE + "data/site/hmp-risley-sponsor")
        broken.add((sponsor, RDF.type, PG.Provider))
        broken.add((URIRef(BASE + "data/site/hmp-risley"), PG.cfoSponsor, sponsor))
        subject = URIRef(BASE + "data/site/hmp-risley")
    found = _run(broken, "org-terms-outside-domain-or-range")
    assert [row for row in found if row[0] == subject], found


def test_the_org_check_catches_a_declared_term_nothing_uses(graph: Graph) -> None:
    broken = copy_graph(graph)
    broken.add((ORG.Site, RDF.type, OWL.Class))
    assert (ORG.Site,) in [row[:1] for row in _run(broken, "org-terms-outside-domain-or-range")]


# --- OWL 2 DL details -------------------------------------------------------------------------


def test_all_different_axioms_are_anonymous_over_one_schemes_concepts(graph: Graph) -> None:
    axioms = list(graph.subjects(RDF.type, OWL.AllDifferent))
    assert len(axioms) >= 12
    schemes = {
        frozenset(graph.subjects(SKOS.inScheme, scheme))
        for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme)
    }
    for axiom in axioms:
        assert isinstance(axiom, BNode), axiom
        assert graph.value(axiom, OWL.distinctMembers) is None  # OWL 2 writes owl:members
        head = graph.value(axiom, OWL.members)
        assert head is not None
        assert frozenset(Collection(graph, head)) in schemes, list(Collection(graph, head))


def test_values_outside_the_owl_2_datatype_map_are_annotations_only(graph: Graph) -> None:
    """OWL 2 DL's datatype map constrains axioms, not annotations, whose values may be of any
    datatype: the works' publication years (dcterms:issued, xsd:gYear) may stay as they are."""
    outside: list[tuple[Node, Literal]] = [
        (p, o)
        for _, p, o in graph
        if isinstance(o, Literal) and o.datatype is not None and o.datatype not in OWL_2_DATATYPES
    ]
    assert any(value.datatype == XSD.gYear for _, value in outside)
    for prop, _ in outside:
        assert (prop, RDF.type, OWL.AnnotationProperty) in graph, prop
