#!/usr/bin/env python3
"""Side-by-side benchmark of ``casefile-validate`` against peer tools, as ratios.

Every number is measured in the same run on the same machine: the workloads are generated here
(deterministic, seeded), the peer tools are installed here (in ``bench/.work/``, never in the
project's environment), and the table reports *ratios* (ours / peer, ours / floor, ...), which
travel between machines far better than absolute times.

    python bench/run.py [--quick] [--runs N] [--memory] [--skip-peers]

Only the standard library is imported at the top level, so any Python >= 3.10 runs it; the
script creates the virtual environments it needs.  See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "AddSessionToCasefileResponse.json"
DEFAULT_WORK = ROOT / "bench" / ".work"

GENERATOR_VERSION = 1
"""Bump when the documents the generator writes change, so cached workloads are rebuilt."""

# Peer tools, pinned so that runs compare like with like (override on the command line).
CHECK_JSONSCHEMA = "check-jsonschema==0.39.0"
SOURCEMETA = "sourcemeta-jsonschema==17.3.0"
AJV_CLI = "ajv-cli@5.0.0"
AJV_FORMATS = "ajv-formats@3.0.1"

MB = 1024 * 1024


def log(message: str) -> None:
    """Progress goes to stderr as plain lines: no bars, no carriage returns, fine in CI logs."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- workloads -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    files: int = 10_000
    jsonl_docs: int = 100_000
    invalid_fraction: float = 0.30
    mem_small_mb: float = 100.0
    mem_large_mb: float = 1000.0
    mem_invalid_fraction: float = 0.01


QUICK = Sizes(files=40, jsonl_docs=400, mem_small_mb=0.05, mem_large_mb=0.5)

STATUSES = ("pending", "processing", "completed", "failed")
SESSION_TYPES = ("interview", "call", "review", "chat", "site-visit")
ERRORS = ("upstream timeout", "casefile is locked", "session already linked", "quota exceeded")
REGIONS = ("eu-west-1", "us-east-1", "ap-south-1")


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def valid_doc(rng: random.Random) -> dict[str, object]:
    """A small valid AddSessionToCasefileResponse document."""
    status = rng.choice(STATUSES)
    doc: dict[str, object] = {
        "request_id": _uuid(rng),
        "status": status,
        "payload": {
            "casefile_id": f"cf-{rng.randrange(2020, 2030)}-{rng.randrange(10_000):04d}",
            "session_id": f"sess-{rng.randrange(1_000_000)}",
            "session_type": rng.choice(SESSION_TYPES),
            "total_sessions": rng.randrange(1, 500),
        },
    }
    if rng.random() < 0.8:
        doc["timestamp"] = (
            f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            f"T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z"
        )
    if status == "failed":
        doc["error"] = rng.choice(ERRORS)
    elif rng.random() < 0.5:
        doc["error"] = None
    if rng.random() < 0.5:
        doc["metadata"] = {"region": rng.choice(REGIONS), "retries": rng.randrange(4)}
    return doc


def _wrong_enum(rng: random.Random, doc: dict[str, object]) -> None:
    doc["status"] = rng.choice(("COMPLETED", "done", "Pending", "cancelled", ""))


def _bad_uuid(rng: random.Random, doc: dict[str, object]) -> None:
    good = str(doc["request_id"])
    doc["request_id"] = rng.choice(
        (good[:-1], good[:9] + "zz" + good[11:], "not-a-uuid", good + "0", "")
    )


def _wrong_types(rng: random.Random, doc: dict[str, object]) -> None:
    payload = doc["payload"]
    assert isinstance(payload, dict)
    choice = rng.randrange(5)
    if choice == 0:
        payload["casefile_id"] = rng.randrange(1000)
    elif choice == 1:
        payload["total_sessions"] = str(payload["total_sessions"])
    elif choice == 2:
        payload["total_sessions"] = payload["total_sessions"] + 0.5
    elif choice == 3:
        doc["error"] = rng.randrange(1, 600)
    else:
        doc["metadata"] = ["region", rng.choice(REGIONS)]


def _missing_required(rng: random.Random, doc: dict[str, object]) -> None:
    if rng.random() < 0.6:
        del doc[rng.choice(("request_id", "status", "payload"))]
    else:
        payload = doc["payload"]
        assert isinstance(payload, dict)
        del payload[rng.choice(("casefile_id", "session_id", "session_type", "total_sessions"))]


# "missing required" goes last: it may delete a field an earlier mutation broke, and the
# document is still invalid because of the deletion.
MUTATIONS = (_wrong_enum, _bad_uuid, _wrong_types, _missing_required)


def invalid_doc(rng: random.Random) -> dict[str, object]:
    """A valid document broken in one to three ways (so "every error" means more than one)."""
    doc = valid_doc(rng)
    picked = sorted(rng.sample(range(len(MUTATIONS)), rng.randint(1, 3)))
    for index in picked:
        MUTATIONS[index](rng, doc)
    return doc


def _compact(doc: object) -> str:
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)


def _fresh(path: Path, params: dict[str, object]) -> bool:
    """Whether ``path`` was generated with exactly these parameters (a stamp file says so)."""
    stamp = path.with_name(path.name + ".stamp")
    wanted = json.dumps({"generator": GENERATOR_VERSION, **params}, sort_keys=True)
    return path.exists() and stamp.exists() and stamp.read_text() == wanted


def _stamp(path: Path, params: dict[str, object]) -> None:
    stamp = path.with_name(path.name + ".stamp")
    stamp.write_text(json.dumps({"generator": GENERATOR_VERSION, **params}, sort_keys=True))


