"""validator.dask on a real distributed.LocalCluster (two worker processes over TCP): records
equal to what the CLI's own checking says (verdicts, messages, line:column), files cut into
ranges or gzip'd, bags, the summary, and the CLI's tasks run on the cluster with the same
outcomes and report as a local run, a worker killed mid-run included."""

from __future__ import annotations

import gzip
import io
import os
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import import_extra

dask = import_extra("dask", "dask")
distributed = import_extra("distributed", "dask")
import dask.bag as db  # noqa: E402

import validator.run.runner as runner  # noqa: E402
from tests.integration.documents import (  # noqa: E402
    GOOD,
    LINES,
    expected_lines,
    key,
    record_key,
    write_lines,
)
from validator.api import validate  # noqa: E402
from validator.dask import run_on_dask, summary, validate_bag, validate_files  # noqa: E402
from validator.problems import SchemaProblem  # noqa: E402
from validator.run.plan import make_plan  # noqa: E402
from validator.run.settings import Options  # noqa: E402
from validator.run.tasks import RANGE_SIZE, plan  # noqa: E402
from validator.run.workers import WorkerError, run_tasks  # noqa: E402


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    # no queuing on the scheduler: tasks go to a worker at once (the killed-worker test needs
    # groups waiting on a busy worker)
    with (
        dask.config.set(
            {
                "distributed.scheduler.worker-saturation": "inf",
                "distributed.scheduler.work-stealing": False,
            }
        ),
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            protocol="tcp",
            dashboard_address=":0",
        ) as found,
    ):
        yield found


@pytest.fixture(scope="module")
def client(cluster: Any) -> Iterator[Any]:
    with distributed.Client(cluster, set_as_default=False) as found:
        found.wait_for_workers(2)
        yield found


def records(client: Any, df: Any) -> list[tuple[Any, ...]]:
    frame = client.compute(df, sync=True)
    return [record_key(r) for r in frame.to_dict("records")]


def test_files_give_the_records_the_cli_gives(client: Any, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "day.jsonl", 60)
    expected = expected_lines(path)
    assert [r[3] for r in expected].count("unreadable") == 15  # the workload is what it says
    warned = [(r[2], [w[0] for w in r[5]]) for r in expected if r[5]]
    assert warned == [(False, ["/timestmap"]), (True, ["/payload/eror"])] * 5  # undeclared
    assert records(client, validate_files(str(path))) == expected
    # cut into ranges of 500 bytes: every line still numbered as in the file
    cut = validate_files(str(path), blocksize=500)
    assert cut.npartitions == -(-path.stat().st_size // 500)
    assert records(client, cut) == expected


def test_gzip_files_are_read_as_streams(client: Any, tmp_path: Path) -> None:
    plain = write_lines(tmp_path / "plain.jsonl", 36)
    packed = tmp_path / "day.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    expected = expected_lines(plain, source=str(packed))
    assert records(client, validate_files(str(packed), blocksize=100)) == expected
    # a glob over both: sorted by name, each line named by its file
    both = records(client, validate_files(str(tmp_path / "*.jsonl*")))
    assert both == expected + expected_lines(plain)


def test_fsspec_urls_name_their_documents_by_url(client: Any, tmp_path: Path) -> None:
    plain = write_lines(tmp_path / "a.jsonl", 24)
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(plain.read_bytes()))
    url = tmp_path.as_uri()
    found = records(client, validate_files(f"{url}/*.jsonl*"))
    assert found == expected_lines(plain, source=f"{url}/a.jsonl") + expected_lines(
        plain, source=f"{url}/b.jsonl.gz"
    )


def test_a_missing_file_is_one_unreadable_record_and_an_empty_glob_an_error(
    client: Any, tmp_path: Path
) -> None:
    missing = str(tmp_path / "gone.jsonl")
    [found] = records(client, validate_files(missing))
    assert found == (
        missing,
        1,
        False,
        "unreadable",
        (("", "", "no such file or directory", "input", None, None),),
        (),
    )
    with pytest.raises(FileNotFoundError, match=r"nothing-\*\.jsonl: no file matches$"):
        validate_files(str(tmp_path / "nothing-*.jsonl"))


