"""The embedded SPARQL engines: the one place local SPARQL runs, behind one small interface.

The engine is pyoxigraph's in-memory store (``engine="oxigraph"``, the default); rdflib's own
SPARQL engine (``engine="rdflib"``) is kept behind the same interface so that the choice can be
re-measured and changed in one place. ``benchmarks/bench_store.py`` measures both; the numbers and
the reasons for the choice are in ``docs/performance.md`` ("store").

Whatever the engine, results come back as rdflib terms, normalised so that both engines give the
same values: a literal typed ``xsd:string`` is returned as the plain literal it is equal to in
RDF 1.1 (pyoxigraph types every plain literal ``xsd:string``, rdflib leaves it untyped).

rdflib and pyoxigraph are imported inside the functions that need them, so importing this module
costs nothing on the command line's start-up path.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast
from typing import Literal as TypingLiteral

from peergraph.errors import InputError
from peergraph.oxterms import XSD_STRING, from_oxigraph
from peergraph.query.sparql import inject_values, tokens

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.plugins.sparql.sparql import Query
    from rdflib.term import Identifier, Node

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "OxigraphStore",
    "QueryOutcome",
    "RdflibStore",
    "Store",
    "from_oxigraph",
    "normalise_term",
    "open_store",
    "query_graph",
    "refuse_service",
    "service_calls",
]

ENGINES = ("oxigraph", "rdflib")
# Chosen by measurement (docs/performance.md, "store"): pyoxigraph answers the library's queries
# one to three orders of magnitude faster than rdflib's engine and loads large graphs ~10x faster.
DEFAULT_ENGINE = "oxigraph"


QueryKind = TypingLiteral["select", "ask", "graph"]
T = TypeVar("T")


@dataclass
class QueryOutcome:
    """What a SPARQL query returned, in rdflib terms.

    ``kind`` is ``"select"`` (``vars`` and ``rows``: one tuple per solution, ``None`` where a
    variable is unbound), ``"ask"`` (``boolean``) or ``"graph"`` (CONSTRUCT/DESCRIBE: ``graph``).
    """

    kind: QueryKind
    vars: tuple[str, ...] = ()
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def records(self) -> list[dict[str, Node | None]]:
        """The rows as dicts, variable -> term."""
        return [dict(zip(self.vars, row, strict=True)) for row in self.rows]

    def constructed(self) -> Graph:
        """The graph of a CONSTRUCT or DESCRIBE."""
        if self.graph is None:
            raise TypeError(f"a {self.kind} query gives no graph")
        return self.graph


class Store(Protocol):
    """The interface every engine offers.

    ``allow_service`` (False by default): whether a query's ``SERVICE`` clauses, and an update's
    ``LOAD`` operations, may send requests to other servers; when False they are refused before
    the engine sees the text (``refuse_service``).
    """

    engine: str
    allow_service: bool

    def add_graph(self, graph: Graph) -> None:
        """Add the triples of an rdflib graph (parsed strictly by ``peergraph.rdfio``)."""

    def load_file(self, path: str | os.PathLike[str]) -> None:
        """Parse an RDF file with the engine's own parser (fast; for large, trusted files)."""

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryOutcome:
        """Run a SPARQL query; ``bindings`` give variables initial values (RDF terms)."""

    def update(self, text: str) -> None:
        """Run a SPARQL update."""

    def serialize(self, format: str = "nt") -> bytes:
        """The store's triples as N-Triples (``"nt"``) or Turtle (``"turtle"``)."""

    def __len__(self) -> int: ...


