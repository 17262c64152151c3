"""The invalid example sites, composed from the valid template and a patch each.

``data/examples/invalid/<name>.ru`` is a SPARQL 1.1 Update that breaks something in the valid
example ``data/examples/valid/hmp-example.ttl`` (the *template*): its header says what, and its
``# expect: REQ Severity`` lines say what validating the result must report, nothing more and
nothing less; its ``DELETE DATA`` and ``INSERT DATA`` blocks are the template's facts it removes
and adds, in the template's own ``ex:`` names. Composing an example means: parse the template
with the project's strict loader, apply the update, then move the template's ``ex:`` namespace
to one of the example's own (``.../hmp-example/`` becomes ``.../<name>/``) and name its prison
"HMP Example (<name>)", so that a folder of composed examples holds one site per example.

The tests use ``compose`` and ``write_all`` (through the ``invalid_examples_dir`` fixture of
conftest.py); from a shell, write some or all of them as Turtle files to validate them::

    python tests/example_sites.py --out DIR [NAME ...]
    peergraph validate DIR/r2a-no-sponsor.ttl
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from peergraph.rdfio import parse_file
from peergraph.resources import data_dir

TEMPLATE = data_dir() / "examples" / "valid" / "hmp-example.ttl"
INVALID_DIR = data_dir() / "examples" / "invalid"
PATCH_SUFFIX = ".ru"
EXPECT = re.compile(r"^# expect: (\S+) (Violation|Warning|Info)$", re.M)
PG = Namespace("https://w3id.org/peergraph/ontology#")

__all__ = [
    "EXPECT",
    "INVALID_DIR",
    "TEMPLATE",
    "compose",
    "example_namespace",
    "expected",
    "names",
    "patch_path",
    "patch_text",
    "rename",
    "template",
    "template_namespace",
    "write",
    "write_all",
]


def names() -> list[str]:
    """Every invalid example, by name (the patch file's name without ``.ru``), sorted."""
    return sorted(path.stem for path in INVALID_DIR.glob(f"*{PATCH_SUFFIX}"))


def patch_path(name: str) -> Path:
    return INVALID_DIR / f"{name}{PATCH_SUFFIX}"


def patch_text(name: str) -> str:
    return patch_path(name).read_text(encoding="utf-8")


def expected(name: str) -> set[tuple[str, str]]:
    """The (requirement, severity) pairs the example's ``# expect:`` lines promise."""
    return set(EXPECT.findall(patch_text(name)))


def template() -> Graph:
    """A fresh parse of the valid example (strict: a warning is an error)."""
    return parse_file(TEMPLATE)


def template_namespace(graph: Graph) -> str:
    """The namespace the template binds to ``ex:``: the one its own things are named in."""
    bound = {prefix: str(namespace) for prefix, namespace in graph.namespaces()}
    if "ex" not in bound:
        raise ValueError(f"{TEMPLATE.name} binds no ex: prefix")
    return bound["ex"]


def example_namespace(template_ns: str, name: str) -> str:
    """The example's own namespace: the template's, with its last segment replaced by the
    example's name (``https://example.org/peergraph/hmp-example/`` -> ``.../<name>/``)."""
    return f"{template_ns.rstrip('/').rsplit('/', 1)[0]}/{name}/"


def rename(graph: Graph, name: str) -> Graph:
    """A copy of ``graph`` (the template, patched or not) moved into the example's namespace,
    its prison labelled "<label> (<name>)", and the same prefixes (``ex:`` rebound)."""
    old = template_namespace(graph)
    new = example_namespace(old, name)

    def moved(term: Node) -> Node:
        if isinstance(term, URIRef) and str(term).startswith(old):
            return URIRef(new + str(term)[len(old) :])
        return term

    prisons = set(graph.subjects(RDF.type, PG.Prison))
    out = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, new if prefix == "ex" else namespace, override=True, replace=True)
    for s, p, o in graph:
        if s in prisons and p == RDFS.label and isinstance(o, Literal):
            o = Literal(f"{o} ({name})", lang=o.language, datatype=o.datatype)
        out.add((moved(s), moved(p), moved(o)))
    return out


def compose(name: str) -> Graph:
    """The invalid example ``name``: the template, patched by ``<name>.ru``, then renamed."""
    graph = template()
    graph.update(patch_text(name))
    return rename(graph, name)


def _header(name: str) -> str:
    text = patch_text(name)
    first = text.splitlines()[0]
    lines = [
        first,
        f"# Composed by tests/example_sites.py: {TEMPLATE.relative_to(data_dir().parent)} with",
        f"# the SPARQL Update {patch_path(name).relative_to(data_dir().parent)} applied.",
        "#",
        *(f"# expect: {requirement} {severity}" for requirement, severity in EXPECT.findall(text)),
    ]
    return "\n".join(lines) + "\n\n"


def write(name: str, folder: Path) -> Path:
    """Write the composed example as ``folder/<name>.ttl`` (Turtle) and return its path."""
    path = Path(folder) / f"{name}.ttl"
    body = compose(name).serialize(format="turtle")
    path.write_text(_header(name) + body, encoding="utf-8")
    return path


def write_all(folder: Path, which: Iterable[str] | None = None) -> list[Path]:
    """Write every invalid example (or those named) into ``folder``; their paths, sorted."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    return [write(name, folder) for name in sorted(names() if which is None else which)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write invalid example sites (the valid template with a patch applied) "
        "as Turtle files, one per example."
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write <name>.ttl to")
    parser.add_argument("names", nargs="*", metavar="NAME", help="examples (default: all)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(names()))
    if unknown:
        parser.error(f"no such example: {', '.join(unknown)} (see {INVALID_DIR})")
    for path in write_all(args.out, args.names or None):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
