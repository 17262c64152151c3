"""``peergraph push``: the release into a triple store, one named graph per part, atomically.

Each part goes first into a staging graph of its own (``GRAPH_IRI/staging/<part>``), by one
SPARQL 1.1 Graph Store Protocol PUT (or, where the store has no Graph Store endpoint, by SPARQL
Update ``INSERT``s: see ``insert_requests``); a request cut half-way leaves the published graphs
untouched. Only when every part is staged does one SPARQL Update request ``MOVE`` them all onto
their published graphs (``GRAPH_IRI/<part>``, version-free): a store that applies an update
request as one transaction, as Oxigraph does, switches the whole release at once. Virtuoso does
not: it applies the operations of a request one after the other, so a failure during the switch
can leave some graphs switched and others not (each one whole: the next push completes it).
``MOVE`` replaces its target, so a second push leaves no duplicates; the staging graphs' names
are fixed, so a failed push leaves nothing that the next one does not replace. Every ``DROP`` is
``DROP SILENT``: Virtuoso refuses to drop a graph it does not hold.

Without an update endpoint (``--update``, by default the Graph Store URL with ``/store``
replaced by ``/update``), each part is PUT onto its published graph directly: each graph is
replaced whole, but not all of them in one step.
"""

from __future__ import annotations

import contextlib
import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from peergraph.errors import EndpointError
from peergraph.vocab import GRAPH_IRI

if TYPE_CHECKING:
    from peergraph.publish.release import Part
    from peergraph.query.remote import Credentials

__all__ = ["PushResult", "default_update_url", "insert_requests", "push"]

# Graph Store answers meaning "no Graph Store here": then the parts go by SPARQL Update.
_NO_GRAPH_STORE = (404, 405, 501)
_HINT = "check the URL is the store's Graph Store endpoint and that it accepts writes"

# Virtuoso compiles each update operation into SQL and refuses one of more than about 1,000
# triples ("SP031: The length of generated SQL text has exceeded 10000 lines of code"); its
# compile time also grows faster than the operation, so small operations are quicker in all.
TRIPLES_PER_INSERT = 250

# The blank nodes of an N-Triples line: its subject, and its object (a literal's text cannot end
# a line as `_:label .`, since a literal ends with its quote, language tag or datatype).
_SUBJECT_BLANK = re.compile(r"^(_:\S+)")
_OBJECT_BLANK = re.compile(r"\s(_:\S+)\s*\.\s*$")


@dataclass(frozen=True)
class PushResult:
    graphs: dict[str, int]  # published graph IRI -> triples
    protocol: str  # "graph store" or "update"
    atomic: bool  # all parts switched by one update request


def staging_iri(part: Part) -> str:
    return f"{GRAPH_IRI}/staging/{part.name}"


def insert_requests(graph_iri: str, ntriples: bytes) -> list[str]:
    """The SPARQL Update requests, to send in order, that make ``graph_iri`` hold exactly the
    triples of ``ntriples`` (one triple per line, as ``release.serialise`` writes them).

    The first drops the graph (``SILENT``: it may not be there). The triples go
    ``TRIPLES_PER_INSERT`` or so at a time, never splitting the triples that share a blank node:
    a blank node label names the same node only within one operation. An operation with blank
    nodes is ``INSERT { GRAPH <g> { ... } } WHERE {}``, since Virtuoso refuses blank nodes in
    ``INSERT DATA`` ("SP031: Blank node is not allowed in a constant clause"); one without is
    ``INSERT DATA``.
    """
    lines = [line for line in ntriples.decode("utf-8").splitlines() if line.strip()]
    # Union-find over blank node labels: each line joins the component of its blank nodes.
    parent: dict[str, str] = {}

    def root(label: str) -> str:
        while parent.setdefault(label, label) != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    blanks: list[list[str]] = []
    for line in lines:
        found = [m.group(1) for m in (_SUBJECT_BLANK.match(line), _OBJECT_BLANK.search(line)) if m]
        blanks.append(found)
        if len(found) == 2:
            parent[root(found[0])] = root(found[1])
    components: dict[str, list[str]] = {}  # in the order of their first line
    for index, (line, found) in enumerate(zip(lines, blanks, strict=True)):
        key = root(found[0]) if found else f"line {index}"
        components.setdefault(key, []).append(line)

    requests = [f"DROP SILENT GRAPH <{graph_iri}>"]
    chunk: list[str] = []
    with_blank = False
    for key, component in components.items():
        if chunk and len(chunk) + len(component) > TRIPLES_PER_INSERT:
            requests.append(_insert(graph_iri, chunk, with_blank))
            chunk, with_blank = [], False
        chunk += component
        with_blank = with_blank or not key.startswith("line ")
    if chunk:
        requests.append(_insert(graph_iri, chunk, with_blank))
    # The drop goes with the first insert: one request fewer.
    if len(requests) > 1:
        requests[:2] = [f"{requests[0]} ;\n{requests[1]}"]
    return requests


