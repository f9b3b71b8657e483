"""casefile-schemas reads only what lies in its folders (docs/security-boundary.md,
"casefile-schemas reads only inside its folders"), and a schema named by name in a
``--schema-dir`` stays inside it.

The stored schemas in ``--dir`` and the model docs a DOC folder holds come from the repository: a
link out of the folder is refused in one line naming it (exit 2), and only regular files of at
most 64 MiB are read, opened without blocking.  Each case runs the installed console script in a
subprocess under a timeout and an address-space limit, with a secret outside the repository
(``tmp_path/outside``) and in the environment, and asserts the exit code, the exact lines, and
that the secret appears nowhere."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.repository import SECRET, VALID, environment, tool
from validator.inputs.boundary import MAX_SCHEMA_BYTES

SCHEMAS = Path(sys.executable).parent / "casefile-schemas"
VALIDATE = Path(sys.executable).parent / "casefile-validate"
MEMORY = 1 << 30
"""The address space each run may use (``/dev/zero`` read whole ran out of it)."""


def doc(title: str, block: str = '{"type": "object"}') -> str:
    return f"# {title}\n\n**Package:** `shop.models`\n\n## JSON Schema\n\n```json\n{block}\n```\n"


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def schemas(repo: Path, *args: str, timeout: float = 30) -> tuple[int, str, str]:
    """``casefile-schemas ARGS`` run in ``repo``: exit code, stdout, stderr; the secret in
    neither stream, and never a traceback."""
    result = tool(*args, cwd=repo, timeout=timeout, preexec_fn=_limited, program=[str(SCHEMAS)])
    out, err = result.stdout.decode(), result.stderr.decode()
    assert SECRET not in out + err
    return result.returncode, out, err


def _repo(tmp_path: Path) -> Path:
    """``tmp_path/repo``: docs/good.md and docs/other.md, their schemas stored in out/ (Other's
    up to date), and ``tmp_path/outside`` beside it, holding secrets."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.json").write_text(json.dumps({"type": "object", "title": SECRET}))
    (outside / "secret.md").write_text(doc("Secret", json.dumps({"description": SECRET})))
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "docs" / "good.md").write_text(doc("Good"))
    (repo / "docs" / "other.md").write_text(doc("Other"))
    assert schemas(repo, "import", "--dir", "out", "docs")[0] == 0
    return repo


def _link(repo: Path, name: str, target: str) -> None:
    (repo / name).unlink(missing_ok=True)
    os.symlink(target, repo / name)


OUT = "casefile-schemas: out/Good.json: link leads outside out (the --dir folder): not opened\n"
WROTE_GOOD = (
    "wrote out/Good.json (from docs/good.md)\nunchanged out/Other.json (from docs/other.md)\n"
)
ONE_UP = (
    "2 documented schemas: 1 up to date, 0 changed, 0 missing, 1 not checked (stored file "
    "unusable)\n"
)
"""The summary of ``check`` when Good's stored schema is not used (Other's is still checked)."""
TWO_UP = "2 documented schemas: 2 up to date, 0 changed, 0 missing\n"


@pytest.mark.parametrize("target", ["../../outside/secret.json", "/proc/self/environ", "/dev/zero"])
def test_check_never_reads_a_stored_schema_that_links_out_of_dir(
    tmp_path: Path, target: str
) -> None:
    """Before: the secret's contents in the diff (exit 1), the environment's first byte in a
    JSON error, a MemoryError traceback."""
    repo = _repo(tmp_path)
    _link(repo, "out/Good.json", target)
    assert schemas(repo, "check", "--dir", "out", "docs") == (
        2,
        ONE_UP,
        OUT,
    )


