"""The boundary (issue 20, item 1; docs/security-boundary.md): nothing outside the config's
folder, or the folder named, is read because the repository said so: a link found by a walk or a
glob that leads outside is a problem of its own (exit 3), never opened; a config's ``schema`` and
``schema-dirs`` outside its folder are refused (exit 2), their contents shown nowhere.

Each case builds a git repository (tests/hostile/repository.py) holding links to secrets the
test writes outside it, and runs the installed console script in it, as CI does."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.hostile.repository import (
    FORMATS,
    SECRET,
    VALID,
    build,
    environment,
    everything_written,
    tool,
)

LEAVE_CONFIG = "link leads outside {root} (the config's folder): not opened"
LEAVE_NAMED = "link leads outside payloads (the folder named): not opened"


# --- item 1: links out of the repository ------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_links_out_are_never_opened_in_any_format(tmp_path: Path, fmt: str) -> None:
    repo, _ = build(tmp_path)
    summary = repo / "reports" / "summary.md"
    env = environment(tmp_path, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    reports = [f"--report={other}:reports/r.{other}" for other in FORMATS]
    result = tool("--format", fmt, *reports, cwd=repo, env=env)
    assert result.returncode == 3  # an unreadable input
    written = everything_written(repo, result)
    assert SECRET not in written
    assert "RUNNER_TOKEN" not in written  # nothing of /proc/self/environ
    assert sorted(p.name for p in (repo / "reports").iterdir()) == sorted(
        [f"r.{other}" for other in FORMATS] + ["summary.md"]  # the github report's summary
    )
    text = (repo / "reports" / "r.text").read_text().splitlines()
    leaving = LEAVE_CONFIG.format(root=repo)
    assert text[:2] == [f"payloads/a.json: {leaving}", f"payloads/environ.json: {leaving}"]
    assert text[-1] == "5 documents: 3 valid, 0 invalid, 2 unreadable"
    sarif = json.loads((repo / "reports" / "r.sarif").read_text())
    located = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert located == {"payloads/a.json", "payloads/environ.json"}


def test_a_folder_named_is_its_own_boundary(tmp_path: Path) -> None:
    repo, _ = build(tmp_path)
    result = tool("--no-config", "--report", "html:reports/r.html", "payloads", cwd=repo)
    assert result.returncode == 3
    assert SECRET not in everything_written(repo, result)
    assert result.stdout.decode().splitlines() == [
        f"payloads/a.json: {LEAVE_NAMED}",
        f"payloads/environ.json: {LEAVE_NAMED}",
        f"payloads/home: {LEAVE_NAMED}",  # a folder link: not walked
        "",
        "Failures by kind, most frequent first (1 kind in 3 failed documents):",
        f"  [input] {LEAVE_NAMED}",
        "    3 documents: payloads/a.json, payloads/environ.json, payloads/home",
        "6 documents: 3 valid, 0 invalid, 3 unreadable",  # inside.json -> ok.json: followed
    ]
    assert result.stderr == b""


def test_a_folder_named_with_a_config_is_its_own_boundary(tmp_path: Path) -> None:
    # as pre-commit or a job names inputs: each is placed by the config's globs; the folder
    # link matches none of them (skipped, never walked)
    repo, _ = build(tmp_path)
    result = tool("payloads", cwd=repo)
    assert result.returncode == 3
    assert SECRET not in everything_written(repo, result)
    assert result.stdout.decode().splitlines() == [
        f"payloads/a.json: {LEAVE_NAMED}",
        f"payloads/environ.json: {LEAVE_NAMED}",
        "",
        "Failures by kind, most frequent first (1 kind in 2 failed documents):",
        f"  [input] {LEAVE_NAMED}",
        "    2 documents: payloads/a.json, payloads/environ.json",
        "1 input skipped (no check matches it)",
        "5 documents: 3 valid, 0 invalid, 2 unreadable",
    ]


def test_a_config_schema_outside_the_config_folder_is_refused(tmp_path: Path) -> None:
    repo, outside = build(tmp_path)
    for schema in ["../outside/schema.json", str(outside / "schema.json"), "contracts/s.json"]:
        (repo / "contracts").mkdir(exist_ok=True)
        if not (repo / "contracts" / "s.json").is_symlink():
            os.symlink(outside / "schema.json", repo / "contracts" / "s.json")
        (repo / ".casefile-validate.toml").write_text(
            f'[[checks]]\nfiles = ["payloads/*.json"]\nschema = "{schema}"\n'
        )
        result = tool(cwd=repo)
        assert result.returncode == 2
        assert SECRET not in everything_written(repo, result)
        assert result.stdout == b""
        assert result.stderr.decode() == (
            f"casefile-validate: config error: .casefile-validate.toml:3:1: check 1: {schema}: "
            f"the schema file leads outside {repo}: not read (a config's schemas must lie in "
            "its folder or in a --schema-dir)\n"
        )
    # a --schema-dir on the command line is trusted: a name found there is read
    shutil.copy(VALID, outside / "valid.json")
    (outside / "named.json").write_text('{"type": "object"}')
    (repo / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["payloads/ok.json"]\nschema = "named"\n'
    )
    assert tool("--schema-dir", outside, cwd=repo).returncode == 0


def test_config_schema_dirs_outside_the_config_folder_are_refused(tmp_path: Path) -> None:
    repo, outside = build(tmp_path)
    os.symlink(outside, repo / "linked")
    for folder in ["../outside", str(outside), "linked"]:
        (repo / ".casefile-validate.toml").write_text(
            f'schema-dirs = ["{folder}"]\n\n[[checks]]\nfiles = ["payloads/*.json"]\n'
            'schema = "schema"\n'
        )
        result = tool(cwd=repo)
        assert (result.returncode, result.stdout) == (2, b"")
        assert result.stderr.decode() == (
            f'casefile-validate: config error: .casefile-validate.toml:1:1: "schema-dirs" entry '
            f"'{folder}' leads outside the config's folder {repo}: not read\n"
        )


def test_a_found_config_that_links_outside_is_not_read(tmp_path: Path) -> None:
    repo, outside = build(tmp_path)
    (outside / "config.toml").write_text(f"{SECRET} = 1\n")  # its key would be echoed
    (repo / ".casefile-validate.toml").unlink()
    os.symlink(outside / "config.toml", repo / ".casefile-validate.toml")
    result = tool("payloads/ok.json", cwd=repo)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == (
        "casefile-validate: config error: .casefile-validate.toml: not read: a link that leads "
        f"outside its folder {repo}\n"
    )
    # named on the command line, it is trusted (and read)
    named = tool("--config", ".casefile-validate.toml", "payloads/ok.json", cwd=repo)
    assert named.returncode == 2 and SECRET in named.stderr.decode()
