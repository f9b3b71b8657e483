"""``casefile-validate --openapi SPEC rec.har``: the rules of docs/recordings.md that an audit
found untrue (issue 23), end to end through the installed console script: a config check's
``undocumented``, entries that are no HAR entries, 1xx and 3xx responses an operation answers
only with ``default``, compressed recordings, ``--min-coverage nan``, base URLs that can match
nothing, the recordings' options in a payload run, and ``-v``'s line for each skipped entry."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_recordings import (
    API,
    BAD,
    GOOD,
    SPEC,
    _entry,
    _har,
    _place,
    undocumented,
    warned,
)
from tests.console import run_script


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    return tmp_path


def _entry_place(text: str, nth: int = 0) -> tuple[int, int]:
    """Line and column of the ``{`` of the ``nth`` entry of a HAR written with indent 2 (each
    entry opens a line of its own, indented by 6)."""
    lines = text.splitlines()
    start = lines.index('    "entries": [') + 1
    found = [n for n, line in enumerate(lines[start:], start) if line.startswith("      {")]
    return found[nth] + 1, 7


def _response_place(text: str, nth: int) -> tuple[int, int]:
    """Line and column of the ``{`` of the ``nth`` entry's ``response`` object."""
    at = -1
    for _ in range(nth + 1):
        at = text.index('"response": {', at + 1)
    at += len('"response": ')
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def test_a_config_checks_undocumented_key_makes_them_warnings(folder: Path) -> None:
    text = undocumented()
    (folder / "rec").mkdir()
    (folder / "rec" / "a.har").write_text(text)
    (folder / "pyproject.toml").write_text(
        '[[tool.casefile-validate.checks]]\nfiles = ["rec/**/*.har"]\nopenapi = "api.json"\n'
        'undocumented = "warning"\n'
    )
    done = run_script(folder)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[:2] == warned(text, "rec/a.har")
    assert done.stdout.splitlines()[-1] == (
        "3 documents: 3 valid, 0 invalid, 0 unreadable; 2 warnings"
    )
    done = run_script(folder, "--undocumented", "error")  # the command line wins
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[-1] == "3 documents: 1 valid, 2 invalid, 0 unreadable"


def _broken(change: Any) -> dict[str, Any]:
    entry = _entry("GET", f"{API}/users/u1", 200, BAD)
    change(entry)
    return entry


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda e: e.clear(), "request is missing"),
        (lambda e: e.update(request=5), "request is not an object"),
        (lambda e: e.pop("response"), "response is missing"),
        (lambda e: e["response"].update(status="200"), "response.status is not an integer"),
        (lambda e: e["response"].update(status=True), "response.status is not an integer"),
        (lambda e: e["response"].update(status=200.0), "response.status is not an integer"),
        (lambda e: e["response"].update(status=0.0), "response.status is not an integer"),
        (lambda e: e["request"].pop("url"), "request.url is missing"),
        (lambda e: e["request"].pop("method"), "request.method is missing"),
        (lambda e: e["request"].update(url=None), "request.url is missing"),
        (lambda e: e["response"].pop("content"), "response.content is missing"),
    ],
)
def test_an_entry_that_is_no_har_entry_is_unreadable_at_the_entry(
    folder: Path, change: Any, said: str
) -> None:
    text = _har(_broken(change), _entry("GET", f"{API}/users/u2", 200, BAD))
    (folder / "rec.har").write_text(text)
    line, column = _entry_place(text)
    body = _place(text, BAD, _har(_broken(change)).count(json.dumps(BAD)))
    for jobs in ("1", "2"):
        done = run_script(folder, "--openapi", "api.json", "--jobs", jobs, "rec.har")
        assert (done.returncode, done.stderr) == (3, "")
        lines = done.stdout.splitlines()
        assert lines[:2] == [
            f"rec.har:{line}:{column}: not a HAR entry: {said} (entries[0])",
            f"rec.har:{body[0]}:{body[1]}: /id: expected string, got integer 5 (entries[1], body "
            "1:8) [/$ref/$ref/properties/id/type]",
        ]
        assert lines[-1] == "2 documents: 0 valid, 1 invalid, 1 unreadable"


def _defaulted(folder: Path) -> None:
    """The document with operations that answer 1xx and 3xx only with ``default``, one that
    documents ``3XX``, and one that documents ``101``."""
    spec: dict[str, Any] = json.loads(json.dumps(SPEC))
    error = {"type": "object", "required": ["code"]}
    content = {"application/json": {"schema": error}}
    spec["paths"]["/items"] = {
        "get": {
            "operationId": "listItems",
            "responses": {
                "200": {"description": "", "content": {"application/json": {"schema": {}}}},
                "default": {"description": "error", "content": content},
            },
        }
    }
    only_default = {"default": {"description": "error", "content": content}}
    spec["paths"]["/ws"] = {"get": {"operationId": "ws", "responses": only_default}}
    moved = {"3XX": {"description": "moved", "content": content}, **only_default}
    spec["paths"]["/moved"] = {"get": {"operationId": "moved", "responses": moved}}
    switched = {"101": {"description": "switched"}}
    spec["paths"]["/chat"] = {"get": {"operationId": "chat", "responses": switched}}
    (folder / "api.json").write_text(json.dumps(spec))


