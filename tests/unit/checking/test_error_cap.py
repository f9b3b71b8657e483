"""The bound on a document's errors (validator.checking.error_cap): the first 1,000 and a note
placed at the next one; the headline is never the note; a document under the bound is as it was."""

from __future__ import annotations

import pytest

from validator.checking.convert import Finding
from validator.checking.engine import compile_schema
from validator.checking.error_cap import MAX_FINDINGS, MORE_ERRORS, capped, more_errors
from validator.checking.messages import Failure
from validator.checking.to_problems import finish, problems
from validator.contracts.catalog import from_contents


def _finding(pointer: str) -> Finding:
    return Finding(pointer, "/type", None, Failure("type", {"types": ["string"]}, 1, "1 bad"))


def test_capped_keeps_the_first_and_places_the_note_at_the_next() -> None:
    found = [_finding(f"/{i}") for i in range(MAX_FINDINGS + 5)]
    kept = capped(found)
    assert kept[:MAX_FINDINGS] == found[:MAX_FINDINGS]
    assert len(kept) == MAX_FINDINGS + 1
    note = kept[-1]
    assert (note.instance_location, note.keyword_location) == (f"/{MAX_FINDINGS}", "")
    assert (note.failure.keyword, note.failure.fallback) == (MORE_ERRORS, more_errors())
    exactly = found[:MAX_FINDINGS]
    assert capped(exactly) is exactly


def test_the_note_is_never_the_headline() -> None:
    found = [_finding("/a"), _finding("/b/c/d")]
    note = capped([*[_finding("/x")] * MAX_FINDINGS, _finding("/deeper/than/any/other")])[-1]
    made = finish(problems([*found, note], redact=False), None)
    assert [p.headline for p in made] == [False, True, False]
    assert made[2].message == more_errors()
    assert made[2].keyword == MORE_ERRORS


@pytest.mark.parametrize(("kind", "both"), [("fast", False), ("reference", False), ("fast", True)])
def test_each_engine_collects_at_most_the_bound(kind: str, both: bool) -> None:
    schema = from_contents({"items": {"type": "integer"}})
    engine = compile_schema(schema, engine=kind, cross_check=both)
    found = engine.findings(["x"] * (MAX_FINDINGS + 50))
    assert len(found) == MAX_FINDINGS + 1
    assert found[-1].failure.keyword == MORE_ERRORS
    assert found[-1].instance_location == f"/{MAX_FINDINGS}"
    assert len(engine.findings(["x"] * MAX_FINDINGS)) == MAX_FINDINGS  # no note
    shared = engine.findings(["x"] * (MAX_FINDINGS + 50), shared=True)
    assert [f.instance_location for f in shared] == [f.instance_location for f in found]
