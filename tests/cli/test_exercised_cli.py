"""``--coverage`` on a payload run, end to end: the installed console script's exact report of
the declared properties and enum values that no valid document showed, the same whether the
documents are checked here or by ``--jobs`` workers."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.console import run_script
from validator.run import tasks, workers
from validator.run.runner import run
from validator.run.settings import Options

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["status"],
    "properties": {
        "status": {"$ref": "#/$defs/status"},
        "payload": {
            "allOf": [{"properties": {"a": {"type": "integer"}}}, {"properties": {"b": {}}}]
        },
    },
    "$defs": {"status": {"enum": ["pending", "completed", "failed"]}},
}
LINES = [
    '{"status": "pending", "payload": {"a": 1}}',
    '{"status": "completed"}',
    '{"status": "failed", "payload": {"b": 1, "a": "x"}}',  # invalid: shows nothing
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "s.json").write_text(json.dumps(SCHEMA))
    (tmp_path / "log.jsonl").write_text("\n".join(LINES) + "\n")
    (tmp_path / "one.json").write_text('{"status": "pending"}')
    return tmp_path


def test_text_names_what_no_valid_document_showed(folder: Path) -> None:
    done = run_script(
        folder, "--no-config", "--schema", "s.json", "--coverage", "log.jsonl", "one.json"
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[1:] == [
        "Never exercised by the 3 valid documents of schema s:",
        '  /status: enum values never seen: "failed"',
        "  /payload: properties never seen: b",
        "4 documents: 3 valid, 1 invalid, 0 unreadable",
    ]


def test_json_has_the_schemas_gaps(folder: Path) -> None:
    done = run_script(
        folder, "--no-config", "--schema", "s.json", "--coverage", "--format", "json", "log.jsonl"
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["coverage"] == {
        "schemas": [
            {
                "schema": "s",
                "documents": 2,
                "truncated": False,
                "gaps": [
                    {
                        "location": "/status",
                        "reached": True,
                        "properties": [],
                        "values": ["failed"],
                    },
                    {"location": "/payload", "reached": True, "properties": ["b"], "values": []},
                ],
            }
        ]
    }


def test_in_the_strict_profile_a_document_with_warnings_shows_nothing(folder: Path) -> None:
    (folder / "odd.json").write_text('{"status": "failed", "payload": {"b": 1, "bb": 2}}')
    args = ("--no-config", "-s", "s.json", "--coverage", "--format", "json", "odd.json")
    done = run_script(folder, *args)
    gaps = json.loads(done.stdout)["coverage"]["schemas"][0]["gaps"]
    assert (done.returncode, gaps[0]) == (
        0,
        {
            "location": "/status",
            "reached": True,
            "properties": [],
            "values": ["pending", "completed"],
        },
    )
    done = run_script(folder, *args, "--strict")
    gaps = json.loads(done.stdout)["coverage"]["schemas"][0]["gaps"]
    assert (done.returncode, gaps[0]["reached"]) == (1, False)


def test_without_the_option_nothing_is_looked_at(folder: Path) -> None:
    done = run_script(folder, "--no-config", "--schema", "s.json", "--format", "json", "log.jsonl")
    assert "coverage" not in json.loads(done.stdout)


def test_every_valid_document_exercising_everything_says_so(folder: Path) -> None:
    (folder / "all.jsonl").write_text(
        '{"status": "pending", "payload": {"a": 1, "b": 2}}\n'
        '{"status": "completed"}\n{"status": "failed"}\n'
    )
    done = run_script(folder, "--no-config", "-s", "s.json", "--coverage", "all.jsonl")
    assert (done.returncode, done.stdout) == (
        0,
        "Schema s: 3 valid documents exercised every declared property and enum value\n"
        "3 documents: 3 valid, 0 invalid, 0 unreadable\n",
    )


@pytest.mark.usefixtures("forked_workers")
@pytest.mark.parametrize("here", [1, 0])  # the main process checks tasks too, or never
def test_workers_hand_back_what_their_documents_showed(
    folder: Path, monkeypatch: pytest.MonkeyPatch, here: int
) -> None:
    monkeypatch.chdir(folder)
    docs = folder / "docs"
    docs.mkdir()
    for n in range(30):  # the enum value "failed" in one file only, "b" on one line only
        status = "failed" if n == 17 else "pending"
        (docs / f"d{n:02}.json").write_text(json.dumps({"status": status}))
    (folder / "big.jsonl").write_text(
        "\n".join(
            ['{"status": "completed", "payload": {"a": 1}}'] * 400
            + ['{"status": "pending", "payload": {"b": 1}}']
        )
        + "\n"
    )

    def report(jobs: int) -> dict[str, object]:
        out = io.StringIO()
        options = Options(
            inputs=("docs", "big.jsonl"),
            schema="s.json",
            no_config=True,
            coverage=True,
            format="json",
            jobs=jobs,
        )
        assert run(options, out, io.StringIO()) == 0
        coverage: dict[str, object] = json.loads(out.getvalue())["coverage"]
        return coverage

    alone = report(1)
    assert alone == {"schemas": [{"schema": "s", "documents": 431, "truncated": False, "gaps": []}]}
    monkeypatch.setattr(tasks, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(tasks, "FILES_PER_TASK", 4)
    monkeypatch.setattr(tasks, "RANGE_SIZE", 2000)  # the JSON Lines file in ranges
    monkeypatch.setattr(workers, "HERE", here)
    real, used = workers.run_tasks, []

    def counted(*args: Any) -> Any:
        done = list(real(*args))
        used.append(len(done))
        return iter(done)

    monkeypatch.setattr(workers, "run_tasks", counted)
    assert report(2) == alone
    assert used and used[0] > 8, used  # the workers had the tasks
