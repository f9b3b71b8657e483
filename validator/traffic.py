"""One response checked against its OpenAPI document, for :func:`validator.check_response` and
:func:`validator.testing.assert_response`: matched to its operation, status and media type as a
recording's are (:mod:`validator.contracts.routes`), then its body checked against that
response's schema.

The document is read, indexed and routed once per process, and each response schema compiled
once, however often it is used: a document given by path is kept while its file stays the same
(its resolved path, size and modification time), one given as a dict while its JSON text does;
the least recently used of :data:`MOST_SPECS` is forgotten first.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from validator.contracts.recording_kinds import RECORDING_KINDS
from validator.problems import INPUT, DocumentResult, Problem, Status

if TYPE_CHECKING:
    from validator.checking.engine import Engine
    from validator.contracts.routes import Response, Router

__all__ = ["MOST_SPECS", "Headers", "Spec", "base_urls_of", "response_result", "spec_of"]

Headers = Mapping[str, str] | Iterable[tuple[str, str]]
"""A response's headers: a mapping (any case) or ``(name, value)`` pairs."""
MOST_SPECS = 8
"""The documents kept ready at most."""
_SPECS: OrderedDict[Any, Spec] = OrderedDict()
_KEEPING = threading.Lock()
_SAFE = "/~!$&'()*+,;=:@"
"""What a JSON Pointer in a URI fragment may hold as it is (RFC 3986's pchar)."""


class Spec:
    """An OpenAPI document ready to check responses: its :class:`Router` and the engine of each
    response schema, compiled when first needed."""

    def __init__(self, contents: dict[str, Any], given: str, path: Path | None) -> None:
        from validator.contracts.routes import Router

        self.given = given
        self.router: Router = Router(contents, given)
        self.contents = contents
        self._path = path
        self._engines: dict[str, Engine] = {}
        self._routers: dict[tuple[str, ...], Router] = {(): self.router}

    def router_for(self, base_urls: tuple[str, ...]) -> Router:
        """The router whose servers are ``base_urls`` (none: the document's own), made once."""
        router = self._routers.get(base_urls)
        if router is None:
            from validator.contracts.routes import Router

            router = Router(self.contents, self.given, base_urls)
            with _KEEPING:
                if len(self._routers) >= MOST_SPECS:
                    self._routers = {(): self.router}
                self._routers[base_urls] = router
        return router

    def engine(self, pointer: str) -> Engine:
        """The compiled schema at ``pointer`` (a response schema's JSON Pointer)."""
        engine = self._engines.get(pointer)
        if engine is None:
            engine = self._engines[pointer] = self._compile(pointer)
        return engine

    def _compile(self, pointer: str) -> Engine:
        from validator.checking.engine import compile_schema
        from validator.contracts.catalog import load_schema

        if self._path is not None:  # as --openapi loads it: $refs to the files beside it too
            from validator.contracts.documents import PROCESS

            entry = f"{self._path}#{pointer.replace('%', '%25')}"
            return compile_schema(load_schema(entry, documents=PROCESS))  # one copy for all
        from validator.contracts.openapi import prepare

        prepared = prepare(self.contents, self.given, pointer)
        uri = "urn:casefile-validator:openapi"
        root = {"$schema": prepared["$schema"], "$ref": f"{uri}#{quote(pointer, safe=_SAFE)}"}
        return compile_schema(load_schema(root, resources={uri: prepared}))


def spec_of(spec: str | os.PathLike[str] | dict[str, Any]) -> Spec:
    """The :class:`Spec` of a document given by path or as a dict (made once while it stays the
    same); :class:`~validator.problems.SchemaProblem` for one that cannot be used."""
    if isinstance(spec, dict):
        import orjson

        try:
            text = orjson.dumps(spec)
        except TypeError as error:
            from validator.problems import NotASchema

            raise NotASchema(f"<openapi>: not a JSON document ({error})") from None
        return _kept(("dict", text), lambda: Spec(_document(orjson.loads(text)), "<openapi>", None))
    given = os.fspath(spec)
    path = Path(given).resolve()
    try:
        stat = path.stat()
    except OSError:  # read_openapi says why, as --openapi does
        stat = None
    key = ("path", str(path), stat and (stat.st_size, stat.st_mtime_ns))
    return _kept(key, lambda: _read(given, path))


def _document(contents: Any) -> dict[str, Any]:
    from validator.contracts.operations import openapi_document

    return openapi_document(contents, "<openapi>")


def _read(given: str, path: Path) -> Spec:
    from validator.contracts.operations import read_openapi
    from validator.problems import NoSuchSchema

    if "#" in str(path):  # an entry point FILE#/pointer would be cut at its first "#"
        raise NoSuchSchema(f"{given}: an OpenAPI document named with a # (rename it)")
    from validator.contracts.documents import PROCESS

    return Spec(read_openapi(str(path), documents=PROCESS), given, path)


def _kept(key: Any, make: Callable[[], Spec]) -> Spec:
    found = _SPECS.get(key)
    if found is None:
        found = make()
        with _KEEPING:
            _SPECS[key] = found
            while len(_SPECS) > MOST_SPECS:
                _SPECS.popitem(last=False)
    else:
        try:  # noqa: SIM105 - another thread may have just forgotten it
            _SPECS.move_to_end(key)
        except KeyError:
            pass
    return found


