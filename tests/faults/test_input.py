"""Faults of input: JSON-LD contexts from elsewhere, RDF/XML with a DTD (entity expansion,
external entities), and SPARQL injection through parameters and through the Python API's terms.

Validating reads the files it is given and nothing else: no network call, no other file.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from peergraph.errors import InputError
from peergraph.query.sparql import nt_term
from peergraph.rdfio import JSONLD_CONTEXT_IRI, jsonld_context, parse_file
from peergraph.vocab import NAMESPACES

from .conftest import Build, Call, Workspace, case

Check = Callable[[Build, int, str], str]

SECRET = "TOP-SECRET-9f3c"


# --- JSON-LD contexts ----------------------------------------------------------------------------


def json_ld(context: object) -> str:
    return json.dumps(
        {"@context": context, "@id": "http://example.org/a", "http://example.org/p": "x"}
    )


def remote_context(ws: Workspace) -> Call:
    # In a subprocess: should peergraph fetch it, the server never answers and the run hangs.
    url = ws.silent_server().url + "context.jsonld"
    name = ws.file("remote.jsonld", json_ld(url))
    return Call(["validate", name], where="remote.jsonld:1", mentions=[url], in_subprocess=True)


def remote_import(ws: Workspace) -> Call:
    url = ws.silent_server().url + "base.jsonld"
    name = ws.file("import.jsonld", json_ld({"@version": 1.1, "@import": url}))
    return Call(["validate", name], where="import.jsonld:1", mentions=[url], in_subprocess=True)


def remote_context_in_a_node(ws: Workspace) -> Call:
    url = ws.silent_server().url + "nested.jsonld"
    document = {
        "@id": "http://example.org/a",
        "http://example.org/knows": {"@context": url, "@id": "http://example.org/b"},
    }
    name = ws.file("nested.jsonld", json.dumps(document, indent=1))
    return Call(["validate", name], where="nested.jsonld:4", mentions=[url], in_subprocess=True)


def file_context(ws: Workspace) -> Call:
    secret = ws.root / "secret.jsonld"
    secret.write_text(json.dumps({"@context": {"p": "http://example.org/" + SECRET}}))
    name = ws.file("local.jsonld", json_ld(secret.as_uri()))
    return Call(
        ["validate", name], where="local.jsonld:1", mentions=[secret.as_uri()], absent=[SECRET]
    )


def relative_context(ws: Workspace) -> Call:
    ws.file("context.jsonld", json.dumps({"@context": {"p": "http://example.org/" + SECRET}}))
    name = ws.file("relative.jsonld", json_ld("context.jsonld"))
    return Call(["validate", name], where="relative.jsonld:1", absent=[SECRET])


# --- RDF/XML with a DTD --------------------------------------------------------------------------

RDF_XML_BODY = """<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>{value}</ex:p></rdf:Description>
</rdf:RDF>
"""


def billion_laughs(ws: Workspace) -> Call:
    # Ten levels of ten: 10^10 copies of "lol" if expanded (about a minute of CPU, then out of
    # memory). In a subprocess, so that a regression fails the case instead of the machine.
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 11)
    ]
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n'
        + "\n".join(entities)
        + "\n]>\n"
        + RDF_XML_BODY.format(value="&lol10;")
    )
    assert len(text.encode()) < 2048
    name = ws.file("laughs.rdf", text)
    return Call(["validate", name], where="laughs.rdf:2", in_subprocess=True)


def external_file_entity(ws: Workspace) -> Call:
    secret = ws.file("secret.txt", SECRET + "\n")
    text = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "{(ws.root / secret).as_uri()}"> ]>\n'
        + RDF_XML_BODY.format(value="&xxe;")
    )
    name = ws.file("xxe.rdf", text)
    return Call(["validate", name], where="xxe.rdf:2", absent=[SECRET])


def external_parameter_entity(ws: Workspace) -> Call:
    url = ws.silent_server().url + "evil.dtd"
    text = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rdf:RDF [ <!ENTITY % remote SYSTEM "{url}"> %remote; ]>\n'
        + RDF_XML_BODY.format(value="x")
    )
    name = ws.file("param.rdf", text)
    return Call(["validate", name], where="param.rdf:2", in_subprocess=True)


def doctype_without_entities(ws: Workspace) -> Call:
    text = '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF>\n' + RDF_XML_BODY.format(value="x")
    return Call(["validate", ws.file("doctype.rdf", text)], where="doctype.rdf:2")


# --- SPARQL injection through --param ------------------------------------------------------------


def iri_param_injection(ws: Workspace) -> Call:
    value = "peer-mentor> } ; DROP ALL ; SELECT * { ?s ?p ?o"
    return Call(["query", "cq09-principles-and-spheres", "--param", f"role={value}"])


def full_iri_param_injection(ws: Workspace) -> Call:
    value = "<https://w3id.org/peergraph/data/role/listener> } } ; CLEAR ALL ; #>"
    return Call(["query", "cq05-progression-routes", "--param", f"from={value}"])


def param_name_injection(ws: Workspace) -> Call:
    query = ws.file("any.rq", "SELECT ?x WHERE { ?x ?p ?o } LIMIT 1\n")
    return Call(["query", query, "--param", "x) { (1) } } ; DROP ALL ; #=1"])


def unknown_role(ws: Workspace) -> Call:
    return Call(["routes", "--from", "nosuchrole"])


CASES = [
    case("JSON-LD, a remote @context", remote_context, 2, "is a remote document"),
    case("JSON-LD, a remote @import", remote_import, 2, "is a remote document"),
    case("JSON-LD, a remote @context in a node", remote_context_in_a_node, 2, "remote document"),
    case("JSON-LD, a file: @context", file_context, 2, "is a local file"),
    case("JSON-LD, a relative @context", relative_context, 2, "is a local file"),
    case("RDF/XML, billion laughs", billion_laughs, 2, "with a DTD or entity declarations"),
    case("RDF/XML, external file entity", external_file_entity, 2, "with a DTD or entity"),
    case("RDF/XML, external parameter entity", external_parameter_entity, 2, "with a DTD"),
    case("RDF/XML, a DOCTYPE alone", doctype_without_entities, 2, "with a DTD"),
    case("--param, IRI injection", iri_param_injection, 2, "parameter role"),
    case("--param, full IRI injection", full_iri_param_injection, 2, "is not a valid IRI"),
    case("--param, name injection", param_name_injection, 2, "not a valid parameter name"),
    case("an unknown role slug", unknown_role, 2, "no role 'nosuchrole'"),
]


@pytest.mark.parametrize(("build", "exit_code", "message"), CASES)
def test_input_fault(check_fault: Check, build: Build, exit_code: int, message: str) -> None:
    check_fault(build, exit_code, message)


# --- the published context -----------------------------------------------------------------------

SITE_JSON_LD = {
    "@id": "site:hmp-anytown",
    "@type": "pg:Prison",
    "rdfs:label": {"@value": "HMP Anytown", "@language": "en"},
}


def test_a_site_graph_using_the_published_context_parses_without_fetching_it(
    workspace: Workspace,
) -> None:
    path = workspace.root / "anytown.jsonld"
    path.write_text(json.dumps({"@context": JSONLD_CONTEXT_IRI, **SITE_JSON_LD}))
    site = URIRef(NAMESPACES["site"] + "hmp-anytown")
    expected = Graph()
    expected.add((site, RDF.type, URIRef(NAMESPACES["pg"] + "Prison")))
    expected.add((site, RDFS.label, Literal("HMP Anytown", lang="en")))
    assert isomorphic(parse_file(path), expected)


def test_the_exported_context_is_the_served_one(workspace: Workspace) -> None:
    from peergraph.publish.export import export

    result = export(Graph(), workspace.root / "dist", ["turtle"])
    exported = workspace.root / "dist" / "context.jsonld"
    assert exported in result.files
    assert json.loads(exported.read_text(encoding="utf-8")) == jsonld_context()
    # The same site graph, with the exported context inlined, read by rdflib alone.
    inline = {**json.loads(exported.read_text(encoding="utf-8")), **SITE_JSON_LD}
    by_reference = workspace.root / "by-reference.jsonld"
    by_reference.write_text(json.dumps({"@context": JSONLD_CONTEXT_IRI, **SITE_JSON_LD}))
    assert isomorphic(
        parse_file(by_reference), Graph().parse(data=json.dumps(inline), format="json-ld")
    )


def test_rdflib_loads_contexts_again_after_a_parse(workspace: Workspace) -> None:
    from rdflib.plugins.shared.jsonld import context, util

    path = workspace.root / "site.jsonld"
    path.write_text(json.dumps({"@context": JSONLD_CONTEXT_IRI, **SITE_JSON_LD}))
    parse_file(path)
    assert context.source_to_json is util.source_to_json


# --- terms written into SPARQL by the Python API -------------------------------------------------

INJECTED_IRIS = [
    "http://example.org/x> } ; DROP ALL ; SELECT * { ?s ?p ?o",
    "http://example.org/x>",
    'http://example.org/"x"',
    "http://example.org/x} UNION {?s ?p ?o",
    "http://example.org/a b",
    "http://example.org/x\n} ; CLEAR ALL",
]
INJECTED_BNODE_LABELS = [
    "b0 } ; DROP ALL ; #",
    "b0>",
    "b0)",
    'b0" .',
    "b0.",
    "",
    "b0\nCLEAR ALL",
]


@pytest.mark.parametrize("iri", INJECTED_IRIS)
def test_an_injected_datatype_iri_is_refused(iri: str) -> None:
    with pytest.raises(InputError, match="not a valid datatype IRI"):
        nt_term(Literal("1", datatype=iri))


@pytest.mark.parametrize("iri", INJECTED_IRIS)
def test_an_injected_iri_is_refused(iri: str) -> None:
    with pytest.raises(InputError, match="not a valid IRI"):
        nt_term(URIRef(iri))


@pytest.mark.parametrize("label", INJECTED_BNODE_LABELS)
def test_an_injected_blank_node_label_is_refused(label: str) -> None:
    with pytest.raises(InputError, match="not a valid blank node label"):
        nt_term(BNode(label))


@pytest.mark.parametrize(
    "term",
    [
        URIRef("https://w3id.org/peergraph/data/role/peer-mentor"),
        Literal("2", datatype=URIRef(NAMESPACES["xsd"] + "integer")),
        Literal('He said "no" \\ then } left', lang="en-GB"),
        BNode("Nb1f0c2"),
        BNode("ub2bL3C7-x.y"),
    ],
    ids=["IRI", "typed literal", "literal with quotes", "blank node", "parser's blank node"],
)
def test_good_terms_are_written_as_exactly_that_term(term: URIRef | Literal | BNode) -> None:
    import pyoxigraph

    # The written term, parsed back by an independent parser, is one term, the same one.
    line = f"<http://example.org/s> <http://example.org/p> {nt_term(term)} .\n"
    triples = list(pyoxigraph.parse(line.encode(), format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert len(triples) == 1
    written = triples[0].object
    if isinstance(term, BNode):
        assert isinstance(written, pyoxigraph.BlankNode) and written.value == str(term)
    elif isinstance(term, Literal):
        assert isinstance(written, pyoxigraph.Literal) and written.value == str(term)
        assert (written.language or "").lower() == (term.language or "").lower()
        if term.datatype is not None:
            assert written.datatype.value == str(term.datatype)
    else:
        assert isinstance(written, pyoxigraph.NamedNode) and written.value == str(term)
