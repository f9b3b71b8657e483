"""GitHub's workflow commands, read as the Actions runner reads them (a port, written for these
tests, of the rules of ``actions/runner``: ``ActionCommand.TryParseV2``/``TryParse`` in
src/Runner.Common/ActionCommand.cs, ``ActionCommandManager.TryProcessCommand`` in
src/Runner.Worker/ActionCommandManager.cs and the line reading of ``ProcessInvoker``).

What the runner does with a step's output, and so what :func:`read_commands` does:

* stdout and stderr are read the same way, line by line; a line ends at LF, CR or CR LF (.NET's
  ``StreamReader.ReadLine``);
* a line is first tried as ``::name key=value,key=value::data``: the ``::`` must start the line
  once leading white space is trimmed; the name runs to the first space or to the next ``::``;
  the properties are split at ``,`` and each at its first ``=`` (empty pieces dropped, a pair
  without both halves ignored); the data is everything after that next ``::``;
* failing that, as the older ``##[name key=value;key=value]data``, found *anywhere* in the line:
  the name and properties run from the ``##[`` to the first ``]`` after it, properties split at
  ``;``;
* a name counts only if the runner knows it (:data:`COMMANDS`, compared ignoring case);
* values are unescaped as the runner does it (``%0D``, ``%0A``, ``%3A``, ``%2C``, ``%25`` in the
  new form's properties; ``%0D``, ``%0A``, ``%25`` in its data; ``%3B``, ``%0D``, ``%0A``,
  ``%5D``, ``%25`` in the old form), one replacement after the other;
* after ``stop-commands`` (its data is the token) no command is processed until a line
  ``::TOKEN::`` (or ``##[TOKEN]``) resumes; :func:`read_commands` still lists the stop and the
  resume, and skips what the runner would skip in between.

The runner compares ``::`` and ``##[`` with .NET's culture-sensitive ``StartsWith``/``IndexOf``,
which skip characters that collation ignores (most control and format characters).  With
``strict`` (the default here) a line is read with those characters taken out first, so the
reading finds every command the runner could find, and some more: a test that asserts "no
command but ours" with it holds for the runner too.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

__all__ = ["COMMANDS", "Command", "read_commands", "read_line", "split_lines"]

COMMANDS = frozenset(
    {
        "add-mask",
        "add-matcher",
        "add-path",
        "debug",
        "echo",
        "endgroup",
        "error",
        "group",
        "internal-set-repo-path",
        "notice",
        "remove-matcher",
        "save-state",
        "set-env",
        "set-output",
        "stop-commands",
        "warning",
    }
)
"""Every command the runner registers (``internal-set-repo-path`` only for its plugins: counted
anyway)."""

_V2_PROPERTY = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))
_V2_DATA = (("%0D", "\r"), ("%0A", "\n"), ("%25", "%"))
_LEGACY = (("%3B", ";"), ("%0D", "\r"), ("%0A", "\n"), ("%5D", "]"), ("%25", "%"))


class Command(NamedTuple):
    """A command the runner would act on: its name (as written), its properties (keys as
    written, the last of equal keys winning) and its data, unescaped; ``line`` the line read."""

    name: str
    properties: dict[str, str]
    data: str
    line: str

    def get(self, key: str) -> str | None:
        """A property, its key compared ignoring case (as the runner's dictionary does)."""
        for name, value in self.properties.items():
            if name.lower() == key.lower():
                return value
        return None


def _net_white_space(char: str) -> bool:
    """``char.IsWhiteSpace()`` of .NET: the separators (``Zs``, ``Zl``, ``Zp``), TAB to CR,
    NEL and NO-BREAK SPACE."""
    return char in "\t\n\x0b\x0c\r\x85\xa0" or unicodedata.category(char) in ("Zs", "Zl", "Zp")


def _trim_start(text: str) -> str:
    at = 0
    while at < len(text) and _net_white_space(text[at]):
        at += 1
    return text[at:]


def _trim(text: str) -> str:
    end = len(text)
    while end > 0 and _net_white_space(text[end - 1]):
        end -= 1
    return _trim_start(text[:end])


def _unescape(text: str, mappings: tuple[tuple[str, str], ...]) -> str:
    for escaped, char in mappings:
        text = text.replace(escaped, char)
    return text


def _split(text: str, separator: str, count: int | None = None) -> list[str]:
    """.NET's ``Split(separator, count, RemoveEmptyEntries)``: empty pieces dropped (and not
    counted); once ``count - 1`` pieces are taken, the rest (less the separators that lead it)
    is the last piece."""
    pieces: list[str] = []
    at = 0
    while count is None or len(pieces) < count - 1:
        found = text.find(separator, at)
        if found < 0:
            break
        if found > at:
            pieces.append(text[at:found])
        at = found + len(separator)
    else:
        while text.startswith(separator, at):
            at += len(separator)
    if at < len(text):
        pieces.append(text[at:])
    return pieces


def _properties(text: str, separator: str, unescape: tuple[tuple[str, str], ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in _split(text, separator):
        halves = _split(pair, "=", 2)
        if len(halves) == 2:
            key = next((k for k in found if k.lower() == halves[0].lower()), halves[0])
            found[key] = _unescape(halves[1], unescape)
    return found


def _v2(line: str, known: set[str]) -> Command | None:
    """``TryParseV2``: ``::name props::data`` at the start of the line (white space aside)."""
    message = _trim_start(line)
    if not message.startswith("::"):
        return None
    end = message.find("::", 2)
    if end < 0:
        return None
    named = _named(message[2:end], known)
    if named is None:
        return None
    name, rest = named
    properties = _properties(_trim(rest), ",", _V2_PROPERTY) if rest else {}
    return Command(name, properties, _unescape(message[end + 2 :], _V2_DATA), line)


def _named(info: str, known: set[str]) -> tuple[str, str] | None:
    """A command's name (one the runner knows, any case) and what follows its first space."""
    space = info.find(" ")
    name = info if space < 0 else info[:space]
    if name.lower() not in known:
        return None
    return name, info[space + 1 :] if space > 0 else ""


def _legacy(line: str, known: set[str]) -> Command | None:
    """``TryParse``: ``##[name props]data`` anywhere in the line."""
    start = line.find("##[")
    if start < 0:
        return None
    close = line.find("]", start)
    if close < 0:
        return None
    named = _named(line[start + 3 : close], known)
    if named is None:
        return None
    name, rest = named
    properties = _properties(rest, ";", _LEGACY) if rest else {}
    return Command(name, properties, _unescape(line[close + 1 :], _LEGACY), line)


def _ignorable(char: str) -> bool:
    """Characters that collation may skip: controls (line ends and tabs aside) and format
    characters, variation selectors and the combining grapheme joiner."""
    if char in "\t\n\r":
        return False
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or code == 0x34F:
        return True
    return unicodedata.category(char) in ("Cc", "Cf")


def read_line(
    line: str, known: set[str] | frozenset[str] = COMMANDS, strict: bool = True
) -> Command | None:
    """The command the runner reads in one line (without its line end), if any."""
    if strict and any(_ignorable(c) for c in line):
        line = "".join(c for c in line if not _ignorable(c))
    names = {name.lower() for name in known}
    return _v2(line, names) or _legacy(line, names)


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as ``StreamReader.ReadLine`` gives them (ends: LF, CR, CR LF)."""
    lines: list[str] = []
    at = 0
    while at < len(text):
        ends = [i for i in (text.find("\r", at), text.find("\n", at)) if i >= 0]
        if not ends:
            lines.append(text[at:])
            break
        end = min(ends)
        lines.append(text[at:end])
        at = end + 2 if text.startswith("\r\n", end) else end + 1
    return lines


def read_commands(output: str | bytes, strict: bool = True) -> list[Command]:
    """Every command the runner acts on in ``output`` (one stream; bytes are read as UTF-8,
    what is not UTF-8 as U+FFFD, as the runner decodes them), in order."""
    if isinstance(output, bytes):
        output = output.decode("utf-8", "replace")
    found: list[Command] = []
    token: str | None = None
    for line in split_lines(output):
        known = set(COMMANDS) if token is None else {*COMMANDS, token}
        command = read_line(line, known, strict)
        if command is None:
            continue
        if token is not None:  # stopped: only the token counts, and resumes
            if command.name.lower() != token.lower():
                continue
            token = None
        elif command.name.lower() == "stop-commands":
            token = command.data
        found.append(command)
    return found
