"""The ``casefile-validate`` entry point: argv -> options -> run() -> exit code.

The most common calls name only inputs (``casefile-validate payloads/``) or nothing at all (the
checks of a repository's config), and then there is no option to parse: such a run takes the
defaults of :class:`~validator.options.Options` (the very defaults the click command is built
from) and starts without importing click (about a fifth of the start-up).  Every other call
goes through :mod:`validator.cli`.
"""

from __future__ import annotations

import sys

from validator.process import guarded, safe_streams

__all__ = ["main"]


def _plain(argv: list[str]) -> bool:
    """Whether the arguments are only inputs, or none at all (a repository's config run):
    nothing that click would read as an option (``-`` for standard input starts with a dash, so
    it goes to click too)."""
    return not any(arg.startswith("-") for arg in argv)


def _run(argv: list[str]) -> int:
    if _plain(argv):
        from validator.options import Options
        from validator.runner import run

        return run(Options(inputs=tuple(argv)))
    from validator.cli import run_command

    return run_command(argv)


def main() -> None:
    """Console-script entry point (Ctrl-C even during the imports is exit 130 and one line)."""
    safe_streams()
    sys.exit(guarded(lambda: _run(sys.argv[1:])))
