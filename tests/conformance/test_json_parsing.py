"""JSONTestSuite ("Parsing JSON is a Minefield") through the command's own run(), in-process.

* ``y_*``: must parse; the exit code against the default schema is 0 or 1, never 3, and the
  parsed value equals what Python's json module reads.
* ``n_*``: must be rejected as unparsable: exit 3, exactly one problem, worded
  ``not valid JSON: ...`` and placed exactly: where Python places it (its codec's first bad
  byte, or its json module's JSONDecodeError), or, for the few files where the semantics differ,
  at the place written by hand in :data:`NOT_LIKE_PYTHON` with the reason.
* ``i_*``: implementation-defined; any verdict, but no crash and no hang (5 s each), and the
  outcome documented in :data:`I_POLICY` (also in ``docs/parsing-policy.md``).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import conformance_dir, require_suite
from validator.inputs.parse import Parsed, parse
from validator.run.runner import Options, run

SUITE = "JSONTestSuite/test_parsing"
EXPECTED_COUNTS = {"y": 95, "n": 188, "i": 35}
DEADLINE = 5.0


def _files(prefix: str) -> list[Any]:
    folder = conformance_dir() / SUITE
    found = sorted(folder.glob(f"{prefix}_*.json")) if folder.is_dir() else []
    return [pytest.param(p, id=p.name) for p in found] or [pytest.param(None, id="suite-missing")]


class Hang(Exception):
    pass


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt a run that takes longer than ``seconds`` (SIGALRM, where there is one)."""
    if not hasattr(signal, "setitimer"):  # pragma: no cover - Windows: time it afterwards only
        yield
        return

    def _alarm(signum: int, frame: Any) -> None:
        raise Hang(f"no verdict within {seconds} s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    document: dict[str, Any]  # this file's entry in the json report
    output: str
    seconds: float


def _run(path: Path | None) -> Outcome:
    require_suite(SUITE)
    assert path is not None
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    with _deadline(DEADLINE):
        code = run(Options(inputs=(str(path),), format="json"), out=out, err=err)
    seconds = time.perf_counter() - started
    text = out.getvalue() + err.getvalue()
    assert "Traceback" not in text, text
    assert not err.getvalue(), err.getvalue()
    [document] = json.loads(out.getvalue())["documents"]
    return Outcome(code, document, text, seconds)


def test_suite_has_the_expected_files() -> None:
    folder = require_suite(SUITE)
    counts = {prefix: len(list(folder.glob(f"{prefix}_*.json"))) for prefix in EXPECTED_COUNTS}
    assert counts == EXPECTED_COUNTS
    assert sorted(p.name for p in folder.glob("i_*.json")) == sorted(
        name for family in I_POLICY.values() for name in family.files
    ), "every i_ file belongs to exactly one family of I_POLICY"


@pytest.mark.parametrize("path", _files("y"))
def test_accepted(path: Path | None) -> None:
    outcome = _run(path)
    assert outcome.exit_code in (0, 1), outcome.output
    assert outcome.document["status"] in ("valid", "invalid")
    assert all(e["keyword"] != "parse" for e in outcome.document.get("errors", []))
    assert path is not None
    raw = path.read_bytes()
    parsed = parse(raw)
    assert isinstance(parsed, Parsed)
    assert parsed.value == json.loads(raw)


@pytest.mark.parametrize("path", _files("n"))
def test_rejected(path: Path | None) -> None:
    outcome = _run(path)
    assert outcome.exit_code == 3, outcome.output
    assert outcome.document["status"] == "unreadable"
    [problem] = outcome.document["errors"]
    assert problem["error"].startswith("not valid JSON: "), problem
    assert problem["keyword"] == "parse"
    assert path is not None
    raw = path.read_bytes()
    if path.name in NOT_LIKE_PYTHON:
        line, column, char = NOT_LIKE_PYTHON[path.name]
        assert _oracle(raw) != (line, column), "Python agrees here: the oracle is enough"
        assert _char_at(raw.decode("utf-8"), line, column) == char
        if path.name in TOO_DEEP:
            assert _depth(raw.decode("utf-8")[:column]) == 1025
        expected: tuple[int, int] | None = (line, column)
    else:
        expected = _oracle(raw)
        assert expected is not None, f"Python accepts {path.name}: place it by hand"
    assert (problem["line"], problem["column"]) == expected, problem


# --- where an n_ file's problem is ------------------------------------------------------------


def _line_column(text: str) -> tuple[int, int]:
    """Line and column (in characters, lines ending at LF) of the character after ``text``."""
    return text.count("\n") + 1, len(text) - text.rfind("\n")


def _oracle(raw: bytes) -> tuple[int, int] | None:
    """Where Python finds the first problem: for bytes that are not UTF-8, the first byte its
    codec rejects; else the ``lineno``/``colno`` of json's JSONDecodeError (both count
    characters and end lines at LF, as the reports do).  None where Python's json accepts the
    text (NaN, Infinity) or fails otherwise (RecursionError)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _line_column(raw[: exc.start].decode("utf-8"))
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.lineno, exc.colno
    except RecursionError:
        return None
    return None


def _char_at(text: str, line: int, column: int) -> str:
    return text.split("\n")[line - 1][column - 1]


def _depth(text: str) -> int:
    """How deep the text is nested at its end (for texts whose strings hold no brackets)."""
    return sum(text.count(c) for c in "[{") - sum(text.count(c) for c in "]}")


TOO_DEEP = ("n_structure_100000_opening_arrays.json", "n_structure_open_array_object.json")

NOT_LIKE_PYTHON: dict[str, tuple[int, int, str]] = {
    # file: (line, column, the character there), each read off the file's bytes by hand.
    #
    # A trailing comma is named at the comma; Python points at the "]" or "}" after it.
    "n_array_extra_comma.json": (1, 4, ","),  # ["",]
    "n_array_number_and_comma.json": (1, 3, ","),  # [1,]
    "n_object_trailing_comma.json": (1, 8, ","),  # {"id":0,}
    # A number is named at the character that makes it invalid; Python points at its start
    # (the minus), or accepts it (-Infinity is an extension of Python's json).
    "n_array_just_minus.json": (1, 3, "]"),  # [-]
    "n_number_-NaN.json": (1, 3, "N"),  # [-NaN]
    "n_number_minus_infinity.json": (1, 3, "I"),  # [-Infinity]
    "n_number_minus_sign_with_trailing_garbage.json": (1, 3, "f"),  # [-foo]
    "n_number_minus_space_1.json": (1, 3, " "),  # [- 1]
    "n_number_neg_real_without_int_part.json": (1, 3, "."),  # [-.123]
    # NaN and Infinity: Python accepts them (an extension); JSON has no such value, so the
    # problem is at its first letter, where a value was expected.
    "n_number_NaN.json": (1, 2, "N"),  # [NaN]
    "n_number_infinity.json": (1, 2, "I"),  # [Infinity]
    # A bad \u escape is named at its backslash, as every bad escape is (for the others Python
    # agrees); for \u escapes Python points at the "u" after it.
    "n_string_1_surrogate_then_escape_u.json": (1, 9, "\\"),  # ["\uD800\u"]
    "n_string_1_surrogate_then_escape_u1.json": (1, 9, "\\"),  # ["\uD800\u1"]
    "n_string_1_surrogate_then_escape_u1x.json": (1, 9, "\\"),  # ["\uD800\u1x"]
    "n_string_incomplete_escaped_character.json": (1, 3, "\\"),  # ["\u00A"]
    "n_string_incomplete_surrogate.json": (1, 9, "\\"),  # ["\uD834\uDd"]
    "n_string_invalid_unicode_escape.json": (1, 3, "\\"),  # ["\uqqqq"]
    # A backslash with nothing after it: the escape it starts is the problem; Python names the
    # unterminated string at its opening quote instead.
    "n_string_start_escape_unclosed.json": (1, 3, "\\"),  # ["\
    # Nesting deeper than 1024 levels (the documented limit) is named at the bracket that opens
    # level 1025; Python's own parser runs out of recursion instead.
    "n_structure_100000_opening_arrays.json": (1, 1025, "["),  # [[[[... (1025th "[")
    "n_structure_open_array_object.json": (1, 2561, "["),  # [{"":[{"":... (5 characters a pair)
}
"""The n_ files whose problem Python places elsewhere (or does not see): their places, by hand.
Every other n_ file's place is Python's (:func:`_oracle`)."""


def test_every_hand_placed_file_exists() -> None:
    folder = require_suite(SUITE)
    assert [name for name in NOT_LIKE_PYTHON if not (folder / name).is_file()] == []


# --- i_ files: the documented policy -----------------------------------------------------------


@dataclass(frozen=True)
class Family:
    """A group of i_ files with one documented outcome."""

    files: tuple[str, ...]
    exit_code: int
    message: str | None  # a regex for the parse problem's text after "not valid JSON: "
    reason: str


def _names(*stems: str) -> tuple[str, ...]:
    return tuple(f"i_{stem}.json" for stem in stems)


I_POLICY: dict[str, Family] = {
    "byte order mark": Family(
        _names("structure_UTF-8_BOM_empty_object"),
        3,
        r"byte order mark \(U\+FEFF\) before the document is not allowed",
        "RFC 8259 8.1: senders must not add a BOM; a reader that skips it hides a broken sender",
    ),
    "UTF-16": Family(
        _names("string_utf16BE_no_BOM", "string_utf16LE_no_BOM", "string_UTF-16LE_with_BOM"),
        3,
        r"UTF-16(LE|BE) text \((it starts with the byte order mark FF FE|zero bytes between its "
        r"characters)\): JSON must be UTF-8",
        "JSON exchanged between systems must be UTF-8 (RFC 8259 8.1); no encoding is guessed",
    ),
    "invalid UTF-8": Family(
        _names(
            "string_UTF-8_invalid_sequence",
            "string_UTF8_surrogate_U+D800",
            "string_invalid_utf-8",
            "string_iso_latin_1",
            "string_lone_utf8_continuation_byte",
            "string_not_in_unicode_range",
            "string_overlong_sequence_2_bytes",
            "string_overlong_sequence_6_bytes",
            "string_overlong_sequence_6_bytes_null",
            "string_truncated-utf-8",
        ),
        3,
        r"invalid UTF-8 \(byte 0x[0-9A-F]{2}\)",
        "bytes that are not UTF-8 are never replaced or guessed; the first bad byte is named",
    ),
    "lone surrogate escapes": Family(
        _names(
            "object_key_lone_2nd_surrogate",
            "string_1st_surrogate_but_2nd_missing",
            "string_1st_valid_surrogate_2nd_invalid",
            "string_incomplete_surrogate_and_escape_valid",
            "string_incomplete_surrogate_pair",
            "string_incomplete_surrogates_escape_valid",
            "string_invalid_lonely_surrogate",
            "string_invalid_surrogate",
            "string_inverted_surrogates_U+1D11E",
            "string_lone_second_surrogate",
        ),
        3,
        "string holds a lone surrogate escape",
        "a lone surrogate is no Unicode character: it cannot be checked, printed or re-encoded",
    ),
    "number overflow": Family(
        _names(
            "number_huge_exp",
            "number_neg_int_huge_exp",
            "number_pos_double_huge_exp",
            "number_real_neg_overflow",
            "number_real_pos_overflow",
        ),
        3,
        r"number \S+ is out of range for a double",
        "beyond the double range (e.g. 1e400) a number would become infinity, which JSON has not",
    ),
    "number underflow": Family(
        _names("number_double_huge_neg_exp", "number_real_underflow"),
        1,
        None,
        "a number too small for a double rounds to 0.0, as every IEEE 754 reader does",
    ),
    "huge integers": Family(
        _names("number_too_big_neg_int", "number_too_big_pos_int", "number_very_big_negative_int"),
        1,
        None,
        "integers are exact Python ints of any length up to 10,000 digits, never rounded",
    ),
    "deep nesting": Family(
        _names("structure_500_nested_arrays"),
        1,
        None,
        "nesting up to 1024 levels is accepted (deeper is rejected, as orjson does)",
    ),
}
"""Every ``i_`` file's family and its documented outcome.  Exit 1 for the accepted families:
each of those documents is an array, which the default schema (an object) rejects."""


def _i_params() -> list[Any]:
    folder = conformance_dir() / SUITE
    if not folder.is_dir():
        return [pytest.param(None, None, id="suite-missing")]
    return [
        pytest.param(folder / name, family, id=f"{family}:{name}")
        for family, spec in I_POLICY.items()
        for name in spec.files
    ]


@pytest.mark.parametrize("path", _files("i"))
def test_implementation_defined_ends_in_time(path: Path | None) -> None:
    outcome = _run(path)
    assert outcome.exit_code in (0, 1, 3), outcome.output
    assert outcome.seconds < DEADLINE


@pytest.mark.parametrize(("path", "family"), _i_params())
def test_implementation_defined_policy(path: Path | None, family: str | None) -> None:
    outcome = _run(path)
    assert family is not None and path is not None
    spec = I_POLICY[family]
    assert outcome.exit_code == spec.exit_code, outcome.output
    if spec.message is None:
        parsed = parse(path.read_bytes())
        assert isinstance(parsed, Parsed)
        assert outcome.document["status"] == "invalid"
        assert [e["keyword"] for e in outcome.document["errors"]] == ["type"]
        return
    [problem] = outcome.document["errors"]
    assert re.fullmatch("not valid JSON: " + spec.message, problem["error"]), problem
    assert problem["line"] == 1 and problem["column"] >= 1, problem


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("i_number_double_huge_neg_exp.json", [0.0]),
        ("i_number_real_underflow.json", [0.0]),
        ("i_number_too_big_neg_int.json", [-123123123123123123123123123123]),
        ("i_number_too_big_pos_int.json", [100000000000000000000]),
    ],
)
def test_accepted_numbers_keep_their_value(name: str, value: list[Any]) -> None:
    folder = require_suite(SUITE)
    parsed = parse((folder / name).read_bytes())
    assert isinstance(parsed, Parsed)
    assert parsed.value == value
    assert type(parsed.value[0]) is type(value[0])


def test_very_big_negative_integer_is_exact() -> None:
    folder = require_suite(SUITE)
    raw = (folder / "i_number_very_big_negative_int.json").read_bytes()
    parsed = parse(raw)
    assert isinstance(parsed, Parsed)
    [number] = parsed.value
    assert isinstance(number, int)
    assert str(number) == raw.decode().strip()[1:-1]
