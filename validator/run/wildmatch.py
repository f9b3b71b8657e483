"""Gitignore patterns as regexes whose matching time is linear in the path's length.

``pathspec`` writes a pattern as a regex with one ``[^/]*`` per ``*`` and one ``(?:/.+)?`` per
``**``; Python's backtracking engine then tries every way of sharing a path among them, a time
that grows as the path's length to the power of their number (``*a*a*a*a*a*a*a*a*b`` against a
long file name: minutes).  The regexes written here match the same paths (pathspec's structure,
its ``ps_d`` group too, so that :class:`pathspec.GitIgnoreSpec` still decides between
patterns), but no wildcard backtracks unless it is the last of its kind:

* in a path component, the text between two ``*`` is matched where it first occurs, and kept
  there (an atomic group, written ``(?=(?P<g>...))(?P=g)``, which Python 3.10 reads too); only
  the component's last ``*`` backtracks;
* the components between two ``**`` likewise: at the first place they occur, kept; only the
  last ``**`` backtracks.

Matching the first occurrence loses no match (a wildcard after it takes up whatever a later
occurrence would have left), so every pattern is matched in time proportional to the path's
length times the pattern's.

A bracket expression is read as git's ``wildmatch`` reads it (``[!a-z]``, ``[]]``, the
``[:alpha:]`` classes; it never matches ``/``).  What git's matcher would abort on (a ``[``
never closed, a trailing ``\\``, an unknown ``[:class:]``) and a reversed range (``[z-a]``) is
a :class:`BadPattern`: an ignore file's line is then skipped with a warning, a glob given by
the user or the config is an error.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import Any

__all__ = ["BadPattern", "check_glob", "compiled", "pattern_regex", "spec"]


class BadPattern(ValueError):
    """A pattern git never matches anything with; ``str()`` says why, without the pattern."""


_names = itertools.count()

_POSIX = {
    "alnum": "a-zA-Z0-9",
    "alpha": "a-zA-Z",
    "blank": " \\t",
    "cntrl": "\\x00-\\x1f\\x7f",
    "digit": "0-9",
    "graph": "!-~",
    "lower": "a-z",
    "print": " -~",
    "punct": "!-/:-@\\[-`{-~",
    "space": " \\t\\n\\r",
    "upper": "A-Z",
    "xdigit": "0-9a-fA-F",
}
"""git's ``[:name:]`` classes (ASCII, as git's ``sane_ctype``)."""

_DIR_MARK = "(?P<ps_d>/)"
_DIR_MARK_OPT = f"(?:{_DIR_MARK}|$)"
_ANY_DIRS = "(?s:.+/)?"  # a leading **/ (pathspec: (?:.+/)?, but across newlines too)
_MORE_DIRS = "(?s:/.+)?"  # a middle /**


def _atomic(body: str) -> str:
    """``body`` matched once, at the first place it matches, and never tried again."""
    name = f"cf{next(_names)}"
    return f"(?=(?P<{name}>{body}))(?P={name})"


def _bracket(glob: str, at: int) -> tuple[str, int]:
    """The regex of the bracket expression whose ``[`` is just before ``at``, and where it
    ends, read as git's wildmatch does (with ``WM_PATHNAME``: never ``/``)."""
    end = len(glob)
    negated = at < end and glob[at] in "!^"
    at += negated
    members: list[str] = []
    previous: str | None = None  # the last single character, which a "-" may extend
    first = True
    while True:
        if at >= end:
            raise BadPattern("a [ is never closed")
        char = glob[at]
        if char == "]" and not first:
            at += 1
            break
        first = False
        if char == "\\":
            if at + 1 >= end:
                raise BadPattern("it ends with a lone backslash")
            previous = glob[at + 1]
            members.append(re.escape(previous))
            at += 2
        elif char == "-" and previous is not None and at + 1 < end and glob[at + 1] != "]":
            high, at = glob[at + 1], at + 2
            if high == "\\":
                if at >= end:
                    raise BadPattern("it ends with a lone backslash")
                high, at = glob[at], at + 1
            if high < previous:
                raise BadPattern("a range runs backwards (like [z-a]) and matches nothing")
            members.append(f"{re.escape(previous)}-{re.escape(high)}")
            previous = None
        elif char == "[" and glob.startswith("[:", at):
            close = glob.find("]", at + 2)
            if close < 0:
                raise BadPattern("a [ is never closed")
            if close == at + 2 or glob[close - 1] != ":":  # no ":]": a plain "["
                previous = "["
                members.append("\\[")
                at += 1
                continue
            name = glob[at + 2 : close - 1]
            if name not in _POSIX:
                raise BadPattern("an unknown [:class:] (git knows alnum, alpha, ... xdigit)")
            members.append(_POSIX[name])
            previous, at = None, close + 1
        else:
            previous = char
            members.append(re.escape(char))
            at += 1
    inner = "".join(members)
    if negated:
        return f"[^/{inner}]", at
    return (f"(?!/)[{inner}]" if inner else "(?!)"), at


def _component(glob: str) -> str:
    """The regex of one path component's glob (no ``/`` in it, not ``**``)."""
    if glob == "*":
        return "[^/]+"
    fixed = [""]  # the texts between the stars
    at, end = 0, len(glob)
    while at < end:
        char = glob[at]
        at += 1
        if char == "\\":
            if at >= end:
                raise BadPattern("it ends with a lone backslash")
            fixed[-1] += re.escape(glob[at])
            at += 1
        elif char == "*":
            if len(fixed) == 1 or fixed[-1]:  # a run of stars is one star
                fixed.append("")
        elif char == "?":
            fixed[-1] += "[^/]"
        elif char == "[":
            found, at = _bracket(glob, at)
            fixed[-1] += found
        else:
            fixed[-1] += re.escape(char)
    regex = fixed[0]
    for middle in fixed[1:-1]:
        regex += _atomic(f"[^/]*?{middle}")
    if len(fixed) > 1:
        regex += f"[^/]*{fixed[-1]}"
    return regex


def _normalize(is_dir: bool, segments: list[str]) -> tuple[list[str], str | None]:
    """pathspec's normalisation: the segments, or a regex standing for the whole pattern."""
    if not segments[0]:
        del segments[0]  # a leading "/": anchored
    elif (len(segments) == 1 or (len(segments) == 2 and not segments[1])) and segments[0] != "**":
        segments.insert(0, "**")  # no "/" but a trailing one: at any depth
    if not segments:
        raise BadPattern("it names nothing")
    if not segments[-1]:
        segments[-1] = "**"
    for i in range(len(segments) - 1, 0, -1):
        if segments[i - 1] == "**" and segments[i] == "**":
            del segments[i]
    # pathspec's regexes for these are searched anywhere ("/" and "."); here each is anchored
    if segments == ["**"]:
        return segments, f"^[^/]*{_DIR_MARK}" if is_dir else "^(?s:.)"
    if segments == ["**", "*"]:
        return segments, "^(?s:.)"
    if segments == ["**", "*", "**"]:
        return segments, f"^[^/]*{_DIR_MARK}" if is_dir else "^[^/]*/"
    return segments, None


def _translate(is_dir: bool, segments: list[str]) -> str:
    """The regex of normalised segments: pathspec's, with every run of components that a later
    middle ``**`` follows matched atomically at its first place."""
    end = len(segments) - 1
    middles = [i for i in range(1, end) if segments[i] == "**"]
    last_middle = middles[-1] if middles else -1
    out = ["^"]
    i = 0
    while i <= end:
        lead = ""
        if segments[i] == "**":
            if i == end:  # a trailing /**: anything below
                out.append(_DIR_MARK if is_dir else "/")
                break
            lead = "leading" if i == 0 else "middle"
            i += 1
        stop = i
        while stop <= end and segments[stop] != "**":
            stop += 1
        run = "/".join(_component(s) for s in segments[i:stop])
        if lead == "middle":
            run = "/" + run
        if stop <= last_middle:  # a middle ** follows: first place, kept
            span = {"leading": "(?s:.+?/)??", "middle": "(?s:/.+?)??", "": ""}[lead]
            out.append(_atomic(f"{span}{run}(?=/)") if lead else run)
        else:
            out.append({"leading": _ANY_DIRS, "middle": _MORE_DIRS, "": ""}[lead] + run)
            if stop > end:
                out.append(_DIR_MARK_OPT)
        i = stop
    return "".join(out)


@functools.lru_cache(maxsize=4096)  # a config's glob is read by its check and by its folder
def pattern_regex(line: str) -> tuple[str | None, bool | None]:
    """``(regex, include)`` of one gitignore line, as ``pathspec``'s ``GitIgnoreSpecPattern``
    gives them (``(None, None)`` for a blank line or a comment; ``include`` False for ``!``),
    the regex written for linear-time matching; :class:`BadPattern` for a pattern git never
    matches anything with."""
    text = line if line.endswith("\\ ") else line.rstrip()
    if not text or text.startswith("#") or text == "/":
        return None, None
    include = not text.startswith("!")
    if not include:
        text = text[1:]
    segments = text.split("/")
    is_dir = not segments[-1]
    segments, whole = _normalize(is_dir, segments)
    return (whole if whole is not None else _translate(is_dir, segments)), include


def compiled(line: str) -> tuple[re.Pattern[str] | None, bool | None]:
    """:func:`pattern_regex`, compiled."""
    regex, include = pattern_regex(line)
    if regex is None:
        return None, None
    try:
        return re.compile(regex), include
    except (re.error, RecursionError, OverflowError) as exc:  # pragma: no cover - by construction
        raise BadPattern(f"not a pattern this tool can match ({type(exc).__name__})") from None


def check_glob(glob: str) -> None:
    """:class:`BadPattern` when ``glob`` is not a pattern git matches anything with (the
    translation says so: its regex always compiles, and is compiled where it is used)."""
    pattern_regex(glob)


def spec(lines: list[str], bad: Any = None) -> Any:
    """A :class:`pathspec.GitIgnoreSpec` of the lines, its regexes written here.  ``bad`` is told
    ``(line number, BadPattern)`` of each line git never matches anything with, which is
    skipped; without ``bad``, the first such line raises."""
    import pathspec
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    patterns = []
    for number, line in enumerate(lines, 1):
        try:
            regex, include = compiled(line)
        except BadPattern as problem:
            if bad is None:
                raise
            bad(number, problem)
            continue
        if regex is not None:
            patterns.append(GitIgnoreSpecPattern(regex, include))
    return pathspec.GitIgnoreSpec(patterns, backend="simple")
