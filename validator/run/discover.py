"""Where a run's config is: from the working directory upwards, stopping at the top of the git
work tree (a folder holding ``.git``) or at the filesystem root, the first folder holding
``.casefile-validate.toml`` or a ``pyproject.toml`` with a ``[tool.casefile-validate]`` table (in
one folder ``.casefile-validate.toml`` wins).

This runs at the start of every run, so it costs a few ``stat`` calls a folder and imports
nothing: a ``pyproject.toml`` is read as text and searched for the table's header (the TOML
parser, and :mod:`validator.run.config`, are needed only once a config is found).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["CONFIG_FILE", "PYPROJECT", "ConfigError", "declares", "find_config"]

CONFIG_FILE = ".casefile-validate.toml"
PYPROJECT = "pyproject.toml"
_TABLE = "casefile-validate"


class ConfigError(Exception):
    """A configuration that cannot be used (exit 2); ``str()`` names file:line:column.  (Defined
    here, with the search every run makes, so that catching it imports nothing more.)"""

    exit_code = 2  # validator.problems.EXIT_USAGE


def _header(line: str) -> bool:
    r"""Whether a line is a ``[tool.casefile-validate]`` or ``[[tool.casefile-validate.checks]]``
    header: ``^[ \t]*\[\[?[ \t]*tool[ \t]*\.[ \t]*["']?casefile-validate["']?[ \t]*[\].]``
    read without a regex (compiling one costs more than the whole search)."""
    rest = line.lstrip(" \t")
    if rest[:1] != "[":
        return False
    rest = rest[2:] if rest[1:2] == "[" else rest[1:]
    rest = rest.lstrip(" \t")
    if not rest.startswith("tool"):
        return False
    rest = rest[4:].lstrip(" \t")
    if rest[:1] != ".":
        return False
    rest = rest[1:].lstrip(" \t")
    rest = rest[1:] if rest[:1] in ("'", '"') else rest
    if not rest.startswith(_TABLE):
        return False
    rest = rest[len(_TABLE) :]
    rest = rest[1:] if rest[:1] in ("'", '"') else rest
    return rest.lstrip(" \t")[:1] in ("]", ".")


def declares(text: str) -> bool:
    """Whether the text of a ``pyproject.toml`` has a line that is a header of the table."""
    if _TABLE not in text:  # most pyproject files
        return False
    return any(_header(line) for line in text.split("\n") if _TABLE in line)


_READ = (1 << 20) + 1
"""The most of a ``pyproject.toml`` read to find the header: one more than a config may take
(:data:`validator.inputs.boundary.MAX_CONFIG_BYTES`; a larger one is refused when loaded)."""


def _declares(pyproject: str) -> bool:
    try:
        with open(pyproject, encoding="utf-8", errors="replace") as file:
            return declares(file.read(_READ))
    except OSError:
        return False


def find_config(start: str | Path | None = None) -> Path | None:
    """The configuration file that governs ``start`` (default: the working directory), or None."""
    folder = os.path.abspath(start if start is not None else os.curdir)
    while True:
        found = os.path.join(folder, CONFIG_FILE)
        if not os.path.isfile(found):
            found = os.path.join(folder, PYPROJECT)
            found = found if os.path.isfile(found) and _declares(found) else ""
        if found:
            from pathlib import Path

            return Path(found)
        parent = os.path.dirname(folder)
        if os.path.exists(os.path.join(folder, ".git")) or parent == folder:
            return None
        folder = parent
