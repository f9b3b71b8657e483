"""Recorded traffic end to end: a local server's answers recorded by a real browser (Debian's
Chromium driven by Playwright's ``record_har``, :mod:`tests.recorder`), then checked by the
installed ``casefile-validate --openapi`` against the document: verdicts, the recording's own
problems and coverage, each at its exact place in the HAR the browser wrote."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_recordings import BAD, GOOD, SPEC
from tests.console import run_script
from tests.recorder import Call, Reply, record


def _at(text: str, body: str) -> tuple[int, int]:
    """Line and column of the opening quote of the one string ``body`` in the HAR ``text``."""
    needle = json.dumps(body)
    assert text.count(needle) == 1, needle
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def test_a_browsers_recording_is_checked_against_the_document(tmp_path: Path) -> None:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    har = tmp_path / "rec.har"
    routes = {
        "GET /v1/users/u1": Reply(200, GOOD.encode()),
        "GET /v1/users/me": Reply(200, BAD.encode()),
        "DELETE /v1/users/u1": Reply(204, b"", None),
        "GET /v1/users/u9": Reply(404, b'{"missing": "u9"}'),
        "GET /v1/users/u2": Reply(500, b'{"oops": true}'),
    }
    calls = [
        Call("GET", "/v1/users/u1"),
        Call("GET", "/v1/users/me"),
        Call("DELETE", "/v1/users/u1"),
        Call("GET", "/v1/users/u9"),
        Call("GET", "/v1/users/u2"),
    ]
    base = record(har, routes, calls)
    text = har.read_text(encoding="utf-8")
    done = run_script(tmp_path, "--openapi", "api.json", "--base-url", f"{base}/v1", "rec.har")
    bad, oops = _at(text, BAD), _at(text, '{"oops": true}')
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[:2] == [
        f"rec.har:{bad[0]}:{bad[1]}: /id: expected string, got integer 5 (entries[1], body 1:8) "
        "[/$ref/$ref/properties/id/type]",
        f"rec.har:{oops[0]}:{oops[1]}: api.json: getUser documents no 500 response (it has 200, "
        "404) (entries[4])",
    ]
    assert done.stdout.splitlines()[-7:] == [
        "By schema:",
        "  getUser 200 application/json: 1 document: 1 valid, 0 invalid, 0 unreadable",
        "  getMe 200 application/json: 1 document: 0 valid, 1 invalid, 0 unreadable",
        "  deleteUser 204: 1 document: 1 valid, 0 invalid, 0 unreadable",
        "  getUser 404 application/json: 1 document: 1 valid, 0 invalid, 0 unreadable",
        "Coverage of api.json: 4 of 4 documented responses seen (100.0%)",
        "5 documents: 3 valid, 2 invalid, 0 unreadable",
    ], done.stdout
