"""``--output FILE``: write a report atomically.

Readers of ``FILE`` see either the old file or the complete new one, never a
half-written report: the text goes to a temporary file in the same folder,
which is flushed, fsynced and then renamed over ``FILE`` with
:func:`os.replace`. If the writer raises, the temporary file is removed and
``FILE`` is left untouched. A temporary file left by a writer that was killed
(its process id is in the name) is removed by the next write to the same folder.

Every failure to write (a full disk, a missing folder, no permission, standard
output closed) is an :class:`~turncheck.errors.OutputError` naming the file: a
one-line ``error:`` and exit 2, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from pathlib import Path
from typing import Iterator, TextIO

from ..errors import OutputError

STDOUT = "-"
#: ``.NAME.PID.RANDOM.tmp``: the temporary file of a writer, which removes it unless it was killed
_TMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp$")


def _write_error(exc: OSError, name: str) -> OutputError:
    reason = exc.strerror or str(exc)
    hint = "free some space, or write elsewhere with -o" if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)) \
        else None
    return OutputError(f"cannot write the output: {reason}", file=name, hint=hint)


class _Guarded:
    """A text stream whose write errors are :class:`OutputError` naming the output (everything else delegated)."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream, self._name = stream, name

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _write_error(exc, self._name) from None

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _write_error(exc, self._name) from None

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, not ours (EPERM)
        return True
    return True


def remove_stale_temporaries(folder: Path, name: str) -> list[Path]:
    """Remove ``folder``'s temporary files for ``name`` whose writer process is gone; the removed ones."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TMP.match(entry.name)
        if m is None or m.group("name") != name or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(m.group("pid"))
        if pid == os.getpid() or _alive(pid):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


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
        guarded = _Guarded(stream, "<stdout>")
        yield guarded  # type: ignore[misc]
        guarded.flush()
        return
    target = Path(path)
    name = str(path)
    folder = target.parent if str(target.parent) else Path(".")
    # keep the target's permissions if it exists; a new file gets the usual umask-based mode
    try:
        st = os.stat(target)
        mode = st.st_mode & 0o7777
    except FileNotFoundError:
        st = mode = None
    except OSError as exc:
        raise _write_error(exc, name) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        # -o /dev/null, /dev/stdout, a FIFO: written as it is; a rename would replace the device with a file
        yield from _write_through(target, name, encoding)
        return
    remove_stale_temporaries(folder, target.name)
    import tempfile  # (here: stdout, the common case, needs none; it imports random, ~2 ms)

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _write_error(exc, name) from None
    written = False  # the body is done: an OSError from here on is the writing's own
    try:
        try:
            with os.fdopen(fd, "w", encoding=encoding, newline="") as raw:
                out = _Guarded(raw, name)
                yield out  # type: ignore[misc]
                written = True
                out.flush()
                os.fsync(raw.fileno())
            if mode is None:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except OSError as exc:  # closing (the last buffered bytes), fsync, rename
            if not written or isinstance(exc, BrokenPipeError):
                raise
            raise _write_error(exc, name) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _write_through(target: Path, name: str, encoding: str) -> Iterator[TextIO]:
    try:
        raw = open(target, "w", encoding=encoding, newline="")
    except OSError as exc:
        raise _write_error(exc, name) from None
    written = False
    try:
        with raw:
            out = _Guarded(raw, name)
            yield out  # type: ignore[misc]
            written = True
            out.flush()
    except OSError as exc:
        if not written or isinstance(exc, BrokenPipeError):
            raise
        raise _write_error(exc, name) from None


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
