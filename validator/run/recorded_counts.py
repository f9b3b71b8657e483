"""What a run learns from the results of its checks of recordings, as they arrive: each recorded
response counted for the coverage of its OpenAPI document (per documented response: valid,
invalid, unreadable), named with its document when the run's recordings name several, and
whether any entry was checked at all (a run whose every entry lies outside the base URLs it
was given has checked nothing, and is warned so: :func:`outside_warning`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from validator.problems import DocumentResult, Status, Summary

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["RecordedCounts", "outside_warning"]

_COLUMN = {Status.VALID: 0, Status.INVALID: 1, Status.UNREADABLE: 2}


class RecordedCounts:
    """The recorded responses of a run whose checks judge with ``engines`` the ``entries`` (the
    plan's: a task's check is an index in ``engines``; a judge of recordings has a
    ``router`` and a ``spec``)."""

    def __init__(self, engines: Sequence[Any], entries: Sequence[tuple[Any, int]]) -> None:
        self.specs = [e.spec if getattr(e, "router", None) else None for e in engines]
        self.several = len({self.specs[check] for _, check in entries} - {None}) > 1
        """Whether the documents may name responses alike: those of the run's inputs."""
        self.counts: dict[str, dict[str, list[int]]] = {}
        """Per OpenAPI document, per documented response, ``[valid, invalid, unreadable]``."""
        self.checked = 0
        """The entries of recordings checked (not skipped)."""

    def task(self, check: int, valid: int) -> None:
        """A task of check ``check`` whose ``valid`` documents were only counted."""
        if valid and self.specs[check] is not None:
            self.checked += int(valid)

    def result(self, check: int, result: DocumentResult) -> DocumentResult:
        """A recorded response's ``result`` (of check ``check``) counted, as the run reports
        it: its response named with its document when the run has several."""
        spec = self.specs[check]
        if spec is None:
            return result
        status = result.status
        self.checked += status is not Status.SKIPPED
        column = _COLUMN.get(status)
        if result.schema and column is not None:
            self.counts.setdefault(spec, {}).setdefault(result.schema, [0, 0, 0])[column] += 1
        if self.several and result.schema:  # its name says which document
            return result._replace(schema=f"{result.schema} in {spec}")
        return result


def outside_warning(summary: Summary, counts: RecordedCounts, judges: list[Any]) -> str | None:
    """The warning of a run whose recordings had entries, none checked, some of them outside
    the base URLs looked for (a ``--base-url`` or a document's servers that match none of the
    recorded URLs: the run would pass having checked nothing), naming those URLs; else None."""
    from validator.checking.recordings import OUTSIDE

    outside = summary.entries_skipped.get(OUTSIDE, 0)
    if counts.checked or not outside:
        return None
    urls = dict.fromkeys(server.url for judge in judges for server in judge.router.servers)
    specs = ", ".join(dict.fromkeys(judge.spec for judge in judges))
    entries = "1 entry lies" if outside == 1 else f"{outside} entries lie"
    return (
        f"warning: no recorded response was checked: {entries} outside the base URLs looked "
        f"for ({', '.join(urls)}): check --base-url, a config check's base-url, or the "
        f"servers of {specs}"
    )
