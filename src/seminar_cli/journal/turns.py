"""The journal's writers' queue: first come, first served, across processes and threads, every
wait bounded, no signal (so any thread may write: a heartbeat, a web server's workers).

A ticket lock (Mellor-Crummey and Scott, 1991) kept in the ``<journal>-lock`` file, where each
ticket's presence is an OS lock, so that the kernel forgets a writer that dies:

- taking a ticket: under a short ``flock`` of the file, read the counter (its first 8 bytes),
  lock the ticket's own byte (``BASE + ticket``) with an open-file-description lock, write the
  counter back plus one.  An OFD lock (Linux ``F_OFD_SETLK``) belongs to one descriptor: two
  ``Journal`` objects of one process queue apart, closing another descriptor drops nothing, and
  the kernel releases it when the process dies.
- the turn comes when no byte before ours is locked (one ``F_OFD_GETLK`` over the range): every
  earlier writer has written, given up or died.  That test alone keeps writers apart.
- waiting: on a datagram socket bound to an abstract name made of the file and the ticket; a
  writer leaving sends one empty datagram to the next tickets.  The socket is bound before the
  last look at the range, so no wake-up is lost; a wake-up that cannot come (the next writer was
  killed) costs one slice (``SLICE``), after which the waiter looks again.  ``recv``'s timeout
  bounds every wait.

Without OFD locks or abstract sockets (not Linux), writers poll a whole-file ``flock``: bounded,
from any thread, not fair.  SQLite's own lock still guards the data in every case.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import struct
import sys
import threading
import time
from collections.abc import Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: SQLite's own locking only
    fcntl = None  # type: ignore[assignment]

BASE = 4096  # the tickets' bytes start after the counter's
# seconds a waiter sleeps at most before it looks again unwoken: only a writer that dies
# holding the turn (or more than _WAKE dead tickets in a row) leaves its successor unwoken
SLICE = 0.5
_WAKE = 4  # next tickets woken by a writer leaving (the very next one may have gone)
_COUNTER = struct.Struct("<Q")
_FLOCK_FORMAT = "hhqqi"  # struct flock: l_type, l_whence, l_start, l_len, l_pid
_FAIR = (
    sys.platform == "linux"
    and fcntl is not None
    and hasattr(fcntl, "F_OFD_SETLK")
    and hasattr(socket, "AF_UNIX")
)


class Busy(Exception):
    """The turn did not come before the deadline."""


def _flock_struct(kind: int, start: int, length: int) -> bytes:
    raw = struct.pack(_FLOCK_FORMAT, kind, os.SEEK_SET, start, length, 0)
    return raw + bytes(-len(raw) % 8)  # the C struct's tail padding


class WriterQueue:
    """One descriptor of ``<journal>-lock``; ``turn(seconds)`` waits for the writer's turn."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        info = os.fstat(fd)
        self._name = f"seminar-turn-{info.st_dev:x}-{info.st_ino:x}"
        self._fair = _FAIR
        # threads sharing this descriptor share its OFD locks: they take turns here first
        self._threads = threading.Lock()
        self._sender: socket.socket | None = None

    def close(self) -> None:
        if self._sender is not None:
            self._sender.close()
            self._sender = None
        os.close(self._fd)

    @contextlib.contextmanager
    def turn(self, seconds: float) -> Iterator[int | None]:
        """Hold the writers' turn for the block; ``Busy`` after ``seconds`` of waiting.

        The block is given the turn's ticket (every writer's, in order), or None without the
        queue."""
        deadline = time.monotonic() + seconds
        if not self._threads.acquire(timeout=max(seconds, 0)):
            raise Busy
        try:
            if not self._fair:
                self._flock(deadline)
                try:
                    yield None
                finally:
                    assert fcntl is not None
                    fcntl.flock(self._fd, fcntl.LOCK_UN)
                return
            try:
                ticket = self._take_ticket(deadline)
            except OSError as exc:
                if exc.errno == errno.EINVAL:  # a kernel without OFD locks
                    self._fair = False
                # a full disk, a read-only lock file: SQLite's lock alone, as without the file
                yield None
                return
            try:
                self._wait(ticket, deadline)
            except BaseException:
                self._leave(ticket)
                raise
            try:
                yield ticket
            finally:
                self._leave(ticket)
        finally:
            self._threads.release()

    # -- fair queue ------------------------------------------------------------------------
    def _take_ticket(self, deadline: float) -> int:
        assert fcntl is not None
        self._flock(deadline, longest=0.001)  # held for three system calls: look again soon
        try:
            raw = os.pread(self._fd, _COUNTER.size, 0)
            ticket = _COUNTER.unpack(raw)[0] if len(raw) == _COUNTER.size else 0
            self._lock_byte(fcntl.F_WRLCK, BASE + ticket)
            try:
                os.pwrite(self._fd, _COUNTER.pack(ticket + 1), 0)
            except OSError:
                self._lock_byte(fcntl.F_UNLCK, BASE + ticket)
                raise
            return ticket
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _lock_byte(self, kind: int, offset: int) -> None:
        assert fcntl is not None
        fcntl.fcntl(self._fd, fcntl.F_OFD_SETLK, _flock_struct(kind, offset, 1))

    def _first_in_line(self, ticket: int) -> bool:
        """No earlier ticket's byte is still locked (by a writer or a waiter)."""
        assert fcntl is not None
        if ticket == 0:
            return True  # and a length of 0 would mean "to the end of the file"
        probe = _flock_struct(fcntl.F_WRLCK, BASE, ticket)
        answer = fcntl.fcntl(self._fd, fcntl.F_OFD_GETLK, probe)
        kind = struct.unpack_from(_FLOCK_FORMAT, answer)[0]
        return bool(kind == fcntl.F_UNLCK)

    def _address(self, ticket: int) -> bytes:
        return f"\0{self._name}-{ticket}".encode()

    def _wait(self, ticket: int, deadline: float) -> None:
        if self._first_in_line(ticket):
            return
        inbox: socket.socket | None = None
        try:
            try:
                inbox = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
                inbox.bind(self._address(ticket))
            except OSError:  # no wake-up for us: look again every slice
                if inbox is not None:
                    inbox.close()
                inbox = None
            pause = 0.0002
            while not self._first_in_line(ticket):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Busy
                if inbox is None:
                    time.sleep(min(pause, left))
                    pause = min(pause * 2, 0.02)
                    continue
                inbox.settimeout(min(SLICE, left))
                with contextlib.suppress(TimeoutError):
                    inbox.recv(16)
        finally:
            if inbox is not None:
                inbox.close()

    def _leave(self, ticket: int) -> None:
        assert fcntl is not None
        self._lock_byte(fcntl.F_UNLCK, BASE + ticket)
        try:
            raw = os.pread(self._fd, _COUNTER.size, 0)
            waiting = _COUNTER.unpack(raw)[0] - ticket - 1 if len(raw) == _COUNTER.size else 0
        except OSError:
            waiting = _WAKE
        if waiting <= 0:
            return
        if self._sender is None:
            self._sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            self._sender.setblocking(False)
        for following in range(ticket + 1, ticket + 1 + min(waiting, _WAKE)):
            try:
                self._sender.sendto(b"", self._address(following))
                return  # the next one present looks; the others are still behind it
            except OSError:  # gone, not yet listening (it looks once it is), or already woken
                continue

    # -- whole-file lock (not Linux) and the ticket's short lock -------------------------------
    def _flock(self, deadline: float, longest: float = 0.02) -> None:
        assert fcntl is not None
        pause = 0.0001
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Busy from None
            time.sleep(min(pause, left))
            pause = min(pause * 2, longest)
