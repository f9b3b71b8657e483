"""Records gathered as columns, fast: the rows of the valid documents without warnings (most of
them) are written a block at a time, and only the other documents become results
(:class:`~validator.problems.DocumentResult`) converted one by one.  The same rows, in the same
order, as :func:`validator.scale.records.columns` of :func:`~validator.scale.records.check_texts`
or :func:`~validator.scale.records.check_lines` (the tests compare them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from validator.checking.engine import Engine
from validator.checking.property_warnings import for_engine
from validator.inputs.sources import Batch
from validator.problems import DocumentResult, Status
from validator.scale.records import (
    RECORD_FIELDS,
    Columns,
    Settings,
    _errors,
    _moved,
    check_block,
    check_lines,
    check_texts,
    columns,
    sort_texts,
)

__all__ = ["Rows"]

_NONE: list[Any] = []
"""The errors (and warnings) of a valid document without warnings: one list for all such rows
(columns go to Arrow as they are; nothing changes them)."""
_BLANK = b" \t\r\n"


class Rows:
    """Records gathered as :data:`Columns`, in order (:attr:`columns`).  A valid document without
    warnings (most of them) never becomes a :class:`~validator.problems.DocumentResult`: its row
    is written with the others of its block, at C speed; only the other documents' results are
    converted one by one."""

    def __init__(self) -> None:
        self.columns: Columns = {name: [] for name in RECORD_FIELDS}

    def __len__(self) -> int:
        return len(self.columns["line"])

    def add(self, results: Iterable[DocumentResult]) -> None:
        """Rows of results (as :func:`columns` writes them)."""
        for name, values in columns(results).items():
            self.columns[name].extend(values)

    def add_block(
        self, source: str, schema: str, lines: list[int], others: dict[int, DocumentResult]
    ) -> None:
        """Rows of ``len(lines)`` documents of ``source`` (row ``k`` at line ``lines[k]``), all
        valid without warnings but those of ``others`` (row -> its result)."""
        count = len(lines)
        valid, status = [True] * count, ["valid"] * count
        errors, warnings = [_NONE] * count, [_NONE] * count
        for k, r in others.items():
            valid[k], status[k] = r.status is Status.VALID, r.status.value
            errors[k] = _errors(r.problems) if r.problems else []
            warnings[k] = _errors(r.warnings) if r.warnings else []
        out = self.columns
        out["source"] += [source] * count
        out["line"] += lines
        out["valid"] += valid
        out["status"] += status
        out["schema"] += [schema] * count
        out["errors"] += errors
        out["warnings"] += warnings

    def add_lines(self, engine: Engine, batch: Batch, settings: Settings) -> None:
        """:func:`check_lines` of a batch, as rows."""
        from validator.checking.json_lines import check_batch

        _, _, redact, max_errors = settings
        lines = batch.lines
        batch = batch._replace(split=lines)  # split once
        valid, found = check_batch(
            engine, batch, redact=redact, max_errors=max_errors, warnings=for_engine(engine)
        )
        rows: Sequence[int] = range(len(lines))
        if valid + len(found) != len(lines):  # blank lines are no documents
            rows = [k for k, line in enumerate(lines) if line.strip(_BLANK)]
            if valid + len(found) != len(rows):  # pragma: no cover - the one-by-one way
                self.add(check_lines(engine, batch, settings))
                return
        first, name = batch.first_line, engine.schema.name
        at = {k: n for n, k in enumerate(rows)} if isinstance(rows, list) else None
        others = {
            (r.line - first if at is None else at[r.line - first]): r._replace(schema=name)
            for r in found
        }
        self.add_block(batch.source, name, [first + k for k in rows], others)

    def add_texts(
        self,
        engine: Engine,
        texts: Sequence[bytes | str | None],
        numbers: Sequence[int],
        source: str,
        settings: Settings,
        *,
        bodies: bool = False,
    ) -> None:
        """:func:`check_texts` of ``texts``, as rows (none for a blank line of JSON Lines)."""
        if self._at_once(engine, texts, numbers, source, settings):
            return
        name = engine.schema.name
        rows, alone, simple, block = sort_texts(engine, texts, numbers, source, settings, bodies)
        at = {i: k for k, i in enumerate(rows)}  # a text's index -> its row
        others = {at[i]: result for i, result in alone.items()}
        if simple:
            valid, found = check_block(engine, source, block, settings, keep_valid=False)
            if valid + len(found) != len(simple):  # pragma: no cover - the one-by-one way
                again = check_texts(engine, texts, numbers, source, settings, bodies=bodies)
                self.add(r for r in again if r is not None)
                return
            for result in found:
                i = simple[result.line - 1]
                others[at[i]] = _moved(result, numbers[i], name)
        self.add_block(source, name, [numbers[i] for i in rows], others)

    def _at_once(
        self,
        engine: Engine,
        texts: Sequence[bytes | str | None],
        numbers: Sequence[int],
        source: str,
        settings: Settings,
    ) -> bool:
        """:meth:`add_texts` where every text is a ``str`` (or every one ``bytes``) of one line
        (its line end aside), none blank (the usual column or bag): joined into one block at C
        speed, without a look at each text.  False (nothing added) where that is not so."""
        if not texts:
            return False
        try:
            if type(texts[0]) is bytes:  # a binary column
                ends: Any = b"\n"
                block = ends.join([t[:-1] if t[-1:] == ends else t for t in texts])  # type: ignore[index]
            else:
                ends = "\n"
                lines = [t[:-1] if t[-1:] == ends else t for t in texts]  # type: ignore[index]
                block = ends.join(lines).encode("utf-8", "surrogatepass")
        except TypeError:  # a None, or str and bytes mixed
            return False
        if block.count(b"\n") != len(texts) - 1:  # a text of several lines
            return False
        from validator.checking.json_lines import check_batch

        _, _, redact, max_errors = settings
        valid, found = check_batch(
            engine,
            Batch(source, 1, block),
            redact=redact,
            max_errors=max_errors,
            warnings=for_engine(engine),
        )
        if valid + len(found) != len(texts):  # a blank line: the one-by-one way
            return False
        name = engine.schema.name
        others = {r.line - 1: _moved(r, numbers[r.line - 1], name) for r in found}
        self.add_block(source, name, list(numbers), others)
        return True
