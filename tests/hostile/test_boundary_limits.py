"""Bounded time and memory whatever the repository holds (issue 20, item 7, the input side;
docs/security-boundary.md): ignore files and globs are matched in linear time, and a bad one is
a warning (an ignore file) or exit 2 in one line (a glob given); only regular files are read,
each within its size limit; a JSON Lines line past ``--max-document-bytes`` is that line's exit
3, read without being kept; a config nested thousands deep is exit 2 in one line.

Every case runs the installed console script in a subprocess, under a timeout and an
address-space limit, and asserts the exit code and the exact lines, never a traceback."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.hostile.repository import TOOL, VALID, environment, tool
from validator.contracts.catalog import DEFAULT_SCHEMA
from validator.inputs.boundary import (
    MAX_CONFIG_BYTES,
    MAX_DOCUMENT_BYTES,
    MAX_IGNORE_BYTES,
    MAX_SCHEMA_BYTES,
)

MEMORY = 1 << 30
"""The address space each run may use (a run needs about a tenth of it)."""
BACKTRACKING = "*a*a*a*a*a*a*a*a*b"
LONG_NAME = "a" * 200 + ".json"  # no "b": every way of placing the stars is tried, and fails


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(repo: Path, *args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    return tool(*args, cwd=repo, timeout=timeout, preexec_fn=limited)


def git_repo(tmp_path: Path, config: str | None = None) -> Path:
    repo = tmp_path / "repo"
    (repo / "payloads").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=environment(tmp_path))
    shutil.copy(VALID, repo / "payloads" / "ok.json")
    if config is None:
        config = '[[checks]]\nfiles = ["payloads/*.json"]\nschema = "' + DEFAULT_SCHEMA + '"\n'
    (repo / ".casefile-validate.toml").write_text(config)
    return repo


# --- .gitignore and globs ------------------------------------------------------------------------


def test_a_backtracking_ignore_line_is_matched_in_linear_time(tmp_path: Path) -> None:
    """The issue's case, timed alone in a fresh process: well under a second (the regex
    pathspec writes takes minutes); a path 1000 folders deep too (checking each folder above
    it against each ignore file above that, read once)."""
    script = textwrap.dedent(
        f"""
        import time
        from validator.run.selection import GitIgnore
        from pathlib import Path
        Path({str(tmp_path)!r}, ".gitignore").write_text({BACKTRACKING!r} + "\\n")
        rules = GitIgnore(Path({str(tmp_path)!r}))
        rules.ignored("warm")  # the ignore file read, pathspec imported
        names = [{LONG_NAME!r}, "d/" * 1000 + {LONG_NAME!r}, ("a" * 250 + "/") * 15 + "x"]
        start = time.perf_counter()
        found = [rules.ignored(name) for name in names]
        print(found, time.perf_counter() - start)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, timeout=30, preexec_fn=limited
    )
    assert result.returncode == 0, result.stderr.decode()
    found, seconds = result.stdout.decode().rsplit(" ", 1)
    assert found == "[False, False, False]"
    assert float(seconds) < 0.5


