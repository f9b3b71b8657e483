"""Goal 6: ``--jobs 2`` against ``--jobs 1``, on the workloads of goals 2 and 3; the target is a
speed-up >= 1.6. The details also give what bounds that speed-up on the machine at hand: the
ceiling of two processes at once (a CPU-bound loop, and two ``--jobs 1`` runs of the workload
itself), and by Amdahl's law the best speed-up either allows when goal 1's start-up stays serial;
a second row per workload holds the speed-up to >= 90% of the lower of those two bounds."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.context import Bench
from bench.table import Row, at_least, seconds


def ceiling(runs: int, argv: list[str], cwd: Path | None = None) -> tuple[float, float, float]:
    """(alone, two at once, ceiling): the wall time of one process, of two identical ones
    started together, and the speed-up two processes give over one on this machine for this
    very work (2.0 on two idle, unshared cores): the ceiling of a --jobs 2 speed-up."""
    singles, pairs = [], []
    null = subprocess.DEVNULL
    for _ in range(max(runs, 3)):
        start = time.perf_counter()
        subprocess.run(argv, stdin=null, stdout=null, stderr=null, cwd=cwd)
        singles.append(time.perf_counter() - start)
        start = time.perf_counter()
        both = [
            subprocess.Popen(argv, stdin=null, stdout=null, stderr=null, cwd=cwd) for _ in range(2)
        ]
        for process in both:
            process.wait()
        pairs.append(time.perf_counter() - start)
    one, two = statistics.median(singles), statistics.median(pairs)
    return one, two, 2 * one / two


def machine_ceiling(bench: Bench) -> float:
    """:func:`ceiling` for a CPU-bound Python loop (no memory traffic to share)."""
    burn = "s = 0\nfor i in range(4_000_000):\n    s += i\n"
    one, two, limit = ceiling(bench.runs, [sys.executable, "-c", burn])
    bench.details.append(
        f"  goal 6 | machine: one CPU-bound loop {one:.3f} s, two at once {two:.3f} s: "
        f"two processes do {limit:.2f}x the work of one per unit of time"
    )
    return limit


def run(bench: Bench) -> None:
    machine = machine_ceiling(bench)
    start_up = bench.cold_start
    cases = [
        (f"{bench.sizes.files:,} files", bench.rel(bench.loads.files), bench.files_counts),
        (
            f"JSONL, {bench.sizes.jsonl_docs:,} valid",
            bench.rel(bench.loads.jsonl_valid),
            (bench.sizes.jsonl_docs, 0),
        ),
    ]
    for name, target, counts in cases:
        goal = f"6. --jobs 2 vs 1, {name}"
        if not bench.has_jobs:
            note = "casefile-validate --help lists no --jobs option"
            bench.rows.append(Row(goal, "n/a", "n/a", None, ">= 1.6 speed-up", None, note))
            continue
        t = bench.measure(
            "goal 6",
            [
                bench.ours_cmd("--jobs 2", ["--jobs", "2", target], counts),
                bench.ours_cmd("--jobs 1", ["--jobs", "1", target], counts),
            ],
        )
        two, one = t["--jobs 2"].median, t["--jobs 1"].median
        # This workload's own ceiling: two independent --jobs 1 runs of it at once.
        own_argv = [*bench.ours.argv, "--jobs", "1", target]
        alone, pair, own = ceiling(bench.runs, own_argv, cwd=bench.data)
        bench.details.append(
            f"      two --jobs 1 runs at once: {pair:.3f} s against {alone:.3f} s alone: "
            f"two processes do {own:.2f}x the work of one on this workload"
        )
        bound = None  # the least of the two bounds: what the machine allows this workload
        for ceiling_of, limit in (("a CPU-bound loop", machine), ("this workload", own)):
            if one and start_up and one > start_up:
                # Amdahl: start-up (goal 1's one-file run) is serial; the rest can at best
                # be spread at the machine's ceiling.
                best = one / (start_up + (one - start_up) / limit)
                bound = best if bound is None else min(bound, best)
                bench.details.append(
                    f"      best speed-up possible here, by the ceiling of {ceiling_of}: "
                    f"{best:.2f}x (--jobs 1 {one:.3f} s, of which start-up {start_up:.3f} s "
                    f"stays serial; the rest / {limit:.2f})"
                )
        if counts[1] == 0 and one and bench.floor:
            bench.details.append(f"      --jobs 1 / floor (goal 3): {one / bench.floor:.2f}")
            bench.details.append(f"      --jobs 2 / floor (goal 3): {(two or 0) / bench.floor:.2f}")
        failures = "; ".join(f"{x.label}: {x.failure}" for x in t.values() if x.failure)
        bench.rows.append(
            Row(
                goal,
                seconds(t["--jobs 2"]),
                f"--jobs 1 {seconds(t['--jobs 1'])}",
                one / two if one and two else None,
                ">= 1.6 speed-up",
                at_least(1.6),
                failures,
            )
        )
        speed_up = one / two if one and two else None
        bench.rows.append(  # issue 13: the share of what this machine allows that --jobs 2 gets
            Row(
                f"6. --jobs 2, share of the bound, {name}",
                f"{speed_up:.2f}x" if speed_up else "n/a",
                f"bound {bound:.2f}x" if bound else "n/a",
                speed_up / bound if speed_up and bound else None,
                ">= 0.90",
                at_least(0.90),
                failures,
            )
        )
