"""The hooks of ``.pre-commit-hooks.yaml``, run by the real pre-commit in a throwaway repository.

The throwaway repository's ``.pre-commit-config.yaml`` points at this checkout (``repo:`` its
path, ``rev:`` its HEAD), so pre-commit clones the committed hooks and installs this package into
a hook environment of its own, as it would for any user.  Its home (clones, environments) is a
folder of the test session, shared by the tests of this module: it is installed once.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from validator.contracts.model_docs import contract, parse_doc, render

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent))

DOC = """\
# Thing

**Package:** `shop.models`

A thing, as the server sends it.

## JSON Schema

```json
{
  "properties": {
    "name": {"type": "string"},
    "count": {"type": "integer"}
  },
  "required": ["name", "count"],
  "title": "Thing",
  "type": "object"
}
```
"""


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def _head() -> str:
    """This checkout's HEAD: the commit whose hooks pre-commit installs."""
    try:
        return _git("rev-parse", "--verify", "HEAD", cwd=ROOT)
    except (OSError, subprocess.CalledProcessError):
        reason = f"{ROOT} is not a git checkout with a commit: pre-commit cannot clone it"
        if os.environ.get("CASEFILE_REQUIRE_CONFORMANCE") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


CONFIG = """\
repos:
  - repo: {root}
    rev: {rev}
    hooks:
      - id: casefile-validate
        args: [--schema, schemas/Thing.json]
        exclude: ^schemas/
      - id: casefile-schemas-check
        args: [docs/models/, --dir, schemas/]
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's home for this module: its clone of this checkout and the hook environment."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A throwaway git repository with a model doc, its schema file and the hook config."""
    if PRE_COMMIT is None:
        pytest.fail("pre-commit is a test dependency: pip install -e '.[test]'")
    rev = _head()
    work = tmp_path / "repo"
    (work / "docs" / "models").mkdir(parents=True)
    (work / "schemas").mkdir()
    (work / "docs" / "models" / "Thing.md").write_text(DOC, "utf-8")
    schema = render(contract(parse_doc("Thing.md", DOC.encode())))
    (work / "schemas" / "Thing.json").write_bytes(schema)
    (work / ".pre-commit-config.yaml").write_text(CONFIG.format(root=ROOT, rev=rev), "utf-8")
    _git("init", "-q", cwd=work)
    _git("add", ".", cwd=work)
    _git("commit", "-q", "-m", "start", cwd=work)
    return work