def test_bags_of_lines_and_of_documents(client: Any, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "day.jsonl", 24)
    bag = db.read_text(str(path), include_path=True)
    assert records(client, validate_bag(bag)) == expected_lines(path)
    plain = records(client, validate_bag(db.read_text(str(path))))
    assert plain == expected_lines(path, source="<bag>")
    documents = [{"status": "done"}, {"request_id": 1}, [], "text"]
    found = records(client, validate_bag(db.from_sequence([*documents], npartitions=2)))
    assert [r[2:] for r in found] == [key(validate(d))[2:] for d in documents[:3]] + [
        (
            False,
            "unreadable",
            (("", "", 'not valid JSON: expected a JSON value, found "t"', "parse", 2, 1),),
            (),
        )
    ]


def test_a_schema_of_ones_own_and_a_schema_that_cannot_be_used(client: Any, tmp_path: Path) -> None:
    path = tmp_path / "n.jsonl"
    path.write_text('{"n": 1}\n{"n": "1"}\n')
    schema = {"properties": {"n": {"type": "integer"}}}
    found = records(client, validate_files(str(path), schema=schema))
    assert found == [
        (str(path), 1, True, "valid", (), ()),
        (
            str(path),
            2,
            False,
            "invalid",
            (("/n", "/properties/n/type", 'expected integer, got string "1"', "type", 2, 7),),
            (),
        ),
    ]
    with pytest.raises(SchemaProblem, match="NoSuchThing"):
        validate_files(str(path), schema="NoSuchThing")


def test_summary_counts_as_the_cli_does(client: Any, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "day.jsonl", 120)
    counted = summary(validate_files(str(path), blocksize=1000).persist())
    assert (counted.valid, counted.invalid, counted.unreadable) == (30, 40, 30)
    assert counted.schemas == {"AddSessionToCasefileResponse": [30, 40, 30]}
    assert counted.exit_code == 3


# --- the CLI's tasks on the cluster -----------------------------------------------------------


def _run(tmp_path: Path, lines: int, files: int) -> tuple[Options, Any, list[Any]]:
    write_lines(tmp_path / "big.jsonl", lines)
    for i in range(files):
        (tmp_path / f"doc{i:03d}.json").write_text(LINES[i % len(LINES)] or "{}")
    options = Options(inputs=(str(tmp_path),), no_config=True, jobs=2)
    work = make_plan(options, lambda message: None)
    tasks = list(plan(work.entries, work.jsonl, ranges=True))
    return options, work, tasks


