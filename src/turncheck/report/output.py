"""``--output FILE``: write a report atomically.

Readers of ``FILE`` see either the old file or the complete new one, never a
half-written report: the text goes to a temporary file in the same folder,
which is flushed, fsynced and then renamed over ``FILE`` with
:func:`os.replace`. If the writer raises, the temporary file is removed and
``FILE`` is left untouched.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Iterator, TextIO

STDOUT = "-"


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str] | None, *, encoding: str = "utf-8",
                  stdout: TextIO | None = None) -> Iterator[TextIO]:
    """Yield a text stream for ``path``; ``None`` or ``-`` yields standard output.

    ::

        with atomic_output(args.output) as out:
            renderer = get_renderer(fmt)(out, ruleset)
            ...
    """
    if path is None or str(path) == STDOUT:
        stream = stdout or sys.stdout
        yield stream
        stream.flush()
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    # keep the target's permissions if it exists; a new file gets the usual umask-based mode
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where unsupported."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
