"""validator.inputs.har: HAR files read entry by entry, bodies decoded and placed exactly."""

from __future__ import annotations

import base64
import json
import random
import re
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from validator.inputs import har_scan
from validator.inputs.har import HarEntry, NotAHar, is_har, iter_entries

LIMIT = 1 << 20


def entry(
    body: Any = None,
    *,
    status: int = 200,
    method: str = "GET",
    url: str = "https://api.example/x",
    mime: str | None = "application/json",
    **content: Any,
) -> dict[str, Any]:
    """A HAR entry; ``body``: the recorded text (a string) or None for none."""
    if body is not None:
        content["text"] = body
    if mime is not None:
        content["mimeType"] = mime
    content.setdefault("size", len(body) if isinstance(body, str) else 0)
    return {
        "startedDateTime": "2026-12-06T10:00:00.000Z",
        "request": {"method": method, "url": url, "headers": [{"name": "Accept", "value": "*/*"}]},
        "response": {"status": status, "headers": [], "content": content},
    }


def har(*entries: dict[str, Any], **log: Any) -> dict[str, Any]:
    return {
        "log": {
            "version": "1.2",
            "creator": {"name": "t", "version": "1"},
            **log,
            "entries": list(entries),
        }
    }


def written(tmp_path: Path, text: str | bytes, name: str = "rec.har") -> str:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return str(path)


def read(path: str, limit: int = LIMIT) -> list[HarEntry]:
    return list(iter_entries(path, limit=limit))


def expected_places(text: str) -> list[tuple[int, int]]:
    """Where each ``"text":``'s value starts (what a reader of the file sees), in order."""
    places = []
    for match in re.finditer(r'"text"\s*:\s*', text):
        at = match.end()
        places.append((text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)))
    return places


# --- positions ---------------------------------------------------------------------------------

BODIES = ['{"id": 1, "name": "Zoë"}', "[1, 2, 3]", '{\n  "deep": {"a": [true, null]}\n}']


@pytest.mark.parametrize(
    "dump",
    [
        lambda d: json.dumps(d, indent=2, ensure_ascii=False),
        lambda d: json.dumps(d, separators=(",", ":"), ensure_ascii=False),
        lambda d: json.dumps(d, ensure_ascii=False),
        lambda d: json.dumps(d, indent=2, ensure_ascii=False).replace("\n", "\r\n"),
        lambda d: json.dumps(d, indent="\t", ensure_ascii=True),
    ],
    ids=["pretty", "compact", "one-line", "crlf", "tabs-ascii"],
)
def test_bodies_are_placed_at_their_opening_quote(tmp_path: Path, dump: Any) -> None:
    # non-ASCII (two- and four-byte characters) before each body: columns count code points
    entries = [entry(b, url=f"https://ünï.example/🙂/{i}") for i, b in enumerate(BODIES)]
    text = dump(har(*entries))
    got = read(written(tmp_path, text))
    assert [e.text for e in got] == BODIES
    assert [(e.line, e.column) for e in got] == expected_places(text)
    assert [e.number for e in got] == [0, 1, 2]
    assert got[0].url == "https://ünï.example/🙂/0"


def test_one_line_har_read_in_tiny_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(har_scan, "CHUNK", 7)
    entries = [entry(json.dumps({"n": i, "pad": "é" * (i * 997 % 40000)})) for i in range(60)]
    text = json.dumps(har(*entries), ensure_ascii=False)
    assert "\n" not in text
    got = read(written(tmp_path, text))
    assert [(e.line, e.column) for e in got] == expected_places(text)
    assert [json.loads(e.text or "")["n"] for e in got] == list(range(60))


BLANKS = ["", " ", "\n", "\r\n  ", "\t"]
STRING_OR_MARK = re.compile(r'"(?:[^"\\]|\\.)*"|[,:\[{]')


