"""A hostile repository for the boundary tests: a git work tree built in a test's folder, with
links out of it to secrets the test writes outside it, and the command run on it as CI runs it
(the installed console script, a clean environment, the repository as working directory)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
VALID = EXAMPLES / "valid_completed.json"
TOOL = Path(sys.executable).parent / "casefile-validate"
SECRET = "CASEFILE-SECRET-3f9a1c"
"""Written only outside the repository (and in the run's environment): never in any output."""
FORMATS = ("text", "json", "github", "junit", "sarif", "markdown", "html")


def environment(home: Path, **extra: str) -> dict[str, str]:
    """A CI job's environment, with nothing of the test's own (no NO_COLOR, CI, TERM, GITHUB_*)
    and a secret in it, as a runner's environment has."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "RUNNER_TOKEN": SECRET,
        **extra,
    }


def tool(
    *args: str | Path,
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    preexec_fn: Callable[[], None] | None = None,
    program: list[str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed ``casefile-validate`` (or ``program``) in ``cwd``; never a traceback."""
    result = subprocess.run(
        [*(program or [str(TOOL)]), *map(str, args)],
        cwd=cwd,
        env=env if env is not None else environment(cwd.parent),
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        preexec_fn=preexec_fn,
    )
    assert b"Traceback" not in result.stdout + result.stderr, result.stderr.decode(errors="replace")
    return result


def build(tmp_path: Path) -> tuple[Path, Path]:
    """(repository, outside): a git work tree holding links out of it, and the folder beside it
    holding the secrets they lead to."""
    outside = tmp_path / "outside"
    (outside / "docker").mkdir(parents=True)
    (outside / "secret.json").write_text(f'{{"token": "{SECRET}"}}')
    (outside / "docker" / "config.json").write_text(f'{{"auths": {{"x": "{SECRET}"}}}}')
    (outside / "schema.json").write_text(f'{{"type": "{SECRET}"}}')  # a metaschema error
    repo = tmp_path / "repo"
    (repo / "payloads" / "deep").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=environment(tmp_path))
    shutil.copy(VALID, repo / "payloads" / "ok.json")
    shutil.copy(VALID, repo / "payloads" / "deep" / "ok2.json")
    os.symlink("../../outside/secret.json", repo / "payloads" / "a.json")
    os.symlink("/proc/self/environ", repo / "payloads" / "environ.json")
    os.symlink(outside / "docker", repo / "payloads" / "home")
    os.symlink("ok.json", repo / "payloads" / "inside.json")  # inside: followed
    (repo / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["payloads/**/*.json"]\nschema = "AddSessionToCasefileResponse"\n'
    )
    return repo, outside


def everything_written(repo: Path, result: subprocess.CompletedProcess[bytes]) -> str:
    """Both streams and every file under ``repo/reports`` (and the job summary), as text."""
    texts = [result.stdout.decode(errors="replace"), result.stderr.decode(errors="replace")]
    for path in sorted(repo.rglob("*")):
        if path.is_file() and not path.is_symlink() and "reports" in path.parts:
            texts.append(path.read_text(errors="replace"))
    return "\n".join(texts)
