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


def _skipping(tmp_path: Path) -> None:
    """A recording with two entries skipped (another host, an aborted request), one valid and
    one invalid body; one URL with a token in its query string."""
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    text = _har(
        _entry("GET", "https://cdn.example.com/a.js", 200, "x", "text/javascript"),
        _entry("GET", f"{API}/users/u1?token=SECRET1#frag", 200, GOOD),
        _entry("GET", f"{API}/users/u2", 0, ""),
        _entry("GET", f"{API}/users/u3?key=SECRET2", 200, BAD),
    )
    (tmp_path / "rec.har").write_text(text)


SKIPPED = "2 entries skipped (1 aborted (status 0), 1 outside the API's base URLs)"


def test_every_report_says_which_entries_were_skipped(tmp_path: Path) -> None:
    _skipping(tmp_path)
    done = run_script(tmp_path, "--openapi", "api.json", "--format", "markdown", "rec.har")
    assert (done.returncode, done.stderr) == (1, "")
    assert f"\n{SKIPPED.replace(chr(39), '&#39;')}\n" in done.stdout
    assert "| api.json |" not in done.stdout  # the document judged nothing itself
    done = run_script(tmp_path, "--openapi", "api.json", "--format", "junit", "rec.har")
    assert '<property name="entries.skipped" value="2" />' in done.stdout
    assert f'<property name="entries.skipped.why" value="{SKIPPED}" />' in done.stdout
    done = run_script(tmp_path, "--openapi", "api.json", "--format", "sarif", "rec.har")
    totals = json.loads(done.stdout)["runs"][0]["properties"]
    assert totals["entries_skipped"] == {"outside the API's base URLs": 1, "aborted (status 0)": 1}
    done = run_script(tmp_path, "--openapi", "api.json", "--format", "html", "rec.har")
    assert "<th>recorded entries skipped</th>" in done.stdout
    assert f"<p>{SKIPPED.replace(chr(39), '&#x27;')}</p>" in done.stdout
    done = run_script(tmp_path, "--openapi", "api.json", "--format", "json", "rec.har")
    names = [unit["schema"] for unit in json.loads(done.stdout)["summary"]["schemas"]]
    assert names == ["getUser 200 application/json"]


def test_redact_leaves_out_the_query_string_of_recorded_urls(tmp_path: Path) -> None:
    _skipping(tmp_path)
    for redact in (False, True):
        flags = ["--redact"] * redact
        text = run_script(tmp_path, "--openapi", "api.json", "-v", *flags, "rec.har").stdout
        json_report = run_script(
            tmp_path, "--openapi", "api.json", "--format", "json", *flags, "rec.har"
        ).stdout
        html = run_script(
            tmp_path, "--openapi", "api.json", "--format", "html", *flags, "rec.har"
        ).stdout
        for report in (text, json_report, html):
            assert ("SECRET2" in report) is not redact
        urls = [d["entry"]["url"] for d in json.loads(json_report)["documents"]]
        if redact:
            assert f"GET {API}/users/u1?... 200: valid" in text
            assert f"{API}/users/u3?..." in urls
        else:
            assert f"GET {API}/users/u1?token=SECRET1#frag 200: valid" in text
            assert f"{API}/users/u3?key=SECRET2" in urls


def test_entries_failing_alike_are_one_kind_of_failure(tmp_path: Path) -> None:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    text = _har(*(_coded(f"{API}/users/u{n}", 200, "%%%", "application/json") for n in range(3)))
    (tmp_path / "rec.har").write_text(text)
    done = run_script(tmp_path, "--openapi", "api.json", "--format", "json", "rec.har")
    assert (done.returncode, done.stderr) == (3, "")
    [group] = json.loads(done.stdout)["summary"]["groups"]
    assert (group["keyword"], group["documents"]) == ("input", 3)
    assert "entries[" not in group["message"]
