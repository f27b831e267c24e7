"""The time budget to check one transcript (``--max-seconds``).

In a process's main thread (the pool's workers, ``--jobs 1``) an interval
timer raises :class:`TimeBudgetExceeded` wherever the check is. Elsewhere (a
Dask worker runs tasks in threads, where signals cannot reach) the deadline is
kept per thread and :func:`check_deadline` raises it between rules: coarser,
but the checks are linear in the transcript's length, so a rule is short.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator

_local = threading.local()


class TimeBudgetExceeded(BaseException):
    """The budget ran out (a BaseException, so no ``except Exception`` on the way swallows it)."""


def current_deadline() -> float | None:
    """This thread's deadline (``time.monotonic()`` value), or None when no budget is running."""
    return getattr(_local, "deadline", None)


def check_deadline() -> None:
    """Raise :class:`TimeBudgetExceeded` when this thread's budget has run out (called between rules)."""
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise TimeBudgetExceeded()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeBudgetExceeded` in this block after ``seconds`` (None or 0: no budget)."""
    if not seconds:
        yield
        return
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        def alarm(signum, frame):
            raise TimeBudgetExceeded()

        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    outer = getattr(_local, "deadline", None)
    _local.deadline = time.monotonic() + seconds
    try:
        yield
    finally:
        _local.deadline = outer
