"""What the goals share: the workloads and tools set up once, how to build a command of ours or of a
peer, and what the goals have measured so far (rows of the table, details, goal 1's start-up and
goal 3's floor, which goal 6 reads)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from bench.common import SCHEMA, log, run_quiet
from bench.peers import (
    Tool,
    current_ours,
    install_ajv,
    install_check_jsonschema,
    install_ours,
    install_sourcemeta,
)
from bench.table import Row, seconds
from bench.timing import OURS_SUMMARY, Command, Timing, Verify, expect_counts, measure
from bench.workloads import QUICK, Sizes, make_workloads


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


def load_average() -> str:
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
        self.has_jobs = "--jobs" in run_quiet([*self.ours.argv, "--help"]).stdout
        self.rows: list[Row] = []
        self.floor: float | None = None
        self.cold_start: float | None = None  # goal 1's median, ours
        self.load_before = load_average()
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
            self.details.append(f"  {title} | {c.label}: {seconds(t)}{spread}")
            self.details.append(f"      $ {c.shown()}")
        return timings

    @staticmethod
    def why(tool: Tool) -> str | None:
        return f"{tool.name}: {tool.missing}" if tool.missing else None
