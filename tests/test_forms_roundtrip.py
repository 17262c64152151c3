"""Site graphs to forms and back: nothing lost, nothing added.

The four pilot sites and the valid template, converted to a workbook or YAML and back, are the
graphs of ``data/`` (rdflib ``isomorphic``); what no field holds (provenance records, the
source's cells) travels on the statements sheet. A form filled by hand with the template's
values validates with no result and describes the template's graph; a form with every field
filled converts to a graph where a SPARQL query, built from each field's ``sh:path`` in
``shapes/forms/site-form.ttl``, finds the value.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import SH

from peergraph import cli
from peergraph.graph import load_reference_graph
from peergraph.pg import PG
from peergraph.rdfio import parse_file
from peergraph.resources import data_dir, shapes_dir
from peergraph.validation import validate
from peergraph.vocab import NAMESPACES

PGSH = Namespace("https://w3id.org/peergraph/shapes#")
FORMS = Path(__file__).resolve().parent / "forms"
TEMPLATE = data_dir() / "examples" / "valid" / "hmp-example.ttl"
GRAPHS = [TEMPLATE, *sorted((data_dir() / "sites").glob("*.ttl"))]


def _convert(source: Path, target: Path) -> None:
    assert cli.main(["convert", str(source), "--out", str(target)]) == 0


@pytest.mark.parametrize("suffix", [".xlsx", ".yaml"])
@pytest.mark.parametrize("graph_file", GRAPHS, ids=lambda p: p.stem)
def test_a_site_graph_survives_the_trip_through_a_form(
    graph_file: Path, suffix: str, tmp_path: Path
) -> None:
    form = tmp_path / f"{graph_file.stem}{suffix}"
    back = tmp_path / "back.ttl"
    _convert(graph_file, form)
    _convert(form, back)
    assert isomorphic(parse_file(graph_file), parse_file(back))


def test_what_no_field_holds_is_on_the_statements_sheet(tmp_path: Path) -> None:
    """HMP Risley's provenance (its fact records and Table 1's cells) is kept, row by row."""
    risley = data_dir() / "sites" / "hmp-risley.ttl"
    form = tmp_path / "risley.xlsx"
    _convert(risley, form)
    book = openpyxl.load_workbook(form)
    rows = list(book["Other statements"].iter_rows(min_row=2, values_only=True))
    graph = parse_file(risley)
    cells = set(graph.subjects(RDF.type, URIRef("https://w3id.org/peergraph/ontology#TableCell")))
    # Every triple about a source cell is a row there, none of them elsewhere.
    cell_triples = [t for c in cells for t in graph.triples((c, None, None))]
    assert cell_triples and len([r for r in rows if str(r[0]).startswith("src:")]) == len(
        cell_triples
    )
    # The sites' own facts that a sheet holds are not repeated as statements.
    assert not [r for r in rows if r[1] == "pg:continuumRole"]


def test_the_same_graph_gives_the_same_form(tmp_path: Path) -> None:
    drake_hall = data_dir() / "sites" / "hmp-drake-hall.ttl"
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    _convert(drake_hall, first)
    _convert(drake_hall, second)
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


def test_forms_convert_to_each_other_and_to_json_ld(tmp_path: Path) -> None:
    high_down = data_dir() / "sites" / "hmp-high-down.ttl"
    workbook, yaml_form, json_ld = (tmp_path / n for n in ("a.xlsx", "b.yaml", "c.jsonld"))
    _convert(high_down, workbook)
    _convert(workbook, yaml_form)
    _convert(yaml_form, json_ld)
    assert isomorphic(parse_file(json_ld), parse_file(high_down))


# --- the template's values, filled in by hand ---------------------------------------------------


def _with_site_iris_as_blank_nodes(graph: Graph, namespace: str) -> Graph:
    """The graph with the site's own IRIs made blank nodes: the same description, whatever the
    things are called."""
    nodes: dict[URIRef, BNode] = {}

    def blank(term: object) -> object:
        if isinstance(term, URIRef) and str(term).startswith(namespace):
            return nodes.setdefault(term, BNode())
        return term

    result = Graph()
    for s, p, o in graph:
        result.add((blank(s), p, blank(o)))  # type: ignore[arg-type]
    return result


FILLED = FORMS / "hmp-example-filled.yaml"


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_the_blank_form_filled_with_the_templates_values_validates_clean(
    suffix: str, tmp_path: Path
) -> None:
    form = FILLED
    if suffix == ".xlsx":
        form = tmp_path / "filled.xlsx"
        _convert(FILLED, form)
    report = validate(form, strict=True)
    assert report.conforms
    assert [r.message for r in report.results] == []
    assert [s.site.label for s in report.sites] == ["HMP Example"]


def test_the_filled_form_describes_the_templates_graph(tmp_path: Path) -> None:
    out = tmp_path / "filled.ttl"
    _convert(FILLED, out)
    ours = _with_site_iris_as_blank_nodes(
        parse_file(out), "https://example.org/peergraph/hmp-example-form/"
    )
    template = _with_site_iris_as_blank_nodes(
        parse_file(TEMPLATE), "https://example.org/peergraph/hmp-example/"
    )
    assert len(ours) == len(template)
    assert isomorphic(ours, template)


# --- every field filled: a SPARQL query per field finds its value --------------------------------


def _path(graph: Graph, shape: object) -> str:
    value = graph.value(shape, SH.path)  # type: ignore[arg-type]
    if isinstance(value, URIRef):
        return f"<{value}>"
    inverse = graph.value(value, SH.inversePath)
    if inverse is not None:
        return f"^<{inverse}>"
    return "/".join(f"<{step}>" for step in Collection(graph, value))


def test_a_fully_filled_form_gives_each_value_to_sparql(tmp_path: Path) -> None:
    """Every column of every sheet gets a value chosen from the shapes and the reference data
    (not from the form code), and a query on the converted graph finds each."""
    shapes = Graph().parse(shapes_dir() / "forms" / "site-form.ttl")
    reference = load_reference_graph()
    blank = tmp_path / "blank.xlsx"
    assert cli.main(["new-site", "--name", "HMP Fullform", "--out", str(blank)]) == 0
    book = openpyxl.load_workbook(blank)
    namespace = str(book["Instructions"]["B3"].value)
    form = shapes.value(None, RDF.type, PGSH.SiteForm)
    blocks = list(shapes.objects(form, PGSH.block))

    def sheet_of(block: object) -> str:
        first = next(iter(shapes.objects(block, SH.property)))  # type: ignore[arg-type]
        return str(shapes.value(shapes.value(first, SH.group), RDFS.label))

    def subclasses(cls: object) -> set[object]:
        return set(reference.transitive_subjects(RDFS.subClassOf, cls)) | {cls}  # type: ignore[arg-type]

    # One row per block (but the statements'), ID "<block>-row", of its first kind.
    rows: dict[object, tuple[str, object]] = {}
    for block in blocks:
        cls = shapes.value(block, SH["class"])
        if cls == RDF.Statement:
            continue
        kind = next(
            (
                list(Collection(shapes, shapes.value(p, SH["in"])))[0]
                for p in shapes.objects(block, SH.property)
                if shapes.value(p, SH.path) == RDF.type
            ),
            cls,
        )
        rows[block] = (f"{sheet_of(block).lower().replace(' ', '-')}-row", kind)
    heads = {  # the fields whose path starts another field's sequence path
        Collection(shapes, shapes.value(p, SH.path))[0]
        for p in shapes.subjects(SH.path, None)
        if isinstance(shapes.value(p, SH.path), BNode)
        and (shapes.value(p, SH.path), RDF.first, None) in shapes
    }
    checks: list[tuple[str, str]] = []  # (ASK query, what it checks)
    for block in blocks:
        sheet = book[sheet_of(block)]
        header = {c.value: c.column_letter for c in sheet[1]}
        if block not in rows:  # the statements: one Turtle statement
            sheet["A2"], sheet["B2"], sheet["C2"] = ":statements-subject", "rdfs:comment", '"x"'
            checks.append((f'ASK {{ <{namespace}statements-subject> <{RDFS.comment}> "x" }}', "st"))
            continue
        ident, _kind = rows[block]
        sheet[f"{header[str(shapes.value(form, PGSH.identifierName))]}2"] = ident
        for prop in shapes.objects(block, SH.property):
            name = str(shapes.value(prop, SH.name))
            cell = f"{header[name]}2"
            datatype, cls = shapes.value(prop, SH.datatype), shapes.value(prop, SH["class"])
            listed, path = shapes.value(prop, SH["in"]), shapes.value(prop, SH.path)
            if datatype == URIRef("http://www.w3.org/2001/XMLSchema#boolean"):
                text, expected = "Yes", Literal(True).n3()
            elif datatype == URIRef("http://www.w3.org/2001/XMLSchema#integer"):
                low = shapes.value(prop, SH.minInclusive)
                text, expected = str(low or 1), Literal(int(low or 1)).n3()
            elif datatype is not None:
                language = shapes.value(prop, SH.languageIn)
                tag = str(Collection(shapes, language)[0]) if language is not None else None
                text = f"the {name} of {ident}"
                expected = Literal(text, lang=tag).n3()
            elif listed is not None:
                member = list(Collection(shapes, listed))[0]
                label = reference.value(member, RDFS.label)
                text, expected = str(label), f"<{member}>"
            elif path in heads:
                text, expected = (
                    f"{ident}-{name.split()[0]}",
                    f"<{namespace}{ident}-{name.split()[0]}>",
                )
            else:
                row = next(
                    (r for b, r in rows.items() if r[1] in subclasses(cls) and b != block), None
                ) or next((r for r in rows.values() if r[1] in subclasses(cls)), None)
                if row is not None:
                    text, expected = row[0], f"<{namespace}{row[0]}>"
                else:
                    members = sorted(
                        s
                        for c in subclasses(cls)
                        for s in reference.subjects(RDF.type, c)
                        if isinstance(s, URIRef)
                    )
                    assert members, f"{name}: nothing to choose"
                    text = str(reference.value(members[0], RDFS.label))
                    expected = f"<{members[0]}>"
            sheet[cell] = text
            checks.append(
                (f"ASK {{ <{namespace}{ident}> {_path(shapes, prop)} {expected} }}", name)
            )
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    out = tmp_path / "filled.ttl"
    _convert(filled, out)
    graph = parse_file(out)
    missing = [what for query, what in checks if not graph.query(query).askAnswer]
    assert missing == []
    assert len(checks) >= 70  # every field of every block


# --- a continuum role named by its variant (footnotes 18 and 20) ---------------------------------


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("purple-band", "red-purple-band"),
        ("Red Band", "red-purple-band"),
        ("Equalities Rep", "rep"),
    ],
)
def test_a_continuum_role_may_be_named_by_its_variant(
    written: str, meant: str, tmp_path: Path
) -> None:
    text = FILLED.read_text(encoding="utf-8")
    assert "    continuum-role: Induction/First night orderly\n" in text
    form = tmp_path / "variant.yaml"
    form.write_text(
        text.replace("continuum-role: Induction/First night orderly", f"continuum-role: {written}"),
        encoding="utf-8",
    )
    out = tmp_path / "variant.ttl"
    _convert(form, out)
    named = set(parse_file(out).objects(None, PG.continuumRole))
    assert URIRef(NAMESPACES["role"] + meant) in named
    variants = {NAMESPACES["role"] + "purple-band", NAMESPACES["role"] + "red-band"}
    assert not {str(n) for n in named} & variants
