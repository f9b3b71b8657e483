"""The examples of README.md and docs/*.md, read from their Markdown (the convention is described
in docs/development.md, "Examples in the docs are tested").

* A ```` ```console ```` block holds commands, each on a line starting with ``$ `` (a line ending
  in ``\\`` continues it), followed by their output (standard output and standard error as a
  terminal shows them).  ``$ echo $?`` after a command shows its exit code; a command without
  one must exit 0, unless an ``<!-- exit: N -->`` comment before the block says otherwise.
* A ```` ```pycon ```` block is a Python session (``>>>`` prompts), run as a doctest.
* An ``<!-- file: PATH -->`` comment before a block says that it shows that file of the
  checkout, whole.
* An ``<!-- not-run: REASON -->`` comment before a block (of any language) says that it is not
  run here, and why (it needs the network, or a cluster): the tests list it, never skip it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))
"""Every Markdown page whose examples are checked."""

RUN = ("console", "pycon")
"""The languages of the blocks that are run."""
SCRIPT = re.compile(r"(^|[|;&]\s*)(casefile-validate|casefile-schemas|python -m validator)\b")
"""What a console example runs, as a command of its own or in a pipeline or list (``echo ... |
casefile-validate -``, ``cd DIR && casefile-validate``): one of the console scripts."""

_FENCE = re.compile(r"^(`{3,})([\w-]*)[^\n`]*$")
_MARK = re.compile(r"^<!--\s*(not-run|exit|file):\s*(.*?)\s*-->$")


@dataclass(frozen=True)
class Block:
    """A fenced block: where it is, its language and text, and what the comments before it say."""

    path: Path
    line: int  # of the opening fence, 1-based
    language: str
    text: str
    not_run: str | None = None  # the reason, when marked
    exit: int | None = None  # the exit code its commands end with, when marked
    file: str | None = None  # the file of the checkout it shows, when marked

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


@dataclass(frozen=True)
class Command:
    """One ``$`` command of a console block, the output shown under it and its exit code."""

    command: str
    output: str
    exit: int


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown file, each with the marks of the comment lines right
    before it (blank lines between them allowed)."""
    lines = path.read_text("utf-8").splitlines()
    found: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        fence, language = opening.group(1), opening.group(2)
        end = index + 1
        while end < len(lines) and not (
            lines[end].startswith(fence) and not lines[end].strip("`").strip()
        ):
            end += 1
        marks: dict[str, str] = {}
        before = index - 1
        while before >= 0 and (not lines[before].strip() or _MARK.match(lines[before])):
            mark = _MARK.match(lines[before])
            if mark:
                marks.setdefault(mark.group(1), mark.group(2))
            before -= 1
        text = "\n".join(lines[index + 1 : end])
        found.append(
            Block(
                path,
                index + 1,
                language,
                text + "\n" if text else "",
                marks.get("not-run"),
                int(marks["exit"]) if "exit" in marks else None,
                marks.get("file"),
            )
        )
        index = end + 1
    return found


def all_blocks() -> list[Block]:
    return [block for path in SOURCES for block in blocks(path)]


def commands(block: Block) -> list[Command]:
    """The commands of a console block with their output and exit code (``$ echo $?`` folded
    into the command before it)."""
    found: list[tuple[str, list[str]]] = []
    lines = block.text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.startswith("$ "):
            if not found:
                raise ValueError(f"{block.where}: output before any $ command: {line!r}")
            found[-1][1].append(line)
            index += 1
            continue
        command = line[2:]
        while command.endswith("\\") and index + 1 < len(lines):
            index += 1
            command = command[:-1] + " " + lines[index].strip()
        found.append((command.strip(), []))
        index += 1
    result: list[Command] = []
    for command, output in found:
        if command == "echo $?":
            if not result or len(output) != 1 or not output[0].isdigit():
                raise ValueError(f"{block.where}: `$ echo $?` must follow a command, one number")
            result[-1] = Command(result[-1].command, result[-1].output, int(output[0]))
            continue
        shown = "\n".join(output)
        result.append(Command(command, shown + "\n" if shown else "", block.exit or 0))
    return result
