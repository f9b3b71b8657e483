"""Acceptance tests of ``casefile-schemas`` (in-process), and one run of the installed script."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.unit.contracts.test_modeldocs import doc
from tests.unit.contracts.test_schema_fidelity import require_seed
from validator.command import cli, schemas
from validator.contracts.model_docs import contract, parse_doc, render

STORED = ROOT / "schemas" / "AddSessionToCasefileResponse.json"
NAME = "AddSessionToCasefileResponse"
SCRIPT = shutil.which("casefile-schemas", path=str(Path(sys.executable).parent))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = schemas.run_command(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the seed doc in a fresh current directory."""
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / "docs" / f"{NAME}.md"
    copy.parent.mkdir()
    copy.write_bytes(require_seed().read_bytes())
    return copy


def test_import_writes_the_stored_contract_byte_for_byte(
    seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "import", "docs/") == (
        0,
        f"wrote schemas/{NAME}.json (from docs/{NAME}.md)\n",
        "",
    )
    assert (seed.parent.parent / "schemas" / f"{NAME}.json").read_bytes() == STORED.read_bytes()
    assert run(capsys, "import", str(seed), "--dir", "schemas") == (
        0,
        f"unchanged schemas/{NAME}.json (from {seed})\n",
        "",
    )


def test_check_passes_then_lists_each_change_by_pointer(
    seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stored = seed.parent.parent / "contracts"
    stored.mkdir()
    shutil.copy(STORED, stored)
    summary = "1 documented schema: 1 up to date, 0 changed, 0 missing\n"
    assert run(capsys, "check", "docs", "--dir", "contracts") == (0, summary, "")

    text = seed.read_text("utf-8")
    text = text.replace('        "failed"\n', '        "failed",\n        "cancelled"\n')
    text = text.replace('"title": "Casefile Id"', '"title": "Case"')
    text = text.replace('    "payload"\n  ],', '    "payload",\n    "timestamp"\n  ],')
    seed.write_text(text, "utf-8")
    assert run(capsys, "check", "docs", "--dir", "contracts") == (
        1,
        f"contracts/{NAME}.json: differs from the schema documented in docs/{NAME}.md "
        "(3 changes):\n"
        '  /$defs/RequestStatus/enum/4: added "cancelled"\n'
        '  /$defs/SessionAddedPayload/properties/casefile_id/title: changed "Casefile Id" -> '
        '"Case"\n'
        '  /required/3: added "timestamp"\n'
        "1 documented schema: 0 up to date, 1 changed, 0 missing\n",
        "",
    )


def test_the_bundled_contract_has_not_drifted_from_the_seed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What a CI job runs: the repository's stored contract against its documentation."""
    assert run(capsys, "check", str(require_seed()), "--dir", str(ROOT / "schemas")) == (
        0,
        "1 documented schema: 1 up to date, 0 changed, 0 missing\n",
        "",
    )


def test_check_with_no_stored_schema_names_it_and_exits_1(
    seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "check", str(seed), "--dir", "nowhere") == (
        1,
        f"nowhere/{NAME}.json: no stored schema for {NAME} (documented in {seed}; "
        "casefile-schemas import writes it)\n"
        "1 documented schema: 0 up to date, 0 changed, 1 missing\n",
        "",
    )


def test_a_folder_without_docs_never_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("docs").mkdir()
    assert run(capsys, "check", "docs") == (
        2,
        "0 documented schemas: 0 up to date, 0 changed, 0 missing\n",
        "casefile-schemas: docs: no model doc (*.md) in this folder\n",
    )


def test_a_bad_doc_is_exit_2_and_import_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.md").write_text(doc("Good"), "utf-8")
    Path("bad.md").write_text(doc("Bad", block='{"type": }'), "utf-8")
    Path("invalid.md").write_text(doc("Invalid", block='{"type": 5}'), "utf-8")
    Path("again.md").write_text(doc("Good", package="other"), "utf-8")
    code, out, err = run(capsys, "import", "good.md", "bad.md", "invalid.md", "again.md")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "casefile-schemas: bad.md:10:10: the documented schema is not valid JSON: expected a "
        'JSON value, found "}"',
        "casefile-schemas: again.md:1: title 'Good' is also that of good.md:1 (one schema file "
        "per title)",
        "casefile-schemas: invalid.md:10: not a valid schema at /type: 5 is not valid under any "
        "of the given schemas",
        "casefile-schemas: nothing written",
    ]
    assert not Path("schemas").exists()

    code, out, err = run(capsys, "check", "good.md", "bad.md")
    assert (code, out) == (
        2,
        "schemas/Good.json: no stored schema for Good (documented in good.md; casefile-schemas "
        "import writes it)\n1 documented schema: 0 up to date, 0 changed, 1 missing\n",
    )
    assert err.startswith("casefile-schemas: bad.md:10:10: the documented schema is not valid")


