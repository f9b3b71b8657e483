"""The keyword of each problem of a recorded response's own (:data:`RECORDING_KINDS`), by the
kind of miss (:class:`validator.contracts.routes.Miss`) or of body that makes it: a report
names a problem by its keyword (the group's label, the json ``keyword``, the SARIF rule, the
JUnit failure's type), so an undocumented endpoint and an undocumented status code are told
apart without reading the message."""

from __future__ import annotations

__all__ = ["RECORDING_KINDS", "is_recording"]

RECORDING_KINDS = {
    "outside": "outside-servers",  # asked of check_response: under none of the servers
    "endpoint": "undocumented-endpoint",  # no operation for the method and path
    "status": "undocumented-status",
    "media-type": "undocumented-media-type",
    "not-json": "body-not-json",  # not JSON where JSON is documented
    "empty": "empty-body",  # empty where a schema is documented
    "body": "unexpected-body",  # a body where the response documents none
}
"""The keyword of each problem of a recorded response, by the kind of miss
(:class:`validator.contracts.routes.Miss`) or of body that makes it."""

_RECORDING_KEYWORDS = frozenset(RECORDING_KINDS.values())


def is_recording(keyword: str) -> bool:
    """Whether a problem's keyword is one of a recorded response's own (no pointer leads it)."""
    return keyword in _RECORDING_KEYWORDS
