"""Which documented response a recorded one answers: method and URL -> the operation (and its
path parameters), then status code and content type -> the response and its schema.

* **Servers.** Each ``servers[].url`` of the document (its variables take their defaults; the
  path items' and operations' own ``servers`` are not consulted); none: ``/``.  The base URLs
  given (``--base-url``) replace them.  A URL is under a server when, if the server's URL names
  a host, the scheme, host (in any case) and port match (80 for ``http``, 443 for ``https``
  equal to no port), and its path starts with the server's path, segment by segment.  A
  relative server URL (``/v1``) is a path alone, relative to nothing: any host.  A URL without
  a host (a path) is matched on its path alone.  Several servers: any of them, the longest path
  first.  A URL under none of them is a :class:`Miss` ``"outside"``.
* **Paths.** The rest of the URL's path (the server's own URL, with or without its last ``/``,
  is the path ``/``) is split at ``/`` and each segment percent-decoded: a ``%2F`` in a segment
  is a ``/`` inside it, never a separator (``/files/a%2Fb`` is the one segment ``a/b``, which
  ``/files/{name}`` takes).  A template parameter takes one non-empty segment, or a non-empty
  part of one (``/reports/{id}.json``; in ``{name}.{ext}`` every parameter but the last takes
  the shortest part: ``a.b.c`` is ``a`` and ``b.c``).  The query string and the fragment are
  ignored.  Among the paths that match, a literal path wins over a template (``/users/me`` before
  ``/users/{id}``), then the one with fewer template segments, then the one whose first template
  segment comes later (``/books/{id}`` before ``/{entity}/me``), a segment mixing text and a
  parameter before a parameter alone, then document order.  The best path that documents the
  method is taken (as web frameworks route: ``DELETE /users/me`` goes to ``/users/{id}`` when
  ``/users/me`` has only ``get``).
* **Trailing slash.** Significant: ``/users/`` does not match ``/users`` unless the document
  has ``/users/`` (a service may answer both, or redirect one to the other, but the document
  promises only what it lists, and a client calling the other spelling is worth knowing of).
* **Path items** given by ``$ref`` (``#/components/pathItems/...``) are followed, within the
  document only (see :func:`~validator.contracts.operations.operations`).
* **Methods.** Any case.  ``HEAD`` is matched only to a documented ``head`` operation, never to
  ``get`` (the document promises no ``HEAD``, and its ``get`` responses document a body that a
  ``HEAD`` response never has); an undocumented method (``OPTIONS`` too) is a :class:`Miss`
  ``"endpoint"``.
* **Status.** The exact code, then its range (``2XX``, any case), then ``default``; a status no
  key covers, or that is no HTTP status (outside 100-599): a :class:`Miss` ``"status"`` naming
  the documented ones.
* **Content type.** Its parameters ignored, in any case: the document's key for exactly that
  type first (``application/json`` takes ``application/json; charset=utf-8``), then the most
  specific range among the document's keys (``application/*+json``, ``application/*``,
  ``*/*``).  No ``Content-Type`` recorded: the one JSON type documented (else the one type).  A
  response without ``content`` documents no body (:attr:`Response.media_type` None: the caller
  checks that the body is empty); an undocumented type: a :class:`Miss` ``"media-type"``.
"""

from __future__ import annotations

import heapq
import re
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import unquote, urlsplit

from validator.contracts.operation_hints import listed as _listed
from validator.contracts.operation_status import response_key as _status
from validator.contracts.operations import (
    Operation,
    _escape,
    _follow,
    _is_json,
    _media_type,
    operations,
)
from validator.contracts.path_item_files import elsewhere
from validator.contracts.path_templates import Template, by_rank, match, parse
from validator.contracts.route_misses import no_operation, no_path
from validator.problems import NoSuchSchema, SchemaProblem

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = ["Miss", "Response", "Router"]

_KEPT = 4096
"""The answers a router keeps for URLs (by method and path), at most."""


class Response(NamedTuple):
    """A documented response slot: the operation, the status key and the media type key as the
    document writes them (``media_type`` None: the response has no content), the JSON Pointer of
    the schema (None: no content, or a media type without ``schema``) and the name reports and
    coverage give it (``getUser 200 application/json``, ``deleteUser 204``)."""

    operation: Operation
    key: str
    media_type: str | None
    pointer: str | None
    name: str