def open_store(engine: str | None = None, *, allow_service: bool = False) -> Store:
    """A new, empty in-memory store of the given engine (default: ``DEFAULT_ENGINE``).

    ``PEERGRAPH_ENGINE`` in the environment overrides the default (to compare engines without
    changing code); an explicit ``engine`` argument wins over both. ``allow_service``: see
    ``Store``.
    """
    chosen = engine or os.environ.get("PEERGRAPH_ENGINE") or DEFAULT_ENGINE
    if chosen == "oxigraph":
        return OxigraphStore(allow_service=allow_service)
    if chosen == "rdflib":
        return RdflibStore(allow_service=allow_service)
    raise InputError(f"unknown SPARQL engine {chosen!r}", hint=f"use one of: {', '.join(ENGINES)}")


def normalise_term(term: Node | None) -> Node | None:
    """The engine-independent form of a result term: ``"x"^^xsd:string`` becomes ``"x"``."""
    from rdflib import Literal

    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == XSD_STRING:
        return Literal(str(term))
    return term


# ---------------------------------------------------------------------------------------------
# SERVICE and LOAD: the parts of SPARQL that make the engine itself send requests.
#
# Both engines run them (pyoxigraph and rdflib each have an HTTP client), so a query from
# somewhere else could make peergraph call any server this machine reaches. They are found by
# reading the query: the lexer of ``peergraph.query.sparql`` first (it skips strings, IRIs and
# comments, so "SERVICE" in a literal or a comment is not a keyword), then rdflib's parser, which
# names the endpoints. In SPARQL the bare word SERVICE can only be that keyword, so when the
# lexer finds it and rdflib cannot parse the text (pyoxigraph reads some queries rdflib does
# not), the query is treated as calling an endpoint it cannot name.

_UNNAMED = "an endpoint that could not be read"


def service_calls(text: str, *, update: bool = False) -> list[str]:
    """The servers a query's ``SERVICE`` clauses (and, for an update, its ``LOAD`` operations)
    would send requests to, in order of appearance; empty when there are none."""
    keywords = {"SERVICE", "LOAD"} if update else {"SERVICE"}
    if not any(kind == "word" and word.upper() in keywords for kind, word, _ in tokens(text)):
        return []
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed: object = parseUpdate(text) if update else parseQuery(text)
    except Exception:  # pyparsing and rdflib errors share no base class
        return [_UNNAMED]
    return _calls_in(parsed) or [_UNNAMED]


