"""Goal 5: memory. ``casefile-validate mem-large.jsonl`` (~1 GiB of JSON Lines, 1% invalid; only
with ``--memory``) against the same on ``mem-small.jsonl`` (~100 MiB): peak RSS large / small
<= 1.2, and large < 150 MiB; a third row gives the peak PSS of all processes (workers included)."""

from __future__ import annotations

import statistics
import time

from bench.common import log
from bench.context import Bench
from bench.memory import Memory, gnu_time_path, measure_memory
from bench.table import Row, at_most, below
from bench.workloads import counts_of


def run(bench: Bench) -> None:
    small_mb, large_mb = bench.sizes.mem_small_mb, bench.sizes.mem_large_mb
    targets = {"small": bench.loads.mem_small, "large": bench.loads.mem_large}
    runs: dict[str, list[Memory]] = {"small": [], "large": []}
    failures: dict[str, str] = {}
    gnu_time = gnu_time_path()
    log(f"goal 5: peak RSS, measured with {gnu_time or 'a Python wrapper'}")
    for round_ in range(bench.runs):
        for key, path in targets.items():
            if path is None or key in failures:
                continue
            command = bench.ours_cmd(key, [bench.rel(path)], counts_of(path))
            start = time.perf_counter()
            memory = measure_memory(command, gnu_time)
            took = time.perf_counter() - start
            if memory.failure:
                failures[key] = memory.failure
                log(f"  {key}: {memory.failure}")
                continue
            runs[key].append(memory)
            tree = (
                f", all processes {memory.tree_pss_mib:.1f} MiB PSS" if memory.tree_pss_mib else ""
            )
            peak = f"{memory.peak_rss_mib:.1f} MiB"
            log(f"  round {round_ + 1}/{bench.runs}: {key} {peak}{tree}, {took:.1f} s")

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
            bench.details.append(f"  goal 5 | {key} file, peak RSS (largest process): {peaks} MiB")
            bench.details.append(f"  goal 5 | {key} file, peak PSS of all processes: {trees} MiB")
    note = "; ".join([bench.memory_note, *(f"{k}: {v}" for k, v in failures.items())])
    note = note.strip("; ")

    def mib(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.1f} MiB"

    bench.rows += [
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
