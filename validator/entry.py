"""The ``casefile-validate`` entry point: argv -> options -> run() -> exit code.

The most common call names only inputs (``casefile-validate payloads/``), and then there is no
option to parse: such a run builds its options here, with the very defaults of the click command
(:func:`build_options` serves both; a test holds them equal), and starts without importing click
(about a fifth of the start-up).  Every other call goes through :mod:`validator.cli`.
"""

from __future__ import annotations

import io
import os
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from validator.runner import Options

__all__ = ["build_options", "guarded", "main"]


def build_options(
    inputs: tuple[str, ...],
    *,
    schema: str | None = None,
    format_: str = "text",
    output: str | None = None,
    reports: tuple[tuple[str, str], ...] = (),
    jsonl: bool = False,
    quiet: bool = False,
    max_errors: int | None = None,
    redact: bool = False,
    engine: str = "fast",
    cross_check: bool = False,
    jobs: int | None = None,
    color: bool | None = None,
) -> Options:
    """The options of a run, with the defaults that depend on where it runs filled in: colour
    only on a terminal (never with ``NO_COLOR``), a progress line only on a terminal outside CI,
    as many workers as cores."""
    from validator.catalog import DEFAULT_SCHEMA
    from validator.parallel import default_jobs
    from validator.runner import Options

    if color is None:
        color = sys.stdout.isatty() and output is None and "NO_COLOR" not in os.environ
    elif "NO_COLOR" in os.environ:
        color = False
    return Options(
        inputs=inputs,
        schema=schema if schema is not None else DEFAULT_SCHEMA,
        format=format_,
        output=output,
        reports=reports,
        jsonl=jsonl,
        quiet=quiet,
        color=color,
        redact=redact,
        max_errors=max_errors,
        engine=engine,
        cross_check=cross_check,
        jobs=jobs if jobs is not None else default_jobs(),
        progress=sys.stderr.isatty() and not os.environ.get("CI") and not quiet,
    )


def _safe_streams() -> None:
    """Never fail on a character the terminal's encoding lacks (LANG=C, lone surrogates in file
    names): such characters are written as backslash escapes."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def guarded(run: Callable[[], int]) -> int:
    """The exit code of ``run``, with 130 on Ctrl-C and a quiet 141 when the reader of standard
    output went away (``| head``)."""
    try:
        return run()
    except KeyboardInterrupt:
        sys.stderr.write("casefile-validate: interrupted\n")
        return 130
    except BrokenPipeError:
        # Stop quietly, and keep Python from complaining while it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + signal.SIGPIPE


def _plain(argv: list[str]) -> bool:
    """Whether the arguments are only inputs: nothing that click would read as an option
    (``-`` for standard input starts with a dash, so it goes to click too)."""
    return bool(argv) and not any(arg.startswith("-") for arg in argv)


def main() -> None:
    """Console-script entry point."""
    _safe_streams()
    argv = sys.argv[1:]
    if _plain(argv):
        from validator.runner import run

        code = guarded(lambda: run(build_options(tuple(argv))))
    else:
        from validator.cli import run_command

        code = run_command(argv)
    sys.exit(code)
