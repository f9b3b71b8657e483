"""A HAR entry that orjson cannot read, read by the standard library: one holding a number
beyond a double (an integer of 309 digits or more, ``1e400``), which is still JSON.

:meth:`validator.inputs.har_scan.Chunks.value` reads every entry with orjson, which refuses such
numbers ("number is infinity when parsed as double"); on that error alone the entry is read
again here (so a recording without such numbers never comes here): strictly (no ``NaN`` nor
``Infinity``, no control character in a string, integers exact up to
:data:`validator.inputs.parse.MAX_INT_DIGITS` digits, a number beyond a double is infinity, a key
repeated in one object stops the file as everywhere in a HAR), in a window that grows until the
entry fits, up to the cap of an entry.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["INFINITE", "exact_status", "read_exact"]

INFINITE = "number is infinity when parsed as double"
"""orjson's message for a number beyond a double (``1e400``, ``-1e400``, 400 digits)."""
_SLACK = 256


class _Refused(ValueError):
    """A value strict JSON has not (``NaN``), or an integer too long: what it is."""


def _integer(token: str) -> int:
    from validator.inputs.parse import MAX_INT_DIGITS, _big_int

    digits = len(token.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise _Refused(f"an integer of {digits} digits exceeds the limit of {MAX_INT_DIGITS}")
    if digits < 4000:
        return int(token)
    return (-1 if token[0] == "-" else 1) * _big_int(token.lstrip("-"))


def _constant(token: str) -> Any:
    raise _Refused(f"{token} is not JSON")


def _pairs(repeated: list[str]) -> Any:
    def made(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        value = dict(pairs)
        if len(value) < len(pairs) and not repeated:
            seen: set[str] = set()
            repeated.extend(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        return value

    return made


def read_exact(
    chunks: Any, cap: int, too_big: type[Exception], truncated: type[Exception]
) -> tuple[Any, int, int]:
    """The JSON value at ``chunks.at`` (a :class:`~validator.inputs.har_scan.Chunks`; orjson
    refused a number in the value), as :meth:`~validator.inputs.har_scan.Chunks.value` gives
    it, raising its ``too_big`` and ``truncated`` as it does."""

    window = min(max(chunks.window, 1 << 12), cap + 1)
    repeated: list[str] = []
    decoder = json.JSONDecoder(
        parse_int=_integer, parse_constant=_constant, object_pairs_hook=_pairs(repeated)
    )
    while True:
        chunks.fill_from_at(window + 1)
        buf, start = chunks.buf, chunks.at
        end = min(len(buf), start + window)
        cut = end < len(buf) or not chunks.eof
        while cut and end > start and buf[end] & 0xC0 == 0x80:
            end -= 1
        try:
            text = bytes(buf[start:end]).decode("utf-8")
            value, stop = decoder.raw_decode(text)
        except json.JSONDecodeError as exc:
            if not (cut and exc.pos > len(text) - _SLACK):
                if exc.pos >= len(text) and not cut:
                    raise truncated from None
                at = start + len(text[: exc.pos].encode("utf-8"))
                message = exc.msg[:1].lower() + exc.msg[1:].removesuffix(" at")
                raise chunks.fail(chunks.base + at, f"not a HAR file: {message}") from None
        except UnicodeDecodeError:
            raise chunks.not_json(start, end) from None
        except _Refused as refused:
            raise chunks.fail(
                chunks.base + start, f"not a HAR file: {refused} (in this entry)"
            ) from None
        else:
            size = len(text[:stop].encode("utf-8"))
            if repeated:
                _unplaced(chunks, start, text[:stop], repeated[0])
            read: tuple[Any, int, int] = chunks.taken(start, start + size, value)
            return read
        if window > cap:
            raise too_big
        window = min(window * 2, cap + 1)


def _unplaced(chunks: Any, start: int, text: str, key: str) -> None:
    """Raise at the entry's start a key repeated in it that the exact parser cannot place (it
    refuses a number beyond a double): one it can place is said as in any entry."""
    from validator.inputs.parse import ParseProblem, parse_exact

    if isinstance(parse_exact(text), ParseProblem):
        raise chunks.fail(
            chunks.base + start, f"not a HAR file: the key {key!r} twice in an object of this entry"
        )


def exact_status(buf: bytearray, value: Any, first: int, last: int) -> Any:
    """The entry ``value`` read from ``buf[first:last]`` by orjson, read again exactly when its
    ``response.status`` is a float: orjson reads an integer beyond 64 bits (``10**30``) as a
    double, which would say "not an integer" of an integer."""
    response = value.get("response")
    if type(response) is not dict or type(response.get("status")) is not float:
        return value
    repeated: list[str] = []
    decoder = json.JSONDecoder(
        parse_int=_integer, parse_constant=_constant, object_pairs_hook=_pairs(repeated)
    )
    try:
        return decoder.decode(bytes(buf[first:last]).decode("utf-8"))
    except ValueError:  # orjson read it: never, but then what orjson read stands
        return value
