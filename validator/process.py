"""What the command does as a process, around a run: streams that never fail on a character, and
Ctrl-C or a closed standard output turned into their exit codes (no traceback)."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable

from validator.problems import EXIT_INTERRUPTED, EXIT_PIPE

__all__ = ["guarded", "safe_streams"]


def safe_streams() -> None:
    """Never fail on a character the terminal's encoding lacks (LANG=C, lone surrogates in file
    names): such characters are written as backslash escapes."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def guarded(run: Callable[[], int]) -> int:
    """The exit code of ``run``, with 130 on Ctrl-C and a quiet 141 when the reader of standard
    output went away (``| head``).  Only our own standard output can raise BrokenPipeError here:
    the worker pipes of ``--jobs`` turn a broken pipe into a failed run (exit 2) themselves."""
    try:
        return run()
    except KeyboardInterrupt:
        sys.stderr.write("casefile-validate: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Stop quietly, and keep Python from complaining while it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE
