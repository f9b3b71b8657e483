"""The fork-and-pipe workers of --jobs (validator.run.forks): whole messages of any size, the end of
a pipe as EOFError, and each way a child can end as the exit code multiprocessing would give."""

from __future__ import annotations

import os
import signal
import time

import pytest

from validator.run.forks import Forked, pipe


def _echo(commands: object, replies: object) -> None:
    while True:
        message = commands.recv_bytes()  # type: ignore[attr-defined]
        if not message:
            return
        replies.send_bytes(message[::-1])  # type: ignore[attr-defined]


def test_messages_of_any_size_come_back_whole_and_in_order() -> None:
    (command_out, command_in), (reply_out, reply_in) = pipe(), pipe()
    child = Forked(_echo, (command_out, reply_in))
    child.start()
    command_out.close()
    reply_in.close()
    messages = [b"x", b"", b"ab" * 300_000, bytes(range(256)) * 40]
    try:
        for message in messages[:1] + messages[2:]:
            command_in.send_bytes(message)
            assert reply_out.recv_bytes() == message[::-1]
        command_in.send_bytes(b"")  # stop
        with pytest.raises(EOFError):
            reply_out.recv_bytes()
        child.join(timeout=30)
        assert child.exitcode == 0
    finally:
        child.close()
        command_in.close()
        reply_out.close()


def _exit_with(code: int) -> None:
    os._exit(code)


def _raise() -> None:
    raise ValueError("a bug")


def _leave(code: int) -> None:
    raise SystemExit(code)


def _sleep() -> None:
    time.sleep(60)


@pytest.mark.parametrize(
    ("target", "args", "expected"),
    [(_exit_with, (9,), 9), (_exit_with, (0,), 0), (_raise, (), 1), (_leave, (4,), 4)],
)
def test_a_child_ends_with_the_exit_code_multiprocessing_gives(
    target: object, args: tuple[object, ...], expected: int
) -> None:
    child = Forked(target, args)  # type: ignore[arg-type]
    child.start()
    try:
        child.join(timeout=30)
        assert (child.exitcode, child.pid is not None) == (expected, True)
    finally:
        child.close()


def test_a_terminated_or_killed_child_ends_with_minus_the_signal() -> None:
    for stop, expected in ((Forked.terminate, -signal.SIGTERM), (None, -signal.SIGKILL)):
        child = Forked(_sleep, ())
        child.start()
        try:
            child.join(timeout=0.05)
            assert child.exitcode is None  # still asleep
            if stop is None:
                assert child.pid is not None
                os.kill(child.pid, signal.SIGKILL)
            else:
                stop(child)
            child.join(timeout=30)
            assert child.exitcode == expected
            child.terminate()  # ended already: nothing to do, no error
        finally:
            child.close()


def test_a_closed_pipe_says_so() -> None:
    read, write = pipe()
    write.close()
    assert read.poll(5)
    with pytest.raises(EOFError):
        read.recv_bytes()
    read.close()
    read.close()  # twice: nothing more to do
    with pytest.raises(OSError, match="closed"):
        read.fileno()
