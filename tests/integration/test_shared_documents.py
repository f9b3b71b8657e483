"""Issue 22, section 2: the Python API and the Dask/Spark paths share one cache.  Entry points of
one OpenAPI document (``FILE#/components/schemas/...``), named by several calls with several
partitions each, are read once by the caller and held once per worker process: on a real
distributed.LocalCluster (two worker processes over TCP) and Spark's local[2], every engine a
worker compiled for them refers to one copy of the document (one memo: indexed and walked once),
the one its token names (validator/contracts/documents.py)."""

from __future__ import annotations

import importlib
import json
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import import_extra

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("Customer", "Subscription", "Res0002")


def _generator() -> ModuleType:
    """bench/openapi_spec.py, imported as bench imports it (the package ``bench`` in ROOT)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("bench.openapi_spec")


def _worker_state(spec: str) -> tuple[list[str], list[int], list[int]]:
    """In a worker process, for the engines it compiled for entry points of the file ``spec``:
    their names, the ids of their resources, and of those resources' memos."""
    from validator.contracts.documents import memo_of
    from validator.scale.records import _ENGINES

    engines = [e for e in _ENGINES.values() if spec in str(e.schema.contents.get("$ref"))]
    return (
        sorted(e.schema.name for e in engines),
        [id(e.schema.resources) for e in engines],
        [id(memo_of(e.schema.resources)) for e in engines],
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


def _documents(docs: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return {name: docs[name] * 4 for name in NAMES}  # enough for four partitions each


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    distributed = import_extra("distributed", "dask")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            protocol="tcp",
            dashboard_address=":0",
        ) as cluster,
        distributed.Client(cluster, set_as_default=False) as found,
    ):
        found.wait_for_workers(2)
        yield found


def test_dask_workers_hold_one_document_for_many_entry_points(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_extra("dask", "dask")
    import dask.bag as db

    from validator.contracts import schema_files
    from validator.dask import validate_bag

    spec, docs = _generator().write_repository(tmp_path, 8, 2, 11, "3.0", False)
    reads: list[str] = []
    real = schema_files.read_schema_file

    def counted(path: Any) -> bytes:
        reads.append(str(path))
        return real(path)

    monkeypatch.setattr(schema_files, "read_schema_file", counted)
    frames = [
        validate_bag(db.from_sequence(documents, npartitions=4), f"{spec}#/components/schemas/{n}")
        for n, documents in _documents(docs).items()
    ]
    assert reads == [str(spec)]  # three calls, one read here
    found = client.compute(frames, sync=True)
    assert [len(frame) for frame in found] == [8] * 3
    states = client.run(_worker_state, spec.as_uri()).values()
    assert set(NAMES) == {name for state in states for name in state[0]}
    for names, ids, memos in states:
        assert len(names) == len(set(names))  # each entry point compiled once per worker
        assert len(set(ids)) <= 1 and len(set(memos)) <= 1  # one copy of the document, one memo
    assert any(len(state[0]) >= 2 for state in states)  # shared by entry points there
