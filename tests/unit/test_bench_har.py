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
