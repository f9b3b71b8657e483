"""JSONTestSuite ("Parsing JSON is a Minefield") through the command's own run(), in-process.

* ``y_*``: must parse; the exit code against the default schema is 0 or 1, never 3, and the
  parsed value equals what Python's json module reads.
* ``n_*``: must be rejected as unparsable: exit 3, exactly one problem, worded
  ``not valid JSON: ...`` and placed at a line and column.
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
from validator.parse import Parsed, parse
from validator.runner import Options, run

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
    assert isinstance(problem["line"], int) and problem["line"] >= 1, problem
    assert isinstance(problem["column"], int) and problem["column"] >= 1, problem


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
