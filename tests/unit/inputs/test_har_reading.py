"""How the reader finds each entry's end and checks it (the fast paths of
:mod:`validator.inputs.har_scan` and :mod:`validator.inputs.har`): the same entries, places and
errors whichever path finds them."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from validator.inputs import har_keys, har_scan
from validator.inputs.har import NotAHar, iter_entries

from .test_har import entry, expected_places, har, read, written

SIZES = [3000, 2900, 40, 5000, 10, 2500, 0, 7000, 30]
"""Body sizes: entries much shorter than the shortest before them (the search for their end,
started past three quarters of that, finds the next entry's end first and starts again)."""


def padded(size: int, last: list[int] | None = None) -> dict[str, Any]:
    body = json.dumps({"pad": "x" * size})
    found = entry(body)
    if last is not None:  # an entry ending in "]}" whose inside holds "}},{" (a header list)
        found["request"]["headers"].append({"name": "B", "value": "2"})
        found["_last"] = last
    return found


@pytest.mark.parametrize(
    "dump",
    [
        lambda d: json.dumps(d, indent=2),
        lambda d: json.dumps(d, separators=(",", ":")),
        lambda d: json.dumps(d, indent="\t").replace("\n", "\r\n"),
    ],
    ids=["pretty", "compact", "crlf-tabs"],
)
def test_entries_shorter_than_those_before_are_read(tmp_path: Path, dump: Any) -> None:
    entries = [padded(size, [size] if i % 2 else None) for i, size in enumerate(SIZES)]
    text = dump(har(*entries))
    got = read(written(tmp_path, text))
    assert [json.loads(e.text or "")["pad"] for e in got] == ["x" * size for size in SIZES]
    assert [(e.line, e.column) for e in got] == expected_places(text)
    assert [e.number for e in got] == list(range(len(SIZES)))


def test_the_search_for_an_end_starts_past_the_shortest_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries alike (as a recorder writes them): the end of each after the first two is looked
    for from three quarters of the shortest entry so far, not from its ``{``."""
    searched: list[int] = []
    compile_ = re.compile

    def spying(pattern: Any, flags: int = 0) -> Any:
        compiled = compile_(pattern, flags)
        if not isinstance(pattern, bytes) or not pattern.startswith(b"\\}"):
            return compiled

        class Spy:
            def search(self, buf: Any, pos: int, endpos: int) -> Any:
                searched.append(pos)
                return compiled.search(buf, pos, endpos)

        return Spy()

    monkeypatch.setattr(har_scan.re, "compile", spying)
    text = json.dumps(har(*(padded(4000) for _ in range(5))), indent=2)
    braces = [m.end() - 1 for m in re.finditer(r"\n      \{", text)]
    shortest = min(b - a for a, b in itertools.pairwise(braces)) - 8  # less ",\n      "
    got = read(written(tmp_path, text))
    assert len(got) == 5
    # the second entry's end is the first looked for (the first is read without a hint), from
    # its "{"; the third's and the fourth's from past 3/4 of the shortest; the last's has no
    # end of that shape: looked for from there, then from its "{" again
    skips = [pos - brace for pos, brace in zip(searched, braces[1:] + braces[-1:], strict=True)]
    assert skips[0] == 2 and skips[-1] == 2, skips
    assert skips[1:4] == [shortest * 3 // 4 + 1] * 3, (skips, shortest)


def test_a_key_twice_is_found_where_an_escaped_colon_evens_the_count(tmp_path: Path) -> None:
    """A key repeated (one colon fewer in orjson's text of the entry) and a colon written
    ``\\u003a`` in a string (one more): the counts agree, the escape sends it to the exact
    parser, which finds the key twice."""
    text = json.dumps(har(entry("a:b"), entry("{}")))
    text = text.replace('"a:b"', '"a\\u003ab"', 1)
    assert '"a\\u003ab"' in text
    twice = text.replace('"status": 200', '"status": 200, "status": 201', 1)
    assert twice.count(":") == text.count(":") + 1
    masked = twice.replace("a\\u003ab", "ab", 1)  # no escape, one colon fewer: caught either way
    path = written(tmp_path, twice)
    with pytest.raises(NotAHar) as caught:
        read(path)
    column = twice.index('"status": 201') + 1
    assert str(caught.value) == (
        f"{path}:1:{column}: not a HAR file: the key 'status' twice in log.entries[0]/response"
    )
    other = written(tmp_path, masked, "masked.har")
    with pytest.raises(NotAHar, match=r"the key 'status' twice in log.entries\[0\]/response"):
        read(other)


WRITERS = {
    "indent-2": lambda d: json.dumps(d, indent=2, ensure_ascii=False),
    "compact": lambda d: json.dumps(d, separators=(",", ":"), ensure_ascii=False),
    "indent-4": lambda d: json.dumps(d, indent=4, ensure_ascii=False),
    "spaces": lambda d: json.dumps(d, ensure_ascii=False),
}


@pytest.mark.parametrize("writer", list(WRITERS))
@pytest.mark.parametrize("at", [0, 11])
def test_a_key_twice_is_found_however_the_file_is_written(
    tmp_path: Path, writer: str, at: int
) -> None:
    """Written as orjson writes (indented by two, or compact) or not; the repeated key in the
    first entry, or in the twelfth (after more than 8 entries written otherwise)."""
    entries = [
        entry(json.dumps({"n": i, "é": "ü"}), url=f"https://x.example/{i}") for i in range(14)
    ]
    text = WRITERS[writer](har(*entries))
    url = f'"https://x.example/{at}"'
    doubled = text.replace(url, url + ', "url": "z"', 1)
    second = doubled.index(url) + len(url) + 2
    line, column = doubled.count("\n", 0, second) + 1, second - doubled.rfind("\n", 0, second)
    path = written(tmp_path, doubled)
    got: list[Any] = []
    with pytest.raises(NotAHar) as caught:
        got.extend(iter_entries(path, limit=1 << 20))
    assert str(caught.value) == (
        f"{path}:{line}:{column}: not a HAR file: the key 'url' twice in log.entries[{at}]/request"
    )
    assert len(got) == at


@pytest.mark.parametrize(
    ("writer", "compared", "counted"),
    [("indent-2", 14, 0), ("compact", 14, 0), ("indent-4", 8, 14)],
)
def test_entries_written_as_orjson_writes_them_are_compared_not_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str, compared: int, counted: int
) -> None:
    """An entry whose bytes are orjson's writing of it needs no colon count; a file written
    otherwise is compared for its first 8 entries only."""
    calls = {"compared": 0, "counted": 0}
    alike, escaped = har_keys._written_alike, har_keys._ESCAPED_COLON

    def comparing(*args: Any) -> bool:
        calls["compared"] += 1
        return alike(*args)

    def counting(*args: Any) -> Any:
        calls["counted"] += 1
        return escaped(*args)

    monkeypatch.setattr(har_keys, "_written_alike", comparing)
    monkeypatch.setattr(har_keys, "_ESCAPED_COLON", counting)
    entries = [
        entry(json.dumps({"n": i, "é": "ü"}), url=f"https://x.example/{i}") for i in range(14)
    ]
    text = WRITERS[writer](har(*entries))
    got = read(written(tmp_path, text))
    assert [e.url for e in got] == [f"https://x.example/{i}" for i in range(14)]
    assert calls == {"compared": compared, "counted": counted}


def test_a_long_entry_is_not_compared_with_an_indented_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 64 KiB entry, one line of lists nested 200 deep after its "{": written by orjson
    indented, each list on a line of its own as deep as it is nested (MiBs): not tried, counted
    (and a key twice in it still found)."""
    dumped: list[int] = []
    dumps = har_keys.orjson.dumps

    def measuring(value: Any, option: int | None = None) -> bytes:
        text = dumps(value, option=option)
        dumped.append(len(text))
        return text

    monkeypatch.setattr(har_keys.orjson, "dumps", measuring)
    deep = "[" * 200 + ",".join(["1"] * 33000) + "]" * 200
    body = json.dumps(entry("{}"), indent=2)[1:]
    text = '{"log": {"entries": [\n{\n"_deep": ' + deep + "," + body + "]}}"
    assert len(text) > 1 << 16
    got = read(written(tmp_path, text))
    assert [e.text for e in got] == ["{}"]
    assert max(dumped) < len(text)
    twice = text.replace('"_deep": ', '"_deep": 1, "_deep": ', 1)
    path = written(tmp_path, twice, "twice.har")
    with pytest.raises(
        NotAHar,
        match=r"^.*twice.har:3:13: not a HAR file: the key '_deep' twice in log.entries\[0\]$",
    ):
        read(path)


def tangled(i: int) -> dict[str, Any]:
    """An entry with "response", "content" and "text" members elsewhere, before and after."""
    found = entry(f"BODY-{i}", method="POST")
    found["request"]["postData"] = {"mimeType": "text/plain", "text": "request"}
    found["_initiator"] = {"response": {"content": {"text": "no"}}, "text": "no"}
    found["response"]["_inner"] = {"content": {"text": "no"}, "text": "no"}
    found["response"]["content"]["_x"] = {"text": "no"}
    found["zz"] = {"content": {"text": "no"}, "response": {"content": {"text": "no"}}}
    found["response"]["content"] = {"_x": {"text": "no"}, **found["response"]["content"]}
    return found


@pytest.mark.parametrize("indent", [2, 1, 4, "\t"])
def test_a_body_among_other_text_members_is_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, indent: Any
) -> None:
    """Written as orjson writes it (indented by two): placed by its indentation, the entry not
    walked through; written otherwise: walked through; the same places either way."""
    from validator.inputs import locate

    walked: list[str] = []
    original = locate.locate

    def spying(text: str, pointers: Any, value: Any) -> Any:
        walked.extend(pointers)
        return original(text, pointers, value)

    monkeypatch.setattr(locate, "locate", spying)
    text = json.dumps(har(*(tangled(i) for i in range(3))), indent=indent)
    got = read(written(tmp_path, text))
    assert [e.text for e in got] == ["BODY-0", "BODY-1", "BODY-2"]
    wanted = []
    for i in range(3):
        at = text.index(f'"BODY-{i}"')
        wanted.append((text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)))
    assert [(e.line, e.column) for e in got] == wanted
    assert walked == ([] if indent == 2 else ["/response/content/text"] * 3)
