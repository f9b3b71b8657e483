"""What a text that is not UTF-8 seems to be: JSON exchanged between systems must be UTF-8
(RFC 8259 8.1), so a UTF-16 or UTF-32 text is named, never decoded."""

from __future__ import annotations

__all__ = ["wide_encoding"]

_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "UTF-32BE"),
    (b"\xff\xfe", "UTF-16LE"),
    (b"\xfe\xff", "UTF-16BE"),
)


def wide_encoding(raw: bytes) -> str | None:
    """The UTF-16/UTF-32 encoding a text that is not UTF-8 seems to be in, or None: by its byte
    order mark, else by where its first character's zero bytes are (a JSON text starts with an
    ASCII character: RFC 4627's way of telling the encodings apart)."""
    for bom, name in _WIDE_BOMS:
        if raw.startswith(bom):
            return f"{name} text (it starts with the byte order mark {bom.hex(' ').upper()})"
    zeros = tuple(b == 0 for b in raw[:4])
    names = {
        (True, True, True, False): "UTF-32BE",
        (False, True, True, True): "UTF-32LE",
        (True, False, True, False): "UTF-16BE",
        (False, True, False, True): "UTF-16LE",
        (True, False): "UTF-16BE",
        (False, True): "UTF-16LE",
    }
    guess = names.get(zeros)
    return f"{guess} text (zero bytes between its characters)" if guess else None
