"""The workloads: documents generated from a seed (byte for byte the same for the same seed), and
cached on disk with a ``.stamp`` beside each that records the parameters it was made with."""

from __future__ import annotations

import json
import random
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.common import MB, ROOT, log

GENERATOR_VERSION = 1
"""Bump when the documents the generator writes change, so cached workloads are rebuilt."""


@dataclass(frozen=True)
class Sizes:
    files: int = 10_000
    jsonl_docs: int = 100_000
    invalid_fraction: float = 0.30
    mem_small_mb: float = 100.0
    mem_large_mb: float = 1000.0
    mem_invalid_fraction: float = 0.01


QUICK = Sizes(files=40, jsonl_docs=400, mem_small_mb=0.05, mem_large_mb=0.5)

STATUSES = ("pending", "processing", "completed", "failed")
SESSION_TYPES = ("interview", "call", "review", "chat", "site-visit")
ERRORS = ("upstream timeout", "casefile is locked", "session already linked", "quota exceeded")
REGIONS = ("eu-west-1", "us-east-1", "ap-south-1")


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def valid_doc(rng: random.Random) -> dict[str, object]:
    """A small valid AddSessionToCasefileResponse document."""
    status = rng.choice(STATUSES)
    doc: dict[str, object] = {
        "request_id": _uuid(rng),
        "status": status,
        "payload": {
            "casefile_id": f"cf-{rng.randrange(2020, 2030)}-{rng.randrange(10_000):04d}",
            "session_id": f"sess-{rng.randrange(1_000_000)}",
            "session_type": rng.choice(SESSION_TYPES),
            "total_sessions": rng.randrange(1, 500),
        },
    }
    if rng.random() < 0.8:
        doc["timestamp"] = (
            f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            f"T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z"
        )
    if status == "failed":
        doc["error"] = rng.choice(ERRORS)
    elif rng.random() < 0.5:
        doc["error"] = None
    if rng.random() < 0.5:
        doc["metadata"] = {"region": rng.choice(REGIONS), "retries": rng.randrange(4)}
    return doc


def _wrong_enum(rng: random.Random, doc: dict[str, object]) -> None:
    doc["status"] = rng.choice(("COMPLETED", "done", "Pending", "cancelled", ""))


def _bad_uuid(rng: random.Random, doc: dict[str, object]) -> None:
    good = str(doc["request_id"])
    doc["request_id"] = rng.choice(
        (good[:-1], good[:9] + "zz" + good[11:], "not-a-uuid", good + "0", "")
    )


def _wrong_types(rng: random.Random, doc: dict[str, object]) -> None:
    payload = doc["payload"]
    assert isinstance(payload, dict)
    choice = rng.randrange(5)
    if choice == 0:
        payload["casefile_id"] = rng.randrange(1000)
    elif choice == 1:
        payload["total_sessions"] = str(payload["total_sessions"])
    elif choice == 2:
        payload["total_sessions"] = payload["total_sessions"] + 0.5
    elif choice == 3:
        doc["error"] = rng.randrange(1, 600)
    else:
        doc["metadata"] = ["region", rng.choice(REGIONS)]


def _missing_required(rng: random.Random, doc: dict[str, object]) -> None:
    if rng.random() < 0.6:
        del doc[rng.choice(("request_id", "status", "payload"))]
    else:
        payload = doc["payload"]
        assert isinstance(payload, dict)
        del payload[rng.choice(("casefile_id", "session_id", "session_type", "total_sessions"))]


# "missing required" goes last: it may delete a field an earlier mutation broke, and the
# document is still invalid because of the deletion.
MUTATIONS = (_wrong_enum, _bad_uuid, _wrong_types, _missing_required)


def invalid_doc(rng: random.Random) -> dict[str, object]:
    """A valid document broken in one to three ways (so "every error" means more than one)."""
    doc = valid_doc(rng)
    picked = sorted(rng.sample(range(len(MUTATIONS)), rng.randint(1, 3)))
    for index in picked:
        MUTATIONS[index](rng, doc)
    return doc


def _compact(doc: object) -> str:
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)


def _fresh(path: Path, params: dict[str, object]) -> bool:
    """Whether ``path`` was generated with exactly these parameters (a stamp file says so)."""
    stamp = path.with_name(path.name + ".stamp")
    wanted = json.dumps({"generator": GENERATOR_VERSION, **params}, sort_keys=True)
    return path.exists() and stamp.exists() and stamp.read_text() == wanted


def _stamp(path: Path, params: dict[str, object]) -> None:
    stamp = path.with_name(path.name + ".stamp")
    stamp.write_text(json.dumps({"generator": GENERATOR_VERSION, **params}, sort_keys=True))


def make_one(path: Path, seed: int) -> Path:
    params = {"kind": "one", "seed": seed}
    if not _fresh(path, params):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(valid_doc(random.Random(seed)), indent=2) + "\n")
        _stamp(path, params)
    return path


