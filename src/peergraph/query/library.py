"""The query library (``queries/*.rq``) and the header every library file starts with.

The header has one fixed format (documented in docs/queries.md)::

    # title: Which pilot sites selected a peer mentor role?
    # cq: CQ4
    # description: One or more sentences; a line that starts with "#" and at least two
    #   spaces continues the field above it.
    # param: site (site, optional) Only this site; every site when omitted.
    # param: level (integer, default: 2) The qualification level.
    # example: peergraph query cq04-peer-mentor-sites --param site=hmp-risley

Fields come in that order: ``title`` (one), ``cq`` (at most one), ``description`` (one),
``param`` (any number), ``example`` (at least one). A parameter is ``NAME (TYPE, required)``,
``NAME (TYPE, optional)`` (unbound when not given: the query answers for every value) or
``NAME (TYPE, default: VALUE)``, followed by its description.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from peergraph import resources
from peergraph.errors import InputError
from peergraph.query.params import PARAM_TYPES, Param

__all__ = ["QuerySpec", "find_query", "library", "parse_query_file", "parse_query_text"]


@dataclass(frozen=True)
class QuerySpec:
    """A query: its text and what its header says."""

    name: str
    text: str
    path: Path | None = None
    title: str = ""
    description: str = ""
    cq: str | None = None
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = ()
    has_header: bool = False

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


_FIELD = re.compile(r"^# (?P<key>[a-z]+): (?P<value>\S.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(?P<value>\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*) \((?P<type>[a-z]+), "
    r"(?:(?P<need>required|optional)|default: (?P<default>[^)]+))\) (?P<desc>\S.*)$"
)
# The order fields must come in; True means the field may repeat.
_ORDER = (
    ("title", False),
    ("cq", False),
    ("description", False),
    ("param", True),
    ("example", True),
)
_REQUIRED = ("title", "description", "example")


def parse_query_file(path: str | os.PathLike[str], *, name: str | None = None) -> QuerySpec:
    """Read a ``.rq`` file. A file starting with ``# title:`` must have a well-formed header."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such query file", path=p, hint="check the path and retry") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the query file: {exc}", path=p) from exc
    return parse_query_text(text, name=name or p.stem, path=p)


def parse_query_text(text: str, *, name: str = "query", path: Path | None = None) -> QuerySpec:
    """Parse a query's header (if it has one) into a ``QuerySpec``."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("# title:"):
        return QuerySpec(name=name, text=text, path=path)

    fields: list[tuple[str, str, int]] = []  # key, value, line number
    for number, line in enumerate(lines, start=1):
        if not line.startswith("#"):
            break
        if line.strip() == "#":
            continue
        if (m := _FIELD.match(line)) is not None:
            fields.append((m["key"], m["value"].strip(), number))
        elif (c := _CONTINUATION.match(line)) is not None and fields:
            key, value, start = fields[-1]
            fields[-1] = (key, f"{value} {c['value'].strip()}", start)
        else:
            raise _header_error(path, number, f"not a header line: {line!r}")

    values: dict[str, list[tuple[str, int]]] = {}
    position = 0
    keys = [k for k, _ in _ORDER]
    for key, value, number in fields:
        if key not in keys:
            raise _header_error(path, number, f"unknown header field {key!r}")
        index = keys.index(key)
        if index < position or (index == position and key in values and not _ORDER[index][1]):
            raise _header_error(
                path, number, f"field {key!r} out of order or repeated (order: {', '.join(keys)})"
            )
        position = index
        values.setdefault(key, []).append((value, number))
    for key in _REQUIRED:
        if key not in values:
            raise _header_error(path, 1, f"the header has no {key!r} field")

    params: list[Param] = []
    for value, number in values.get("param", []):
        m = _PARAM.match(value)
        if m is None:
            raise _header_error(
                path, number, "a param is NAME (TYPE, required|optional|default: VALUE) TEXT"
            )
        if m["type"] not in PARAM_TYPES:
            raise _header_error(
                path, number, f"unknown parameter type {m['type']!r} ({', '.join(PARAM_TYPES)})"
            )
        if not re.search(rf"[?$]{m['name']}\b", text):
            raise _header_error(
                path, number, f"parameter {m['name']} is not a variable of the query"
            )
        params.append(
            Param(
                name=m["name"],
                type=m["type"],
                description=m["desc"],
                required=m["need"] == "required",
                default=m["default"].strip() if m["default"] else None,
            )
        )
    return QuerySpec(
        name=name,
        text=text,
        path=path,
        title=values["title"][0][0],
        description=values["description"][0][0],
        cq=values["cq"][0][0] if "cq" in values else None,
        params=tuple(params),
        examples=tuple(v for v, _ in values["example"]),
        has_header=True,
    )


def _header_error(path: Path | None, line: int, message: str) -> InputError:
    return InputError(
        f"bad query header: {message}",
        path=path,
        line=line,
        hint="see 'The header format' in docs/queries.md",
    )


def library() -> list[QuerySpec]:
    """The named queries of ``queries/*.rq`` (top level only), sorted by name."""
    folder = resources.queries_dir()
    if not folder.is_dir():
        raise InputError(
            "the query library folder is missing", path=folder, hint="reinstall peergraph"
        )
    return [parse_query_file(p) for p in sorted(folder.glob("*.rq"))]


def find_query(name_or_path: str) -> QuerySpec:
    """A library query by name (``cq04-peer-mentor-sites``, with or without ``.rq``) or a
    ``.rq`` file by path."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".rq" and (candidate.is_file() or os.sep in name_or_path):
        return parse_query_file(candidate)
    stem = name_or_path.removesuffix(".rq")
    library_file = resources.queries_dir() / f"{stem}.rq"
    if _NAME_OK.match(stem) and library_file.is_file():
        return parse_query_file(library_file)
    if candidate.is_file():
        return parse_query_file(candidate)
    raise InputError(
        f"no query named {name_or_path!r}",
        hint="run `peergraph query --list` for the names, or give a path to a .rq file",
    )


_NAME_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
