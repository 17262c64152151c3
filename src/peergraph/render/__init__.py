"""Output formats, in one registry: every renderer registers itself for a kind of output.

A renderer is a function ``(thing) -> str`` registered with ``@renderer(KIND, NAME)``; the command
line reads its ``--format`` choices from ``formats(KIND)``, so a new format is one function in
one of this package's modules and nothing else. The kinds:

- ``report``: a validation ``Report`` (text, json, turtle, csv, html);
- ``scorecard``: a ``Scorecard`` (text, csv, html);
- ``query``: a query ``Result`` (table, csv, json, tsv);
- ``routes``: progression ``Routes`` (text, json, csv);
- ``table``: a source ``Table`` (csv, tsv, markdown);
- ``reasoning``: the reasoner's ``ReasoningReport`` (text, json).

The renderer modules import no RDF library at module level, so the command line can list the
formats without paying for rdflib.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

from peergraph.errors import InputError

__all__ = ["UnknownFormatError", "formats", "render", "renderer"]

F = TypeVar("F", bound=Callable[..., str])


class UnknownFormatError(InputError, ValueError):
    """A format name no renderer has (a ``ValueError`` too, as for any bad argument value)."""


# The modules that register renderers, imported on the first look-up.
_MODULES = ("report", "scorecard", "query", "routes", "table", "reasoning")
_REGISTRY: dict[str, dict[str, Callable[[Any], str]]] = {}
_loaded = False


def renderer(kind: str, name: str) -> Callable[[F], F]:
    """Register the decorated function as the ``name`` format of ``kind``."""

    def register(function: F) -> F:
        _REGISTRY.setdefault(kind, {})[name] = function
        return function

    return register


def _load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in _MODULES:
            importlib.import_module(f"{__name__}.{module}")


def formats(kind: str) -> tuple[str, ...]:
    """The format names of ``kind``, in the order they were registered."""
    _load()
    return tuple(_REGISTRY.get(kind, {}))


def render(kind: str, name: str, thing: Any) -> str:
    """``thing`` in the ``name`` format of ``kind``."""
    _load()
    try:
        function = _REGISTRY[kind][name]
    except KeyError:
        raise UnknownFormatError(
            f"unknown {kind} format {name!r}", hint=f"use one of: {', '.join(formats(kind))}"
        ) from None
    return function(thing)
