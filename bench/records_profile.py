"""Where an invalid document's record goes: each step of the records of Spark's
``validate_column`` and Dask's ``validate_bag`` timed alone, in one process, on the invalid
documents of the scale-out workload (JSON Lines, 30% invalid), beside the hand-written loop's cost
per line (orjson + ``jsonschema_rs`` compiled once, a boolean verdict).  Process time (not wall
time: the machine may be shared), best of ``--rounds``.

    python -m bench.records_profile                 # 60,000 lines
    python -m bench.records_profile --lines 200000
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import DEFAULT_WORK, SCHEMA
from bench.workloads import make_jsonl


def steps(lines: list[bytes]) -> tuple[dict[str, Callable[[], Any]], int, int]:
    """(step -> the action timing it over every invalid document, invalid documents, lines)."""
    import jsonschema_rs
    import orjson

    from validator.checking import to_problems
    from validator.checking.document import _invalid
    from validator.checking.property_warnings import for_engine
    from validator.inputs.locate import locate_all
    from validator.inputs.parse import Parsed
    from validator.scale.records import _errors, engine_for, resolve_schema
    from validator.scale.rows import Rows

    engine = engine_for(resolve_schema(str(SCHEMA)))
    finder, fast = for_engine(engine), engine._fast
    loop = jsonschema_rs.validator_for(json.loads(SCHEMA.read_text()), validate_formats=True)
    bad = [(line, doc) for line in lines if not engine.is_valid(doc := orjson.loads(line))]
    found = [engine.findings(doc, long_integers=False) for _, doc in bad]
    results = [
        _invalid(engine, line, Parsed(doc), "s", 1, False, None, finder) for line, doc in bad
    ]
    texts = [line.decode() for line in lines]
    settings = ("fast", False, False, None)

    def records() -> None:
        for start in range(0, len(texts), 10_000):  # Arrow's batches of 10,000 rows
            batch = texts[start : start + 10_000]
            Rows().add_texts(engine, batch, [1] * len(batch), "<column>", settings, bodies=True)

    def positions() -> None:
        for (line, doc), each in zip(bad, found, strict=True):
            locate_all(line.decode(), [f.instance_location for f in each], [], doc, line)

    assert fast is not None
    return (
        {
            "the hand loop, per line": lambda: [loop.is_valid(orjson.loads(x)) for x in lines],
            "records, per line (all of it)": records,
            "an invalid document's record (all of it)": lambda: [
                _invalid(engine, line, Parsed(doc), "s", 1, False, None, finder)
                for line, doc in bad
            ],
            "  engine's errors (jsonschema_rs iter_errors)": lambda: [
                list(fast.iter_errors(doc)) for _, doc in bad
            ],
            "  errors + conversion to findings": lambda: [
                engine.findings(doc, long_integers=False) for _, doc in bad
            ],
            "  wording (messages, shapes)": lambda: [to_problems.problems(f, False) for f in found],
            "  positions (line:column)": positions,
            "  undeclared properties (warnings)": lambda: [finder.find(doc) for _, doc in bad],
            "  order, headline": lambda: [
                to_problems.finish(list(r.problems), None) for r in results
            ],
            "  record dicts": lambda: [_errors(r.problems) for r in results],
        },
        len(bad),
        len(lines),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=60_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--seed", type=int, default=20261130)
    args = parser.parse_args(argv)
    path = make_jsonl(
        args.work_dir.resolve() / f"scaleout-{args.lines}.jsonl",
        docs=args.lines,
        invalid_fraction=0.3,
        seed=args.seed,
    )
    actions, invalid, lines = steps(path.read_bytes().splitlines())
    for action in actions.values():  # warm: compiled, imported, caches filled
        action()
    gc.collect()
    gc.freeze()  # the documents held here are no garbage collector's work
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for name, action in actions.items():
            started = time.process_time()
            action()
            seconds = time.process_time() - started
            best[name] = min(best.get(name, seconds), seconds)
    print(f"{lines:,} lines, {invalid:,} invalid; process time, best of {args.rounds}\n")
    print("| step | µs | per |\n|---|---:|---|")
    for name, seconds in best.items():
        per_line = "per line" in name
        each = seconds / (lines if per_line else invalid) * 1e6
        print(f"| {name.strip()} | {each:.1f} | {'line' if per_line else 'invalid document'} |")
    ratio = best["the hand loop, per line"] / best["records, per line (all of it)"]
    print(f"\nrecords at {ratio:.3f}x the hand loop's throughput (one process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
