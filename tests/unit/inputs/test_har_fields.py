"""validator.inputs.har_entry: the usual entry's fields, read directly, are those the general
reading finds (the same method, URL, status, content type, text, omission and failure), for
entries of every shape, a HAR entry or not."""

from __future__ import annotations

import base64
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from validator.inputs.har_entry import _fields, fields

ODD = st.sampled_from([None, True, 0, 1.5, "", "x", [], {}])
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


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    content: dict[str, Any] = {}
    if draw(st.booleans()):
        content["text"] = draw(TEXTS | ODD)
    if draw(st.booleans()):
        content["mimeType"] = draw(st.sampled_from(["application/json", "", "text/html"]) | ODD)
    if draw(st.booleans()):
        content["encoding"] = draw(st.sampled_from(["base64", "", "gzip"]) | ODD)
    if draw(st.booleans()):
        content["size"] = draw(st.sampled_from([0, -1, 12, True]))
    if draw(st.booleans()):
        content["_file"] = "body.bin"
    response: Any = {
        "status": draw(st.sampled_from([200, 0, True, False, "200", 2.0, None])),
        "headers": draw(HEADERS),
        "content": draw(st.just(content) | ODD),
    }
    request: Any = {
        "method": draw(st.sampled_from(["GET", "post"]) | ODD),
        "url": draw(st.sampled_from(["https://a.example/x"]) | ODD),
    }
    return {
        "request": draw(st.just(request) | ODD),
        "response": draw(st.just(response) | ODD),
    }


@settings(max_examples=2000, deadline=None)
@given(entries(), st.sampled_from([1, 4, 1 << 20]))
def test_the_usual_way_finds_what_the_general_way_finds(entry: dict[str, Any], limit: int) -> None:
    assert fields(entry, limit) == _fields(entry.get("request"), entry.get("response"), limit)
