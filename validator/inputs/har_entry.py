"""One HAR entry, parsed: the fields a check needs (:class:`HarEntry`), and its response body
decoded: ``encoding: "base64"`` undone, the bytes then decoded by the ``charset=`` of the content
type (UTF-8 when none is named; a charset Python does not know, one of Python's own codecs that
is no charset of text (:data:`PYTHON_CODECS`), or bytes not in it, is a ``failure``, never a
guess).  A text without ``encoding`` is the string itself (HAR stores text decoded).  The
request's method is an HTTP method as HTTP writes it, a token (``POST``, never ``" POST"``)."""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from collections.abc import Callable
from typing import Any, NamedTuple

__all__ = [
    "NOT_AN_ENTRY",
    "PYTHON_CODECS",
    "HarEntry",
    "Skipped",
    "charset_of",
    "decoded_bytes",
    "fields",
]

Skipped = Callable[[str, int], bool]
"""Whether an entry is skipped whatever its body holds, given its URL and status (asked of an
entry with an encoded body of 2 KiB or more, which is then not decoded: the reader is spared
the work, and the entry's ``text``, ``omitted`` and ``failure`` are None)."""


class HarEntry(NamedTuple):
    """One entry of a HAR file's ``log.entries`` (see :func:`validator.inputs.har.iter_entries`)."""

    number: int
    """The index in ``log.entries`` (0-based)."""
    method: str
    """``request.method`` as recorded (``"GET"``)."""
    url: str
    """``request.url``."""
    status: int
    """``response.status`` (0: the recorder saw no response, e.g. an aborted request)."""
    content_type: str
    """``response.content.mimeType``, else the response's ``Content-Type`` header, else ``""``."""
    text: str | None
    """The body, decoded; None when the recording holds no text for it."""
    line: int
    """The line in the HAR file of ``response.content.text``'s opening quote; without a text, of
    the ``response`` object's ``{``."""
    column: int
    """The column (in code points, 1-based) of the same."""
    omitted: str | None
    """Why there is no text when the recorder left it out (``"not recorded"``, ``"stored beside
    the HAR (_file)"``); None otherwise."""
    failure: str | None
    """Why the text cannot be decoded (then ``text`` is None)."""


_NOT_RECORDED = "not recorded"
_BESIDE = "stored beside the HAR (_file)"
_WORTH = 2048
"""The characters of an encoded body from which decoding it costs more than asking whether the
entry is skipped (:data:`Skipped`: a few microseconds, as decoding 1.5 KB does)."""
_NAME_SHOWN = 40
"""The most characters of a recorded name (an encoding, a charset) a failure quotes."""
_HUGE = 10**39
"""A status this large or larger (read exactly from a HAR holding a number beyond a double) is a
failure of its own, never printed whole (Python prints no integer of over 4,300 digits)."""
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
"""An HTTP token (RFC 9110), what a method is."""
PYTHON_CODECS = frozenset(
    {
        "unicode-escape",
        "raw-unicode-escape",
        "idna",
        "punycode",
        "undefined",
        "charmap",
        "mbcs",
        "oem",
        "utf-8-sig",
    }
)
"""The canonical names (``codecs.lookup(name).name``) of the text codecs Python has that are no
charset a server sends: they decode escapes, host names, or nothing; refused as a body's
charset, with the codecs that are no text encoding at all (``rot13``, ``zlib``, ``base64``...)."""


class Fields(NamedTuple):
    """What :func:`fields` finds in one parsed entry (the places are found by the caller)."""

    method: str
    url: str
    status: int
    content_type: str
    has_text: bool
    """Whether ``response.content.text`` is a string (then its place is the entry's place)."""
    text: str | None
    omitted: str | None
    failure: str | None


def _quoted(name: str) -> str:
    shown = name if len(name) <= _NAME_SHOWN else name[:_NAME_SHOWN] + "..."
    return repr(shown)


