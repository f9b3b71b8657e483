"""validator.check_response judges one response as ``casefile-validate --openapi SPEC rec.har``
judges a recorded one: the same responses skipped (a 304, a redirect, a 1xx its operation does
not document, a CORS preflight, status 0) with the same reasons, the same ones checked when
documented, and the same words for a body that cannot be decoded (its byte offset too). The
command line is the installed console script, run on a HAR holding the same responses."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any, ClassVar

import pytest

import validator
from tests.console import run_script
from validator import Status
from validator.testing import assert_response

API = "https://api.test/v1"
USER = {
    "type": "object",
    "required": ["id"],
    "properties": {"id": {"type": "string"}},
}
SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "users", "version": "1"},
    "servers": [{"url": API}],
    "paths": {
        "/users/{id}": {
            "get": {
                "operationId": "getUser",
                "responses": {
                    "200": {"description": "", "content": {"application/json": {"schema": USER}}},
                    "default": {"description": "", "content": {"application/json": {"schema": {}}}},
                },
            }
        },
        "/users/me": {
            "get": {
                "operationId": "getMe",
                "responses": {
                    "200": {"description": "", "content": {"application/json": {"schema": USER}}},
                    "304": {"description": "not modified"},
                    "3XX": {"description": "moved"},
                },
            }
        },
    },
}
JSON = "application/json"
CASES: list[tuple[str, str, int, str, str]] = [  # method, path, status, body, content type
    ("GET", "/users/7", 304, "", ""),
    ("GET", "/users/7", 302, "", ""),
    ("OPTIONS", "/users/7", 204, "", ""),
    ("GET", "/users/7", 103, "", ""),
    ("GET", "/users/7", 101, "", ""),
    ("GET", "/users/7", 0, "", ""),
    ("GET", "/users/me", 304, "", ""),  # documented: checked
    ("GET", "/users/me", 307, "", ""),  # 3XX documented: checked
    ("GET", "/users/me", 307, "{}", JSON),  # ... and its body is no body
    ("GET", "/users/7", 200, '{"id": "7"}', JSON),
    ("GET", "/users/7", 200, '{"id": 7}', JSON),
    ("GET", "/users/7", 500, "", JSON),  # default: an empty body where a schema is documented
    ("GET", "/users/me", 500, "{}", JSON),
    ("DELETE", "/users/7", 204, "", ""),
]
_PLACED = re.compile(r" \(entries\[\d+\](, body \d+:\d+)?\)$")


def _entry(method: str, url: str, status: int, text: str, mime: str, coded: bool = False) -> Any:
    content: dict[str, Any] = {"size": len(text), "mimeType": mime, "text": text}
    if coded:
        content["encoding"] = "base64"
    headers = [{"name": "Content-Type", "value": mime}] if mime else []
    return {
        "startedDateTime": "2026-12-06T10:00:00.000Z",
        "time": 1,
        "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1", "headers": []},
        "response": {"status": status, "headers": headers, "content": content},
    }


def _cli(folder: Path, entries: list[Any]) -> tuple[dict[int, Any], dict[str, int]]:
    """The command line's verdict on each entry it did not skip (by index: its status and its
    problems' keywords and messages, without their places in the HAR), and the reasons of the
    skipped ones with their counts."""
    (folder / "api.json").write_text(json.dumps(SPEC))
    log = {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": entries}
    (folder / "rec.har").write_text(json.dumps({"log": log}, indent=1))
    done = run_script(folder, "--no-config", "--openapi", "api.json", "-f", "json", "rec.har")
    assert done.stderr == ""
    report = json.loads(done.stdout)
    verdicts = {
        document["entry"]["index"]: (
            document["status"],
            [(e["keyword"], _PLACED.sub("", e["error"])) for e in document.get("errors", [])],
        )
        for document in report["documents"]
    }
    return verdicts, report["summary"].get("entries_skipped", {})


def _api(*args: Any, **kwargs: Any) -> tuple[str, list[tuple[str, str]]]:
    report = validator.check_response("api.json", *args, **kwargs)
    if report.status is Status.SKIPPED:
        assert (report.valid, report.errors, bool(report)) == (True, (), True)
        return "skipped", [("skipped", report.skipped)]
    return report.status.value, [(e.keyword, e.message) for e in report.errors]


def test_the_api_skips_and_checks_what_the_command_line_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = [_entry(m, f"{API}{path}", s, body, mime) for m, path, s, body, mime in CASES]
    verdicts, skipped = _cli(tmp_path, entries)
    monkeypatch.chdir(tmp_path)
    api = [
        _api(m, f"{API}{path}", s, body.encode(), content_type=mime)
        for m, path, s, body, mime in CASES
    ]
    assert [n for n, (status, _) in enumerate(api) if status == "skipped"] == [0, 1, 2, 3, 4, 5]
    assert sorted(set(range(len(CASES))) - set(verdicts)) == [0, 1, 2, 3, 4, 5]
    assert skipped == {reason: 1 for _, [(_, reason)] in api[:6]}
    assert [reasons[0][1] for _, reasons in api[:6]] == [
        "304 Not Modified not documented",
        "redirect not documented",
        "CORS preflight (OPTIONS not documented)",
        "informational (1xx) not documented",
        "protocol switch (101)",
        "aborted (status 0)",
    ]
    for n in range(6, len(CASES)):
        assert api[n] == verdicts[n], CASES[n]
    assert [status for status, _ in api[6:]] == ["valid", "valid", "invalid", "valid"] + [
        "invalid"
    ] * 4
    assert api[8][1] == [("unexpected-body", "a body where getMe 3XX documents none")]


def test_a_skipped_report_says_why_in_its_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    monkeypatch.chdir(tmp_path)
    report = validator.check_response("api.json", "GET", f"{API}/users/7", 304, b"")
    assert str(report) == f"GET {API}/users/7: skipped (304 Not Modified not documented)"
    outside = validator.check_response("api.json", "GET", "https://cdn.test/a.js", 304, b"")
    assert [e.message for e in outside.errors] == [  # asked about: never skipped
        f"https://cdn.test/a.js is under none of api.json's servers ({API})"
    ]


class _Request:
    method = "OPTIONS"
    url = f"{API}/users/7"


class _Response:
    request = _Request()
    status_code = 200
    content = b""
    headers: ClassVar[dict[str, str]] = {"Access-Control-Allow-Origin": "*"}


def test_assert_response_passes_a_skipped_response(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    monkeypatch.chdir(tmp_path)
    report = assert_response("api.json", _Response())
    assert report.skipped == "CORS preflight (OPTIONS not documented)"


LATIN = '{"id": "caf\u00e9 \u00fcber"}'.encode("latin-1")
DECODING = [  # content type, the message of both (None: the body is decoded and checked)
    (JSON, "the body is not 'utf-8' text (byte 0xE9 at body offset 11)"),
    (
        f"{JSON}; charset=rot13",
        "the charset 'rot13' of the content type is one of Python's own codecs, not a charset "
        "of text",
    ),
    (
        f"{JSON}; charset=x-no-such",
        "the charset 'x-no-such' of the content type is not one Python knows",
    ),
    (f"{JSON}; charset=ISO-8859-1", None),
]


def test_a_body_is_decoded_with_the_command_lines_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coded = base64.b64encode(LATIN).decode()
    url = f"{API}/users/7"
    entries = [_entry("GET", url, 200, coded, mime, coded=True) for mime, _ in DECODING]
    verdicts, skipped = _cli(tmp_path, entries)
    monkeypatch.chdir(tmp_path)
    assert skipped == {}
    for n, (mime, message) in enumerate(DECODING):
        api = _api("GET", url, 200, LATIN, content_type=mime)
        assert api == verdicts[n], mime
        expected = ("valid", []) if message is None else ("unreadable", [("input", message)])
        assert api == expected, mime


BINARY: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "files", "version": "1"},
    "paths": {
        "/files/{name}": {
            "get": {
                "operationId": "getFile",
                "responses": {
                    "200": {
                        "description": "",
                        "content": {
                            "image/png": {},
                            "text/plain": {"schema": {"type": "string"}},
                            "application/json": {"schema": {"type": "object"}},
                        },
                    },
                    "204": {"description": "none"},
                },
            }
        }
    },
}
PNG = b"\x89PNG\r\n\x1a\n\x00\xff"


def test_bytes_not_read_as_json_are_not_decoded_by_either(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the command line said "the body is not 'utf-8' text (byte 0x89 at body offset 0)" of a
    # documented image/png, and of a text/plain body that nothing checks (exit 3)
    cases = [
        (200, "image/png", PNG, ("valid", [])),
        (200, "text/plain", LATIN, ("valid", [])),
        (200, "text/plain; charset=rot13", LATIN, ("valid", [])),
        (
            204,
            "image/png",
            PNG,
            ("invalid", [("unexpected-body", "a body where getFile 204 documents none")]),
        ),
        (
            200,
            JSON,
            PNG,
            (
                "unreadable",
                [("input", "the body is not 'utf-8' text (byte 0x89 at body offset 0)")],
            ),
        ),
    ]
    (tmp_path / "files.json").write_text(json.dumps(BINARY))
    url = "https://files.test/files/a"
    entries = [
        _entry("GET", url, status, base64.b64encode(raw).decode(), mime, coded=True)
        for status, mime, raw, _ in cases
    ]
    log = {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": entries}
    (tmp_path / "rec.har").write_text(json.dumps({"log": log}))
    done = run_script(tmp_path, "--no-config", "--openapi", "files.json", "-f", "json", "rec.har")
    documents = json.loads(done.stdout)["documents"]
    assert (done.returncode, done.stderr, len(documents)) == (3, "", len(cases))
    monkeypatch.chdir(tmp_path)
    for document, (status, mime, raw, expected) in zip(documents, cases, strict=True):
        cli = [(e["keyword"], _PLACED.sub("", e["error"])) for e in document.get("errors", [])]
        report = validator.check_response("files.json", "GET", url, status, raw, content_type=mime)
        api = [(e.keyword, e.message) for e in report.errors]
        assert (document["status"], cli) == expected == (report.status.value, api), mime
