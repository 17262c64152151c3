"""The forms come from the shapes: ``shapes/forms/site-form.ttl`` says the sheets, columns, choices
and help; the requirement shapes say what a column serves; the reference data says the members
of each closed choice. Nothing of it is in Python: a field added in Turtle appears in both
forms and is read back. And the form shapes, loaded with the requirement shapes, change no
validation result.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import yaml
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH, SKOS

from peergraph import cli, graph, resources
from peergraph.forms import schema as schema_module
from peergraph.graph import load_reference_graph
from peergraph.rdfio import parse_file
from peergraph.validation import load_shapes_graph, requirements, site_graphs
from peergraph.validation import sites as sites_module

PG = Namespace("https://w3id.org/peergraph/ontology#")
PGSH = Namespace("https://w3id.org/peergraph/shapes#")
ROLE = "https://w3id.org/peergraph/data/role/"
FORM_FILE = resources.shapes_dir() / "forms" / "site-form.ttl"


@pytest.fixture(scope="module")
def form_shapes() -> Graph:
    return parse_file(FORM_FILE)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("form") / "anytown.xlsx"
    assert cli.main(["new-site", "--name", "HMP Anytown", "--out", str(path)]) == 0
    return openpyxl.load_workbook(path)


def _blocks(shapes: Graph) -> list[tuple[str, list[URIRef]]]:
    """(sheet name, property shapes in sh:order) per block, in the sheets' sh:order."""
    found = []
    for block in shapes.objects(None, PGSH.block):
        props = sorted(
            shapes.objects(block, SH.property), key=lambda p: float(shapes.value(p, SH.order))
        )
        group = shapes.value(props[0], SH.group)
        found.append(
            (float(shapes.value(group, SH.order)), str(shapes.value(group, RDFS.label)), props)
        )
    return [(sheet, props) for _order, sheet, props in sorted(found)]


def test_the_sheets_and_columns_are_the_shapes(form_shapes: Graph, workbook) -> None:
    blocks = _blocks(form_shapes)
    form = form_shapes.value(None, RDF.type, PGSH.SiteForm)
    first, lists = (
        str(form_shapes.value(form, p)) for p in (PGSH.instructionsSheetName, PGSH.listsSheetName)
    )
    assert workbook.sheetnames == [first, *(s for s, _p in blocks), lists]
    assert workbook[lists].sheet_state == "hidden"
    identifier = str(form_shapes.value(form, PGSH.identifierName))
    for sheet, props in blocks:
        headers = [c.value for c in workbook[sheet][1]]
        names = [str(form_shapes.value(p, SH.name)) for p in props]
        assert headers in (names, [identifier, *names]), sheet


def test_each_header_comment_says_what_to_write_and_which_requirement_it_serves(
    form_shapes: Graph, workbook
) -> None:
    requirement_shapes = load_shapes_graph()
    titles = {r.id: r.title for r in requirements()}
    served = 0
    for sheet, props in _blocks(form_shapes):
        comments = {c.value: c.comment.text for c in workbook[sheet][1]}
        for prop in props:
            text = " ".join(comments[str(form_shapes.value(prop, SH.name))].split())
            assert " ".join(str(form_shapes.value(prop, SH.description)).split()) in text
            for check in form_shapes.objects(prop, PGSH.servesRequirement):
                owner = requirement_shapes.value(None, SH.property, check)
                notation = str(requirement_shapes.value(owner, SKOS.notation))
                description = str(requirement_shapes.value(check, SH.description))
                assert f"Serves {notation} ({titles[notation]}): {description}" in text, check
                served += 1
    assert served >= 40


def _list_values(workbook, formula: str) -> list[str]:
    name = formula.lstrip("=")
    destinations = list(workbook.defined_names[name].destinations)
    assert len(destinations) == 1
    title, cells = destinations[0]
    return [c.value for row in workbook[title][cells.replace("$", "")] for c in row]


def test_closed_choices_are_the_ontologys_members_in_drop_down_lists(
    form_shapes: Graph, workbook
) -> None:
    """For each column whose values are things of one class that no sheet of the form makes
    (estates, frequencies, continuum roles...), the drop-down list is the class's members in
    the reference data: continuum roles by slug, the others by label."""
    reference = load_reference_graph()
    made = {form_shapes.value(b, SH["class"]) for b in form_shapes.objects(None, PGSH.block)}
    made |= {
        m
        for p in form_shapes.subjects(SH.path, RDF.type)
        for m in form_shapes.items(form_shapes.value(p, SH["in"]))
    }
    heads = {  # a field whose path starts others' (the sponsor) names a thing it describes
        form_shapes.value(path, RDF.first)
        for path in form_shapes.objects(None, SH.path)
        if (path, RDF.first, None) in form_shapes
    }
    checked = 0
    for sheet, props in _blocks(form_shapes):
        validations = workbook[sheet].data_validations.dataValidation
        columns = {c.value: c.column_letter for c in workbook[sheet][1]}
        for prop in props:
            cls = form_shapes.value(prop, SH["class"])
            if (
                cls is None
                or form_shapes.value(prop, SH.path) in heads
                or any(
                    m in set(reference.transitive_subjects(RDFS.subClassOf, cls)) | {cls}
                    for m in made
                )
            ):
                continue
            members = {
                s
                for c in reference.transitive_subjects(RDFS.subClassOf, cls)
                for s in reference.subjects(RDF.type, c)
            }
            expected = {
                str(m)[len(ROLE) :]
                if str(m).startswith(ROLE)
                else str(reference.value(m, RDFS.label))
                for m in members
            }
            letter = columns[str(form_shapes.value(prop, SH.name))]
            (validation,) = [v for v in validations if f"{letter}2" in str(v.sqref).split(":")[0]]
            assert validation.type == "list"
            assert set(_list_values(workbook, validation.formula1)) == expected, prop
            checked += 1
    assert checked >= 12