def make_one(path: Path, seed: int) -> Path:
    params = {"kind": "one", "seed": seed}
    if not _fresh(path, params):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(valid_doc(random.Random(seed)), indent=2) + "\n")
        _stamp(path, params)
    return path


def make_files(directory: Path, count: int, invalid_fraction: float, seed: int) -> Path:
    """``count`` pretty-printed documents, exactly ``round(count * fraction)`` of them invalid."""
    params = {"kind": "files", "count": count, "invalid": invalid_fraction, "seed": seed}
    if _fresh(directory, params):
        return directory
    log(f"generating {count:,} files in {directory}")
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    rng = random.Random(seed)
    invalid = set(rng.sample(range(count), round(count * invalid_fraction)))
    width = max(5, len(str(count - 1)))
    for i in range(count):
        doc = invalid_doc(rng) if i in invalid else valid_doc(rng)
        (directory / f"doc-{i:0{width}d}.json").write_text(json.dumps(doc, indent=2) + "\n")
    _stamp(directory, params)
    return directory


def _jsonl_lines(rng: random.Random, invalid_fraction: float) -> Iterator[tuple[bool, str]]:
    while True:
        bad = rng.random() < invalid_fraction
        yield bad, _compact(invalid_doc(rng) if bad else valid_doc(rng)) + "\n"


def counts_of(path: Path) -> tuple[int, int]:
    """(valid, invalid) documents of a file that :func:`make_jsonl_bytes` wrote."""
    counts = json.loads(path.with_name(path.name + ".counts").read_text())
    return counts["valid"], counts["invalid"]


