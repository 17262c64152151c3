"""RDF files in and out: strict parsing with errors that name the file and line, collecting
files from folders, merging, and writing outputs whole or not at all.

Strict means: a file that rdflib parses but warns about (an ill-typed literal such as
``"abc"^^xsd:integer``, an IRI with a space) is rejected, because the project promises
warning-free data and a warning buried in a log is easily missed.

Safe means: parsing reads the file it is given and nothing else. Only regular files are opened
(a FIFO would block the run), RDF/XML with a DTD is refused before it is parsed (entity expansion
and external entities), and JSON-LD contexts are never fetched: the published peergraph context
is served from here, any other remote or ``file:`` context is refused.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import logging
import os
import re
import secrets
import stat
import threading
import warnings
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peergraph.errors import InputError
from peergraph.vocab import JSONLD_CONTEXT_IRI, NAMESPACES

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

__all__ = [
    "FORMATS",
    "JSONLD_CONTEXT_IRI",
    "collect_files",
    "create_output_folder",
    "jsonld_context",
    "line_of",
    "merge_into",
    "parse_file",
    "read_input_bytes",
    "rdf_files_under",
    "rdf_format",
    "write_atomically",
    "write_files_atomically",
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


def parse_file(path: str | os.PathLike[str], *, quick: bool = False) -> Graph:
    """Parse one RDF file into a new graph (named graphs of TriG/N-Quads are merged into it).

    ``quick=True`` (the reference data, and the validator's reading of an estate) parses
    Turtle, N-Triples and N-Quads with Oxigraph's parser, ten to twenty-five times faster than
    rdflib's, into the same rdflib terms (and a Turtle file's prefixes) but for two spellings
    RDF 1.1 makes one term: a language tag comes lowercased (BCP 47 tags are case-insensitive)
    and ``"x"^^xsd:string`` as the plain ``"x"``. A file Oxigraph refuses is parsed by rdflib as
    without ``quick``, for its located error; other formats are too.

    Raises ``InputError`` naming the file, and the line where the parser tells it, for anything
    that is not clean RDF of the type its suffix says: syntax errors, undecodable bytes, binary
    files, empty files, input that rdflib accepts only with a warning, RDF/XML with a DTD, and
    JSON-LD that needs a context from elsewhere.
    """
    from rdflib import Dataset, Graph

    p = Path(path)
    fmt = rdf_format(p)
    data = read_input_bytes(p)
    _refuse_binary(p, data)
    # XML declares its own encoding, so the XML parser gets bytes; the others must be UTF-8.
    source: str | bytes = data if fmt == "xml" else _decode(p, data)
    if _is_blank(source, fmt):
        # Almost always a file saved before it was filled in; an empty graph would only surface
        # later as a puzzling "no site found".
        raise InputError(
            "the file is empty", path=p, hint="add the graph's triples, or leave the file out"
        )
    if fmt == "xml":
        _refuse_dtd(p, data)
    # rdflib parses a path with the file's URI as base; keep that for relative IRIs.
    base = p.resolve().as_uri()

    contexts = _jsonld_contexts_served_locally() if fmt == "json-ld" else contextlib.nullcontext()
    with _strict_rdflib_logging() as warned, contexts:
        try:
            quickly = _parse_quickly(source, fmt, base) if quick else None
            if quickly is not None:
                graph = quickly
            elif fmt in _QUAD_FORMATS:
                dataset = Dataset()
                dataset.parse(data=source, format=fmt, publicID=base)
                graph = _flatten(dataset)
            else:
                graph = Graph()
                graph.parse(data=source, format=fmt, publicID=base)
        except _ContextRefused as refused:
            raise _context_error(p, source, refused.url) from None
        except Exception as exc:  # parsers raise many types; each becomes an InputError
            raise _parse_error(p, fmt, source, exc) from exc

    if warned:
        raise _warning_error(p, fmt, source, graph, warned)
    return graph


def _parse_quickly(source: str | bytes, fmt: str, base: str) -> Graph | None:
    """Turtle, N-Triples or N-Quads parsed by Oxigraph into an rdflib graph (see
    ``parse_file``), or ``None`` for another format or a file Oxigraph refuses."""
    if fmt not in ("turtle", "ntriples", "nquads"):
        return None
    import pyoxigraph as ox
    from rdflib import BNode, Graph

    from peergraph.oxterms import from_oxigraph

    data = source.encode("utf-8") if isinstance(source, str) else source
    parser_format = {
        "turtle": ox.RdfFormat.TURTLE,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "nquads": ox.RdfFormat.N_QUADS,
    }[fmt]
    terms: dict[Any, Any] = {}  # each Oxigraph term once; a file's blank nodes are its own

    def term(node: Any) -> Any:
        found = terms.get(node)
        if found is None:
            found = terms[node] = (
                BNode() if isinstance(node, ox.BlankNode) else from_oxigraph(ox, node)
            )
        return found

    graph = Graph(store="SimpleMemory")
    parser = ox.parse(data, format=parser_format, base_iri=base)
    try:
        triples = [(term(q.subject), term(q.predicate), term(q.object)) for q in parser]
    except (SyntaxError, ValueError, TypeError):  # TypeError: a quoted triple, rdflib's to refuse
        return None
    graph.addN((s, p, o, graph) for s, p, o in triples)
    for prefix, namespace in (getattr(parser, "prefixes", None) or {}).items():
        graph.bind(prefix, namespace)  # as rdflib's Turtle parser binds them
    return graph


def read_input_bytes(p: Path, *, kind: str = "an RDF file") -> bytes:
    """The bytes of an input file (an RDF file, a site form), opened only if it is a regular
    file with read permission: a folder, a FIFO (whose reading would wait for a writer forever),
    a device, a broken link or a missing file is an ``InputError`` naming it. ``kind`` says what
    was expected, in the hints."""
    st = _stat_input(p)
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a folder, not a file", path=p, hint=f"give {kind}")
    _refuse_special(p, st, kind)
    try:
        # O_NONBLOCK: should the path have become a FIFO since the stat, opening it returns at
        # once instead of waiting for a writer, and the fstat below refuses it.
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            _refuse_special(p, os.fstat(handle.fileno()), kind)
            return handle.read()
    except OSError as exc:
        raise InputError(
            f"cannot read the file ({exc.strerror or exc})", path=p, hint="check its permissions"
        ) from exc


def _stat_input(p: Path) -> os.stat_result:
    """``os.stat`` of an input path, with a plain-spoken error for a missing path, a broken
    symbolic link and a symbolic link loop."""
    try:
        return os.stat(p)
    except FileNotFoundError:
        if os.path.islink(p):
            raise InputError(
                f"is a symbolic link to {os.readlink(p)!r}, which does not exist",
                path=p,
                hint="fix or remove the link",
            ) from None
        raise InputError(
            "no such file or folder", path=p, hint="check the path and retry"
        ) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(
                "is a symbolic link loop (the link points back to itself)",
                path=p,
                hint="fix or remove the link",
            ) from None
        raise InputError(
            f"cannot read it ({exc.strerror or exc})", path=p, hint="check its permissions"
        ) from exc


_SPECIAL_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def _refuse_special(p: Path, st: os.stat_result, kind: str = "an RDF file") -> None:
    """Refuse what is not a regular file (reading a FIFO waits for a writer, forever), and a
    file without read permission. The permission is read from the mode bits as well as asked of
    the system, so that root, whom the system lets read anything, gets the same answer."""
    if not stat.S_ISREG(st.st_mode):
        what = _SPECIAL_KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
        raise InputError(
            f"is {what}, not a file", path=p, hint=f"give {kind} (peergraph reads only files)"
        )
    if not st.st_mode & 0o444:
        raise InputError(
            "cannot read the file: it has no read permission",
            path=p,
            hint="give it read permission (chmod u+r) or leave it out",
        )


def _is_blank(source: str | bytes, fmt: str) -> bool:
    """Whether the file holds nothing but whitespace (and comments, in the formats that have
    line comments)."""
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    if fmt in ("xml", "json-ld"):
        return not text.strip()
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


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


# ---------------------------------------------------------------------------------------------
# RDF/XML: no DTD


class _PrologEnd(Exception):
    """Raised at the root element: the prolog, where a DTD would be, has been read."""


def _refuse_dtd(p: Path, data: bytes) -> None:
    """Refuse RDF/XML with a document type declaration, before the RDF/XML parser sees it.

    Entity declarations live in the DTD: a few nested ones (a "billion laughs") cost minutes of
    CPU to expand, and external ones read other files or URLs. defusedxml's parser stops at the
    declaration; it reads only the prolog, so the check costs nothing on a large file. Malformed
    XML passes here and gets the RDF/XML parser's located error.
    """
    from xml.sax import SAXException
    from xml.sax.handler import ContentHandler

    from defusedxml import DefusedXmlException
    from defusedxml.sax import parseString

    class _StopAtRoot(ContentHandler):
        def startElement(self, name: str, attrs: object) -> None:  # noqa: N802 (SAX API)
            raise _PrologEnd

        def startElementNS(self, name: object, qname: object, attrs: object) -> None:  # noqa: N802
            raise _PrologEnd

    try:
        parseString(data, _StopAtRoot(), forbid_dtd=True)
    except DefusedXmlException:
        raise InputError(
            "RDF/XML with a DTD or entity declarations is not accepted",
            path=p,
            line=line_of(data.decode("utf-8", "replace"), ["<!DOCTYPE", "<!ENTITY"]),
            hint="remove the <!DOCTYPE ...> declaration (write full IRIs instead of entities), "
            "or save the graph as Turtle",
        ) from None
    except (_PrologEnd, SAXException):
        return


# ---------------------------------------------------------------------------------------------
# JSON-LD: contexts served from here, never fetched

# The published JSON-LD context (vocab.JSONLD_CONTEXT_IRI) holds the project's prefixes, so that
# a site graph in JSON-LD can write "pg:Prison", "role:peer-mentor"; it is written by the export
# and served by the parser.


def jsonld_context() -> dict[str, Any]:
    """The published JSON-LD context document: the project's prefixes (``peergraph.vocab``)."""
    return {"@context": dict(NAMESPACES)}


