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

from validator.problems import INPUT, RECORDING, DocumentResult, Problem, Status

if TYPE_CHECKING:
    from validator.checking.engine import Engine
    from validator.contracts.routes import Response, Router

__all__ = ["MOST_SPECS", "Headers", "Spec", "response_result", "spec_of"]

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
        self._contents = contents
        self._path = path
        self._engines: dict[str, Engine] = {}

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

        prepared = prepare(self._contents, self.given, pointer)
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


def _failed(source: str, message: str, kind: str = RECORDING, name: str = "") -> DocumentResult:
    status = Status.INVALID if kind == RECORDING else Status.UNREADABLE
    return DocumentResult(source, 1, status, (Problem("", "", message, kind),), name)


def _text(body: bytes | str | None, content_type: str) -> tuple[str, str | None]:
    """The body as text, or why it cannot be: bytes are decoded by the charset the content type
    names (UTF-8 without one; never guessed)."""
    if body is None or isinstance(body, str):
        return body or "", None
    charset = ""
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"')
    try:
        return body.decode(charset or "utf-8"), None
    except LookupError:
        return "", f"the body's charset {charset!r} is unknown"
    except UnicodeDecodeError as error:
        return "", f"the body is not {charset or 'UTF-8'}: {error.reason} at byte {error.start}"


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


def _checked_as_json(response: Response, media: str) -> bool:
    """Whether the body of ``response`` (received as ``media``) is checked as JSON, so read as
    text (:func:`validator.checking.recordings.judge_body`'s rule): a body whose media type is
    not JSON is not checked, so not decoded either."""
    from validator.contracts.operations import _is_json

    return response.pointer is not None and (_is_json(media) or _is_json(response.media_type or ""))


def response_result(
    spec: str | os.PathLike[str] | dict[str, Any],
    method: str,
    url: str,
    status: int | str,
    body: bytes | str | None,
    *,
    headers: Headers | None = None,
    content_type: str | None = None,
) -> DocumentResult:
    """The result of one response (see :func:`validator.check_response`), named
    ``METHOD URL``."""
    from validator.contracts.routes import Miss

    method, url, status = _arguments(method, url, status)
    ready = spec_of(spec)
    source = f"{method.upper()} {url}" if url else f'{method.upper()} ""'
    if not url:
        return _failed(source, 'the URL "" is empty: give the URL the request was sent to')
    found = ready.router.operation(method, url)
    if isinstance(found, Miss):
        return _failed(source, found.message)
    media = content_type if content_type is not None else _content_type(headers)
    response = ready.router.response(found[0], status, media)
    if isinstance(response, Miss):
        return _failed(source, response.message, name=found[0].name)
    text, unreadable = _text(body, media)
    if unreadable is not None:
        if _checked_as_json(response, media):
            return _failed(source, unreadable, INPUT, response.name)
        # not checked, so its text does not matter: only whether there is one
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else ""
    return _body(ready, response, text, media, source)


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
