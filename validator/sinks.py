"""The escaping each place the tool writes to needs (its sinks), in one place.

Everything read from a repository (documents, their keys and values, file and folder names,
schemas, the config) is untrusted: a pull request's author chose it.  Text from there reaches:

* a **terminal or a CI log** (the text report, every message on stderr, the non-command lines of
  the github report): :func:`terminal`.  Control characters (C0, DEL, C1), format characters
  (bidirectional overrides and isolates, zero-width characters, the byte order mark, tag
  characters: all of Unicode's ``Cf``), line and paragraph separators and lone surrogates (the
  undecodable bytes of a file name) are shown as visible escapes, as Python writes them: ``\\n``,
  ``\\t``, ``\\x1b``, ``\\u202e``, ``\\udcff``, ``\\U000e0041``.  So no text can start a line,
  move the cursor, clear the screen, set the clipboard or reorder what a line shows.  GitHub's
  runner reads every line of stdout and stderr for workflow commands: ``::name ...::`` at the
  start of a line (leading white space aside) and ``##[name ...]`` anywhere in it.  A ``##[`` is
  written ``##\\[``, and a ``::`` that leads the text ``:\\:``: visible, plain ASCII, and not a
  command to the runner (whose matching skips only characters that this function has escaped).
* **GitHub's workflow commands** (the annotations of the github report): :func:`workflow_command`.
  The message and the properties are escaped as the runner unescapes them (``%``, CR, LF; also
  ``:`` and ``,`` in a property), after :func:`terminal`; the ``file=`` property stays the exact
  path (only characters the runner cannot be given exactly are shown as escapes), so that GitHub
  links the annotation to the file.
* **Markdown** (the markdown report, the job summary): :func:`markdown`.  Every character markdown
  or HTML could read as markup is a character reference, control and format characters are the
  visible escapes of :func:`terminal`, and nothing can become a link: GitHub's markdown (GFM)
  links ``www.`` and ``http://`` text and e-mail addresses by itself, and its e-mail rule reads
  the text after references are decoded, so a zero width non-joiner (U+200C, which no address
  or @mention can hold) goes between ``www`` and its ``.``, between ``:`` and ``//``, and after
  each ``@``.
* **JSON** (the json and sarif reports, ``--show-schema``): :func:`json_text`, applied to the
  text of a JSON value.  The value stays exact: ``[`` of a ``##[`` is written ``\\u005b``, and
  control and format characters as ``\\uXXXX``.
* **XML and HTML** (the junit and html reports): :class:`MarkupStream`, around the stream.  The
  values stay exact: ``##[`` is written ``##&#91;``, a ``::`` that leads a line ``:&#58;``,
  and C1 controls and format characters as character references.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

__all__ = [
    "MarkupStream",
    "escape_data",
    "escape_property",
    "json_text",
    "markdown",
    "terminal",
    "workflow_command",
]

_HIDDEN_CLASS = (
    "\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
"""Unicode's control (``Cc``), format (``Cf``), surrogate (``Cs``), line (``Zl``) and paragraph
(``Zp``) characters: none is visible, and each can move or hide what a line shows."""
_C0 = "\x00-\x1f"
_C0_BUT_LINES = "\x00-\x09\x0b\x0c\x0e-\x1f"
_SURROGATES = "\ud800-\udfff"

_SOURCES = {
    "hidden": f"[{_HIDDEN_CLASS}]",
    "hidden ascii": f"[{_C0}\x7f]",
    "not exact": f"[{_HIDDEN_CLASS.replace(_C0, _C0_BUT_LINES)}]",
    "not exact ascii": f"[{_C0_BUT_LINES}\x7f]",
    "json": f"(?<=##)\\[|[{_HIDDEN_CLASS.replace(_C0, '')}]",
    "markup risk": "(?<=##)\\[|(?<=[\r\n])([^\\S\r\n]*:):",
    "markup hidden": f"[{_HIDDEN_CLASS.replace(_C0, '').replace(_SURROGATES, '')}]",
    "markup plain": "[#:\\[\r\n\x7f]",
    "links": "(?i)(?<=www)(?=\\.)|(?<=&#58;)(?=//)|(?<=&#64;)",
}
"""The regular expressions, compiled when first needed (compiling the classes of Unicode ranges
costs more than a short run's check)."""
_compiled: dict[str, re.Pattern[str]] = {}


def _pattern(name: str) -> re.Pattern[str]:
    found = _compiled.get(name)
    if found is None:
        found = _compiled[name] = re.compile(_SOURCES[name])
    return found


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _shown(text: str, hidden: str = "hidden") -> str:
    """``text`` with the characters of the class ``hidden`` as visible escapes."""
    if text.isprintable():  # the usual text: all of them are unprintable
        return text
    pattern = _pattern(f"{hidden} ascii" if text.isascii() else hidden)
    return pattern.sub(_visible, text) if pattern.search(text) else text


def terminal(text: str) -> str:
    """``text`` as a terminal or a CI log may show it: invisible characters as visible escapes,
    and nothing GitHub's runner would read as a workflow command (see the module's doc)."""
    text = _shown(text)
    if "##[" in text:
        text = text.replace("##[", "##\\[")
    if "::" in text:
        rest = text.lstrip()
        if rest.startswith("::"):
            at = len(text) - len(rest) + 1
            text = text[:at] + "\\" + text[at:]
    return text


# --- GitHub's workflow commands --------------------------------------------------------------


def escape_data(text: str) -> str:
    """The message of a workflow command, as the runner unescapes it (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """The value of a workflow command's property, as the runner unescapes it (also ``:``,
    ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(
    name: str,
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    col: int | None = None,
    title: str | None = None,
) -> str:
    """``::name file=F,line=L,col=C,title=T::message`` (without the line ending; the properties
    given).  The message and title are shown as :func:`terminal` shows them; the file is the
    exact path, unless it holds characters a log must not get raw (CR and LF it may hold: the
    runner is given them exactly; the others are shown as escapes)."""
    properties = []
    if file is not None:
        properties.append(f"file={escape_property(_shown(file, 'not exact'))}")
    if line is not None:
        properties.append(f"line={line}")
    if col is not None:
        properties.append(f"col={col}")
    if title is not None:
        properties.append(f"title={escape_property(terminal(title))}")
    rendered = " " + ",".join(properties) if properties else ""
    return f"::{name}{rendered}::{escape_data(terminal(message))}"


# --- markdown ----------------------------------------------------------------------------------

_MARKUP = "&<>\"'|`*_[]\\~#!@:{}$"
_MARKDOWN = {ord(c): f"&#{ord(c)};" for c in _MARKUP}
_ZWNJ = "&#8204;"
MARKDOWN_CELL = 300
"""Characters of one value :func:`markdown` keeps by default (a table cell)."""


def markdown(text: str, size: int = MARKDOWN_CELL) -> str:
    """``text`` as inert markdown and HTML: cut to ``size`` characters, invisible characters
    as visible escapes, every character either could read as markup a character reference, and
    a zero width non-joiner (U+200C) after each ``@``, between ``www`` and its ``.`` and between
    ``:`` and ``//``, where a renderer would otherwise make a link (or an @mention)."""
    if len(text) > size:
        text = text[: size - 1] + "…"
    return _pattern("links").sub(_ZWNJ, _shown(text).translate(_MARKDOWN))


# --- JSON --------------------------------------------------------------------------------------


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "[":
        return "\\u005b"
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_text(text: str) -> str:
    """The text of JSON values (as ``json.dumps`` writes it) with the same values, and nothing
    a log must not get raw: ``##[`` as ``##\\u005b``, invisible characters as ``\\uXXXX``.
    (Outside strings JSON holds neither, so only strings change, and only in how they are
    written.)"""
    if text.isascii() and "##[" not in text and "\x7f" not in text:
        return text
    return _pattern("json").sub(_json_escape, text)


# --- XML and HTML ------------------------------------------------------------------------------


def _markup_ref(match: re.Match[str]) -> str:
    lead = match.group(1)
    return "&#91;" if lead is None else lead + "&#58;"


def _reference(match: re.Match[str]) -> str:
    return f"&#{ord(match.group())};"


class MarkupStream:
    """A text stream of XML or HTML that writes what it is given with the same meaning, and
    nothing a log must not get raw: the ``[`` of a ``##[`` as ``&#91;``, the second ``:`` of a
    ``::`` that leads a line as ``&#58;``, C1 controls and format characters as references.
    (Markup never holds these outside text and attribute values, where a reference means the
    character; the tool writes no CDATA section, comment or script that could hold them.  C0
    controls and lone surrogates markup cannot hold at all: the junit and html reports show them
    as escapes before they get here.)  Works on any split of the text into writes: what the last
    write left open (a line blank so far, a ``:`` or ``#`` that may begin a pattern) is kept in
    :attr:`context`."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.context = "\n"
        """``"\\n"`` (the line is blank so far), ``"\\n:"`` (blank, then one ``:``), else the
        ``#`` characters that end the line so far (at most two, often none)."""

    def write(self, text: str) -> int:
        context = self.context
        if text.isascii() and not _pattern("markup plain").search(text):  # nothing to look at
            if context != "\n" or text.strip():
                self.context = ""
            self.stream.write(text)
            return len(text)
        joined = context + text
        out = _pattern("markup risk").sub(_markup_ref, joined)[len(context) :]
        if not out.isascii() or "\x7f" in out:
            out = _pattern("markup hidden").sub(_reference, out)
        self.context = _context(joined)
        self.stream.write(out)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _context(joined: str) -> str:
    """What the text written so far leaves open for the next write (see
    :attr:`MarkupStream.context`)."""
    ends = max(joined.rfind("\n"), joined.rfind("\r"))
    if ends >= 0:
        rest = joined[ends + 1 :].lstrip()
        if not rest:
            return "\n"
        if rest == ":":
            return "\n:"
    tail = joined[-2:]
    return "#" * (len(tail) - len(tail.rstrip("#")))
