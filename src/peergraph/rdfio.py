"""RDF files in and out: strict parsing with errors that name the file and line, collecting
files from folders, merging, and writing outputs whole or not at all.

Strict means: a file that rdflib parses but warns about (an ill-typed literal such as
``"abc"^^xsd:integer``, an IRI with a space) is rejected, because the project promises
warning-free data and a warning buried in a log is easily missed.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from peergraph.errors import InputError

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

__all__ = [
    "FORMATS",
    "collect_files",
    "line_of",
    "merge_into",
    "parse_file",
    "rdf_files_under",
    "rdf_format",
    "write_atomically",
]

# File suffix -> rdflib parser name.
FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "ntriples",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".nq": "nquads",
}

# Names people know the formats by, for error messages.
_FORMAT_NAMES = {
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "json-ld": "JSON-LD",
    "trig": "TriG",
    "xml": "RDF/XML",
    "nquads": "N-Quads",
}

# Formats holding several graphs: parsed into a Dataset, then flattened.
_QUAD_FORMATS = {"trig", "nquads"}


# Recognisable binary files, so that a picture saved as .ttl gets a plain-spoken error.
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
}

_ACCEPTED = ", ".join(FORMATS)


def _accepted_hint() -> str:
    return f"give a file ending in one of {_ACCEPTED}"


def rdf_format(path: str | os.PathLike[str]) -> str:
    """The rdflib format for ``path``, from its suffix (case-insensitive)."""
    suffix = Path(path).suffix.lower()
    try:
        return FORMATS[suffix]
    except KeyError:
        what = f"suffix {suffix!r}" if suffix else "no suffix"
        raise InputError(
            f"not a known RDF file type ({what})", path=path, hint=_accepted_hint()
        ) from None


# ---------------------------------------------------------------------------------------------
# Parsing one file


def parse_file(path: str | os.PathLike[str]) -> Graph:
    """Parse one RDF file into a new graph (named graphs of TriG/N-Quads are merged into it).

    Raises ``InputError`` naming the file, and the line where the parser tells it, for anything
    that is not clean RDF of the type its suffix says: syntax errors, undecodable bytes, binary
    files, and input that rdflib accepts only with a warning.
    """
    from rdflib import Dataset, Graph

    p = Path(path)
    fmt = rdf_format(p)
    data = _read_bytes(p)
    if not data.strip():
        # An empty file is a valid, empty graph in every format we accept.
        return Graph()
    _refuse_binary(p, data)
    # XML declares its own encoding, so the XML parser gets bytes; the others must be UTF-8.
    source: str | bytes = data if fmt == "xml" else _decode(p, data)
    # rdflib parses a path with the file's URI as base; keep that for relative IRIs.
    base = p.resolve().as_uri()

    with _strict_rdflib_logging() as warned:
        try:
            if fmt in _QUAD_FORMATS:
                dataset = Dataset()
                dataset.parse(data=source, format=fmt, publicID=base)
                graph = _flatten(dataset)
            else:
                graph = Graph()
                graph.parse(data=source, format=fmt, publicID=base)
        except Exception as exc:  # parsers raise many types; each becomes an InputError
            raise _parse_error(p, fmt, source, exc) from exc

    if warned:
        raise _warning_error(p, fmt, source, graph, warned)
    return graph


def _read_bytes(p: Path) -> bytes:
    if not p.exists():
        raise InputError("no such file", path=p, hint="check the path and retry")
    if p.is_dir():
        raise InputError("is a folder, not a file", path=p, hint="give an RDF file")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read the file ({exc.strerror or exc})", path=p, hint="check its permissions"
        ) from exc


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    # UTF-16/32 text has NUL bytes too, but starts with a byte order mark.
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "a binary file"
    return None


def _refuse_binary(p: Path, data: bytes) -> None:
    kind = _binary_kind(data)
    if kind is not None:
        raise InputError(
            f"this is {kind}, not {_FORMAT_NAMES[rdf_format(p)]}",
            path=p,
            hint="give the RDF file itself (check the file name and suffix)",
        )


def _decode(p: Path, data: bytes) -> str:
    """Decode UTF-8 (as the text RDF formats require), dropping a byte order mark."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)",
            path=p,
            line=line,
            hint="save the file as UTF-8 and retry",
        ) from exc


