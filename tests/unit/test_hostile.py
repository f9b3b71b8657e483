"""Hostile input (issue 4): every bad input gets one clear line naming it and the right exit code
(0 valid, 1 invalid, 2 usage/schema, 3 unreadable/unparsable, 3 winning over 1), never a Python
traceback, and one bad input never stops the others from being checked.

Most cases run in process through :func:`validator.run.runner.run`; the ones that are about the
process itself (signals, closed pipes, the terminal's encoding, file permissions) run the real
command.  The outcomes are tabled in ``docs/hostile-input.md``.
"""

from __future__ import annotations

import errno
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from validator.checking.engine import compile_schema
from validator.checking.limits import long_integers
from validator.contracts.catalog import from_contents
from validator.inputs.parse import MAX_DEPTH, MAX_INT_DIGITS, Parsed, ParseProblem, parse
from validator.problems import CANNOT_CHECK
from validator.report.registry import REPORTERS
from validator.run.runner import Options, run

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
VALID = EXAMPLES / "valid_completed.json"
ENGINES = ["fast", "reference"]
SUMMARY_ONE_VALID = "1 document: 1 valid, 0 invalid, 0 unreadable"

RECURSIVE_ARRAYS = {
    "$defs": {"n": {"type": "array", "items": {"$ref": "#/$defs/n"}}},
    "$ref": "#/$defs/n",
}
RECURSIVE_OBJECTS = {
    "$defs": {"n": {"type": "object", "additionalProperties": {"$ref": "#/$defs/n"}}},
    "$ref": "#/$defs/n",
}
CATASTROPHIC = {"type": "string", "pattern": "^(a+)+$"}
EVIL_STRING = "a" * 30 + "!"


# --- helpers -----------------------------------------------------------------------------------


def check(*inputs: str | Path, **options: Any) -> tuple[int, str, str]:
    """Run the command in process; returns (exit code, stdout, stderr), never a traceback."""
    out, err = io.StringIO(), io.StringIO()
    code = run(Options(inputs=tuple(str(i) for i in inputs), **options), out, err)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue(), err.getvalue()


