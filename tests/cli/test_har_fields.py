"""What a HAR entry says of itself, said truly: an entry over the size an entry may take names
what that size is made of (``--max-document-bytes``); a body's charset is a charset of text,
never one of Python's own codecs (``unicode_escape``); a method is an HTTP token (``" POST"``
is not one).  Through the installed console script."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.cli.test_recordings import API, SPEC, _entry, _har
from tests.console import run_script


def _run(tmp_path: Path, *entries: dict[str, object], extra: tuple[str, ...] = ()) -> list[str]:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    (tmp_path / "t.har").write_text(_har(*entries))
    done = run_script(tmp_path, "--no-config", "--openapi", "api.json", "-v", *extra, "t.har")
    assert (done.returncode, done.stderr) == (3, "")
    return [line for line in done.stdout.splitlines() if line.startswith("t.har:")]


def test_an_entry_over_its_size_says_what_the_size_is_made_of(tmp_path: Path) -> None:
    body = json.dumps({"id": "é" * 450_000, "status": "active"})  # \u00e9: 2.6 MiB in the HAR
    lines = _run(
        tmp_path,
        _entry("GET", f"{API}/users/u1", 200, body),
        extra=("--max-document-bytes", str(1 << 20)),
    )
    assert lines[1] == (
        "t.har:31:21: the entry is larger than 2.33 MiB, the most an entry may take: a body of the "
        "--max-document-bytes limit (1 MiB) as base64 and 1 MiB for the rest (its body is not "
        "read) (entries[0])"
    )


def _encoded(charset: str) -> dict[str, object]:
    made = _entry("GET", f"{API}/users/u1", 200, None)
    raw = b'{"id": "\\u0041", "status": "active"}'
    made["response"]["content"].update(  # type: ignore[index]
        text=base64.b64encode(raw).decode(),
        encoding="base64",
        mimeType=f"application/json; charset={charset}",
    )
    return made


@pytest.mark.parametrize(
    "charset", ["unicode_escape", "raw-unicode-escape", "idna", "punycode", "rot13", "zlib"]
)
def test_a_python_codec_is_no_charset(tmp_path: Path, charset: str) -> None:
    lines = _run(tmp_path, _encoded(charset), _encoded("iso-8859-1"))
    assert lines[1].endswith(
        f": the charset {charset!r} of the content type is one of Python's own codecs, not a "
        "charset of text (entries[0])"
    )
    assert lines[2].endswith(
        f": entries[1] GET {API}/users/u1 200: valid (schema getUser 200 application/json)"
    )


def test_a_method_with_a_space_is_no_http_method(tmp_path: Path) -> None:
    lines = _run(tmp_path, _entry(" POST", f"{API}/users/u1", 200, "{}"))
    assert lines[1].endswith(
        ": not a HAR entry: request.method ' POST' is not an HTTP method (a token) (entries[0])"
    )
