"""Paths in reports from a folder below the config's: relative to the working directory in the
text report (``../payloads/b.json``, never absolute), and relative to ``GITHUB_WORKSPACE`` in
GitHub annotations and SARIF when that is set (a file outside it keeps its absolute path).

Each run is the installed console script in a subprocess with an environment of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "casefile-validate"
OTHER = {"$schema": "https://json-schema.org/draft/2020-12/schema", "required": ["id"]}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for folder in (".git", "payloads", "sub", "contracts"):
        (root / folder).mkdir(parents=True)
    (root / "contracts" / "other.json").write_text(json.dumps(OTHER))
    (root / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["payloads/*.json", "sub/*.json"]\nschema = "contracts/other.json"\n'
    )
    (root / "payloads" / "b.json").write_text('{"x": 1}')
    (root / "sub" / "c.json").write_text('{"y": 1}')
    (tmp_path / "outside.json").write_text("{}")
    return root


def _run(cwd: Path, *argv: str, workspace: Path | None = None, **more: str) -> tuple[int, str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **more}
    if workspace is not None:
        env["GITHUB_WORKSPACE"] = str(workspace)
    done = subprocess.run(
        [str(SCRIPT), "--no-warnings", *argv],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, done.stdout, done.stderr


def test_text_paths_are_relative_to_the_working_directory(repo: Path) -> None:
    code, out, err = _run(repo / "sub")
    assert (code, err) == (1, "")
    assert out == (
        '../payloads/b.json:1:1: /: missing required property "id" [/required]\n'
        'c.json:1:1: /: missing required property "id" [/required]\n'
        "\n"
        "Failures by kind, most frequent first (1 kind in 2 failed documents):\n"
        '  [/required] missing required property "id"\n'
        "    2 documents: ../payloads/b.json:1, c.json:1\n"
        "2 documents: 0 valid, 2 invalid, 0 unreadable\n"
    )


def _files(out: str) -> list[str]:
    return [
        line.split(",")[0].partition("file=")[2] for line in out.splitlines() if "file=" in line
    ]


def test_github_annotations_are_relative_to_the_workspace(repo: Path) -> None:
    code, out, _ = _run(repo / "sub", "--format", "github", workspace=repo)
    assert code == 1
    assert _files(out) == ["payloads/b.json", "sub/c.json"]
    # without GITHUB_WORKSPACE: as the run names them, relative to the working directory
    _, out, _ = _run(repo / "sub", "--format", "github")
    assert _files(out) == ["../payloads/b.json", "c.json"]
    # a file outside the workspace keeps its absolute path
    outside = repo.parent / "outside.json"
    argv = ("--format", "github", "--schema", "../contracts/other.json", "../../outside.json")
    _, out, _ = _run(repo / "sub", *argv, workspace=repo)
    assert _files(out) == [str(outside)]


def test_sarif_uris_are_relative_to_the_workspace(repo: Path) -> None:
    _, out, _ = _run(repo / "sub", "--format", "sarif", workspace=repo)
    [run] = json.loads(out)["runs"]
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    ]
    assert uris == ["payloads/b.json", "sub/c.json"]
    argv = ("--format", "sarif", "--schema", "../contracts/other.json", "../../outside.json")
    _, out, _ = _run(repo / "sub", *argv, workspace=repo)
    [run] = json.loads(out)["runs"]
    [result] = run["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == (repo.parent / "outside.json").as_uri()


def test_markdown_links_are_relative_to_the_workspace(repo: Path) -> None:
    """The job summary's links lead into the commit's files: relative to GITHUB_WORKSPACE (the
    checkout), not to the working directory, and named as the annotations name them."""
    base = "https://x.test/o/r/blob/abc"
    argv = ("--format", "markdown", "--link-base", base)
    code, out, _ = _run(repo / "sub", *argv, workspace=repo)
    assert code == 1
    assert f"[payloads/b.json&#58;1]({base}/payloads/b.json#L1)" in out
    assert f"[sub/c.json&#58;1]({base}/sub/c.json#L1)" in out
    assert f'<summary><a href="{base}/sub/c.json">sub/c.json</a>: invalid' in out
    assert "../" not in out
    # without GITHUB_WORKSPACE: relative to the working directory (a path leading up: no link)
    _, out, _ = _run(repo / "sub", *argv)
    assert f"[c.json&#58;1]({base}/c.json#L1)" in out
    assert f"{base}/payloads" not in out and "| ../payloads/b.json&#58;1, [c.json" in out
    # a file outside the workspace: its absolute path, never a link
    outside = ("--schema", "../contracts/other.json", "../../outside.json")
    _, out, _ = _run(repo / "sub", *argv, *outside, workspace=repo)
    assert base not in out


def test_the_step_summary_links_are_relative_to_the_workspace(repo: Path) -> None:
    step = repo.parent / "step.md"
    github = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(step),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_SHA": "abc",
    }
    code, out, _ = _run(repo / "sub", "--format", "github", workspace=repo, **github)
    assert code == 1
    assert _files(out) == ["payloads/b.json", "sub/c.json"]
    written = step.read_text()
    assert "[sub/c.json&#58;1](https://github.com/o/r/blob/abc/sub/c.json#L1)" in written
    assert "[payloads/b.json&#58;1](https://github.com/o/r/blob/abc/payloads/b.json#L1)" in written