def make_jsonl(path: Path, *, docs: int, invalid_fraction: float, seed: int) -> Path:
    """A JSON Lines file of exactly ``docs`` documents (streamed to disk)."""
    params = {"kind": "jsonl", "docs": docs, "invalid": invalid_fraction, "seed": seed}
    if _fresh(path, params):
        return path
    log(f"generating {docs:,} documents in {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    invalid = set(rng.sample(range(docs), round(docs * invalid_fraction)))
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        for i in range(docs):
            out.write(_compact(invalid_doc(rng) if i in invalid else valid_doc(rng)) + "\n")
    _stamp(path, params)
    return path


def make_jsonl_bytes(path: Path, *, megabytes: float, invalid_fraction: float, seed: int) -> Path:
    """A JSON Lines file of about ``megabytes`` MiB (streamed: memory stays flat)."""
    params = {"kind": "jsonl-bytes", "mb": megabytes, "invalid": invalid_fraction, "seed": seed}
    if _fresh(path, params) and path.with_name(path.name + ".counts").exists():
        return path
    target = int(megabytes * MB)
    free = shutil.disk_usage(path.parent if path.parent.exists() else ROOT).free
    if free < target * 2:
        raise OSError(
            f"not enough disk for {path.name}: {free // MB} MiB free, need {target // MB}"
        )
    log(f"generating ~{megabytes:g} MiB of JSON Lines in {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written = 0
    counts = {"valid": 0, "invalid": 0}
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        for bad, line in _jsonl_lines(rng, invalid_fraction):
            out.write(line)
            counts["invalid" if bad else "valid"] += 1
            written += len(line)  # ASCII only, so characters == bytes
            if written >= target:
                break
    path.with_name(path.name + ".counts").write_text(json.dumps(counts))
    _stamp(path, params)
    return path


@dataclass
class Workloads:
    one: Path
    files: Path
    jsonl_valid: Path
    jsonl_mixed: Path
    mem_small: Path | None = None
    mem_large: Path | None = None


# --- tools ---------------------------------------------------------------------------------------


@dataclass
class Tool:
    """A command line tool, or the reason it is not available."""

    name: str
    argv: list[str] = field(default_factory=list)
    version: str = ""
    missing: str | None = None


def _run_quiet(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)


def _last_lines(text: str, count: int = 4) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " / ".join(lines[-count:]) if lines else "(no output)"


def _venv(path: Path) -> Path:
    """The python of a virtual environment at ``path``, created with this interpreter if needed."""
    python = path / "bin" / "python"
    if not python.exists():
        log(f"creating virtual environment {path}")
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    return python


def _pip(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_PROGRESS_BAR": "off"}
    return _run_quiet([str(python), "-m", "pip", "install", "-q", *args], env=env)


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
    built = _run_quiet(
        [str(python), "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(project)]
    )
    if built.returncode != 0:
        raise SystemExit(f"cannot build the project: {_last_lines(built.stderr)}")
    wheel = next(wheels.glob("*.whl"))
    for args in (("--no-deps", "--force-reinstall", str(wheel)), (str(wheel),)):
        done = _pip(python, *args)
        if done.returncode != 0:
            raise SystemExit(f"cannot install the project: {_last_lines(done.stderr)}")
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
        done = _run_quiet(argv, timeout=60)
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
            return Tool("check-jsonschema", missing=f"pip failed: {_last_lines(done.stderr)}")
    argv = [str(script), "--color", "never"]
    return Tool("check-jsonschema", argv, _version([str(script), "--version"]))


def _installed(python: Path, spec: str) -> bool:
    name, _, version = spec.partition("==")
    code = "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))"
    done = _run_quiet([str(python), "-c", code, name])
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
            return Tool("sourcemeta", missing=f"pip failed: {_last_lines(done.stderr)}")
    code = (
        "import os, platform, sourcemeta_jsonschema as m\n"
        "arch = {'amd64': 'x86_64'}.get(platform.machine().lower(), platform.machine().lower())\n"
        "key = platform.system().lower() + '-' + arch\n"
        "name = 'jsonschema-' + key + ('.exe' if key.startswith('windows') else '')\n"
        "print(os.path.join(os.path.dirname(m.__file__), name))\n"
    )
    done = _run_quiet([str(python), "-c", code])
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
        done = _run_quiet(
            [npm, "install", "--no-audit", "--no-fund", "--no-progress", cli, formats],
            cwd=node_dir,
        )
        if done.returncode != 0 or not script.exists():
            return Tool("ajv-cli", missing=f"npm install failed: {_last_lines(done.stderr)}")
        marker.write_text(wanted)
    return Tool("ajv-cli", [str(script)], f"{cli} + {formats}")


# --- measuring -----------------------------------------------------------------------------------


Verify = Callable[[str], "str | None"]
"""Reads a tool's output (stdout and stderr together) from the warm-up run: None when it shows
that every document was seen and judged as expected, else what is wrong."""


@dataclass
class Command:
    label: str
    argv: list[str]
    cwd: Path
    ok_codes: tuple[int, ...]
    verify: Verify | None = None
    no_redraw: bool = False
    """Fail the check if its stderr (a pipe) holds a carriage return: no progress bars there."""

    def shown(self) -> str:
        argv = ["<script>" if "\n" in a else a for a in self.argv]
        if len(argv) > 12:
            argv = [*argv[:10], f"... ({len(argv) - 10} more)"]
        return f"(cd {self.cwd} && {' '.join(argv)})"


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def expect_counts(pattern: str, valid: int, invalid: int) -> Verify:
    """A check of a summary line whose groups ``valid`` and ``invalid`` are the counts."""

    def verify(output: str) -> str | None:
        match = re.search(pattern, output)
        if match is None:
            return f"no summary line matching {pattern!r}"
        got = (_number(match["valid"]), _number(match["invalid"]))
        if got != (valid, invalid):
            return f"counted {got[0]} valid, {got[1]} invalid; expected {valid}, {invalid}"
        return None

    return verify


OURS_SUMMARY = r"(?P<valid>[\d,]+) valid, (?P<invalid>[\d,]+) invalid, 0 unreadable"
FLOOR_SUMMARY = r"(?P<total>\d+) (?P<valid>\d+) (?P<invalid>\d+)"
SOURCEMETA_SUMMARY = r"\d+ validated, (?P<valid>\d+) passed, (?P<invalid>\d+) failed"


def expect_lines(valid_re: str | None, invalid_re: str, valid: int, invalid: int) -> Verify:
    """A check that counts the distinct names (or lines) a tool prints per document; with no
    ``valid_re`` (a tool silent about valid documents) only the invalid ones are counted."""

    def verify(output: str) -> str | None:
        found = re.findall(valid_re, output, re.MULTILINE) if valid_re else []
        got_valid = len(set(found)) if valid_re else valid
        got_invalid = len(set(re.findall(invalid_re, output, re.MULTILINE)))
        if (got_valid, got_invalid) != (valid, invalid):
            return (
                f"output names {got_valid} valid, {got_invalid} invalid documents; "
                f"expected {valid}, {invalid}"
            )
        return None

    return verify


@dataclass
class Timing:
    label: str
    samples: list[float] = field(default_factory=list)
    failure: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples and not self.failure else None


ENV = {**os.environ, "NO_COLOR": "1"}
"""The environment of every measured command (bytecode caches are allowed, as for any user)."""
ENV.pop("PYTHONPROFILEIMPORTTIME", None)


def _check(command: Command) -> str | None:
    """One warm-up run with output captured: the reason it failed, or None."""
    try:
        done = subprocess.run(
            command.argv,
            cwd=command.cwd,
            env=ENV,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        return f"cannot run: {exc}"
    errors = done.stderr.decode("utf-8", "replace")
    output = done.stdout.decode("utf-8", "replace") + "\n" + errors
    if done.returncode not in command.ok_codes or "Traceback (most recent call last)" in errors:
        shown = _last_lines(errors or output)
        return f"exit {done.returncode} (expected {command.ok_codes}): {shown}"
    if command.no_redraw and "\r" in errors:
        return "it redraws lines (a progress bar?) on stderr, which is a pipe here"
    if command.verify is not None:
        wrong = command.verify(output)
        if wrong:
            return f"wrong result: {wrong}"
    return None


def _once(command: Command) -> float:
    start = time.perf_counter()
    subprocess.run(
        command.argv,
        cwd=command.cwd,
        env=ENV,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def measure(commands: list[Command], runs: int) -> dict[str, Timing]:
    """Wall time of whole processes; one warm-up each, then ``runs`` rounds, interleaved so that
    drift in the machine's speed hits every command alike.  Output goes to /dev/null."""
    timings = {c.label: Timing(c.label) for c in commands}
    live = []
    for command in commands:
        failure = _check(command)
        if failure:
            log(f"{command.label}: {failure}")
            timings[command.label].failure = failure
        else:
            live.append(command)
    for round_ in range(runs):
        for command in live:
            timings[command.label].samples.append(_once(command))
        done = ", ".join(f"{c.label} {timings[c.label].samples[-1]:.3f}s" for c in live)
        log(f"  round {round_ + 1}/{runs}: {done}")
    return timings


_RSS_WRAPPER = """\
import resource, subprocess, sys
with open(sys.argv[1], "wb") as out, open(sys.argv[2], "wb") as err:
    done = subprocess.run(sys.argv[3:], stdin=subprocess.DEVNULL, stdout=out, stderr=err)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
"""Runs one command and prints its exit code and its peak RSS in KiB.  A fresh wrapper for each
measurement, because RUSAGE_CHILDREN's ru_maxrss is a max over every child ever waited for."""


def _gnu_time() -> str | None:
    path = "/usr/bin/time"
    if not os.access(path, os.X_OK):
        return None
    with tempfile.NamedTemporaryFile("r") as out:
        done = _run_quiet([path, "-f", "%x %M", "-o", out.name, "true"])
        fields = out.read().split()
        works = done.returncode == 0 and len(fields) == 2 and fields[1].isdigit()
        return path if works else None


def _tail(path: Path, size: int = 1 << 16) -> str:
    with open(path, "rb") as f:
        f.seek(max(0, path.stat().st_size - size))
        return f.read().decode("utf-8", "replace")


def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc (Linux)."""
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()  # after "pid (name) "; then state, ppid
        kids.setdefault(int(fields[1]), []).append(int(entry))
    return kids


def _pss_kib(pid: int) -> int:
    """A process's proportional set size (its RSS with shared pages split among the sharers)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_kib(root: int) -> int:
    """The PSS of every descendant of ``root`` (not ``root`` itself), added up."""
    kids = _children()
    total, stack = 0, list(kids.get(root, []))
    while stack:
        pid = stack.pop()
        stack.extend(kids.get(pid, []))
        total += _pss_kib(pid)
    return total


@dataclass
class Memory:
    """One memory run: the peak RSS of its largest process (what GNU time and ru_maxrss give), the
    peak of the PSS summed over all its processes (sampled; workers included), or a failure."""

    peak_rss_mib: float | None = None
    tree_pss_mib: float | None = None
    failure: str | None = None


def measure_memory(command: Command, gnu_time: str | None, interval: float = 0.1) -> Memory:
    """Peak RSS of one run (GNU time's %M, else :data:`_RSS_WRAPPER`), and, on Linux, the PSS of
    the whole process tree sampled every ``interval`` s.  The command's output goes to temporary
    files, whose tails are checked like a warm-up run's output."""
    sample = os.path.isdir("/proc/self")
    with tempfile.TemporaryDirectory() as tmp:
        out, err, rss = Path(tmp, "out"), Path(tmp, "err"), Path(tmp, "rss")
        if gnu_time:
            argv = [gnu_time, "-f", "%x %M", "-o", str(rss), *command.argv]
        else:
            argv = [sys.executable, "-c", _RSS_WRAPPER, str(out), str(err), *command.argv]
        tree = 0
        with open(out, "ab") as stdout, open(err, "ab") as stderr:
            process = subprocess.Popen(
                argv,
                cwd=command.cwd,
                env=ENV,
                stdin=subprocess.DEVNULL,
                stdout=stdout if gnu_time else subprocess.PIPE,
                stderr=stderr if gnu_time else subprocess.DEVNULL,
            )
            while process.poll() is None:
                if sample:
                    tree = max(tree, tree_pss_kib(process.pid))
                time.sleep(interval)
        if gnu_time:
            # GNU time may write "Command exited with non-zero status N" first.
            last = rss.read_text().strip().splitlines()[-1]
        else:
            assert process.stdout is not None
            last = process.stdout.read().decode().strip()
            process.stdout.close()
        try:
            code, kib = (int(x) for x in last.split())
        except ValueError:
            return Memory(failure=f"cannot read the peak RSS from {last!r}")
        errors = _tail(err)
        if code not in command.ok_codes or "Traceback (most recent call last)" in errors:
            return Memory(
                failure=f"exit {code} (expected {command.ok_codes}): {_last_lines(errors)}"
            )
        if command.verify is not None:
            wrong = command.verify(_tail(out) + "\n" + errors)
            if wrong:
                return Memory(failure=f"wrong result: {wrong}")
    return Memory(kib / 1024, tree / 1024 if sample and tree else None)


def import_times(argv: list[str], cwd: Path) -> dict[str, int]:
    """Self import time (µs) per top-level package, from ``python -X importtime``."""
    env = {**ENV, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run(
        argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False
    )
    totals: dict[str, int] = {}
    pattern = re.compile(r"^import time:\s+(\d+)\s+\|\s+\d+\s+\|\s+(\S.*)$")
    for line in done.stderr.decode("utf-8", "replace").splitlines():
        match = pattern.match(line)
        if match:
            package = match.group(2).strip().split(".")[0]
            totals[package] = totals.get(package, 0) + int(match.group(1))
    return totals


# --- the table -----------------------------------------------------------------------------------


def at_most(limit: float) -> Callable[[float], bool]:
    return lambda ratio: ratio <= limit


def below(limit: float) -> Callable[[float], bool]:
    return lambda ratio: ratio < limit


def at_least(limit: float) -> Callable[[float], bool]:
    return lambda ratio: ratio >= limit


@dataclass
class Row:
    goal: str
    ours: str
    peer: str
    ratio: float | None
    target: str
    test: Callable[[float], bool] | None
    note: str = ""

    @property
    def met(self) -> str:
        if self.ratio is None or self.test is None:
            return "n/a"
        return "yes" if self.test(self.ratio) else "NO"


def _seconds(timing: Timing | None) -> str:
    if timing is None:
        return "n/a"
    if timing.failure:
        return "failed"
    return f"{timing.median:.3f} s" if timing.median is not None else "n/a"


def ratio_row(
    goal: str,
    ours: Timing,
    peer: Timing | None,
    peer_name: str,
    target: str,
    test: Callable[[float], bool],
    why_missing: str | None = None,
) -> Row:
    """ours / peer, from the medians."""
    ratio = None
    if peer is not None and ours.median is not None and peer.median:
        ratio = ours.median / peer.median
    notes = [why_missing or ""]
    notes += [f"{t.label}: {t.failure}" for t in (ours, peer) if t is not None and t.failure]
    note = "; ".join(n for n in notes if n)
    return Row(goal, _seconds(ours), f"{peer_name} {_seconds(peer)}", ratio, target, test, note)


def render(rows: list[Row]) -> str:
    """The table, as Markdown (readable as plain text too)."""
    header = ["goal", "ours", "peer/floor", "ratio", "target", "met?"]
    body = [
        [r.goal, r.ours, r.peer, "n/a" if r.ratio is None else f"{r.ratio:.2f}", r.target, r.met]
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(b) for b in body)])


def render_imports(columns: dict[str, dict[str, int]], top: int = 10) -> str:
    """Self import time per top-level package, the ``top`` largest of each column."""
    names = list(columns)
    packages: set[str] = set()
    for values in columns.values():
        packages |= set(sorted(values, key=lambda p: -values[p])[:top])
    ordered = sorted(packages, key=lambda p: (-max(c.get(p, 0) for c in columns.values()), p))
    width = max([len("(all imports)"), *(len(p) for p in ordered)])
    lines = [f"  {'package':<{width}}" + "".join(f" {n:>12}" for n in names)]
    for package in [*ordered, "(all imports)"]:
        cells = [
            sum(columns[n].values()) if package == "(all imports)" else columns[n].get(package, 0)
            for n in names
        ]
        lines.append(f"  {package:<{width}}" + "".join(f" {c / 1000:>9.1f} ms" for c in cells))
    return "\n".join(lines)


# --- the run -------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark casefile-validate side by side with peer tools; prints ratios."
    )
    parser.add_argument("--quick", action="store_true", help="tiny workloads (smoke test)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (median)")
    parser.add_argument("--memory", action="store_true", help="also run the ~1 GB memory case")
    parser.add_argument("--skip-peers", action="store_true", help="do not install or run peers")
    parser.add_argument(
        "--use-current-python",
        action="store_true",
        help="measure the project installed for this interpreter instead of building a venv",
    )
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK, help="default: bench/.work")
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="the checkout to build and measure (this one)"
    )
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--files", type=int, help="number of files for goal 2 (10,000)")
    parser.add_argument("--jsonl-docs", type=int, help="documents per JSONL file (100,000)")
    parser.add_argument("--mem-small-mb", type=float, help="small memory workload, MiB (100)")
    parser.add_argument("--mem-large-mb", type=float, help="large memory workload, MiB (1000)")
    parser.add_argument("--check-jsonschema", default=CHECK_JSONSCHEMA, metavar="PIP_SPEC")
    parser.add_argument("--sourcemeta", default=SOURCEMETA, metavar="PIP_SPEC")
    parser.add_argument("--ajv-cli", default=AJV_CLI, metavar="NPM_SPEC")
    parser.add_argument("--ajv-formats", default=AJV_FORMATS, metavar="NPM_SPEC")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def sizes_from(args: argparse.Namespace) -> Sizes:
    base = QUICK if args.quick else Sizes()
    return Sizes(
        files=args.files or base.files,
        jsonl_docs=args.jsonl_docs or base.jsonl_docs,
        invalid_fraction=base.invalid_fraction,
        mem_small_mb=args.mem_small_mb or base.mem_small_mb,
        mem_large_mb=args.mem_large_mb or base.mem_large_mb,
        mem_invalid_fraction=base.mem_invalid_fraction,
    )


FLOOR = """\
import sys
import jsonschema_rs, orjson
with open(sys.argv[1], "rb") as f:
    is_valid = jsonschema_rs.validator_for(orjson.loads(f.read()), validate_formats=True).is_valid
loads = orjson.loads
total = valid = 0
with open(sys.argv[2], "rb") as f:
    for line in f:
        if line.strip():
            total += 1
            valid += is_valid(loads(line))
print(total, valid, total - valid)
"""
"""The floor of goal 3: read, parse each line with orjson, ask jsonschema_rs for a verdict."""


def make_workloads(data: Path, sizes: Sizes, seed: int, memory: bool) -> tuple[Workloads, str]:
    loads = Workloads(
        one=make_one(data / "one" / "valid.json", seed),
        files=make_files(data / "files", sizes.files, sizes.invalid_fraction, seed + 1),
        jsonl_valid=make_jsonl(
            data / "valid.jsonl", docs=sizes.jsonl_docs, invalid_fraction=0.0, seed=seed + 2
        ),
        jsonl_mixed=make_jsonl(
            data / "mixed.jsonl",
            docs=sizes.jsonl_docs,
            invalid_fraction=sizes.invalid_fraction,
            seed=seed + 3,
        ),
    )
    note = ""
    try:
        loads.mem_small = make_jsonl_bytes(
            data / "mem-small.jsonl",
            megabytes=sizes.mem_small_mb,
            invalid_fraction=sizes.mem_invalid_fraction,
            seed=seed + 4,
        )
        if memory:
            loads.mem_large = make_jsonl_bytes(
                data / "mem-large.jsonl",
                megabytes=sizes.mem_large_mb,
                invalid_fraction=sizes.mem_invalid_fraction,
                seed=seed + 5,
            )
        else:
            note = "the large file is measured only with --memory"
    except OSError as exc:
        note = str(exc)
        log(note)
    return loads, note


def _load() -> str:
    try:
        return "/".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not available
        return "?"


class Bench:
    """The goals, measured one after the other; each appends its rows to :attr:`rows`."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.runs: int = args.runs
        self.sizes = sizes_from(args)
        self.work: Path = args.work_dir.resolve()
        self.work.mkdir(parents=True, exist_ok=True)
        self.data = self.work / ("data-quick" if args.quick else "data")
        self.loads, self.memory_note = make_workloads(self.data, self.sizes, args.seed, args.memory)
        self.ours, self.python = (
            current_ours() if args.use_current_python else install_ours(self.work, args.project)
        )
        skipped = "skipped (--skip-peers)"
        if args.skip_peers:
            self.cj = Tool("check-jsonschema", missing=skipped)
            self.sm = Tool("sourcemeta", missing=skipped)
            self.ajv = Tool("ajv-cli", missing=skipped)
        else:
            self.cj = install_check_jsonschema(self.work, args.check_jsonschema)
            self.sm = install_sourcemeta(self.work, args.sourcemeta)
            self.ajv = install_ajv(self.work, args.ajv_cli, args.ajv_formats)
        for tool in self.tools:
            log(f"{tool.name}: {tool.missing or tool.version}")
        self.has_jobs = "--jobs" in _run_quiet([*self.ours.argv, "--help"]).stdout
        self.rows: list[Row] = []
        self.floor: float | None = None
        self.cold_start: float | None = None  # goal 1's median, ours
        self.load_before = _load()
        self.details: list[str] = []
        self.imports: dict[str, dict[str, int]] = {}
        self.schema = str(SCHEMA)
        n_invalid = round(self.sizes.files * self.sizes.invalid_fraction)
        self.files_counts = (self.sizes.files - n_invalid, n_invalid)
        j_invalid = round(self.sizes.jsonl_docs * self.sizes.invalid_fraction)
        self.mixed_counts = (self.sizes.jsonl_docs - j_invalid, j_invalid)
        self.pct = round(self.sizes.invalid_fraction * 100)

    @property
    def tools(self) -> tuple[Tool, ...]:
        return (self.ours, self.cj, self.sm, self.ajv)

    def rel(self, path: Path) -> str:
        return str(path.relative_to(self.data))

    def ours_cmd(self, label: str, args: list[str], counts: tuple[int, int]) -> Command:
        ok = (1,) if counts[1] else (0,)
        verify = expect_counts(OURS_SUMMARY, *counts)
        return Command(label, [*self.ours.argv, *args], self.data, ok, verify, no_redraw=True)

    def peer_cmd(
        self, tool: Tool, args: list[str], ok: tuple[int, ...], verify: Verify | None = None
    ) -> Command | None:
        if tool.missing:
            return None
        return Command(tool.name, [*tool.argv, *args], self.data, ok, verify)

    def measure(self, title: str, commands: list[Command | None]) -> dict[str, Timing]:
        live = [c for c in commands if c is not None]
        log(f"{title}: {', '.join(c.label for c in live)}")
        timings = measure(live, self.runs)
        for c in live:
            t = timings[c.label]
            spread = f" (min {min(t.samples):.3f}, max {max(t.samples):.3f})" if t.samples else ""
            self.details.append(f"  {title} | {c.label}: {_seconds(t)}{spread}")
            self.details.append(f"      $ {c.shown()}")
        return timings

    @staticmethod
    def why(tool: Tool) -> str | None:
        return f"{tool.name}: {tool.missing}" if tool.missing else None

    # Goal 1: cold start, one valid file, against check-jsonschema.
    def goal_cold_start(self) -> None:
        one = self.rel(self.loads.one)
        cj_ok = expect_lines(r"^ok -- validation done$", r"^  (\S+)::", 1, 0)
        t = self.measure(
            "goal 1",
            [
                self.ours_cmd("ours", [one], (1, 0)),
                self.peer_cmd(self.cj, ["--schemafile", self.schema, one], (0,), cj_ok),
            ],
        )
        self.cold_start = t["ours"].median
        self.rows.append(
            ratio_row(
                "1. cold start, one valid file",
                t["ours"],
                t.get(self.cj.name),
                self.cj.name,
                "<= 0.35",
                at_most(0.35),
                self.why(self.cj),
            )
        )
        self.imports = {
            "--help": import_times([*self.ours.argv, "--help"], self.data),
            "one file": import_times([*self.ours.argv, one], self.data),
        }

    # Goal 2: many files, 30% invalid, every error reported.
    def goal_files(self) -> None:
        files = self.rel(self.loads.files)
        valid, invalid = self.files_counts
        file_list = sorted(self.rel(p) for p in self.loads.files.glob("*.json"))
        # check-jsonschema takes files only (no directories): the paths go on its command line.
        arg_bytes = sum(len(f) + 1 for f in file_list)
        arg_bytes += sum(len(k) + len(v) + 2 for k, v in ENV.items())
        arg_max = os.sysconf("SC_ARG_MAX") if hasattr(os, "sysconf") else 2**21
        cj_note = None
        if arg_bytes > arg_max * 0.9:
            cj_note = f"{len(file_list):,} paths ({arg_bytes:,} bytes) exceed ARG_MAX ({arg_max:,})"
            cj_cmd = None
        else:
            cj_ok = expect_lines(None, r"^  (\S+?)::", 0, invalid)
            cj_args = ["--schemafile", self.schema, *file_list]
            cj_cmd = self.peer_cmd(self.cj, cj_args, (1,), cj_ok)
        ajv_args = ["validate", "--spec=draft2020", "-c", "ajv-formats", "--all-errors"]
        ajv_args += ["--errors=text", "-s", self.schema, "-d", f"{files}/*.json"]
        ajv_ok = expect_lines(r"^(\S+) valid$", r"^(\S+) invalid$", valid, invalid)
        sm_args = ["validate", self.schema, "--continue", "--format-assertion", files]
        sm_ok = expect_counts(SOURCEMETA_SUMMARY, valid, invalid)
        t = self.measure(
            "goal 2",
            [
                self.ours_cmd("ours", [files], self.files_counts),
                cj_cmd,
                self.peer_cmd(self.ajv, ajv_args, (1,), ajv_ok),
                self.peer_cmd(self.sm, sm_args, (2,), sm_ok),
            ],
        )
        goal = f"2. {self.sizes.files:,} files, {self.pct}% invalid"
        cj, ajv, sm = self.cj, self.ajv, self.sm
        self.rows += [
            ratio_row(
                goal, t["ours"], t.get(cj.name), cj.name, "<= 0.25", at_most(0.25),
                self.why(cj) or cj_note,
            ),
            ratio_row(goal, t["ours"], t.get(ajv.name), ajv.name, "< 1", below(1), self.why(ajv)),
            ratio_row(goal, t["ours"], t.get(sm.name), sm.name, "< 1", below(1), self.why(sm)),
        ]  # fmt: skip

    # Goal 3: JSON Lines, every document valid, against the floor.
    def goal_jsonl_valid(self) -> None:
        docs = self.sizes.jsonl_docs
        path = self.rel(self.loads.jsonl_valid)
        floor = [str(self.python), "-c", FLOOR, self.schema, path]
        floor_ok = expect_counts(FLOOR_SUMMARY, docs, 0)
        t = self.measure(
            "goal 3",
            [
                self.ours_cmd("ours", [path], (docs, 0)),
                Command("floor", floor, self.data, (0,), floor_ok),
            ],
        )
        self.rows.append(
            ratio_row(
                f"3. JSONL, {docs:,} valid", t["ours"], t["floor"], "floor", "<= 1.5", at_most(1.5)
            )
        )
        self.floor = t["floor"].median
        for label in ("ours", "floor"):
            median = t[label].median
            if median:
                self.details.append(f"      {label}: {docs / median:,.0f} documents/s")

    # Goal 4: JSON Lines, 30% invalid, every error with its position, against sourcemeta.
    def goal_jsonl_mixed(self) -> None:
        path = self.rel(self.loads.jsonl_mixed)
        sm_args = ["validate", self.schema, "--continue", "--format-assertion", path]
        sm_ok = expect_counts(SOURCEMETA_SUMMARY, *self.mixed_counts)
        t = self.measure(
            "goal 4",
            [
                self.ours_cmd("ours", [path], self.mixed_counts),
                self.peer_cmd(self.sm, sm_args, (2,), sm_ok),
            ],
        )
        self.rows.append(
            ratio_row(
                f"4. JSONL, {self.sizes.jsonl_docs:,}, {self.pct}% invalid",
                t["ours"],
                t.get(self.sm.name),
                self.sm.name,
                "<= 0.5",
                at_most(0.5),
                self.why(self.sm),
            )
        )

    # Goal 5: peak RSS, ~1 GB of JSON Lines against ~100 MB.
    def goal_memory(self) -> None:
        small_mb, large_mb = self.sizes.mem_small_mb, self.sizes.mem_large_mb
        targets = {"small": self.loads.mem_small, "large": self.loads.mem_large}
        runs: dict[str, list[Memory]] = {"small": [], "large": []}
        failures: dict[str, str] = {}
        gnu_time = _gnu_time()
        log(f"goal 5: peak RSS, measured with {gnu_time or 'a Python wrapper'}")
        for round_ in range(self.runs):
            for key, path in targets.items():
                if path is None or key in failures:
                    continue
                command = self.ours_cmd(key, [self.rel(path)], counts_of(path))
                start = time.perf_counter()
                memory = measure_memory(command, gnu_time)
                took = time.perf_counter() - start
                if memory.failure:
                    failures[key] = memory.failure
                    log(f"  {key}: {memory.failure}")
                    continue
                runs[key].append(memory)
                tree = (
                    f", all processes {memory.tree_pss_mib:.1f} MiB PSS"
                    if memory.tree_pss_mib
                    else ""
                )
                peak = f"{memory.peak_rss_mib:.1f} MiB"
                log(f"  round {round_ + 1}/{self.runs}: {key} {peak}{tree}, {took:.1f} s")

        def median(key: str, attribute: str) -> float | None:
            values = [getattr(m, attribute) for m in runs[key]]
            values = [v for v in values if v is not None]
            return statistics.median(values) if values else None

        small, large = median("small", "peak_rss_mib"), median("large", "peak_rss_mib")
        tree_small, tree_large = median("small", "tree_pss_mib"), median("large", "tree_pss_mib")
        for key, memories in runs.items():
            if memories:
                peaks = ", ".join(f"{m.peak_rss_mib:.1f}" for m in memories)
                trees = ", ".join(f"{m.tree_pss_mib or 0:.1f}" for m in memories)
                self.details.append(
                    f"  goal 5 | {key} file, peak RSS (largest process): {peaks} MiB"
                )
                self.details.append(
                    f"  goal 5 | {key} file, peak PSS of all processes: {trees} MiB"
                )
        note = "; ".join([self.memory_note, *(f"{k}: {v}" for k, v in failures.items())])
        note = note.strip("; ")

        def mib(value: float | None) -> str:
            return "n/a" if value is None else f"{value:.1f} MiB"

        self.rows += [
            Row(
                f"5. peak RSS, {large_mb:g} vs {small_mb:g} MiB JSONL",
                mib(large),
                f"{small_mb:g} MiB file: {mib(small)}",
                large / small if large is not None and small else None,
                "<= 1.2",
                at_most(1.2),
                note,
            ),
            Row(
                f"5. peak RSS, {large_mb:g} MiB JSONL",
                mib(large),
                "(ratio column = MiB)",
                large,
                "< 150 MiB",
                below(150),
                note,
            ),
            Row(
                f"5. all processes (PSS), {large_mb:g} MiB JSONL",
                mib(tree_large),
                f"{small_mb:g} MiB file: {mib(tree_small)}",
                tree_large,
                "< 150 MiB",
                below(150),
                note or ("" if tree_large else "no /proc to sample"),
            ),
        ]

    def ceiling(self, argv: list[str], cwd: Path | None = None) -> tuple[float, float, float]:
        """(alone, two at once, ceiling): the wall time of one process, of two identical ones
        started together, and the speed-up two processes give over one on this machine for this
        very work (2.0 on two idle, unshared cores): the ceiling of a --jobs 2 speed-up."""
        singles, pairs = [], []
        null = subprocess.DEVNULL
        for _ in range(max(self.runs, 3)):
            start = time.perf_counter()
            subprocess.run(argv, stdin=null, stdout=null, stderr=null, cwd=cwd)
            singles.append(time.perf_counter() - start)
            start = time.perf_counter()
            both = [
                subprocess.Popen(argv, stdin=null, stdout=null, stderr=null, cwd=cwd)
                for _ in range(2)
            ]
            for process in both:
                process.wait()
            pairs.append(time.perf_counter() - start)
        one, two = statistics.median(singles), statistics.median(pairs)
        return one, two, 2 * one / two

    def machine_ceiling(self) -> float:
        """:meth:`ceiling` for a CPU-bound Python loop (no memory traffic to share)."""
        burn = "s = 0\nfor i in range(4_000_000):\n    s += i\n"
        one, two, ceiling = self.ceiling([sys.executable, "-c", burn])
        self.details.append(
            f"  goal 6 | machine: one CPU-bound loop {one:.3f} s, two at once {two:.3f} s: "
            f"two processes do {ceiling:.2f}x the work of one per unit of time"
        )
        return ceiling

    # Goal 6: --jobs 2 against --jobs 1, on the workloads of goals 2 and 3.
    def goal_jobs(self) -> None:
        ceiling = self.machine_ceiling()
        start_up = self.cold_start
        cases = [
            (f"{self.sizes.files:,} files", self.rel(self.loads.files), self.files_counts),
            (
                f"JSONL, {self.sizes.jsonl_docs:,} valid",
                self.rel(self.loads.jsonl_valid),
                (self.sizes.jsonl_docs, 0),
            ),
        ]
        for name, target, counts in cases:
            goal = f"6. --jobs 2 vs 1, {name}"
            if not self.has_jobs:
                note = "casefile-validate --help lists no --jobs option"
                self.rows.append(Row(goal, "n/a", "n/a", None, ">= 1.6 speed-up", None, note))
                continue
            t = self.measure(
                "goal 6",
                [
                    self.ours_cmd("--jobs 2", ["--jobs", "2", target], counts),
                    self.ours_cmd("--jobs 1", ["--jobs", "1", target], counts),
                ],
            )
            two, one = t["--jobs 2"].median, t["--jobs 1"].median
            # This workload's own ceiling: two independent --jobs 1 runs of it at once.
            alone, pair, own = self.ceiling([*self.ours.argv, "--jobs", "1", target], cwd=self.data)
            self.details.append(
                f"      two --jobs 1 runs at once: {pair:.3f} s against {alone:.3f} s alone: "
                f"two processes do {own:.2f}x the work of one on this workload"
            )
            for name, limit in (("a CPU-bound loop", ceiling), ("this workload", own)):
                if one and start_up and one > start_up:
                    # Amdahl: start-up (goal 1's one-file run) is serial; the rest can at best
                    # be spread at the machine's ceiling.
                    best = one / (start_up + (one - start_up) / limit)
                    self.details.append(
                        f"      best speed-up possible here, by the ceiling of {name}: "
                        f"{best:.2f}x (--jobs 1 {one:.3f} s, of which start-up {start_up:.3f} s "
                        f"stays serial; the rest / {limit:.2f})"
                    )
            if counts[1] == 0 and one and self.floor:
                self.details.append(f"      --jobs 1 / floor (goal 3): {one / self.floor:.2f}")
                self.details.append(
                    f"      --jobs 2 / floor (goal 3): {(two or 0) / self.floor:.2f}"
                )
            failures = "; ".join(f"{x.label}: {x.failure}" for x in t.values() if x.failure)
            self.rows.append(
                Row(
                    goal,
                    _seconds(t["--jobs 2"]),
                    f"--jobs 1 {_seconds(t['--jobs 1'])}",
                    one / two if one and two else None,
                    ">= 1.6 speed-up",
                    at_least(1.6),
                    failures,
                )
            )

    def report(self, elapsed: float) -> str:
        header = (
            f"casefile-validate benchmark: {platform.platform()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}; medians of {self.runs} run(s); "
            f"{elapsed:.0f} s in all; load average {self.load_before} before, {_load()} after"
        )
        table = render(self.rows)
        notes = [f"- {r.goal} [{r.peer}]: {r.note}" for r in self.rows if r.note]
        tools = [f"- {t.name}: {t.missing or t.version}" for t in self.tools]
        jobs = "listed by --help" if self.has_jobs else "not listed by --help (goal 6 n/a)"
        tools.append(f"- casefile-validate --jobs: {jobs}")
        parts = [header, "", table, ""]
        if notes:
            parts += ["Notes:", "", *notes, ""]
        parts += ["Tools:", "", *tools, ""]
        parts += ["Details (wall-time medians; min and max over the runs):", "", "```"]
        parts += [*self.details, "```", ""]
        if self.imports:
            parts += ["Import time of casefile-validate (-X importtime, self time per package):"]
            parts += ["", "```", render_imports(self.imports), "```", ""]
        return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    bench = Bench(args)
    bench.goal_cold_start()
    bench.goal_files()
    bench.goal_jsonl_valid()
    bench.goal_jsonl_mixed()
    bench.goal_memory()
    bench.goal_jobs()
    text = bench.report(time.perf_counter() - started)
    print(text)
    results = bench.work / "results.md"
    results.write_text(f"# Benchmark results\n\n{text}")
    print(f"(also written to {results})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
