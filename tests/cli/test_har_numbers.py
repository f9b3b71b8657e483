"""Numbers beyond a double in a HAR entry (an integer of 400 digits in a custom field, ``1e400``
in ``timings``, a status of ``10**30``): legal JSON, so the entry is read (orjson refuses them;
see validator.inputs.har_exact) and the entries after it are checked, by one worker or by two
sharing the file.  Through the installed console script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_recordings import API, SPEC, _entry, _har
from tests.console import run_script
from validator.run.har_tasks import HAR_SPLIT_BYTES

GOOD = '{"id": "u1", "status": "active"}'
BAD = '{"id": 5, "status": "active"}'
HUGE = "9" * 400
WORDS = "10" + "0" * 29


def _odd_entries() -> list[dict[str, object]]:
    custom = _entry("GET", f"{API}/users/u1", 200, BAD)
    custom["request"]["_custom"] = "@HUGE@"  # type: ignore[index]
    timed = _entry("GET", f"{API}/users/u2", 200, GOOD)
    timed["timings"] = {"wait": "@INF@"}
    return [custom, timed, _entry("GET", f"{API}/users/u3", 10**30, GOOD)]


def _text(entries: list[dict[str, object]]) -> str:
    return _har(*entries).replace('"@HUGE@"', HUGE).replace('"@INF@"', "1e400")


def test_an_entry_with_numbers_beyond_a_double_is_read_and_the_next_ones_too(
    tmp_path: Path,
) -> None:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    entries = [_entry("GET", f"{API}/users/u0", 200, GOOD), *_odd_entries()]
    entries.append(_entry("GET", f"{API}/users/u4", 200, BAD))
    (tmp_path / "n.har").write_text(_text(entries))
    done = run_script(tmp_path, "--no-config", "--openapi", "api.json", "-v", "n.har")
    assert (done.returncode, done.stderr) == (1, "")
    lines = [line for line in done.stdout.splitlines() if line.startswith("n.har:")]
    url = f"{API}/users"
    via = "(schema getUser 200 application/json)"
    assert lines == [
        f"n.har:31:21: entries[0] GET {url}/u0 200: valid {via}",
        f"n.har:58:21: entries[1] GET {url}/u1 200: invalid, 1 problem {via}",
        "n.har:58:21: /id: expected string, got integer 5 (entries[1], body 1:8) "
        "[/$ref/$ref/properties/id/type]",
        f"n.har:84:21: entries[2] GET {url}/u2 200: valid {via}",
        f"n.har:113:21: entries[3] GET {url}/u3 {WORDS}: invalid, 1 problem",
        f"n.har:113:21: api.json: getUser: status {WORDS} is no HTTP status "
        "(it has 200, 404) (entries[3])",
        f"n.har:139:21: entries[4] GET {url}/u4 200: invalid, 1 problem {via}",
        "n.har:139:21: /id: expected string, got integer 5 (entries[4], body 1:8) "
        "[/$ref/$ref/properties/id/type]",
    ]
    assert done.stdout.splitlines()[-1] == "5 documents: 2 valid, 3 invalid, 0 unreadable"


def test_such_entries_in_a_har_shared_by_two_workers(tmp_path: Path) -> None:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    pad = json.dumps({"id": "u", "status": "active", "pad": "x" * 6000})
    entries: list[dict[str, object]] = []
    for block in range(6):
        entries += [_entry("GET", f"{API}/users/p{block}_{i}", 200, pad) for i in range(300)]
        entries += _odd_entries()
    (tmp_path / "big.har").write_text(_text(entries))
    assert (tmp_path / "big.har").stat().st_size > HAR_SPLIT_BYTES
    args = ("--no-config", "--openapi", "api.json", "big.har", "--format", "json")
    one = run_script(tmp_path, *args, "--jobs", "1")
    two = run_script(tmp_path, *args, "--jobs", "2")
    assert (one.returncode, one.stderr) == (1, "")
    assert (two.returncode, two.stderr, two.stdout) == (1, "", one.stdout)
    documents = json.loads(one.stdout)["documents"]
    assert [d["entry"]["index"] for d in documents] == list(range(len(entries)))
    odd = [d["status"] for d in documents if d["entry"]["index"] % 303 >= 300]
    assert odd == ["invalid", "valid", "invalid"] * 6


BROKEN = [
    ('{"x": 1e400, "y": 1 "z": 2}', "2:21: not a HAR file: expecting ',' delimiter"),
    (f'{{"x": {HUGE}, "y": 1 "z": 2}}', "2:416: not a HAR file: expecting ',' delimiter"),
    (
        '{"x": 1e400, "y": {"x": 2, "x": 3}}',
        "2:1: not a HAR file: the key 'x' twice in an object of this entry",
    ),
    (
        f'{{"x": {HUGE}, "y": {{"x": 2, "x": 3}}}}',
        "2:423: not a HAR file: the key 'x' twice in log.entries[0]/y",
    ),
    ('{"x": 1e400, "y": NaN}', "2:1: not a HAR file: NaN is not JSON (in this entry)"),
    (
        '{"x": 1e400, "y": 1%s}' % ("0" * 10_001),
        "2:1: not a HAR file: an integer of 10002 digits "
        "exceeds the limit of 10000 (in this entry)",
    ),
    ('{"x": 1e400, "y": "a\nb"}', "2:21: not a HAR file: invalid control character"),
    ('{"x": 1e400, "y": 1', "3:1: not a HAR file: expecting ',' delimiter"),
]


@pytest.mark.parametrize(("entry", "said"), BROKEN)
def test_a_broken_entry_with_such_a_number_is_said_truly(
    tmp_path: Path, entry: str, said: str
) -> None:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    text = f'{{"log": {{"version": "1.2", "entries": [\n{entry}\n]}}}}'
    (tmp_path / "b.har").write_text(text)
    done = run_script(tmp_path, "--no-config", "--openapi", "api.json", "b.har")
    assert (done.returncode, done.stderr) == (3, "")
    assert f"b.har:{said}" in done.stdout.splitlines()


@pytest.mark.parametrize("form", ["text", "json"])
def test_a_status_of_5000_digits_is_no_http_status(tmp_path: Path, form: str) -> None:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    odd = _entry("GET", f"{API}/users/u3", 1, GOOD)
    text = _har(odd, _entry("GET", f"{API}/users/u4", 200, BAD))
    (tmp_path / "s.har").write_text(text.replace('"status": 1,', f'"status": 1{"0" * 5000},'))
    args = ("--no-config", "--openapi", "api.json", "-v", "--format", form, "s.har")
    done = run_script(tmp_path, *args)
    assert (done.returncode, done.stderr) == (3, "")
    said = "not a HAR entry: response.status is no HTTP status (an integer of 40 digits or more)"
    said += " (entries[0])"
    if form == "json":
        first, second = json.loads(done.stdout)["documents"]
        assert (first["entry"]["status"], first["errors"][0]["error"]) == (0, said)
        assert second["status"] == "invalid"
    else:
        assert f"s.har:9:7: {said}" in done.stdout.splitlines()
