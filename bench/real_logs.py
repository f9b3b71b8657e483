"""The workloads of goal 9, logs as they really are: the valid documents of the other goals, each
with nested free-form ``metadata`` (the schema says only "an object"), and a given share of them
carrying one property the schema does not declare (at the top or in ``payload``), written as
JSON Lines compact and with ``json.dumps``' default spacing (``", "`` and ``": "``), and as
pretty-printed files.  Seeded and cached like :mod:`bench.workloads`; every document is valid."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

from bench.common import log
from bench.workloads import REGIONS, _fresh, _stamp, valid_doc

SHARES = (0, 10, 50)
"""Percent of the documents with an undeclared property."""

CLIENTS = ("web", "ios", "android", "cli")
EXTRA = (("trace_id", None), ("request_source", None), ("channel", "payload"), ("locale", None))
"""Undeclared properties (name, and the object that gets it: None for the top)."""


def _metadata(rng: random.Random) -> dict[str, Any]:
    """Free-form metadata, nested as real services write it."""
    return {
        "region": rng.choice(REGIONS),
        "retries": rng.randrange(4),
        "client": {
            "name": rng.choice(CLIENTS),
            "version": f"{rng.randrange(1, 9)}.{rng.randrange(30)}.{rng.randrange(10)}",
            "features": rng.sample(["beta", "dark", "sync", "push"], rng.randrange(3)),
        },
        "trace": {"span": f"{rng.getrandbits(64):016x}", "sampled": rng.random() < 0.1},
    }


def real_doc(rng: random.Random, undeclared: bool) -> dict[str, Any]:
    doc: dict[str, Any] = valid_doc(rng)
    doc["metadata"] = _metadata(rng)
    if undeclared:
        name, where = rng.choice(EXTRA)
        target = doc if where is None else doc[where]
        target[name] = f"{rng.getrandbits(48):012x}" if name == "trace_id" else rng.choice(CLIENTS)
    return doc


def _docs(count: int, share: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    marked = set(rng.sample(range(count), round(count * share / 100)))
    return [real_doc(rng, i in marked) for i in range(count)]


def _spaced(doc: Any) -> str:
    return json.dumps(doc)  # json.dumps' defaults: ", " and ": "


def _compact(doc: Any) -> str:
    return json.dumps(doc, separators=(",", ":"))


def make_lines(path: Path, docs: int, share: int, spaced: bool, seed: int) -> Path:
    params = {"kind": "real-jsonl", "docs": docs, "share": share, "spaced": spaced, "seed": seed}
    if _fresh(path, params):
        return path
    log(f"generating {docs:,} documents in {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    write = _spaced if spaced else _compact
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        for doc in _docs(docs, share, seed):
            out.write(write(doc) + "\n")
    _stamp(path, params)
    return path


def make_files(directory: Path, count: int, share: int, seed: int) -> Path:
    params = {"kind": "real-files", "count": count, "share": share, "seed": seed}
    if _fresh(directory, params):
        return directory
    log(f"generating {count:,} files in {directory}")
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    width = max(5, len(str(count - 1)))
    for i, doc in enumerate(_docs(count, share, seed)):
        (directory / f"doc-{i:0{width}d}.json").write_text(json.dumps(doc, indent=2) + "\n")
    _stamp(directory, params)
    return directory


def closed_copy(schema: Path, path: Path) -> Path:
    """A copy of the schema with ``additionalProperties: false`` wherever properties are declared
    and nothing governs the others: its verdict is "valid and no undeclared property"."""

    def close(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("properties"), dict) and "additionalProperties" not in value:
                value["additionalProperties"] = False
            for sub in value.values():
                close(sub)
        elif isinstance(value, list):
            for sub in value:
                close(sub)

    contents = json.loads(schema.read_text())
    close(contents)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(contents, indent=2) + "\n")
    return path


def make_real_logs(data: Path, docs: int, files: int, seed: int) -> dict[tuple[str, int], Path]:
    """(shape, share) -> the workload: shapes ``compact`` and ``spaced`` (JSON Lines of ``docs``
    documents) and ``files`` (a folder of ``files`` pretty-printed documents)."""
    made: dict[tuple[str, int], Path] = {}
    for share in SHARES:
        base = seed + 100 + share
        made["compact", share] = make_lines(
            data / f"real-compact-{share}.jsonl", docs, share, False, base
        )
        made["spaced", share] = make_lines(
            data / f"real-spaced-{share}.jsonl", docs, share, True, base
        )
        made["files", share] = make_files(data / f"real-files-{share}", files, share, base + 1)
    return made