def _calls_in(node: object) -> list[str]:
    """The endpoints of the ``ServiceGraphPattern`` and ``Load`` parts of a parse tree or an
    algebra expression (rdflib's ``CompValue`` nodes, in lists and ``ParseResults``)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    found: list[str] = []
    stack: list[object] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "ServiceGraphPattern":
                found.append(_endpoint_name(dict.get(item, "term")))
            elif item.name == "Load":
                found.append(_endpoint_name(dict.get(item, "iri")))
            stack.extend(reversed(list(dict.values(item))))
        elif isinstance(item, list | tuple | ParseResults):
            stack.extend(reversed(list(item)))
    return found


def _endpoint_name(term: object) -> str:
    from rdflib import URIRef, Variable

    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Variable):
        return f"the endpoint in ?{term}"
    return _UNNAMED


def refuse_service(
    text: str, *, update: bool = False, path: str | os.PathLike[str] | None = None
) -> None:
    """Raise an ``InputError`` (naming ``path`` when given) if the query would send requests
    to other servers (``service_calls``)."""
    _refuse(service_calls(text, update=update), update=update, path=path)


def _refuse(
    calls: list[str], *, update: bool = False, path: str | os.PathLike[str] | None = None
) -> None:
    if not calls:
        return
    what = "update" if update else "query"
    keyword = "SERVICE or LOAD" if update else "SERVICE"
    shown = ", ".join(dict.fromkeys(calls))
    raise InputError(
        f"the {what} uses {keyword}, which would send requests to {shown}; "
        "peergraph does not call other servers unless asked",
        path=path,
        hint="pass --allow-service if you mean the query to reach them",
    )


def _query_error(exc: Exception, *, update: bool = False) -> InputError:
    what = "update" if update else "query"
    return InputError(
        f"the SPARQL {what} could not be run: {exc}",
        hint=f"fix the {what} (see docs/queries.md) and retry",
    )


# ---------------------------------------------------------------------------------------------
# pyoxigraph


class OxigraphStore:
    """pyoxigraph's in-memory store. Everything lives in the default graph."""

    engine = "oxigraph"

    def __init__(self, *, allow_service: bool = False) -> None:
        import pyoxigraph

        self._ox = pyoxigraph
        self._store = pyoxigraph.Store()
        self.allow_service = allow_service

    def add_graph(self, graph: Graph) -> None:
        # Through N-Triples: rdflib's serialiser and pyoxigraph's parser together beat
        # converting term by term in Python (0.8 s against 1.4 s for 88k triples here).
        data = graph.serialize(format="nt", encoding="utf-8")
        try:
            _interruptible(
                lambda: self._store.bulk_load(input=data, format=self._ox.RdfFormat.N_TRIPLES)
            )
        except (SyntaxError, ValueError, OSError) as exc:  # rdflib wrote what pyoxigraph refuses
            raise InputError(f"the graph could not be loaded into the store: {exc}") from exc

    def load_file(self, path: str | os.PathLike[str]) -> None:
        p = Path(path)
        try:
            fmt = self._ox.RdfFormat.from_extension(p.suffix[1:])
            _interruptible(lambda: self._store.bulk_load(path=str(p), format=fmt))
        except SyntaxError as exc:
            raise InputError(f"not valid RDF: {exc}", path=p) from exc
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot load the file: {exc}", path=p) from exc

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryOutcome:
        if not self.allow_service:
            refuse_service(text)
        if bindings:
            # A VALUES block first in the WHERE clause (as for a remote endpoint), rather than
            # pyoxigraph's substitutions: the same meaning, but up to 15x faster on large graphs
            # (docs/performance.md), and parameters need not be projected.
            text = inject_values(text, bindings)
        return _interruptible(lambda: self._run(text))

    def _run(self, text: str) -> QueryOutcome:
        ox = self._ox
        try:
            result = self._store.query(text)
            if isinstance(result, ox.QueryBoolean):
                return QueryOutcome("ask", boolean=bool(result))
            if isinstance(result, ox.QuerySolutions):
                names = tuple(v.value for v in result.variables)
                rows = [
                    tuple(from_oxigraph(ox, solution[i]) for i in range(len(names)))
                    for solution in result
                ]
                return QueryOutcome("select", vars=names, rows=rows)
            from rdflib import Graph

            graph = Graph()
            assert isinstance(result, ox.QueryTriples)
            for triple in result:
                terms = (triple.subject, triple.predicate, triple.object)
                s, p, o = (cast("Node", from_oxigraph(ox, term)) for term in terms)
                graph.add((s, p, o))
            return QueryOutcome("graph", graph=graph)
        except (SyntaxError, RuntimeError, OSError, ValueError, TypeError) as exc:
            raise _query_error(exc) from exc

    def update(self, text: str) -> None:
        if not self.allow_service:
            refuse_service(text, update=True)
        try:
            _interruptible(lambda: self._store.update(text))
        except (SyntaxError, RuntimeError, OSError, ValueError) as exc:
            raise _query_error(exc, update=True) from exc

    def serialize(self, format: str = "nt") -> bytes:
        fmt = {"nt": self._ox.RdfFormat.N_TRIPLES, "turtle": self._ox.RdfFormat.TURTLE}[format]
        data = self._store.dump(format=fmt, from_graph=self._ox.DefaultGraph())
        assert data is not None  # dump() without an output returns the bytes
        return data

    def __len__(self) -> int:
        return len(self._store)


