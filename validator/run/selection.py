"""Which files a run takes: globs with ``**`` and the paths git ignores.

Globs follow the rules of ``.gitignore`` patterns (``pathspec.GitIgnoreSpec``): ``*`` stays
inside one folder, ``**`` spans any number of folders, a pattern with a ``/`` (other than a final
one) is relative to its base folder, one without matches at any depth.  ``pathspec`` is imported
only when a run has globs (a config, ``--exclude``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

__all__ = ["GitIgnore", "Globs", "relative", "walk", "work_tree"]


def relative(path: str, root: Path) -> str | None:
    """``path`` relative to ``root`` with ``/`` separators, or None when it lies outside."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # pragma: no cover - another drive (Windows)
        return None
    if rel == os.curdir or rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return rel.replace(os.sep, "/")


class Globs:
    """Patterns relative to a folder; :meth:`match` takes any path."""

    def __init__(self, patterns: Sequence[str], root: Path) -> None:
        import pathspec

        self.patterns = tuple(patterns)
        self.root = root
        self._spec: Any = pathspec.GitIgnoreSpec.from_lines(self.patterns)
        self._regex = _one_regex(self._spec.patterns)

    def match_relative(self, rel: str) -> bool:
        if self._regex is not None:  # one regex search: a run matches every file of a tree
            return self._regex.match(rel) is not None
        return bool(self.patterns) and bool(self._spec.match_file(rel))

    def match(self, path: str) -> bool:
        rel = relative(path, self.root)
        return rel is not None and self.match_relative(rel)


def _one_regex(patterns: Sequence[Any]) -> re.Pattern[str] | None:
    """The patterns as one regex, when none is a negation (``!x``), for which order matters;
    None then (and for no pattern at all, or patterns without a regex)."""
    parts = []
    for pattern in patterns:
        if pattern.include is None:  # a blank line or a comment
            continue
        regex = getattr(pattern, "regex", None)
        if not pattern.include or regex is None:
            return None
        parts.append(regex.pattern.replace("(?P<ps_d>", "(?:"))
    return re.compile("|".join(parts)) if parts else None


def work_tree(start: Path) -> Path | None:
    """The top of the git work tree holding ``start`` (the first folder upwards with ``.git``)."""
    folder = Path(os.path.abspath(start))
    while True:
        if (folder / ".git").exists():
            return folder
        if folder.parent == folder:
            return None
        folder = folder.parent


class GitIgnore:
    """The ``.gitignore`` files of a work tree (each read when first needed) and
    ``.git/info/exclude``: a deeper file's pattern decides before a shallower one's, and a path
    inside an ignored folder is ignored."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self._specs: dict[str, Any] = {}
        self._info = self._read(top / ".git" / "info" / "exclude")

    @staticmethod
    def _read(path: Path) -> Any:
        try:
            lines = path.read_text("utf-8", errors="replace").splitlines()
        except OSError:
            return None
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(lines)

    def _spec(self, folder: str) -> Any:
        if folder not in self._specs:
            self._specs[folder] = self._read(self.top / folder / ".gitignore")
        return self._specs[folder]

    def _decides(self, rel: str, is_dir: bool) -> bool | None:
        parts = rel.split("/")
        tail = "/" if is_dir else ""
        for depth in range(len(parts) - 1, -1, -1):
            spec = self._spec("/".join(parts[:depth]))
            if spec is not None:
                found = spec.check_file("/".join(parts[depth:]) + tail).include
                if found is not None:
                    return bool(found)
        if self._info is not None:
            found = self._info.check_file(rel + tail).include
            if found is not None:
                return bool(found)
        return None

    def ignored(self, rel: str, is_dir: bool = False) -> bool:
        """Whether git ignores ``rel`` (relative to the work tree's top), itself or a folder
        above it."""
        parts = rel.split("/")
        for depth in range(1, len(parts)):
            if self._decides("/".join(parts[:depth]), True):
                return True
        return bool(self._decides(rel, is_dir))

    def ignored_path(self, path: str) -> bool:
        rel = relative(path, self.top)
        return rel is not None and self.ignored(rel)


def walk(root: Path, exclude: Globs | None, gitignore: GitIgnore | None) -> Iterator[str]:
    """The regular files below ``root`` (paths relative to it, ``/`` separators, sorted, each
    folder before the next), skipping ``.git``, excluded paths and what git ignores; an excluded
    or ignored folder is not entered."""
    offset = relative(str(root), gitignore.top) if gitignore is not None else None
    prefix = "" if offset is None else offset + "/"
    todo = [""]
    while todo:
        folder = todo.pop()
        try:
            with os.scandir(root / folder if folder else root) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            rel = f"{folder}/{entry.name}" if folder else entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                if not is_dir and not entry.is_file():
                    continue
            except OSError:
                continue
            if is_dir and entry.name == ".git":
                continue
            if exclude is not None and exclude.match_relative(rel + ("/" if is_dir else "")):
                continue
            if gitignore is not None and gitignore._decides(prefix + rel, is_dir):
                continue
            if is_dir:
                subfolders.append(rel)
            else:
                yield rel
        todo.extend(reversed(subfolders))
