"""A small scanner for SPARQL text: what the compiled engine's rewrites need to find groups.

``mask`` blanks the insides of strings, IRIs and comments (keeping the text's length), so that
braces and keywords are found only where they are SPARQL; ``closing_brace`` finds the end of a
group. Both rewrites of ``validation.compiled`` (``exists_joins``, ``focus_join``) use them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["closing_brace", "mask", "opening_brace"]

# Strings (long ones first), IRIs and comments, as SPARQL's grammar reads them left to right; an
# unterminated short string ends at the end of its line.
_HIDDEN = re.compile(
    r'(""\"|\'\'\')([\s\S]*?)(\1|$)'
    r'|(["\'])((?:(?!\4)[^\\\n]|\\.)*)(\4?)'
    r"|(<)([^<>\"{}|^`\\\s]*)(>)"
    r"|(#[^\n]*)"
)


def mask(text: str, *, comments_only: bool = False) -> str:
    """``text`` with the insides of strings, IRIs and comments blanked (same length), so that
    braces and keywords are found only where they are SPARQL; with ``comments_only``, only the
    comments (what is left is the same SPARQL)."""

    def blank(match: re.Match[str]) -> str:
        if match[10] is not None:  # a comment, all of it
            return " " * len(match[10])
        if comments_only:
            return match[0]
        for opening, inside, closing in ((1, 2, 3), (4, 5, 6), (7, 8, 9)):
            if match[opening] is not None:
                return match[opening] + _spaces(match[inside]) + match[closing]
        return match[0]

    return _HIDDEN.sub(blank, text)


def _spaces(text: str) -> str:
    if "\n" not in text:
        return " " * len(text)
    return re.sub(r"[^\n]", " ", text)


_BRACE = re.compile(r"[{}]")


def closing_brace(masked: str, start: int) -> int:
    """The index of the ``}`` closing the group open just before ``start``, or -1."""
    return _unmatched(_BRACE.finditer(masked, start), "}")


def opening_brace(masked: str, index: int) -> int:
    """The index of the ``{`` opening the group that holds ``index``, or -1."""
    return _unmatched(reversed(list(_BRACE.finditer(masked, 0, index))), "{")


def _unmatched(braces: Iterable[re.Match[str]], wanted: str) -> int:
    """The position of the first brace ``wanted`` among ``braces`` (in the order walked) that
    closes no brace met before it, or -1."""
    depth = 0
    for brace in braces:
        if brace[0] != wanted:
            depth += 1
        elif depth == 0:
            return brace.start()
        else:
            depth -= 1
    return -1