def _member(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _header(response: Any, name: str) -> str:
    headers = _member(response, "headers")
    if isinstance(headers, list):
        for header in headers:
            named = _member(header, "name")
            if isinstance(named, str) and named.lower() == name:
                found = _member(header, "value")
                return found if isinstance(found, str) else ""
    return ""


def charset_of(content_type: str) -> str | None:
    """The ``charset=`` parameter of a content type, or None."""
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').strip()
    return None


def fields(entry: dict[str, Any], limit: int, skipped: Skipped | None = None) -> Fields:
    """The fields of one entry (an object), its body decoded (at most ``limit`` bytes; an
    encoded one not when the entry is ``skipped``)."""
    request, response = entry.get("request"), entry.get("response")
    if type(request) is dict and type(response) is dict:  # the usual entry, read directly
        content, method, url = response.get("content"), request.get("method"), request.get("url")
        status = response.get("status")  # an int, not a bool (nor a subclass of either):
        if (
            type(status) is int
            and -_HUGE < status < _HUGE
            and type(content) is dict
            and type(method) is type(url) is str
            and ((method.isalpha() and method.isascii()) or _TOKEN.fullmatch(method))
        ):
            unused = skipped is not None and _costly(content) and skipped(url, status)
            return _usual(response, content, method, url, status, None if unused else limit)
    return _fields(request, response, limit)


def _costly(content: dict[str, Any]) -> bool:
    """Whether decoding the body costs more than asking whether it is of use: an encoded one of
    :data:`_WORTH` characters or more."""
    text = content.get("text")
    return type(text) is str and len(text) >= _WORTH and bool(content.get("encoding"))


def _usual(
    response: dict[str, Any],
    content: dict[str, Any],
    method: str,
    url: str,
    status: int,
    limit: int | None,
) -> Fields:
    """The fields of an entry that is a HAR entry (see :func:`_not_an_entry`); ``limit`` None:
    its body is not decoded (nor said to be left out)."""
    mime = content.get("mimeType")
    content_type = mime if type(mime) is str and mime else _header(response, "content-type")
    recorded = content.get("text")
    text = omitted = failure = None
    if limit is not None:
        text, omitted, failure = _body(response, content, content_type, recorded, limit)
    has_text = isinstance(recorded, str)
    return Fields(method, url, status, content_type, has_text, text, omitted, failure)


def _fields(request: Any, response: Any, limit: int) -> Fields:
    method, url = _member(request, "method"), _member(request, "url")
    status = _member(response, "status")
    content = _member(response, "content")
    mime = _member(content, "mimeType")
    content_type = mime if isinstance(mime, str) and mime else _header(response, "content-type")
    recorded = _member(content, "text")
    failure = _not_an_entry(request, response, method, url, status, content)
    text = omitted = None
    if failure is None:
        text, omitted, failure = _body(response, content, content_type, recorded, limit)
    return Fields(
        method if isinstance(method, str) else "",
        url if isinstance(url, str) else "",
        status if type(status) is int and -_HUGE < status < _HUGE else 0,
        content_type,
        isinstance(recorded, str),
        text,
        omitted,
        failure,
    )


def _body(
    response: dict[str, Any],
    content: dict[str, Any],
    content_type: str,
    recorded: Any,
    limit: int,
) -> tuple[str | None, str | None, str | None]:
    """The body of a HAR entry's ``content`` (its ``text``: ``recorded``), why it was left out,
    and why it cannot be decoded."""
    if isinstance(recorded, str):
        encoding = content.get("encoding")
        charset = None
        if encoding is not None and encoding != "":  # bytes: their charset is needed
            charset = charset_of(content_type) or charset_of(_header(response, "content-type"))
        text, failure = _decoded(recorded, encoding, charset or "utf-8", limit)
        return text, None, failure
    if recorded is not None:
        return None, None, "response.content.text is not a string"
    return None, _omitted(content), None


NOT_AN_ENTRY = "not a HAR entry: "
"""How the ``failure`` of an entry that is no HAR 1.2 entry starts (a field a check needs is
missing or of another type): such an entry is unreadable whatever else it holds."""

_KINDS = {dict: "an object", str: "a string", int: "an integer"}


def _not_an_entry(
    request: Any, response: Any, method: Any, url: Any, status: Any, content: Any
) -> str | None:
    """Why an entry is not a HAR 1.2 entry (as far as a check needs it: the first field, parents
    first, that is missing or of another type; ``response.status`` is a number, ``200`` and
    never ``"200"`` nor ``200.0``), or None."""
    for name, value, kind in (
        ("request", request, dict),
        ("response", response, dict),
        ("request.method", method, str),
        ("request.url", url, str),
        ("response.status", status, int),
        ("response.content", content, dict),
    ):
        if value is None:
            return f"{NOT_AN_ENTRY}{name} is missing"
        if not (type(value) is int if kind is int else isinstance(value, kind)):  # no bool
            return f"{NOT_AN_ENTRY}{name} is not {_KINDS[kind]}"
    if not -_HUGE < status < _HUGE:  # read exactly (validator.inputs.har_exact): never printed
        return f"{NOT_AN_ENTRY}response.status is no HTTP status (an integer of 40 digits or more)"
    if not _TOKEN.fullmatch(method):
        return f"{NOT_AN_ENTRY}request.method {_quoted(method)} is not an HTTP method (a token)"
    return None


def _omitted(content: dict[str, Any]) -> str | None:
    """Why a response has no text: stored beside the HAR, or left out though it had a size;
    None for a body that was empty (``size: 0``, even with a ``_file``: Playwright writes an
    empty one) or of unknown size (``-1``, none given) with no ``_file``."""
    size = content.get("size")
    if not isinstance(size, int) or isinstance(size, bool):
        size = -1
    if size == 0:
        return None
    if isinstance(content.get("_file"), str):
        return _BESIDE
    return _NOT_RECORDED if size > 0 else None


def _decoded(
    recorded: str, encoding: Any, charset: str, limit: int
) -> tuple[str | None, str | None]:
    """The body of a recorded text, or None and why not."""
    too_big = f"the body is larger than the limit of {limit} bytes (--max-document-bytes)"
    if encoding is None or encoding == "":
        if len(recorded) > limit or (4 * len(recorded) > limit and len(recorded.encode()) > limit):
            return None, too_big
        return recorded, None
    if encoding != "base64":
        shown = _quoted(encoding) if isinstance(encoding, str) else "that is not a string"
        return None, f"response.content.encoding {shown} is not one a HAR uses (base64)"
    if len(recorded) // 4 * 3 > limit + 2:
        return None, too_big
    try:
        raw = base64.b64decode(recorded, validate=True)
    except (binascii.Error, ValueError) as exc:
        return None, f"response.content.text is not valid base64 ({exc})"
    if len(raw) > limit:
        return None, too_big
    return decoded_bytes(raw, charset)


_UNDECODABLE = ("the body is not ", "the charset ")
"""How :func:`decoded_bytes`'s failures start."""


def undecodable(failure: str) -> bool:
    """Whether ``failure`` is :func:`decoded_bytes`'s: bytes that are no text in the charset, or
    a charset that decodes no text (the bytes may be fine: an image's are no UTF-8)."""
    return failure.startswith(_UNDECODABLE)


def decoded_bytes(raw: bytes, charset: str) -> tuple[str | None, str | None]:
    """A body's bytes decoded by ``charset`` (a content type's ``charset=``, ``"utf-8"`` when it
    names none), or None and why not: a charset Python does not know, one of Python's own
    codecs that is no charset of text, bytes not in it (named with their offset in the body).
    The command line's and :func:`validator.check_response`'s one rule."""
    python_codec = (
        f"the charset {_quoted(charset)} of the content type is one of Python's own codecs, not "
        "a charset of text"
    )
    try:
        if charset != "utf-8":
            codec = codecs.lookup(charset)
            if codec.name in PYTHON_CODECS or not getattr(codec, "_is_text_encoding", True):
                return None, python_codec
        return raw.decode(charset), None
    except LookupError:
        return None, f"the charset {_quoted(charset)} of the content type is not one Python knows"
    except UnicodeDecodeError as exc:
        return None, (
            f"the body is not {_quoted(charset)} text "
            f"(byte 0x{raw[exc.start]:02X} at body offset {exc.start})"
        )
