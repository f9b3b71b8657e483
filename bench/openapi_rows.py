"""One OpenAPI document, one config check per component (issue 22, section 2): ``casefile-validate``
on repositories made by :mod:`bench.openapi_spec`, each beside the one-process
``openapi-schema-validator`` loop over the same documents (:mod:`bench.openapi_loop`: its import,
its loading of the spec with ``json`` or PyYAML's C loader, its validation), measured in the same
run, alternating, best of ``--runs``.  Both must give the same verdicts (checked).

Goals: <= 1.0x the loop; with 50x the documents <= 0.3x; peak RSS for 100+ checks <= 100 MB from
JSON and <= 1.5x the loop's from YAML.

    python -m bench.openapi_rows                   # 500 components x 3 documents; 50x on 100
    python -m bench.openapi_rows --components 100 --runs 1 --skip-50x
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from bench.openapi_spec import write_repository

HERE = Path(__file__).resolve().parent
WRAPPER = """\
import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True)
seconds = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{seconds} {rss} {done.returncode}")
print(done.stdout[-2000:])
"""
"""Runs one command in a fresh process: its wall time, peak RSS (KiB) and exit code, then the
tail of its output (RUSAGE_CHILDREN is a max over every child ever waited for: one each)."""


def measure(argv: list[str], cwd: Path) -> tuple[float, float, str]:
    """Seconds, peak RSS (MB) and the output's tail of one run of ``argv`` in ``cwd``."""
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(cwd), *argv], capture_output=True, text=True
    )
    first, _, rest = done.stdout.partition("\n")
    seconds, rss, code = first.split()
    if code not in ("0", "1"):
        raise SystemExit(f"{argv}: exit {code}: {rest[-500:]}")
    return float(seconds), int(rss) / 1024, rest


def verdicts(output: str, ours: bool) -> tuple[int, int]:
    """(valid, invalid) from our summary line, or from the loop's ``valid invalid``."""
    if ours:
        found = re.findall(r"([\d,]+) valid, ([\d,]+) invalid", output)  # the last: all
        assert found, output
        return int(found[-1][0].replace(",", "")), int(found[-1][1].replace(",", ""))
    valid, invalid = output.split()[:2]
    return int(valid), int(invalid)


def row(label: str, root: Path, runs: int) -> dict[str, float | str]:
    ours_cmd = [str(Path(sys.executable).parent / "casefile-validate"), "-q", "--jobs", "1"]
    loop_cmd = [sys.executable, str(HERE / "openapi_loop.py"), str(root)]
    best: dict[str, tuple[float, float, str]] = {}
    for _ in range(runs):  # alternating: both see the same machine
        for name, argv in (("ours", ours_cmd), ("loop", loop_cmd)):
            got = measure(argv, root)
            if name not in best or got[0] < best[name][0]:
                best[name] = (got[0], max(got[1], best.get(name, got)[1]), got[2])
    ours, loop = best["ours"], best["loop"]
    same = verdicts(ours[2], True) == verdicts(loop[2], False)
    return {"label": label, "ours": ours[0], "loop": loop[0], "ours_mb": ours[1],
            "loop_mb": loop[1], "same": "yes" if same else "NO"}  # fmt: skip


def table(rows: list[dict[str, float | str]], goals: list[tuple[float, str]]) -> str:
    out = [
        "| workload | ours s | loop s | ours / loop | goal | ours MB | loop MB | memory goal |"
        " same verdicts |",
        "|---|---:|---:|---:|---|---:|---:|---|---|",
    ]
    for each, (goal, memory) in zip(rows, goals, strict=True):
        ratio = float(each["ours"]) / float(each["loop"])
        met = "met" if ratio <= goal else "NOT met"
        out.append(
            f"| {each['label']} | {each['ours']:.2f} | {each['loop']:.2f} | {ratio:.2f}x | "
            f"<= {goal} ({met}) | {each['ours_mb']:.0f} | {each['loop_mb']:.0f} | {memory} | "
            f"{each['same']} |"
        )
    return "\n".join(out)


def _memory_goal(each: dict[str, float | str], yaml: bool) -> str:
    if yaml:
        ratio = float(each["ours_mb"]) / float(each["loop_mb"])
        return f"<= 1.5x loop: {ratio:.2f}x ({'met' if ratio <= 1.5 else 'NOT met'})"
    return f"<= 100 MB ({'met' if float(each['ours_mb']) <= 100 else 'NOT met'})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--components", type=int, default=500)
    parser.add_argument("--docs", type=int, default=3, help="documents per component")
    parser.add_argument("--scaled-components", type=int, default=100, help="of the 50x row")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--skip-50x", action="store_true")
    parser.add_argument("--work-dir", type=Path, default=HERE / ".work" / "openapi")
    args = parser.parse_args(argv)
    shapes = [("JSON, OpenAPI 3.0", "3.0", False, args.components, args.docs, 1.0),
              ("YAML, OpenAPI 3.0", "3.0", True, args.components, args.docs, 1.0),
              ("JSON, OpenAPI 3.1", "3.1", False, args.components, args.docs, 1.0)]  # fmt: skip
    if not args.skip_50x:
        shapes.append(("JSON, OpenAPI 3.0, 50x the documents", "3.0", False,
                       args.scaled_components, 50 * args.docs, 0.3))  # fmt: skip
    rows, goals = [], []
    for label, version, yaml, components, docs, goal in shapes:
        root = args.work_dir / f"{version}-{'yaml' if yaml else 'json'}-{components}-{docs}"
        if not (root / ".casefile-validate.toml").exists():
            write_repository(root, components, docs, args.seed, version, yaml)
        spec = root / ("api.yaml" if yaml else "api.json")
        name = f"{label}: {components} checks, {components * docs:,} documents"
        print(f"[bench] {name} ({spec.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
        each = row(name, root, args.runs)
        rows.append(each)
        goals.append((goal, _memory_goal(each, yaml)))
    print(table(rows, goals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
