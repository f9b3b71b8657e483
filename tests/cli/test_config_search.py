"""Where the config was looked for, said when it matters: a ``[tool.casefile-*]`` table (or a near
miss of ``[tool.casefile-validate]``) that nothing reads is a warning with a did-you-mean, and a
run with no config and no input whose standard input is a terminal says, before it waits, what it
looked for and that it reads standard input (Ctrl-D ends it)."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "casefile-validate"
ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
MISNAMED = """\
[project]
name = "demo"

[tool.casefile-validator]
exclude = ["x/**"]

[[tool.casefile-validator.checks]]
files = ["*.json"]
schema = "AddSessionToCasefileResponse"

[tool.ruff]
line-length = 100
"""
SAID = (
    "casefile-validate: warning: {path}:4:1: table [tool.casefile-validator] is not read by "
    "casefile-validate; did you mean [tool.casefile-validate]?\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MISNAMED, [(4, "casefile-validator")]),
        ("[tool.casefile_validate]\n", [(1, "casefile_validate")]),
        ('[ tool . "casefile-validation" ]\n', [(1, "casefile-validation")]),
        ("[[tool.casfile-validate.checks]]\n", [(1, "casfile-validate")]),
        ("[tool.case-file-validate]\n", [(1, "case-file-validate")]),
        ("[tool.casefile-validate]\n[tool.Casefile-Validate]\n", [(2, "Casefile-Validate")]),
        ("[tool.casefile-validate]\n[[tool.casefile-validate.checks]]\n", []),
        ("[tool.ruff]\n[tool.mypy]\n[project]\n# [tool.casefile-validator]\n", []),
    ],
)
def test_strays_are_tables_meant_for_the_tool_that_it_does_not_read(
    text: str, expected: list[tuple[int, str]]
) -> None:
    from validator.run.discover import strays

    assert strays(text) == expected


def test_the_search_names_its_folders_and_strays(tmp_path: Path) -> None:
    from validator.run.discover import search

    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(MISNAMED)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    found = search(deep)
    assert found.found is None
    assert found.folders == [str(deep), str(tmp_path / "a"), str(tmp_path)]
    assert found.strays == [(str(tmp_path / "pyproject.toml"), 4, "casefile-validator")]


def test_a_misnamed_table_is_a_warning_with_a_did_you_mean(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(MISNAMED)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.json").write_text("{}")
    for cwd, path in [
        (tmp_path, "pyproject.toml"),
        (tmp_path / "sub", "../pyproject.toml"),  # as documents there are named
    ]:
        done = subprocess.run(
            [str(SCRIPT), "--quiet"],
            cwd=cwd,
            env=ENV,
            stdin=subprocess.DEVNULL,  # as in CI: not a terminal, so no word about reading it
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 3  # standard input was read: empty
        assert done.stderr == SAID.format(path=path)
    # named with --config: the error names the table that is there
    from validator.run.config import ConfigError, load_config

    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "pyproject.toml")
    assert str(caught.value) == (
        f"{tmp_path / 'pyproject.toml'}:4:1: no [tool.casefile-validate] table: "
        "[tool.casefile-validator] is not read; did you mean [tool.casefile-validate]?"
    )


@pytest.mark.parametrize(
    ("name", "near"),
    [
        (".casefile.toml", True),
        ("casefile.tml", True),
        ("casefile-validator.toml", True),
        ("casefile_validate.toml", True),
        ("casefile-validate.toml", True),
        (".casefile-validate.yaml", True),
        ("casefile.yaml", True),
        ("CaseFile.YML", True),
        (".casefile.json", True),
        ("casefile-validator.json", True),
        (".casefile-validate.toml", False),  # the config file itself
        ("casefile.json", False),  # may well be a document
        ("casefile-created.json", False),
        ("casefile.md", False),
        (".casefile-validate.toml.bak", False),
        ("pyproject.toml", False),
        ("casefile", False),
    ],
)
def test_near_config_names(name: str, near: bool) -> None:
    from validator.run.discover import near_config

    assert near_config(name) is near


NEAR = {
    ".casefile.toml": "did you mean .casefile-validate.toml?",
    "casefile.tml": "did you mean .casefile-validate.toml?",
    "casefile-validator.toml": "did you mean .casefile-validate.toml?",
    "casefile.yaml": (
        "its config is TOML: .casefile-validate.toml, or [tool.casefile-validate] in pyproject.toml"
    ),
}


def test_a_config_file_with_a_near_miss_name_is_a_warning(tmp_path: Path) -> None:
    """Files named like the config file, beside where it is looked for, are one warning line
    each naming the file and the name the tool looks for (found in the folder's listing, never
    opened)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.json").write_text('{"status": "x"}')
    (tmp_path / "casefile.json").write_text("{}")  # a document, not a near miss
    for name in NEAR:
        (tmp_path / name).write_text("[[checks]]\n")
    argv = [str(SCRIPT), "--quiet", "--schema", "AddSessionToCasefileResponse", "sub/a.json"]
    done = subprocess.run(
        argv, cwd=tmp_path, env=ENV, stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    assert done.returncode == 1  # the run goes on
    assert done.stderr.splitlines() == [
        f"casefile-validate: warning: {name}: not read by casefile-validate; {hint}"
        for name, hint in sorted(NEAR.items())
    ]
    # with a config found beside them, still not read: still said
    (tmp_path / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["sub/*.json"]\nschema = "AddSessionToCasefileResponse"\n'
    )
    done = subprocess.run(
        [str(SCRIPT), "--quiet"],
        cwd=tmp_path,
        env=ENV,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == len(NEAR)
    # --no-config, or a config named: no search, no word
    for flags in (["--no-config"], ["--config", ".casefile-validate.toml"]):
        done = subprocess.run(
            [*argv, *flags],
            cwd=tmp_path,
            env=ENV,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
        assert (done.returncode, done.stderr) == (1, "")


def _on_a_terminal(cwd: Path, *argv: str, lines: int = 1) -> tuple[str, int, str, str]:
    """Run with standard input a terminal: the first ``lines`` lines of stderr, read before any
    input is typed; then a document and Ctrl-D are typed: the exit code, stdout and the rest of
    stderr."""
    master, slave = os.openpty()
    try:
        process = subprocess.Popen(
            [str(SCRIPT), *argv],
            cwd=cwd,
            env=ENV,
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        os.close(slave)
        assert process.stderr is not None
        said = b""
        fd = process.stderr.fileno()
        while said.count(b"\n") < lines and select.select([fd], [], [], 60)[0]:
            chunk = os.read(fd, 65536)  # unbuffered: select sees what is left
            if not chunk:
                break
            said += chunk
        os.write(master, b'{"status": "done"}\n\x04')
        out, rest = process.communicate(timeout=60)
    finally:
        os.close(master)
    cut = [k for k, c in enumerate(said) if c == 10][:lines]
    end = cut[-1] + 1 if len(cut) == lines else len(said)
    first, early = said[:end].decode(), said[end:].decode()
    return first, process.returncode, out.decode(), early + rest.decode()


def test_a_terminal_on_standard_input_is_told_what_was_looked_for(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(MISNAMED)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    first, code, out, rest = _on_a_terminal(deep, "--quiet", lines=2)
    assert first == SAID.format(path="../../pyproject.toml") + (
        "casefile-validate: no config found (.casefile-validate.toml, or [tool.casefile-validate] "
        f"in pyproject.toml, in {deep} and the folders above it up to {tmp_path}); reading "
        "documents from standard input: end it with Ctrl-D (or name the files or folders to "
        "check)\n"
    )
    assert (code, out, rest) == (1, "1 document: 0 valid, 1 invalid, 0 unreadable\n", "")
    first, code, _, rest = _on_a_terminal(tmp_path, "--quiet", "--no-config")
    assert first == (
        "casefile-validate: reading documents from standard input: end it with Ctrl-D (or name "
        "the files or folders to check)\n"
    )
    assert (code, rest) == (1, "")
    first, code, _, rest = _on_a_terminal(tmp_path, "--quiet", "-")  # asked for: no word
    assert (first, code) == (SAID.format(path="pyproject.toml"), 1)