class _ContextRefused(Exception):
    """A JSON-LD document asked for a context other than the published one."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def _served_context(url: object, *_args: object, **_kwargs: object) -> tuple[Any, None]:
    """Stands in for rdflib's context loader: the published context, or a refusal."""
    if isinstance(url, str) and url.split("#", 1)[0] == JSONLD_CONTEXT_IRI:
        return jsonld_context(), None
    raise _ContextRefused(str(url))


# rdflib's own loader while it is replaced, and how many parses need it replaced.
_loader_lock = threading.Lock()
_rdflib_loader: Any = None
_parses_in_progress = 0


@contextmanager
def _jsonld_contexts_served_locally() -> Iterator[None]:
    """For the duration of a parse, route rdflib's loading of JSON-LD contexts (``@context``
    and ``@import`` by IRI, which it would fetch with no timeout, or read from any local file)
    to ``_served_context``.

    rdflib has no option for this: ``Context._fetch_context`` calls its module's
    ``source_to_json`` by name, so that name is replaced while peergraph parses and restored
    after; the count keeps it replaced while any thread is still parsing.
    """
    global _rdflib_loader, _parses_in_progress
    from rdflib.plugins.shared.jsonld import context as rdflib_context

    with _loader_lock:
        if _parses_in_progress == 0:
            _rdflib_loader = rdflib_context.source_to_json
            rdflib_context.source_to_json = _served_context  # type: ignore[assignment]
        _parses_in_progress += 1
    try:
        yield
    finally:
        with _loader_lock:
            _parses_in_progress -= 1
            if _parses_in_progress == 0:
                rdflib_context.source_to_json = _rdflib_loader
                _rdflib_loader = None


