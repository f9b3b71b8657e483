"""``casefile-validate --openapi SPEC rec.har``: entries outside the document's servers (a CDN's
images, an analytics beacon) and aborted requests are skipped and counted whatever their bodies
hold: a body that cannot be decoded (bad base64, a charset Python does not know) is no problem
of the run's (docs/recordings.md), in every report."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from tests.cli.test_recordings import API, BAD, GOOD, SPEC, _entry, _har, _place
from tests.console import run_script


def _coded(url: str, status: int, text: str, mime: str) -> dict[str, object]:
    entry = _entry("GET", url, status, text, mime)
    entry["response"]["content"]["encoding"] = "base64"
    return entry


def test_broken_bodies_outside_the_api_are_skipped_and_counted(tmp_path: Path) -> None:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n\xff\xfe\xfd" * 300).decode()  # over 2 KiB
    text = _har(
        _coded("https://cdn.example.com/a.png", 200, "%%%" * 700, "image/png"),
        _entry("GET", f"{API}/users/u1", 200, GOOD),
        _coded("https://cdn.example.com/b.css", 200, png, "text/css; charset=no-such"),
        _coded("https://cdn.example.com/c.png", 200, png, "image/png"),
        _coded(f"{API}/users/u2", 0, "%%%" * 700, "application/json"),
        _coded("https://cdn.example.com/d.png", 200, "%%%", "image/png"),  # small: decoded
        _entry("GET", f"{API}/users/u3", 200, BAD),
    )
    (tmp_path / "rec.har").write_text(text)
    done = run_script(tmp_path, "--openapi", "api.json", "rec.har")
    line, column = _place(text, BAD)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[0] == (
        f"rec.har:{line}:{column}: /id: expected string, got integer 5 (entries[6], body 1:8) "
        "[/$ref/$ref/properties/id/type]"
    )
    assert done.stdout.splitlines()[-1] == (
        "2 documents: 1 valid, 1 invalid, 0 unreadable; 5 entries skipped (4 outside the API's "
        "base URLs, 1 aborted (status 0))"
    )
    done = run_script(tmp_path, "--openapi", "api.json", "--format", "json", "rec.har")
    assert (done.returncode, done.stderr) == (1, "")
    summary = json.loads(done.stdout)["summary"]
    assert summary["entries_skipped"] == {
        "outside the API's base URLs": 4,
        "aborted (status 0)": 1,
    }
    assert (summary["valid"], summary["invalid"], summary["unreadable"]) == (1, 1, 0)