def _content_type(headers: Headers | None) -> str:
    items = headers.items() if isinstance(headers, Mapping) else headers or ()
    for name, value in items:
        if str(name).lower() == "content-type":
            return str(value)
    return ""


def _failed(source: str, message: str, kind: str, name: str = "") -> DocumentResult:
    """One problem: of a recording's ``kind`` (a key of
    :data:`~validator.contracts.recording_kinds.RECORDING_KINDS`), invalid;
    :data:`~validator.problems.INPUT`, unreadable."""
    status = Status.UNREADABLE if kind == INPUT else Status.INVALID
    kind = kind if kind == INPUT else RECORDING_KINDS[kind]
    return DocumentResult(source, 1, status, (Problem("", "", message, kind),), name)


def _text(body: bytes | str | None, content_type: str) -> tuple[str, str | None]:
    """The body as text, or why it cannot be: bytes are decoded by the charset the content type
    names (UTF-8 without one; never guessed), by the command line's rule and with its words
    (:func:`validator.inputs.har_entry.decoded_bytes`)."""
    if body is None or isinstance(body, str):
        return body or "", None
    from validator.inputs.har_entry import charset_of, decoded_bytes

    text, failure = decoded_bytes(body, charset_of(content_type) or "utf-8")
    return text or "", failure


def base_urls_of(base_url: str | Iterable[str] | None) -> tuple[str, ...]:
    """``base_url`` as the base URLs that replace the document's servers (one string, or
    several; none: the document's servers), each usable as ``--base-url``'s
    (:mod:`validator.contracts.base_urls`):
    ``ValueError`` saying why one is not, ``TypeError`` for what is not a string."""
    if base_url is None:
        return ()
    urls: list[Any] = [base_url] if isinstance(base_url, str) else list(base_url)
    from validator.contracts.base_urls import base_url_problem

    for url in urls:
        if not isinstance(url, str):
            raise TypeError(f"base_url must be a string or strings, got {type(url).__name__}")
        said = base_url_problem(url)
        if said is not None:
            raise ValueError(f"base_url {url!r}: {said}")
    return tuple(urls)


def _arguments(method: Any, url: Any, status: Any) -> tuple[str, str, int]:
    """``method``, ``url`` and ``status`` as :func:`response_result` uses them, or the
    ``TypeError`` or ``ValueError`` naming the one that is wrong."""
    for name, value in (("method", method), ("url", url)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    if isinstance(status, str) and len(status) == 3 and status.isascii() and status.isdigit():
        return method, url, int(status)
    if isinstance(status, int) and not isinstance(status, bool):
        return method, url, status
    wanted = 'status must be an int or a string of three digits (200 or "200")'
    if isinstance(status, str):
        raise ValueError(f"{wanted}, got {status!r}")
    raise TypeError(f"{wanted}, got {type(status).__name__}")


def response_result(
    spec: str | os.PathLike[str] | dict[str, Any],
    method: str,
    url: str,
    status: int | str,
    body: bytes | str | None,
    *,
    headers: Headers | None = None,
    content_type: str | None = None,
    base_url: str | Iterable[str] | None = None,
) -> DocumentResult:
    """The result of one response (see :func:`validator.check_response`), named
    ``METHOD URL``: skipped (:attr:`~validator.problems.Status.SKIPPED`, its one problem of
    keyword ``skipped`` saying why, in the command line's words) where a recording's entry is,
    but for a URL outside the servers, which is a problem here (the response was asked
    about)."""
    from validator.checking.recordings import SKIPPED, Skip, decided, read_as_json
    from validator.contracts.routes import Miss

    method, url, status = _arguments(method, url, status)
    urls = base_urls_of(base_url)
    ready = spec_of(spec)
    router = ready.router_for(urls)
    source = f"{method.upper()} {url}" if url else f'{method.upper()} ""'
    if not url:
        return _failed(
            source, 'the URL "" is empty: give the URL the request was sent to', "outside"
        )
    media = content_type if content_type is not None else _content_type(headers)
    found = decided(router, method, url, status, media)
    if isinstance(found, Skip) and router.outside(url):  # asked about: a problem here
        outside = router.operation(method, url)  # the Miss naming the servers
        said = outside.message if isinstance(outside, Miss) else found.reason
        return _failed(source, said, "outside")
    if isinstance(found, Skip):
        problem = Problem("", "", found.reason, SKIPPED)
        return DocumentResult(source, 1, Status.SKIPPED, (problem,))
    if isinstance(found, Miss):
        return _failed(source, found.message, found.kind)
    text, unreadable = _text(body, media)
    if unreadable is not None:
        if read_as_json(found, media):
            return _failed(source, unreadable, INPUT, found.name)
        # not checked, so its text does not matter: only whether there is one
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else ""
    return _body(ready, found, text, media, source)


def _body(ready: Spec, response: Response, text: str, media: str, source: str) -> DocumentResult:
    """The body judged by the command line's rule
    (:func:`validator.checking.recordings.judge_body`)."""
    from validator.checking.document import check_raw
    from validator.checking.property_warnings import for_engine
    from validator.checking.recordings import judge_body

    def check(raw: bytes) -> DocumentResult:
        assert response.pointer is not None  # judge_body checks only a body with a schema
        engine = ready.engine(response.pointer)
        return check_raw(engine, raw, source=source, lines_hint="", warnings=for_engine(engine))

    return judge_body(response, text, media, check, source)
