"""validator.dask.validate_recordings on the real LocalCluster of test_dask (two worker processes
over TCP): HAR recordings give the records ``casefile-validate --openapi SPEC --format json``
gives, skipped entries as rows with their reason, and the summary the CLI's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import import_extra

dask = import_extra("dask", "dask")
distributed = import_extra("distributed", "dask")

from tests.console import run_script  # noqa: E402
from tests.integration.recorded import (  # noqa: E402
    cli_records,
    record_key,
    write_recordings,
)
from validator.dask import summary, validate_recordings  # noqa: E402
from validator.problems import SchemaProblem  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A client of a LocalCluster of two worker processes over TCP."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster, set_as_default=False) as found,
    ):
        found.wait_for_workers(2)
        yield found


def _computed(client: Any, df: Any) -> list[dict[str, Any]]:
    frame = client.compute(df, sync=True)
    found: list[dict[str, Any]] = frame.to_dict("records")
    return found


def test_recordings_give_the_records_the_cli_gives(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hars = write_recordings(tmp_path)
    code, expected, totals = cli_records(tmp_path, *hars)
    assert code == 3  # notes.har is no HAR: unreadable
    assert len(expected) == 8 + 9 + 1  # two entries of a.har are skipped, not listed
    monkeypatch.chdir(tmp_path)  # relative paths, as the command was given them
    df = validate_recordings(hars, "api.json")
    assert df.npartitions == 3  # one per file
    rows = _computed(client, df)
    checked = [r for r in rows if r["status"] != "skipped"]
    assert [record_key(r) for r in checked] == expected
    skipped = [(r["source"], r["entry"], r["reason"], r["valid"]) for r in rows if r not in checked]
    assert skipped == [
        ("a.har", 3, "outside the API's base URLs", False),
        ("a.har", 9, "aborted (status 0)", False),
    ]
    found = summary(df)
    assert (found.valid, found.invalid, found.unreadable) == (
        totals["valid"],
        totals["invalid"],
        totals["unreadable"],
    )
    assert found.entries_skipped == totals["entries_skipped"]
    assert found.exit_code == code
    per_schema = {
        s["schema"]: [s["valid"], s["invalid"], s["unreadable"]] for s in totals["schemas"]
    }
    assert {k: v for k, v in found.schemas.items()} == {
        k: v for k, v in per_schema.items() if any(v)
    }


def test_a_folder_and_warnings_for_the_undocumented(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder's ``*.har`` files (named absolute), ``--undocumented warning`` and
    ``--base-url``: the CLI's records still."""
    write_recordings(tmp_path)
    args = ("--undocumented", "warning", "--base-url", "https://api.example.com/v1")
    code, expected, _ = cli_records(tmp_path, *args, str(tmp_path))
    assert code == 3
    monkeypatch.chdir(tmp_path)
    df = validate_recordings(
        tmp_path,
        "api.json",
        undocumented="warning",
        base_urls=["https://api.example.com/v1"],
    )
    rows = [r for r in _computed(client, df) if r["status"] != "skipped"]
    assert [record_key(r) for r in rows] == expected
    # a.har: a bad body, one not JSON, an empty one (the undocumented are warnings); b.har: 6
    assert [r[2] for r in expected].count("invalid") == 3 + 6


