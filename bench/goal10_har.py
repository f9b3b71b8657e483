"""Goal 10: reading HAR recordings (issue 23).  :func:`validator.inputs.har.iter_entries` over a
recording of ~200 MiB (``--har-mb``; the issue's figure is 1 GB with 100,000 entries:
``--har-mb 1000``, about five times as long to make and read) written as devtools do (indented,
entries of ~10 KB), against the floor of reading the same entries: orjson on each line of them
as JSON Lines (the same bytes, but for line feeds made spaces), in a process of its own (target
<= 2: finding each entry, decoding and placing its body should cost at most as much again as
parsing it); and the peak RSS of the read (target <= 100 MiB, the issue's).

Then the checking-throughput row (:mod:`bench.har_check`: checking the recording keeps
>= 50% of the throughput of checking the same bodies as JSON Lines).
"""

from __future__ import annotations

from bench.common import MB, log
from bench.context import Bench
from bench.har_workload import HarWorkload, make_har
from bench.memory import gnu_time_path, measure_memory
from bench.table import Row, at_most, seconds
from bench.timing import FLOOR_SUMMARY, Command, expect_counts

DEFAULT_MB, QUICK_MB = 200.0, 0.5

READ = """\
import sys
from validator.inputs.har import iter_entries
total = texts = 0
for entry in iter_entries(sys.argv[1], limit=64 << 20):
    total += 1
    texts += entry.text is not None or entry.failure is not None
print(total, texts, total - texts)
"""
"""Ours: every entry read, its body decoded (or its failure said) and placed."""

FLOOR = """\
import sys
import orjson
total = texts = 0
with open(sys.argv[1], "rb") as lines:
    for line in lines:
        entry = orjson.loads(line)
        total += 1
        texts += isinstance(entry["response"]["content"].get("text"), str)
print(total, texts, total - texts)
"""
"""The floor: each entry parsed by orjson from a line of its own (no search for its end, no
decoding, no places)."""


def workload(bench: Bench) -> HarWorkload:
    megabytes = getattr(bench.args, "har_mb", None)
    megabytes = megabytes or (QUICK_MB if bench.args.quick else DEFAULT_MB)
    return make_har(bench.data / "har", megabytes, bench.args.seed + 10)


def run(bench: Bench) -> None:
    load = workload(bench)
    size = load.har.stat().st_size / MB
    counts = expect_counts(FLOOR_SUMMARY, load.with_text, load.entries - load.with_text)
    ours = Command("ours", [str(bench.python), "-c", READ, str(load.har)], bench.data, (0,), counts)
    floor_argv = [str(bench.python), "-c", FLOOR, str(load.entries_jsonl)]
    floor = Command("floor", floor_argv, bench.data, (0,), counts)
    title = f"goal 10: read a {size:.3g} MiB HAR of {load.entries:,} entries"
    t = bench.measure(title, [ours, floor])
    mine, base = t["ours"].median, t["floor"].median
    speed = f" ({size / mine:.0f} MiB/s, {load.entries / mine:,.0f} entries/s)" if mine else ""
    bench.rows.append(
        Row(
            f"10. HAR read, {size:.3g} MiB, {load.entries:,} entries",
            seconds(t["ours"]) + speed,
            f"floor {seconds(t['floor'])}",
            mine / base if mine and base else None,
            "<= 2",
            at_most(2.0),
            t["ours"].failure or t["floor"].failure or "",
        )
    )
    from bench import har_check

    har_check.run(bench, load)
    log(f"{title}: peak RSS")
    memory = measure_memory(ours, gnu_time_path())
    peak = memory.peak_rss_mib
    bench.rows.append(
        Row(
            f"10. HAR read, peak RSS, {size:.3g} MiB",
            "n/a" if peak is None else f"{peak:.1f} MiB",
            "(ratio column = MiB)",
            peak,
            "<= 100 MiB",
            at_most(100.0),
            memory.failure or "",
        )
    )
