"""``peergraph.KnowledgeGraph``: the study's graph (or a SPARQL endpoint) and its query library.

::

    from peergraph import KnowledgeGraph

    kg = KnowledgeGraph()                                   # bundled graph, embedded store
    kg = KnowledgeGraph(data=["my-site.ttl"])               # ... plus your site graphs
    kg = KnowledgeGraph(endpoint="http://127.0.0.1:7878/query")  # any SPARQL 1.1 endpoint

    for row in kg.query("cq04-peer-mentor-sites"):
        print(row["siteLabel"], row["accreditedLevel2Mentoring"])
    kg.query("cq05-progression-routes", from_="listener", to="peer-mentor").to_dataframe()
    kg.sparql("SELECT ?r WHERE { ?r a pg:ContinuumRole }")  # ad hoc; pg:, role:... are known

Local and remote answers have the same shape: a ``querying.Result`` of rdflib terms.
"""

from __future__ import annotations

import ast
import json
import os
import re
import socket
import urllib.error
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from peergraph.errors import EndpointError, InputError
from peergraph.querying import (
    PREFIXES,
    QuerySpec,
    Result,
    bind_params,
    find_query,
    inject_values,
    library,
    parse_query_text,
    query_form,
)
from peergraph.store import QueryOutcome, Store, normalise_term, open_store

if TYPE_CHECKING:
    from rdflib.term import Identifier, Node

__all__ = ["DEFAULT_TIMEOUT", "KnowledgeGraph", "RemoteEndpoint"]

DEFAULT_TIMEOUT = 30.0  # seconds; a remote query that takes longer is reported as too slow

_PROLOGUE_PREFIX = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w-]*)?:", re.IGNORECASE | re.MULTILINE)


def with_prefixes(text: str) -> str:
    """``text`` preceded by PREFIX declarations for the project's prefixes it does not declare,
    so ad-hoc queries can write ``pg:``, ``role:``... on every engine and endpoint alike."""
    declared = {m.group(1) or "" for m in _PROLOGUE_PREFIX.finditer(text)}
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    return "\n".join(missing) + "\n" + text if missing else text


