"""Issue 22, section 2: the Python API and the Dask/Spark paths share one cache.  Entry points of
one OpenAPI document (``FILE#/components/schemas/...``), named by several calls with several
partitions each, are read once by the caller and held once per worker process: on a real
distributed.LocalCluster (two worker processes over TCP) and Spark's local[2], every engine a
worker compiled for them refers to one copy of the document (one memo: indexed and walked once),
the one its token names (validator/contracts/documents.py)."""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import import_extra
from tests.integration.test_dask import client, cluster  # noqa: F401 - the LocalCluster fixtures
from tests.integration.test_spark import spark  # noqa: F401 - the local[2] fixture
from tests.unit.contracts.test_documents import _counting, _generator

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("Customer", "Subscription", "Res0002")


def _worker_state(spec: str) -> tuple[list[str], list[int], list[int], list[str]]:
    """In a worker process, for the engines it compiled for entry points of the file ``spec``:
    their names, the ids of their resources, of those resources' memos, and what judges them
    natively (``Wrapped``: the one validator compiled for every component)."""
    from validator.contracts.documents import memo_of
    from validator.scale.records import _ENGINES

    engines = [e for e in _ENGINES.values() if spec in str(e.schema.contents.get("$ref"))]
    return (
        sorted(e.schema.name for e in engines),
        [id(e.schema.resources) for e in engines],
        [id(memo_of(e.schema.resources)) for e in engines],
        [type(e._fast).__name__ for e in engines],
    )


def test_a_document_travels_as_one_copy_wherever_it_is_unpickled(tmp_path: Path) -> None:
    """In one process: two entry points pickled apart come back sharing one document (and its
    memo), the one already held; a changed file is another document."""
    from validator.contracts.catalog import load_schema
    from validator.contracts.documents import Documents, Shared

    spec, _ = _generator().write_repository(tmp_path, 6, 1, 5, "3.0", False)
    documents = Documents()
    first, second = (
        load_schema(f"{spec}#/components/schemas/{name}", documents=documents) for name in NAMES[:2]
    )
    assert first.resources is second.resources and isinstance(first.resources, Shared)
    one, other = (pickle.loads(pickle.dumps(s)) for s in (first, second))
    assert one.resources is other.resources  # not first.resources: the process holds its arrival
    assert isinstance(one.resources, Shared) and one.resources == first.resources
    one.resources.memo["seen"] = 1
    assert pickle.loads(pickle.dumps(second)).resources.memo == {"seen": 1}
    contents = json.loads(spec.read_text())
    contents["components"]["schemas"]["Res0005"] = {"type": "integer"}
    spec.write_text(json.dumps(contents))
    changed = load_schema(f"{spec}#/components/schemas/Res0005", documents=documents)
    assert changed.resources.token != first.resources.token  # type: ignore[attr-defined]


def test_a_workers_recordings_judge_reads_the_document_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The judge a worker makes for HAR files (validator/scale/recordings.py) reads its OpenAPI
    document once, not again for each documented response it compiles."""
    from validator.scale.recordings import judge_for, judge_key

    spec = tmp_path / "openapi.json"
    spec.write_bytes((ROOT / "docs/demo/contracts/openapi.json").read_bytes())
    reads = _counting(monkeypatch)
    monkeypatch.chdir(tmp_path)
    judge = judge_for(judge_key("openapi.json"))
    responses = [r for r in judge.router.documented() if r.pointer is not None]
    names = sorted(judge.engine(r).schema.name for r in responses)
    assert names == [
        "createCasefile 201 application/json",
        "createCasefile 4XX application/problem+json",
    ]
    assert reads == [str(spec)]


def _documents(docs: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return {name: docs[name] * 4 for name in NAMES}  # enough for four partitions each


def test_dask_workers_hold_one_document_for_many_entry_points(
    client: Any,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import_extra("dask", "dask")
    import dask.bag as db

    from validator.api import is_valid
    from validator.dask import validate_bag

    spec, docs = _generator().write_repository(tmp_path, 80, 5, 11, "3.0", False)
    reads = _counting(monkeypatch)
    frames = [
        validate_bag(db.from_sequence(documents, npartitions=4), f"{spec}#/components/schemas/{n}")
        for n, documents in _documents(docs).items()
    ]
    assert reads == [str(spec)]  # three calls, one read here
    found = client.compute(frames, sync=True)
    expected = [
        [is_valid(d, f"{spec}#/components/schemas/{name}") for d in documents]
        for name, documents in _documents(docs).items()
    ]
    assert [frame["valid"].tolist() for frame in found] == expected
    assert 0 < sum(map(sum, expected)) < sum(map(len, expected))
    states = client.run(_worker_state, spec.as_uri()).values()
    assert set(NAMES) == {name for state in states for name in state[0]}
    for names, ids, memos, natives in states:
        assert len(names) == len(set(names))  # each entry point compiled once per worker
        assert len(set(ids)) <= 1 and len(set(memos)) <= 1  # one copy of the document, one memo
        assert set(natives) <= {"Wrapped"}  # one native validator for all its components
    assert any(len(state[0]) >= 2 for state in states)  # shared by entry points there


@pytest.mark.filterwarnings(
    # pyspark's own notice about the pandas it finds (pandas is not used here)
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)
def test_spark_workers_hold_one_document_for_many_entry_points(
    spark: Any,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    import json as json_module

    from validator.api import is_valid
    from validator.spark import validate_column

    spec, docs = _generator().write_repository(tmp_path, 80, 5, 11, "3.0", False)
    uri = spec.as_uri()
    for name, documents in _documents(docs).items():  # one job per entry point
        bodies = [(json_module.dumps(d),) for d in documents]
        df = spark.createDataFrame(bodies, "body string").repartition(2)
        entry = f"{spec}#/components/schemas/{name}"
        rows = validate_column(df, "body", entry).collect()
        assert sorted((r.body, r.validation.valid) for r in rows) == sorted(
            (body, is_valid(json_module.loads(body), entry)) for (body,) in bodies
        )

    def state(batches: Iterable[Any]) -> Iterator[Any]:
        import pyarrow as pa

        from validator.contracts.documents import memo_of
        from validator.scale.records import _ENGINES

        for _ in batches:
            pass
        engines = [e for e in _ENGINES.values() if uri in str(e.schema.contents.get("$ref"))]
        found = [
            os.getpid(),
            sorted(e.schema.name for e in engines),
            [id(e.schema.resources) for e in engines],
            [id(memo_of(e.schema.resources)) for e in engines],
            [type(e._fast).__name__ for e in engines],
        ]
        yield pa.RecordBatch.from_arrays([pa.array([json_module.dumps(found)])], names=["state"])

    ids = spark.createDataFrame([(n,) for n in range(8)], "n int").repartition(8)
    probes = [json_module.loads(r.state) for r in ids.mapInArrow(state, "state string").collect()]
    states = {pid: rest for pid, *rest in probes}
    seen = {name for names, *_ in states.values() for name in names}
    assert seen <= set(NAMES) and seen
    for names, ids, memos, natives in states.values():
        assert len(names) == len(set(names))  # each entry point compiled once per worker
        assert len(set(ids)) <= 1 and len(set(memos)) <= 1  # one copy of the document, one memo
        assert set(natives) <= {"Wrapped"}  # one native validator for all its components
    assert any(len(names) >= 2 for names, *_ in states.values())