def _insert(graph_iri: str, lines: list[str], with_blank: bool) -> str:
    triples = "\n".join(lines)
    if with_blank:
        return f"INSERT {{ GRAPH <{graph_iri}> {{\n{triples}\n}} }} WHERE {{}}"
    return f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{triples}\n}} }}"


def default_update_url(store_url: str) -> str | None:
    """Oxigraph's (and Fuseki's) layout: ``.../store`` beside ``.../update``."""
    parts = urllib.parse.urlsplit(store_url)
    if parts.path.endswith("/store"):
        return urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len("store")] + "update"))
    return None


class _Store:
    def __init__(
        self,
        store_url: str,
        update_url: str | None,
        timeout: float,
        credentials: Credentials | None,
    ) -> None:
        from peergraph.query.remote import redact_url

        self.store_url = store_url
        self.update_url = update_url
        self.timeout = timeout
        self.credentials = credentials
        self.what = f"the store at {redact_url(store_url)}"
        self.update_what = f"the update endpoint {redact_url(update_url or '')}"

    def put(self, graph_iri: str, ntriples: bytes) -> int:
        """PUT ``ntriples`` as the named graph; returns the HTTP status."""
        from peergraph.query.remote import check_url, http_request

        parsed = check_url(self.store_url, hint="give the store's Graph Store URL, e.g. .../store")
        query = urllib.parse.urlencode({"graph": graph_iri})
        url = urllib.parse.urlunsplit(parsed._replace(query=query))
        answer = http_request(
            url,
            what=self.what,
            method="PUT",
            data=ntriples,
            headers={"Content-Type": "application/n-triples"},
            timeout=self.timeout,
            credentials=self.credentials,
        )
        if answer.status in _NO_GRAPH_STORE and self.update_url:
            return answer.status
        answer.check(
            self.what,
            notes={401: " (check PEERGRAPH_USER/PEERGRAPH_PASSWORD or ~/.netrc)"},
            hint=_HINT,
        )
        return answer.status

    def update(self, text: str) -> None:
        from peergraph.query.remote import http_request

        assert self.update_url is not None
        answer = http_request(
            self.update_url,
            what=self.update_what,
            method="POST",
            data=urllib.parse.urlencode({"update": text}).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
            timeout=self.timeout,
            credentials=self.credentials,
        )
        answer.check(
            self.update_what,
            notes={401: " (check PEERGRAPH_USER/PEERGRAPH_PASSWORD or ~/.netrc)"},
            hint="give the store's SPARQL Update endpoint with --update",
        )


def push(
    parts: Sequence[Part],
    store_url: str,
    *,
    update_url: str | None = None,
    timeout: float = 30.0,
    credentials: Credentials | None = None,
) -> PushResult:
    """Push ``parts`` (see the module); raises ``EndpointError`` on the first failure, after
    dropping the staging graphs it made where the store still answers."""
    from peergraph.publish.release import canonical, serialise

    store = _Store(store_url, update_url, timeout, credentials)
    bodies = [(part, serialise(canonical(part.graph, "p"), "ntriples")) for part in parts]
    graphs = {part.store_graph_iri(): len(part.graph) for part in parts}
    if store.update_url is None:
        for part, body in bodies:
            store.put(part.store_graph_iri(), body)
        return PushResult(graphs, "graph store", atomic=False)

    staged: list[Part] = []
    protocol = "graph store"
    try:
        for part, body in bodies:
            if not body:
                continue
            staged.append(part)
            if protocol == "graph store" and store.put(staging_iri(part), body) < 300:
                continue
            protocol = "update"
            for request in insert_requests(staging_iri(part), body):
                store.update(request)
        # One request: every published graph replaced at once, or (failing) none.
        store.update(
            " ;\n".join(
                f"MOVE GRAPH <{staging_iri(part)}> TO GRAPH <{part.store_graph_iri()}>"
                if body
                else f"DROP SILENT GRAPH <{part.store_graph_iri()}>"
                for part, body in bodies
            )
        )
    except EndpointError:
        with contextlib.suppress(EndpointError):  # the store may be gone: the error says so
            if staged:
                store.update(
                    " ;\n".join(f"DROP SILENT GRAPH <{staging_iri(part)}>" for part in staged)
                )
        raise
    return PushResult(graphs, protocol, atomic=True)