def make_files(directory: Path, count: int, invalid_fraction: float, seed: int) -> Path:
    """``count`` pretty-printed documents, exactly ``round(count * fraction)`` of them invalid."""
    params = {"kind": "files", "count": count, "invalid": invalid_fraction, "seed": seed}
    if _fresh(directory, params):
        return directory
    log(f"generating {count:,} files in {directory}")
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    rng = random.Random(seed)
    invalid = set(rng.sample(range(count), round(count * invalid_fraction)))
    width = max(5, len(str(count - 1)))
    for i in range(count):
        doc = invalid_doc(rng) if i in invalid else valid_doc(rng)
        (directory / f"doc-{i:0{width}d}.json").write_text(json.dumps(doc, indent=2) + "\n")
    _stamp(directory, params)
    return directory


def _jsonl_lines(rng: random.Random, invalid_fraction: float) -> Iterator[tuple[bool, str]]:
    while True:
        bad = rng.random() < invalid_fraction
        yield bad, _compact(invalid_doc(rng) if bad else valid_doc(rng)) + "\n"


def counts_of(path: Path) -> tuple[int, int]:
    """(valid, invalid) documents of a file that :func:`make_jsonl_bytes` wrote."""
    counts = json.loads(path.with_name(path.name + ".counts").read_text())
    return counts["valid"], counts["invalid"]


def make_jsonl(path: Path, *, docs: int, invalid_fraction: float, seed: int) -> Path:
    """A JSON Lines file of exactly ``docs`` documents (streamed to disk)."""
    params = {"kind": "jsonl", "docs": docs, "invalid": invalid_fraction, "seed": seed}
    if _fresh(path, params):
        return path
    log(f"generating {docs:,} documents in {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    invalid = set(rng.sample(range(docs), round(docs * invalid_fraction)))
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        for i in range(docs):
            out.write(_compact(invalid_doc(rng) if i in invalid else valid_doc(rng)) + "\n")
    _stamp(path, params)
    return path


def make_jsonl_bytes(path: Path, *, megabytes: float, invalid_fraction: float, seed: int) -> Path:
    """A JSON Lines file of about ``megabytes`` MiB (streamed: memory stays flat)."""
    params = {"kind": "jsonl-bytes", "mb": megabytes, "invalid": invalid_fraction, "seed": seed}
    if _fresh(path, params) and path.with_name(path.name + ".counts").exists():
        return path
    target = int(megabytes * MB)
    free = shutil.disk_usage(path.parent if path.parent.exists() else ROOT).free
    if free < target * 2:
        raise OSError(
            f"not enough disk for {path.name}: {free // MB} MiB free, need {target // MB}"
        )
    log(f"generating ~{megabytes:g} MiB of JSON Lines in {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written = 0
    counts = {"valid": 0, "invalid": 0}
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        for bad, line in _jsonl_lines(rng, invalid_fraction):
            out.write(line)
            counts["invalid" if bad else "valid"] += 1
            written += len(line)  # ASCII only, so characters == bytes
            if written >= target:
                break
    path.with_name(path.name + ".counts").write_text(json.dumps(counts))
    _stamp(path, params)
    return path


@dataclass
class Workloads:
    one: Path
    files: Path
    jsonl_valid: Path
    jsonl_mixed: Path
    mem_small: Path | None = None
    mem_large: Path | None = None


def make_workloads(data: Path, sizes: Sizes, seed: int, memory: bool) -> tuple[Workloads, str]:
    """Every goal's data set under ``data`` (cached), and a note saying why the memory files
    are not all there (the large one is made only with ``memory``), or "" when they are."""
    loads = Workloads(
        one=make_one(data / "one" / "valid.json", seed),
        files=make_files(data / "files", sizes.files, sizes.invalid_fraction, seed + 1),
        jsonl_valid=make_jsonl(
            data / "valid.jsonl", docs=sizes.jsonl_docs, invalid_fraction=0.0, seed=seed + 2
        ),
        jsonl_mixed=make_jsonl(
            data / "mixed.jsonl",
            docs=sizes.jsonl_docs,
            invalid_fraction=sizes.invalid_fraction,
            seed=seed + 3,
        ),
    )
    note = ""
    try:
        loads.mem_small = make_jsonl_bytes(
            data / "mem-small.jsonl",
            megabytes=sizes.mem_small_mb,
            invalid_fraction=sizes.mem_invalid_fraction,
            seed=seed + 4,
        )
        if memory:
            loads.mem_large = make_jsonl_bytes(
                data / "mem-large.jsonl",
                megabytes=sizes.mem_large_mb,
                invalid_fraction=sizes.mem_invalid_fraction,
                seed=seed + 5,
            )
        else:
            note = "the large file is measured only with --memory"
    except OSError as exc:
        note = str(exc)
        log(note)
    return loads, note
