"""``--jobs 2`` on one large HAR file: its entries are shared by the workers (a part each, see
validator.run.har_tasks), and the json report is exactly that of ``--jobs 1``: the same
documents in the same order, the same positions, the same counts and coverage; a file that
stops being a HAR half-way is said once, at the same place.  Through the installed console
script."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.cli.test_recordings import API, SPEC, _entry
from tests.console import run_script
from validator.run.har_tasks import HAR_SPLIT_BYTES, HarPart
from validator.run.tasks import plan

PAD = "x" * 6000
OPENAPI = frozenset({0})
"""The run's one check is of recordings."""


def _recording(count: int) -> str:
    """A recording of ``count`` entries of ~3 KB on average: valid and invalid bodies (base64 too),
    undocumented endpoints, entries of other hosts (skipped), 204s, 404s."""
    entries = []
    for i in range(count):
        kind = i % 7
        if kind == 0:
            body = json.dumps({"id": i, "status": "active", "note": PAD}, indent=2)
            entries.append(_entry("GET", f"{API}/users/u{i}", 200, body))
        elif kind == 1:
            entries.append(_entry("GET", f"{API}/users/me", 200, '{"id": "me", "status": "?"}'))
        elif kind == 2:
            entries.append(_entry("GET", "https://cdn.example.com/x.js", 200, PAD, "text/js"))
        elif kind == 3:
            entries.append(_entry("GET", f"{API}/orders/1", 200, "{}"))
        elif kind == 4:
            raw = json.dumps({"id": f"u{i}", "status": "failed", "pad": PAD}).encode()
            made = _entry("GET", f"{API}/users/u{i}", 200, base64.b64encode(raw).decode())
            made["response"]["content"]["encoding"] = "base64"
            entries.append(made)
        elif kind == 5:
            entries.append(_entry("DELETE", f"{API}/users/u{i}", 204, ""))
        else:
            entries.append(_entry("GET", f"{API}/users/u{i}", 404, '{"error": "no"}'))
    return json.dumps({"log": {"version": "1.2", "entries": entries}}, indent=2)


@pytest.fixture(scope="module")
def text() -> str:
    return _recording(4000)


@pytest.mark.parametrize("cut", [False, True])
def test_two_workers_share_a_har_and_report_exactly_what_one_does(
    tmp_path: Path, text: str, cut: bool
) -> None:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    har = tmp_path / "big.har"
    har.write_text(text[: len(text) * 3 // 4] if cut else text)
    assert har.stat().st_size > HAR_SPLIT_BYTES
    tasks = list(plan([(str(har), 0)], [False], ranges=True, recordings=OPENAPI, workers=2))
    assert [type(t) for t in tasks] == [HarPart, HarPart]  # shared, not given to one worker
    args = ("--no-config", "--openapi", "api.json", "big.har", "--format", "json")
    one = run_script(tmp_path, *args, "--jobs", "1")
    two = run_script(tmp_path, *args, "--jobs", "2")
    assert (one.returncode, one.stderr) == ((3, "") if cut else (1, ""))
    assert (two.returncode, two.stderr, two.stdout) == (one.returncode, "", one.stdout)
    report = json.loads(one.stdout)
    documents = report["documents"]
    indices = [d["entry"]["index"] for d in documents if "entry" in d]  # all but the skipped
    assert indices == [i for i in range(4000) if i % 7 != 2][: len(indices)]
    assert len(indices) == (len(documents) - 1 if cut else 4000 - 572)
    if cut:  # the unreadable file, after the entries before where it stops
        assert documents[-1]["status"] == "unreadable"
        assert documents[-1]["errors"][0]["error"].startswith("not a HAR file: the file ends")
    assert (report["coverage"]["seen"], report["coverage"]["documented"]) == (4, 4)
