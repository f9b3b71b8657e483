"""The benchmark (bench/run.py, the entry point of the bench package) runs end to end on a tiny
workload, and stays a package of small modules.

The benchmark itself is never part of the test run: this only proves that it still works. It
measures the project installed for the interpreter running the tests (--use-current-python), so
it creates no virtual environment, and it neither installs nor runs the peer tools
(--skip-peers): offline and a few seconds long.
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import validator

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
SCRIPT = BENCH / "run.py"
MAX_LINES = 300


def test_bench_runs_on_a_tiny_workload(tmp_path: Path) -> None:
    command = [sys.executable, str(SCRIPT), "--quick", "--skip-peers", "--runs", "1"]
    command += ["--use-current-python", "--memory", "--work-dir", str(tmp_path)]
    # From another directory: the script itself finds the bench package beside it.
    done = subprocess.run(
        command,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout

    assert re.search(
        r"^\| goal +\| ours +\| peer/floor +\| ratio +\| target +\| met\? +\|$", out, re.M
    )
    rows = {line.split("|")[1].strip(): line for line in out.splitlines() if line.startswith("| ")}
    # Our own rows are measured; every one that names a peer says it was skipped.
    floor = rows["3. JSONL, 400 valid"]
    assert re.search(r"\| \d+\.\d{3} s +\| floor \d+\.\d{3} s +\| \d+\.\d\d +\|", floor), floor
    assert "check-jsonschema n/a" in rows["1. cold start, one valid file"]
    own = rows["1. cold start, one valid file, a schema file of the user's"]
    assert re.search(r"\| \d+\.\d{3} s +\| check-jsonschema n/a", own), own
    assert "skipped (--skip-peers)" in out
    assert re.search(r"\| \d+\.\d MiB +\| 0\.05 MiB file: \d+\.\d MiB +\| \d+\.\d\d", out)
    assert re.search(r"\| 10\. HAR read, peak RSS, [\d.]+ MiB +\| \d+\.\d MiB +\|", out)
    assert re.search(r"\| 10\. HAR read, [\d.]+ MiB, \d+ entries +\| \d+\.\d{3} s", out)
    # No run of ours failed (a crash or a wrong count would show as "failed" and a note).
    assert "failed" not in out.replace("n/a", ""), out
    assert "wrong result" not in out

    # Progress goes to stderr as plain lines: nothing that redraws a line.
    assert "\r" not in done.stderr
    assert "[bench] goal 3" in done.stderr

    results = tmp_path / "results.md"
    assert results.read_text().startswith("# Benchmark results")
    assert (tmp_path / "data-quick" / "files").is_dir()


def _workloads() -> ModuleType:
    """bench/workloads.py, imported as the script imports it (the package ``bench`` in ROOT)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("bench.workloads")


def test_bench_modules_stay_small() -> None:
    """bench/ is a package of small modules (one per goal, and the parts they share)."""
    modules = sorted(BENCH.glob("*.py"))
    assert {p.name for p in modules} >= {"run.py", "main.py", "workloads.py", "goal1_cold_start.py"}
    sizes = {p.name: len(p.read_text().splitlines()) for p in modules}
    assert len([name for name in sizes if name.startswith("goal")]) == 10, sizes
    assert not {name: n for name, n in sizes.items() if n > MAX_LINES}, sizes
    assert sizes["run.py"] < 50  # the entry point only hands over to bench.main


def test_workloads_are_deterministic_and_as_mixed_as_asked(tmp_path: Path) -> None:
    bench = _workloads()
    first = bench.make_jsonl(tmp_path / "a.jsonl", docs=200, invalid_fraction=0.3, seed=7)
    second = bench.make_jsonl(tmp_path / "b.jsonl", docs=200, invalid_fraction=0.3, seed=7)
    assert first.read_bytes() == second.read_bytes()
    lines = first.read_bytes().splitlines()
    assert len(lines) == 200
    verdicts = [validator.is_valid(json.loads(line)) for line in lines]
    assert verdicts.count(False) == 60

    sized = bench.make_jsonl_bytes(
        tmp_path / "c.jsonl", megabytes=0.02, invalid_fraction=0.5, seed=7
    )
    valid, invalid = bench.counts_of(sized)
    verdicts = [validator.is_valid(json.loads(line)) for line in sized.read_bytes().splitlines()]
    assert (verdicts.count(True), verdicts.count(False)) == (valid, invalid)
    assert sized.stat().st_size >= 0.02 * 1024 * 1024
