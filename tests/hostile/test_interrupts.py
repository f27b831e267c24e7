"""A Ctrl-C swallowed on the way (raised inside a finalizer, reported as "ignored") still stops the run."""

from __future__ import annotations

import gc
import os
import signal
import sys

import pytest

from turncheck import interrupts

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


class _Finalized:
    def __del__(self) -> None:  # where a KeyboardInterrupt is only "ignored"
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(100_000):  # the handler runs between bytecodes, here
            pass


def test_a_swallowed_interrupt_is_raised_again_at_the_next_check(monkeypatch):
    ignored = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: ignored.append(unraisable.exc_type))
    with interrupts.watched():
        interrupts.check()  # nothing yet
        try:
            _Finalized()
            gc.collect()
        except KeyboardInterrupt:  # pragma: no cover - the set-up failed, not the code under test
            pytest.fail("the interrupt left the finalizer; it was meant to be swallowed there")
        assert ignored == [KeyboardInterrupt]  # Python reported it as ignored, and went on
        with pytest.raises(KeyboardInterrupt):
            interrupts.check()


def test_the_handler_is_put_back_and_an_ignored_sigint_stays_ignored():
    before = signal.getsignal(signal.SIGINT)
    with interrupts.watched():
        assert signal.getsignal(signal.SIGINT) is not before
    assert signal.getsignal(signal.SIGINT) is before
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with interrupts.watched():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            interrupts.check()
    finally:
        signal.signal(signal.SIGINT, before)
