"""bench/har_workload.py: the HAR of goal 10 is the same for the same seed, reads as a HAR, and
its companions hold the same entries (one a line) and the same API bodies (one a line)."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

from validator.inputs.har import iter_entries

ROOT = Path(__file__).resolve().parents[2]


def _workload() -> ModuleType:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("bench.har_workload")


def test_the_har_workload_is_seeded_and_its_companions_agree(tmp_path: Path) -> None:
    bench = _workload()
    one = bench.make_har(tmp_path / "a", 0.3, 5)
    two = bench.make_har(tmp_path / "b", 0.3, 5)
    assert one.har.read_bytes() == two.har.read_bytes()
    assert one.har.stat().st_size >= 0.3 * (1 << 20)
    read = list(iter_entries(str(one.har), limit=1 << 20))
    lines = [json.loads(line) for line in one.entries_jsonl.read_text().splitlines()]
    assert len(read) == len(lines) == one.entries
    assert [e.url for e in read] == [line["request"]["url"] for line in lines]
    assert sum(e.text is not None or e.failure is not None for e in read) == one.with_text
    assert all(e.failure is None or e.content_type == "image/png" for e in read)
    api = [json.loads(e.text or "") for e in read if e.url.startswith(bench.API)]
    bodies = [json.loads(line) for line in one.bodies_jsonl.read_text().splitlines()]
    assert api == bodies and len(bodies) == one.bodies
    assert any("\n" in (e.text or "") for e in read)  # bodies of varied white space
    assert '"encoding": "base64"' in one.har.read_text()


def test_the_har_loop_checks_the_bodies_the_tool_checks(tmp_path: Path) -> None:
    """bench/har_check.py's reference row: its loop finds the same API bodies as
    ``casefile-validate --openapi`` (each valid), so its time is that of the same work."""
    import os
    import subprocess

    bench = _workload()
    check = importlib.import_module("bench.har_check")
    load = bench.make_har(tmp_path / "h", 0.3, 5)
    spec, _ = check._spec(load)
    folder = load.har.parent
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}
    argv = [check.HAR_LOOP, "AddSessionToCasefileResponse.json", bench.API, load.har.name]
    loop = subprocess.run(
        [sys.executable, "-c", *argv],
        cwd=folder,
        env=env,
        capture_output=True,
        check=True,
    )
    assert loop.stdout.decode() == f"{load.bodies} {load.bodies} 0\n"
    cli = Path(sys.executable).parent / "casefile-validate"
    ours = subprocess.run(
        [str(cli), "--no-config", "--openapi", spec, load.har.name],
        cwd=folder,
        env=env,
        capture_output=True,
    )
    assert ours.returncode == 0, ours.stderr
    assert f"{load.bodies} documents: {load.bodies} valid, 0 invalid" in ours.stdout.decode()
