"""Pausing the cyclic garbage collector over start-up work that makes long-lived objects."""

from __future__ import annotations

import gc
from typing import Callable


def pause_gc() -> Callable[[], None]:
    """Pause the cyclic garbage collector; call what this returns when the work is done. Start-up (a command's
    imports, the rule set, an unpickled pack) makes a few hundred thousand objects that live as long as the
    process, and the collector would traverse them again and again as they are made (~20 ms of a one-chat
    check); on resuming they are moved out of its sight (``gc.freeze``), so the collections of the run itself
    skip them too. Garbage is still freed by reference counting meanwhile. Pauses nest: only the outermost
    resume turns the collector back on."""
    enabled = gc.isenabled()
    gc.disable()

    def resume() -> None:
        gc.freeze()
        if enabled:
            gc.enable()

    return resume
