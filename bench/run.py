#!/usr/bin/env python3
"""Side-by-side benchmark of ``casefile-validate`` against peer tools, as ratios.

Every number is measured in the same run on the same machine: the workloads are generated here
(deterministic, seeded), the peer tools are installed here (in ``bench/.work/``, never in the
project's environment), and the table reports *ratios* (ours / peer, ours / floor, ...), which
travel between machines far better than absolute times.

    python bench/run.py [--quick] [--runs N] [--memory] [--skip-peers]

Only the standard library is used, so any Python >= 3.10 runs it; the script creates the virtual
environments it needs.  The work is done by the ``bench`` package beside this script (one module
per goal); see bench/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Run as a script, Python puts bench/ itself first on the path; the package lives in its parent.
if sys.path and Path(sys.path[0] or ".").resolve() == HERE:
    sys.path[0] = str(HERE.parent)
elif str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from bench.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
