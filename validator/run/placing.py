"""Which inputs a run takes, each with its check: the files a config's checks find below its
folder, and the inputs named (files, folders), as :func:`validator.run.plan.make_plan` places them.

A folder given as an input stands for the files a walk of it takes: its document files
(``*.json``, ``*.jsonl``, ``*.ndjson``) and, in a config run, every other file a check's globs
match (``logs/*.log``).  With ``--pre-commit`` (pre-commit's hook passes every changed file) the
files named are taken in the same way.  A folder holding nothing to check is a warning, not an
input.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from validator.inputs.sources import EMPTY_DIRECTORY, SUFFIXES, Item, expand
from validator.run.tasks import Entry

if TYPE_CHECKING:
    from pathlib import Path

    from validator.run.config import Check, Config
    from validator.run.settings import Options

__all__ = ["UsageError", "excluded", "found_by_checks", "named_inputs", "placed"]


class UsageError(Exception):
    """Options that contradict each other, or an input a config cannot place (exit 2)."""


def _shown(root: Path) -> str:
    """How paths below ``root`` are named in reports: relative to the working directory (also
    from a folder below the config's: ``../payloads/a.json``), unless ``root`` is reached through
    a symbolic link (``..`` would then leave the link's target, not its folder)."""
    rel = os.path.relpath(root)
    if rel == os.curdir:
        return ""
    if rel.startswith(os.pardir) and os.path.realpath(root) != os.path.abspath(root):
        return str(root) + os.sep
    return rel + os.sep


def excluded(entry: str | Item, excludes: list[Any]) -> bool:
    name = entry.source if isinstance(entry, Item) else entry
    return name != "-" and any(globs.match(name) for globs in excludes)


def _matches(check: Check, globs: dict[int, tuple[Any, Any]], rel: str) -> bool:
    files, exclude = globs[check.number]
    return bool(files.match_relative(rel)) and not (exclude and exclude.match_relative(rel))


def _check_globs(config: Config) -> dict[int, tuple[Any, Any]]:
    from validator.run.selection import Globs

    root = config.root
    return {
        c.number: (Globs(c.files, root), Globs(c.exclude, root) if c.exclude else None)
        for c in config.checks
    }


def _document_name(path: str) -> bool:
    """Whether a file's name is a document's (what a folder's walk takes)."""
    return path.lower().endswith(SUFFIXES)


def named_inputs(
    options: Options, notice: Callable[[str], None], recordings: bool = False
) -> Iterator[str | Item]:
    """The inputs of a run without a config's checks: folders searched (one holding no document
    file, or no ``*.har`` for ``recordings``, is a warning, not an input) and, with
    ``--pre-commit``, the files named taken as a folder's files are (by name; every file with
    ``--jsonl``)."""
    from validator.inputs.sources import HAR_SUFFIXES, SUFFIXES

    suffixes = HAR_SUFFIXES if recordings else SUFFIXES
    for name in options.inputs or ("-",):
        folder = name != "-" and os.path.isdir(name)
        loose = options.pre_commit and not (folder or name == "-" or options.jsonl)
        if loose and not (
            name.lower().endswith(HAR_SUFFIXES) if recordings else _document_name(name)
        ):
            continue
        if not folder:
            yield name
            continue
        found = list(expand([name], notice, suffixes))
        if len(found) == 1 and isinstance(found[0], Item) and found[0].problem == EMPTY_DIRECTORY:
            what = "*.har" if recordings else "*.json, *.jsonl or *.ndjson"
            notice(f"warning: {name}: no {what} file in it: nothing to check")
            continue
        yield from found


def _tree_order(entry: str | Item) -> tuple[tuple[int, str], ...]:
    """The order of a folder's walk: a folder's files (by name) before its folders (by name)."""
    parts = (entry.source if isinstance(entry, Item) else entry).split(os.sep)
    return (*((1, part) for part in parts[:-1]), (0, parts[-1]))


def _with_matched(
    name: str,
    found: list[str | Item],
    config: Config,
    globs: dict[int, tuple[Any, Any]],
    ignore: Any,
) -> list[str | Item]:
    """The files of a folder given in a config run: its document files (``found``) and the other
    files some check's globs match (``logs/*.log``), in the walk's order."""
    from pathlib import Path

    from validator.inputs.sources import outside_message
    from validator.run.selection import relative, walk

    if all(glob.lower().endswith(SUFFIXES) for check in config.checks for glob in check.files):
        return found  # no check takes other files: no second walk
    outside: set[str] = set()
    more: list[str | Item] = []
    for rel in walk(Path(name), None, ignore, outside):
        path = os.path.join(name, rel)
        at = None if _document_name(rel) else relative(path, config.root)
        if at and any(_matches(check, globs, at) for check in config.checks):
            leaves = outside_message(name, "the folder named")
            more.append(Item(path, 1, None, leaves) if rel in outside else path)
    return sorted([*found, *more], key=_tree_order) if more else found


def placed(
    options: Options,
    config: Config,
    excludes: list[Any],
    gitignore: Any,
    notice: Callable[[str], None],
) -> tuple[list[Entry], list[str]]:
    """Each input to the first check that matches it.  A file named that no check matches is
    skipped and counted; of the files found in a folder (and, with ``--pre-commit``, of those
    named), only those named as documents are, and what the walk could not take (a link leading
    outside): the others are no inputs at all."""
    from validator.run.selection import relative

    globs = _check_globs(config)
    entries: list[Entry] = []
    skipped: list[str] = []
    for name in options.inputs:
        if name == "-":
            raise UsageError("standard input matches no check of the config: give --schema")
        walked = os.path.isdir(name)
        found = list(expand([name], notice))
        if walked:
            found = [e for e in found if not (isinstance(e, Item) and e.problem == EMPTY_DIRECTORY)]
            found = _with_matched(name, found, config, globs, gitignore)
        loose = walked or options.pre_commit
        before = (len(entries), len(skipped))
        for entry in found:
            path = entry.source if isinstance(entry, Item) else entry
            ignored = walked and gitignore is not None and gitignore.ignored_path(path)
            if ignored or excluded(entry, excludes):
                continue
            rel = relative(path, config.root)
            index = next(
                (k for k, c in enumerate(config.checks) if rel and _matches(c, globs, rel)), None
            )
            if index is not None:
                entries.append((entry, index))
            elif not loose or options.jsonl or isinstance(entry, Item) or _document_name(path):
                skipped.append(path)  # (an Item: what the walk found and could not take)
        if walked and (len(entries), len(skipped)) == before:
            notice(f"warning: {name}: no file in it matches a check of the config")
    return entries, skipped


def found_by_checks(
    config: Config, excludes: list[Any], gitignore: Any, notice: Callable[[str], None]
) -> list[Entry]:
    from validator.run.selection import walk

    globs = _check_globs(config)
    own = next((g for g in excludes if g.root == config.root), None)
    others = [g for g in excludes if g is not own]
    prefix = _shown(config.root)
    tests = [(k, *globs[check.number]) for k, check in enumerate(config.checks)]
    found: list[list[str]] = [[] for _ in config.checks]
    outside: set[str] = set()  # links whose target lies outside the config's folder
    files = list(walk(config.root, own, gitignore, outside))
    by_folder, anywhere = _by_folder(tests)
    for rel in files:  # each file to the first check that matches it
        for position in _candidates(rel, by_folder, anywhere):
            index, wanted, unwanted = tests[position]
            if wanted.match_relative(rel) and not (unwanted and unwanted.match_relative(rel)):
                found[index].append(rel)
                break
    entries: list[Entry] = []
    for index, check in enumerate(config.checks):
        if not found[index] and not any(_matches(check, globs, rel) for rel in files):
            notice(f"warning: {check.files_at}: check {check.number} matches no file")
        for rel in found[index]:
            path = prefix + rel
            if prefix.startswith(os.pardir):  # from below the config's folder: x, not ../sub/x
                path = os.path.relpath(path)
            if not others or not any(g.match(path) for g in others):
                entries.append((_outside(path, config.root) if rel in outside else path, index))
    return entries


def _by_folder(tests: list[tuple[int, Any, Any]]) -> tuple[dict[str, list[int]], list[int]]:
    """The checks (their positions) whose globs match only below a folder, by folder
    (:meth:`~validator.run.selection.Globs.folders`), and those whose globs may match anywhere."""
    by_folder: dict[str, list[int]] = {}
    anywhere: list[int] = []
    for position, (_, wanted, _) in enumerate(tests):
        folders = wanted.folders()
        if folders is None:
            anywhere.append(position)
            continue
        for folder in folders:
            by_folder.setdefault(folder, []).append(position)
    return by_folder, anywhere


def _candidates(rel: str, by_folder: dict[str, list[int]], anywhere: list[int]) -> list[int]:
    """The checks (their positions, in order) whose globs may match ``rel``: those of its
    folders and those that may match anywhere (1,500 files and 500 checks: not 750,000 tests)."""
    found = list(anywhere)
    cut = rel.find("/")
    while cut != -1:
        found.extend(by_folder.get(rel[: cut + 1], ()))
        cut = rel.find("/", cut + 1)
    return sorted(set(found))


def _outside(path: str, root: Path) -> Item:
    """The input of a link found by a glob whose target lies outside the config's folder."""
    from validator.inputs.sources import outside_message

    return Item(path, 1, None, outside_message(str(root), "the config's folder"))