def command(
    *args: str | Path, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m validator`` as a real process (what the console script runs)."""
    result = subprocess.run(
        [sys.executable, "-m", "validator", *map(str, args)],
        capture_output=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        stdin=subprocess.DEVNULL,
    )
    assert b"Traceback" not in result.stdout + result.stderr, result.stderr.decode(errors="replace")
    return result


def write(path: Path, data: bytes | str | Any) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    elif not isinstance(data, bytes):
        data = json.dumps(data).encode("utf-8")
    path.write_bytes(data)
    return path


def nested(kind: str, depth: int, leaf: str = "1") -> str:
    if kind == "arrays":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + leaf + "}" * depth


def valid_document() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(VALID.read_text())
    return doc


# --- nesting -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["arrays", "objects"])
@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_nesting_beyond_the_parser_limit_is_unparsable(
    tmp_path: Path, kind: str, depth: int
) -> None:
    doc = write(tmp_path / "deep.json", nested(kind, depth))
    column = (
        MAX_DEPTH + 1 if kind == "arrays" else 5 * MAX_DEPTH + 1
    )  # the first '[' / '{' too many
    for engine in ENGINES:
        code, out, _ = check(doc, engine=engine)
        assert code == 3
        assert out.splitlines()[0] == (
            f"{doc}:1:{column}: not valid JSON: nesting deeper than {MAX_DEPTH} levels"
        )


def test_nesting_limit_is_exact() -> None:
    assert isinstance(parse(nested("arrays", MAX_DEPTH).encode()), Parsed)
    assert isinstance(parse(nested("objects", MAX_DEPTH).encode()), Parsed)
    too_deep = parse(("\n" + nested("arrays", MAX_DEPTH + 1)).encode())
    assert too_deep == ParseProblem(f"nesting deeper than {MAX_DEPTH} levels", 2, MAX_DEPTH + 1)


@pytest.mark.parametrize("engine", ENGINES)
def test_1000_deep_documents_get_a_verdict_from_the_bundled_schema(
    tmp_path: Path, engine: str
) -> None:
    arrays = write(tmp_path / "arrays.json", nested("arrays", 1000))
    objects = write(tmp_path / "objects.json", nested("objects", 1000))
    code, out, _ = check(arrays, objects, engine=engine)
    assert code == 1
    assert f"{arrays}:1:1: /: expected object, got array <array> [/type]" in out.splitlines()
    assert f'{objects}:1:1: /: missing required property "status" [/required]' in out
    assert f"{objects}:1:2: warning: /a: undeclared property" in out.splitlines()
    assert out.splitlines()[-1] == "2 documents: 0 valid, 2 invalid, 0 unreadable; 1 warning"


@pytest.mark.parametrize("cross_check", [False, True])
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("depth", [1000, MAX_DEPTH])
def test_deep_documents_through_a_recursive_schema_get_a_verdict(
    tmp_path: Path, engine: str, depth: int, cross_check: bool
) -> None:
    arrays_schema = write(tmp_path / "arrays-schema.json", RECURSIVE_ARRAYS)
    objects_schema = write(tmp_path / "objects-schema.json", RECURSIVE_OBJECTS)
    arrays = write(tmp_path / "arrays.json", nested("arrays", depth))
    objects = write(tmp_path / "objects.json", nested("objects", depth))
    options: dict[str, Any] = {"engine": engine, "cross_check": cross_check}

    code, out, _ = check(arrays, schema=str(arrays_schema), **options)
    assert (code, out) == (0, SUMMARY_ONE_VALID + "\n")

    code, out, _ = check(objects, schema=str(arrays_schema), **options)
    assert code == 1
    assert out.startswith(f"{objects}:1:1: /: expected array, got object")

    code, out, _ = check(arrays, schema=str(objects_schema), **options)
    assert code == 1
    assert out.startswith(f"{arrays}:1:1: /: expected object, got array")

    code, out, _ = check(objects, schema=str(objects_schema), **options)
    assert code == 1
    innermost = "/a" * depth
    assert out.startswith(
        f"{objects}:1:{5 * depth + 1}: {innermost}: expected object, got integer 1"
    )
    assert CANNOT_CHECK not in out


def test_reference_engine_gives_up_clearly_beyond_its_recursion_room() -> None:
    """Deeper than the parser allows (only a Python caller can hand such a value over), and on
    threads other than the main one (the interpreter's own limit): no RecursionError escapes;
    the document is reported invalid with a cannot-check finding."""
    engine = compile_schema(from_contents(RECURSIVE_ARRAYS), engine="reference")
    deep: list[Any] = []
    for _ in range(50_000):
        deep = [deep]
    assert engine.is_valid(deep) is False
    [finding] = engine.findings(deep)
    assert finding.failure.keyword == CANNOT_CHECK
    assert finding.failure.fallback.startswith(
        "cannot check: the reference engine (jsonschema) ran out of recursion depth"
    )

    shallow: list[Any] = []
    for _ in range(1000):
        shallow = [shallow]
    seen: list[Any] = []
    thread = threading.Thread(target=lambda: seen.extend([engine.is_valid(shallow)]))
    thread.start()
    thread.join()
    assert seen == [False]  # 1,000 levels need more than the default 1,000 frames there


def test_recursion_limit_is_restored(tmp_path: Path) -> None:
    before = sys.getrecursionlimit()
    schema = write(tmp_path / "s.json", RECURSIVE_ARRAYS)
    check(
        write(tmp_path / "d.json", nested("arrays", 1000)), schema=str(schema), engine="reference"
    )
    assert sys.getrecursionlimit() == before


CYCLES = [
    ({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"},
     '$ref "#/$defs/b" -> $ref "#/$defs/a"'),
    ({"$defs": {"a": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"},
     'allOf -> $ref "#/$defs/a"'),
    ({"$ref": "#"}, '$ref "#"'),
]  # fmt: skip
# A cycle only some documents enter ({"anyOf": [{"type": "string"}, {"$ref": "#"}]}) is no
# schema error: tests/unit/contracts/test_references.py


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("schema", "chain"), CYCLES)
def test_a_ref_cycle_is_a_schema_error(
    tmp_path: Path, engine: str, schema: dict[str, Any], chain: str
) -> None:
    path = write(tmp_path / "cycle.json", schema)
    start = time.monotonic()
    code, out, err = check(VALID, schema=str(path), engine=engine)
    assert time.monotonic() - start < 1
    assert (code, out) == (2, "")
    assert err == (
        f"casefile-validate: schema error: cycle: endless $ref cycle: {chain} -> (again), never "
        "reaching into the document: no instance could ever be checked against it\n"
    )


# --- numbers and strings -----------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_5000_digit_integers(tmp_path: Path, engine: str) -> None:
    digits = "1" + "2" * 4999
    doc = valid_document()
    failing = write(tmp_path / "status.json", json.dumps(doc).replace('"completed"', digits))
    with long_integers():  # Python's own limit: 4,300 digits
        doc["metadata"]["retries"] = int(digits)
        fine = write(tmp_path / "metadata.json", json.dumps(doc))
    code, out, _ = check(failing, fine, engine=engine)
    assert code == 1
    shown = "1" + "2" * 78 + "… (5000 characters)"
    assert f"/status: expected string, got integer {shown}" in out
    assert f"/status: {shown} is not one of" in out
    assert out.splitlines()[-1] == "2 documents: 1 valid, 1 invalid, 0 unreadable"


@pytest.mark.parametrize("engine", ENGINES)
def test_long_integers_get_right_verdicts(tmp_path: Path, engine: str) -> None:
    """jsonschema_rs reads ints through their text, and one longer than Python's 4,300-digit
    conversion limit used to become null there (so {"maximum": 5} accepted 10**5000)."""
    big = write(tmp_path / "big.json", "1" + "0" * 4999)
    maximum = write(tmp_path / "maximum.json", {"maximum": 5})
    number = write(tmp_path / "number.json", {"type": "number"})
    assert check(big, schema=str(maximum), engine=engine)[0] == 1
    assert check(big, schema=str(number), engine=engine)[0] == 0


def test_integers_longer_than_the_limit_are_unparsable(tmp_path: Path) -> None:
    doc = write(tmp_path / "long.json", '{"n": ' + "9" * (2 * MAX_INT_DIGITS) + "}")
    code, out, _ = check(doc)
    assert code == 3
    assert out.splitlines()[0] == (
        f"{doc}:1:7: not valid JSON: integer of {2 * MAX_INT_DIGITS} digits exceeds the limit "
        f"of {MAX_INT_DIGITS}"
    )


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1.5E+999"])
def test_numbers_beyond_a_double_are_unparsable(tmp_path: Path, number: str) -> None:
    doc = write(tmp_path / "huge.json", '{"n": ' + number + "}")
    code, out, _ = check(doc)
    assert code == 3
    assert out.splitlines()[0] == (
        f"{doc}:1:7: not valid JSON: number {number} is out of range for a double"
    )


@pytest.mark.parametrize(
    "text", ['"\\ud800"', '"\\udc00"', '"x\\ud800y"', '"\\ud800\\u0041"', '"\\udc00\\ud800"']
)
@pytest.mark.parametrize("where", ["value", "key"])
def test_lone_surrogates_are_unparsable(tmp_path: Path, text: str, where: str) -> None:
    body = '{"k": ' + text + "}" if where == "value" else "{" + text + ": 1}"
    doc = write(tmp_path / "surrogate.json", body)
    code, out, _ = check(doc)
    assert code == 3
    column = 7 if where == "value" else 2
    assert out.splitlines()[0] == (
        f"{doc}:1:{column}: not valid JSON: string holds a lone surrogate escape"
    )


def test_a_surrogate_pair_is_fine(tmp_path: Path) -> None:
    doc = valid_document()
    doc["metadata"]["emoji"] = "\U0001f600"
    path = write(tmp_path / "pair.json", json.dumps(doc, ensure_ascii=True))
    assert "\\ud83d\\ude00" in path.read_text()
    assert check(path) == (0, SUMMARY_ONE_VALID + "\n", "")


# --- file names that are not text ------------------------------------------------------------

BAD_NAME = b"bad\xff\xfe-name.json"  # invalid UTF-8: Python names it with lone surrogates


@pytest.fixture
def badly_named(tmp_path: Path) -> Path:
    folder = tmp_path / "names"
    folder.mkdir()
    path = os.path.join(os.fsencode(folder), BAD_NAME)
    with open(path, "wb") as stream:
        stream.write(b'{"status": 1}')
    write(folder / "caf\u00e9.json", "{")
    return folder


ASCII_LOCALE = {"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
"""The C locale without Python's coercion to UTF-8 (which plain LANG=C gets): an ASCII stdout."""
ENVIRONMENTS = [
    {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
    {"LANG": "C", "LC_ALL": "C"},
    ASCII_LOCALE,
    {"PYTHONIOENCODING": "ascii"},
]


@pytest.mark.parametrize("fmt", list(REPORTERS))
@pytest.mark.parametrize("env", ENVIRONMENTS, ids=["utf8", "C", "C-ascii", "ascii"])
def test_undecodable_file_names_are_printed_safely(
    badly_named: Path, fmt: str, env: dict[str, str]
) -> None:
    result = command("--format", fmt, badly_named, env=env)
    assert result.returncode == 3
    assert result.stderr == b""
    out = result.stdout
    if env.get("PYTHONIOENCODING") == "ascii" or env.get("PYTHONUTF8") == "0":
        out.decode("ascii")  # nothing the terminal cannot show
    name = os.fsdecode(os.path.join(os.fsencode(badly_named), BAD_NAME))
    if fmt == "text":
        lines = out.decode("utf-8").splitlines()
        escaped = name.encode("utf-8", "backslashreplace").decode("utf-8")
        assert f"{escaped}:1:12: /status: expected string, got integer 1" in "\n".join(lines)
        assert "caf" in lines[-2] or any("not valid JSON" in line for line in lines)
        assert lines[-1] == "2 documents: 0 valid, 1 invalid, 1 unreadable"
    elif fmt == "json":
        report = json.loads(out)  # lone surrogates are written as \\u escapes, not raw
        assert name in {d["source"] for d in report["documents"]}
    elif fmt == "sarif":
        report = json.loads(out)
        uris = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in report["runs"][0]["results"]
        }
        assert any("bad%FF%FE-name.json" in uri for uri in uris)  # the bytes, percent-encoded
    elif fmt == "junit":
        import xml.etree.ElementTree as ElementTree

        ElementTree.fromstring(out)  # well-formed XML
        assert b"bad\\udcff\\udcfe-name.json" in out
    elif fmt == "markdown":  # escaped for markdown and HTML: the backslashes as references
        assert b"bad&#92;udcff&#92;udcfe-name.json" in out
    elif fmt == "html":
        assert b"bad\\udcff\\udcfe-name.json" in out  # as the text report shows it, as text
    else:
        assert b"file=" in out and b"bad\\udcff\\udcfe-name.json" in out


def test_undecodable_file_names_in_process(badly_named: Path) -> None:
    code, out, _ = check(badly_named, format="json")
    assert code == 3
    report = json.loads(out)
    assert {d["status"] for d in report["documents"]} == {"invalid", "unreadable"}


# --- regular expressions that backtrack --------------------------------------------------------


def test_catastrophic_pattern_fast_engine_is_bounded(tmp_path: Path) -> None:
    schema = write(tmp_path / "pattern.json", CATASTROPHIC)
    evil = write(tmp_path / "evil.json", json.dumps(EVIL_STRING))
    fine = write(tmp_path / "fine.json", json.dumps("a" * 30))
    start = time.monotonic()
    code, out, _ = check(evil, fine, schema=str(schema))
    assert time.monotonic() - start < 1
    assert code == 1
    assert out.splitlines()[0] == (
        f'{evil}:1:1: /: "{EVIL_STRING}" does not match the pattern "^(a+)+$" [/pattern]'
    )
    assert out.splitlines()[-1] == "2 documents: 1 valid, 1 invalid, 0 unreadable"


def test_catastrophic_pattern_reference_engine_judges_in_time(tmp_path: Path) -> None:
    """The reference matches with the fast engine's bounded regex engine: the same verdict and
    message as the fast engine, at once (it gave up after a second of Python's ``re`` before)."""
    schema = write(tmp_path / "pattern.json", CATASTROPHIC)
    evil = write(tmp_path / "evil.json", json.dumps(EVIL_STRING))
    fine = write(tmp_path / "fine.json", json.dumps("a" * 30))
    start = time.monotonic()
    code, out, _ = check(evil, fine, schema=str(schema), engine="reference")
    assert time.monotonic() - start < 1
    assert code == 1
    assert out.splitlines()[0] == (
        f'{evil}:1:1: /: "{EVIL_STRING}" does not match the pattern "^(a+)+$" [/pattern]'
    )
    assert out.splitlines()[-1] == "2 documents: 1 valid, 1 invalid, 0 unreadable"
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_catastrophic_pattern_cross_check_keeps_the_fast_verdict(tmp_path: Path) -> None:
    schema = write(tmp_path / "pattern.json", CATASTROPHIC)
    evil = write(tmp_path / "evil.json", json.dumps(EVIL_STRING))
    start = time.monotonic()
    code, out, _ = check(evil, schema=str(schema), cross_check=True)
    assert time.monotonic() - start < 2.5
    assert code == 1
    assert "does not match the pattern" in out
    assert "disagree" not in out


def test_catastrophic_property_pattern_reference_engine_judges_in_time(tmp_path: Path) -> None:
    schema = write(
        tmp_path / "pp.json",
        {"patternProperties": {"^(a+)+$": {"type": "integer"}}, "additionalProperties": False},
    )
    doc = write(tmp_path / "doc.json", {EVIL_STRING: 1})
    start = time.monotonic()
    code, out, _ = check(doc, schema=str(schema), engine="reference")
    assert time.monotonic() - start < 1
    assert code == 1
    assert f'{doc}:1:2: /: unexpected property "{EVIL_STRING}" [/additionalProperties]' in out


def test_ordinary_patterns_are_unaffected(tmp_path: Path) -> None:
    schema = write(tmp_path / "p.json", {"type": "string", "pattern": "^a+$"})
    good = write(tmp_path / "good.json", '"aaa"')
    bad = write(tmp_path / "bad.json", '"aab"')
    for engine in ENGINES:
        code, out, _ = check(good, bad, schema=str(schema), engine=engine)
        assert code == 1
        assert f'{bad}:1:1: /: "aab" does not match the pattern "^a+$"' in out
        assert CANNOT_CHECK not in out and "cannot check" not in out


def test_the_bounded_matching_leaves_jsonschema_itself_alone() -> None:
    """The bounded matching comes from keyword functions of an extended validator class
    (``jsonschema.validators.extend``): jsonschema's modules keep their ``re``, and a plain
    ``Draft202012Validator`` in the same process searches as it always does, even inside the
    reference engine's limits; no timer is ever set."""
    import re

    import jsonschema._keywords
    import jsonschema._utils
    from jsonschema import Draft202012Validator

    from validator.checking.limits import reference_limits

    engine = compile_schema(from_contents(CATASTROPHIC), engine="reference")
    assert engine.is_valid("a" * 30) is True
    [finding] = engine.findings(EVIL_STRING)
    assert finding.failure.keyword == "pattern"  # judged, in bounded time
    assert jsonschema._keywords.re is re
    assert jsonschema._utils.re is re
    assert jsonschema._keywords.pattern in Draft202012Validator.VALIDATORS.values()
    assert type(engine.reference) is not Draft202012Validator

    plain = Draft202012Validator(
        {"pattern": "^a+$", "patternProperties": {"^x": {"type": "integer"}}}
    )
    calls: list[str] = []
    with reference_limits():  # as if in the middle of a reference evaluation
        original = signal.getsignal(signal.SIGALRM)
        signal.signal(signal.SIGALRM, lambda *_: calls.append("alarm"))
        try:
            assert plain.is_valid("aaa") and not plain.is_valid("b")
            assert not plain.is_valid({"xy": "not an integer"})
        finally:
            signal.signal(signal.SIGALRM, original)
    assert calls == []  # the plain class never set a timer
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# --- inputs that cannot be read ----------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    code, out, _ = check(missing)
    assert code == 3
    assert out.splitlines()[0] == f"{missing}: no such file or directory"


def test_empty_directory(tmp_path: Path) -> None:
    """Nothing to check is a warning (as a config's check that matches no file), not a document:
    the exit code is that of the other inputs."""
    code, out, err = check(tmp_path)
    assert (code, out) == (0, "0 documents: 0 valid, 0 invalid, 0 unreadable\n")
    assert err == (
        f"casefile-validate: warning: {tmp_path}: no *.json, *.jsonl or *.ndjson file in it: "
        "nothing to check\n"
    )
    (tmp_path / "sub").mkdir()
    bad = write(tmp_path / "bad.json", b"{")
    code, out, err = check(tmp_path / "sub", bad)
    assert code == 3
    assert out.endswith("1 document: 0 valid, 0 invalid, 1 unreadable\n")
    assert err.startswith(f"casefile-validate: warning: {tmp_path / 'sub'}: no *.json")


def test_empty_and_blank_files(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.json", b"")
    blank = write(tmp_path / "blank.json", b" \n\t")
    code, out, _ = check(empty, blank)
    assert code == 3
    lines = out.splitlines()
    assert f"{empty}:1:1: not valid JSON: empty document" in lines
    assert f"{blank}:2:2: not valid JSON: no JSON value, only white space" in lines


def test_binary_input(tmp_path: Path) -> None:
    invalid_utf8 = write(tmp_path / "latin1.json", '{"a": "caf\u00e9"}'.encode("latin-1"))
    code, out, _ = check(invalid_utf8)
    assert code == 3
    assert out.splitlines()[0] == f"{invalid_utf8}:1:11: not valid JSON: invalid UTF-8 (byte 0xE9)"
    noise = write(tmp_path / "noise.json", random.Random(4).randbytes(4096))
    code, out, _ = check(noise)
    assert code == 3
    assert out.splitlines()[0].startswith(f"{noise}:")
    assert "not valid JSON: " in out.splitlines()[0]


def test_unreadable_file_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = write(tmp_path / "secret.json", "{}")

    real_open = os.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(secret):  # root reads any file: a refusal has to be simulated
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    code, out, _ = check(secret, VALID)
    assert code == 3
    lines = out.splitlines()
    assert lines[0] == f"{secret}: permission denied"
    assert lines[-1] == "2 documents: 1 valid, 0 invalid, 1 unreadable"


def _without_read_permission() -> list[str] | None:
    """A command prefix that runs without the right to read others' files, or None."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}"]


def test_unreadable_file_for_real(tmp_path: Path) -> None:
    prefix = _without_read_permission()
    if prefix is None:
        pytest.skip("running as root without setpriv: cannot take away the right to read")
    secret = write(tmp_path / "secret.json", "{}")
    secret.chmod(0)
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "validator", str(secret), str(VALID)],
            capture_output=True,
            timeout=60,
            env={**os.environ, "NO_COLOR": "1"},
        )
    finally:
        secret.chmod(0o600)
    assert result.returncode == 3, result.stderr
    assert result.stderr == b""
    assert result.stdout.decode().splitlines() == [
        f"{secret}: permission denied",
        "2 documents: 1 valid, 0 invalid, 1 unreadable",
    ]


def test_one_bad_input_never_stops_the_others(tmp_path: Path) -> None:
    inputs = [
        tmp_path / "missing.json",
        write(tmp_path / "empty.json", b""),
        VALID,
        EXAMPLES / "invalid_missing_payload.json",
        write(tmp_path / "deep.json", nested("arrays", 5000)),
    ]
    code, out, _ = check(*inputs)
    assert code == 3  # 3 wins over 1
    assert out.splitlines()[-1] == "5 documents: 1 valid, 1 invalid, 3 unreadable"


def test_fifo_with_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as stream:
            stream.write(VALID.read_bytes())

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    assert check(fifo) == (0, SUMMARY_ONE_VALID + "\n", "")
    writer.join(5)


def test_fifo_found_in_a_directory_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    write(tmp_path / "ok.json", VALID.read_bytes())
    start = time.monotonic()
    code, out, _ = check(tmp_path)
    assert time.monotonic() - start < 5
    assert code == 3
    assert out.splitlines()[0] == (
        f"{tmp_path / 'pipe.json'}: not a regular file (a named pipe, socket or device): read "
        "only when named, not when found in a directory"
    )
    assert out.splitlines()[-1] == "2 documents: 1 valid, 0 invalid, 1 unreadable"


def _wait_for_reader(fifo: Path, timeout: float = 30) -> int:
    """Block until some process has the FIFO open for reading; returns our write end."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@pytest.mark.parametrize("jsonl", [False, True])
def test_ctrl_c_while_reading_a_fifo_that_never_ends(tmp_path: Path, jsonl: bool) -> None:
    """A named FIFO without a writer blocks like ``cat`` would; Ctrl-C ends it with 130 and one
    line on stderr."""
    fifo = tmp_path / ("slow.jsonl" if jsonl else "slow.json")
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [sys.executable, "-m", "validator", str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
        # SIGINT's default disposition: a test run in the background of a shell without job
        # control would hand the child an ignored SIGINT, which Python keeps ignoring
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        writer = _wait_for_reader(fifo)  # the command is in main(), reading
        if jsonl:
            os.write(writer, VALID.read_bytes().replace(b"\n", b"") + b"\n")
        time.sleep(0.2)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
        os.close(writer)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert err == b"casefile-validate: interrupted\n"
    assert b"Traceback" not in out


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_closed_pipe_is_a_quiet_exit(tmp_path: Path, fmt: str) -> None:
    line = json.dumps({"status": "nope"}) + "\n"
    big = write(tmp_path / "big.jsonl", line * 20_000)  # about 4 MB of report
    process = subprocess.Popen(
        [sys.executable, "-m", "validator", "--format", fmt, str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # the reader goes away, as `| head -1` does
    err = process.stderr.read()
    process.stderr.close()
    process.wait(timeout=60)
    assert first
    assert err == b""
    assert process.returncode == 128 + signal.SIGPIPE


def test_output_to_a_full_device() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    result = command("--output", "/dev/full", VALID)
    assert result.returncode == 2
    assert result.stderr.startswith(b"casefile-validate: cannot write report ")
    assert result.stderr.endswith(b": No space left on device\n")
    assert result.stderr.count(b"\n") == 1


@pytest.mark.parametrize(
    ("document", "found"), [(VALID, 0), (EXAMPLES / "invalid_status_and_types.json", 1)]
)
def test_standard_output_and_error_on_a_full_device_is_exit_2(document: Path, found: int) -> None:
    # a valid document gave exit 1 ("invalid"): the line saying the report could not be written
    # failed on standard error too, and Python's own traceback with it
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    assert command(document).returncode == found
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "validator", str(document)],
            stdout=full,
            stderr=full,
            env={k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "TERM")},
            timeout=60,
            check=False,
        )
    assert done.returncode == 2


@pytest.mark.parametrize("engine", ENGINES)
def test_integers_just_below_minus_2_to_the_63_stay_exact(tmp_path: Path, engine: str) -> None:
    """orjson turns -9223372036854775809 (19 digits) into a float equal to -2**63; the parser
    must hand such numbers to the exact parser (found by tests/property/test_fuzz.py)."""
    assert parse(b"[-9223372036854775809]") == Parsed([-(2**63) - 1])
    schema = write(tmp_path / "minimum.json", {"minimum": -(2**63)})
    below = write(tmp_path / "below.json", "-9223372036854775809")
    code, out, _ = check(below, schema=str(schema), engine=engine)
    assert code == 1
    assert "-9223372036854775809 is less than the minimum of -9223372036854775808" in out
