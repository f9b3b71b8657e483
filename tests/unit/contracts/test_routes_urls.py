"""validator.contracts.routes: the quick way of taking a usual URL apart finds what urlsplit finds
(scheme, host, port, path; a ValueError where it raises one), for URLs of every shape."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from validator.contracts import routes
from validator.contracts.routes import _parts


def _reference(url: str) -> tuple[str | None, str | None, int | None, str]:
    parts = urlsplit(url)
    port = parts.port
    host = parts.hostname if parts.netloc else None
    return parts.scheme.lower() or None, host, port, parts.path or "/"


def _same(url: str) -> None:
    try:
        expected: object = _reference(url)
    except ValueError:
        expected = ValueError
    try:
        found: object = _parts(url)
    except ValueError:
        found = ValueError
    assert found == expected, url


PIECES = [
    "https://", "http://", "HTTP://", "ws://", "a+b.c-d://", "1x://", " ", "\t", "\n", "\r",
    "\x00", "api.example.com", "API.Example.COM", "h", ":", ":0", ":80", ":443", ":65535",
    ":65536", ":99999", ":080", ":x", ":", "@", "user:pw@", "[", "]", "[::1]", "/", "//",
    "/v1", "/users", "/a%2Fb", "%", "%zz", "é", "ü.example", "?", "?q=1", "#", "#frag", ";",
    "\\", "..", ".", "-", "_", "~", "\u3002", "\uff45",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8))
def test_pieces_split_as_urlsplit_splits_them(pieces: list[str]) -> None:
    _same("".join(pieces))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_splits_as_urlsplit_splits_it(text: str) -> None:
    _same(text)
    _same(f"https://api.example.com{text}")
    _same(f"http://h:8080/{text}")


@pytest.mark.parametrize(
    "url",
    [
        "https://api.example.com/v1/users/7?x=1#f",
        "https://API.example.com:443/v1/",
        "https://api.example.com",
        "https://api.example.com?q",
        "https://api.example.com:0/x",
        "https://api.example.com:65536/x",
        "https://api.example.com:/x",
        "https://u@api.example.com/x",
        "https://api.example.com/a\tb",
        "https://api.example.com/a b",
        " https://api.example.com/x",
        "/v1/users/7",
        "mailto:x@y",
    ],
)
def test_usual_and_unusual_urls(url: str) -> None:
    _same(url)


def test_the_usual_url_does_not_call_urlsplit(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(url: str) -> None:
        raise AssertionError(url)

    monkeypatch.setattr(routes, "urlsplit", refused)
    assert _parts("https://API.example.com:8443/v1/users/7?page=2") == (
        "https",
        "api.example.com",
        8443,
        "/v1/users/7",
    )