def test_outcomes_on_the_cluster_equal_a_local_run(cluster: Any, tmp_path: Path) -> None:
    options, work, tasks = _run(tmp_path, 5000, 150)
    kinds = [type(t).__name__ for t in tasks]
    ranges = -(-(tmp_path / "big.jsonl").stat().st_size // RANGE_SIZE)  # ceiling division
    assert ranges > 2
    assert (kinds.count("Range"), kinds.count("Files")) == (ranges, 3)
    for keep_valid in (False, True):
        local = list(run_tasks(tasks, options, keep_valid, 2, work.engines))
        address = cluster.scheduler_address
        found = list(run_on_dask(tasks, options, keep_valid, address, work.engines))
        assert found == local


def _on_dask(options: Options, address: str) -> tuple[int, str, str]:
    """Run the whole command in-process with ``--dask-scheduler address``."""
    out, err = io.StringIO(), io.StringIO()
    code = runner.run(options._replace(dask_scheduler=address), out, err)
    return code, out.getvalue(), err.getvalue()


def test_the_report_equals_a_local_run(cluster: Any, tmp_path: Path) -> None:
    """The whole command, in-process: each format's report and the exit code are those of a
    local run."""
    options, _, _ = _run(tmp_path, 2000, 40)
    for fmt in ("text", "json", "sarif"):
        local_out = io.StringIO()
        local_code = runner.run(options._replace(format=fmt, jobs=1), local_out, io.StringIO())
        found = _on_dask(options._replace(format=fmt), cluster.scheduler_address)
        assert found == (local_code, local_out.getvalue(), "")
        assert local_code == 3


def test_the_command_line_option_reaches_the_cluster(
    cluster: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``casefile-validate --dask-scheduler ADDRESS`` as typed: the same report as ``--jobs 1``."""
    from validator.command.cli import run_command

    options, _, _ = _run(tmp_path, 2000, 40)
    argv = ["--no-config", "--format", "json", *options.inputs]
    assert run_command(["--jobs", "1", *argv]) == 3
    local = capsys.readouterr()
    assert run_command(["--dask-scheduler", cluster.scheduler_address, *argv]) == 3
    assert capsys.readouterr() == local


def test_the_command_on_an_unreachable_scheduler_is_exit_2_in_one_line(tmp_path: Path) -> None:
    options, _, _ = _run(tmp_path, 10, 1)
    address = f"tcp://127.0.0.1:{_closed_port()}"
    code, _, err = _on_dask(options, address)
    assert code == 2
    assert err.startswith(
        f"casefile-validate: cannot complete the run: cannot reach the Dask scheduler at {address}"
    )
    assert err.count("\n") == 1 and err.endswith("\n")


def test_a_worker_killed_mid_run_is_replaced_and_nothing_is_lost(
    cluster: Any, client: Any, tmp_path: Path
) -> None:
    """One worker sleeps while the run's groups queue on it; it is killed then: Dask runs its
    groups again on the other worker, and the outcomes are all there, in order."""
    (tmp_path / "big.jsonl").write_text((GOOD + "\n") * 30_000 + "{}\n")
    options = Options(inputs=(str(tmp_path / "big.jsonl"),), no_config=True, jobs=2)
    work = make_plan(options, lambda message: None)
    tasks = list(plan(work.entries, work.jsonl, ranges=True))
    expected = list(run_tasks(tasks, options, False, 2, work.engines))
    client.wait_for_workers(2)
    victim, survivor = sorted(client.scheduler_info(n_workers=-1)["workers"])
    # both workers busy from the same moment, so that the scheduler shares the run's groups
    # between them; the survivor wakes first and does the rest
    sleepers = [
        client.submit(time.sleep, 60, workers=[victim], pure=False),
        client.submit(time.sleep, 2, workers=[survivor], pure=False),
    ]
    busy = {victim: {sleepers[0].key}, survivor: {sleepers[1].key}}
    while {w: set(keys) for w, keys in client.processing().items()} != busy:
        time.sleep(0.01)
    found: list[Any] = []
    address = cluster.scheduler_address
    run = threading.Thread(
        target=lambda: found.extend(run_on_dask(tasks, options, False, address, work.engines))
    )
    run.start()
    deadline = time.monotonic() + 60
    while len(client.processing().get(victim, ())) < 2:  # a group queued behind the sleep
        assert time.monotonic() < deadline, "no group was handed to the sleeping worker"
        time.sleep(0.01)
    os.kill(client.run(os.getpid, workers=[victim])[victim], signal.SIGKILL)
    run.join(timeout=60)
    assert not run.is_alive()
    assert found == expected
    assert victim not in client.scheduler_info(n_workers=-1)["workers"]  # a new one replaced it
    for sleeper in sleepers:
        sleeper.release()


def test_a_task_that_fails_is_one_line(cluster: Any, tmp_path: Path) -> None:
    """A task that raises on the worker (here: a check the run does not have) ends the run."""
    options, work, tasks = _run(tmp_path, 10, 1)
    broken = [tasks[0]._replace(check=7)]
    address = cluster.scheduler_address
    with pytest.raises(WorkerError) as caught:
        list(run_on_dask(broken, options, False, address, work.engines))
    assert str(caught.value) == (
        f"a task on the Dask cluster at {address} failed: IndexError: list index out of range"
    )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    options, work, tasks = _run(tmp_path, 10, 1)
    address = f"tcp://127.0.0.1:{_closed_port()}"
    started = time.monotonic()
    with pytest.raises(WorkerError) as caught:
        list(run_on_dask(tasks, options, False, address, work.engines, connect_timeout=1))
    message = str(caught.value)
    assert message.startswith(f"cannot reach the Dask scheduler at {address} (")
    assert "\n" not in message
    assert time.monotonic() - started < 30


def test_a_cluster_without_workers_is_one_line(tmp_path: Path) -> None:
    options, work, tasks = _run(tmp_path, 10, 1)
    with distributed.LocalCluster(
        n_workers=0, processes=True, protocol="tcp", dashboard_address=":0"
    ) as empty:
        address = empty.scheduler_address
        with pytest.raises(WorkerError) as caught:
            list(run_on_dask(tasks, options, False, address, work.engines, worker_timeout=1))
    assert str(caught.value) == f"the Dask cluster at {address} has had no worker for 1 s"
