"""HAR recordings for the scale-out tests (Dask, Spark, ``--dask-scheduler``): an OpenAPI document,
two recordings whose entries cover every rule of docs/recordings.md (checked, invalid, a warning,
skipped, the recording's own problems) and a file that is no HAR; and the records the installed
``casefile-validate --format json`` gives for them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.test_recordings import API, BAD, GOOD, SPEC, _entry, _har
from tests.console import run_script

HARS = ("a.har", "b.har", "notes.har")
"""The recordings, in the order a folder lists them (``notes.har`` is no HAR)."""


def write_recordings(folder: Path) -> list[str]:
    """The document (``api.json``) and the recordings in ``folder``; their names."""
    (folder / "api.json").write_text(json.dumps(SPEC))
    first = [
        _entry("GET", f"{API}/users/u1", 200, GOOD),
        _entry("GET", f"{API}/users/u1", 200, BAD),
        _entry("GET", f"{API}/users/me", 200, GOOD[:-1] + ', "nickname": "n"}'),  # a warning
        _entry("GET", "https://cdn.example.com/app.js", 200, "x()", "text/javascript"),
        _entry("GET", f"{API}/users/u1", 500, "{}"),  # an undocumented status
        _entry("GET", f"{API}/orders/1", 200, "{}"),  # an undocumented endpoint
        _entry("GET", f"{API}/users/u2", 404, "<html>gone</html>"),  # not JSON
        _entry("GET", f"{API}/users/u3", 200, ""),  # an empty body
        _entry("DELETE", f"{API}/users/u1", 204, None),
        _entry("GET", f"{API}/users/u4", 0, None),  # aborted
    ]
    (folder / HARS[0]).write_text(_har(*first))
    second = [_entry("GET", f"{API}/users/u{i}", 200, BAD if i % 3 else GOOD) for i in range(9)]
    (folder / HARS[1]).write_text(_har(*second, indent=None))  # a HAR on one line
    (folder / HARS[2]).write_text('{"id": "u1", "status": "active"}')  # a payload, not a HAR
    return list(HARS)


def cli_records(folder: Path, *args: str) -> tuple[int, list[tuple[Any, ...]], dict[str, Any]]:
    """The exit code, each document of ``casefile-validate --openapi api.json --format json
    *args`` as :func:`record_key` gives a record, and the report's summary."""
    done = run_script(folder, "--openapi", "api.json", "--format", "json", *args)
    report = json.loads(done.stdout)
    found = []
    for document in report["documents"]:
        entry = document.get("entry") or {}
        errors = tuple(
            (
                e["instanceLocation"],
                e["keywordLocation"],
                e["error"],
                e["keyword"],
                e["line"],
                e["column"],
            )
            for e in document.get("errors", ())
        )
        warnings = tuple(
            (w["instanceLocation"], w["warning"], w["keyword"], w["line"], w["column"])
            for w in document.get("warnings", ())
        )
        found.append(
            (
                document["source"],
                document["line"],
                document["status"],
                document.get("schema", ""),
                errors,
                warnings,
                entry.get("index"),
                entry.get("method"),
                entry.get("url"),
                entry.get("status"),
            )
        )
    return done.returncode, found, report["summary"]


def record_key(record: Any) -> tuple[Any, ...]:
    """A record of ``validate_recordings`` (a dict, or a Spark row) as :func:`cli_records`
    gives a document."""
    get = record.__getitem__

    def facts(error: Any) -> Any:
        return error.__getitem__

    errors = tuple(
        tuple(facts(e)(f) for f in ("instance_location", "keyword_location", "message"))
        + tuple(facts(e)(f) for f in ("keyword", "line", "column"))
        for e in get("errors")
    )
    warnings = tuple(
        tuple(facts(w)(f) for f in ("instance_location", "message", "keyword", "line", "column"))
        for w in get("warnings")
    )
    return (
        get("source"),
        get("line"),
        get("status"),
        get("schema"),
        errors,
        warnings,
        *(_plain(get(f)) for f in ("entry", "method", "url", "http_status")),
    )


def _plain(value: Any) -> Any:
    """A record's value, a missing one (pandas' ``NA``) as None."""
    return value if isinstance(value, (str, int)) else None
