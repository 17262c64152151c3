"""Remote SPARQL 1.1 endpoints, and the one way peergraph sends a request to a server.

Every request peergraph makes (a query or an update to an endpoint, an upload to a Graph Store)
goes through ``http_request``, which

- checks the URL first (``check_url``): http or https, a host, no control characters;
- bounds the whole request by one deadline: name lookup, connection, TLS, sending, and every
  byte of the answer (a socket timeout alone bounds each read, so a server sending a byte now
  and then would hold the request open for ever);
- never shows the credentials a URL may carry (``redact_url``): ``user:secret@`` is sent as
  HTTP Basic authentication and written ``***@`` in every message; credentials given apart
  (``Credentials``, from ``PEERGRAPH_USER``/``PEERGRAPH_PASSWORD`` or ``~/.netrc``: see
  ``credentials_for``) answer the server's challenge, HTTP Basic or Digest;
- follows no redirect (a redirected POST would lose its query, and could carry the credentials
  to another host): it says where the server points instead.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import http.client
import math
import re
import socket
import ssl
import threading
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import Message
from typing import TYPE_CHECKING, Any

from peergraph.errors import EndpointError, InputError
from peergraph.query.engines import QueryOutcome, normalise_term
from peergraph.query.sparql import inject_values, query_form

if TYPE_CHECKING:
    from rdflib.term import Identifier

__all__ = [
    "DEFAULT_TIMEOUT",
    "Credentials",
    "credentials_for",
    "HttpAnswer",
    "RemoteEndpoint",
    "check_timeout",
    "check_url",
    "http_request",
    "redact_url",
    "strip_userinfo",
]

DEFAULT_TIMEOUT = 30.0  # seconds; a remote query that takes longer is reported as too slow

# What a 4xx/5xx answer from a SPARQL endpoint most likely means.
_STATUS_NOTES = {
    400: " (the endpoint rejected the query)",
    404: " (is this the endpoint's query URL?)",
}


# ---------------------------------------------------------------------------------------------
# URLs and time limits


_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@")


def redact_url(url: str) -> str:
    """``url`` with its user information (``user:secret@``) written ``***@``: the form every
    message and report shows."""
    return _USERINFO.sub(r"\1***@", url)


def strip_userinfo(url: str) -> str:
    """``url`` without its user information: the form a published description names."""
    return _USERINFO.sub(r"\1", url)


def _shown(url: str) -> str:
    """The URL as a message may show it: redacted, control characters escaped, on one line."""
    text = redact_url(url).encode("unicode_escape").decode("ascii")
    return text if len(text) <= 200 else text[:199] + "…"


def check_url(url: str, *, hint: str) -> urllib.parse.SplitResult:
    """The parts of an http(s) URL, or an ``InputError`` saying what is wrong with it.

    Control characters are refused before anything else: CR/LF in a URL could smuggle a header
    into the request, and ``urllib.parse`` silently drops some of them.
    """
    for offset, char in enumerate(url):
        if char == " " or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            what = "a space" if char == " " else f"the control character {char!r}"
            raise InputError(
                f"the URL '{_shown(url)}' holds {what} at position {offset + 1}",
                hint="give the URL on one line, with spaces written %20",
            )
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"'{_shown(url)}' is not an http(s) URL", hint=hint)
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number from 0 to 65535
    except ValueError:
        raise InputError(
            f"the URL '{_shown(url)}' has a port that is not valid", hint=hint
        ) from None
    return parts


def check_timeout(value: float | str, *, option: str = "--timeout") -> float:
    """``value`` as a number of seconds: finite and more than 0 (``nan``, ``inf``, 0 and negative
    numbers are refused: each would mean waiting for ever or not at all)."""
    hint = f"give e.g. {option} 30" if option.startswith("-") else "give e.g. 30 (seconds)"
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{option} {value!r} is not a number of seconds", hint=hint) from None
    if not 0 < seconds < math.inf:  # also refuses nan
        raise InputError(
            f"{option} must be a finite number, more than 0 seconds, not {value}", hint=hint
        )
    return seconds


# ---------------------------------------------------------------------------------------------
# Credentials: never on the command line


@dataclass(frozen=True)
class Credentials:
    """A user name and password for HTTP Basic or Digest authentication, and where they were
    found (for messages: never the password)."""

    user: str
    password: str = dataclasses.field(repr=False)
    origin: str

    def __repr__(self) -> str:  # the password never reaches a log or a traceback
        return f"Credentials(user={self.user!r}, origin={self.origin!r})"


USER_VARIABLE = "PEERGRAPH_USER"
PASSWORD_VARIABLE = "PEERGRAPH_PASSWORD"


def credentials_for(url: str) -> Credentials | None:
    """The credentials for ``url``'s host: the environment variables ``PEERGRAPH_USER`` and
    ``PEERGRAPH_PASSWORD`` when set, else the host's entry of ``~/.netrc`` (or of the file
    ``NETRC`` names), else none. A URL with ``user:password@`` carries its own and gets none."""
    import netrc
    import os

    parts = urllib.parse.urlsplit(url)
    if parts.username is not None:
        return None
    user = os.environ.get(USER_VARIABLE)
    if user:
        return Credentials(user, os.environ.get(PASSWORD_VARIABLE, ""), USER_VARIABLE)
    if os.environ.get(PASSWORD_VARIABLE):
        raise InputError(
            f"{PASSWORD_VARIABLE} is set but {USER_VARIABLE} is not",
            hint=f"set {USER_VARIABLE} to the user name too, or unset {PASSWORD_VARIABLE}",
        )
    path = os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if not os.path.isfile(path):
        return None
    try:
        entry = netrc.netrc(path).authenticators(parts.hostname or "")
    except netrc.NetrcParseError as exc:
        raise InputError(
            f"cannot read the credentials file: {exc.msg}",
            path=exc.filename or path,
            line=exc.lineno,
            hint="fix the line (machine HOST login USER password PASSWORD), or remove the file",
        ) from None
    except OSError as exc:
        raise InputError(
            f"cannot read the credentials file ({exc.strerror or exc})",
            path=path,
            hint="check its permissions",
        ) from None
    if entry is None:
        return None
    login, _account, password = entry
    return Credentials(login or "", password or "", path)


# ---------------------------------------------------------------------------------------------
# One HTTP request, bounded by one deadline


@dataclass(frozen=True)
class HttpAnswer:
    """A server's answer: status, reason, headers and the whole body."""

    status: int
    reason: str
    headers: Message
    body: bytes

    def check(self, what: str, *, notes: Mapping[int, str] = {}, hint: str | None = None) -> None:
        """Raise an ``EndpointError`` unless the status is 2xx."""
        if 200 <= self.status < 300:
            return
        reason = _printable(self.reason)
        if 300 <= self.status < 400:
            target = self.headers.get("Location")
            where = f" (it redirects to {_shown(target)})" if target else ""
            raise EndpointError(
                f"{what} answered HTTP {self.status} {reason}{where}",
                hint=hint or "give the URL the server redirects to",
            )
        note = notes.get(self.status, "")
        raise EndpointError(
            f"{what} answered HTTP {self.status} {reason}{note}{_body_excerpt(self.body)}",
            hint=hint,
        )


