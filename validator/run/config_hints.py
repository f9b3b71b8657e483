"""A config's unknown keys refused, with a hint (see :mod:`validator.run.config`)."""

from __future__ import annotations

from typing import Any

from validator.run.discover import ConfigError

__all__ = ["misplaced", "unknown_keys"]


def unknown_keys(
    keys: Any, known: tuple[str, ...], at: Any, where: str, whole: bool = False
) -> None:
    """:class:`ConfigError` at the first of ``keys`` not ``known`` (``at(key)``: its place;
    ``where``: the file or table they are in; ``whole``: they are the top-level keys of a file
    that is all config, not a pyproject.toml), with a did-you-mean, or what the file takes."""
    from validator.near_miss import suggest

    for key in keys:
        if key not in known:
            hint = suggest(key, known)
            tip = (misplaced(key) if whole else "") or (
                f'; did you mean "{hint}"?' if hint else f" (known: {', '.join(known)})"
            )
            raise ConfigError(f'{at(key)}: unknown key "{key}" in {where}{tip}')


def misplaced(key: str) -> str:
    """What to say of the unknown top-level key ``key`` of a file that is all config (such as
    :data:`~validator.run.discover.CONFIG_FILE`) when it is a known mistake: a pyproject table
    pasted in (``[[tool.casefile-validate.checks]]``), whose keys go at the file's top level;
    else ``""``."""
    if key == "tool":
        return (
            "; this file takes [[checks]] and its other keys at its top level, not under "
            "[tool.casefile-validate] (that table is pyproject.toml's): write [[checks]] for "
            "[[tool.casefile-validate.checks]]"
        )
    return ""