def test_no_drop_down_list_is_written_into_its_validation(workbook) -> None:
    """Lists written inline ("a,b,c") stop at 255 characters; every list is a named range."""
    names = set(workbook.defined_names)
    count = 0
    for sheet in workbook.worksheets:
        for validation in sheet.data_validations.dataValidation:
            formula = validation.formula1
            assert formula.startswith("=") and '"' not in formula, formula
            assert formula[1:] in names or "!" in formula, formula
            count += 1
    assert count >= 40
    roles = _list_values(workbook, "=form_wing_allies_from")
    assert len(",".join(roles)) > 255 and len(roles) == 15  # the list that would not fit


def test_booleans_offer_yes_and_no(form_shapes: Graph, workbook) -> None:
    form = form_shapes.value(None, RDF.type, PGSH.SiteForm)
    expected = [
        str(form_shapes.value(form, PGSH.trueName)),
        str(form_shapes.value(form, PGSH.falseName)),
    ]
    sheet = workbook["Supervision"]
    column = next(c.column_letter for c in sheet[1] if c.value == "formal")
    (validation,) = [
        v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith(column)
    ]
    assert _list_values(workbook, validation.formula1) == expected


# --- a field added in Turtle only -----------------------------------------------------------------

NEW_FIELD = """
pgsh:site-form-roles sh:property pgsh:site-form-roles-variant .

pgsh:site-form-roles-variant
    a sh:PropertyShape ;
    rdfs:label "site form: the role's variant name"@en ;
    sh:path pg:variantName ;
    sh:name "variant name"@en ;
    sh:description "A throw-away field, added in Turtle only."@en ;
    sh:datatype xsd:string ;
    sh:maxCount 1 ;
    sh:group pgsh:sheet-roles ;
    sh:order 99 .
"""


def _caches_clear() -> None:
    graph.load_reference_graph.cache_clear()
    load_shapes_graph.cache_clear()
    requirements.cache_clear()
    sites_module._reference_index.cache_clear()
    schema_module.load_schema.cache_clear()


@pytest.fixture
def with_new_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "checkout"
    for name in resources.RESOURCE_NAMES:
        shutil.copytree(resources.resource_dir(name), root / name)
    with (root / "shapes" / "forms" / "site-form.ttl").open("a", encoding="utf-8") as handle:
        handle.write(NEW_FIELD)
    monkeypatch.setattr(resources, "repository_root", lambda: root)
    _caches_clear()
    yield tmp_path
    monkeypatch.undo()
    _caches_clear()


def test_a_field_added_in_turtle_appears_in_both_forms_and_reads_back(with_new_field: Path) -> None:
    workbook_path, yaml_path = with_new_field / "new.xlsx", with_new_field / "new.yaml"
    for path in (workbook_path, yaml_path):
        assert cli.main(["new-site", "--name", "HMP Anytown", "--out", str(path)]) == 0
    roles = openpyxl.load_workbook(workbook_path)["Roles"]
    header = roles[1][-1]
    assert header.value == "variant name"
    assert "A throw-away field, added in Turtle only." in header.comment.text
    text = yaml_path.read_text(encoding="utf-8")
    assert "    # variant (variant name): A throw-away field, added in Turtle only." in text
    document = yaml.safe_load(text)
    assert "variant" in document["roles"][0]
    # Filled in, it reaches the graph.
    yaml_path.write_text(
        "namespace: https://example.org/anytown/\n"
        "prison:\n  - name: HMP Anytown\n"
        "roles:\n  - name: Peer mentor\n    continuum-role: peer-mentor\n"
        "    variant: Wing mentor\n",
        encoding="utf-8",
    )
    out = with_new_field / "new.ttl"
    assert cli.main(["convert", str(yaml_path), "--out", str(out)]) == 0
    assert (None, PG.variantName, Literal("Wing mentor")) in parse_file(out)


# --- the form shapes change no validation result -------------------------------------------------


def _form_results(data: Graph, shapes: Graph) -> int:
    import pyshacl

    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return len(list(report.subjects(RDF.type, SH.ValidationResult)))


def _examples(invalid_examples_dir: Path) -> list[Path]:
    valid = sorted((resources.data_dir() / "examples" / "valid").glob("*.ttl"))
    sites = sorted((resources.data_dir() / "sites").glob("*.ttl"))
    return valid + sites + sorted(invalid_examples_dir.glob("*.ttl"))


def test_the_form_shapes_report_nothing_on_any_example(
    form_shapes: Graph, invalid_examples_dir: Path
) -> None:
    """Run as validation shapes (they have no target), the form shapes add no result on the
    valid template, the pilot sites or any invalid example."""
    examples = _examples(invalid_examples_dir)
    assert len(examples) > 50
    for example in examples:
        for site in site_graphs(example)[0]:
            assert _form_results(site.graph, form_shapes) == 0, example.name


def test_the_check_above_can_fail(form_shapes: Graph, invalid_examples_dir: Path) -> None:
    """Given a target, the roles block's shape does report the unknown continuum role of an
    invalid example: so the check above would see form shapes that validate."""
    targeted = Graph() + form_shapes
    targeted.add((PGSH["site-form-roles"], SH.targetClass, PG.LocalRole))
    (site,) = site_graphs(invalid_examples_dir / "dq-unknown-role.ttl")[0]
    assert _form_results(site.graph, targeted) > 0