class KnowledgeGraph:
    """The knowledge graph to query: embedded, or a remote SPARQL 1.1 endpoint.

    ``data``: site graphs (files or folders) to add to the bundled graph. ``bundled_sites``:
    include the four pilot sites of ``data/sites/`` (default) or only the reference data (the
    ontology, continuum, study...). ``endpoint``: run every query there instead; ``data`` and
    ``bundled_sites`` are then ignored (the endpoint holds what it holds). ``timeout``: seconds
    to wait for a remote answer. ``engine``: the embedded store's engine (see ``peergraph.store``).
    ``strict=False`` reads ``data`` with the engine's own parser: about ten times faster on large
    files (benchmarks/RESULTS.md), without peergraph's checks (warnings, ill-typed literals) and
    its file:line error messages.
    """

    def __init__(
        self,
        data: Iterable[str | os.PathLike[str]] = (),
        *,
        endpoint: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        bundled_sites: bool = True,
        engine: str | None = None,
        strict: bool = True,
    ) -> None:
        self.endpoint = endpoint
        self.store: Store | None = None
        self._remote: RemoteEndpoint | None = None
        if endpoint is not None:
            self._remote = RemoteEndpoint(endpoint, timeout=timeout)
            return
        from peergraph import loading

        store = open_store(engine)
        store.add_graph(
            loading.load_bundled_graph() if bundled_sites else loading.load_reference_graph()
        )
        data = list(data)
        if data and strict:
            store.add_graph(loading.load_files(data))
        elif data:
            for file in loading.collect_files(data):
                store.load_file(file)
        self.store = store

    # -- queries -----------------------------------------------------------------------------

    def query(self, name_or_text: str | QuerySpec, /, **params: Any) -> Result:
        """Run a library query (by name), a ``.rq`` file (by path) or SPARQL text.

        Parameters are given as keywords, as strings (typed by the query's header: a role slug,
        a prefixed name, a number...) or as rdflib terms; a trailing underscore is dropped so
        that Python keywords can be used (``from_="listener"``). Updates are refused: use
        ``update()``.
        """
        spec = name_or_text if isinstance(name_or_text, QuerySpec) else _resolve(name_or_text)
        return self.run(spec, _keywords(params))

    def sparql(self, text: str, /, **bindings: Any) -> Result:
        """Run ad-hoc SPARQL text. ``bindings`` are rdflib terms, or strings read as IRIs when
        they look like one (``role:listener``, ``<http://...>``) and as plain literals otherwise.
        The project's prefixes may be used without declaring them."""
        spec = parse_query_text(with_prefixes(text), name="sparql")
        return self.run(spec, _keywords(bindings))

    def run(self, spec: QuerySpec, values: Mapping[str, Any]) -> Result:
        """Bind ``values`` to ``spec``'s parameters and run it; refuses updates."""
        if query_form(spec.text) == "update":
            raise InputError(
                f"{spec.name} is a SPARQL update, and updates are refused by default",
                hint="pass --allow-update (or call KnowledgeGraph.update()) to run it",
            )
        bindings = bind_params(spec, values, exists=self._exists)
        return Result.of(self._select(spec.text, bindings), spec)

    def update(self, text: str) -> None:
        """Run a SPARQL update on the embedded store (in memory: nothing is saved) or the
        endpoint (give its update URL, e.g. Oxigraph's ``/update``)."""
        if self._remote is not None:
            self._remote.update(text)
        else:
            assert self.store is not None
            self.store.update(text)

    def queries(self) -> list[QuerySpec]:
        """The query library."""
        return library()

    def __len__(self) -> int:
        """Triples in the embedded store (a COUNT query on an endpoint)."""
        if self.store is not None:
            return len(self.store)
        result = self._select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {})
        return int(result.rows[0][0])  # type: ignore[arg-type]

    # -- internals ---------------------------------------------------------------------------

    def _select(self, text: str, bindings: Mapping[str, Identifier]) -> QueryOutcome:
        if self._remote is not None:
            return self._remote.query(text, bindings)
        assert self.store is not None
        return self.store.query(text, bindings)

    def _exists(self, term: Identifier) -> bool:
        outcome = self._select("ASK { ?__x ?__p ?__o }", {"__x": term})
        return bool(outcome.boolean)