def test_import_replaces_a_link_out_of_dir_and_never_reads_it(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    for target in ("../../outside/secret.json", "/dev/zero"):
        _link(repo, "out/Good.json", target)
        assert schemas(repo, "import", "--dir", "out", "docs") == (
            0,
            WROTE_GOOD,
            "",
        )
        assert not (repo / "out/Good.json").is_symlink()
    assert json.loads((tmp_path / "outside/secret.json").read_text())["title"] == SECRET


def test_a_named_pipe_in_dir_is_not_waited_on(tmp_path: Path) -> None:
    """Before: ``check`` and ``import`` waited for a writer for ever."""
    repo = _repo(tmp_path)
    (repo / "out/Good.json").unlink()
    os.mkfifo(repo / "out/Good.json")
    assert schemas(repo, "check", "--dir", "out", "docs", timeout=20) == (
        2,
        ONE_UP,
        "casefile-schemas: out/Good.json: cannot read schema: not a regular file\n",
    )
    assert schemas(repo, "list", "--dir", "out", timeout=20) == (
        2,
        "Other\n",
        "casefile-schemas: out/Good.json: cannot read schema: not a regular file\n",
    )
    assert schemas(repo, "show", "--dir", "out", "Good", timeout=20) == (
        2,
        "",
        "casefile-schemas: schema error: out/Good.json: cannot read schema: not a regular file\n",
    )
    assert schemas(repo, "import", "--dir", "out", "docs", timeout=20)[:2] == (
        0,
        WROTE_GOOD,
    )


def test_a_stored_schema_past_64_mib_is_not_read(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    with open(repo / "out/Good.json", "wb") as sparse:
        sparse.truncate(MAX_SCHEMA_BYTES + 1)
    assert schemas(repo, "check", "--dir", "out", "docs") == (
        2,
        ONE_UP,
        "casefile-schemas: out/Good.json: cannot read schema: larger than 64 MiB\n",
    )


def test_show_and_list_leave_a_link_out_of_dir_alone(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _link(repo, "out/Leak.json", "../../outside/secret.json")
    _link(repo, "out/Near.json", "Other.json")  # inside: followed
    assert schemas(repo, "show", "--dir", "out", "Leak") == (
        2,
        "",
        "casefile-schemas: schema error: out/Leak.json: link leads outside out (the --dir "
        "folder): not opened\n",
    )
    code, out, err = schemas(repo, "show", "--dir", "out", "Near")
    assert (code, json.loads(out)["$id"], err) == (
        0,
        "https://casefile-validator.invalid/schemas/shop.models/Other.json",
        "",
    )
    assert schemas(repo, "list", "--dir", "out") == (
        2,
        "Good\nNear\nOther\n",
        "casefile-schemas: out/Leak.json: link leads outside out (the --dir folder): not opened\n",
    )
    assert schemas(repo, "show", "--dir", "out", "Nothing")[2] == (
        "casefile-schemas: schema error: unknown schema 'Nothing' in out (known: Good, Near, "
        "Other)\n"
    )


DOC_OUT = "casefile-schemas: docs/l.md: link leads outside docs (the folder named): not opened\n"


@pytest.mark.parametrize("target", ["../../outside/secret.md", "/dev/zero"])
def test_a_doc_that_links_out_of_its_folder_is_not_read(tmp_path: Path, target: str) -> None:
    """Before: the outside doc was read and its schema written into the repository."""
    repo = _repo(tmp_path)
    _link(repo, "docs/l.md", target)
    assert schemas(repo, "import", "--dir", "out", "docs") == (
        2,
        "",
        DOC_OUT + "casefile-schemas: nothing written\n",
    )
    assert sorted(os.listdir(repo / "out")) == ["Good.json", "Other.json"]
    assert schemas(repo, "check", "--dir", "out", "docs") == (
        2,
        TWO_UP,
        DOC_OUT,
    )


def test_a_doc_folder_link_out_is_not_walked_and_a_link_inside_counts_once(
    tmp_path: Path,
) -> None:
    repo = _repo(tmp_path)
    _link(repo, "docs/sub", "../../outside")  # holds secret.md
    _link(repo, "docs/alias.md", "good.md")
    assert schemas(repo, "check", "--dir", "out", "docs") == (
        2,
        TWO_UP,
        "casefile-schemas: docs/sub: link leads outside docs (the folder named): not opened\n",
    )


def test_a_named_pipe_in_a_doc_folder_is_not_waited_on(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    os.mkfifo(repo / "docs/p.md")
    assert schemas(repo, "check", "--dir", "out", "docs", timeout=20) == (
        2,
        TWO_UP,
        "casefile-schemas: docs/p.md: not a regular file (a named pipe, socket or device): read "
        "only when named, not when found in a directory\n",
    )


def test_a_doc_named_on_the_command_line_is_read_where_it_is(tmp_path: Path) -> None:
    """The job's own choice: a doc named outside the repository is read (the secret is then the
    job's to print), and a doc past 64 MiB is refused."""
    repo = _repo(tmp_path)
    named = tmp_path / "outside" / "named.md"
    named.write_text(doc("Named"))
    assert schemas(repo, "import", "--dir", "out", str(named)) == (
        0,
        f"wrote out/Named.json (from {named})\n",
        "",
    )
    with open(repo / "big.md", "wb") as sparse:
        sparse.truncate(MAX_SCHEMA_BYTES + 1)
    assert schemas(repo, "check", "--dir", "out", "big.md") == (
        2,
        "0 documented schemas: 0 up to date, 0 changed, 0 missing\n",
        "casefile-schemas: big.md: cannot read: larger than 64 MiB\n",
    )


# --- casefile-validate --schema-dir: a name looked up there stays inside it ------------------


def _schema_dir(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leak.json").write_text(json.dumps({"title": SECRET, "type": "string"}))
    repo = tmp_path / "repo"
    (repo / "sd").mkdir(parents=True)
    (repo / "doc.json").write_bytes(VALID.read_bytes())
    os.symlink("../../outside/leak.json", repo / "sd" / "Leak.json")
    (repo / "sd" / "R.json").write_text('{"$ref": "Leak.json"}')
    return repo


@pytest.mark.parametrize("name", ["Leak", "Leak.json"])
def test_a_name_in_a_schema_dir_that_links_out_is_refused_as_a_ref_is(
    tmp_path: Path, name: str
) -> None:
    """Before: the outside file was used (its keys in warnings, its path in the JSON report),
    while a ``$ref`` to it was refused."""
    repo = _schema_dir(tmp_path)
    real = os.path.realpath(tmp_path / "outside" / "leak.json")
    folder = os.path.realpath(repo / "sd")
    rest = (
        f" leads outside the schema folders ({real} is not in {folder}); only files in the folder "
        "of the schema and the schema dirs are read\n"
    )
    for form in ("text", "json"):
        args = ("--schema-dir", "sd", "--schema", name, "--format", form, "doc.json")
        result = tool(*args, cwd=repo, env=environment(tmp_path), timeout=60)
        err = result.stderr.decode()
        assert (result.returncode, result.stdout) == (2, b"")
        assert err.startswith(f"casefile-validate: schema error: {name}: ")
        assert err.endswith(f"sd/Leak.json{rest}") and err.count("\n") == 1
        assert SECRET not in err
    result = tool("--schema-dir", "sd", "--schema", "R", "doc.json", cwd=repo, timeout=60)
    assert (result.returncode, result.stderr.decode()) == (
        2,
        f'casefile-validate: schema error: R: $ref "Leak.json"{rest}',
    )


def test_a_name_in_a_schema_dir_that_stays_inside_is_used(tmp_path: Path) -> None:
    repo = _schema_dir(tmp_path)
    (repo / "sd" / "Any.json").write_text('{"type": "object"}')
    os.symlink("Any.json", repo / "sd" / "Near.json")
    result = subprocess.run(
        [str(VALIDATE), "--schema-dir", "sd", "--schema", "Near", "doc.json"],
        cwd=repo,
        env=environment(tmp_path),
        capture_output=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, b"")
