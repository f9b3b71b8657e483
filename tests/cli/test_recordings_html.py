"""The html report of a recordings check: a problem inside a recorded body is shown in the
decoded body (base64 decoded, its own lines), its mark at the body's line:column, under the
entry (index, method, URL, status) and the HAR file's place of the body; a problem of the entry
itself at the HAR file's lines.  Through the installed console script, exact markup."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

from tests.cli.test_recordings import API, SPEC, _entry, _har, _place
from tests.console import run_script
from validator.problems import DocumentResult, Problem, Recorded, Status
from validator.report.html_bodies import read_bodies
from validator.report.html_excerpts import LineReader

BODY = '{\n  "id": "u1",\n  "status": "<b>\u202e"\n}'
"""A body over four lines whose bad value would be markup and a bidirectional override."""


def _recording(folder: Path) -> str:
    encoded = base64.b64encode(BODY.encode()).decode()
    entry = _entry("GET", f"{API}/users/u1?q=<i>", 200, encoded)
    entry["response"]["content"]["encoding"] = "base64"
    text = _har(_entry("GET", f"{API}/orders/1", 200, "{}"), entry)
    (folder / "api.json").write_text(json.dumps(SPEC))
    (folder / "rec.har").write_text(text)
    return encoded


def _articles(page: str) -> list[str]:
    return re.findall(r"<article .*?</article>", page)


def test_a_recorded_body_is_shown_decoded_with_its_mark(tmp_path: Path) -> None:
    encoded = _recording(tmp_path)
    text = (tmp_path / "rec.har").read_text()
    done = run_script(tmp_path, "--openapi", "api.json", "rec.har", "--format", "html")
    assert (done.returncode, done.stderr) == (1, "")
    (line0, col0), (line1, col1) = _place(text, "{}"), _place(text, encoded)
    own, body = _articles(done.stdout)
    assert body == (
        '<article class="doc" id="d2" data-file="rec.har" data-schema="getUser 200 '
        'application/json"><h3><span class="status invalid">invalid</span> <span class="mono">'
        f'rec.har:{line1}</span> <span class="schema">schema getUser 200 application/json</span> '
        '<span class="note">1 problem</span></h3><p class="entry"><span class="mono">entries[1]'
        '</span> <span class="mono">GET https://api.example.com/v1/users/u1?q=&lt;i&gt;</span> '
        f'status 200, body at <span class="mono">rec.har:{line1}:{col1}</span></p>'
        '<ol class="problems"><li data-keyword="enum"><span class="where mono">body 3:13</span> '
        '<span class="what">/status: &quot;&lt;b&gt;&#65533;&quot; is not one of &quot;active'
        '&quot;, &quot;failed&quot; (entries[1], body 3:13)</span><span class="kw mono"> '
        '[/$ref/$ref/properties/status/enum]</span><pre class="excerpt body">'
        '<span class="row"><span class="ln">1</span>{</span>'
        '<span class="row"><span class="ln">2</span>  &quot;id&quot;: &quot;u1&quot;,</span>'
        '<span class="row hit"><span class="ln">3</span>  &quot;status&quot;: <mark data-line=3 '
        'data-column=13 title="line 3, column 13">&quot;&lt;b&gt;&#65533;&quot;</mark></span>'
        '<span class="row"><span class="ln">4</span>}</span></pre></li></ol></article>'
    )
    # a problem of the entry itself (no operation): at the HAR file's lines, as before
    assert '<p class="entry"><span class="mono">entries[0]</span> ' in own
    assert (
        f'<span class="where mono">{line0}:{col0}</span> <span class="what">no path of api.json '
        "matches GET /orders/1 (/v1/orders/1 under https://api.example.com/v1; "
    ) in own
    assert (
        f'<span class="row hit"><span class="ln">{line0}</span>            &quot;text&quot;: '
        f'<mark data-line={line0} data-column={col0} title="line {line0}, column {col0}">'
        "&quot;{}&quot;</mark></span></pre>"
    ) in own


def test_redact_reads_no_body(tmp_path: Path) -> None:
    _recording(tmp_path)
    args = ("--openapi", "api.json", "rec.har", "--format", "html", "--redact")
    done = run_script(tmp_path, *args)
    assert (done.returncode, done.stderr) == (1, "")
    body = _articles(done.stdout)[1]
    assert '<p class="note">(no excerpt: --redact hides the text)</p>' in body
    assert "excerpt body" not in body and "&lt;b&gt;" not in body


def _kept(source: str, number: int) -> list[tuple[DocumentResult, int, int]]:
    entry = Recorded(number, "GET", f"{API}/users/u1", 200, 3, 21, ((2, 5),))
    problem = Problem("", "", "bad", "type", None, 3, 21)
    return [(DocumentResult(source, 3, Status.INVALID, (problem,), "", (), entry), 1, 0)]


def test_a_har_file_gone_or_changed_since_its_check_is_said_so(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.har")
    assert read_bodies(_kept(missing, 0), LineReader()) == {
        (missing, 0): f"cannot read {missing} again: no such file or directory"
    }
    shorter = tmp_path / "short.har"
    shorter.write_text(_har(_entry("GET", f"{API}/users/u1", 200, "{}")))
    assert read_bodies(_kept(str(shorter), 4), LineReader()) == {
        (str(shorter), 4): "the entry is gone: the file has changed since it was checked"
    }
    folder = str(tmp_path)
    assert read_bodies(_kept(folder, 0), LineReader()) == {
        (folder, 0): "not a regular file: its text was read once, by the check"
    }