def _flatten(dataset: Dataset) -> Graph:
    """All triples of a Dataset (default and named graphs) as one plain Graph."""
    from rdflib import Graph

    graph = Graph()
    for s, p, o, _context in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    for prefix, namespace in dataset.namespaces():
        graph.bind(prefix, namespace, override=False)
    return graph


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def line_of(text: str, needles: Iterable[str], start: int = 0) -> int | None:
    """The 1-based line of the first of ``needles`` found in ``text`` (searched from ``start``
    first, then from the top), or ``None``."""
    for needle in needles:
        index = text.find(needle, start)
        if index < 0:
            index = text.find(needle)
        if index >= 0:
            return _line_at(text, index)
    return None


# Formats pyoxigraph parses, to locate a syntax error that rdflib reports without a line.
_OXIGRAPH_FORMATS = {
    "turtle": "TURTLE",
    "ntriples": "N_TRIPLES",
    "nquads": "N_QUADS",
    "trig": "TRIG",
    "json-ld": "JSON_LD",
}
_OX_PREFIX = re.compile(
    r"^Parser error (?:at|between) line \d+ column \d+(?: and line \d+ column \d+)?: "
)


def _parse_error(p: Path, fmt: str, source: str | bytes, exc: Exception) -> InputError:
    """Turn whatever the parser raised into an InputError with the line, when known.

    rdflib's Turtle and N-Triples errors carry their position only in private attributes, so
    the line comes from pyoxigraph, whose ``SyntaxError`` has ``lineno`` (and says what is wrong
    in a sentence); XML and JSON errors carry their line in public attributes.
    """
    from xml.sax import SAXParseException

    name = _FORMAT_NAMES[fmt]
    line: int | None = None
    reason = str(exc).split("\n", 1)[0]
    if isinstance(exc, SAXParseException):
        line = exc.getLineNumber()
        reason = exc.getMessage()
    elif isinstance(getattr(exc, "lineno", None), int):  # json.JSONDecodeError
        line = exc.lineno  # type: ignore[attr-defined]
        reason = getattr(exc, "msg", reason)
    elif fmt in _OXIGRAPH_FORMATS:
        located = _oxigraph_syntax_error(p, fmt, source)
        if located is not None:
            line, reason = located
    return InputError(f"not valid {name}: {reason}", path=p, line=line)


def _oxigraph_syntax_error(p: Path, fmt: str, source: str | bytes) -> tuple[int | None, str] | None:
    """(line, reason) of pyoxigraph's syntax error for ``source``, or ``None`` when pyoxigraph
    accepts it (rdflib's complaint then stands, without a line)."""
    import pyoxigraph

    data = source.encode("utf-8") if isinstance(source, str) else source
    try:
        for _ in pyoxigraph.parse(
            data,
            format=getattr(pyoxigraph.RdfFormat, _OXIGRAPH_FORMATS[fmt]),
            base_iri=p.resolve().as_uri(),
        ):
            pass
    except SyntaxError as exc:
        line = exc.lineno
        # At end of file pyoxigraph points past the last line; the statement left open is on
        # the last line that has content.
        last = _line_at(data.decode("utf-8", "replace").rstrip(), len(data))
        if line is not None and line > last:
            line = last
        return line, _OX_PREFIX.sub("", str(exc.msg))
    except (ValueError, OSError):
        return None
    return None


# ---------------------------------------------------------------------------------------------
# Turning rdflib's warnings into errors


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_CODE_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, FutureWarning, ImportWarning)


@functools.cache
def _rdflib_dir() -> str:
    import rdflib

    return str(Path(rdflib.__file__).resolve().parent)


@contextmanager
def _strict_rdflib_logging() -> Iterator[list[str]]:
    """Collect the warnings rdflib logs (or ``warnings.warn``s) while parsing, instead of
    letting them reach the user's terminal; the caller turns any into an error."""
    logger = logging.getLogger("rdflib")
    collector = _Collector()
    saved_level, saved_propagate = logger.level, logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield collector.messages
        rdflib_dir = _rdflib_dir()
        for w in caught:
            if not issubclass(w.category, _CODE_WARNINGS):
                collector.messages.append(str(w.message))
            elif not os.path.realpath(w.filename).startswith(rdflib_dir):
                # About some other code, not the data: back to the user's warning filters.
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
            # else: rdflib 7's parsers call rdflib's own deprecated APIs (ConjunctiveGraph,
            # Dataset.default_context); nobody can act on that, so it is dropped.
    finally:
        logger.removeHandler(collector)
        logger.setLevel(saved_level)
        logger.propagate = saved_propagate


