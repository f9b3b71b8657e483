"""Reports are never written through a link the repository planted (issue 20, item 6;
docs/security-boundary.md): the temporary file is created exclusively under an unpredictable
name, the rename replaces a link at the report's path, and a report folder that a link takes
outside the working directory is refused (exit 2)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hostile.repository import build, tool
from validator.report.files import report_file

# --- item 6: reports are never written through a planted link ----------------------------------


def test_a_planted_link_at_the_temporary_name_is_never_written_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    reports = tmp_path / "repo" / "reports"
    reports.mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "repo")
    # the names the temporary file of this process could be given, by any predictable rule
    for name in [f".r.xml.{os.getpid()}.tmp", ".r.xml.tmp", "r.xml.tmp"]:
        os.symlink(victim, reports / name)
    with report_file("reports/r.xml") as stream:
        stream.write("<report/>")
    assert victim.read_text() == "precious"
    assert (reports / "r.xml").read_text() == "<report/>"
    assert sorted(p.name for p in reports.iterdir() if not p.is_symlink()) == ["r.xml"]


def test_a_planted_link_at_the_report_path_is_replaced(tmp_path: Path) -> None:
    repo, _ = build(tmp_path)
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (repo / "reports").mkdir()
    os.symlink("../../victim", repo / "reports" / "r.xml")
    os.symlink("/dev/null", repo / "reports" / "r.json")  # a device: still replaced
    result = tool("--report", "junit:reports/r.xml", "-o", "reports/r.json", "payloads/ok.json",
                  cwd=repo)  # fmt: skip
    assert result.returncode == 0
    assert victim.read_text() == "precious"
    assert not (repo / "reports" / "r.xml").is_symlink()
    assert (repo / "reports" / "r.xml").read_text().startswith("<?xml")
    assert not (repo / "reports" / "r.json").is_symlink()
    assert (repo / "reports" / "r.json").read_text().startswith("1 document")


def test_a_report_folder_that_links_outside_is_refused(tmp_path: Path) -> None:
    repo, outside = build(tmp_path)
    os.symlink(outside, repo / "reports")
    before = sorted(p.name for p in outside.iterdir())
    for path in ["reports/r.xml", "reports/sub/r.xml"]:
        result = tool("--report", f"junit:{path}", "payloads/ok.json", cwd=repo)
        assert (result.returncode, result.stdout) == (2, b"")
        folder = os.path.dirname(path)
        assert result.stderr.decode() == (
            f"casefile-validate: cannot write report {path}: its folder {folder} is a link "
            "that leads outside the working directory\n"
        )
        assert sorted(p.name for p in outside.iterdir()) == before
    # a path the command line puts outside the working directory is the job's own choice
    elsewhere = tmp_path / "elsewhere" / "r.xml"
    assert tool("--report", f"junit:{elsewhere}", "payloads/ok.json", cwd=repo).returncode == 0
    assert elsewhere.read_text().startswith("<?xml")


def test_the_temporary_report_file_is_created_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    seen: list[int] = []
    real_open = os.open

    def spy(path: str, flags: int, *args: int) -> int:
        if str(path).endswith(".tmp"):
            seen.append(flags)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", spy)
    with report_file("r.txt") as stream:
        stream.write("x")
    assert len(seen) == 1
    assert seen[0] & os.O_EXCL and seen[0] & os.O_NOFOLLOW and seen[0] & os.O_CREAT


def test_the_temporary_names_are_unpredictable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    names = set()
    for _ in range(3):
        with report_file("r.txt") as stream:
            stream.write("x")
            names.update(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp"))
    assert len(names) == 3
    assert all(len(name) == len(".r.txt.") + 16 + len(".tmp") for name in names)
