"""Memory of one run: the peak RSS of its largest process (GNU time's ``%M``, else a fresh Python
wrapper reading ``ru_maxrss``), and on Linux the peak PSS of its whole process tree, sampled from
/proc, which is what worker processes really cost."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import ENV, last_lines, run_quiet
from bench.timing import Command

_RSS_WRAPPER = """\
import resource, subprocess, sys
with open(sys.argv[1], "wb") as out, open(sys.argv[2], "wb") as err:
    done = subprocess.run(sys.argv[3:], stdin=subprocess.DEVNULL, stdout=out, stderr=err)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
"""Runs one command and prints its exit code and its peak RSS in KiB.  A fresh wrapper for each
measurement, because RUSAGE_CHILDREN's ru_maxrss is a max over every child ever waited for."""


def gnu_time_path() -> str | None:
    path = "/usr/bin/time"
    if not os.access(path, os.X_OK):
        return None
    with tempfile.NamedTemporaryFile("r") as out:
        done = run_quiet([path, "-f", "%x %M", "-o", out.name, "true"])
        fields = out.read().split()
        works = done.returncode == 0 and len(fields) == 2 and fields[1].isdigit()
        return path if works else None


def _tail(path: Path, size: int = 1 << 16) -> str:
    with open(path, "rb") as f:
        f.seek(max(0, path.stat().st_size - size))
        return f.read().decode("utf-8", "replace")


def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc (Linux)."""
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()  # after "pid (name) "; then state, ppid
        kids.setdefault(int(fields[1]), []).append(int(entry))
    return kids


def _pss_kib(pid: int) -> int:
    """A process's proportional set size (its RSS with shared pages split among the sharers)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_kib(root: int) -> int:
    """The PSS of every descendant of ``root`` (not ``root`` itself), added up."""
    kids = _children()
    total, stack = 0, list(kids.get(root, []))
    while stack:
        pid = stack.pop()
        stack.extend(kids.get(pid, []))
        total += _pss_kib(pid)
    return total


@dataclass
class Memory:
    """One memory run: the peak RSS of its largest process (what GNU time and ru_maxrss give), the
    peak of the PSS summed over all its processes (sampled; workers included), or a failure."""

    peak_rss_mib: float | None = None
    tree_pss_mib: float | None = None
    failure: str | None = None


def measure_memory(command: Command, gnu_time: str | None, interval: float = 0.1) -> Memory:
    """Peak RSS of one run (GNU time's %M, else :data:`_RSS_WRAPPER`), and, on Linux, the PSS of
    the whole process tree sampled every ``interval`` s.  The command's output goes to temporary
    files, whose tails are checked like a warm-up run's output."""
    sample = os.path.isdir("/proc/self")
    with tempfile.TemporaryDirectory() as tmp:
        out, err, rss = Path(tmp, "out"), Path(tmp, "err"), Path(tmp, "rss")
        if gnu_time:
            argv = [gnu_time, "-f", "%x %M", "-o", str(rss), *command.argv]
        else:
            argv = [sys.executable, "-c", _RSS_WRAPPER, str(out), str(err), *command.argv]
        tree = 0
        with open(out, "ab") as stdout, open(err, "ab") as stderr:
            process = subprocess.Popen(
                argv,
                cwd=command.cwd,
                env=ENV,
                stdin=subprocess.DEVNULL,
                stdout=stdout if gnu_time else subprocess.PIPE,
                stderr=stderr if gnu_time else subprocess.DEVNULL,
            )
            while process.poll() is None:
                if sample:
                    tree = max(tree, tree_pss_kib(process.pid))
                time.sleep(interval)
        if gnu_time:
            # GNU time may write "Command exited with non-zero status N" first.
            last = rss.read_text().strip().splitlines()[-1]
        else:
            assert process.stdout is not None
            last = process.stdout.read().decode().strip()
            process.stdout.close()
        try:
            code, kib = (int(x) for x in last.split())
        except ValueError:
            return Memory(failure=f"cannot read the peak RSS from {last!r}")
        errors = _tail(err)
        if code not in command.ok_codes or "Traceback (most recent call last)" in errors:
            return Memory(
                failure=f"exit {code} (expected {command.ok_codes}): {last_lines(errors)}"
            )
        if command.verify is not None:
            wrong = command.verify(_tail(out) + "\n" + errors)
            if wrong:
                return Memory(failure=f"wrong result: {wrong}")
    return Memory(kib / 1024, tree / 1024 if sample and tree else None)
