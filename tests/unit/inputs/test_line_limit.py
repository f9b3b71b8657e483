"""A JSON Lines line longer than the document limit is an item of its own, at its line, and the
lines around it are read as ever, whatever the block size and wherever the blocks cut."""

from __future__ import annotations

import io
import random

import pytest

from validator.inputs import sources
from validator.inputs.sources import Batch, Item, _batches


def _model(data: bytes, limit: int) -> list[tuple[int, bytes | None]]:
    """(line, text) of each line as one reader sees it; text None for a line past the limit."""
    if not data:
        return []  # an empty input holds no line
    lines = data.split(b"\n")
    if data.endswith(b"\n"):
        lines.pop()  # the last line ends with its LF: no empty line after it
    return [(n, None if len(t) > limit else t) for n, t in enumerate(lines, 1)]


def _read(data: bytes, limit: int) -> list[tuple[int, bytes | None]]:
    found: list[tuple[int, bytes | None]] = []
    for part in _batches("s", io.BufferedReader(io.BytesIO(data)), limit):  # type: ignore[arg-type]
        if isinstance(part, Batch):
            found += [
                (part.first_line + i, t.removesuffix(b"\n")) for i, t in enumerate(part.lines)
            ]
        else:
            assert isinstance(part, Item) and part.raw is None
            assert (
                part.problem == f"not read (--max-document-bytes): line longer than {limit} bytes"
            )
            found.append((part.line, None))
    return found


@pytest.mark.parametrize("seed", range(3))
def test_lines_past_the_limit_wherever_the_blocks_cut(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    pieces = [b"", b"a", b"bb", b"{}", b"x" * 7, b"y" * 30]
    for _ in range(300):
        lines = [rng.choice(pieces) for _ in range(rng.randint(1, 9))]
        data = b"\n".join(lines) + rng.choice([b"", b"\n"])
        monkeypatch.setattr(sources, "BLOCK_SIZE", rng.randint(1, 12))
        limit = rng.randint(0, 10)
        assert _read(data, limit) == _model(data, limit), (data, limit)


def test_a_long_line_is_never_gathered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "BLOCK_SIZE", 4)
    gathered: list[int] = []
    real = bytearray.__iadd__

    class Watched(bytearray):
        def __iadd__(self, other: bytes) -> Watched:  # type: ignore[override]
            gathered.append(len(self) + len(other))
            return real(self, other)  # type: ignore[return-value]

    monkeypatch.setattr(sources, "bytearray", Watched, raising=False)
    data = b"ok\n" + b"z" * 10_000 + b"\nok\n"
    assert _read(data, 16) == [(1, b"ok"), (2, None), (3, b"ok")]
    assert max(gathered) <= 16 + 4  # the limit and one block, never the whole line