def _interruptible(work: Callable[[], T]) -> T:
    """``work()``, on a worker thread when called from the main thread, so that Ctrl-C reaches
    the caller while pyoxigraph computes: pyoxigraph checks no signals during a query or a load
    (it releases the GIL, so the waiting main thread gets them). After a KeyboardInterrupt the
    worker finishes on its own, a daemon thread: the command line exits at once, and a later
    call gets another worker."""
    if threading.current_thread() is not threading.main_thread():
        return work()
    try:
        worker = _idle_workers.pop()
    except IndexError:
        worker = _Worker()
        worker.start()
    job = _Job(work)
    worker.jobs.put(job)
    job.done.wait()  # interrupted by Ctrl-C (POSIX): KeyboardInterrupt here
    if job.failure is not None:
        raise job.failure
    return cast(T, job.outcome)


class _Job:
    def __init__(self, work: Callable[[], Any]) -> None:
        self.work = work
        self.outcome: Any = None
        self.failure: BaseException | None = None
        self.done = threading.Event()


class _Worker(threading.Thread):
    """A daemon thread running jobs one after the other; idle, it waits in ``_idle_workers``
    (reused: starting a thread per query would cost more than a small query)."""

    def __init__(self) -> None:
        super().__init__(name="peergraph-oxigraph", daemon=True)
        self.jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()

    def run(self) -> None:
        while True:
            job = self.jobs.get()
            try:
                job.outcome = job.work()
            except BaseException as exc:  # handed to the caller, whatever it is
                job.failure = exc
            _idle_workers.append(self)
            job.done.set()


_idle_workers: list[_Worker] = []
if hasattr(os, "register_at_fork"):  # a forked child has none of the parent's threads
    os.register_at_fork(after_in_child=_idle_workers.clear)


# ---------------------------------------------------------------------------------------------
# rdflib


class RdflibStore:
    """rdflib's in-memory graph and its SPARQL engine."""

    engine = "rdflib"

    def __init__(self, graph: Graph | None = None, *, allow_service: bool = False) -> None:
        from rdflib import Graph

        self.graph = graph if graph is not None else Graph()
        self.allow_service = allow_service

    def add_graph(self, graph: Graph) -> None:
        self.graph += graph

    def load_file(self, path: str | os.PathLike[str]) -> None:
        from peergraph.rdfio import parse_file

        self.graph += parse_file(path)

    def query(
        self, text: str | Query, bindings: Mapping[str, Identifier] | None = None
    ) -> QueryOutcome:
        if not self.allow_service:
            if isinstance(text, str):
                refuse_service(text)
            else:  # a prepared query: its algebra says
                _refuse(_calls_in(text.algebra))
        try:
            result = self.graph.query(text, initBindings=dict(bindings or {}))
            if result.type == "ASK":
                return QueryOutcome("ask", boolean=bool(result.askAnswer))
            if result.type == "SELECT":
                names = tuple(str(v) for v in (result.vars or ()))
                rows = [tuple(normalise_term(t) for t in row) for row in result]  # type: ignore[union-attr]
                return QueryOutcome("select", vars=names, rows=rows)
            return QueryOutcome("graph", graph=result.graph)
        except Exception as exc:  # pyparsing, rdflib and evaluation errors share no base class
            raise _query_error(exc) from exc

    def update(self, text: str) -> None:
        if not self.allow_service:
            refuse_service(text, update=True)
        try:
            self.graph.update(text)
        except Exception as exc:
            raise _query_error(exc, update=True) from exc

    def serialize(self, format: str = "nt") -> bytes:
        return self.graph.serialize(
            format={"nt": "nt", "turtle": "turtle"}[format], encoding="utf-8"
        )

    def __len__(self) -> int:
        return len(self.graph)


def query_graph(
    graph: Graph, text: str | Query, bindings: Mapping[str, Identifier] | None = None
) -> QueryOutcome:
    """SPARQL over an rdflib graph the code already holds (the rules over the reference graph,
    routes and tables over the bundled graph). rdflib's own engine runs it: copying the graph
    into another store would cost more than these small queries."""
    return RdflibStore(graph).query(text, bindings)