def _keywords(params: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments as parameter names: ``from_`` is ``from`` (a Python keyword)."""
    return {name.removesuffix("_"): value for name, value in params.items()}


def _resolve(name_or_text: str) -> QuerySpec:
    if "{" in name_or_text or query_form(name_or_text) is not None:
        return parse_query_text(with_prefixes(name_or_text), name="sparql")
    return find_query(name_or_text)


# ---------------------------------------------------------------------------------------------
# Remote endpoints


class RemoteEndpoint:
    """A SPARQL 1.1 endpoint reached through SPARQLWrapper (HTTP POST, JSON results).

    Every failure becomes one ``EndpointError`` line: the server is down or unreachable, does not
    answer within ``timeout`` seconds, or answers an HTTP error or something that is not SPARQL
    results.
    """

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        if not re.match(r"^https?://[^\s/]+", url):
            raise InputError(
                f"{url!r} is not an http(s) URL",
                hint="give the endpoint's URL, e.g. http://127.0.0.1:7878/query",
            )
        if timeout <= 0:
            raise InputError(
                f"the timeout must be positive, not {timeout}", hint="give seconds > 0"
            )
        self.url = url
        self.timeout = timeout

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryOutcome:
        from SPARQLWrapper import JSON, TURTLE

        form = query_form(text) or "select"
        sent = inject_values(text, bindings or {})
        graph_form = form in ("construct", "describe")
        body = self._send(sent, form.upper(), TURTLE if graph_form else JSON)
        if graph_form:
            return self._graph(body)
        return self._json(body)

    def update(self, text: str) -> None:
        self._send(text, None, None)

    def _send(self, text: str, form: str | None, return_format: str | None) -> bytes:
        from SPARQLWrapper import POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        wrapper = SPARQLWrapper(self.url)
        wrapper.setMethod(POST)
        wrapper.setQuery(text)
        if form is not None:
            # Our own reading of the text decides query vs update, not SPARQLWrapper's regex:
            # a read-only run must never be posted as an `update=` request.
            wrapper.queryType = form
            wrapper.setReturnFormat(return_format)
        # setTimeout() truncates to whole seconds (0.5 would mean "no timeout"): set it directly.
        wrapper.timeout = self.timeout  # type: ignore[assignment]
        try:
            response = wrapper.query().response
            return response.read()
        except SPARQLWrapperException as exc:
            raise self._http_error(exc) from None
        except urllib.error.HTTPError as exc:
            detail = _body_excerpt(exc.read() if exc.fp else b"")
            raise EndpointError(
                f"the SPARQL endpoint {self.url} answered HTTP {exc.code} {exc.reason}{detail}"
            ) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                raise self._timeout_error() from None
            reason = getattr(exc.reason, "strerror", None) or str(exc.reason)
            raise EndpointError(f"cannot reach the SPARQL endpoint {self.url}: {reason}") from None
        except TimeoutError:
            raise self._timeout_error() from None
        except (ConnectionError, OSError) as exc:
            raise EndpointError(
                f"the connection to the SPARQL endpoint {self.url} failed: {exc}"
            ) from None

    def _timeout_error(self) -> EndpointError:
        return EndpointError(
            f"the SPARQL endpoint {self.url} did not answer within {self.timeout:g} seconds",
            hint="retry with a larger --timeout, or check that the server is not overloaded",
        )

    def _http_error(self, exc: Exception) -> EndpointError:
        from SPARQLWrapper.SPARQLExceptions import (
            EndPointInternalError,
            EndPointNotFound,
            QueryBadFormed,
            Unauthorized,
            URITooLong,
        )

        status = {
            QueryBadFormed: "400 Bad Request (the endpoint rejected the query)",
            Unauthorized: "401 Unauthorized",
            EndPointNotFound: "404 Not Found (is this the endpoint's query URL?)",
            URITooLong: "414 URI Too Long",
            EndPointInternalError: "500 Internal Server Error",
        }.get(type(exc), type(exc).__name__)
        raw = str(exc).split("Response:\n", 1)
        detail = ""
        if len(raw) == 2:
            try:
                detail = _body_excerpt(ast.literal_eval(raw[1].strip()))
            except (ValueError, SyntaxError):
                detail = _body_excerpt(raw[1].encode())
        return EndpointError(f"the SPARQL endpoint {self.url} answered HTTP {status}{detail}")

    def _json(self, body: bytes) -> QueryOutcome:
        try:
            doc = json.loads(body)
            if "boolean" in doc:
                return QueryOutcome("ask", boolean=bool(doc["boolean"]))
            names = tuple(doc["head"]["vars"])
            rows = [
                tuple(_json_term(b[v]) if v in b else None for v in names)
                for b in doc["results"]["bindings"]
            ]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EndpointError(
                f"the SPARQL endpoint {self.url} did not answer with SPARQL JSON results "
                f"({type(exc).__name__}: {exc}){_body_excerpt(body)}",
                hint="check that the URL is the endpoint's query URL",
            ) from None
        return QueryOutcome("select", vars=names, rows=rows)

    def _graph(self, body: bytes) -> QueryOutcome:
        from rdflib import Graph

        graph = Graph()
        try:
            graph.parse(data=body, format="turtle")
        except Exception as exc:  # rdflib's parsers raise many types
            raise EndpointError(
                f"the SPARQL endpoint {self.url} did not answer with Turtle: {exc}"
            ) from None
        return QueryOutcome("graph", graph=graph)


def _json_term(value: Mapping[str, str]) -> Node:
    """A term of the W3C SPARQL JSON results format as an rdflib term."""
    from rdflib import BNode, Literal, URIRef

    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):  # "typed-literal": SPARQL 1.0-era servers
        if "xml:lang" in value:
            return Literal(value["value"], lang=value["xml:lang"])
        if "datatype" in value:
            term = normalise_term(Literal(value["value"], datatype=URIRef(value["datatype"])))
            assert term is not None
            return term
        return Literal(value["value"])
    raise ValueError(f"unsupported term type {kind!r}")


def _body_excerpt(body: bytes | str) -> str:
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else str(body)
    text = " ".join(text.split())
    if not text:
        return ""
    return f": {text[:160]}{'…' if len(text) > 160 else ''}"
