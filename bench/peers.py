"""The tools measured: ours (built from the checkout into a venv of its own, or as installed for
the interpreter running the benchmark) and the peers, each in an environment of its own under the
work directory: check-jsonschema and sourcemeta (PyPI), ajv-cli with ajv-formats (npm)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import last_lines, log, run_quiet

# Peer tools, pinned so that runs compare like with like (override on the command line).
CHECK_JSONSCHEMA = "check-jsonschema==0.39.0"
SOURCEMETA = "sourcemeta-jsonschema==17.3.0"
AJV_CLI = "ajv-cli@5.0.0"
AJV_FORMATS = "ajv-formats@3.0.1"


@dataclass
class Tool:
    """A command line tool, or the reason it is not available."""

    name: str
    argv: list[str] = field(default_factory=list)
    version: str = ""
    missing: str | None = None


def _venv(path: Path) -> Path:
    """The python of a virtual environment at ``path``, created with this interpreter if needed."""
    python = path / "bin" / "python"
    if not python.exists():
        log(f"creating virtual environment {path}")
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    return python


def _pip(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_PROGRESS_BAR": "off"}
    return run_quiet([str(python), "-m", "pip", "install", "-q", *args], env=env)


def install_ours(work: Path, project: Path) -> tuple[Tool, Path]:
    """The project built into a wheel from the checkout (its working tree, uncommitted changes
    included) and installed in a venv of its own, so the measured command is the real console
    script.  Returns the tool and the venv's python (which has orjson and jsonschema_rs, the
    project's dependencies, for the floor)."""
    try:
        python = _venv(work / "venv")
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"cannot create a venv ({exc}); try --use-current-python") from None
    wheels = work / "wheel"
    shutil.rmtree(wheels, ignore_errors=True)
    log(f"building the project's wheel from {project}")
    built = run_quiet(
        [str(python), "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(project)]
    )
    if built.returncode != 0:
        raise SystemExit(f"cannot build the project: {last_lines(built.stderr)}")
    wheel = next(wheels.glob("*.whl"))
    for args in (("--no-deps", "--force-reinstall", str(wheel)), (str(wheel),)):
        done = _pip(python, *args)
        if done.returncode != 0:
            raise SystemExit(f"cannot install the project: {last_lines(done.stderr)}")
    script = work / "venv" / "bin" / "casefile-validate"
    return Tool("casefile-validate", [str(script)], _version([str(script), "--version"])), python


def current_ours() -> tuple[Tool, Path]:
    """The project as installed for the interpreter running this script (fast, offline)."""
    python = Path(sys.executable)
    script = python.parent / "casefile-validate"
    argv = [str(script)] if script.exists() else [str(python), "-m", "validator"]
    return Tool("casefile-validate", argv, _version([*argv, "--version"])), python


def _version(argv: list[str]) -> str:
    try:
        done = run_quiet(argv, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"? ({exc})"
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[-1].strip() if text else "?"


def install_check_jsonschema(work: Path, spec: str) -> Tool:
    # Its own venv: check-jsonschema pulls in python-jsonschema, whose deprecated `jsonschema`
    # console script would clash with sourcemeta's `jsonschema` in a shared venv.
    try:
        python = _venv(work / "peers" / "check-jsonschema")
    except subprocess.CalledProcessError as exc:
        return Tool("check-jsonschema", missing=f"cannot create a venv: {exc}")
    script = python.parent / "check-jsonschema"
    if not script.exists() or not _installed(python, spec):
        log(f"installing {spec}")
        done = _pip(python, spec)
        if done.returncode != 0:
            return Tool("check-jsonschema", missing=f"pip failed: {last_lines(done.stderr)}")
    argv = [str(script), "--color", "never"]
    return Tool("check-jsonschema", argv, _version([str(script), "--version"]))


def _installed(python: Path, spec: str) -> bool:
    name, _, version = spec.partition("==")
    code = "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))"
    done = run_quiet([str(python), "-c", code, name])
    return done.returncode == 0 and (not version or done.stdout.strip() == version)


def install_sourcemeta(work: Path, spec: str) -> Tool:
    """sourcemeta's JSON Schema CLI (PyPI ``sourcemeta-jsonschema``).  The package's ``jsonschema``
    script is a Python wrapper that runs a bundled native binary; we run the binary directly, so
    the peer is not charged for a Python start-up (the comparison is, if anything, kinder to it)."""
    try:
        python = _venv(work / "peers" / "sourcemeta")
    except subprocess.CalledProcessError as exc:
        return Tool("sourcemeta", missing=f"cannot create a venv: {exc}")
    if not _installed(python, spec):
        log(f"installing {spec}")
        done = _pip(python, spec)
        if done.returncode != 0:
            return Tool("sourcemeta", missing=f"pip failed: {last_lines(done.stderr)}")
    code = (
        "import os, platform, sourcemeta_jsonschema as m\n"
        "arch = {'amd64': 'x86_64'}.get(platform.machine().lower(), platform.machine().lower())\n"
        "key = platform.system().lower() + '-' + arch\n"
        "name = 'jsonschema-' + key + ('.exe' if key.startswith('windows') else '')\n"
        "print(os.path.join(os.path.dirname(m.__file__), name))\n"
    )
    done = run_quiet([str(python), "-c", code])
    binary = done.stdout.strip()
    if done.returncode != 0 or not binary or not os.access(binary, os.X_OK):
        return Tool("sourcemeta", missing=f"no native binary for this platform ({binary or '?'})")
    return Tool("sourcemeta", [binary], _version([binary, "version"]))


def install_ajv(work: Path, cli: str, formats: str) -> Tool:
    node_dir = work / "node"
    npm = shutil.which("npm")
    if shutil.which("node") is None or npm is None:
        return Tool("ajv-cli", missing="node/npm not found on PATH")
    script = node_dir / "node_modules" / ".bin" / "ajv"
    marker = node_dir / "installed.txt"
    wanted = f"{cli} {formats}"
    if not script.exists() or not marker.exists() or marker.read_text() != wanted:
        log(f"installing {cli} {formats} with npm in {node_dir}")
        node_dir.mkdir(parents=True, exist_ok=True)
        if not (node_dir / "package.json").exists():
            (node_dir / "package.json").write_text('{"name": "bench-peers", "private": true}\n')
        done = run_quiet(
            [npm, "install", "--no-audit", "--no-fund", "--no-progress", cli, formats],
            cwd=node_dir,
        )
        if done.returncode != 0 or not script.exists():
            return Tool("ajv-cli", missing=f"npm install failed: {last_lines(done.stderr)}")
        marker.write_text(wanted)
    return Tool("ajv-cli", [str(script)], f"{cli} + {formats}")
