"""Site forms by file: reading one as a site graph, finding forms among the inputs, converting
between forms and site graphs, and writing a new site's blank form or template.

The suffix says what a file is: ``.xlsx`` a workbook, ``.yaml`` (or ``.yml``) YAML, anything
``peergraph.rdfio`` reads an RDF graph. Outputs are written whole or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from peergraph.errors import InputError
from peergraph.rdfio import FORMATS, parse_file, rdf_files_under, write_atomically

if TYPE_CHECKING:
    from rdflib import Graph

    from peergraph.forms.model import FormData
    from peergraph.forms.schema import FormSchema

__all__ = [
    "FORM_SUFFIXES",
    "convert_file",
    "is_form",
    "new_site",
    "read_site_file",
    "read_site_form",
    "split_site_inputs",
]

FORM_SUFFIXES = (".xlsx", ".yaml", ".yml")
_TEMPLATE_SUFFIX = ".ttl"


def is_form(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() in FORM_SUFFIXES


def _outputs() -> str:
    return ", ".join((*FORM_SUFFIXES, *FORMATS))


def read_form_data(path: str | os.PathLike[str], schema: FormSchema) -> FormData:
    """A form file's rows, as its codec reads them."""
    from peergraph.forms.workbook import read_workbook
    from peergraph.forms.yamlform import read_yaml

    if Path(path).suffix.lower() == ".xlsx":
        return read_workbook(path, schema)
    return read_yaml(path, schema)


def read_site_form(path: str | os.PathLike[str]) -> Graph:
    """The site graph a filled form (``.xlsx``, ``.yaml``) describes."""
    from peergraph.forms.convert import form_to_graph
    from peergraph.forms.schema import load_schema

    schema = load_schema()
    p = Path(path)
    if p.is_dir():
        raise InputError("is a folder, not a file", path=p, hint="give a site form")
    return form_to_graph(read_form_data(p, schema), schema, p)


def read_site_file(path: str | os.PathLike[str]) -> Graph:
    """A site form's graph, or an RDF file's."""
    return read_site_form(path) if is_form(path) else parse_file(path)


def split_site_inputs(
    items: Iterable[str | os.PathLike[str]],
) -> tuple[list[str | os.PathLike[str]], list[Path]]:
    """The inputs for ``rdfio.collect_files`` (RDF files, and folders holding some), and the
    site forms given or found in folders (recursively, in ``rdf_files_under``'s order). A
    folder with neither is left to ``collect_files``, which says so."""
    paths: list[str | os.PathLike[str]] = []
    forms: list[Path] = []
    seen: set[Path] = set()
    for item in items:
        p = Path(item)
        if p.is_dir():
            found = rdf_files_under(p, suffixes=FORM_SUFFIXES)
            if not found or rdf_files_under(p):
                paths.append(item)
        elif is_form(p) and p.exists():
            found = [p]
        else:
            paths.append(item)
            found = []
        for form in found:
            if form.resolve() not in seen:
                seen.add(form.resolve())
                forms.append(form)
    return paths, forms


# ---------------------------------------------------------------------------------------------
# Writing


def _render_form(form: FormData, schema: FormSchema, target: Path) -> str | bytes:
    from peergraph.forms.workbook import write_workbook
    from peergraph.forms.yamlform import write_yaml

    if target.suffix.lower() == ".xlsx":
        return write_workbook(form, schema)
    return write_yaml(form, schema)


def _render_graph(graph: Graph, target: Path) -> str:
    fmt = FORMATS[target.suffix.lower()]
    if fmt == "json-ld":
        context = {p: str(ns) for p, ns in graph.namespaces() if p}
        return graph.serialize(format="json-ld", context=context, auto_compact=True)
    return graph.serialize(format=fmt)


def _check_target(target: Path, *, allowed: Iterable[str], what: str) -> None:
    suffixes = tuple(allowed)
    if target.suffix.lower() not in suffixes:
        shown = repr(target.suffix) if target.suffix else "no suffix"
        raise InputError(
            f"cannot write {what} as {shown}",
            path=target,
            hint=f"give a file ending in one of {', '.join(suffixes)}",
        )


def convert_file(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """``source`` (a form or an RDF file) written as ``target`` (a form or an RDF file): a form
    becomes its site graph, a site graph its form (what no field holds going to the form's
    statements block), RDF other RDF."""
    from peergraph.forms.convert import graph_to_form
    from peergraph.forms.schema import load_schema

    src, out = Path(source), Path(target)
    _check_target(out, allowed=(*FORM_SUFFIXES, *FORMATS), what="a site form or graph")
    if src.exists() and out.exists() and src.resolve() == out.resolve():
        raise InputError(
            "the output is the input file", path=out, hint="give --out another file name"
        )
    if not src.exists():
        raise InputError("no such file", path=src, hint="check the path and retry")
    graph = read_site_file(src)
    if is_form(out):
        schema = load_schema()
        try:
            form = graph_to_form(graph, schema)
        except InputError as err:  # about the graph as a whole: name its file
            if err.path is not None:
                raise
            raise InputError(err.message, path=src, hint=err.hint) from None
        text = _render_form(form, schema, out)
    else:
        text = _render_graph(graph, out)
    write_atomically(out, text)


def new_site(
    name: str, target: str | os.PathLike[str], namespace: str | None = None, force: bool = False
) -> Path:
    """Write a new site's blank form (``.xlsx``, ``.yaml``) or Turtle template (``.ttl``), its
    namespace and prison name set. An existing file is kept unless ``force``."""
    from peergraph.forms.convert import blank_form, new_namespace
    from peergraph.forms.schema import load_schema

    out = Path(target)
    _check_target(out, allowed=(*FORM_SUFFIXES, _TEMPLATE_SUFFIX), what="a new site")
    if not name.strip():
        raise InputError("the site has no name", hint="give --name, for example 'HMP Anytown'")
    if out.exists() and not force:
        raise InputError(
            "the file already exists",
            path=out,
            hint="choose another --out, or add --force to replace it",
        )
    schema = load_schema()
    site_namespace = namespace or new_namespace(name, schema)
    _check_namespace(site_namespace)
    text: str | bytes
    if out.suffix.lower() == _TEMPLATE_SUFFIX:
        from peergraph.forms.template import turtle_template

        text = turtle_template(name.strip(), site_namespace)
    else:
        text = _render_form(blank_form(name.strip(), site_namespace, schema), schema, out)
    write_atomically(out, text)
    return out


def _check_namespace(namespace: str) -> None:
    from peergraph.forms.convert import is_namespace

    if not is_namespace(namespace):
        raise InputError(
            f"namespace {namespace!r} is not an IRI ending in / or #",
            hint="give the site's own namespace, for example https://example.org/hmp-anytown/",
        )
