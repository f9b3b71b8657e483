"""Property tests of the JSON Lines hot loop: a block of generated lines (valid documents, ones
with undeclared or duplicate keys, long integers, escapes, white space, blank and broken lines)
gives exactly what checking each line alone gives; the block-wide warnings screen says what
asking each document says."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from validator.checking.block_screens import verdicts
from validator.checking.document import check_raw
from validator.checking.engine import compile_schema
from validator.checking.json_lines import RUN, check_batch
from validator.checking.property_warnings import for_engine
from validator.contracts.catalog import load_schema
from validator.inputs.sources import Batch
from validator.problems import Status

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SCHEMA = load_schema()
ENGINE = compile_schema(SCHEMA)
FINDER = for_engine(ENGINE)
NATIVE = ENGINE.native() or ENGINE.is_valid

UUIDS = st.uuids().map(str)
valid_documents = from_schema(copy.deepcopy(SCHEMA.contents), custom_formats={"uuid": UUIDS})
extra_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)


@st.composite
def documents(draw: st.DrawFn) -> Any:
    """A valid document, perhaps with a key added at the top, in the payload or the metadata
    (declared or not), or with a member's value replaced."""
    doc = draw(valid_documents)
    where = draw(st.sampled_from(["", "payload", "metadata", None]))
    if where is not None:
        target = doc if where == "" else doc.get(where)
        if isinstance(target, dict):
            key = draw(st.sampled_from(["extra", "status", "session_id", "x/y", "é"]))
            target[key] = draw(extra_values)
    return doc


def _dumps(doc: Any) -> bytes:
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode()


def _line(draw: st.DrawFn, doc: Any) -> bytes:
    """One line of JSON Lines: a document written in some layout, or a line that is not one."""
    text = _dumps(doc)
    kind = draw(st.sampled_from(["plain"] * 6 + ["spaced", "dup", "long", "escape", "bad", ""]))
    if kind == "spaced":
        text = _dumps(doc).replace(b":", b": ", 1) + b" \r"
    elif kind == "dup" and text.endswith(b"}"):
        text = text[:-1] + b',"status":"failed"}'
    elif kind == "long" and text.endswith(b"}"):
        text = text[:-1] + b',"n":123456789012345678901234567890}'
    elif kind == "escape" and text.endswith(b"}"):
        text = text[:-1] + b',"k\\u003a":1}'
    elif kind == "bad":
        text = text[: draw(st.integers(0, max(len(text) - 1, 0)))]
    elif kind == "":
        text = draw(st.sampled_from([b"", b"  ", b"\r"]))
    return text


@st.composite
def blocks(draw: st.DrawFn) -> list[bytes]:
    """Lines enough to fill a few runs, made from a few generated documents."""
    pool = draw(st.lists(documents(), min_size=1, max_size=5))
    count = draw(st.integers(1, 2 * RUN + 5))
    return [_line(draw, pool[draw(st.integers(0, len(pool) - 1))]) for _ in range(count)]


def _alone(block_lines: list[bytes]) -> list[tuple[int, Status, tuple[object, ...]]]:
    out = []
    for number, line in enumerate(block_lines, 1):
        if line.strip(b" \t\r"):
            r = check_raw(ENGINE, line, source="x", line=number, lines_hint="", warnings=FINDER)
            out.append((r.line, r.status, r.problems + r.warnings))
    return out


@SETTINGS
@given(blocks())
def test_a_block_gives_what_its_lines_give_alone(block_lines: list[bytes]) -> None:
    batch = Batch("x", 1, b"\n".join(block_lines))
    valid, results = check_batch(ENGINE, batch, keep_valid=True, warnings=FINDER)
    assert valid == 0
    assert [(r.line, r.status, r.problems + r.warnings) for r in results] == _alone(block_lines)


@SETTINGS
@given(st.lists(documents(), min_size=1, max_size=40))
def test_the_block_screen_says_what_each_document_says(docs: list[Any]) -> None:
    assert verdicts(docs, NATIVE, FINDER) == [NATIVE(d) and FINDER.quiet(d) for d in docs]
