"""Two builds of casefile-validate on bench goals 1-4's workloads, run alternately: the cost of a
change, measured as the issues ask (medians of at least 15 alternating before/after runs).

    python3 bench/run.py --goals 1,2,3,4 --skip-peers --runs 1 --work-dir W   # makes W/data
    python3 -m venv B && B/bin/pip install 'git+file://$PWD@BEFORE'             # or a worktree
    python3 bench/alternate.py --data W/data B/bin/casefile-validate A/bin/casefile-validate

Each command is run once by each build to warm up, then ``--runs`` times by each, the order
swapped every round.  It prints medians of wall time and of CPU time (user and system of the
process and every process it waited for: its workers), and after/before ratios; CPU time is the
figure that holds on a loaded machine.  The standard library only.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import time

COMMANDS = (
    ("goal 1: one file", ["one/valid.json"]),
    ("goal 2: 10,000 files", ["files"]),
    ("goal 3: valid JSON Lines", ["valid.jsonl"]),
    ("goal 3: --jobs 1", ["--jobs", "1", "valid.jsonl"]),
    ("goal 4: 30% invalid", ["mixed.jsonl"]),
    ("goal 4: --jobs 1", ["--jobs", "1", "mixed.jsonl"]),
)


def _once(command: list[str], data: str, env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=data, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", help="the casefile-validate script of the build before")
    parser.add_argument("after", help="the casefile-validate script of the build after")
    parser.add_argument("--data", required=True, help="bench's data folder (WORK_DIR/data)")
    parser.add_argument("--runs", type=int, default=15, help="runs of each build (15)")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "NO_COLOR")}
    builds = (args.before, args.after)
    print(f"load average {os.getloadavg()[0]:.2f}; {args.runs} alternating runs of each")
    for label, extra in COMMANDS:
        samples: dict[str, list[tuple[float, float]]] = {b: [] for b in builds}
        for build in builds:
            _once([build, *extra], args.data, env)
        for round_ in range(args.runs):
            for build in builds if round_ % 2 == 0 else builds[::-1]:
                samples[build].append(_once([build, *extra], args.data, env))
        wall = [statistics.median(s[0] for s in samples[b]) for b in builds]
        cpu = [statistics.median(s[1] for s in samples[b]) for b in builds]
        print(
            f"{label:26} CPU {cpu[0]:.3f} -> {cpu[1]:.3f} s ({cpu[1] / cpu[0]:.3f})   "
            f"wall {wall[0]:.3f} -> {wall[1]:.3f} s ({wall[1] / wall[0]:.3f})",
            flush=True,
        )


if __name__ == "__main__":
    main()