def test_a_stored_schema_that_is_not_json_is_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("thing.md").write_text(doc("Thing"), "utf-8")
    Path("schemas").mkdir()
    Path("schemas/Thing.json").write_text("<<<<<<< HEAD\n", "utf-8")
    code, out, err = run(capsys, "check", "thing.md")
    assert (code, out) == (  # it said "0 documented schemas" of the one doc given
        2,
        "1 documented schema: 0 up to date, 0 changed, 0 missing, 1 not checked (stored file "
        "unusable)\n",
    )
    assert err == (
        "casefile-schemas: schemas/Thing.json:1:1: stored schema is not valid JSON: expected a "
        'JSON value, found "<"\n'
    )


def test_import_into_a_file_is_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("thing.md").write_text(doc("Thing"), "utf-8")
    Path("taken").write_text("", "utf-8")
    assert run(capsys, "import", "thing.md", "--dir", "taken") == (
        2,
        "",
        "casefile-schemas: taken: not a directory\n",
    )


def test_list_and_show_print_what_casefile_validate_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.run_command(["--list-schemas"]) == 0
    listed = capsys.readouterr().out
    assert run(capsys, "list") == (0, listed, "")
    assert cli.run_command(["--show-schema", "--schema", NAME]) == 0
    shown = capsys.readouterr().out
    assert run(capsys, "show", NAME) == (0, shown, "")
    assert json.loads(shown) == json.loads(STORED.read_text("utf-8"))


def test_show_prints_a_pydantic_models_schema(capsys: pytest.CaptureFixture[str]) -> None:
    from validator.contracts.pydantic_models import model_schema

    code, out, err = run(capsys, "show", "py:tests.fixtures.models:Thing")
    assert (code, err) == (0, "")
    assert out == json.dumps(model_schema("tests.fixtures.models:Thing"), indent=2) + "\n"


def test_list_and_show_in_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("s").mkdir()
    Path("s/B.json").write_text('{"type": "string", "description": "é"}', "utf-8")
    Path("s/A.json").write_text('{"type": "object"}', "utf-8")
    Path("s/notes.txt").write_text("", "utf-8")
    assert run(capsys, "list", "--dir", "s") == (0, "A\nB\n", "")
    assert run(capsys, "show", "B", "--dir", "s") == (
        0,
        '{\n  "type": "string",\n  "description": "é"\n}\n',
        "",
    )
    unknown = "casefile-schemas: schema error: unknown schema {!r} in s (known: A, B)\n"
    assert run(capsys, "show", "C", "--dir", "s") == (2, "", unknown.format("C"))
    assert run(capsys, "show", "../s/A", "--dir", "s") == (2, "", unknown.format("../s/A"))
    assert run(capsys, "list", "--dir", "absent") == (
        2,
        "",
        "casefile-schemas: absent: not a directory\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Usage: casefile-schemas [OPTIONS] COMMAND [ARGS]..."),
        (["frob"], "Error: No such command 'frob'."),
        (["check"], "Error: Missing argument 'DOC.md...'."),
        (["import", "x.md", "--dri", "s"], "Usage: casefile-schemas import [OPTIONS] DOC.md..."),
        (["show"], "Error: Missing argument 'NAME'."),
    ],
)
def test_usage_errors_are_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert message in err.splitlines()
    assert out == ""


def test_help_and_version_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert out.startswith("Usage: casefile-schemas [OPTIONS] COMMAND [ARGS]...\n")
    assert "  check   " in out and "  import  " in out
    code, out, _ = run(capsys, "--version")
    assert (code, out) == (0, "casefile-schemas, version 0.1.0\n")


def _script(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    assert SCRIPT is not None
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([SCRIPT, *args], capture_output=True, timeout=60, cwd=cwd, env=env)


@pytest.mark.skipif(SCRIPT is None, reason="console script not installed next to this Python")
def test_the_installed_script_imports_checks_and_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "Thing.md").write_text(doc("Thing"), "utf-8")
    imported = _script(["import", "Thing.md"], tmp_path)
    assert (imported.returncode, imported.stdout, imported.stderr) == (
        0,
        b"wrote schemas/Thing.json (from Thing.md)\n",
        b"",
    )
    checked = _script(["check", "Thing.md"], tmp_path)
    assert (checked.returncode, checked.stderr) == (0, b"")
    (tmp_path / "Thing.md").write_text(doc("Thing", block='{"type": "array"}'), "utf-8")
    drifted = _script(["check", "Thing.md"], tmp_path)
    assert drifted.returncode == 1
    assert b'  /type: changed "object" -> "array"\n' in drifted.stdout
    missing = _script(["import", "absent.md"], tmp_path)
    assert (missing.returncode, missing.stdout) == (2, b"")
    assert missing.stderr == (
        b"casefile-schemas: absent.md: cannot read: No such file or directory\n"
        b"casefile-schemas: nothing written\n"
    )