def _context_error(p: Path, source: str | bytes, url: str) -> InputError:
    text = source if isinstance(source, str) else source.decode("utf-8", "replace")
    kind = "local file" if url.startswith("file:") else "remote document"
    return InputError(
        f"JSON-LD @context <{url}> is a {kind}, which peergraph does not load",
        path=p,
        line=line_of(text, [url, url.rsplit("/", 1)[-1]]),
        hint=f"put the context in the file itself, or use the published context "
        f"{JSONLD_CONTEXT_IRI}",
    )


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
    symlinked folders are not followed (no loops).

    Raises ``InputError`` for a folder that cannot be read, and for an RDF-named entry that is
    not a regular file (a FIFO, a broken link, a link loop), rather than skipping what the user
    may have meant to give."""
    wanted = {s.lower() for s in suffixes}
    found: list[tuple[tuple[str, ...], Path]] = []
    _check_readable_folder(folder, _stat_input(folder))

    def unreadable(exc: OSError) -> None:
        raise InputError(
            f"cannot read the folder ({exc.strerror or exc})",
            path=exc.filename or folder,
            hint="check its permissions",
        ) from exc

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for dirname in dirnames:
            sub = Path(dirpath, dirname)
            if not os.path.islink(sub):
                _check_readable_folder(sub, os.stat(sub))
        for filename in filenames:
            if filename.startswith(".") or Path(filename).suffix.lower() not in wanted:
                continue
            file = Path(dirpath, filename)
            _refuse_special(file, _stat_input(file))
            found.append((file.relative_to(folder).parts, file))
    return [file for _key, file in sorted(found)]


def _check_readable_folder(folder: Path, st: os.stat_result) -> None:
    """A folder peergraph can list and enter, by its mode bits as well as by the system's
    answer (which is always yes for root)."""
    if not (st.st_mode & 0o444 and st.st_mode & 0o111 and os.access(folder, os.R_OK | os.X_OK)):
        raise InputError(
            "cannot read the folder: it has no read permission",
            path=folder,
            hint="give it read permission (chmod u+rx) or leave it out",
        )


def collect_files(paths_: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders (recursively) into a list of RDF files, without duplicates.

    Raises ``InputError`` for a missing path, a file whose suffix is not an RDF one, a folder
    holding no RDF file (almost always a wrong folder rather than an intended no-op), and
    anything that is not a readable regular file or folder.
    """
    result: list[Path] = []
    seen: set[tuple[int, int]] = set()
    for item in paths_:
        p = Path(item)
        st = _stat_input(p)
        if stat.S_ISDIR(st.st_mode):
            files = rdf_files_under(p)
            if not files:
                raise InputError(
                    "folder has no RDF files", path=p, hint=f"put files ending in {_ACCEPTED} there"
                )
        else:
            rdf_format(p)  # an explicit file must have an RDF suffix
            _refuse_special(p, st)
            files = [p]
        for file in files:
            # The same file by device and inode: a link or another spelling of the path.
            file_st = os.stat(file)
            key = (file_st.st_dev, file_st.st_ino)
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