def test_recordings_named_by_fsspec_urls(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HAR files named by fsspec URLs (here ``file://``: what ``s3://`` is to a cluster): a glob
    and a folder give the CLI's records, each named by its URL; a folder without a HAR, a glob
    matching nothing and a missing file are said as for local paths."""
    hars = write_recordings(tmp_path)
    _, expected, _ = cli_records(tmp_path, *hars)
    url = tmp_path.as_uri()
    named = [(f"{url}/{r[0]}", *r[1:]) for r in expected]
    monkeypatch.chdir(tmp_path)  # the document named as the command was given it
    for given in (f"{url}/*.har", url):
        rows = _computed(client, validate_recordings(given, "api.json"))
        assert [record_key(r) for r in rows if r["status"] != "skipped"] == named
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match=r"/empty: the folder holds no \*\.har file$"):
        validate_recordings(f"{url}/empty", "api.json")
    with pytest.raises(FileNotFoundError, match=r"/x\*\.har: no file matches$"):
        validate_recordings(f"{url}/x*.har", "api.json")
    [row] = _computed(client, validate_recordings(f"{url}/gone.har", "api.json"))
    assert (row["source"], row["status"]) == (f"{url}/gone.har", "unreadable")
    assert [e["message"] for e in row["errors"]] == ["no such file or directory"]


def test_an_unusable_document_is_said_at_once_and_a_missing_har_is_one_row(
    client: Any, tmp_path: Path
) -> None:
    (tmp_path / "swagger.json").write_text(json.dumps({"swagger": "2.0"}))
    with pytest.raises(SchemaProblem, match=r"swagger\.json"):
        validate_recordings([str(tmp_path / "a.har")], str(tmp_path / "swagger.json"))
    with pytest.raises(SchemaProblem, match=r"gone\.json"):
        validate_recordings([str(tmp_path / "a.har")], str(tmp_path / "gone.json"))
    write_recordings(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"x\*.har: no file matches"):
        validate_recordings(str(tmp_path / "x*.har"), str(tmp_path / "api.json"))
    missing = str(tmp_path / "gone.har")
    [row] = _computed(client, validate_recordings([missing], str(tmp_path / "api.json")))
    assert (row["source"], row["line"], row["status"]) == (missing, 1, "unreadable")
    assert [e["message"] for e in row["errors"]] == ["no such file or directory"]


def test_the_command_checks_recordings_on_the_cluster(client: Any, tmp_path: Path) -> None:
    """``casefile-validate --dask-scheduler ADDRESS --openapi SPEC`` with recordings: each
    format's report and the exit code are those of a local run (the judge travels: each worker
    makes it once, from the document's router and its responses' schemas)."""
    hars = write_recordings(tmp_path)
    address = client.scheduler.address
    for fmt in ("json", "text", "github"):
        args = ("--openapi", "api.json", "--format", fmt, *hars)
        local = run_script(tmp_path, *args)
        found = run_script(tmp_path, "--dask-scheduler", address, *args)
        assert (found.returncode, found.stdout, found.stderr) == (3, local.stdout, local.stderr)
    args = ("--openapi", "api.json", "--undocumented", "warning", "--format", "json", "a.har")
    local = run_script(tmp_path, *args)
    found = run_script(tmp_path, "--dask-scheduler", address, *args)
    assert (found.returncode, found.stdout) == (1, local.stdout)


def test_a_config_check_and_a_broken_response_schema_on_the_cluster(
    client: Any, tmp_path: Path
) -> None:
    """A config's recordings check (paths relative to the config's folder) and a response
    schema that cannot be compiled: what a local run says, on the cluster too."""
    write_recordings(tmp_path)
    (tmp_path / "casefile.toml").write_text(
        '[[checks]]\nfiles = ["*.har"]\nopenapi = "api.json"\nundocumented = "warning"\n'
    )
    broken = json.loads((tmp_path / "api.json").read_text())
    get = broken["paths"]["/users/{id}"]["get"]
    get["responses"]["404"]["content"]["application/json"]["schema"] = {"$ref": "#/nowhere"}
    (tmp_path / "broken.json").write_text(json.dumps(broken))
    address = client.scheduler.address
    for code, args in (
        (3, ("--format", "json")),
        (1, ("--no-config", "--openapi", "broken.json", "b.har")),  # no 404 recorded
        (2, ("--no-config", "--openapi", "broken.json", "a.har")),  # a 404 recorded
    ):
        local = run_script(tmp_path, *args)
        found = run_script(tmp_path, "--dask-scheduler", address, *args)
        assert (found.returncode, found.stdout, found.stderr) == (
            local.returncode,
            local.stdout,
            local.stderr,
        )
        assert local.returncode == code
    assert "schema error: " in local.stderr and "#/nowhere" in local.stderr


@pytest.mark.parametrize("cut", [False, True])
def test_a_large_har_is_shared_by_the_clusters_workers_as_by_jobs(
    client: Any, tmp_path: Path, cut: bool
) -> None:
    """One HAR over the split size goes to the cluster in parts (as ``--jobs`` shares it): the
    json report is exactly a local ``--jobs 1`` run's, whole or cut short (said once, at the
    place where it stops)."""
    from tests.cli.test_har_jobs import OPENAPI, _recording
    from tests.cli.test_recordings import SPEC
    from validator.run.har_tasks import HarPart
    from validator.run.tasks import plan

    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    text = _recording(4000)
    har = tmp_path / "big.har"
    har.write_text(text[: len(text) * 3 // 4] if cut else text)
    tasks = list(plan([(str(har), 0)], [False], ranges=True, recordings=OPENAPI, workers=4))
    assert [type(t) for t in tasks] == [HarPart] * 4  # the parts a cluster's run is cut into
    args = ("--no-config", "--openapi", "api.json", "big.har", "--format", "json")
    local = run_script(tmp_path, *args, "--jobs", "1")
    found = run_script(tmp_path, "--dask-scheduler", client.scheduler.address, *args)
    assert (local.returncode, local.stderr) == ((3, "") if cut else (1, ""))
    assert (found.returncode, found.stderr, found.stdout) == (local.returncode, "", local.stdout)
    documents = json.loads(local.stdout)["documents"]
    assert len(documents) > 1000
