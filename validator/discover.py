"""Where a run's config is: from the working directory upwards, stopping at the top of the git
work tree (a folder holding ``.git``) or at the filesystem root, the first folder holding
``.casefile-validate.toml`` or a ``pyproject.toml`` with a ``[tool.casefile-validate]`` table (in
one folder ``.casefile-validate.toml`` wins).

This runs at the start of every run, so it costs a few ``stat`` calls a folder and imports
nothing: a ``pyproject.toml`` is read as text and searched for the table's header (the TOML
parser, and :mod:`validator.config`, are needed only once a config is found).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CONFIG_FILE", "PYPROJECT", "ConfigError", "find_config"]

CONFIG_FILE = ".casefile-validate.toml"
PYPROJECT = "pyproject.toml"
HEADER = r"""^[ \t]*\[\[?[ \t]*tool[ \t]*\.[ \t]*["']?casefile-validate["']?[ \t]*[\].]"""
"""A ``[tool.casefile-validate]`` or ``[[tool.casefile-validate.checks]]`` header line."""


class ConfigError(Exception):
    """A configuration that cannot be used (exit 2); ``str()`` names file:line:column.  (Defined
    here, with the search every run makes, so that catching it imports nothing more.)"""

    exit_code = 2  # validator.problems.EXIT_USAGE


def _declares(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text("utf-8", errors="replace")
    except OSError:
        return False
    if "casefile-validate" not in text:  # most pyproject files: no regex at all
        return False
    import re

    return re.search(HEADER, text, re.M) is not None


def find_config(start: str | Path | None = None) -> Path | None:
    """The configuration file that governs ``start`` (default: the working directory), or None."""
    folder = Path(os.path.abspath(start if start is not None else os.curdir))
    while True:
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _declares(pyproject):
            return pyproject
        if (folder / ".git").exists() or folder.parent == folder:
            return None
        folder = folder.parent
