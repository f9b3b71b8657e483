"""A YAML input through parse -> check -> place -> problems, document by document.

A YAML stream may hold several documents (``---``): each is checked on its own and gets its own
result, on the line its content starts (as a line of JSON Lines does); a stream of one document is
reported as a JSON file is (line 1).  Positions are the YAML nodes' own (see
:mod:`validator.inputs.yaml_parse`); a problem inside an alias is placed at the alias and names its
anchor.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from validator.checking.document import _placing, _screened_valid
from validator.checking.error_cap import SHARED_VALUES
from validator.inputs.parse import ParseProblem
from validator.inputs.yaml_parse import Places, YamlDocument, decoded, load_stream, places
from validator.problems import DUPLICATE_KEY, PARSE, DocumentResult, Problem, Status

if TYPE_CHECKING:
    from validator.checking.engine import Engine
    from validator.checking.undeclared import Undeclared
    from validator.inputs.sources import Item

__all__ = ["check_yaml"]

_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'|\*[^\s)]+")
_NAMED = re.compile(r"^(tag|number) \S+ ")


def _redacted(message: str) -> str:
    """A YAML parse problem's message without what it quotes of the input (``--redact``): a
    scalar, a tag, an anchor's name, a number."""
    message = _NAMED.sub(lambda m: "tag ... " if m.group(1) == "tag" else "number ", message)
    return _QUOTED.sub("...", message)


def _unreadable(source: str, line: int, problem: ParseProblem, redact: bool) -> DocumentResult:
    message = _redacted(problem.message) if redact else problem.message
    found = Problem(
        "", "", f"not valid YAML: {message}", PARSE, line=problem.line, column=problem.column
    )
    return DocumentResult(source, line, Status.UNREADABLE, (found,))


def check_yaml(
    engine: Engine,
    item: Item,
    *,
    redact: bool = False,
    max_errors: int | None = None,
    warnings: Undeclared | None = None,
) -> list[DocumentResult]:
    """Every document of a readable YAML input (``item.raw`` is not None), in order; a document
    that cannot be read ends the stream with its problem."""
    assert item.raw is not None
    text = decoded(item.raw)
    if isinstance(text, ParseProblem):
        return [_unreadable(item.source, 1, text, redact)]
    documents, problem = load_stream(text)
    several = len(documents) + (problem is not None) > 1
    results = []
    for document in documents:
        line = document.line if several else 1
        results.append(
            _check(engine, text, document, item.source, line, redact, max_errors, warnings)
        )
    if problem is not None:
        results.append(_unreadable(item.source, problem.line if documents else 1, problem, redact))
    elif not documents:
        empty = ParseProblem("the input holds no YAML document", 1, 1)
        results.append(_unreadable(item.source, 1, empty, redact))
    return results


def _check(
    engine: Engine,
    text: str,
    document: YamlDocument,
    source: str,
    line: int,
    redact: bool,
    max_errors: int | None,
    warnings: Undeclared | None,
) -> DocumentResult:
    value = document.value
    valid = not document.duplicates and _screened_valid(engine, value)
    if valid and (warnings is None or warnings.quiet(value)):
        return DocumentResult(source, line, Status.VALID)
    found = places(text, document.number)
    placing = _placing()
    placed, undeclared, key_positions = placing.placed_problems(
        engine,
        text,
        b"",
        value,
        1,
        redact,
        warnings,
        locator=_locator(found),
        shared=document.added >= SHARED_VALUES,
    )
    if found.aliases and not redact:  # the anchor's name is the input's
        placed = [_in_alias(problem, found.aliases) for problem in placed]
    placed += _duplicates(found)
    noted: tuple[Problem, ...] = ()
    if warnings is not None and undeclared:
        from validator.checking.property_warnings import placed_warnings

        noted = placed_warnings(warnings, value, undeclared, key_positions, 1)
        if found.aliases and not redact:  # a warning inside an alias names its anchor too
            noted = tuple(_in_alias(warning, found.aliases) for warning in noted)
    if not placed:
        return DocumentResult(source, line, Status.VALID, warnings=noted)
    problems = placing.finish(placed, max_errors)
    return DocumentResult(source, line, Status.INVALID, problems, warnings=noted)


def _duplicates(found: Places) -> list[Problem]:
    from validator.checking.messages import show

    return [
        Problem(
            pointer,
            "",
            f"duplicate key {show(key)}: which value counts depends on the reader",
            DUPLICATE_KEY,
            line=line,
            column=column,
        )
        for pointer, key, line, column in found.duplicates
    ]


def _nearest(pointer: str, table: dict[str, Any]) -> str | None:
    """``pointer`` or the longest pointer above it that ``table`` has."""
    while True:
        if pointer in table:
            return pointer
        if not pointer:
            return None
        pointer = pointer[: pointer.rfind("/")]


def _locator(found: Places) -> Any:
    """A :func:`~validator.inputs.locate.locate_all` for one YAML document: a pointer into the
    value an alias shares is placed at the alias."""

    def locate(
        text: str, values: Any, keys: Any, document: Any = None, raw: Any = None
    ) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
        at: dict[str, tuple[int, int]] = {}
        for pointer in values:
            near = _nearest(pointer, found.values)
            if near is not None:
                at[pointer] = found.values[near]
        key_at: dict[str, tuple[int, int]] = {}
        for pointer in keys:
            if pointer in found.keys:
                key_at[pointer] = found.keys[pointer]
            else:
                near = _nearest(pointer, found.values)
                if near is not None:
                    key_at[pointer] = found.values[near]
        return at, key_at

    return locate


def _in_alias(problem: Problem, aliases: dict[str, str]) -> Problem:
    """A problem inside (or at) an alias names the alias's anchor."""
    near = _nearest(problem.instance_location, aliases)
    if near is None:
        return problem
    return problem._replace(message=f"{problem.message} (in alias *{aliases[near]})")
