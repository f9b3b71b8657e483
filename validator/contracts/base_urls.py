"""The base URLs a run of recordings is given (``--base-url``, a config check's ``base-url``) in
place of the OpenAPI document's servers: each must be usable, since a URL that can match no
recorded one makes every entry "outside the API's base URLs" (skipped, never a problem) and
the run pass having checked nothing.

A usable base URL is a URL with a scheme and a host (``https://api.example.com/v1``), its port
(when it has one) from 1 to 65535, or a path (``/v1``: on any host).  ``api.example.com/v1``
(no scheme: a path that does not start with ``/``) and ``localhost:8080/v1`` (read as the
scheme ``localhost``) are not."""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["base_url_problem"]


def base_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a base URL (see the module's docstring), or None."""
    if url.startswith("/"):
        return None
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # an unclosed IPv6 bracket
        return f"not a URL ({exc})"
    if not parts.scheme or not parts.netloc:
        hostlike = not parts.scheme or parts.path[:1].isdigit()  # localhost:8080/v1 too
        example = f" (https://{url})" if url.strip() and hostlike else ""
        return f"not a URL with a scheme and a host{example}, nor a path starting with /"
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port is not None and not 1 <= port <= 65535:
        given = parts.netloc.rpartition(":")[2]
        return f"the port {given!r} is not one from 1 to 65535"
    return None
