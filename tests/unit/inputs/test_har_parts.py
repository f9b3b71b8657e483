"""validator.inputs.har_parts: the parts of a HAR file (byte ranges, each walked by another
worker) give together exactly what one walk gives: the same entries, numbers and places, in
order; a file that stops being a HAR is said by exactly one part, after the same entries."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.unit.inputs.test_har import entry
from validator.inputs.har import HarEntry, NotAHar, iter_entries
from validator.inputs.har_parts import iter_part
from validator.run.har_tasks import HAR_SPLIT_BYTES, HarPart, har_parts

LIMIT = 1 << 20


def _entries(count: int) -> list[dict[str, object]]:
    made = []
    for i in range(count):
        body = json.dumps({"id": i, "name": "é" * (i % 5), "list": [1, 2, 3]}, indent=i % 3)
        if i % 4 == 1:
            made.append(entry(base64.b64encode(body.encode()).decode(), encoding="base64"))
        elif i % 4 == 2:
            made.append(entry(None, status=204))
        else:
            made.append(entry(body))
    return made


def _har(entries: list[dict[str, object]], indent: int | None) -> str:
    return json.dumps({"log": {"version": "1.2", "entries": entries}}, indent=indent)


def _walk(path: Path, cuts: list[int]) -> tuple[list[HarEntry], list[str]]:
    """Every part's entries, in order, and the errors the parts raised."""
    found: list[HarEntry] = []
    said: list[str] = []
    bounds = [0, *cuts]
    for start, stop in zip(bounds, [*cuts, None], strict=True):
        try:
            found.extend(iter_part(str(path), limit=LIMIT, start=start, stop=stop))
        except NotAHar as exc:
            said.append(str(exc))
    return found, said


def _whole(path: Path) -> tuple[list[HarEntry], list[str]]:
    found: list[HarEntry] = []
    try:
        found.extend(iter_entries(str(path), limit=LIMIT))
    except NotAHar as exc:
        return found, [str(exc)]
    return found, []


@pytest.mark.parametrize("indent", [None, 2])
def test_the_parts_give_what_one_walk_gives_wherever_the_file_is_cut(
    tmp_path: Path, indent: int | None
) -> None:
    path = tmp_path / "rec.har"
    path.write_text(_har(_entries(40), indent), encoding="utf-8")
    size = path.stat().st_size
    whole = _whole(path)
    assert len(whole[0]) == 40 and whole[1] == []
    for step in (11, 53, 257, size // 3):  # cuts inside entries, strings, between them
        cuts = list(range(step, size, step))
        assert _walk(path, cuts) == whole, step
    assert _walk(path, [size + 10]) == whole  # a part after the file's end: nothing


@pytest.mark.parametrize(
    ("broken", "how"),
    [
        (lambda text: text[: len(text) // 2], "cut short"),
        (lambda text: text.replace('"status": 204', '"status": 204,', 1), "a stray comma"),
        (lambda text: text.replace('"status": 204', '"status": 204, "status": 1', 1), "twice"),
        (lambda text: text + " x", "more after the top object"),
        (lambda text: text.replace('"entries"', '"entrees"'), "no entries"),
    ],
)
def test_a_broken_file_is_said_once_after_the_same_entries(
    tmp_path: Path, broken: object, how: str
) -> None:
    path = tmp_path / "rec.har"
    path.write_text(broken(_har(_entries(30), 2)), encoding="utf-8")  # type: ignore[operator]
    size = path.stat().st_size
    whole = _whole(path)
    assert len(whole[1]) == 1, how
    for step in (11, 53, 257, size // 2):
        assert _walk(path, list(range(step, size, step))) == whole, (how, step)


def test_a_large_file_is_cut_into_a_part_per_worker(tmp_path: Path) -> None:
    path = tmp_path / "big.har"
    path.write_bytes(b" " * (HAR_SPLIT_BYTES + 1000))
    assert har_parts(str(path), 3, 1) == []
    parts = har_parts(str(path), 3, 2)
    assert [(p.start > 0, p.stop is None, p.check) for p in parts] == [
        (False, False, 3),
        (True, True, 3),
    ]
    assert parts[0].stop == parts[1].start > (HAR_SPLIT_BYTES + 1000) // 2  # the later: shorter
    four = har_parts(str(path), 0, 4)
    sizes = [(p.stop or HAR_SPLIT_BYTES + 1000) - p.start for p in four]
    assert four[0].start == 0 and sizes == sorted(sizes, reverse=True)
    small = tmp_path / "small.har"
    small.write_bytes(b" " * HAR_SPLIT_BYTES)
    assert har_parts(str(small), 0, 2) == [] and har_parts(str(tmp_path), 0, 2) == []
    assert isinstance(parts[0], HarPart)
