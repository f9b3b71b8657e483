"""HAR files written by a real recorder (Playwright's ``record_har`` driving Debian's Chromium,
see tests/recorder.py), read by :func:`validator.inputs.har.iter_entries`: methods, URLs,
statuses, content types and bodies as the server sent them, each body placed where the file
holds it (found independently, by :func:`validator.inputs.locate.locate` on the whole file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.recorder import Call, Reply, record, recorded
from validator.inputs.har import iter_entries
from validator.inputs.locate import locate

USER = {"id": 1, "name": "Zoë", "tags": ["ä", "🙂"]}
ROUTES = {
    "GET /users/1": Reply(200, json.dumps(USER, ensure_ascii=False).encode()),
    "GET /users": Reply(200, b'[\n  {"id": 1},\n  {"id": 2}\n]', "application/json; charset=utf-8"),
    "POST /users": Reply(201, b'{"id": 3}'),
    "DELETE /users/3": Reply(204, content_type=None),
    "GET /missing": Reply(404, b'{"error": "no such user"}', "application/problem+json"),
    "GET /old": Reply(302, content_type=None, headers=(("Location", "/users/1"),)),
    "GET /logo.png": Reply(200, bytes(range(256)), "image/png"),
    "GET /latin": Reply(
        200, '{"café": "crème"}'.encode("latin-1"), "application/json; charset=iso-8859-1"
    ),
}
CALLS = [
    Call("GET", "/users/1"),
    Call("GET", "/users"),
    Call("POST", "/users", '{"name": "Noé"}'),
    Call("DELETE", "/users/3"),
    Call("GET", "/missing"),
    Call("GET", "/old"),  # fetch follows it: two entries
    Call("GET", "/logo.png"),
    Call("GET", "/latin"),
]


def _place(har: Path, number: int, pointer: str) -> tuple[int, int]:
    return locate(har.read_text(encoding="utf-8"), [f"/log/entries/{number}{pointer}"])[
        f"/log/entries/{number}{pointer}"
    ]


def test_a_real_recording_reads_as_the_server_sent_it(tmp_path: Path) -> None:
    har = tmp_path / "rec.har"
    base = record(har, ROUTES, CALLS)
    got = list(iter_entries(str(har), limit=1 << 20))
    seen = [(e.method, e.url.removeprefix(base), e.status) for e in got]
    assert seen == [
        ("GET", "/users/1", 200),
        ("GET", "/users", 200),
        ("POST", "/users", 201),
        ("DELETE", "/users/3", 204),
        ("GET", "/missing", 404),
        ("GET", "/old", 302),
        ("GET", "/users/1", 200),
        ("GET", "/logo.png", 200),
        ("GET", "/latin", 200),
    ]
    assert [e.number for e in got] == list(range(9))
    by_path = {(e.method, e.url.removeprefix(base)): e for e in got}
    assert json.loads(by_path["GET", "/users/1"].text or "") == USER
    assert by_path["GET", "/users"].text == '[\n  {"id": 1},\n  {"id": 2}\n]'
    assert by_path["POST", "/users"].text == '{"id": 3}'
    assert by_path["GET", "/missing"].content_type == "application/problem+json"
    assert json.loads(by_path["GET", "/latin"].text or "") == {"café": "crème"}
    for empty in (by_path["DELETE", "/users/3"], by_path["GET", "/old"]):
        assert not empty.text and empty.failure is None and empty.omitted is None
    logo = by_path["GET", "/logo.png"]
    assert logo.text is None
    assert logo.failure == "the body is not 'utf-8' text (byte 0x80 at body offset 128)"
    # each body where the file holds it (the HAR is one line: columns count code points)
    entries = recorded(har)
    for entry in got:
        has_text = isinstance(entries[entry.number]["response"]["content"].get("text"), str)
        pointer = "/response/content/text" if has_text else "/response"
        assert (entry.line, entry.column) == _place(har, entry.number, pointer), entry


@pytest.mark.parametrize(
    ("content", "omitted"),
    [("omit", "not recorded"), ("attach", "stored beside the HAR (_file)")],
)
def test_bodies_left_out_by_the_recorder(tmp_path: Path, content: str, omitted: str) -> None:
    har = tmp_path / "rec.har"
    record(har, ROUTES, [Call("GET", "/users/1"), Call("DELETE", "/users/3")], content=content)
    first, second = iter_entries(str(har), limit=1 << 20)
    assert (first.status, first.text, first.omitted, first.failure) == (200, None, omitted, None)
    assert (first.line, first.column) == _place(har, 0, "/response")
    assert (second.status, second.text, second.omitted) == (204, None, None)