def _pre_commit(work: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT", "VIRTUAL_ENV", "PIP_"))
    }
    env.update(PRE_COMMIT_HOME=str(home), NO_COLOR="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return subprocess.run(
        [PRE_COMMIT or "pre-commit", "run", "--color", "never", "--files", *files],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _hook_lines(output: str) -> dict[str, str]:
    """hook name -> its verdict (Passed, Failed, or (no files to check)Skipped)."""
    found = re.findall(r"^(casefile-[a-z-]+(?: check)?)\.+(\S.*)$", output, flags=re.MULTILINE)
    return dict(found)


def test_validate_hook_fails_on_an_invalid_payload_and_passes_once_fixed(
    repo: Path, home: Path
) -> None:
    (repo / "payload.json").write_text('{"name": "bolt",\n "count": "3"}\n', "utf-8")
    failed = _pre_commit(repo, home, "payload.json")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert _hook_lines(failed.stdout) == {
        "casefile-validate": "Failed",
        "casefile-schemas check": "Passed",
    }
    assert (
        "- hook id: casefile-validate\n- exit code: 1\n\n"
        'payload.json:2:11: /count: expected integer, got string "3" '
        "[/properties/count/type]\n"
        "1 document: 0 valid, 1 invalid, 0 unreadable\n"
    ) in failed.stdout

    (repo / "payload.json").write_text('{"name": "bolt",\n "count": 3}\n', "utf-8")
    passed = _pre_commit(repo, home, "payload.json")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert _hook_lines(passed.stdout) == {
        "casefile-validate": "Passed",
        "casefile-schemas check": "Passed",
    }


def test_validate_hook_takes_json_lines_and_leaves_other_files_alone(
    repo: Path, home: Path
) -> None:
    (repo / "log.ndjson").write_text('{"name": "a", "count": 1}\n{"name": "b"}\n', "utf-8")
    (repo / "notes.txt").write_text("not JSON at all\n", "utf-8")
    result = _pre_commit(repo, home, "log.ndjson", "notes.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        'log.ndjson:2:1: /: missing required property "count" [/required]\n'
        "2 documents: 1 valid, 1 invalid, 0 unreadable\n"
    ) in result.stdout
    assert "notes.txt" not in result.stdout

    only_text = _pre_commit(repo, home, "notes.txt")  # the command leaves it alone
    assert only_text.returncode == 0, only_text.stdout + only_text.stderr
    assert _hook_lines(only_text.stdout) == {
        "casefile-validate": "Passed",
        "casefile-schemas check": "(no files to check)Skipped",
    }


def test_schemas_check_hook_fails_when_a_doc_drifts_and_passes_once_imported(
    repo: Path, home: Path
) -> None:
    doc = repo / "docs" / "models" / "Thing.md"
    doc.write_text(
        DOC.replace('"count": {"type": "integer"}', '"count": {"type": "number"}'), "utf-8"
    )
    failed = _pre_commit(repo, home, "docs/models/Thing.md")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert _hook_lines(failed.stdout) == {
        "casefile-validate": "Passed",  # given the doc, which it leaves alone
        "casefile-schemas check": "Failed",
    }
    assert (
        "- hook id: casefile-schemas-check\n- exit code: 1\n\n"
        "schemas/Thing.json: differs from the schema documented in docs/models/Thing.md "
        "(1 change):\n"
        '  /properties/count/type: changed "integer" -> "number"\n'
        "1 documented schema: 0 up to date, 1 changed, 0 missing\n"
    ) in failed.stdout

    schema = render(contract(parse_doc("Thing.md", doc.read_bytes())))
    (repo / "schemas" / "Thing.json").write_bytes(schema)
    passed = _pre_commit(repo, home, "docs/models/Thing.md", "schemas/Thing.json")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert _hook_lines(passed.stdout) == {
        "casefile-validate": "Passed",
        "casefile-schemas check": "Passed",
    }


CONFIGURED = """\
repos:
  - repo: {root}
    rev: {rev}
    hooks:
      - id: casefile-validate
"""

CHECKS = """\
[[checks]]
files = ["responses/*.json"]
schema = "schemas/Thing.json"
"""


def test_validate_hook_follows_the_repositorys_config(repo: Path, home: Path) -> None:
    (repo / ".pre-commit-config.yaml").write_text(
        CONFIGURED.format(root=ROOT, rev=_head()), "utf-8"
    )
    (repo / ".casefile-validate.toml").write_text(CHECKS, "utf-8")
    (repo / "responses").mkdir()
    (repo / "responses" / "a.json").write_text('{"name": "bolt",\n "count": "3"}\n', "utf-8")
    (repo / "other.json").write_text('{"anything": true}\n', "utf-8")
    _git("add", ".", cwd=repo)
    files = ("responses/a.json", "other.json", "schemas/Thing.json")
    failed = _pre_commit(repo, home, *files)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert _hook_lines(failed.stdout) == {"casefile-validate": "Failed"}
    assert (
        "- hook id: casefile-validate\n- exit code: 1\n\n"
        'responses/a.json:2:11: /count: expected integer, got string "3" '
        "[/properties/count/type]\n"
        "2 inputs skipped (no check matches them)\n"
        "1 document: 0 valid, 1 invalid, 0 unreadable\n"
    ) in failed.stdout

    (repo / "responses" / "a.json").write_text('{"name": "bolt",\n "count": 3}\n', "utf-8")
    passed = _pre_commit(repo, home, *files)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert _hook_lines(passed.stdout) == {"casefile-validate": "Passed"}


LOGS = """\
[[checks]]
files = ["logs/*.log"]
schema = "schemas/Thing.json"
jsonl = true
"""


def test_validate_hook_sees_the_files_of_a_check_with_another_extension(
    repo: Path, home: Path
) -> None:
    """The README's example: a check of ``logs/*.log`` with ``jsonl = true``; a bad line of
    ``logs/app.log`` fails the hook as it fails a plain run, and other files are left alone."""
    (repo / ".pre-commit-config.yaml").write_text(
        CONFIGURED.format(root=ROOT, rev=_head()), "utf-8"
    )
    (repo / ".casefile-validate.toml").write_text(LOGS, "utf-8")
    (repo / "logs").mkdir()
    (repo / "logs" / "app.log").write_text('{"name": "a", "count": 1}\n{"name": "b"}\n', "utf-8")
    (repo / "notes.txt").write_text("not JSON at all\n", "utf-8")
    _git("add", ".", cwd=repo)
    failed = _pre_commit(repo, home, "logs/app.log", "notes.txt", "docs/models/Thing.md")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert _hook_lines(failed.stdout) == {"casefile-validate": "Failed"}
    assert (
        "- hook id: casefile-validate\n- exit code: 1\n\n"
        'logs/app.log:2:1: /: missing required property "count" [/required]\n'
        "2 documents: 1 valid, 1 invalid, 0 unreadable\n"
    ) in failed.stdout
    plain = subprocess.run(
        [str(Path(sys.executable).parent / "casefile-validate"), "logs/"],
        cwd=repo,
        env={"PATH": os.environ.get("PATH", "")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (plain.returncode, plain.stderr) == (1, "")
    assert plain.stdout.startswith('logs/app.log:2:1: /: missing required property "count"')

    (repo / "logs" / "app.log").write_text('{"name": "a", "count": 1}\n', "utf-8")
    passed = _pre_commit(repo, home, "logs/app.log", "notes.txt")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert _hook_lines(passed.stdout) == {"casefile-validate": "Passed"}


MODEL_HOOK = """\
repos:
  - repo: {root}
    rev: {rev}
    hooks:
      - id: casefile-validate
        args: [--allow-config-code]
"""


def test_a_model_schema_in_the_hook_says_to_add_additional_dependencies(
    repo: Path, home: Path
) -> None:
    """pre-commit installs the hook's own dependencies only: a ``py:`` schema needs pydantic
    there, and the error says how to get it."""
    (repo / ".pre-commit-config.yaml").write_text(
        MODEL_HOOK.format(root=ROOT, rev=_head()), "utf-8"
    )
    (repo / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["*.json"]\nschema = "py:shop:Thing"\n', "utf-8"
    )
    (repo / "shop.py").write_text("import pydantic\n", "utf-8")
    (repo / "payload.json").write_text('{"name": "bolt", "count": 3}\n', "utf-8")
    _git("add", ".", cwd=repo)
    failed = _pre_commit(repo, home, "payload.json")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert (
        "- hook id: casefile-validate\n- exit code: 2\n\n"
        "casefile-validate: config error: .casefile-validate.toml:3:1: check 1: py:shop:Thing: "
        "pydantic is not installed: install casefile-validator[pydantic] (in a pre-commit hook: "
        "additional_dependencies: [pydantic], with what the models import)\n"
    ) in failed.stdout


def test_validate_hook_passes_on_no_command_or_escape_from_a_hostile_payload(
    repo: Path, home: Path
) -> None:
    """What the hook prints (pre-commit shows it on the terminal and in CI logs) holds no
    workflow command and no raw terminal escape from a payload's name, keys or values."""
    from tests.hostile.workflow_commands import read_commands

    forged = "::error file=README.md::forged"
    payload = {
        "name": f"##[add-mask]bolt\n{forged}",
        "count": "\x1b]52;c;Y2xpcA==\x07\x1b[2J\u202e",
        f"\n{forged}-key\x1b[2J": 1,
    }
    name = "\x1b[31mred\u202e.json"
    (repo / name).write_text(json.dumps(payload), "utf-8")
    failed = _pre_commit(repo, home, name)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert _hook_lines(failed.stdout)["casefile-validate"] == "Failed"
    for output in (failed.stdout, failed.stderr):
        assert read_commands(output) == []
        assert re.search("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]", output) is None
    assert "\\x1b[31mred\\u202e.json:1:" in failed.stdout
