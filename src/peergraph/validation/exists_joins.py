"""``FILTER [NOT] EXISTS { P }`` rewritten as a join with P evaluated once, for Oxigraph.

Oxigraph 0.5 evaluates an EXISTS pattern once per row of the query around it, planned before
the row's bindings are known: ``FILTER NOT EXISTS { $this pg:training ?y . ?y pg:subject
pg:subject-mentoring }`` starts from every node whose subject is mentoring, for each role.
Over a whole estate that is a second or more per query (docs/performance.md). The same filter
as a left join with P evaluated once over the store,

    OPTIONAL { SELECT DISTINCT <shared variables> (true AS ?flag) WHERE { P } }
    FILTER (!BOUND(?flag))

is planned as a hash join. It gives the same solutions when it is placed at the end of the
group holding the filter (a FILTER applies to its whole group, an OPTIONAL to what precedes it)
and projects every variable P shares with the rest of the query (a shared variable the row
leaves unbound is compatible with any value, as EXISTS's substitution leaves it free; for a
positive EXISTS the row would then take P's value of it; running every constraint both ways,
tests/test_exists_joins.py shows that this does not arise in peergraph's shapes).

The rewrite is refused (the filter is left as it is) where it might not be the same: a
variable shared only through a FILTER or BIND inside P (unbound inside a subquery), P holding
a subquery, a nested EXISTS or VALUES, or a text the small scanner here does not follow. The
engines' agreement test (tests/test_engines_agree.py) compares the results with the reference
engine's.
"""

from __future__ import annotations

import re

__all__ = ["exists_as_joins"]

_FILTER_EXISTS = re.compile(r"FILTER\s+(NOT\s+)?EXISTS\s*\{", re.I)
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_TRIPLE_VARIABLE_CONTEXT = re.compile(r"\b(FILTER|BIND|SELECT)\b", re.I)


def exists_as_joins(query: str) -> str:
    """``query`` with each top-level ``FILTER [NOT] EXISTS`` it can rewrite rewritten (see the
    module); the same text where it can rewrite none."""
    counter = 0
    while True:
        masked = _mask(query)
        rewritten = None
        bodies = _exists_bodies(masked)
        for match in _FILTER_EXISTS.finditer(masked):
            if any(start < match.start() < end for start, end in bodies):
                continue  # inside another EXISTS: its variables are that pattern's
            body_start = match.end()
            body_end = _closing_brace(masked, body_start)
            group_end = _closing_brace(masked, body_end + 1)
            if body_end < 0 or group_end < 0:
                return query
            body = query[body_start:body_end]
            replacement = _replacement(
                masked, match.start(), body_end + 1, body, bool(match[1]), counter
            )
            if replacement is None:
                continue
            join, condition = replacement
            counter += 1
            rewritten = (
                query[: match.start()]
                + query[body_end + 1 : group_end]
                + f" {join} FILTER ({condition}) "
                + query[group_end:]
            )
            break
        if rewritten is None:
            return query
        query = rewritten


def _replacement(
    masked: str, start: int, end: int, body: str, negated: bool, counter: int
) -> tuple[str, str] | None:
    masked_body = masked[start:end]
    inner = masked_body[masked_body.index("{") + 1 : -1]
    if re.search(r"\bSELECT\b|\bEXISTS\b|\bVALUES\b|\bSERVICE\b", inner, re.I):
        return None
    outside = masked[:start] + " " + masked[end:]
    outside_variables = set(_VARIABLE.findall(_without_exists(outside)))
    in_patterns = set(_VARIABLE.findall(_patterns_only(inner)))
    in_body = set(_VARIABLE.findall(inner))
    shared = sorted(v for v in in_body if v in outside_variables)
    if any(v not in in_patterns for v in shared):
        return None  # shared only through a FILTER or BIND inside P: unbound in a subquery
    flag = f"?peergraphExists{counter}"
    projected = " ".join(f"?{v}" for v in shared)
    join = f"OPTIONAL {{ SELECT DISTINCT {projected} (true AS {flag}) WHERE {{ {body} }} }}"
    return join, (f"!BOUND({flag})" if negated else f"BOUND({flag})")


def _mask(text: str) -> str:
    """``text`` with the insides of strings, IRIs and comments blanked (same length), so that
    braces and keywords are found only where they are SPARQL."""
    out = list(text)
    index = 0
    while index < len(text):
        char = text[index]
        if text.startswith(('"""', "'''"), index):
            close = text.find(text[index : index + 3], index + 3)
            close = len(text) - 3 if close < 0 else close
            _blank(out, index + 3, close)
            index = close + 3
        elif char in "\"'":
            close = index + 1
            while close < len(text) and text[close] != char and text[close] != "\n":
                close += 2 if text[close] == "\\" else 1
            _blank(out, index + 1, close)
            index = close + 1
        elif char == "<" and (iri := _IRI.match(text, index)) is not None:
            _blank(out, index + 1, iri.end() - 1)
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


def _closing_brace(masked: str, start: int) -> int:
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


def _exists_bodies(masked: str) -> list[tuple[int, int]]:
    bodies = []
    for match in re.finditer(r"\bEXISTS\s*\{", masked, re.I):
        end = _closing_brace(masked, match.end())
        if end >= 0:
            bodies.append((match.end(), end))
    return bodies


def _without_exists(masked: str) -> str:
    """The text without the bodies of its EXISTS patterns (whose variables are their own)."""
    while (match := re.search(r"\bEXISTS\s*\{", masked, re.I)) is not None:
        end = _closing_brace(masked, match.end())
        if end < 0:
            break
        masked = masked[: match.start()] + masked[end + 1 :]
    return masked


def _patterns_only(masked_group: str) -> str:
    """A group's text without its FILTER and BIND expressions: what is left binds variables."""
    text = masked_group
    while (match := _TRIPLE_VARIABLE_CONTEXT.search(text)) is not None:
        if match[1].upper() == "SELECT":
            return text  # refused by the caller before this is reached
        open_paren = text.find("(", match.end())
        if open_paren < 0:
            break
        depth = 0
        end = open_paren
        for end in range(open_paren, len(text)):
            if text[end] == "(":
                depth += 1
            elif text[end] == ")":
                depth -= 1
                if depth == 0:
                    break
        if match[1].upper() == "BIND":
            # BIND (expr AS ?v): ?v is bound by it, so it stays; the expression goes.
            inside = text[open_paren : end + 1]
            bound = re.search(r"\bAS\s+([?$][A-Za-z_][A-Za-z0-9_]*)", inside, re.I)
            kept = f" {bound[1]} " if bound else " "
            text = text[: match.start()] + kept + text[end + 1 :]
        else:
            text = text[: match.start()] + " " + text[end + 1 :]
    return text