def test_1xx_and_3xx_answered_only_by_default_are_skipped(folder: Path) -> None:
    _defaulted(folder)
    text = _har(
        _entry("GET", f"{API}/items", 304, ""),
        _entry("GET", f"{API}/items", 302, ""),
        _entry("GET", f"{API}/ws", 101, ""),
        _entry("GET", f"{API}/items", 103, ""),
        _entry("GET", f"{API}/items", 200, "[]"),
        _entry("GET", f"{API}/moved", 301, "{}"),  # 3XX documented: checked
        _entry("GET", f"{API}/chat", 101, ""),  # 101 documented: checked
        _entry("GET", f"{API}/items", 500, "{}"),  # default, as before
    )
    (folder / "rec.har").write_text(text)
    done = run_script(folder, "--openapi", "api.json", "rec.har")
    assert (done.returncode, done.stderr) == (1, "")
    lines = done.stdout.splitlines()
    moved, failed = _place(text, "{}"), _place(text, "{}", 1)
    assert lines[:2] == [
        f'rec.har:{moved[0]}:{moved[1]}: /: missing required property "code" (entries[5], body '
        "1:1) [/$ref/required]",
        f'rec.har:{failed[0]}:{failed[1]}: /: missing required property "code" (entries[7], '
        "body 1:1) [/$ref/required]",
    ]
    assert lines[-1] == (
        "4 documents: 2 valid, 2 invalid, 0 unreadable; 4 entries skipped (1 304 Not Modified "
        "not documented, 1 informational (1xx) not documented, 1 protocol switch (101), 1 "
        "redirect not documented)"
    )
    assert "    ws default application/json (no response of the operation seen)" in lines
    done = run_script(folder, "--openapi", "api.json", "--format", "json", "rec.har")
    counted = json.loads(done.stdout)["summary"]["entries_skipped"]
    assert sum(counted.values()) == 4


def test_compressed_recordings_are_named_not_read(folder: Path) -> None:
    text = _har(_entry("GET", f"{API}/users/u1", 200, BAD))
    (folder / "traffic").mkdir()
    (folder / "traffic" / "a.har.gz").write_bytes(gzip.compress(text.encode()))
    with zipfile.ZipFile(folder / "traffic" / "pw.zip", "w") as archive:
        archive.writestr("trace.har", text)
    (folder / "traffic" / "b.har").write_text(_har(_entry("GET", f"{API}/users/u1", 200, GOOD)))
    done = run_script(
        folder, "--openapi", "api.json", "traffic/a.har.gz", "traffic/pw.zip", "traffic/b.har"
    )
    assert (done.returncode, done.stderr) == (3, "")
    assert done.stdout.splitlines()[:2] == [
        "traffic/a.har.gz:1:1: not a HAR file: a gzip file: decompress it first (gunzip "
        "traffic/a.har.gz)",
        "traffic/pw.zip:1:1: not a HAR file: a zip archive: extract its .har first",
    ]
    assert done.stdout.splitlines()[-1] == "3 documents: 1 valid, 0 invalid, 2 unreadable"
    done = run_script(folder, "--openapi", "api.json", "traffic")  # a folder: *.har only
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[-1] == "1 document: 1 valid, 0 invalid, 0 unreadable"


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "101"])
def test_min_coverage_must_be_a_number_from_0_to_100(folder: Path, value: str) -> None:
    (folder / "rec.har").write_text(_har(_entry("GET", f"{API}/users/u1", 200, GOOD)))
    done = run_script(folder, "--openapi", "api.json", f"--min-coverage={value}", "rec.har")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '--min-coverage': must be a number from 0 to 100 (not '{value}')"
    )


@pytest.mark.parametrize(
    ("url", "said"),
    [
        (
            "api.example.com/v1",
            "not a URL with a scheme and a host (https://api.example.com/v1), nor a path "
            "starting with /",
        ),
        (
            "localhost:8080/v1",
            "not a URL with a scheme and a host (https://localhost:8080/v1), nor a path "
            "starting with /",
        ),
        ("https://api.example.com:99999/v1", "the port '99999' is not one from 1 to 65535"),
        ("https://api.example.com:0/v1", "the port '0' is not one from 1 to 65535"),
    ],
)
def test_a_base_url_that_can_match_nothing_is_a_usage_error(
    folder: Path, url: str, said: str
) -> None:
    (folder / "rec.har").write_text(_har(_entry("GET", f"{API}/users/u1", 200, BAD)))
    done = run_script(folder, "--openapi", "api.json", "--base-url", url, "rec.har")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"casefile-validate: --base-url {url}: {said}\n"
    (folder / ".casefile-validate.toml").write_text(
        f'[[checks]]\nfiles = ["*.har"]\nopenapi = "api.json"\nbase-url = ["{url}"]\n'
    )
    done = run_script(folder)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f'casefile-validate: config error: .casefile-validate.toml:4:1: check 1: "base-url" '
        f"{url}: {said}\n"
    )