class Miss(NamedTuple):
    """Why a recorded response has no documented response: ``kind`` is ``"outside"`` (under no
    server), ``"endpoint"`` (no operation for the method and path), ``"status"``,
    ``"media-type"`` or ``"not-json"`` (a body that is not JSON where JSON is documented: found
    by the caller, who parses it); ``message`` is one line naming what was looked for and what
    the document has."""

    kind: str
    message: str


class _Server(NamedTuple):
    url: str
    scheme: str | None
    host: str | None  # None: any host
    port: int | None
    base: tuple[str, ...]  # the path's segments, percent-decoded


_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


_PLAIN = re.compile(
    r"([A-Za-z][A-Za-z0-9+.-]*)://([A-Za-z0-9.-]+)(?::([0-9]{1,5}))?(/[^?#\t\r\n]*)?(?:[?#]|\Z)"
)
"""The usual URL (a scheme, a host of letters, digits, dots and dashes, perhaps a port, then the
path up to the query or fragment, without white space), which :func:`urlsplit` takes apart
the same way."""


def _segments(path: str) -> list[str]:
    """``/a/b%2Fc/`` -> ``["a", "b/c", ""]``."""
    if "%" not in path:
        return path.split("/")[1:]
    return [unquote(segment) for segment in path.split("/")[1:]]


def _parts(url: str) -> tuple[str | None, str | None, int | None, str]:
    """The scheme (lower case; None: none), host (lower case; None: none), port and path (``/``
    when none) of ``url``, as :func:`urlsplit` finds them; ``ValueError``: not a URL."""
    plain = _PLAIN.match(url)
    if plain is not None:
        scheme, host, port, path = plain.groups()
        number = None if port is None else int(port)
        if number is None or number <= 65535:
            return scheme.lower(), host.lower(), number, path or "/"
    parts = urlsplit(url)
    port = parts.port
    host = parts.hostname if parts.netloc else None
    return parts.scheme.lower() or None, host, port, parts.path or "/"


def _server(url: str, variables: Any = None) -> _Server:
    """A server URL (its ``{variables}`` given their defaults) taken apart."""
    filled = url
    for name, variable in variables.items() if isinstance(variables, dict) else ():
        default = variable.get("default") if isinstance(variable, dict) else None
        if isinstance(default, str):
            filled = filled.replace(f"{{{name}}}", default)
    parts = urlsplit(filled)
    path = parts.path if parts.path.startswith("/") else f"/{parts.path}"
    base = tuple(segment for segment in _segments(path.rstrip("/")) if segment != ".")
    host = parts.hostname if parts.netloc else None
    try:
        port = parts.port
    except ValueError:  # a port that is no number: the server is never matched by host
        port, host = -1, host or ""
    scheme = parts.scheme.lower() or None
    return _Server(filled, scheme, host, port or _PORTS.get(scheme or ""), base)


