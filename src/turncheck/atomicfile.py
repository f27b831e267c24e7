"""Write a file whole or not at all: a temporary file in the same folder, then :func:`os.replace`.

Readers (another ``turncheck`` process sharing a cache folder) see the old file or the new one, never a torn
one; a failed write leaves no temporary file behind.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_atomic(path: Path, data: bytes, mode: int = 0o666) -> None:
    """Write ``data`` to ``path`` atomically; the new file gets ``mode`` (less the umask). Raises OSError."""
    tmp: Path | None = path.parent / f".tmp-{os.getpid()}-{secrets.token_hex(6)}"
    try:
        with os.fdopen(_create(tmp, mode), "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        tmp = None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _create(path: Path, mode: int) -> int:
    """A new file for writing (never an existing one)."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
