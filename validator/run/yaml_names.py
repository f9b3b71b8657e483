"""Which inputs and schema files a run reads as YAML: names ending in ``.yaml`` or ``.yml`` (any
case), the paths ``--yaml-files`` globs match (gitignore-style, relative to the working
directory, as ``--exclude``'s), standard input when one of them is ``-``, and every file of a
config check with ``yaml = true`` (its ``schema`` or ``openapi`` file too).  JSON Lines stay
JSON: ``--jsonl`` and ``--yaml-files`` are not given together, and a ``.jsonl``/``.ndjson`` file
is read as JSON Lines whatever matches it.

The predicate is made once per task (:func:`yaml_names`), before its documents are read: without
``--yaml-files`` and ``yaml = true`` it is the suffix test alone, as it always was.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from validator.inputs.sources import STDIN, YAML_SUFFIXES

if TYPE_CHECKING:
    from validator.run.config import Config
    from validator.run.selection import Globs

__all__ = ["by_suffix", "check_yaml_files", "with_check_specs", "yaml_names", "yaml_specs"]

Predicate = Callable[[str], bool]


def by_suffix(name: str) -> bool:
    """Whether ``name`` ends in ``.yaml`` or ``.yml`` (any case)."""
    return name.lower().endswith(YAML_SUFFIXES)


def _always(name: str) -> bool:
    return True


def check_yaml_files(globs: tuple[str, ...], jsonl: bool) -> str | None:
    """Why ``--yaml-files`` cannot be used as given (a usage error), else None."""
    if not globs:
        return None
    if jsonl:
        return "--yaml-files and --jsonl contradict (JSON Lines stay JSON)"
    from validator.run.selection import BadGlob

    try:
        _globs(tuple(g for g in globs if g != "-"), os.path.abspath(os.curdir))
    except BadGlob as exc:
        return f"--yaml-files {exc}"
    return None


def yaml_names(globs: tuple[str, ...], whole_check: bool = False, root: str = "") -> Predicate:
    """The predicate of the names read as YAML: by suffix, by ``globs`` (``--yaml-files``,
    relative to ``root``, by default the working directory) or, with ``whole_check`` (a check
    with ``yaml = true``), every name."""
    if whole_check:
        return _always
    if not globs:
        return by_suffix
    stdin = "-" in globs
    patterns = _globs(tuple(g for g in globs if g != "-"), root or os.path.abspath(os.curdir))

    def named(name: str) -> bool:
        if name == STDIN:
            return stdin
        return by_suffix(name) or (patterns is not None and patterns.match(name))

    return named


@lru_cache(maxsize=8)
def _globs(patterns: tuple[str, ...], root: str) -> Globs | None:
    """The compiled globs (None for none), made once per process for a run's options."""
    if not patterns:
        return None
    from pathlib import Path

    from validator.run.selection import Globs

    return Globs(patterns, Path(root))


def with_check_specs(named: Predicate | None, specs: list[str]) -> Predicate | None:
    """``named`` (the run's schema files read as YAML; None: by suffix), and the files
    ``specs`` (the ``schema``/``openapi`` paths of the config checks with ``yaml = true``: a
    check's files are all YAML, its contract too)."""
    if not specs:
        return named
    found = frozenset(os.path.realpath(spec) for spec in specs)
    rest = named or by_suffix

    def yaml(name: str) -> bool:
        return rest(name) or os.path.realpath(name) in found

    return yaml


def yaml_specs(config: Config | None) -> list[str]:
    """The ``schema`` or ``openapi`` files (their paths, from the config's folder) of the checks
    with ``yaml = true``."""
    if config is None:
        return []
    found = []
    for check in config.checks:
        spec = check.openapi or check.schema
        if check.yaml and spec and not spec.startswith("py:"):
            found.append(os.path.join(config.root, spec.partition("#")[0]))
    return found
