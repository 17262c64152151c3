"""Remote SPARQL 1.1 endpoints, reached through SPARQLWrapper (HTTP POST, JSON results)."""

from __future__ import annotations

import ast
import re
import socket
import urllib.error
from collections.abc import Mapping
from typing import TYPE_CHECKING

from peergraph.errors import EndpointError, InputError
from peergraph.query.engines import QueryOutcome, normalise_term
from peergraph.query.sparql import inject_values, query_form

if TYPE_CHECKING:
    from rdflib.term import Identifier

__all__ = ["DEFAULT_TIMEOUT", "RemoteEndpoint"]

DEFAULT_TIMEOUT = 30.0  # seconds; a remote query that takes longer is reported as too slow


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
            if return_format is not None:
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

        statuses: dict[type[Exception], str] = {
            QueryBadFormed: "400 Bad Request (the endpoint rejected the query)",
            Unauthorized: "401 Unauthorized",
            EndPointNotFound: "404 Not Found (is this the endpoint's query URL?)",
            URITooLong: "414 URI Too Long",
            EndPointInternalError: "500 Internal Server Error",
        }
        status = statuses.get(type(exc), type(exc).__name__)
        raw = str(exc).split("Response:\n", 1)
        detail = ""
        if len(raw) == 2:
            try:
                detail = _body_excerpt(ast.literal_eval(raw[1].strip()))
            except (ValueError, SyntaxError):
                detail = _body_excerpt(raw[1].encode())
        return EndpointError(f"the SPARQL endpoint {self.url} answered HTTP {status}{detail}")

    def _json(self, body: bytes) -> QueryOutcome:
        """SPARQL JSON results, parsed by rdflib's own parser."""
        import io

        from rdflib.query import Result

        try:
            parsed = Result.parse(io.BytesIO(body), format="json")
            if parsed.type == "ASK":
                return QueryOutcome("ask", boolean=bool(parsed.askAnswer))
            names = tuple(str(v) for v in parsed.vars or ())
            rows = [
                tuple(normalise_term(binding.get(v)) for v in parsed.vars or ())
                for binding in parsed.bindings
            ]
        except Exception as exc:  # rdflib's parser raises what json and its term code raise
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


def _body_excerpt(body: bytes | str) -> str:
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else str(body)
    text = " ".join(text.split())
    if not text:
        return ""
    return f": {text[:160]}{'…' if len(text) > 160 else ''}"
