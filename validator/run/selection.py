"""Which files a run takes: globs with ``**`` and the paths git ignores.

Globs follow the rules of ``.gitignore`` patterns (``pathspec.GitIgnoreSpec``): ``*`` stays
inside one folder, ``**`` spans any number of folders, a pattern with a ``/`` (other than a final
one) is relative to its base folder, one without matches at any depth.  Their regexes are
written by :mod:`validator.run.wildmatch`, so that matching takes time linear in a path's length
whatever the pattern.  ``pathspec`` is imported only when a run has globs (a config,
``--exclude``).

Ignore files are read only when they are regular files (a ``.gitignore`` that is a symbolic link
is not read, as git does not read one) of at most
:data:`~validator.inputs.boundary.MAX_IGNORE_BYTES`; a line git never matches anything with is
skipped, and ``notice`` is told.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

__all__ = ["BadGlob", "Chain", "GitIgnore", "Globs", "relative", "walk", "work_tree"]

Chain = list[tuple[int, Any]]
"""The ignore files ruling a path, deepest first (see :meth:`GitIgnore.chain`)."""


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


class BadGlob(ValueError):
    """A glob that git never matches anything with (a ``[`` never closed, ``[z-a]``, ...)."""

    def __init__(self, glob: str, problem: Exception) -> None:
        super().__init__(f"{glob!r} is not a usable glob: {problem}")
        self.glob = glob


class Globs:
    """Patterns relative to a folder; :meth:`match` takes any path.  :class:`BadGlob` for a
    pattern that git never matches anything with."""

    def __init__(self, patterns: Sequence[str], root: Path) -> None:
        from validator.run.wildmatch import BadPattern, pattern_regex

        self.patterns = tuple(patterns)
        self.root = root
        self._made: Any = None
        regexes = []
        for line in self.patterns:
            try:
                regexes.append(pattern_regex(line))
            except BadPattern as problem:
                raise BadGlob(line, problem) from None
        self._regex = _one_regex(regexes)
        if self._regex is None:  # order matters (a "!" line): the spec's matching, made now
            _ = self._spec

    @property
    def _spec(self) -> Any:
        """The ``pathspec`` spec of the patterns (compiled one by one), made when first needed:
        one regex of them all (:func:`_one_regex`) answers wherever there is one."""
        if self._made is None:
            from validator.run.wildmatch import spec

            def bad(number: int, problem: Exception) -> None:
                raise BadGlob(self.patterns[number - 1], problem)

            self._made = spec(list(self.patterns), bad)
        return self._made

    def folders(self) -> frozenset[str] | None:
        """The folders (``a/b/``, relative to :attr:`root`) below which lie all the paths the
        patterns match, one a pattern, or None when some pattern may match a path anywhere
        (``*.json``, ``a/**/b``) or order matters (a ``!`` line): a walk tests a path only
        against the globs of its folders (:func:`validator.run.placing.found_by_checks`)."""
        from validator.run.wildmatch import pattern_regex

        if self._regex is None:
            return None
        found = set()
        for line in self.patterns:
            regex, include = pattern_regex(line)
            if include is None or regex is None:  # a blank line or a comment
                continue
            folder = _folder_of(regex)
            if not folder:
                return None
            found.add(folder)
        return frozenset(found) or None

    def match_relative(self, rel: str) -> bool:
        if self._regex is not None:  # one regex search: a run matches every file of a tree
            return self._regex.match(rel) is not None
        return bool(self.patterns) and bool(self._spec.match_file(rel))

    def match(self, path: str) -> bool:
        rel = relative(path, self.root)
        return rel is not None and self.match_relative(rel)


def _one_regex(regexes: Sequence[tuple[str | None, bool | None]]) -> _Matcher | None:
    """The patterns' regexes (:func:`~validator.run.wildmatch.pattern_regex`) as one compiled
    regex, when none is a negation (``!x``), for which order matters; None then (and for no
    pattern at all, or one the regex module cannot compile: the spec says why).  One pattern
    under a literal folder (``payloads/Customer/*.json``) is matched as that folder, then the
    rest of its regex, compiled once for every folder (a config's checks differ by folder)."""
    parts = []
    for regex, include in regexes:
        if include is None:  # a blank line or a comment
            continue
        if not include or regex is None:
            return None
        parts.append(regex.replace("(?P<ps_d>", "(?:"))
    try:
        if len(parts) == 1 and (folder := _folder_of(parts[0])):
            return _Below(folder, _rest(parts[0][1 + len(folder) :]))
        return re.compile("|".join(parts)) if parts else None
    except (re.error, RecursionError, OverflowError):  # pragma: no cover - by construction
        return None


class _Matcher(Protocol):
    def match(self, rel: str) -> re.Match[str] | None: ...


class _Below:
    """A regex ``^folder/rest`` whose folder is literal, matched as the folder, then the rest
    from there (the rest's regex shared by every folder it follows)."""

    __slots__ = ("folder", "rest")

    def __init__(self, folder: str, rest: re.Pattern[str]) -> None:
        self.folder, self.rest = folder, rest

    def match(self, rel: str) -> re.Match[str] | None:
        return self.rest.match(rel, len(self.folder)) if rel.startswith(self.folder) else None


_RESTS: dict[str, re.Pattern[str]] = {}


def _rest(regex: str) -> re.Pattern[str]:
    found = _RESTS.get(regex)
    if found is None:
        if len(_RESTS) >= 512:
            _RESTS.clear()
        found = _RESTS[regex] = re.compile(regex)
    return found


_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/")
"""Characters a regex takes as themselves, never escaped by ``re.escape``."""


def _folder_of(regex: str) -> str:
    """The folder every match of one pattern's regex lies below: its literal start after ``^``
    up to its last ``/`` (``""`` when there is none, or when a ``|`` outside any group could
    match without it)."""
    if not regex.startswith("^"):
        return ""
    end = 1
    while end < len(regex) and regex[end] in _PLAIN:
        end += 1
    folder = regex[1:end].rpartition("/")[0]
    return folder + "/" if folder and not _bar_outside_groups(regex) else ""


def _bar_outside_groups(regex: str) -> bool:
    """Whether ``regex`` has an alternation ``|`` outside every group and class."""
    depth, index, klass = 0, 0, False
    while index < len(regex):
        char = regex[index]
        if char == "\\":
            index += 1
        elif klass:
            klass = char != "]"
        elif char == "[":
            klass = True
            if regex[index + 1 : index + 2] == "^":
                index += 1
            if regex[index + 1 : index + 2] == "]":  # a ] first in a class is itself
                index += 1
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
        index += 1
    return False


def _show(path: str) -> str:
    """A path as messages name it: relative to the working directory when inside it."""
    return relative(path, Path(os.path.abspath(os.curdir))) or path


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
    inside an ignored folder is ignored.  ``notice`` hears of each ignore file not read and of
    each line skipped."""

    def __init__(self, top: Path, notice: Callable[[str], None] | None = None) -> None:
        self.top = top
        self._notice = notice
        self._specs: dict[str, Any] = {}
        self._top = str(top)
        self._info = self._read(os.path.join(self._top, ".git", "info", "exclude"))

    def _read(self, path: str) -> Any:
        from validator.inputs.boundary import MAX_IGNORE_BYTES, NotRegular, TooLarge, read_regular

        try:
            raw = read_regular(path, MAX_IGNORE_BYTES, follow=not path.endswith(".gitignore"))
        except NotRegular:
            self._tell(f"{_show(path)}: not read: not a regular file (git reads no other)")
            return None
        except TooLarge as exc:
            self._tell(f"{_show(path)}: not read: {exc.strerror}")
            return None
        except OSError:
            return None
        from validator.run.wildmatch import spec

        def bad(number: int, problem: Exception) -> None:
            self._tell(f"{_show(path)}:{number}: pattern skipped: {problem}")

        return spec(raw.decode("utf-8", errors="replace").splitlines(), bad)

    def _tell(self, message: str) -> None:
        if self._notice is not None:
            self._notice(f"warning: {message}")

    def _spec(self, folder: str) -> Any:
        if folder not in self._specs:
            self._specs[folder] = self._read(os.path.join(self._top, folder, ".gitignore"))
        return self._specs[folder]

    def chain(self, rel: str, folder: bool = False) -> Chain:
        """The ignore files that rule a path (``folder``: a folder's own too): ``(offset, spec)``
        of each, deepest first, ``offset`` where the part of the path relative to its folder
        starts.  Each folder's file is looked up once (a path's check then costs its depth times
        the number of ignore files above it, not its depth squared)."""
        found: Chain = []
        at = 0
        while True:
            spec = self._spec(rel[: at - 1] if at else "")
            if spec is not None:
                found.append((at, spec))
            cut = rel.find("/", at)
            if cut < 0:
                break
            at = cut + 1
        if folder and rel:
            spec = self._spec(rel)
            if spec is not None:
                found.append((len(rel) + 1, spec))
        found.reverse()
        return found

    def below(self, chain: Chain, folder: str) -> Chain:
        """The chain of the paths in ``folder`` from that of the folder holding it."""
        spec = self._spec(folder)
        return chain if spec is None else [(len(folder) + 1, spec), *chain]

    def verdict(self, chain: Chain, rel: str, is_dir: bool, end: int | None = None) -> bool | None:
        """Whether the ignore files of ``chain`` ignore ``rel[:end]`` itself (None: none of them
        says); ``chain`` is that of ``rel`` or of a folder below ``rel[:end]``."""
        end = len(rel) if end is None else end
        tail = "/" if is_dir else ""
        for offset, spec in chain:
            if offset <= end:  # a folder above rel[:end]
                found = spec.check_file(rel[offset:end] + tail).include
                if found is not None:
                    return bool(found)
        if self._info is not None:
            found = self._info.check_file(rel[:end] + tail).include
            if found is not None:
                return bool(found)
        return None

    def ignored(self, rel: str, is_dir: bool = False) -> bool:
        """Whether git ignores ``rel`` (relative to the work tree's top), itself or a folder
        above it."""
        chain = self.chain(rel)
        cut = rel.find("/")
        while cut >= 0:
            if self.verdict(chain, rel, True, cut):
                return True
            cut = rel.find("/", cut + 1)
        return bool(self.verdict(chain, rel, is_dir))

    def ignored_path(self, path: str) -> bool:
        rel = relative(path, self.top)
        return rel is not None and self.ignored(rel)


def walk(
    root: Path,
    exclude: Globs | None,
    gitignore: GitIgnore | None,
    outside: set[str] | None = None,
) -> Iterator[str]:
    """The regular files below ``root`` (paths relative to it, ``/`` separators, sorted, each
    folder before the next), skipping ``.git``, excluded paths and what git ignores; an excluded
    or ignored folder is not entered, nor is a symbolic link to a folder.  ``root`` is the
    boundary: a symbolic link to a file outside it is given too, but added to ``outside``, and
    must not be opened."""
    from validator.inputs.boundary import inside, real

    boundary = real(root)
    offset = relative(str(root), gitignore.top) if gitignore is not None else None
    prefix = "" if offset is None else offset + "/"
    top: Chain = [] if gitignore is None else gitignore.chain(prefix[:-1], folder=True)
    todo = [("", top)]
    while todo:
        folder, chain = todo.pop()
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
            if gitignore is not None and gitignore.verdict(chain, prefix + rel, is_dir):
                continue
            if is_dir:
                below = chain if gitignore is None else gitignore.below(chain, prefix + rel)
                subfolders.append((rel, below))
            else:
                if outside is not None and entry.is_symlink() and not inside(entry, boundary):
                    outside.add(rel)
                yield rel
        todo.extend(reversed(subfolders))
