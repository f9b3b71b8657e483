"""A run's plan is made with the cyclic collector off, then frozen; the shared ``$ref`` walk it
lets go is freed by reference counting alone (no collection walks the plan to find it)."""

from __future__ import annotations

import gc
import importlib
import io
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from validator.contracts import shared_walk
from validator.contracts.documents import memo_of
from validator.run import runner
from validator.run.plan import make_plan
from validator.run.settings import Options

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector's state (on or off, nothing frozen) restored after the test."""
    was = gc.isenabled()
    yield
    gc.unfreeze()
    (gc.enable if was else gc.disable)()


def _repository(tmp_path: Path) -> Path:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    generator = importlib.import_module("bench.openapi_spec")
    generator.write_repository(tmp_path, 12, 2, 5, "3.0", False)
    return tmp_path


def test_a_released_walk_is_freed_without_a_collection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collector: None
) -> None:
    walks: dict[int, weakref.ref[Any]] = {}
    real = shared_walk.release

    def watched(resources: Any) -> None:
        resources = list(resources)
        for each in resources:
            memo = memo_of(each)
            if memo is not None and memo.get("walk"):
                walks[id(memo["walk"])] = weakref.ref(memo["walk"].walk)
        real(resources)

    monkeypatch.setattr(shared_walk, "release", watched)
    monkeypatch.chdir(_repository(tmp_path))
    gc.disable()
    plan = make_plan(Options(config=".casefile-validate.toml"), [].append)
    assert len(plan.engines) == 12 and len(walks) == 1
    (walk,) = walks.values()  # the twelve entry points' one walk
    assert walk() is None  # freed as it was let go: its cycle was broken first


@pytest.mark.parametrize("enabled", [True, False])
def test_the_plan_is_made_with_the_collector_off_then_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collector: None, enabled: bool
) -> None:
    during: list[tuple[bool, int]] = []
    real = runner.make_plan
    real_check = runner.check_task

    def watched(options: Options, notice: Any) -> Any:
        during.append((gc.isenabled(), gc.get_freeze_count()))
        return real(options, notice)

    def checked(*args: Any, **kwargs: Any) -> Any:
        during.append((gc.isenabled(), gc.get_freeze_count()))
        return real_check(*args, **kwargs)

    monkeypatch.setattr(runner, "make_plan", watched)
    monkeypatch.setattr(runner, "check_task", checked)
    monkeypatch.chdir(_repository(tmp_path))
    gc.unfreeze()
    (gc.enable if enabled else gc.disable)()
    out, err = io.StringIO(), io.StringIO()
    assert runner.run(Options(jobs=1), out=out, err=err) == 1, err.getvalue()
    assert "24 documents: 17 valid, 7 invalid, 0 unreadable" in out.getvalue()
    assert during[0] == (False, 0)  # the plan: the collector off
    checks = during[1:]
    assert len(checks) == 12 and {on for on, _ in checks} == {enabled}
    # the checks: the plan frozen, where the collector runs
    assert all((count > 0) is enabled for _, count in checks)
    assert gc.isenabled() is enabled  # a caller's choice is kept
    assert gc.get_freeze_count() == 0  # and what was frozen is the collector's again
