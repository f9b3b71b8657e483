"""validator.scale.rows (the columns Spark and Dask send on) without a cluster: exactly the rows,
in the same order, that the one-result-per-document way gives (``columns`` of ``check_texts`` /
``check_lines``), on every kind of line, in runs long enough for the batch loop's screens."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import orjson
import pytest

from bench.workloads import invalid_doc, valid_doc
from tests.integration.documents import LINES
from validator.contracts.catalog import load_schema
from validator.inputs.sources import Batch
from validator.scale.records import check_lines, check_texts, columns, engine_for
from validator.scale.rows import Rows

SETTINGS = ("fast", False, False, None)


def _texts(count: int, seed: int) -> list[str]:
    """Workload documents, compact or spaced, some with an undeclared property, mixed with every
    kind of line of the scale-out tests (blank, not JSON, duplicate keys, long integers)."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        pick = rng.random()
        if pick < 0.1:
            out.append(LINES[rng.randrange(len(LINES))])
            continue
        doc: dict[str, Any] = invalid_doc(rng) if pick < 0.4 else valid_doc(rng)
        if rng.random() < 0.1:
            doc["surprise"] = i
        text = orjson.dumps(doc).decode()
        out.append(text if rng.random() < 0.7 else text.replace(",", ", ").replace(":", ": "))
    return out


def _plain(found: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return {k: list(v) for k, v in found.items()}


@pytest.mark.parametrize(
    "settings", [SETTINGS, ("fast", False, True, 2), ("reference", False, False, None)]
)
@pytest.mark.parametrize("seed", [1, 2])
def test_lines_as_rows_are_the_results_as_columns(settings: Any, seed: int) -> None:
    engine = engine_for(load_schema(), settings[0], settings[1])
    texts = _texts(700, seed)
    block = "\n".join(texts).encode("utf-8", "surrogatepass")
    for batch in (Batch("a.jsonl", 1, block), Batch("b.jsonl", 41, block + b"\n")):
        rows = Rows()
        rows.add_lines(engine, batch, settings)
        assert _plain(rows.columns) == columns(check_lines(engine, batch, settings))
        assert len(rows) == len([t for t in texts if t.strip()])


@pytest.mark.parametrize("bodies", [False, True])
def test_texts_as_rows_are_the_results_as_columns(bodies: bool) -> None:
    engine = engine_for(load_schema())
    texts: list[Any] = _texts(600, 3)
    texts[5] = None
    texts[7] = '{\n  "status": 1}'  # a document of several lines
    texts[9] = texts[9].encode() + b"\n"  # bytes, with its line end
    numbers = [3 * k + 1 for k in range(len(texts))]
    rows = Rows()
    rows.add_texts(engine, texts, numbers, "<c>", SETTINGS, bodies=bodies)
    expected = check_texts(engine, texts, numbers, "<c>", SETTINGS, bodies=bodies)
    assert _plain(rows.columns) == columns(r for r in expected if r is not None)
    assert set(rows.columns["status"]) == {"valid", "invalid", "unreadable"}
    assert any(rows.columns["warnings"]) and any(rows.columns["errors"])


def test_rows_add_in_order(tmp_path: Path) -> None:
    engine = engine_for(load_schema())
    rows = Rows()
    rows.add_texts(engine, ["{}", "", "[]"], [1, 2, 3], "x", SETTINGS)
    rows.add_lines(engine, Batch("y", 7, b"{}\n\n" + LINES[0].encode()), SETTINGS)
    assert rows.columns["source"] == ["x", "x", "y", "y"]
    assert rows.columns["line"] == [1, 3, 7, 9]
    assert rows.columns["valid"] == [False, False, False, True]


@pytest.mark.parametrize("bodies", [False, True])
@pytest.mark.parametrize("end", ["", "\n"])
@pytest.mark.parametrize("binary", [False, True])
def test_one_line_texts_checked_at_once_are_the_results_as_columns(
    bodies: bool, end: str, binary: bool
) -> None:
    engine = engine_for(load_schema())
    texts: list[Any] = [t + end for t in _texts(600, 4) if t.strip()]
    if binary:
        texts = [t.encode("utf-8", "surrogatepass") for t in texts]
    numbers = list(range(5, 5 + len(texts)))
    assert Rows()._at_once(engine, texts, numbers, "<c>", SETTINGS)  # the block way is taken
    rows = Rows()
    rows.add_texts(engine, texts, numbers, "<c>", SETTINGS, bodies=bodies)
    expected = check_texts(engine, texts, numbers, "<c>", SETTINGS, bodies=bodies)
    assert _plain(rows.columns) == columns(r for r in expected if r is not None)
    assert set(rows.columns["status"]) == {"valid", "invalid", "unreadable"}
    odds = [b"  ", b"", b"{}\n{}", None, "{}"] if binary else ["  ", "", "{}\n{}", None, b"{}"]
    for odd in odds:  # a blank, an empty, a multi-line text, a null, the other type: one by one
        mixed = [*texts[:50], odd, *texts[50:100]]
        assert not Rows()._at_once(engine, mixed, numbers[:101], "<c>", SETTINGS)
        rows = Rows()
        rows.add_texts(engine, mixed, numbers[:101], "<c>", SETTINGS, bodies=bodies)
        expected = check_texts(engine, mixed, numbers[:101], "<c>", SETTINGS, bodies=bodies)
        assert _plain(rows.columns) == columns(r for r in expected if r is not None)
