"""The GitHub Actions examples in the docs hold together as written: each is YAML, each job's
``pip install ./PATH`` installs what an earlier step of that job checked out at PATH, after
``actions/setup-python`` (not the runner's own Python), a job it ``needs`` exists, and an
artifact it downloads is one another job uploads.  (Their ``console`` examples are run by
test_readme.py; these need GitHub to run.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

DOCS = Path(__file__).resolve().parents[2] / "docs"
_BLOCK = re.compile(r"^```yaml\n(.*?)^```$", re.M | re.S)


def _workflows() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for page in sorted(DOCS.glob("*.md")):
        for block in _BLOCK.findall(page.read_text(encoding="utf-8")):
            parsed = yaml.safe_load(block)
            if isinstance(parsed, dict) and "jobs" in parsed:
                found.append((page.name, parsed))
    return found


def test_the_recordings_page_has_its_ci_example() -> None:
    assert "recordings.md" in [name for name, _ in _workflows()]


@pytest.mark.parametrize(("page", "workflow"), _workflows(), ids=lambda x: str(x)[:20])
def test_a_workflow_example_holds_together(page: str, workflow: dict[str, Any]) -> None:
    jobs = workflow["jobs"]
    uploaded = {
        step["with"]["name"]
        for job in jobs.values()
        for step in job["steps"]
        if str(step.get("uses", "")).startswith("actions/upload-artifact")
    }
    for name, job in jobs.items():
        needs = job.get("needs", [])
        assert set([needs] if isinstance(needs, str) else needs) <= set(jobs), (page, name)
        checked_out: set[str] = set()
        python = False
        for step in job["steps"]:
            uses = str(step.get("uses", ""))
            if uses.startswith("actions/checkout"):
                checked_out.add(str((step.get("with") or {}).get("path", ".")).rstrip("/"))
            elif uses.startswith("actions/setup-python"):
                python = True
            elif uses.startswith("actions/download-artifact"):
                assert step["with"]["name"] in uploaded, (page, name)
            run = str(step.get("run", ""))
            if "pip install" in run:
                assert python, f"{page}: job {name} runs pip before actions/setup-python"
            for local in re.findall(r"pip install \./(\S+)", run):
                assert local.rstrip("/") in checked_out, f"{page}: {name}: nothing at ./{local}"