@dataclass(frozen=True)
class _Target:
    """Where one output goes: ``real`` is the path with symbolic links followed; ``existing``
    its stat when something is there."""

    given: Path
    real: Path
    existing: os.stat_result | None

    @property
    def through(self) -> bool:
        """A device or FIFO (``/dev/null``, ``/dev/stdout``, a pipe): written into, never
        replaced by a file."""
        return self.existing is not None and not stat.S_ISREG(self.existing.st_mode)


def write_atomically(
    path: Path, text: str | bytes, *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Write ``text`` to ``path`` whole or not at all (see ``write_files_atomically``)."""
    write_files_atomically({path: text}, inputs=inputs)


def write_files_atomically(
    outputs: Mapping[Path, str | bytes], *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Write each text (``str`` as UTF-8) to its path, all of them whole or none of them.

    Each file is written to a temporary file beside it (flushed to disk) and renamed over it
    only when every one is complete. A symbolic link is followed (its target is replaced, the
    link kept); a file being replaced keeps its permissions, a new one gets the umask's; a
    device or FIFO is written into, not replaced. Refused with ``InputError``, before anything
    is written: a folder, a read-only file or folder (by its mode bits too, which root would
    otherwise override), a missing folder, and a path that is one of ``inputs`` (files, or
    folders whose RDF files they are): the output would destroy the input it was made from.
    """
    given_inputs = tuple(inputs)
    targets = [(_target(path, given_inputs), _as_bytes(text)) for path, text in outputs.items()]
    pending: list[tuple[_Target, Path]] = []  # temporaries written, not yet renamed into place
    try:
        for target, data in targets:
            if not target.through:
                with _reported(target):
                    pending.append((target, _write_temporary(target, data)))
        for target, data in targets:
            if target.through:
                with _reported(target):
                    _write_through(target, data)
        while pending:
            target, temporary = pending[-1]
            with _reported(target):
                os.replace(temporary, target.real)
            pending.pop()
    finally:
        for _written, temporary in pending:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


@contextmanager
def _reported(target: _Target) -> Iterator[None]:
    """An ``OSError`` while writing ``target`` as the one-line error people see."""
    try:
        yield
    except OSError as exc:
        raise InputError(
            f"cannot write the output ({exc.strerror or exc})",
            path=target.given,
            hint="check the free space and the folder's permissions, then retry",
        ) from exc


def _as_bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def _target(path: Path, inputs: Iterable[str | os.PathLike[str]]) -> _Target:
    """Follow ``path``'s links and check that it can be written, before anything is."""
    try:
        # Followed by the kernel, which also knows /dev/stdout when it is a pipe (a link to no
        # path); a missing file (or a link to one) is made where the link points.
        existing: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        reason = (
            "it is a symbolic link loop" if exc.errno == errno.ELOOP else exc.strerror or str(exc)
        )
        raise InputError(
            f"cannot write the output: {reason}", path=path, hint="choose another output path"
        ) from exc
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise InputError(
            "cannot write the output: it is a folder", path=path, hint="give a file name"
        )
    if existing is not None and not _writable(path, existing):
        raise InputError(
            "cannot write the output: the file is read-only",
            path=path,
            hint="make it writable (chmod u+w) or choose another output path",
        )
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        return _Target(path, path, existing)  # a device or FIFO: written into as it is named
    real = Path(os.path.realpath(path))
    if existing is not None:
        _refuse_input(path, real, inputs)
    _check_writable_folder(path, real.parent)
    return _Target(path, real, existing)


def _writable(path: Path, st: os.stat_result) -> bool:
    """Writable by its mode bits (no w bit at all: read-only, even for root, whom the system
    lets write anything) and by the system's answer."""
    return bool(st.st_mode & 0o222) and os.access(path, os.W_OK)


def _check_writable_folder(path: Path, folder: Path) -> None:
    try:
        st = os.stat(folder)
    except OSError:
        st = None
    if st is None or not stat.S_ISDIR(st.st_mode):
        raise InputError(
            "cannot write the output: its folder does not exist",
            path=path,
            hint="create the folder first or choose another output path",
        )
    if not _writable_folder(folder, st):
        raise InputError(
            "cannot write the output: its folder is read-only",
            path=path,
            hint="choose a folder you can write to",
        )


def _writable_folder(folder: Path, st: os.stat_result) -> bool:
    return _writable(folder, st) and os.access(folder, os.X_OK)


def _refuse_input(path: Path, real: Path, inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse an output that is the same file as one of the inputs."""
    for item in inputs:
        given = Path(item)
        try:
            candidates = rdf_files_under(given) if given.is_dir() else [given]
        except InputError:  # an input that cannot be listed was never read either
            continue
        for candidate in candidates:
            with contextlib.suppress(OSError):
                if os.path.samefile(candidate, real):
                    raise InputError(
                        f"cannot write the output over the input file {candidate}",
                        path=path,
                        hint="choose another output path",
                    )


def create_output_folder(folder: Path) -> list[Path]:
    """Make ``folder`` (and its missing parents) to write outputs into; returns the folders
    made, outermost first, so that a failed write can remove them again.

    Refused with ``InputError`` before anything is made: a path that is (or lies under) a
    file, and a read-only folder or parent (by its mode bits too, as for files)."""
    missing: list[Path] = []
    existing = folder
    while not existing.exists() and not existing.is_symlink() and existing.parent != existing:
        missing.append(existing)
        existing = existing.parent
    if not existing.is_dir():
        where = "the output path" if existing == folder else f"{existing}, in the output path,"
        raise InputError(
            f"{where} exists and is not a folder", path=folder, hint="give a folder to write into"
        )
    if not _writable_folder(existing, os.stat(existing)):
        what = "write into the folder" if existing == folder else f"create it in {existing}"
        raise InputError(
            f"cannot {what}: it is read-only",
            path=folder,
            hint="choose a folder you can write to",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create the output folder ({exc.strerror or exc})",
            path=folder,
            hint="check the permissions of the folder it goes in",
        ) from exc
    return list(reversed(missing))


def _write_temporary(target: _Target, data: bytes) -> Path:
    """``data`` in a new file beside ``target.real``, flushed to disk, with the permissions
    (and, for root, the owner) of the file it will replace, or the umask's for a new one."""
    folder, name = target.real.parent, target.real.name
    while True:
        temporary = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            # 0o666 and the kernel applies the umask, as for any new file.
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with open(fd, "wb") as handle:
            if target.existing is not None:
                os.fchmod(handle.fileno(), stat.S_IMODE(target.existing.st_mode))
                if (target.existing.st_uid, target.existing.st_gid) != (os.geteuid(), os.getegid()):
                    with contextlib.suppress(PermissionError):
                        os.fchown(handle.fileno(), target.existing.st_uid, target.existing.st_gid)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary


def _write_through(target: _Target, data: bytes) -> None:
    """Write into a device or FIFO, as a shell redirection would (no temporary, no rename)."""
    fd = os.open(target.real, os.O_WRONLY)
    with open(fd, "wb") as handle:
        handle.write(data)
