"""Every example site graph: the valid ones produce no result at all; each invalid one produces
exactly the (requirement, severity) pairs its header promises, and every shape is exercised.

An invalid example is a patch of the valid template (``data/examples/invalid/<name>.ru``, a
SPARQL 1.1 Update); tests/example_sites.py composes it, and the ``invalid_examples_dir``
fixture holds every composed example as ``<name>.ttl``.
"""

from __future__ import annotations

from pathlib import Path

import example_sites
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.plugins.sparql.algebra import translateUpdate
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.term import Node

from peergraph.rdfio import parse_file
from peergraph.resources import data_dir
from peergraph.validation import Report, SiteReport, load_shapes_graph, validate

VALID_DIR = data_dir() / "examples" / "valid"
VALID = sorted(VALID_DIR.glob("*.ttl"))
INVALID = example_sites.names()
expected = example_sites.expected


@pytest.fixture(scope="module")
def invalid_report(invalid_examples_dir: Path) -> Report:
    # The whole folder at once, as a commissioner would run it: each file is its own site.
    return validate(invalid_examples_dir)


def _site_of(report: Report, name: str) -> SiteReport:
    sites = [s for s in report.sites if [Path(f).name for f in s.files] == [f"{name}.ttl"]]
    assert len(sites) == 1, f"{name}.ttl should hold exactly one site"
    return sites[0]


def test_there_are_examples_for_every_requirement() -> None:
    assert VALID and len(INVALID) >= 30
    covered = {requirement for name in INVALID for requirement, _ in expected(name)}
    assert covered >= {
        "R2a", "R2b", "R2c", "R2d", "R2e", "R3a", "R3b", "R3c", "R3d", "R3e",
        "D-a", "D-b", "D-c", "DQ",
    }  # fmt: skip


def test_the_examples_folder_holds_only_patches() -> None:
    files = sorted(p.name for p in example_sites.INVALID_DIR.iterdir())
    assert files == [f"{name}.ru" for name in INVALID]


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_example_conforms_with_no_result(path: Path) -> None:
    report = validate(path)
    assert report.conforms
    assert report.results == []


def _touched(name: str) -> tuple[set[Node], Graph, Graph]:
    """The nodes the patch changes (subjects and IRI objects of the triples it deletes or
    inserts), the composed example and the template, both in the example's namespace."""
    composed = example_sites.compose(name)
    original = example_sites.rename(example_sites.template(), name)
    changed = set(composed) ^ set(original)
    touched = {node for s, _p, o in changed for node in (s, o) if isinstance(node, URIRef)}
    return touched, composed, original


@pytest.mark.parametrize("name", INVALID)
def test_invalid_example_produces_exactly_what_it_was_made_for(
    name: str, invalid_report: Report
) -> None:
    text = example_sites.patch_text(name)
    lines = text.splitlines()
    assert lines[0].startswith(f"# INVALID EXAMPLE {name}: breaks ")
    want = expected(name)
    assert want, f"{name}.ru has no '# expect:' line"
    listed = ", ".join(f"{r} {s}" for r, s in example_sites.EXPECT.findall(text))
    assert lines[1] == f"# Expected result: {listed}; nothing else."
    site = _site_of(invalid_report, name)
    assert site.site.label == f"HMP Example ({name})"
    got = {(r.requirement, r.severity) for r in site.results}
    assert got == want, "\n".join(f"{r.severity}: {r.message}" for r in site.results)
    # The equality covers the pairs; it cannot see a second result with an expected pair
    # somewhere else in the site. So no result (no Violation above all) other than where the
    # patch breaks the template: each focus node is a node it changes, or links to one.
    touched, composed, original = _touched(name)
    for result in site.results:
        focus = URIRef(result.focus.iri)
        assert focus in touched or any(
            (focus, None, node) in graph for node in touched for graph in (composed, original)
        ), f"{result.severity} away from the change: {result.message}"


