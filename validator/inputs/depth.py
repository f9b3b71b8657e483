"""Recursion deep enough for any document the parser accepts
(:data:`validator.inputs.parse.MAX_DEPTH` levels), for the work that walks such documents
recursively: the reference engine (see :func:`validator.checking.limits.reference_limits`) and the
translation of an OpenAPI document (:mod:`validator.contracts.openapi`).  The limit is raised on the
main thread only (other threads have smaller C stacks) and restored on the way out.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

__all__ = ["deep_recursion", "frame_limit", "on_main_thread"]

_FRAMES_PER_MIB = 1280
"""Python frames the reference may stack per MiB of C stack.  jsonschema costs about 330 bytes
of C stack per frame on CPython 3.11 (measured: a $ref cycle overflows an 8 MiB stack between
20,000 and 30,000 frames); 1,280 a MiB leaves a margin of more than two to one."""


def frame_limit() -> int:
    """A recursion limit the main thread's C stack can take (10,240 frames for 8 MiB): room for
    jsonschema to walk documents nested as deep as the parser allows (about 4 frames a level
    with a recursive ``$ref``; :data:`validator.inputs.parse.MAX_DEPTH` is 1,024)."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_STACK)
    except (ImportError, OSError, ValueError):  # pragma: no cover - not POSIX
        return sys.getrecursionlimit()
    mib = 8 if soft == resource.RLIM_INFINITY or soft <= 0 else min(soft >> 20, 64)
    return max(sys.getrecursionlimit(), mib * _FRAMES_PER_MIB)


def on_main_thread() -> bool:
    import threading  # only around the reference engine: not at start-up

    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def deep_recursion() -> Iterator[None]:
    """Within the block, a recursion limit of :func:`frame_limit` on the main thread (elsewhere
    the interpreter's own); the previous limit is restored however the block ends."""
    if not on_main_thread():
        yield
        return
    frames = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(max(frames, frame_limit()))
        yield
    finally:
        sys.setrecursionlimit(frames)
