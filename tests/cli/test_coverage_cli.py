"""``--min-coverage`` and the config's ``min-coverage``: a run of recordings against an OpenAPI
document below the minimum fails (exit 1, the summary saying why); any other run refuses the
option (exit 2).  Every run is the installed console script's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.console import run_script

SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/users": {
            "get": {
                "operationId": "listUsers",
                "responses": {
                    "200": {
                        "description": "all",
                        "content": {"application/json": {"schema": {"type": "array"}}},
                    },
                    "404": {"description": "none"},
                },
            }
        }
    },
}
REFUSED = (
    "casefile-validate: --min-coverage needs --openapi SPEC with recordings to check (without "
    "--operation): it is the share of the document's responses the recordings showed\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    (tmp_path / "a.json").write_text("[1, 2]\n")
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ("--min-coverage", "80", "a.json"),
        ("--coverage", "--min-coverage", "80", "a.json"),
        ("--min-coverage=80.5", "--schema", "api.json#/paths/~1users/get", "a.json"),
        ("--openapi", "api.json", "--operation", "listUsers", "--min-coverage", "0", "a.json"),
    ],
)
def test_a_run_without_recordings_refuses_the_option(folder: Path, args: tuple[str, ...]) -> None:
    done = run_script(folder, "--no-config", *args)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", REFUSED)


@pytest.mark.parametrize("value", ["101", "-1", "80%", "many"])
def test_a_value_that_is_not_a_percentage_is_a_usage_error(folder: Path, value: str) -> None:
    done = run_script(folder, "--no-config", f"--min-coverage={value}", "a.json")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Invalid value for '--min-coverage'" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_configs_key_is_checked_and_named_where_it_is(folder: Path) -> None:
    (folder / ".casefile-validate.toml").write_text('exclude = []\nmin-coverage = "80"\n')
    done = run_script(folder, "a.json", "--schema", "api.json#/paths/~1users/get")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        'casefile-validate: config error: .casefile-validate.toml:2:1: "min-coverage" must be '
        "a number from 0 to 100\n"
    )


def test_the_configs_key_leaves_a_run_without_recordings_alone(folder: Path) -> None:
    """The config serves every run of the repository (pre-commit's too): its minimum is for
    the runs of recordings."""
    (folder / ".casefile-validate.toml").write_text("min-coverage = 80\n")
    (folder / "s.json").write_text('{"type": "array"}')
    done = run_script(folder, "--schema", "s.json", "a.json")
    assert (done.returncode, done.stderr) == (0, "")


def _recording_run(
    folder: Path, minimum: float | None, config: bool = False
) -> tuple[int, str, str]:
    """A run of ``--openapi api.json`` on a recording whose one response answers ``listUsers
    200 application/json`` (one of the document's two responses)."""
    entry = {
        "request": {"method": "GET", "url": "https://api.example.com/users", "headers": []},
        "response": {
            "status": 200,
            "headers": [],
            "content": {"size": 6, "mimeType": "application/json", "text": "[1, 2]"},
        },
    }
    (folder / "rec.har").write_text(json.dumps({"log": {"version": "1.2", "entries": [entry]}}))
    args = ["--format", "json", "--openapi", "api.json", "rec.har"]
    args += [] if minimum is None else [f"--min-coverage={minimum}"]
    done = run_script(folder, *args, *([] if config else ["--no-config"]))
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(("minimum", "code"), [(50.0, 0), (50.1, 1), (None, 0), (0.0, 0)])
def test_a_recording_run_below_the_minimum_fails(
    folder: Path, minimum: float | None, code: int
) -> None:
    exit_code, out, err = _recording_run(folder, minimum)
    assert (exit_code, err) == (code, "")
    report = json.loads(out)
    assert report["summary"]["exit_code"] == code
    coverage = report["coverage"]
    assert (coverage["seen"], coverage["documented"], coverage["percent"]) == (1, 2, 50.0)
    assert (coverage["min_coverage"], coverage["below"]) == (minimum, bool(code))
    assert coverage["never_seen"] == ["listUsers 404"]


def test_a_recording_run_takes_the_configs_minimum(folder: Path) -> None:
    (folder / ".casefile-validate.toml").write_text("min-coverage = 75\n")
    exit_code, out, _ = _recording_run(folder, None, config=True)
    assert exit_code == 1
    assert json.loads(out)["coverage"]["min_coverage"] == 75.0
    exit_code, out, _ = _recording_run(folder, 40, config=True)  # the option wins
    assert exit_code == 0
