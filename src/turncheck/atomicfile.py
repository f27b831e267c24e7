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
        with os.fdopen(create_new(tmp, mode), "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        tmp = None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def create_new(path: Path, mode: int) -> int:
    """The descriptor of a new file for writing, ``mode`` less the umask; FileExistsError when ``path`` exists
    (never an existing file, nor one a link points at)."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