def test_a_backtracking_ignore_line_does_not_stall_a_run(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    (repo / ".gitignore").write_text(f"{BACKTRACKING}\n/{BACKTRACKING}/**/{BACKTRACKING}\n")
    shutil.copy(VALID, repo / "payloads" / LONG_NAME)
    result = run(repo, timeout=20)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == b"2 documents: 2 valid, 0 invalid, 0 unreadable\n"


def test_an_ignore_line_git_never_matches_with_is_skipped_with_a_warning(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    (repo / "payloads" / ".gitignore").write_text("# ok\n[z-a]\nskip.json\n[abc\nx\\\n")
    shutil.copy(VALID, repo / "payloads" / "skip.json")
    result = run(repo)
    assert result.returncode == 0
    assert result.stdout == b"1 document: 1 valid, 0 invalid, 0 unreadable\n"
    assert result.stderr.decode().splitlines() == [
        "casefile-validate: warning: payloads/.gitignore:2: pattern skipped: a range runs "
        "backwards (like [z-a]) and matches nothing",
        "casefile-validate: warning: payloads/.gitignore:4: pattern skipped: a [ is never closed",
        "casefile-validate: warning: payloads/.gitignore:5: pattern skipped: it ends with a "
        "lone backslash",
    ]


def test_a_bad_glob_on_the_command_line_is_exit_2_in_one_line(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    result = run(repo, "--exclude", "[z-a]", "payloads")
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == (
        b"casefile-validate: --exclude '[z-a]' is not a usable glob: a range runs backwards "
        b"(like [z-a]) and matches nothing\n"
    )


@pytest.mark.parametrize(
    ("config", "where", "key"),
    [
        ('exclude = ["[z-a]"]\n[[checks]]\nfiles = ["*.json"]\nschema = "x"\n', "1:1", "exclude"),
        ('[[checks]]\nfiles = ["[z-a]"]\nschema = "x"\n', "2:1", "files"),
        ('[[checks]]\nfiles = ["*.json"]\nexclude = ["[z-a]"]\nschema = "x"\n', "3:1", "exclude"),
    ],
)
def test_a_bad_glob_in_the_config_is_exit_2_in_one_line(
    tmp_path: Path, config: str, where: str, key: str
) -> None:
    repo = git_repo(tmp_path, config)
    result = run(repo)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == (
        f'casefile-validate: config error: .casefile-validate.toml:{where}: "{key}": '
        "'[z-a]' is not a usable glob: a range runs backwards (like [z-a]) and matches nothing\n"
    )


# --- only regular files, within their sizes -------------------------------------------------------


def test_a_gitignore_that_links_to_dev_zero_is_not_read(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    os.symlink("/dev/zero", repo / ".gitignore")
    os.symlink("/dev/zero", repo / "payloads" / ".gitignore")
    result = run(repo, timeout=20)
    assert (result.returncode, result.stdout) == (
        0,
        b"1 document: 1 valid, 0 invalid, 0 unreadable\n",
    )
    assert result.stderr.decode().splitlines() == [
        "casefile-validate: warning: .gitignore: not read: not a regular file (git reads no other)",
        "casefile-validate: warning: payloads/.gitignore: not read: not a regular file (git "
        "reads no other)",
    ]


def test_an_ignore_file_past_its_size_is_not_read(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    with open(repo / ".gitignore", "wb") as file:
        file.truncate(MAX_IGNORE_BYTES + 1)  # sparse: no disk, no time
    result = run(repo, timeout=20)
    assert result.returncode == 0
    assert result.stderr == b"casefile-validate: warning: .gitignore: not read: larger than 1 MiB\n"


@pytest.mark.parametrize("kind", ["link", "fifo", "large"])
def test_a_schema_that_is_not_a_small_regular_file_is_exit_2(tmp_path: Path, kind: str) -> None:
    repo = git_repo(tmp_path)
    schema = repo / "contracts" / "schema.json"
    schema.parent.mkdir()
    why = "not a regular file"
    if kind == "link":
        os.symlink("/dev/zero", schema)
    elif kind == "fifo":
        os.mkfifo(schema)  # never opened for long: no writer is waited for
    else:
        with open(schema, "wb") as file:
            file.truncate(MAX_SCHEMA_BYTES + 1)
        why = "larger than 64 MiB"
    (repo / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["payloads/*.json"]\nschema = "contracts/schema.json"\n'
    )
    named = run(repo, "--schema", schema, "payloads/ok.json", timeout=20)
    assert (named.returncode, named.stdout) == (2, b"")
    assert (
        named.stderr.decode()
        == f"casefile-validate: schema error: {schema}: cannot read schema: {why}\n"
    )
    from_config = run(repo, timeout=20)
    assert (from_config.returncode, from_config.stdout) == (2, b"")
    if kind == "link":  # /dev/zero: outside the config's folder
        why = (
            f"leads outside {repo}: not read (a config's schemas must lie in its folder or in "
            "a --schema-dir)"
        )
        shown = "contracts/schema.json: the schema file"
    else:
        shown, why = f"{schema}: cannot read schema:", why
    assert from_config.stderr.decode() == (
        f"casefile-validate: config error: .casefile-validate.toml:3:1: check 1: {shown} {why}\n"
    )


@pytest.mark.parametrize("name", [".casefile-validate.toml", "pyproject.toml"])
def test_a_config_past_its_size_is_exit_2(tmp_path: Path, name: str) -> None:
    repo = git_repo(tmp_path)
    config = (repo / ".casefile-validate.toml").read_bytes()
    (repo / ".casefile-validate.toml").unlink()
    with open(repo / name, "wb") as file:
        if name == "pyproject.toml":  # the search reads it for its header, then the loading
            file.write(
                b"[tool.casefile-validate]\n" + config.replace(b"[[", b"[[tool.casefile-validate.")
            )
            file.truncate(4 << 30)  # sparse: 4 GiB of nothing, past the address space allowed
        else:
            file.write(config + b"#" * MAX_CONFIG_BYTES)
    result = run(repo, timeout=20)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == (
        f"casefile-validate: config error: {name}: cannot read the config: larger than 1 MiB\n"
    )


def test_a_config_nested_thousands_deep_is_exit_2_in_one_line(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    (repo / ".casefile-validate.toml").unlink()
    (repo / "pyproject.toml").write_text(
        "[tool.casefile-validate]\nexclude = []\n[tool.other]\nx = " + "[" * 5000 + "]" * 5000
    )
    result = run(repo, timeout=20)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == (
        b"casefile-validate: config error: pyproject.toml: invalid TOML: values nested too deeply\n"
    )


def test_a_document_past_its_size_is_unreadable(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    with open(repo / "payloads" / "huge.json", "wb") as file:
        file.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: it is refused from its size alone
    result = run(repo, timeout=20)
    assert result.returncode == 3
    assert result.stdout.decode().splitlines()[0] == (
        "payloads/huge.json: not read (--max-document-bytes): larger than 64 MiB"
    )
    small = run(repo, "--max-document-bytes", "100", "payloads/ok.json")
    assert small.returncode == 3
    assert small.stdout.decode().splitlines()[0] == (
        "payloads/ok.json: not read (--max-document-bytes): larger than 100 bytes"
    )


def test_dev_zero_named_is_read_only_to_the_limit(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    result = run(repo, "--no-config", "--max-document-bytes", "1000000", "/dev/zero")
    assert result.returncode == 3
    assert result.stdout.decode().splitlines() == [
        "/dev/zero: not read (--max-document-bytes): larger than 1000000 bytes",
        "1 document: 0 valid, 0 invalid, 1 unreadable",
    ]


# --- a JSON Lines line past the limit: that line's exit 3, memory near the limit ------------------

PEAK = """\
import resource, subprocess, sys
limit = int(sys.argv[1])
def limited():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
stdin = open(sys.argv[2], "rb") if sys.argv[2] != "-" else None
done = subprocess.run(sys.argv[3:], stdin=stdin, capture_output=True, preexec_fn=limited)
sys.stdout.buffer.write(done.stdout)
sys.stderr.buffer.write(done.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(done.returncode)
"""


def peak_run(cwd: Path, stdin: str, *args: str | Path) -> tuple[int, list[str], str, int]:
    """(exit code, stdout lines, stderr, peak resident KiB) of one run, measured alone."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK, str(MEMORY), stdin, str(TOOL), *map(str, args)],
        cwd=cwd,
        env=environment(cwd),
        capture_output=True,
        timeout=120,
    )
    err, _, peak = done.stderr.decode().rstrip("\n").rpartition("\n")
    assert "Traceback" not in err
    return done.returncode, done.stdout.decode().splitlines(), err, int(peak)


@pytest.fixture(scope="module")
def long_line(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSON Lines file whose third line is 128 MiB (between two valid lines, and a valid
    one after, so that ranges cut it too)."""
    path = tmp_path_factory.mktemp("lines") / "day.jsonl"
    good = VALID.read_bytes().replace(b"\n", b"") + b"\n"
    with open(path, "wb") as file:
        file.write(good * 2 + b'{"x": "')
        chunk = b"y" * (1 << 20)
        for _ in range(128):
            file.write(chunk)
        file.write(b'"}\n' + good)
    return path


@pytest.mark.parametrize("how", ["file", "stdin", "jobs"])
def test_a_line_past_the_limit_is_its_own_exit_3_in_little_memory(
    long_line: Path, how: str
) -> None:
    cap = 4 << 20
    args: list[str | Path] = ["--no-config", "--max-document-bytes", str(cap)]
    if how == "stdin":
        code, out, err, peak = peak_run(long_line.parent, str(long_line), *args, "--jsonl", "-")
        source = "<stdin>"
    else:
        jobs = ["--jobs", "2"] if how == "jobs" else ["--jobs", "1"]
        code, out, err, peak = peak_run(long_line.parent, "-", *args, *jobs, long_line)
        source = str(long_line)
    assert (code, err) == (3, "")
    assert out[0] == f"{source}:3: not read (--max-document-bytes): line longer than 4 MiB"
    assert out[-1] == "4 documents: 3 valid, 0 invalid, 1 unreadable"
    assert peak < 40_000 + 6 * cap // 1024, peak  # KiB: the run itself, and a few times the cap
