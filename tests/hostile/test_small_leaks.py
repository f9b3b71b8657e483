"""Small leaks: a value that GitHub's markdown would make a link (``www.`` needs no scheme), and
``--redact`` runs whose parse errors named the character or byte they stopped at."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options as CmarkOptions

from validator.report.registry import REPORTERS

BIN = Path(sys.executable).parent
BASE = "https://github.com/o/r/blob/abc"
LURES = [
    "www.evil-login.example/reset",
    "WWW.evil-login.example/reset",
    "https://evil-login.example/reset",
    "support@evil-login.example",
    "mailto:support@evil-login.example",
    "[reset](https://evil-login.example)",
    "<https://evil-login.example>",
]


def run(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    environment = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", "HOME": str(cwd), **env}
    return subprocess.run(
        [str(BIN / "casefile-validate"), *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        timeout=120,
    )


def links(markdown: str) -> list[str]:
    """The targets of every link and image GitHub's markdown (cmark-gfm) renders."""
    html = cmarkgfm.github_flavored_markdown_to_html(
        markdown, options=CmarkOptions.CMARK_OPT_UNSAFE
    )
    assert "\u202e" not in html  # shown as an escape, never reordering the page
    return re.findall(r'<(?:a|img)\b[^>]*?(?:href|src)="([^"]*)"', html)


@pytest.fixture
def lured(tmp_path: Path) -> Path:
    schema = {"type": "object", "properties": {"note": {"enum": ["ok"]}}}
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    folder = tmp_path / "docs"
    folder.mkdir()
    for number, lure in enumerate(LURES):
        document = {"note": f"please see {lure} \u202e now", lure: 1}
        (folder / f"{number}.json").write_text(json.dumps(document))
    (folder / "www.evil-login.example.json").write_text('{"note": 1}')
    return tmp_path


def test_the_markdown_report_links_nothing_of_the_documents(lured: Path) -> None:
    done = run(
        lured, "--format", "markdown", "--link-base", BASE, "--schema", "schema.json", "docs"
    )
    assert done.returncode == 1
    found = links(done.stdout.decode())
    assert found and all(target.startswith(f"{BASE}/docs/") for target in found), found
    assert "evil-login" in done.stdout.decode().replace("&#46;", ".")  # shown, as text


def test_the_job_summary_links_nothing_of_the_documents(lured: Path) -> None:
    summary = lured / "summary.md"
    done = run(
        lured,
        "--format",
        "github",
        "--schema",
        "schema.json",
        "docs",
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_SERVER_URL="https://github.com",
        GITHUB_REPOSITORY="o/r",
        GITHUB_SHA="abc",
    )
    assert done.returncode == 1
    found = links(summary.read_text())
    assert found and all(target.startswith(f"{BASE}/docs/") for target in found), found


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_redacted_parse_errors_name_no_character_or_byte(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "control.json").write_bytes(b'{"a": "x\x01y"}')
    (tmp_path / "latin1.json").write_bytes(b'{"a": "caf\xe9"}')
    (tmp_path / "after.json").write_bytes(b'{"a": 1}\x02')
    done = run(tmp_path, "--redact", "--format", fmt, "control.json", "latin1.json", "after.json")
    assert done.returncode == 3
    said = done.stdout.decode() + done.stderr.decode()
    for shown in ("U+0001", "U+0002", "0xE9", "0xe9", "\\u0001", "\\u0002", "\\x01", "\\x02"):
        assert shown not in said, shown
    if fmt == "text":
        assert said.splitlines()[:3] == [
            "control.json:1:9: not valid JSON: unescaped control character in string",
            "latin1.json:1:11: not valid JSON: invalid UTF-8",
            "after.json:1:9: not valid JSON: unexpected a character after the document",
        ]


def test_unredacted_parse_errors_still_name_them(tmp_path: Path) -> None:
    (tmp_path / "control.json").write_bytes(b'{"a": "x\x01y"}')
    (tmp_path / "latin1.json").write_bytes(b'{"a": "caf\xe9"}')
    done = run(tmp_path, "control.json", "latin1.json")
    assert done.stdout.decode().splitlines()[:2] == [
        "control.json:1:9: not valid JSON: unescaped control character U+0001 in string",
        "latin1.json:1:11: not valid JSON: invalid UTF-8 (byte 0xE9)",
    ]
