"""validator.inputs.har_entry: the usual entry's fields, read directly, are those the general
reading finds (the same method, URL, status, content type, text, omission and failure), for
entries of every shape, a HAR entry or not."""

from __future__ import annotations

import base64
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from validator.inputs.har_entry import _fields, fields

ODD = st.sampled_from([None, True, False, 0, 1.5, "", "x", [], {}])
TEXTS = st.sampled_from(
    ['{"a": 1}', "", "caf\u00e9", base64.b64encode("caf\u00e9".encode("latin-1")).decode(), "%%%"]
)
HEADERS = st.lists(
    st.fixed_dictionaries(
        {
            "name": st.sampled_from(["Content-Type", "content-type", "X"]),
            "value": st.sampled_from(["application/json; charset=latin-1", "text/plain", ""]),
        }
    ),
    max_size=3,
)


def _or_odd(draw: st.DrawFn, usual: Any) -> Any:
    """Mostly the usual value, now and then one of another type."""
    return draw(ODD) if draw(st.integers(0, 4)) == 0 else usual


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    content: dict[str, Any] = {}
    if draw(st.booleans()):
        content["text"] = _or_odd(draw, draw(TEXTS))
    if draw(st.booleans()):
        content["mimeType"] = _or_odd(draw, draw(st.sampled_from(["application/json", ""])))
    if draw(st.booleans()):
        content["encoding"] = _or_odd(draw, draw(st.sampled_from(["base64", "", "gzip"])))
    if draw(st.booleans()):
        content["size"] = draw(st.sampled_from([0, -1, 12, True]))
    if draw(st.booleans()):
        content["_file"] = "body.bin"
    response: Any = {
        "status": _or_odd(draw, draw(st.sampled_from([200, 0, 404]))),
        "headers": draw(HEADERS),
        "content": _or_odd(draw, content),
    }
    request: Any = {
        "method": _or_odd(draw, draw(st.sampled_from(["GET", "post"]))),
        "url": _or_odd(draw, "https://a.example/x"),
    }
    return {"request": _or_odd(draw, request), "response": _or_odd(draw, response)}


@settings(max_examples=1000, deadline=None)
@given(entries(), st.sampled_from([1, 4, 1 << 20]))
def test_the_usual_way_finds_what_the_general_way_finds(entry: dict[str, Any], limit: int) -> None:
    assert fields(entry, limit) == _fields(entry.get("request"), entry.get("response"), limit)
