"""Output formats, in one registry: every renderer registers itself for a kind of output.

A renderer is a function ``(thing) -> str`` registered with ``@renderer(KIND, NAME)``; the command
line reads its ``--format`` choices from ``formats(KIND)``, so a new format is one function in
one of this package's modules and nothing else. A binary format (a workbook) is a function
``(thing) -> bytes`` registered with ``binary=True``: ``render`` refuses it (its text would be
garbage on a terminal) and ``render_bytes`` gives it. The kinds:

- ``report``: a validation ``Report`` (text, json, turtle, csv, html, xlsx);
- ``summary``: a ``Report`` as one line per site and requirement (text);
- ``scorecard``: a ``Scorecard`` (text, csv, html, xlsx);
- ``query``: a query ``Result`` (table, csv, json, tsv);
- ``routes``: progression ``Routes`` (text, json, csv, mermaid);
- ``map``: a site's (or the continuum's) journey map (svg, html, mermaid);
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

__all__ = [
    "BinaryFormatError",
    "UnknownFormatError",
    "formats",
    "is_binary",
    "render",
    "render_bytes",
    "renderer",
]

F = TypeVar("F", bound=Callable[..., str | bytes])


class UnknownFormatError(InputError, ValueError):
    """A format name no renderer has (a ``ValueError`` too, as for any bad argument value)."""


class BinaryFormatError(InputError, ValueError):
    """A binary format (a workbook) asked for as text: it can only be written to a file."""


# The modules that register renderers, imported on the first look-up.
_MODULES = (
    "report",
    "scorecard",
    "workbook",
    "query",
    "routes",
    "journey_map",
    "table",
    "reasoning",
)
_REGISTRY: dict[str, dict[str, Callable[[Any], str | bytes]]] = {}
_BINARY: set[tuple[str, str]] = set()
_loaded = False


def renderer(kind: str, name: str, *, binary: bool = False) -> Callable[[F], F]:
    """Register the decorated function as the ``name`` format of ``kind`` (``binary``: it
    returns bytes, not text)."""

    def register(function: F) -> F:
        _REGISTRY.setdefault(kind, {})[name] = function
        if binary:
            _BINARY.add((kind, name))
        else:
            _BINARY.discard((kind, name))
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


def is_binary(kind: str, name: str) -> bool:
    """Whether the ``name`` format of ``kind`` is binary (written only to a file)."""
    _load()
    return (kind, name) in _BINARY


def _function(kind: str, name: str) -> Callable[[Any], str | bytes]:
    _load()
    try:
        return _REGISTRY[kind][name]
    except KeyError:
        raise UnknownFormatError(
            f"unknown {kind} format {name!r}", hint=f"use one of: {', '.join(formats(kind))}"
        ) from None


def render(kind: str, name: str, thing: Any) -> str:
    """``thing`` in the ``name`` format of ``kind``, as text."""
    function = _function(kind, name)
    if (kind, name) in _BINARY:
        raise BinaryFormatError(
            f"the {name} format is a binary file, not text",
            hint=f"write it to a file (render_bytes, or --output FILE.{name})",
        )
    text = function(thing)
    assert isinstance(text, str)
    return text


def render_bytes(kind: str, name: str, thing: Any) -> bytes:
    """``thing`` in the ``name`` format of ``kind``, as bytes (UTF-8 for a text format)."""
    output = _function(kind, name)(thing)
    return output.encode("utf-8") if isinstance(output, str) else output