class Router:
    """The documented responses of an OpenAPI document (``contents``, named ``given`` in the
    messages), found for recorded ones; ``base_urls`` replace the document's servers.  Two
    operations of one ``operationId`` are the document's error
    (:class:`~validator.problems.SchemaProblem`, at once); a response whose ``$ref`` leads
    nowhere or outside the document is one documented slot without media type that nothing
    matches (a status that finds it: a :class:`Miss` ``"status"`` saying why)."""

    def __init__(self, contents: dict[str, Any], given: str, base_urls: Sequence[str] = ()) -> None:
        self.contents = contents
        self.given = given
        self._operations = operations(contents, given)
        self._methods: dict[str, dict[str, Operation]] = {}
        for operation in self._operations:
            self._methods.setdefault(operation.path, {})[operation.method] = operation
        paths = contents.get("paths")
        self._paths_listed = [str(path) for path in paths] if isinstance(paths, dict) else []
        templates = [parse(path, n) for n, path in enumerate(self._paths_listed)]
        self._literal = {tuple(t.segments): t.path for t in reversed(templates) if not t.rank[0]}
        self._templates: dict[tuple[int, str | None], list[Template]] = {}
        for template in sorted((t for t in templates if t.rank[0]), key=by_rank):
            first = template.segments[0]  # indexed by it when literal: few are tried
            key = (len(template.segments), first if isinstance(first, str) else None)
            self._templates.setdefault(key, []).append(template)
        self.servers = sorted(_servers(contents, base_urls), key=lambda server: -len(server.base))
        self._documented = [slot for o in self._operations for slot in self._slots(o)]
        self._routed: dict[tuple[str, str], tuple[Operation, dict[str, str]] | Miss] = {}
        self._answers: dict[tuple[str, int, str], Response | Miss] = {}

    def documented(self) -> list[Response]:
        """Every documented response slot, in document order: one per operation, status key and
        media type (one with ``media_type`` None for a response without content)."""
        return list(self._documented)

    def operation(self, method: str, url: str) -> tuple[Operation, dict[str, str]] | Miss:
        """The operation ``method`` and ``url`` name, with the path parameters
        (percent-decoded), or the :class:`Miss` saying why there is none.  The answer for a URL
        under the servers is kept by method and URL without its query and fragment (a
        recording asks about the same few paths, each with another query)."""
        key = (method, url.partition("#")[0].partition("?")[0])
        found = self._routed.get(key)
        if found is None:
            found = self._operation(method, url)
            if not isinstance(found, Miss) or found.kind != "outside":  # its message: the URL
                if len(self._routed) >= _KEPT:
                    self._routed.clear()
                self._routed[key] = found
        return found

    def outside(self, url: str) -> bool:
        """Whether ``url`` lies under none of the servers (:meth:`operation`'s ``"outside"``)."""
        return isinstance(self._located(url), Miss)

    def _located(self, url: str) -> tuple[str, list[str], list[_Server]] | Miss:
        """The path of ``url``, its segments and the servers it lies under, or why none."""
        try:
            scheme, host, port, path = _parts(url)
        except ValueError:
            return Miss("outside", f"{url!r} is not a URL")
        port = port or _PORTS.get(scheme or "")
        segments = _segments(path) if path.startswith("/") else None
        under = [s for s in self.servers if _under(s, scheme, host, port, segments)]
        if segments is None or not under:
            servers = ", ".join(server.url for server in self.servers)
            return Miss("outside", f"{url} is under none of {self.given}'s servers ({servers})")
        return path, segments, under

    def _operation(self, method: str, url: str) -> tuple[Operation, dict[str, str]] | Miss:
        located = self._located(url)
        if isinstance(located, Miss):
            return located
        path, segments, under = located
        wanted = method.lower()
        best: tuple[str, dict[str, str]] | None = None
        said = under[0]  # the server whose paths are said: the longest, else the best's
        for server in under:
            rest = segments[len(server.base) :] or [""]
            for found, parameters in self._paths(rest):
                best, said = (best, said) if best else ((found, parameters), server)
                operation = self._methods.get(found, {}).get(wanted)
                if operation is not None:
                    return operation, parameters
        at, base = said.url, len(said.base)
        if best is None:
            paths = _listed(self._paths_listed)
            return Miss("endpoint", no_path(self.given, method, path, at, base, paths))
        has = ", ".join(m.upper() for m in self._methods.get(best[0], {}))
        why = elsewhere(self.contents, best[0]) or no_operation(method, path, at, base, has)
        return Miss("endpoint", f"{self.given} documents no {method.upper()} {best[0]} ({why})")

    def _paths(self, segments: list[str]) -> Iterator[tuple[str, dict[str, str]]]:
        """The paths that match, best first, with their parameters (lazily: the first usually
        documents the method)."""
        literal = self._literal.get(tuple(segments))
        if literal is not None:
            yield literal, {}
        first = self._templates.get((len(segments), segments[0]), [])
        anything = self._templates.get((len(segments), None), [])
        both = (
            heapq.merge(first, anything, key=by_rank) if first and anything else first or anything
        )
        for template in both:
            parameters = match(template, segments)
            if parameters is not None:
                yield template.path, parameters

    def response(self, operation: Operation, status: int, content_type: str) -> Response | Miss:
        """The documented response for a ``status`` and a ``Content-Type`` header's value
        (``""``: none), or the :class:`Miss` saying why there is none (kept: a recording asks
        the same few questions again and again)."""
        asked = (operation.pointer, status, content_type)
        found = self._answers.get(asked)
        if found is None:
            found = self._response(operation, status, content_type)
            if len(self._answers) < _KEPT:
                self._answers[asked] = found
        return found

    def _response(self, operation: Operation, status: int, content_type: str) -> Response | Miss:
        if not 100 <= status <= 599:
            keys = _listed([str(key) for key in operation.node.get("responses") or ()])
            return Miss(
                "status",
                f"{self.given}: {operation.name}: status {status} is no HTTP status "
                f"(it has {keys or 'no responses'})",
            )
        try:
            key = _status(operation, str(status), self.given)
        except NoSuchSchema as error:
            return Miss("status", error.message)
        where = f"{operation.pointer}/responses/{_escape(key)}"
        try:
            node, where = _follow(
                self.contents, operation.node["responses"][key], where, self.given
            )
        except SchemaProblem as error:  # the document's mistake: this response cannot be used
            return Miss("status", f"{error} ({operation.name} response {key})")
        content = node.get("content") if isinstance(node, dict) else None
        if not isinstance(content, dict) or not content:
            return Response(operation, key, None, None, f"{operation.name} {key}")
        chosen = _content_key(
            content, content_type, f"{self.given}: {operation.name} response {key}"
        )
        if isinstance(chosen, Miss):
            return chosen
        return _slot(operation, key, where, content, chosen)

    def _slots(self, operation: Operation) -> list[Response]:
        responses = operation.node.get("responses")
        slots = []
        for key, node in responses.items() if isinstance(responses, dict) else ():
            where = f"{operation.pointer}/responses/{_escape(str(key))}"
            try:
                node, where = _follow(self.contents, node, where, self.given)
            except SchemaProblem:  # leads nowhere here: one slot, that nothing can match
                node = None
            content = node.get("content") if isinstance(node, dict) else None
            if not isinstance(content, dict) or not content:
                slots.append(Response(operation, str(key), None, None, f"{operation.name} {key}"))
                continue
            slots += [_slot(operation, str(key), where, content, str(t)) for t in content]
        return slots


