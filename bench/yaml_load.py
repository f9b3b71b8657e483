"""Issue 22's YAML row: loading a ~3 MB YAML OpenAPI document (made by :mod:`bench.openapi_spec`,
written by ``yaml.safe_dump``) the way a run loads a schema file
(:func:`validator.inputs.yaml_parse.one_document`: YAML 1.2 core values, duplicate keys refused,
aliases bounded; positions worked out only when a problem needs them) against PyYAML's C loader
on the same file (``yaml.load(text, Loader=yaml.CSafeLoader)``), each in a process of its own,
alternating, median of ``--runs``. Goal: <= 1.5x.

    python -m bench.yaml_load [--components 360] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OURS = """\
import sys
from validator.inputs.yaml_parse import one_document
value, problem = one_document(open(sys.argv[1], "rb").read())
assert problem is None, problem
print(len(value["components"]["schemas"]))
"""
PYYAML = """\
import sys
import yaml
value = yaml.load(open(sys.argv[1], encoding="utf-8").read(), Loader=yaml.CSafeLoader)
print(len(value["components"]["schemas"]))
"""


def _timed(script: str, path: Path) -> tuple[float, str]:
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    return time.perf_counter() - began, done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    from bench.openapi_spec import make_spec

    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--components", type=int, default=360)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    import yaml

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "api.yaml"
        path.write_text(yaml.safe_dump(make_spec(args.components, 22, "3.0"), sort_keys=False))
        size = path.stat().st_size / 1e6
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(args.runs):
            took, counted = _timed(OURS, path)
            ours.append(took)
            took, same = _timed(PYYAML, path)
            theirs.append(took)
            assert counted == same, (counted, same)
    mine, base = statistics.median(ours), statistics.median(theirs)
    met = "met" if mine / base <= 1.5 else "NOT met"
    print("| row | ours s | CSafeLoader s | ratio | goal |")
    print("|---|---:|---:|---:|---|")
    print(
        f"| load a {size:.1f} MB YAML OpenAPI document | {mine:.3f} | {base:.3f} | "
        f"{mine / base:.2f}x | <= 1.5x ({met}) |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