_BAD_IRI = re.compile(r"^(?P<iri>.+?) does not look like a valid URI")
# rdflib keeps such a boolean as "false", so its original spelling only survives in the warning.
_BAD_BOOLEAN = re.compile(r"^Parsing weird boolean, (?P<q>['\"])(?P<lex>.*?)(?P=q) does not map")


def _warning_error(
    p: Path, fmt: str, source: str | bytes, graph: Graph, messages: list[str]
) -> InputError:
    """Describe the first warning, and find its line by looking for the offending text."""
    from rdflib import Literal

    text = source if isinstance(source, str) else source.decode("utf-8", errors="replace")
    more = f" (and {len(messages) - 1} more warnings)" if len(messages) > 1 else ""
    needles: list[str] = []
    reason = messages[0].split("\n", 1)[0]

    ill_typed = next(
        (o for o in graph.objects() if isinstance(o, Literal) and getattr(o, "ill_typed", False)),
        None,
    )
    if boolean := next(filter(None, map(_BAD_BOOLEAN.match, messages)), None):
        reason = f"ill-typed literal {boolean['lex']!r} for xsd:boolean"
        needles = [f'"{boolean["lex"]}"', f"'{boolean['lex']}'", f">{boolean['lex']}<"]
    elif ill_typed is not None:
        datatype = graph.namespace_manager.normalizeUri(str(ill_typed.datatype))
        reason = f"ill-typed literal {str(ill_typed)!r} for {datatype}"
        needles = [f'"{ill_typed}"', f"'{ill_typed}'", f">{ill_typed}<"]
    elif match := _BAD_IRI.match(reason):
        reason = f"invalid IRI <{match['iri']}>"
        needles = [f"<{match['iri']}>", match["iri"]]

    return InputError(
        f"{_FORMAT_NAMES[fmt]} parsed only with a warning: {reason}{more}",
        path=p,
        line=line_of(text, needles),
        hint="fix the value so the file parses without warnings",
    )


# ---------------------------------------------------------------------------------------------
# Many files


def rdf_files_under(folder: Path, suffixes: Iterable[str] = FORMATS) -> list[Path]:
    """RDF files below ``folder``, sorted by their path components so the order is stable
    everywhere. Hidden files and folders (``.git``, ``.ipynb_checkpoints``) are skipped, and
    symlinked folders are not followed (no loops)."""
    wanted = {s.lower() for s in suffixes}
    found: list[tuple[tuple[str, ...], Path]] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for filename in filenames:
            if filename.startswith(".") or Path(filename).suffix.lower() not in wanted:
                continue
            file = Path(dirpath, filename)
            found.append((file.relative_to(folder).parts, file))
    return [file for _key, file in sorted(found)]


def collect_files(paths_: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders (recursively) into a list of RDF files, without duplicates.

    Raises ``InputError`` for a missing path, a file whose suffix is not an RDF one, and a
    folder holding no RDF file (almost always a wrong folder rather than an intended no-op).
    """
    result: list[Path] = []
    seen: set[Path] = set()
    for item in paths_:
        p = Path(item)
        if p.is_dir():
            files = rdf_files_under(p)
            if not files:
                raise InputError(
                    "folder has no RDF files", path=p, hint=f"put files ending in {_ACCEPTED} there"
                )
        elif p.exists():
            rdf_format(p)  # an explicit file must have an RDF suffix
            files = [p]
        else:
            raise InputError("no such file or folder", path=p, hint="check the path and retry")
        for file in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                result.append(file)
    return result


def merge_into(target: Graph, graph: Graph) -> Graph:
    """Add ``graph``'s triples to ``target``, and its prefixes where ``target`` lacks them."""
    target += graph
    for prefix, namespace in graph.namespaces():
        target.bind(prefix, namespace, override=False)
    return target


# ---------------------------------------------------------------------------------------------
# Writing


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename, so
    that ``path`` holds the whole text or is left as it was."""
    import contextlib
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(
            "cannot write the output: its folder does not exist",
            path=path,
            hint="create the folder first or choose another --output",
        )
    if path.is_dir():
        raise InputError("cannot write the output: it is a folder", path=path, hint="give a file")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(
            f"cannot write the output ({exc.strerror or exc})",
            path=path,
            hint="check the folder's permissions and free space",
        ) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
