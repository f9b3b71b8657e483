"""What every reporter is: the :class:`Reporter` protocol and the :class:`ReportOptions` it is
made with (see :mod:`validator.report`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from validator.problems import DocumentResult, Summary

__all__ = ["ReportOptions", "Reporter"]

_FIELDS = "color quiet verbose schemas redact summary_limit step_summary link_base html_details"


class ReportOptions:
    """How to render: ``color`` only for terminals; ``quiet`` keeps just the summary (the junit
    and sarif reports, files for machines, stay whole); ``verbose`` lists every document (text);
    ``schemas`` names the schemas of the run (several: the text report names each document's);
    ``redact``: the messages hold no instance value (the check stage words them so), and no
    report may show one from elsewhere (the html excerpts); ``summary_limit``: the most bytes of
    the markdown report; ``step_summary``: the file the github report appends the markdown
    summary to (``$GITHUB_STEP_SUMMARY`` inside GitHub Actions), if any; ``link_base``: the URL
    that relative source paths are links under in the markdown report, if any; ``html_details``:
    how many failed documents the html report lists in detail.  (A plain class: a named tuple
    costs more to define at every start-up.)"""

    __slots__ = tuple(_FIELDS.split())

    def __init__(
        self,
        color: bool = False,
        quiet: bool = False,
        verbose: bool = False,
        schemas: tuple[str, ...] = (),
        redact: bool = False,
        summary_limit: int = 1 << 20,
        step_summary: str | None = None,
        link_base: str | None = None,
        html_details: int = 1000,
    ) -> None:
        self.color = color
        self.quiet = quiet
        self.verbose = verbose
        self.schemas = schemas
        self.redact = redact
        self.summary_limit = summary_limit
        self.step_summary = step_summary
        self.link_base = link_base
        self.html_details = html_details

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"ReportOptions({fields})"


class Reporter(Protocol):
    """``wants_valid``: whether the reporter needs a result for each valid document; when no
    reporter of a run does, valid documents are only counted (much cheaper on large inputs)."""

    @property
    def wants_valid(self) -> bool: ...

    def document(self, result: DocumentResult) -> None: ...

    def finish(self, summary: Summary) -> None: ...