def test_a_run_whose_every_entry_is_outside_its_base_urls_warns(folder: Path) -> None:
    text = _har(
        _entry("GET", f"{API}/users/u1", 200, BAD),
        _entry("GET", f"{API}/users/u2", 0, None),
        _entry("GET", f"{API}/users/u3", 200, BAD),
    )
    (folder / "rec.har").write_text(text)
    other = "https://other.example.com/api"
    done = run_script(folder, "--openapi", "api.json", "--base-url", other, "rec.har")
    assert done.returncode == 0
    assert done.stderr == (
        "casefile-validate: warning: no recorded response was checked: 2 entries lie outside "
        f"the base URLs looked for ({other}): check --base-url, a config check's base-url, or "
        "the servers of api.json\n"
    )
    assert done.stdout.splitlines()[-1] == (
        "0 documents: 0 valid, 0 invalid, 0 unreadable; 3 entries skipped (2 outside the API's "
        "base URLs, 1 aborted (status 0))"
    )
    (folder / ".casefile-validate.toml").write_text(
        f'[[checks]]\nfiles = ["*.har"]\nopenapi = "api.json"\nbase-url = ["{other}"]\n'
    )
    done = run_script(folder, "--jobs", "2")
    assert (done.returncode, done.stderr.count("\n")) == (0, 1)
    assert done.stderr.startswith("casefile-validate: warning: no recorded response was checked")
    done = run_script(folder, "--no-config", "--openapi", "api.json", "rec.har")  # its servers
    assert (done.returncode, done.stderr) == (1, "")


@pytest.mark.parametrize(
    ("option", "why"),
    [
        (
            ("--base-url", API),
            "--base-url needs {0}: it replaces the document's servers for the recorded URLs",
        ),
        (
            ("--undocumented", "warning"),
            "--undocumented needs {0}: it says what an undocumented "
            "endpoint or status code of a recorded response is",
        ),
        (
            ("--undocumented", "error"),
            "--undocumented needs {0}: it says what an undocumented "
            "endpoint or status code of a recorded response is",
        ),
    ],
)
@pytest.mark.parametrize(
    "run",
    [
        ("--schema", "s.json"),
        ("--openapi", "api.json", "--operation", "getUser"),
        ("--no-config",),
    ],
)
def test_the_recordings_options_in_a_payload_run_are_a_usage_error(
    folder: Path, option: tuple[str, str], why: str, run: tuple[str, ...]
) -> None:
    (folder / "s.json").write_text('{"type": "object"}')
    (folder / "a.json").write_text(GOOD)
    done = run_script(folder, *run, *option, "a.json")
    needs = "--openapi SPEC with recordings to check (without --operation)"
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"casefile-validate: {why.format(needs)}\n"


def test_verbose_names_each_skipped_entry_and_why(folder: Path) -> None:
    text = _har(
        _entry("GET", "https://cdn.example.com/app.js", 200, "x", "text/javascript"),
        _entry("GET", f"{API}/users/u1", 0, None),
        _entry("OPTIONS", f"{API}/users/u1", 204, ""),
        _entry("GET", f"{API}/users/u1", 200, GOOD),
    )
    (folder / "rec.har").write_text(text)
    for jobs in ("1", "2"):
        done = run_script(folder, "--openapi", "api.json", "-v", "--jobs", jobs, "rec.har")
        assert (done.returncode, done.stderr) == (0, "")
        (cdn, _), good = _place(text, "x"), _place(text, GOOD)
        aborted, preflight = _response_place(text, 1), _place(text, "")
        assert done.stdout.splitlines()[:4] == [
            f"rec.har:{cdn}:21: entries[0] GET https://cdn.example.com/app.js 200: skipped "
            "(outside the API's base URLs)",
            f"rec.har:{aborted[0]}:{aborted[1]}: entries[1] GET {API}/users/u1 0: skipped (aborted "
            "(status 0))",
            f"rec.har:{preflight[0]}:{preflight[1]}: entries[2] OPTIONS {API}/users/u1 204: "
            "skipped (CORS preflight (OPTIONS not documented))",
            f"rec.har:{good[0]}:{good[1]}: entries[3] GET {API}/users/u1 200: valid (schema "
            "getUser 200 application/json)",
        ]
    done = run_script(folder, "--openapi", "api.json", "rec.har")  # without -v: the count
    assert done.stdout.splitlines()[-1:] == [
        "1 document: 1 valid, 0 invalid, 0 unreadable; 3 entries skipped (1 CORS preflight "
        "(OPTIONS not documented), 1 aborted (status 0), 1 outside the API's base URLs)"
    ]