def _slot(operation: Operation, key: str, where: str, content: Any, media_type: str) -> Response:
    media = content[media_type]
    has_schema = isinstance(media, dict) and "schema" in media
    pointer = f"{where}/content/{_escape(media_type)}/schema" if has_schema else None
    return Response(operation, key, media_type, pointer, f"{operation.name} {key} {media_type}")


def _servers(contents: dict[str, Any], base_urls: Sequence[str]) -> list[_Server]:
    if base_urls:
        return [_server(url) for url in base_urls]
    servers = contents.get("servers")
    found = [
        _server(server["url"], server.get("variables"))
        for server in (servers if isinstance(servers, list) else ())
        if isinstance(server, dict) and isinstance(server.get("url"), str)
    ]
    return found or [_server("/")]


def _under(
    server: _Server,
    scheme: str | None,
    host: str | None,
    port: int | None,
    segments: list[str] | None,
) -> bool:
    if segments is None or segments[: len(server.base)] != list(server.base):
        return False
    if server.host is None or host is None:
        return True
    same_scheme = server.scheme is None or scheme is None or server.scheme == scheme
    return same_scheme and server.host == host and server.port == port


def _range(key: str) -> tuple[str, str]:
    kind, _, sub = key.partition(";")[0].strip().lower().partition("/")
    return kind, sub


def _covers(key: str, kind: str, sub: str) -> int:
    """How specifically the media range ``key`` covers ``kind/sub`` (0: not at all)."""
    key_kind, key_sub = _range(key)
    if key_kind == "*":
        return 1 if key_sub == "*" else 0
    if key_kind != kind:
        return 0
    if key_sub == "*":
        return 2
    if key_sub.startswith("*+") and sub.endswith(key_sub[1:]):
        return 3
    return 0


def _content_key(content: dict[str, Any], content_type: str, where: str) -> str | Miss:
    """The key of ``content`` that documents ``content_type`` (see the module's docstring)."""
    types = [str(key) for key in content]
    kind, sub = _range(content_type)
    if not kind:
        chosen = [key for key in types if _is_json(key)] if len(types) > 1 else types
        if len(chosen) == 1:
            return chosen[0]
        return Miss(
            "media-type",
            f"{where}: the response has no Content-Type, and several are documented "
            f"(it has {_listed(types)})",
        )
    try:
        return _media_type(content, content_type.partition(";")[0].strip(), where, "")
    except NoSuchSchema as error:
        ranked = sorted(((_covers(key, kind, sub), -n, key) for n, key in enumerate(types)))
        if ranked and ranked[-1][0]:
            return ranked[-1][2]
        return Miss("media-type", error.message)
