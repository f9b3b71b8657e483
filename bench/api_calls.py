"""The Python API called many times with one schema: given by path, as a dict, as a loaded
:class:`validator.Schema` (``load_schema(path)`` and ``load_schema(dict)``).  A schema given by
content is compiled once while it stays the same, so each way should cost about what the path
costs (goal: <= 1.5x).  The ways are timed interleaved, ``--rounds`` times, best round kept.

    python -m bench.api_calls                 # 5,000 is_valid calls per way
    python -m bench.api_calls --calls 20000 --function validate
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from bench.common import SCHEMA
from bench.workloads import invalid_doc, valid_doc

GOAL = 1.5


def measure(calls: int, rounds: int, function: str, seed: int = 21) -> dict[str, float]:
    """Best seconds of ``calls`` calls of ``validator.<function>`` per way of giving the schema,
    on two documents of the workloads in turn (one valid, one not)."""
    import validator

    call: Callable[..., Any] = getattr(validator, function)
    contents = json.loads(SCHEMA.read_text())
    ways = {
        "path": str(SCHEMA),
        "dict": contents,
        "Schema (load_schema(path))": validator.load_schema(str(SCHEMA)),
        "Schema (load_schema(dict))": validator.load_schema(contents),
    }
    rng = random.Random(seed)
    documents = [valid_doc(rng), invalid_doc(rng)]  # a response of the workloads, one broken
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name, schema in ways.items():
            call(documents[0], schema)  # compiled (or found compiled) before the clock starts
            started = time.perf_counter()
            for k in range(calls):
                call(documents[k & 1], schema)
            seconds = time.perf_counter() - started
            best[name] = min(best.get(name, seconds), seconds)
    return best


def table(best: dict[str, float], calls: int, function: str) -> str:
    path = best["path"]
    out = [
        f"validator.{function}: {calls:,} calls per way, one schema ({SCHEMA.name})",
        "",
        "| schema given as | seconds | µs per call | vs path | goal |",
        "|---|---:|---:|---:|---|",
    ]
    for name, seconds in best.items():
        ratio = seconds / path
        goal = "" if name == "path" else f"<= {GOAL} ({'met' if ratio <= GOAL else 'NOT met'})"
        each = seconds / calls * 1e6
        out.append(f"| {name} | {seconds:.3f} | {each:.1f} | {ratio:.2f}x | {goal} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--function", choices=("is_valid", "validate"), default="is_valid")
    args = parser.parse_args(argv)
    best = measure(args.calls, args.rounds, args.function)
    print(table(best, args.calls, args.function))
    return 0


if __name__ == "__main__":
    sys.exit(main())
