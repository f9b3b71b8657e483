"""Report files appear whole or not at all: written beside, renamed into place when complete."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from validator.report.files import report_file
from validator.run import tasks, workers
from validator.run.runner import run
from validator.run.settings import Options

GOOD = (
    '{"request_id":"6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b","status":"pending",'
    '"payload":{"casefile_id":"c","session_id":"s","session_type":"t","total_sessions":1}}'
)


def test_a_failed_block_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("previous")
    with pytest.raises(KeyError), report_file(str(target)) as stream:
        stream.write("half of a new report")
        raise KeyError("interrupted")
    assert target.read_text() == "previous"
    assert os.listdir(tmp_path) == ["r.json"]


def test_a_completed_block_replaces_it_with_the_umask_applied(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("previous")
    old = os.umask(0o027)
    try:
        with report_file(str(target)) as stream:
            stream.write("new")
            assert target.read_text() == "previous"  # nothing shows until the end
    finally:
        os.umask(old)
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["r.json"]
    assert target.stat().st_mode & 0o777 == 0o640


def test_the_whole_report_is_synced_before_it_is_renamed_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rename is what makes the new report appear: before it, the temporary file's bytes,
    all of them, are flushed and synced to the disk (else a crash just after the rename could
    leave an empty or partial file under the report's name)."""
    target = tmp_path / "r.json"
    target.write_text("previous")
    report = '{"documents": []}\n' * 100
    calls: list[tuple[object, ...]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        status = os.fstat(fd)
        calls.append(("fsync", status.st_ino, status.st_size))
        real_fsync(fd)

    def replace(source: str, destination: str) -> None:
        calls.append(("replace", os.stat(source).st_ino, source, destination))
        real_replace(source, destination)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    with report_file(str(target)) as stream:
        stream.write(report)
    written = target.stat().st_ino
    assert len(calls) == 2
    temporary = Path(str(calls[1][2]))  # beside the report, under an unpredictable name
    assert (temporary.parent, temporary.name[:7], temporary.suffix) == (tmp_path, ".r.json", ".tmp")
    assert calls == [
        ("fsync", written, len(report)),
        ("replace", written, str(temporary), str(target)),
    ]
    assert target.read_text() == report


def test_missing_parent_folders_are_created(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(GOOD)
    deep = tmp_path / "reports" / "today" / "r.json"
    extra = tmp_path / "more" / "r.xml"
    options = Options(
        inputs=(str(tmp_path / "a.json"),),
        format="json",
        output=str(deep),
        reports=(("junit", str(extra)),),
    )
    assert run(options, out=io.StringIO(), err=io.StringIO()) == 0
    assert json.loads(deep.read_text())["summary"]["valid"] == 1
    assert extra.read_text().startswith("<?xml")


def test_a_report_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(GOOD)
    (tmp_path / "file").write_text("")
    err = io.StringIO()
    options = Options(inputs=(str(tmp_path / "a.json"),), output=str(tmp_path / "file" / "r.txt"))
    assert run(options, out=io.StringIO(), err=err) == 2
    assert err.getvalue() == (
        f"casefile-validate: cannot write report {tmp_path}/file/r.txt: Not a directory\n"
    )


@pytest.mark.usefixtures("forked_workers")
def test_a_run_that_cannot_complete_leaves_the_previous_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(20):
        (tmp_path / f"doc{i:02}.json").write_text(GOOD)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "r.sarif").write_text("previous sarif")
    real = workers.check_counted

    def dying(task: tasks.Task, *args: object) -> object:
        if isinstance(task, tasks.Files) and any("doc13" in p for p in task.paths):
            os._exit(9)
        return real(task, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(workers, "check_counted", dying)
    monkeypatch.setattr(workers, "HERE", 0)  # every task in a worker, doc13 included
    monkeypatch.setattr(tasks, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(tasks, "FILES_PER_TASK", 3)
    options = Options(
        inputs=(str(tmp_path),),
        format="sarif",
        output=str(out_dir / "r.sarif"),
        reports=(("json", str(out_dir / "r.json")),),
        jobs=2,
    )
    err = io.StringIO()
    assert run(options, out=io.StringIO(), err=err) == 2
    assert "cannot complete the run" in err.getvalue()
    assert sorted(os.listdir(out_dir)) == ["r.sarif"]
    assert (out_dir / "r.sarif").read_text() == "previous sarif"


def test_a_special_file_is_written_directly(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(GOOD)
    read, write = os.pipe()
    options = Options(inputs=(str(tmp_path / "a.json"),), output=f"/dev/fd/{write}")
    try:
        assert run(options, out=io.StringIO(), err=io.StringIO()) == 0
    finally:
        os.close(write)
    with os.fdopen(read, "rb") as reader:
        assert reader.read() == b"1 document: 1 valid, 0 invalid, 0 unreadable\n"
