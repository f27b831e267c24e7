"""Ctrl-C that is never lost in a long run.

Python turns SIGINT into a ``KeyboardInterrupt`` raised wherever the main thread happens to be. Where that is
a finalizer (``__del__``, a weakref callback: the garbage collector runs them at any moment), the exception is
reported as "ignored" and the run goes on to the end, exiting 0 as if nobody had pressed Ctrl-C.
:func:`watched` installs a handler that also remembers the interrupt, and a run's result loop calls
:func:`check` between results, so a swallowed interrupt is raised again at the next one.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

_hit = [False]


def _handler(signum, frame) -> None:
    _hit[0] = True
    raise KeyboardInterrupt


@contextmanager
def watched() -> Iterator[None]:
    """Within the block, remember every Ctrl-C (see the module docstring). Only in the main thread, and only
    when Ctrl-C has Python's default meaning (a shell that started us with SIGINT ignored keeps it so)."""
    if threading.current_thread() is not threading.main_thread() \
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return
    _hit[0] = False
    previous = signal.signal(signal.SIGINT, _handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def check() -> None:
    """Raise ``KeyboardInterrupt`` when Ctrl-C came within :func:`watched` and was swallowed on the way."""
    if _hit[0]:
        raise KeyboardInterrupt