def http_request(
    url: str,
    *,
    what: str,
    method: str = "GET",
    data: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    credentials: Credentials | None = None,
) -> HttpAnswer:
    """Send one request and read the whole answer within ``timeout`` seconds.

    ``credentials`` answer an HTTP Basic or Digest challenge (a 401), never sent before one:
    a password is not sent in clear to a server that would take a digest of it.

    ``what`` names the server in messages ("the SPARQL endpoint http://***@host/query"); it must
    not hold credentials (build it with ``redact_url``). Network failures and the deadline
    become one ``EndpointError`` line; an HTTP error status is returned, for the caller to word
    (``HttpAnswer.check``).
    """
    parts = check_url(url, hint="give an http(s) URL, e.g. http://127.0.0.1:7878/query")
    seconds = check_timeout(timeout, option="the timeout")
    sent_headers = {"User-Agent": "peergraph", **(headers or {})}
    if parts.username is not None:
        # Credentials go in a header, never in the request line or a message.
        user = urllib.parse.unquote(parts.username)
        pair = f"{user}:{urllib.parse.unquote(parts.password or '')}"
        sent_headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    request = urllib.request.Request(_without_userinfo(parts), data=data, method=method)
    for name, value in sent_headers.items():
        request.add_header(name, value)

    deadline = _Deadline(seconds)
    handlers: list[urllib.request.BaseHandler] = [
        _DeadlineHTTPHandler(deadline),
        _DeadlineHTTPSHandler(deadline),
        _NoRedirect(),
    ]
    if credentials is not None and parts.username is None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(
            None, _without_userinfo(parts), credentials.user, credentials.password
        )
        # urllib tries Digest first when both are there, whatever the order given.
        handlers += [
            urllib.request.HTTPDigestAuthHandler(passwords),
            urllib.request.HTTPBasicAuthHandler(passwords),
        ]
    opener = urllib.request.build_opener(*handlers)
    try:
        try:
            with opener.open(request, timeout=deadline.remaining()) as response:
                body = response.read()
                answer = HttpAnswer(response.status, response.reason, response.headers, body)
        except urllib.error.HTTPError as exc:
            body = exc.read() if exc.fp is not None else b""
            answer = HttpAnswer(exc.code, str(exc.reason), exc.headers, body)
        if deadline.expired:  # a close-delimited body cut by the deadline looks complete
            raise TimeoutError
        return answer
    except TimeoutError:
        raise _timeout_error(what, seconds) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if deadline.expired or isinstance(reason, TimeoutError):
            raise _timeout_error(what, seconds) from None
        if isinstance(reason, socket.gaierror):
            detail = f"the name {parts.hostname} was not found ({reason.strerror})"
        elif isinstance(reason, ssl.SSLError):
            detail = f"TLS failed ({reason.reason or reason})"
        elif isinstance(reason, OSError):
            detail = reason.strerror or str(reason)
        else:
            detail = str(reason)
        raise EndpointError(f"could not reach {what}: {_printable(detail)}") from None
    except http.client.InvalidURL as exc:
        raise InputError(f"the URL of {what} is not valid: {exc}") from None
    except ValueError as exc:  # urllib's digest handler: a challenge it cannot answer
        raise EndpointError(
            f"{what} asked for authentication peergraph cannot give: {_printable(str(exc))}",
            hint="use HTTP Basic or Digest (MD5 or SHA) authentication",
        ) from None
    except (http.client.HTTPException, OSError) as exc:
        if deadline.expired:
            raise _timeout_error(what, seconds) from None
        detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise EndpointError(
            f"the connection to {what} failed: {_printable(detail)}",
            hint="retry; if it fails again, check the server and the network",
        ) from None
    finally:
        deadline.close()


