"""What the command does as a process, around a run: streams that never fail on a character, and
Ctrl-C, SIGTERM or a closed standard output turned into their exit codes (no traceback)."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable
from typing import NoReturn

from validator.problems import EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_PIPE, EXIT_USAGE

__all__ = ["EXIT_TERMINATED", "Terminated", "guarded", "leave", "safe_streams"]


def safe_streams() -> None:
    """Never fail on a character the terminal's encoding lacks (LANG=C, lone surrogates in file
    names): such characters are written as backslash escapes."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


EXIT_TERMINATED = 143
"""Ended by SIGTERM (a CI job cancelled or timed out): 128 + SIGTERM."""


class Terminated(BaseException):
    """SIGTERM, raised where the process was so that what it was writing is cleaned up (a
    report's temporary file removed, the previous report kept), as for Ctrl-C."""


def _terminated(signum: int, frame: object) -> None:
    raise Terminated


def guarded(run: Callable[[], int]) -> int:
    """The exit code of ``run``, with 130 on Ctrl-C, 143 on SIGTERM (after the same clean-up)
    and a quiet 141 when the reader of standard output went away (``| head``).  Only our own
    standard output can raise BrokenPipeError here: the worker pipes of ``--jobs`` turn a broken
    pipe into a failed run (exit 2) themselves."""
    import _signal  # type: ignore[import-not-found]  # built in: signal's enums cost ms

    previous = _signal.getsignal(_signal.SIGTERM)
    with contextlib.suppress(ValueError):  # not the main thread: its handler stays
        _signal.signal(_signal.SIGTERM, _terminated)
    try:
        return run()
    except KeyboardInterrupt:
        sys.stderr.write("casefile-validate: interrupted\n")
        return EXIT_INTERRUPTED
    except Terminated:
        sys.stderr.write("casefile-validate: terminated\n")
        return EXIT_TERMINATED
    except BrokenPipeError:
        # Stop quietly, and keep Python from complaining while it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE
    finally:  # a caller in this process (a test) keeps its own handler
        with contextlib.suppress(ValueError, TypeError):
            _signal.signal(_signal.SIGTERM, previous)


def leave(code: int) -> NoReturn:
    """End the process with ``code`` once its output is out, without the interpreter's teardown:
    freeing every module and object one by one does nothing a finished run needs, and costs a
    sixth of a one-file run.  Exit functions (``atexit``) still run first.  With threads other
    than this one alive (a Dask client, a Spark session) the usual exit happens instead.  Output
    that cannot be written (a full disk) makes a run that found the documents valid or invalid
    exit 2: its verdict was not delivered."""
    import atexit

    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()  # line-buffered: written already, unless a line was left open
    except BrokenPipeError:  # the reader went away before the last of the output: as guarded()
        code = EXIT_PIPE
    except OSError:  # output lost (a full disk): never "valid" or "invalid", whatever was found
        code = EXIT_USAGE if code in (EXIT_OK, EXIT_INVALID) else code
    os._exit(code)
