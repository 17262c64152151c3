"""``peergraph push``: the release into a triple store, one named graph per part, atomically.

Each part goes first into a staging graph of its own (``GRAPH_IRI/staging/<part>``), by one
SPARQL 1.1 Graph Store Protocol PUT (or, where the store has no Graph Store endpoint, by one
SPARQL Update ``INSERT DATA``); a request cut half-way leaves the staging graph as it was, and
the published graphs untouched. Only when every part is staged does one SPARQL Update request
``MOVE`` them all onto their published graphs (``GRAPH_IRI/<part>``, version-free): a store that
applies an update request as one transaction, as Oxigraph does, switches the whole release at
once. ``MOVE`` replaces its target, so a second push leaves no duplicates; the staging graphs'
names are fixed, so a failed push leaves nothing that the next one does not replace.

Without an update endpoint (``--update``, by default the Graph Store URL with ``/store``
replaced by ``/update``), each part is PUT onto its published graph directly: each graph is
replaced whole, but not all of them in one step.
"""

from __future__ import annotations

import contextlib
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from peergraph.errors import EndpointError
from peergraph.vocab import GRAPH_IRI

if TYPE_CHECKING:
    from peergraph.publish.release import Part
    from peergraph.query.remote import Credentials

__all__ = ["PushResult", "default_update_url", "push"]

# Graph Store answers meaning "no Graph Store here": then the parts go by SPARQL Update.
_NO_GRAPH_STORE = (404, 405, 501)
_HINT = "check the URL is the store's Graph Store endpoint and that it accepts writes"


@dataclass(frozen=True)
class PushResult:
    graphs: dict[str, int]  # published graph IRI -> triples
    protocol: str  # "graph store" or "update"
    atomic: bool  # all parts switched by one update request


def staging_iri(part: Part) -> str:
    return f"{GRAPH_IRI}/staging/{part.name}"


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
            store.update(
                f"DROP SILENT GRAPH <{staging_iri(part)}> ;\n"
                f"INSERT DATA {{ GRAPH <{staging_iri(part)}> {{\n{body.decode('utf-8')}}} }}"
            )
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
