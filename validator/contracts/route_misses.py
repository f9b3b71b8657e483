"""The words of an endpoint a recorded request finds no operation for
(:class:`validator.contracts.routes.Router`): the path is said as the document's paths are, the
part of it under the server it fell under (the document's ``/users/{id}`` is relative to its
server, ``https://api.test/v1``), and the whole path beside it when that server has a path, so
that ``GET https://api.test/v1/orders/1`` reads ``GET /orders/1 (/v1/orders/1 under
https://api.test/v1; ...)``, never a full path beside templates relative to the server."""

from __future__ import annotations

__all__ = ["no_operation", "no_path", "under_server"]


def under_server(path: str, base: int) -> str:
    """The part of the URL's ``path`` (as recorded, not decoded) under a server whose path has
    ``base`` segments: ``/v1/orders/1`` under ``/v1`` is ``/orders/1`` (the server's own path is
    ``/``)."""
    return "/" + "/".join(path.split("/")[1 + base :])


def _where(path: str, server: str, base: int) -> str:
    """``/v1/orders/1 under https://api.test/v1; `` (nothing for a server without a path)."""
    return f"{path} under {server}; " if base else ""


def no_path(given: str, method: str, path: str, server: str, base: int, paths: str) -> str:
    """No path of the document ``given`` matches ``path`` under the server ``server`` (whose
    path has ``base`` segments); ``paths``: the document's paths, listed."""
    shown = under_server(path, base)
    return (
        f"no path of {given} matches {method.upper()} {shown} "
        f"({_where(path, server, base)}it has {paths or 'none'})"
    )


def no_operation(method: str, path: str, server: str, base: int, has: str) -> str:
    """Why the path matched has no operation for ``method``: it ``has`` only other methods."""
    shown = under_server(path, base)
    if not has:
        return "it has no operation"
    return f"the path of {method.upper()} {shown} has only {has}" + (
        f" ({path} under {server})" if base else ""
    )
