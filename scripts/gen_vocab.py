"""Regenerate ``src/peergraph/pg.py``: the ``pg:`` terms of the ontology as a closed namespace.

Every term the ontology files declare in the ``pg:`` namespace becomes an attribute of ``PG``
(or, for names that are not Python identifiers such as ``lcr-high``, an ``_extras`` entry reached
as ``PG["lcr-high"]``), so ``PG.hostsCFOWIng`` raises instead of silently querying nothing.
``tests/test_vocab.py`` fails when the file is out of date; run this script to update it::

    python scripts/gen_vocab.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "peergraph" / "pg.py"
NAMESPACE = "https://w3id.org/peergraph/ontology#"

HEADER = '''"""The project's namespaces as rdflib objects, and ``PG``: the ontology's terms, closed.

Generated from ontology/*.ttl by scripts/gen_vocab.py: do not edit by hand. ``PG`` is an rdflib
``DefinedNamespace``, so a misspelt term (``PG.hostsCFOWIng``) raises ``AttributeError`` instead
of making a query or a check silently match nothing; names that are not Python identifiers are
reached as ``PG["lcr-high"]``. The namespace strings themselves live in ``peergraph.vocab``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from peergraph.vocab import NAMESPACES

__all__ = ["AGENT", "PG", "PGSH", "REC", "REF", "ROLE", "SITE", "SRC", "STUDY"]

ROLE = Namespace(NAMESPACES["role"])
SITE = Namespace(NAMESPACES["site"])
SRC = Namespace(NAMESPACES["src"])
STUDY = Namespace(NAMESPACES["study"])
REF = Namespace(NAMESPACES["ref"])
AGENT = Namespace(NAMESPACES["agent"])
REC = Namespace(NAMESPACES["rec"])
PGSH = Namespace(NAMESPACES["pgsh"])


class PG(DefinedNamespace):
    """The peergraph ontology, ``pg:``."""

    _NS = Namespace(NAMESPACES["pg"])
    _fail = True

'''


def pg_terms(ontology: Path = ROOT / "ontology") -> list[str]:
    """The local names of every ``pg:`` subject of the ontology files, sorted."""
    from rdflib import Graph, URIRef

    graph = Graph()
    for file in sorted(ontology.glob("*.ttl")):
        graph.parse(file, format="turtle")
    return sorted(
        {
            str(s)[len(NAMESPACE) :]
            for s in graph.subjects()
            if isinstance(s, URIRef) and str(s).startswith(NAMESPACE) and str(s) != NAMESPACE
        }
    )


def source(terms: list[str]) -> str:
    """The text of ``pg.py`` for ``terms``."""
    names = [t for t in terms if t.isidentifier()]
    extras = [t for t in terms if not t.isidentifier()]
    lines = [HEADER]
    lines += [f"    {name}: URIRef\n" for name in names]
    lines.append("\n    _extras = [\n")
    lines += [f'        "{name}",\n' for name in extras]
    lines.append("    ]\n")
    return "".join(lines)


def main() -> int:
    text = source(pg_terms())
    if TARGET.is_file() and TARGET.read_text(encoding="utf-8") == text:
        print(f"{TARGET.relative_to(ROOT)} is up to date")
    else:
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
