"""Which documented response of an operation a status names (``--status``, a config check's
``status``, the API's ``status=``): the one documented 2xx response when none is given
(several: name one); a code given is looked up as written, then its range (``2XX``), then
``default``; a range given is looked up as written, then ``default``, unless codes of that
range are documented (``2XX`` where ``200`` and ``201`` are): they are named, never the
``default`` (error) response taken for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from validator.contracts.operation_hints import ASK, listed
from validator.problems import NoSuchSchema

if TYPE_CHECKING:
    from validator.contracts.operations import Operation

__all__ = ["is_status", "response_key"]


def is_status(status: str) -> bool:
    """A status code (``201``), a range (``2XX``) or ``default``."""
    upper = status.upper()
    if upper == "DEFAULT":
        return True
    tail = upper[1:]
    return len(upper) == 3 and upper[0] in "12345" and (tail == "XX" or tail in _DIGITS)


_DIGITS = {f"{n:02d}" for n in range(100)}


def response_key(operation: Operation, status: str | None, given: str, via: str = "cli") -> str:
    """The key of the response ``status`` names (see the module's docstring)."""
    responses = operation.node.get("responses")
    keys = [str(key) for key in responses] if isinstance(responses, dict) else []
    where = f"{given}: {operation.name}"
    if not keys:
        raise NoSuchSchema(f"{where} documents no responses", schema=given)
    if status is None:
        success = [key for key in keys if key[:1] == "2" and is_status(key)]
        if len(success) == 1:
            return success[0]
        if not success:
            raise NoSuchSchema(
                f"{where} documents no 2xx response (it has {listed(keys)}): {ASK[via][0]}",
                schema=given,
            )
        raise NoSuchSchema(
            f"{where} documents several 2xx responses ({listed(success)}): {ASK[via][0]}",
            schema=given,
        )
    wanted = status.strip()
    if not is_status(wanted):
        raise NoSuchSchema(
            f"{where}: status {status!r} is not a status code (give 200, 2XX or default)",
            schema=given,
        )
    exact = wanted.upper()[1:] in _DIGITS  # a code: then its range, then default
    codes = [k for k in keys if wanted.upper()[1:] == "XX" and k[:1] == wanted[:1] != k[1:2]]
    if codes and wanted.upper() not in map(str.upper, keys):  # 2XX where 200 is: not default
        raise NoSuchSchema(f"{where} has no {wanted} but {listed(codes)}: give one", schema=given)
    tries = [wanted, f"{wanted[0]}XX", "default"] if exact else [wanted, "default"]
    for candidate in tries:
        for key in keys:
            if key.upper() == candidate.upper():
                return key
    raise NoSuchSchema(
        f"{where} documents no {wanted} response (it has {listed(keys)})", schema=given
    )