def test_random_layouts_match_a_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Random white space, chunk sizes and body sizes: every place as a plain search finds it."""
    rng = random.Random(23)
    for round_ in range(20):
        monkeypatch.setattr(har_scan, "CHUNK", rng.choice([1, 3, 64, 4096, 1 << 20]))
        bodies = [json.dumps({"k": "x" * rng.randrange(0, 30000), "ü": i}) for i in range(8)]
        document = har(*(entry(b) for b in bodies))
        text = json.dumps(document, ensure_ascii=rng.random() < 0.5)
        text = STRING_OR_MARK.sub(
            lambda m: m[0] if m[0][0] == '"' else m[0] + rng.choice(BLANKS), text
        )
        assert json.loads(text) == document
        got = read(written(tmp_path, text, f"r{round_}.har"))
        assert [e.text for e in got] == bodies
        assert [(e.line, e.column) for e in got] == expected_places(text)


def test_a_request_body_or_a_quoted_text_key_does_not_mislead(tmp_path: Path) -> None:
    first = entry('{"a": 1}', method="POST")
    first["request"]["postData"] = {"mimeType": "application/json", "text": '{"q": 1}'}
    second = entry('{"b": 2}')
    second["request"]["headers"].append({"name": "X-Note", "value": '"text": "not this"'})
    text = json.dumps(har(first, second), indent=1)
    got = read(written(tmp_path, text))
    places = expected_places(text)  # the request's text comes first in the first entry
    assert [(e.line, e.column) for e in got] == [places[1], places[2]]


def test_an_entry_without_text_is_placed_at_its_response(tmp_path: Path) -> None:
    text = json.dumps(har(entry(None, status=204, mime=None)), indent=2)
    (got,) = read(written(tmp_path, text))
    at = text.index('"response": ') + len('"response": ')
    assert (got.line, got.column) == (text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at))
    assert (got.status, got.text, got.omitted, got.failure, got.content_type) == (
        204,
        None,
        None,
        None,
        "",
    )


def test_a_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    text = json.dumps(har(entry("{}")))
    (got,) = read(written(tmp_path, b"\xef\xbb\xbf" + text.encode()))
    assert (got.line, got.column) == expected_places(text)[0]


# --- decoding ----------------------------------------------------------------------------------


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


@pytest.mark.parametrize(
    ("body", "mime", "header", "text", "failure"),
    [
        (b64(b'{"a": 1}'), "application/json", None, '{"a": 1}', None),
        (
            b64('{"é": "ü"}'.encode("latin-1")),
            "application/json; charset=ISO-8859-1",
            None,
            '{"é": "ü"}',
            None,
        ),
        (
            b64('{"é": 1}'.encode("utf-16")),
            'application/json; charset="utf-16"',
            None,
            '{"é": 1}',
            None,
        ),
        # Chrome's mimeType has no parameters: the header's charset is used
        (
            b64('{"é": 1}'.encode("cp1252")),
            "application/json",
            "application/json; charset=cp1252",
            '{"é": 1}',
            None,
        ),
        (
            b64(b"{}"),
            "application/json; charset=x-nope",
            None,
            None,
            "the charset 'x-nope' of the content type is not one Python knows",
        ),
        (
            b64(b"{}"),
            "application/json; charset=rot13",
            None,
            None,
            "the charset 'rot13' of the content type is one of Python's own codecs, not a charset "
            "of text",
        ),
        (
            b64(b'{"a": "\xff"}'),
            "application/json",
            None,
            None,
            "the body is not 'utf-8' text (byte 0xFF at body offset 7)",
        ),
        ("e3!0", "application/json", None, None, "response.content.text is not valid base64 ("),
        ("e30", "application/json", None, None, "response.content.text is not valid base64 ("),
    ],
)
def test_base64_and_charsets(
    tmp_path: Path, body: str, mime: str, header: str | None, text: str | None, failure: str | None
) -> None:
    recorded = entry(body, mime=mime, encoding="base64")
    if header is not None:
        recorded["response"]["headers"] = [{"name": "content-TYPE", "value": header}]
    (got,) = read(written(tmp_path, json.dumps(har(recorded))))
    assert (got.text, got.omitted) == (text, None)
    if failure is None or not failure.endswith("("):
        assert got.failure == failure
    else:  # the rest is binascii's own words
        assert got.failure is not None and got.failure.startswith(failure)


def test_a_text_without_encoding_is_the_string_itself(tmp_path: Path) -> None:
    (got,) = read(
        written(
            tmp_path, json.dumps(har(entry('{"é": 1}', mime="application/json; charset=latin-1")))
        )
    )
    assert (got.text, got.failure) == ('{"é": 1}', None)


def test_the_content_type_falls_back_to_the_header(tmp_path: Path) -> None:
    recorded = entry("{}", mime=None)
    recorded["response"]["headers"] = [
        {"name": "Content-Type", "value": "application/problem+json"}
    ]
    (got,) = read(written(tmp_path, json.dumps(har(recorded))))
    assert got.content_type == "application/problem+json"


@pytest.mark.parametrize(
    ("content", "omitted"),
    [
        ({"size": 120}, "not recorded"),
        ({"size": 120, "_file": "bodies/1.json"}, "stored beside the HAR (_file)"),
        ({"_file": "bodies/1.json"}, "stored beside the HAR (_file)"),
        ({"size": 0, "_file": "empty.dat"}, None),
        ({"size": 0}, None),
        ({"size": -1}, None),
        ({}, None),
        ({"size": 3, "text": None}, "not recorded"),
    ],
)
def test_omitted_bodies(tmp_path: Path, content: dict[str, Any], omitted: str | None) -> None:
    recorded = entry(None)
    recorded["response"]["content"] = content
    (got,) = read(written(tmp_path, json.dumps(har(recorded))))
    assert (got.text, got.omitted, got.failure) == (None, omitted, None)


@pytest.mark.parametrize(
    ("change", "failure"),
    [
        (
            lambda e: e["response"]["content"].update(encoding="gzip"),
            "response.content.encoding 'gzip' is not one a HAR uses (base64)",
        ),
        (
            lambda e: e["response"]["content"].update(text=5),
            "response.content.text is not a string",
        ),
        (lambda e: e.pop("response"), "not a HAR entry: response is missing"),
        (lambda e: e.update(request=5), "not a HAR entry: request is not an object"),
        (lambda e: e.clear(), "not a HAR entry: request is missing"),
        (
            lambda e: e["response"].update(status="200"),
            "not a HAR entry: response.status is not an integer",
        ),
        (
            lambda e: e["response"].update(status=200.0),
            "not a HAR entry: response.status is not an integer",
        ),
        (
            lambda e: e["response"].update(status=True),
            "not a HAR entry: response.status is not an integer",
        ),
        (lambda e: e["request"].pop("url"), "not a HAR entry: request.url is missing"),
        (lambda e: e["request"].pop("method"), "not a HAR entry: request.method is missing"),
        (
            lambda e: e["request"].update(method=["GET"]),
            "not a HAR entry: request.method is not a string",
        ),
        (
            lambda e: e["response"].pop("content"),
            "not a HAR entry: response.content is missing",
        ),
        (
            lambda e: e["response"].update(content="{}"),
            "not a HAR entry: response.content is not an object",
        ),
    ],
)
def test_entries_that_cannot_be_read_are_failures(
    tmp_path: Path, change: Any, failure: str
) -> None:
    broken = entry("{}")
    change(broken)
    got = read(written(tmp_path, json.dumps(har(broken, entry("[]")))))
    assert got[0].failure == failure and got[0].text is None
    assert (got[1].text, got[1].failure) == ("[]", None)  # the reader goes on


def test_bodies_over_the_limit_are_failures_and_the_reader_goes_on(tmp_path: Path) -> None:
    big = '"' + "é" * 600 + '"'  # 1,202 bytes of UTF-8 in 602 characters
    entries = [
        entry(big),
        entry(b64(b"x" * 1500), encoding="base64"),
        entry(big[:500] + '"'),
        entry('"ok"'),
    ]
    got = read(written(tmp_path, json.dumps(har(*entries))), limit=1000)
    over = "the body is larger than the limit of 1000 bytes (--max-document-bytes)"
    assert [e.failure for e in got] == [over, over, None, None]
    assert got[3].text == '"ok"'


def test_status_zero_and_methods_as_recorded(tmp_path: Path) -> None:
    got = read(written(tmp_path, json.dumps(har(entry(None, status=0, method="options")))))
    assert (got[0].status, got[0].method) == (0, "options")


# --- not a HAR ---------------------------------------------------------------------------------

TWO = json.dumps(har(entry("{}"), entry("[]")))
NAN = TWO.replace('"status": 200', '"status": NaN', 1)
TWICE = TWO.replace('"status": 200', '"status": 200, "status": 201', 1)
FF, SECOND = "\xff", '"status": 201'
BAD_UTF8 = TWO.replace("https://api.example/x", FF)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "1:1: not a HAR file: the file is empty"),
        (b"hello", '1:1: not a HAR file: expected a JSON value, found "h"'),
        (b"[1]", "1:1: not a HAR file: a HAR file is a JSON object"),
        (b'{"a": 1}', '1:1: not a HAR file: no "log" in the object'),
        (b'{"log": 3}', "1:9: not a HAR file: log is not an object"),
        (b'{"log": {"version": "1.2"}}', '1:9: not a HAR file: log has no "entries"'),
        (b'{"log": {"entries": {}}}', "1:21: not a HAR file: log.entries is not an array"),
        (b'{"log": {"entries": [1]}}', "1:22: not a HAR file: log.entries[0] is not an object"),
        (b'{"log": {"entries": []}} x', "1:26: not a HAR file: more after the top object"),
        (
            b'{"log": {"entries": []}, "log": {}}',
            '1:26: not a HAR file: "log" twice in the top object',
        ),
        (
            b'{"log": {"entries": [',
            "1:22: not a HAR file: the file ends inside log.entries (cut short?)",
        ),
        (
            '{"a": 1}'.encode("utf-16"),
            "1:1: not a HAR file: UTF-16LE text (it starts with the byte order mark FF FE): "
            "a HAR file must be UTF-8",
        ),
        (
            TWO[:-2].encode(),
            f"1:{len(TWO) - 1}: not a HAR file: the file ends inside log (cut short?)",
        ),
        (
            TWO[:-20].encode(),
            f"1:{len(TWO) - 19}: not a HAR file: the file ends inside log.entries[1] (cut short?)",
        ),
        (
            NAN.encode(),
            f'1:{NAN.index("NaN") + 1}: not a HAR file: expected a JSON value, found "N"',
        ),
        (
            TWICE.encode(),
            f"1:{TWICE.index(SECOND) + 1}: not a HAR file: the key 'status' twice in "
            "log.entries[0]/response",
        ),
        (
            TWO.replace("]}}", ",]}}").encode(),
            f"1:{len(TWO) - 1}: not a HAR file: a comma after the last entry",
        ),
        (
            BAD_UTF8.encode("latin-1"),
            f"1:{BAD_UTF8.index(FF) + 1}: not a HAR file: invalid UTF-8 (byte 0xFF)",
        ),
    ],
)
def test_not_a_har(tmp_path: Path, content: bytes, message: str) -> None:
    path = written(tmp_path, content)
    with pytest.raises(NotAHar) as caught:
        read(path)
    assert str(caught.value) == f"{path}:{message}"
    assert "\n" not in str(caught.value)


def test_entries_before_the_break_are_yielded(tmp_path: Path) -> None:
    entries = iter_entries(written(tmp_path, TWO[:-20]), limit=LIMIT)
    assert next(entries).text == "{}"
    with pytest.raises(NotAHar, match=r"ends inside log\.entries\[1\]"):
        next(entries)


def test_other_members_are_skipped_but_must_be_json(tmp_path: Path) -> None:
    text = json.dumps(har(entry("{}"), pages=[{"id": "p", "title": "é" * 70000}], comment="x"))
    assert [e.text for e in read(written(tmp_path, text))] == ["{}"]
    with pytest.raises(
        NotAHar, match=r"rec\.har:1:\d+: not a HAR file: log\.pages is over 1000 bytes"
    ):
        read(written(tmp_path, text), limit=1000)


def test_a_folder_is_not_read(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="not a regular file"):
        read(str(tmp_path))


def test_memory_is_bounded_by_one_entry(tmp_path: Path) -> None:
    body = json.dumps({"items": [{"id": i, "name": "n" * 40} for i in range(300)]})
    path = tmp_path / "big.har"
    with path.open("w") as out:  # ~40 MB on one line
        out.write('{"log": {"entries": [')
        out.write(",".join([json.dumps(entry(body))] * 2000))
        out.write("]}}")
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_entries(str(path), limit=LIMIT))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 2000
    assert peak < 6 << 20, f"peak {peak / (1 << 20):.1f} MiB"


def test_is_har() -> None:
    assert is_har("a/rec.har") and is_har("REC.HAR") and is_har(".har")
    assert not is_har("rec.har.gz") and not is_har("rec.zip") and not is_har("har")


def test_an_ending_that_occurs_inside_the_next_entry_is_no_end(tmp_path: Path) -> None:
    """The end of one entry and the start of the next (``}},{`` here) met again inside the
    following entry, in its structure and inside a string, is tried and found wrong."""
    second = entry('[{"a": {}},{"b": 1}]')
    second["_extra"] = [{"a": {}}, {"b": {}}, {"c": "}},{"}]
    third = entry('"}},{"')
    text = json.dumps(har(entry("{}"), second, third, entry("1")), separators=(",", ":"))
    got = read(written(tmp_path, text))
    assert [e.text for e in got] == ["{}", '[{"a": {}},{"b": 1}]', '"}},{"', "1"]
    assert [(e.line, e.column) for e in got] == expected_places(text)


@pytest.mark.parametrize("chunk", [1 << 20, 4096, 61])
def test_an_entry_too_large_to_read_is_walked_past(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(har_scan, "CHUNK", chunk)
    huge = json.dumps({"items": [{"name": 'say "hi" \\ é'} for _ in range(60_000)]})  # ~1.4 MB
    big = entry(huge, method="PUT", url="https://api.example/ü", status=207)
    headers = entry(None, status=204, mime=None)
    headers["request"]["headers"].append({"name": "X-Big", "value": "v" * 1_500_000})
    text = json.dumps(har(entry("[1]"), big, headers, entry("[2]")), indent=1, ensure_ascii=False)
    got = read(written(tmp_path, text), limit=1000)
    assert [e.text for e in got] == ["[1]", None, None, "[2]"]
    over = (
        "the entry is larger than 1 MiB, the most an entry may take: a body of the "
        "--max-document-bytes limit (1000 bytes) as base64 and 1 MiB for the rest (its body is "
        "not read)"
    )
    assert (got[1].method, got[1].url, got[1].status, got[1].content_type, got[1].failure) == (
        "PUT",
        "https://api.example/ü",
        207,
        "application/json",
        over,
    )
    assert (got[2].method, got[2].status, got[2].failure) == ("GET", 204, over)
    places = expected_places(text)
    assert [(e.line, e.column) for e in (got[0], got[1], got[3])] == places
    at = text.index('"response": ', text.index("X-Big")) + len('"response": ')
    assert (got[2].line, got[2].column) == (
        text.count("\n", 0, at) + 1,
        at - text.rfind("\n", 0, at),
    )


def test_a_file_cut_inside_a_large_entry(tmp_path: Path) -> None:
    text = json.dumps(har(entry("[1]"), entry('"' + "x" * 1_200_000 + '"')))
    with pytest.raises(NotAHar, match=r"the file ends inside log\.entries\[1\]"):
        read(written(tmp_path, text[: len(text) // 2]), limit=1000)


@pytest.mark.parametrize(("depth", "deep_enough"), [(300, False), (1000, False), (1100, True)])
def test_nesting_is_bounded(tmp_path: Path, depth: int, deep_enough: bool) -> None:
    nested = entry("{}")
    nested["_x"] = "NESTED"
    text = json.dumps(har(nested)).replace('"NESTED"', "[" * depth + "]" * depth)
    path = written(tmp_path, text)
    if not deep_enough:
        assert [e.text for e in read(path)] == ["{}"]
        return
    column = text.index("[" * 1025) + 1024  # the 1,024th "[": level 1,025 under the entry's "{"
    with pytest.raises(NotAHar) as caught:
        read(path)
    assert (
        str(caught.value) == f"{path}:1:{column}: not a HAR file: nesting deeper than 1024 levels"
    )