# --- casefile-validate --schema py:package.module:Model ------------------------------------

THING = (
    '{"id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", "name": "bolt", "colour": "red", '
    '"price": "1.50", "label": "bolt (red)"}\n'
)


@pytest.mark.parametrize(
    ("document", "code", "output"),
    [
        (THING, 0, "1 document: 1 valid, 0 invalid, 0 unreadable\n"),
        (
            THING.replace('"1.50"', "1.5").replace('"red"', '"blue"'),
            1,
            'thing.json:1:74: /colour: "blue" is not one of "red", "green" '
            "[/properties/colour/$ref/enum] (headline)\n"
            "thing.json:1:91: /price: expected string, got number 1.5 [/properties/price/type]\n"
            "1 document: 0 valid, 1 invalid, 0 unreadable\n",
        ),
        (
            THING.replace(', "label": "bolt (red)"', ""),
            1,
            'thing.json:1:1: /: missing required property "label" [/required]\n'
            "1 document: 0 valid, 1 invalid, 0 unreadable\n",
        ),
    ],
    ids=["valid", "invalid", "computed field missing"],
)
def test_validate_against_a_pydantic_model(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    document: str,
    code: int,
    output: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("thing.json").write_text(document, "utf-8")
    args = ["--schema", "py:tests.fixtures.models:Thing", "--no-color", "thing.json"]
    assert cli.run_command(args) == code
    assert capsys.readouterr() == (output, "")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "tests.fixtures.bad_import:Thing",
            "cannot import tests.fixtures.bad_import: RuntimeError: the database is not configured",
        ),
        (
            "casefile_no_such_package.models:Thing",
            "cannot import casefile_no_such_package.models: ModuleNotFoundError: No module "
            "named 'casefile_no_such_package'",
        ),
        (
            "tests.fixtures.models:Thin",
            "tests.fixtures.models has no attribute 'Thin'; did you mean 'Thing'?",
        ),
    ],
)
def test_a_model_that_cannot_be_loaded_is_exit_2_and_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    target: str,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("thing.json").write_text(THING, "utf-8")
    assert cli.run_command(["--schema", f"py:{target}", "thing.json"]) == 2
    assert capsys.readouterr() == (
        "",
        f"casefile-validate: schema error: py:{target}: {message}\n",
    )


# --- as a process: Ctrl-C and a closed standard output --------------------------------------


def _start(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    """The installed script with SIGINT's default disposition (a test run in the background of
    a shell without job control inherits it ignored)."""
    assert SCRIPT is not None
    become = (
        "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
        "os.execv(sys.argv[1], sys.argv[1:])"
    )
    return subprocess.Popen(
        [sys.executable, "-c", become, SCRIPT, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env={k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "TERM")},
    )


@pytest.mark.skipif(SCRIPT is None, reason="console script not installed next to this Python")
@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="needs Linux /proc")
def test_ctrl_c_is_exit_130_and_one_line(tmp_path: Path) -> None:
    from tests.cli.test_signals import _blocked_on_a_pipe, _until

    os.mkfifo(tmp_path / "Thing.md")
    with _start(["check", "Thing.md"], tmp_path) as process:
        try:
            _until(lambda: _blocked_on_a_pipe(process.pid), "the doc's open to block")
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=60)
        finally:
            process.kill()
    assert (process.returncode, out, err) == (130, b"", b"casefile-schemas: interrupted\n")


@pytest.mark.skipif(SCRIPT is None, reason="console script not installed next to this Python")
@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="needs Linux /proc")
def test_a_closed_standard_output_is_exit_141_and_quiet(tmp_path: Path) -> None:
    from tests.cli.test_signals import _blocked_on_a_pipe, _until

    fifo = tmp_path / "Thing.md"
    os.mkfifo(fifo)
    with _start(["import", "Thing.md"], tmp_path) as process:
        try:
            _until(lambda: _blocked_on_a_pipe(process.pid), "the doc's open to block")
            assert process.stdout is not None and process.stderr is not None
            process.stdout.close()  # the reader goes away before anything is written
            with open(fifo, "w", encoding="utf-8") as writer:
                writer.write(doc("Thing"))
            err = process.stderr.read()
            process.wait(timeout=60)
        finally:
            process.kill()
    assert (process.returncode, err) == (141, b"")
    assert (tmp_path / "schemas" / "Thing.json").read_bytes() == render(
        contract(parse_doc("Thing.md", doc("Thing").encode()))
    )