# The parameters of SHACL Core's constraint components, and SHACL-SPARQL's sh:sparql.
# fmt: off
CONSTRAINT_PARAMETERS = frozenset(SH[name] for name in (
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minExclusive", "minInclusive",
    "maxExclusive", "maxInclusive", "minLength", "maxLength", "pattern", "languageIn",
    "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals", "not", "and", "or",
    "xone", "node", "qualifiedValueShape", "closed", "hasValue", "in", "sparql",
))
# fmt: on
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def _with_property_shapes(shapes: Graph, roots: set[Node]) -> set[Node]:
    """``roots`` and the property shapes they hold, transitively (``sh:property``)."""
    seen, todo = set(roots), list(roots)
    while todo:
        for child in shapes.objects(todo.pop(), SH.property):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return seen


def _shapes_that_report_themselves(shapes: Graph) -> set[Node]:
    """Every shape declaring a constraint itself (sh:sparql or a core constraint parameter),
    so a result of that constraint names it as sh:sourceShape: node or property shape alike.

    Not the operands of sh:not, sh:and, sh:or, sh:xone, sh:node and sh:qualifiedValueShape
    (nor their property shapes): a failing operand is reported by the shape that uses it. An
    operand that is also validated in its own right (it has a target, or is a property shape
    of one that has) stays in.
    """
    deactivated = set(shapes.subjects(SH.deactivated, Literal(True)))
    declaring = {
        s for parameter in CONSTRAINT_PARAMETERS for s in shapes.subjects(parameter, None)
    } - deactivated
    operands: set[Node] = set()
    for link in (SH["not"], SH.node, SH.qualifiedValueShape):
        operands |= set(shapes.objects(None, link))
    for link in (SH["and"], SH["or"], SH.xone):
        for members in shapes.objects(None, link):
            operands |= set(Collection(shapes, members))
    targeted = {s for target in TARGETS for s in shapes.subjects(target, None)}
    targeted |= {
        s for s in shapes.subjects(RDF.type, RDFS.Class) if (s, RDF.type, SH.NodeShape) in shapes
    }
    inside_operands = _with_property_shapes(shapes, operands)
    validated = _with_property_shapes(shapes, targeted)
    return declaring - (inside_operands - validated)


def test_every_shape_is_exercised_by_some_invalid_example(invalid_report: Report) -> None:
    shapes = load_shapes_graph()  # the very graph (and blank nodes) the report was made with
    required = {str(s) for s in _shapes_that_report_themselves(shapes)}
    assert required
    fired = {r.shape for r in invalid_report.results}
    assert required - fired == set()


@pytest.mark.parametrize("name", INVALID)
def test_each_patch_changes_the_template(name: str) -> None:
    touched, composed, original = _touched(name)
    assert touched, f"{name}.ru changes nothing but the namespace and the prison's label"
    assert set(composed) != set(original)


@pytest.mark.parametrize("name", INVALID)
def test_each_patch_deletes_only_what_the_template_states_and_adds_only_what_it_lacks(
    name: str,
) -> None:
    # A DELETE DATA triple the template does not state (a typo, a template that moved on), or an
    # INSERT DATA one it already states (or one the patch deletes), is a silent no-op.
    template = example_sites.template()
    operations = translateUpdate(parseUpdate(example_sites.patch_text(name))).algebra
    assert operations
    for operation in operations:
        # Patches are ground (DELETE DATA, INSERT DATA), so that each triple can be checked.
        assert operation.name in ("DeleteData", "InsertData"), operation.name
        assert not operation.quads, "the template is one graph: no GRAPH blocks"
        for triple in operation.triples:
            if operation.name == "DeleteData":
                assert triple in template, f"not in the template: {triple}"
            else:
                assert triple not in template, f"already in the template: {triple}"


def test_a_composed_example_is_the_file_the_tests_validate(invalid_examples_dir: Path) -> None:
    for name in INVALID:
        path = invalid_examples_dir / f"{name}.ttl"
        text = path.read_text(encoding="utf-8")
        assert text.startswith(example_sites.patch_text(name).splitlines()[0] + "\n")
        assert set(example_sites.EXPECT.findall(text)) == expected(name)
        assert set(parse_file(path)) == set(example_sites.compose(name))
