"""A small scanner for SPARQL text: what the compiled engine's rewrites need to find groups.

``mask`` blanks the insides of strings, IRIs and comments (keeping the text's length), so that
braces and keywords are found only where they are SPARQL; ``closing_brace`` finds the end of a
group. Both rewrites of ``validation.compiled`` (``exists_joins``, ``focus_join``) use them.
"""

from __future__ import annotations

import re

__all__ = ["closing_brace", "mask", "opening_brace"]

_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")


def mask(text: str, *, comments_only: bool = False) -> str:
    """``text`` with the insides of strings, IRIs and comments blanked (same length), so that
    braces and keywords are found only where they are SPARQL; with ``comments_only``, only the
    comments (what is left is the same SPARQL)."""
    out = list(text)
    blank = _blank if not comments_only else _keep
    index = 0
    while index < len(text):
        char = text[index]
        if text.startswith(('"""', "'''"), index):
            close = text.find(text[index : index + 3], index + 3)
            close = len(text) - 3 if close < 0 else close
            blank(out, index + 3, close)
            index = close + 3
        elif char in "\"'":
            close = index + 1
            while close < len(text) and text[close] != char and text[close] != "\n":
                close += 2 if text[close] == "\\" else 1
            blank(out, index + 1, close)
            index = close + 1
        elif char == "<" and (iri := _IRI.match(text, index)) is not None:
            blank(out, index + 1, iri.end() - 1)
            index = iri.end()
        elif char == "#":
            close = text.find("\n", index)
            close = len(text) if close < 0 else close
            _blank(out, index, close)
            index = close
        else:
            index += 1
    return "".join(out)


def _blank(out: list[str], start: int, end: int) -> None:
    for i in range(start, min(end, len(out))):
        if out[i] != "\n":
            out[i] = " "


def closing_brace(masked: str, start: int) -> int:
    """The index of the ``}`` closing the group open just before ``start``, or -1."""
    depth = 0
    for index in range(start, len(masked)):
        if masked[index] == "{":
            depth += 1
        elif masked[index] == "}":
            if depth == 0:
                return index
            depth -= 1
    return -1


def opening_brace(masked: str, index: int) -> int:
    """The index of the ``{`` opening the group that holds ``index``, or -1."""
    depth = 0
    for position in range(index - 1, -1, -1):
        if masked[position] == "}":
            depth += 1
        elif masked[position] == "{":
            if depth == 0:
                return position
            depth -= 1
    return -1


def _keep(out: list[str], start: int, end: int) -> None:
    """What ``mask`` does with a string or IRI when only comments are blanked: nothing."""
