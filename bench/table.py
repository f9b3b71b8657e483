"""The report's table: one :class:`Row` per line (a ratio and the target it is held to), rendered
as Markdown; and the import-time columns of the details."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench.timing import Timing


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


def seconds(timing: Timing | None) -> str:
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
    return Row(goal, seconds(ours), f"{peer_name} {seconds(peer)}", ratio, target, test, note)


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
