"""What a run of recordings makes of inputs that are not HAR files by name: standard input (read
as a HAR file, its places named ``<stdin>``) and JSON Lines files (``.jsonl``, ``.ndjson``: not a
recording, said in one line with the operations to give with ``--operation``), on the command
line and through a config check; never a traceback, and the other inputs still checked."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_recordings import API, BAD, GOOD, SPEC, _entry, _har, _place
from tests.console import VALIDATE, run_script

LINES = (
    "not a HAR file: JSON Lines hold payload documents, not recorded traffic (name the operation "
    "they answer with --operation: getUser, deleteUser, getMe)"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    (tmp_path / "rec.har").write_text(_har(_entry("GET", f"{API}/users/u1", 200, GOOD)))
    return tmp_path


def _fed(cwd: Path, data: bytes, *args: str) -> subprocess.CompletedProcess[str]:
    """The console script with ``data`` on its standard input."""
    return subprocess.run(
        [str(VALIDATE), "--no-config", *args],
        input=data.decode(),
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": os.defpath, "HOME": str(cwd), "LANG": "C.UTF-8"},
        timeout=60,
    )


@pytest.mark.parametrize("name", ["x.jsonl", "x.ndjson", "X.JSONL"])
def test_json_lines_are_not_a_recording(folder: Path, name: str) -> None:
    (folder / name).write_text('{"id": "u1", "status": "active"}\n{"id": 5}\n')
    done = run_script(folder, "--no-config", "--openapi", "api.json", name)
    assert (done.returncode, done.stderr) == (2, "")  # nothing but payloads: the run was misused
    assert done.stdout.splitlines()[0] == f"{name}:1:1: {LINES}"
    done = run_script(folder, "--no-config", "--openapi", "api.json", name, "rec.har")
    assert (done.returncode, done.stderr) == (3, "")  # a recording beside it: still checked
    assert done.stdout.splitlines()[0] == f"{name}:1:1: {LINES}"
    assert done.stdout.splitlines()[-1] == "2 documents: 1 valid, 0 invalid, 1 unreadable"
    assert "getUser 200 application/json: 1 document: 1 valid" in done.stdout
    done = run_script(
        folder, "--no-config", "--openapi", "api.json", "--jobs", "2", name, "rec.har"
    )
    assert done.returncode == 3
    assert done.stdout.splitlines()[0] == f"{name}:1:1: {LINES}"


def test_json_lines_that_cannot_be_read_say_why(folder: Path) -> None:
    done = run_script(folder, "--no-config", "--openapi", "api.json", "gone.jsonl", "rec.har")
    assert (done.returncode, done.stderr) == (3, "")
    assert done.stdout.splitlines()[0] == "gone.jsonl: no such file or directory"


def test_json_lines_in_a_config_check_of_recordings(folder: Path) -> None:
    (folder / "x.jsonl").write_text('{"id": "u1"}\n')
    config = folder / ".casefile-validate.toml"
    config.write_text('[[checks]]\nfiles = ["*.har", "*.jsonl"]\nopenapi = "api.json"\n')
    done = run_script(folder)
    assert (done.returncode, done.stderr) == (3, "")
    assert f"x.jsonl:1:1: {LINES}" in done.stdout.splitlines()
    assert done.stdout.splitlines()[-1] == "2 documents: 1 valid, 0 invalid, 1 unreadable"
    config.write_text(config.read_text() + "jsonl = true\n")  # payloads: a check of recordings?
    done = run_script(folder)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        'casefile-validate: config error: .casefile-validate.toml:4:1: check 1: "jsonl" needs '
        '"operation"\n'
    )
    done = run_script(folder, "--no-config", "--openapi", "api.json", "--jsonl", "rec.har")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "casefile-validate: --jsonl needs --operation OPERATION: a run of recordings reads HAR "
        "files\n"
    )


def test_standard_input_is_read_as_a_har_file(folder: Path) -> None:
    text = _har(
        _entry("GET", f"{API}/users/u1", 200, GOOD), _entry("GET", f"{API}/users/me", 200, BAD)
    )
    done = _fed(folder, text.encode(), "--openapi", "api.json", "-", "rec.har")
    line, column = _place(text, BAD)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[0] == (
        f"<stdin>:{line}:{column}: /id: expected string, got integer 5 (entries[1], body 1:8) "
        "[/$ref/$ref/properties/id/type]"
    )
    assert done.stdout.splitlines()[-1] == "3 documents: 2 valid, 1 invalid, 0 unreadable"
    done = _fed(folder, text.encode(), "--openapi", "api.json", "-f", "html", "-o", "r.html", "-")
    assert (done.returncode, done.stderr) == (1, "")
    page = (folder / "r.html").read_text()
    assert "(no excerpt: standard input cannot be read again)" in page
    assert "cannot read &lt;stdin&gt; again" not in page  # no file of that name looked for


def test_standard_input_that_is_no_har(folder: Path) -> None:
    done = _fed(folder, GOOD.encode(), "--openapi", "api.json", "-")
    assert (done.returncode, done.stderr) == (2, "")  # a payload, as a payload file is
    assert done.stdout.splitlines()[0] == (
        '<stdin>:1:1: not a HAR file: no "log" in the object (a payload document? name the '
        "operation it answers with --operation: getUser, deleteUser, getMe)"
    )
    done = _fed(folder, b'{"log": {"entries": [1', "--openapi", "api.json", "-", "rec.har")
    assert (done.returncode, done.stderr) == (3, "")
    assert (
        done.stdout.splitlines()[0]
        == "<stdin>:1:22: not a HAR file: log.entries[0] is not an object"
    )
    assert done.stdout.splitlines()[-1] == "2 documents: 1 valid, 0 invalid, 1 unreadable"
    done = _fed(folder, b"", "--openapi", "api.json", "-")
    assert done.returncode == 3
    assert done.stdout.splitlines()[0].startswith("<stdin>:1:1: not a HAR file: ")
    assert "Traceback" not in done.stderr


def test_standard_input_closed(folder: Path) -> None:
    done = subprocess.run(
        ["/bin/sh", "-c", f'exec "{VALIDATE}" --no-config --openapi api.json - rec.har <&-'],
        capture_output=True,
        text=True,
        cwd=folder,
        env={"PATH": os.defpath, "HOME": str(folder), "LANG": "C.UTF-8"},
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (3, "")
    assert done.stdout.splitlines()[0] == "<stdin>: standard input is closed"
    assert done.stdout.splitlines()[-1] == "2 documents: 1 valid, 0 invalid, 1 unreadable"


def test_a_gzip_file_named_har_is_told_a_command_gzip_runs(folder: Path) -> None:
    import gzip
    import shutil

    (folder / "z").mkdir()
    text = _har(_entry("GET", f"{API}/users/u1", 200, GOOD))
    (folder / "z" / "re named.har").write_bytes(gzip.compress(text.encode()))
    done = run_script(folder, "--no-config", "--openapi", "api.json", "z/re named.har", "rec.har")
    assert (done.returncode, done.stderr) == (3, "")
    command = "gunzip -c 'z/re named.har' > 'z/re named.unpacked.har'"
    assert done.stdout.splitlines()[0] == (
        f"z/re named.har:1:1: not a HAR file: a gzip file: decompress it first ({command})"
    )
    assert done.stdout.splitlines()[-1] == "2 documents: 1 valid, 0 invalid, 1 unreadable"
    piped = subprocess.run(
        ["/bin/sh", "-c", f'gzip -c rec.har | "{VALIDATE}" --no-config --openapi api.json -'],
        capture_output=True,
        text=True,
        cwd=folder,
        env={"PATH": os.defpath, "HOME": str(folder), "LANG": "C.UTF-8"},
        timeout=60,
    )
    assert (piped.returncode, piped.stderr) == (3, "")
    assert piped.stdout.splitlines()[0] == (
        "<stdin>:1:1: not a HAR file: a gzip stream: decompress it first (through gunzip -c)"
    )
    if shutil.which("gunzip", path=os.defpath) is None:
        pytest.skip("no gunzip here to run the command told")
    ran = subprocess.run(["/bin/sh", "-c", command], cwd=folder, env={"PATH": os.defpath})
    assert ran.returncode == 0  # the command works as told
    done = run_script(folder, "--no-config", "--openapi", "api.json", "z/re named.unpacked.har")
    assert (done.returncode, done.stderr) == (0, "")
