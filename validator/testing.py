"""Helpers for a test suite: :func:`assert_response` checks a response object that a test
already has (from ``requests``, ``httpx``, or Starlette's and FastAPI's ``TestClient``) against
its OpenAPI document, with the command line's messages.  The objects are duck-typed: none of
those libraries is imported here, nor needed."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from validator.api import Report, check_response

__all__ = ["assert_response", "response_parts"]


def response_parts(response: Any) -> tuple[str, str, int, bytes | str, Any]:
    """``(method, url, status, body, headers)`` of a response object: its ``request.method``,
    its ``request.url`` (else its ``url``), ``status_code``, ``content`` (else ``text``) and
    ``headers``; ``TypeError`` naming what it lacks, ``ValueError`` for a streamed response
    whose body was not read yet."""
    request = _attribute(response, "request")
    method = _attribute(request, "method")
    url = _attribute(request, "url") or _attribute(response, "url")
    status = getattr(response, "status_code", None)
    body = _body(response)
    if body is None:
        body = getattr(response, "text", None)
    missing = [
        what
        for what, value in (("request.method", method), ("url", url), ("status_code", status))
        if value is None
    ]
    if missing or status is None:
        raise TypeError(
            f"{type(response).__name__} is not a response object that assert_response knows "
            f"(it has no {', '.join(missing)}): give check_response() the parts instead"
        )
    return str(method), str(url), int(status), body if body is not None else b"", _headers(response)


def _body(response: Any) -> Any:
    """The response's ``content``; a ``ValueError`` for a streamed response not read yet (which
    is not read here: its stream is the test's, and an async one cannot be read here)."""
    try:
        return getattr(response, "content", None)
    except RuntimeError:  # httpx: ResponseNotRead, StreamClosed
        raise ValueError(
            "the response is streamed and its body was not read: call response.read() (await "
            "response.aread()) before assert_response"
        ) from None


def _attribute(value: Any, name: str) -> Any:
    try:
        return getattr(value, name, None)
    except RuntimeError:  # httpx: a Response built without its request
        return None


def _headers(response: Any) -> Any:
    headers = getattr(response, "headers", None)
    return headers if hasattr(headers, "items") else None


def assert_response(
    spec: str | os.PathLike[str] | dict[str, Any],
    response: Any,
    *,
    base_url: str | Sequence[str] | None = None,
) -> Report:
    """Check ``response`` (see :func:`response_parts`) against the OpenAPI document ``spec`` (a
    path, or the document as a dict: FastAPI's ``app.openapi()``) with
    :func:`validator.check_response` (``base_url``: its); ``AssertionError`` with the report's
    lines unless it is valid.  The report is returned (its warnings, say; a skipped response's
    :attr:`~validator.Report.skipped`)."""
    method, url, status, body, headers = response_parts(response)
    report = check_response(spec, method, url, status, body, headers=headers, base_url=base_url)
    if not report.valid:
        raise AssertionError(str(report))
    return report
