"""``FILTER [NOT] EXISTS { P }`` rewritten as a join with P evaluated once, for Oxigraph.

Oxigraph 0.5 evaluates an EXISTS pattern once per row of the query around it, planned before
the row's bindings are known: ``FILTER NOT EXISTS { $this pg:training ?y . ?y pg:subject
pg:subject-mentoring }`` starts from every node whose subject is mentoring, for each role.
Over a whole estate that is a second or more per query (docs/performance.md). The same filter
as a left join with P evaluated once over the store,

    OPTIONAL { SELECT DISTINCT <shared variables> (true AS ?flag) WHERE { P } }
    FILTER (!BOUND(?flag))

is planned as a hash join. Where P joins two or more triple patterns, the subquery starts from
the group's own triple patterns (``WHERE { <the group's triples> P }``: a semi-join), so that P
is matched from the rows the filter tests: on its own, P may match across the whole store
(every pair of a local role and a journey map naming the same continuum role grows with the
square of the estate). The restriction drops no solution a row can be compatible with, since
every row of the group matches the group's triple patterns.

The join gives the same solutions as the filter when it is placed at the end of the group
holding the filter (a FILTER applies to its whole group, an OPTIONAL to what precedes it) and
projects every variable P shares with the rest of the query (a shared variable the row leaves
unbound is compatible with any value, as EXISTS's substitution leaves it free; for a positive
EXISTS the row would then take P's value of it; running every constraint both ways,
tests/test_exists_joins.py shows that this does not arise in peergraph's shapes).

The rewrite is refused (the filter is left as it is) where it might not be the same: a
variable shared only through a FILTER or BIND inside P (unbound inside a subquery), P holding
a subquery, a nested EXISTS or VALUES, or a text the small scanner here does not follow. The
engines' agreement test (tests/test_engines_agree.py) compares the results with the reference
engine's.
"""

from __future__ import annotations

import re

from peergraph.validation.sparql_text import closing_brace, mask, opening_brace

__all__ = ["exists_as_joins"]

_FILTER_EXISTS = re.compile(r"FILTER\s+(NOT\s+)?EXISTS\s*\{", re.I)
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
_TRIPLE_VARIABLE_CONTEXT = re.compile(r"\b(FILTER|BIND|SELECT)\b", re.I)


def exists_as_joins(query: str) -> str:
    """``query`` with each top-level ``FILTER [NOT] EXISTS`` it can rewrite rewritten (see the
    module); the same text where it can rewrite none."""
    counter = 0
    while True:
        masked = mask(query)
        rewritten = None
        bodies = _exists_bodies(masked)
        for match in _FILTER_EXISTS.finditer(masked):
            if any(start < match.start() < end for start, end in bodies):
                continue  # inside another EXISTS: its variables are that pattern's
            body_start = match.end()
            body_end = closing_brace(masked, body_start)
            group_end = closing_brace(masked, body_end + 1)
            if body_end < 0 or group_end < 0:
                return query
            body = query[body_start:body_end]
            group_start = opening_brace(masked, match.start())
            if group_start < 0:
                return query
            # The group's own triple patterns, less this filter: what every row it tests matches.
            cut = (match.start() - group_start - 1, body_end + 1 - group_start - 1)
            triples = _mandatory_triples(
                _without(masked[group_start + 1 : group_end], *cut),
                _without(query[group_start + 1 : group_end], *cut),
            )
            replacement = _replacement(
                masked, match.start(), body_end + 1, body, bool(match[1]), counter, triples
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
    masked: str,
    start: int,
    end: int,
    body: str,
    negated: bool,
    counter: int,
    triples: str | None = None,
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
    # A P that joins triple patterns, or whose property is a variable, is evaluated with the
    # group's own triples in front (a semi-join), so that it is matched from the rows the
    # filter tests and not across the store: the pairs of local roles and journey maps naming
    # the same continuum role grow with the square of the estate (R3d: 5.6 s at 1M triples),
    # and `?value ?p ?any` alone is every subject and property of the store (1 GB at 1M).
    where = body
    if triples is not None and (_joins(inner) or _any_property(inner)):
        where = f"{triples} {body}"
    join = f"OPTIONAL {{ SELECT DISTINCT {projected} (true AS {flag}) WHERE {{ {where} }} }}"
    return join, (f"!BOUND({flag})" if negated else f"BOUND({flag})")


def _without(text: str, start: int, end: int) -> str:
    """``text`` with ``text[start:end]`` blanked (same length)."""
    return text[:start] + " " * (end - start) + text[end:]


_DROPPED_KEYWORDS = re.compile(r"\b(OPTIONAL|MINUS|UNION)\b", re.I)
_NOT_TRIPLES = re.compile(r"\b(GRAPH|VALUES|SERVICE|BIND|FILTER|SELECT|EXISTS|NOT)\b|[{}]", re.I)
_FILTER_CALL = re.compile(r"\b(FILTER|BIND)\s*(?:[A-Za-z_][\w:]*\s*)?\(", re.I)


def _mandatory_triples(masked: str, text: str) -> str | None:
    """The triple patterns of a group's own text (``masked`` and as written, the same length),
    every other part left out (nested groups with their OPTIONAL, MINUS or UNION, FILTERs,
    BINDs), ending with ``.``; ``None`` when what is left is not plainly triple patterns."""
    kept_masked, kept = list(masked), list(mask(text, comments_only=True))

    def drop(start: int, end: int) -> None:
        for index in range(start, end):
            kept_masked[index] = kept[index] = " "

    position = 0
    while (opening := masked.find("{", position)) >= 0:
        closing = closing_brace(masked, opening + 1)
        if closing < 0:
            return None
        drop(opening, closing + 1)
        position = closing + 1
    for call in _FILTER_CALL.finditer("".join(kept_masked)):
        depth, index = 0, call.end() - 1
        for index in range(call.end() - 1, len(masked)):
            depth += {"(": 1, ")": -1}.get(masked[index], 0)
            if depth == 0:
                break
        drop(call.start(), index + 1)
    for keyword in _DROPPED_KEYWORDS.finditer("".join(kept_masked)):
        drop(keyword.start(), keyword.end())
    left = "".join(kept_masked)
    if _NOT_TRIPLES.search(left) or not left.strip(" .\n\t"):
        return None
    # Separators left without a pattern between them (`a . FILTER (...) . b`) become one.
    written = "".join(kept)
    for dots in reversed(list(re.finditer(r"\.(?:\s*\.)+", left))):
        written = written[: dots.start()] + " ." + written[dots.end() :]
    return written.strip().strip(".").strip() + " ."


def _joins(masked_pattern: str) -> bool:
    """Whether a pattern holds more than one triple pattern (a ``.`` or ``;`` between two)."""
    return bool(re.search(r"[.;]\s*\S", _patterns_only(masked_pattern).strip()))


def _any_property(masked_pattern: str) -> bool:
    """Whether a pattern's (first) triple pattern has a variable for its property."""
    return re.match(r"\s*\S+\s+[?$]", _patterns_only(masked_pattern)) is not None


def _exists_bodies(masked: str) -> list[tuple[int, int]]:
    bodies = []
    for match in re.finditer(r"\bEXISTS\s*\{", masked, re.I):
        end = closing_brace(masked, match.end())
        if end >= 0:
            bodies.append((match.end(), end))
    return bodies


def _without_exists(masked: str) -> str:
    """The text without the bodies of its EXISTS patterns (whose variables are their own)."""
    while (match := re.search(r"\bEXISTS\s*\{", masked, re.I)) is not None:
        end = closing_brace(masked, match.end())
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
