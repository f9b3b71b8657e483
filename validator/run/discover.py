"""Where a run's config is: from the working directory upwards, stopping at the top of the git
work tree (a folder holding ``.git``) or at the filesystem root, the first folder holding
``.casefile-validate.toml`` or a ``pyproject.toml`` with a ``[tool.casefile-validate]`` table (in
one folder ``.casefile-validate.toml`` wins).

This runs at the start of every run, so it costs a few ``stat`` calls a folder and imports
nothing: a ``pyproject.toml`` is read as text and searched for the table's header (the TOML
parser, and :mod:`validator.run.config`, are needed only once a config is found).

:func:`search` also says which folders it looked in, and which headers of the ``pyproject.toml``
files it read name a table that looks meant for this tool but is not its table
(``[tool.casefile-validator]``, ``[tool.casefile_validate]``: any ``tool.casefile*`` table, or
one a few edits from ``casefile-validate``), which nothing would read; and which files in those
folders have a name that looks meant for its config file but is not it (``.casefile.toml``,
``casefile-validator.toml``, ``casefile.yaml``: :func:`near_config`), named from the folder's
listing, never opened.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "CONFIG_FILE",
    "PYPROJECT",
    "ConfigError",
    "Search",
    "declares",
    "find_config",
    "near_config",
    "near_config_message",
    "search",
    "stdin_notice",
    "stray_message",
    "strays",
    "terminal_stdin",
]

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


def _tool_table(line: str) -> str | None:
    """The name of the ``tool`` table a header line opens (``casefile-validator`` for
    ``[[tool."casefile-validator".checks]]``), or None."""
    rest = line.strip(" \t")
    if not rest.startswith("["):
        return None
    rest = rest.lstrip("[").lstrip(" \t")
    if not rest.startswith("tool"):
        return None
    rest = rest[4:].lstrip(" \t")
    if not rest.startswith("."):
        return None
    rest = rest[1:].lstrip(" \t")
    if rest[:1] in ("'", '"'):
        name, quote, _ = rest[1:].partition(rest[0])
        return name if quote else None
    end = next((k for k, c in enumerate(rest) if c in " \t.]"), len(rest))
    return rest[:end] or None


def strays(text: str) -> list[tuple[int, str]]:
    """(line, name) of the first header of each ``tool`` table of a ``pyproject.toml`` text that
    looks meant for this tool but is not its table: ``tool.casefile*``, or a name a few edits
    from ``casefile-validate`` (:func:`validator.near_miss.suggest`)."""
    found: list[tuple[int, str]] = []
    seen = {_TABLE}
    for number, line in enumerate(text.split("\n"), 1):
        if "tool" not in line or line.lstrip(" \t")[:1] != "[":
            continue
        name = _tool_table(line)
        if name is None or name in seen:
            continue
        seen.add(name)
        if name.lower().startswith("casefile"):
            found.append((number, name))
            continue
        from validator.near_miss import suggest

        if suggest(name.replace("_", "-"), [_TABLE]) is not None:
            found.append((number, name))
    return found


def _text(pyproject: str) -> str:
    try:
        with open(pyproject, encoding="utf-8", errors="replace") as file:
            return file.read(_READ)
    except OSError:
        return ""


_NEAR_STEMS = ("casefile", "casefile-config", "casefile-validator", "casefile-validation")
_CONFIG_TYPES = ("toml", "tml", "tmol", "yaml", "yml", "ini", "cfg", "conf", "json")


def near_config(name: str) -> bool:
    """Whether a file name looks meant for the config file but is not it: ``casefile``,
    ``casefile-validate`` or a name a few edits from it (``casefile_validator``), with or
    without the leading dot, with the extension of a config format (``toml``, ``tml``, ``yaml``,
    ``yml``, ``ini``, ``cfg``, ``conf``; ``json`` only for a dotted name or one close to
    ``casefile-validate``: ``casefile.json`` may well be a document)."""
    if name == CONFIG_FILE:
        return False
    stem, dot, kind = name.lstrip(".").rpartition(".")
    kind = kind.lower()
    if not dot or kind not in _CONFIG_TYPES:
        return False
    stem = stem.lower().replace("_", "-")
    from validator.near_miss import suggest

    close = stem in _NEAR_STEMS[1:] or suggest(stem, [_TABLE]) is not None
    return close or (stem == "casefile" and (kind != "json" or name.startswith(".")))


def _near_configs(folder: str) -> list[str]:
    """The files of ``folder`` whose names :func:`near_config` takes (from its listing)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(
        os.path.join(folder, name)
        for name in names
        if ("file" in name or "File" in name or "FILE" in name) and near_config(name)
    )


