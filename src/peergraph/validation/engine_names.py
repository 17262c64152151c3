"""The names of the SHACL engines ``validate`` can run (``--engine``), without importing any:
the command line reads its choices from here, and ``peergraph --help`` stays light.

``pyshacl`` is the reference engine (pySHACL over rdflib); ``pyshacl-oxigraph`` is pySHACL over
an embedded pyoxigraph store (its SPARQL evaluated by Oxigraph); ``pyrudof`` is rudof's
validator; ``sparql`` is the shapes compiled to SPARQL, each constraint one query over every
site in one embedded Oxigraph store (``validation.compiled``). tests/test_engines_agree.py
checks every one gives the reference engine's results; docs/performance.md has their timings.
"""

from __future__ import annotations

__all__ = ["DEFAULT_ENGINE", "ENGINES", "REFERENCE_ENGINE"]

ENGINES: tuple[str, ...] = ("pyshacl", "pyshacl-oxigraph", "pyrudof", "sparql")
REFERENCE_ENGINE = "pyshacl"
# The fastest engine with the reference engine's results, measured (docs/performance.md).
DEFAULT_ENGINE = "sparql"