def _timeout_error(what: str, seconds: float) -> EndpointError:
    return EndpointError(
        f"{what} did not answer within {seconds:g} seconds",
        hint="retry with a larger --timeout, or check that the server is not overloaded",
    )


def _without_userinfo(parts: urllib.parse.SplitResult) -> str:
    """The URL to request: no user information, host in IDNA, path and query in ASCII."""
    host = parts.hostname or ""
    with contextlib.suppress(UnicodeError):  # an IPv6 literal or an odd name: the lookup says
        host = host.encode("idna").decode("ascii")
    if ":" in host:
        host = f"[{host}]"
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    safe = "/%:@!$&'()*+,;=?~-._"
    path = urllib.parse.quote(parts.path, safe=safe) or "/"
    query = urllib.parse.quote(parts.query, safe=safe)
    return urllib.parse.urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


class _Deadline:
    """One time limit over a whole request. At the deadline a timer shuts the request's
    sockets down, which ends whatever read or write is blocked on them; each socket is watched
    through a duplicate, so it can be shut down whatever ``http.client`` and ``ssl`` do to it."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._watched: list[socket.socket] = []
        self.expired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True  # never keeps the interpreter alive (Ctrl-C, exit)
        self._timer.start()

    def remaining(self) -> float:
        left = self._end - time.monotonic()
        if self.expired or left <= 0:
            raise TimeoutError
        return left

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._watched:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._watched:
                sock.close()
            self._watched.clear()

    def connect(
        self, address: tuple[str, int], timeout: object = None, source_address: object = None
    ) -> socket.socket:
        """``socket.create_connection``, with the name lookup and every attempt inside the
        deadline (``getaddrinfo`` has no timeout of its own: it runs in a thread)."""
        host, port = address
        last: OSError = OSError(f"no address found for {host}")
        for family, kind, proto, _name, sockaddr in self._resolve(host, port):
            sock = socket.socket(family, kind, proto)
            try:
                with self._lock:
                    if self.expired:
                        raise TimeoutError
                    self._watched.append(sock.dup())
                sock.settimeout(self.remaining())
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                if isinstance(exc, TimeoutError) or self.expired:
                    raise TimeoutError from None
                last = exc
        raise last

    def _resolve(self, host: str, port: int) -> list[Any]:
        found: list[Any] = []
        failed: list[OSError] = []

        def lookup() -> None:
            try:
                found.extend(socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM))
            except OSError as exc:
                failed.append(exc)

        thread = threading.Thread(target=lookup, name="peergraph-lookup", daemon=True)
        thread.start()
        thread.join(self.remaining())
        if thread.is_alive():
            raise TimeoutError
        if failed:
            raise failed[0]
        return found


def _connection_class(base: type[http.client.HTTPConnection], deadline: _Deadline) -> Any:
    """``base`` (the HTTP or HTTPS connection) opening its socket through ``deadline``."""

    class Connection(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = deadline.connect

    return Connection


class _DeadlineHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._connection = _connection_class(http.client.HTTPConnection, deadline)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _DeadlineHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__(context=ssl.create_default_context())
        self._connection = _connection_class(http.client.HTTPSConnection, deadline)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req, context=self._context)  # type: ignore[attr-defined]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the 3xx answer reaches the caller, who says where it points


# ---------------------------------------------------------------------------------------------
# SPARQL endpoints


class RemoteEndpoint:
    """A SPARQL 1.1 endpoint, reached by HTTP POST (SPARQL 1.1 Protocol), results as SPARQL JSON
    (SELECT, ASK) or Turtle (CONSTRUCT, DESCRIBE).

    Every failure becomes one ``EndpointError`` line: the server is down or unreachable, does not
    answer within ``timeout`` seconds (the whole request), or answers an HTTP error or something
    that is not SPARQL results. Credentials in the URL are sent as HTTP Basic authentication and
    never shown.
    """

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        check_url(url, hint="give the endpoint's URL, e.g. http://127.0.0.1:7878/query")
        self.timeout = check_timeout(timeout, option="the timeout")
        self.url = url
        self.shown = redact_url(url)  # what messages and reports show

    @property
    def _what(self) -> str:
        return f"the SPARQL endpoint {_shown(self.url)}"

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryOutcome:
        form = query_form(text) or "select"
        sent = inject_values(text, bindings or {})
        graph_form = form in ("construct", "describe")
        accept = "text/turtle" if graph_form else "application/sparql-results+json"
        body = self._post({"query": sent}, accept)
        if graph_form:
            return self._graph(body)
        return self._json(body)

    def update(self, text: str) -> None:
        self._post({"update": text}, "*/*")

    def _post(self, form: Mapping[str, str], accept: str) -> bytes:
        # Our own reading of the text decides query vs update (the field name): a read-only run
        # is never posted as an ``update=`` request.
        answer = http_request(
            self.url,
            what=self._what,
            method="POST",
            data=urllib.parse.urlencode(form).encode("utf-8"),
            headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Accept": accept,
            },
            timeout=self.timeout,
        )
        answer.check(self._what, notes=_STATUS_NOTES)
        return answer.body

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
                f"{self._what} did not answer with SPARQL JSON results "
                f"({type(exc).__name__}: {_printable(str(exc))}){_body_excerpt(body)}",
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
                f"{self._what} did not answer with Turtle: {_printable(str(exc))}"
            ) from None
        return QueryOutcome("graph", graph=graph)


def _printable(text: str) -> str:
    """A server's words as one line of plain text: no control characters (a hostile server
    could otherwise send terminal escape sequences)."""
    flat = " ".join(text.split())
    return "".join(c if c.isprintable() else "?" for c in flat)


# An HTML error page (Virtuoso's Graph Store answers with one) is shown as its text: what is in
# its head, and the tags, say nothing to a reader.
_HTML_PAGE = re.compile(r"(?is)\s*(?:<!doctype\s+html|<html\b)")
# Hidden: the doctype, the head, scripts, styles, and a heading repeating the status line (the
# message gives it already).
_HTML_HIDDEN = re.compile(
    r"(?is)<!doctype[^>]*>|<(head|script|style)\b.*?</\1\s*>|<h1>\s*HTTP/[^<]*</h1>"
)
_HTML_TAG = re.compile(r"<[^>]*>")
# Virtuoso follows its error message with the whole request text, data included.
_ECHOED_QUERY = re.compile(r"\s*\bSPARQL query:.*", re.DOTALL)


def _body_excerpt(body: bytes | str) -> str:
    import html

    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else str(body)
    if _HTML_PAGE.match(text):
        text = html.unescape(_HTML_TAG.sub(" ", _HTML_HIDDEN.sub(" ", text)))
    text = _printable(_ECHOED_QUERY.sub("", text))
    if not text:
        return ""
    return f": {text[:160]}{'…' if len(text) > 160 else ''}"