class Search:
    """What :func:`search` found: the config file (or None), the folders it looked in (from the
    start upwards), ``(file, line, name)`` of each stray table (see :func:`strays`) of the
    ``pyproject.toml`` files it read, and the files of those folders named like the config file
    but not it (see :func:`near_config`)."""

    __slots__ = ("folders", "found", "near", "strays")

    def __init__(self) -> None:
        self.found: Path | None = None
        self.folders: list[str] = []
        self.strays: list[tuple[str, int, str]] = []
        self.near: list[str] = []


def search(start: str | Path | None = None) -> Search:
    """The configuration file that governs ``start`` (default: the working directory), the
    folders looked in, and the stray tables met (see :class:`Search`)."""
    done = Search()
    folder = os.path.abspath(start if start is not None else os.curdir)
    while True:
        done.folders.append(folder)
        done.near.extend(_near_configs(folder))
        found = os.path.join(folder, CONFIG_FILE)
        if not os.path.isfile(found):
            found = os.path.join(folder, PYPROJECT)
            text = _text(found) if os.path.isfile(found) else ""
            if text:
                done.strays.extend((found, line, name) for line, name in strays(text))
            found = found if text and declares(text) else ""
        if found:
            from pathlib import Path

            done.found = Path(found)
            return done
        parent = os.path.dirname(folder)
        if os.path.exists(os.path.join(folder, ".git")) or parent == folder:
            return done
        folder = parent


def find_config(start: str | Path | None = None) -> Path | None:
    """The configuration file that governs ``start`` (default: the working directory), or None."""
    return search(start).found


def _shown(file: str) -> str:
    from validator.contracts.schema_positions import shown

    return shown(file)


def stray_message(file: str, line: int, name: str) -> str:
    """The warning for a table that looks meant for this tool but is not its table."""
    from validator.near_miss import suggest

    shown = _shown(file)
    quoted = name if name.replace("-", "").replace("_", "").isalnum() else f'"{name}"'
    hint = " did you mean [tool.casefile-validate]?"
    if suggest(name.replace("_", "-"), ["casefile-validate"]) is None:
        hint = " casefile-validate reads only [tool.casefile-validate]"
    return f"{shown}:{line}:1: table [tool.{quoted}] is not read by casefile-validate;{hint}"


def near_config_message(file: str) -> str:
    """The warning for a file named like the config file that is not read (see
    :func:`near_config`)."""
    shown = _shown(file)
    if file.rpartition(".")[2].lower() in _CONFIG_TYPES[:3]:  # TOML, misnamed
        return f"{shown}: not read by casefile-validate; did you mean {CONFIG_FILE}?"
    return (
        f"{shown}: not read by casefile-validate; its config is TOML: {CONFIG_FILE}, or "
        f"[tool.casefile-validate] in {PYPROJECT}"
    )


def stdin_notice(looked: Search | None) -> str:
    """What a run with no input says when standard input is a terminal (else it would wait
    silently): where it looked for a config, and how to end the input."""
    reading = (
        "reading documents from standard input: end it with Ctrl-D (or name the files or "
        "folders to check)"
    )
    if looked is None:
        return reading
    first, last = looked.folders[0], looked.folders[-1]
    where = f"in {first}" if first == last else f"in {first} and the folders above it up to {last}"
    return (
        f"no config found ({CONFIG_FILE}, or [tool.casefile-validate] in {PYPROJECT}, {where}); "
        + reading
    )


def terminal_stdin() -> bool:
    import sys

    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed
        return False
