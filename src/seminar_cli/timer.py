"""Clocks: the session reads time only through one of these (PRODUCT §3).

``SystemClock`` derives wall time from the monotonic clock (immune to NTP jumps) and can run
faster than real time for a rehearsal; ``FakeClock`` advances only when slept on, so tests
never sleep.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Protocol


def local_now() -> datetime:
    return datetime.now().astimezone()


class Clock(Protocol):
    speed: float

    def monotonic(self) -> float: ...

    def now(self) -> datetime: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def __init__(self, speed: float = 1.0, start: datetime | None = None) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self._wall0 = start or local_now()
        self._mono0 = time.monotonic()

    def monotonic(self) -> float:
        return (time.monotonic() - self._mono0) * self.speed

    def now(self) -> datetime:
        return self._wall0 + timedelta(seconds=self.monotonic())

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds / self.speed)

    def real_seconds(self, seconds: float) -> float:
        return seconds / self.speed


class FakeClock:
    def __init__(self, start: datetime | None = None, speed: float = 1.0) -> None:
        self.speed = speed
        self._start = start or datetime(2026, 11, 26, 14, 0).astimezone()
        self._t = 0.0

    def monotonic(self) -> float:
        return self._t

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self._t)

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._t += seconds

    def advance(self, seconds: float) -> None:
        self._t += seconds

    def real_seconds(self, seconds: float) -> float:
        return 0.0
