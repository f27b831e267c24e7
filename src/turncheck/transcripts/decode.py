"""Bytes to text: the one place that knows about encodings and line endings.

:func:`read_text` accepts a path or raw bytes and returns a :class:`Decoded`,
which *is* a ``str`` (so it can go anywhere text goes) that also carries the
encoding used and any warnings (e.g. a legacy 8-bit fallback). The parsers
copy those warnings into ``transcript.metadata["warnings"]``.

Rules:
- UTF-8 with or without BOM; UTF-16 / UTF-32 with a BOM; UTF-16 without a BOM
  when the NUL pattern makes it unmistakable;
- otherwise cp1252, then latin-1, with a warning;
- CRLF and lone CR become LF, a leading BOM character is dropped;
- an empty (or whitespace-only) input is ``InputError("empty file")``;
- a few stray NUL bytes in otherwise valid UTF-8 become U+FFFD, with a warning
  (the WebVTT parser's rule; web-platform-tests' nulls.vtt);
- binary content (more NUL bytes, many control characters) is a ``ReadError``.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys

from ..errors import InputError, ReadError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls other than TAB, LF, VT, FF, CR, and DEL: a text file has (almost) none.
_CONTROL = frozenset(chr(c) for c in (*range(0, 9), *range(14, 32), 127))
_CONTROL_TABLE = {ord(c): None for c in _CONTROL}


class Decoded(str):
    """Decoded text (a ``str``) plus the encoding used and any warnings."""

    encoding: str
    warnings: tuple[str, ...]

    def __new__(cls, text: str, encoding: str = "utf-8", warnings: tuple[str, ...] = ()) -> "Decoded":
        obj = super().__new__(cls, text)
        obj.encoding = encoding
        obj.warnings = tuple(warnings)
        return obj


def normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: ASCII-heavy text has NULs on every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        codec = "utf-16-le"
    elif even.count(0) >= 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        codec = "utf-16-be"
    else:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


#: at most this share of a UTF-8 text's bytes may be stray NULs (WebVTT and browsers read them as U+FFFD)
_STRAY_NUL_SHARE = 0.05


def _text_with_stray_nuls(data: bytes) -> str | None:
    """Valid UTF-8 text with a few stray NUL bytes, the NULs replaced by U+FFFD (as the WebVTT
    parser does); None for anything more binary-looking."""
    if data.count(b"\x00") > max(4, len(data) * _STRAY_NUL_SHARE):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text.replace("\x00", "\ufffd")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:65536]
    stripped = sample.translate(_CONTROL_TABLE)
    return len(sample) - len(stripped) > max(2, len(sample) // 100)


def decode_bytes(data: bytes, source: str | None = None) -> Decoded:
    """Decode raw bytes following the module rules (see module docstring)."""
    warnings: list[str] = []
    text: str | None = None
    encoding = "utf-8"
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"invalid {codec} text after a {codec} byte-order mark (byte {exc.start + len(bom)})",
                    file=source,
                    line=data[: exc.start + len(bom)].count(b"\n") + 1 if codec == "utf-8" else None,
                ) from None
            encoding = codec if codec != "utf-8" else "utf-8-sig"
            break
    if text is None:
        if b"\x00" in data:
            text = _utf16_without_bom(data)
            if text is not None:
                encoding = "utf-16"
            else:
                text = _text_with_stray_nuls(data)
                if text is None:
                    raise ReadError("binary file (NUL bytes): not a transcript", file=source)
                nuls = data.count(b"\x00")
                line = data[: data.index(b"\x00")].count(b"\n") + 1
                warnings.append(f"{nuls} NUL character{'s' if nuls != 1 else ''} replaced with U+FFFD "
                                f"(first on line {line})")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = data[: exc.start].count(b"\n") + 1
                try:
                    text = data.decode("cp1252")
                    encoding = "cp1252"
                except UnicodeDecodeError:
                    text = data.decode("latin-1")
                    encoding = "latin-1"
                warnings.append(
                    f"not valid UTF-8 (first bad byte on line {line}); decoded as {encoding}"
                )
    if _looks_binary(text):
        raise ReadError("binary file (control characters): not a transcript", file=source)
    text = normalise_newlines(text)
    if not text.strip():
        raise InputError("empty file", file=source)
    return Decoded(text, encoding, tuple(warnings))


#: the largest input read by default (``--max-bytes``): some ten times the longest real transcript (a day-long
#: call is about a megabyte), and small enough that parsing it takes seconds and bounded memory. A JSON Lines
#: batch of many transcripts can be larger: raise the limit for it.
from ..limits import DEFAULT_MAX_BYTES  # noqa: E402  (re-exported)

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str:
    for test, kind in _KINDS:
        if test(mode):
            return f"{kind}, not a regular file: not read"
    return "not a regular file: not read"


def too_big(size: int | None, max_bytes: int) -> str:
    shown = f"{size:,} bytes" if size is not None else "more"
    return (f"larger than the {max_bytes:,}-byte limit ({shown}): not read "
            f"(raise it with --max-bytes, or max_bytes in the config file)")


def read_limited(stream, max_bytes: int | None, source: str) -> bytes:
    """At most ``max_bytes`` from a binary stream (standard input); :class:`ReadError` past the limit."""
    if max_bytes is None:
        return stream.read()
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(too_big(None, max_bytes), file=source)
    return data


def read_text(path_or_bytes: str | os.PathLike[str] | bytes | bytearray, source: str | None = None, *,
              max_bytes: int | None = DEFAULT_MAX_BYTES) -> Decoded:
    """Read and decode a transcript file (or bytes); ``"-"`` reads standard input.

    Returns a :class:`Decoded` (a ``str``). Raises :class:`ReadError` when the
    file cannot be read, is not a regular file, is larger than ``max_bytes`` or
    is binary, :class:`InputError` when it is empty.
    """
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        return decode_bytes(bytes(path_or_bytes), source)
    name = os.fspath(path_or_bytes)
    if source is None:
        source = name
    if name == "-":
        data = read_limited(sys.stdin.buffer, max_bytes, source)
    else:
        data = read_bytes(name, source, max_bytes=max_bytes)
    return decode_bytes(data, source)


def _folder_error(path: str, source: str, directory: str) -> ReadError:
    """A folder given (or found) as an input: say whether it could be listed at all."""
    try:
        with os.scandir(path):
            pass
    except PermissionError:
        return ReadError("permission denied: cannot list this folder (nothing in it was checked)", file=source)
    except OSError as exc:
        return ReadError(f"cannot list this folder: {exc.strerror or exc} (nothing in it was checked)",
                         file=source)
    return ReadError(directory, file=source)


def read_bytes(path: str, source: str | None = None, *, missing: str = "no such file",
               directory: str = "is a directory, not a transcript file",
               max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file; :class:`ReadError` with a one-line reason (``missing``, ``directory``,
    permission denied, a device/FIFO/socket, over ``max_bytes``, ...) when there are none.

    Only regular files are read (symlinks are followed): a FIFO, a device (``/dev/zero``,
    ``/dev/urandom``) or a socket is refused without reading a byte, so nothing can hang the run
    or fill its memory. The file is opened non-blocking and checked on the open descriptor, so a
    file swapped for a FIFO between listing and reading is refused too.
    """
    source = path if source is None else source
    try:
        try:
            st = os.stat(path)
        except OSError:
            st = None  # reported below by open(), with its own reason
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise _folder_error(path, source, directory)
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise ReadError(_not_regular(st.st_mode), file=source)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
                     | getattr(os, "O_BINARY", 0))
        with open(fd, "rb", buffering=0, closefd=True) as f:
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                raise _folder_error(path, source, directory)
            if not stat.S_ISREG(st.st_mode):
                raise ReadError(_not_regular(st.st_mode), file=source)
            if max_bytes is not None and st.st_size > max_bytes:
                raise ReadError(too_big(st.st_size, max_bytes), file=source)
            limit = max_bytes if max_bytes is not None else -1
            chunks = []
            size = 0
            while True:  # a file growing while read stops at the limit too
                chunk = f.read(1 << 20 if limit < 0 else min(1 << 20, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if limit >= 0 and size > limit:
                    raise ReadError(too_big(None, max_bytes), file=source)
            return b"".join(chunks)
    except IsADirectoryError:
        raise _folder_error(path, source, directory) from None
    except FileNotFoundError:
        raise ReadError(missing, file=source) from None
    except PermissionError:
        raise ReadError("permission denied", file=source) from None
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}", file=source) from None
