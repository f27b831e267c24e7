"""The transcript import layer: files in, canonical :class:`~turncheck.model.Transcript` out.

Public API (the rest of the project calls exactly these):

- :func:`read_text` -- decode a file or bytes (returns a ``str`` subclass
  carrying ``encoding`` and ``warnings``);
- :func:`detect` -- pick the importer by content signature, then extension;
- :func:`parse_text` / :func:`parse_file` -- one transcript;
- :func:`iter_transcripts` -- every transcript in a file (JSON Lines files may
  hold many), yielding errors instead of raising them;
- :func:`list_formats` / :func:`formats_markdown` -- the registry, for
  ``turncheck formats`` and the README.

Importers live in :mod:`turncheck.transcripts.formats`, one module each, and
are discovered automatically: adding a format touches no other file.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from typing import Iterator

from ..errors import InputError, TurncheckError, UnknownFormatError, UsageError
from ..model import Transcript
from .base import REGISTRY, ImportOptions, Importer, JsonImporter, register
from .decode import Decoded, decode_bytes, normalise_newlines, read_text
from .jsonutil import JsonDoc, load_json, looks_like_json

__all__ = [
    "Decoded",
    "ImportOptions",
    "Importer",
    "JsonImporter",
    "REGISTRY",
    "detect",
    "formats_markdown",
    "get_importer",
    "iter_transcripts",
    "list_formats",
    "parse_file",
    "parse_text",
    "read_text",
    "register",
]

#: a content score at least this high is a match
MATCH = 0.5
#: a weaker score is accepted when the file extension agrees
WEAK_WITH_EXTENSION = 0.25
#: the top score a sniff gives (importers score 0.0 to 1.0)
CERTAIN = 1.0


def _load_formats() -> None:
    from . import formats

    for info in sorted(pkgutil.iter_modules(formats.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{formats.__name__}.{info.name}")


_load_formats()


def list_formats() -> list[Importer]:
    """Every registered importer, sorted by name."""
    return [REGISTRY[name] for name in sorted(REGISTRY)]


def get_importer(name: str) -> Importer:
    """The importer called ``name``; a :class:`UsageError` listing the valid names otherwise."""
    try:
        return REGISTRY[name]
    except KeyError:
        from ..suggest import suggest

        valid = ", ".join(["auto", *sorted(REGISTRY)])
        # "vtt" is webvtt's extension, not a name; "webvt" is a typo of one
        by_ext = [imp.name for imp in REGISTRY.values() if "." + name.lower().lstrip(".") in imp.extensions]
        hint = f"did you mean {by_ext[0]!r}?" if len(by_ext) == 1 else suggest(name, REGISTRY)
        raise UsageError(f"unknown input format {name!r}", hint=f"{hint + ' ' if hint else ''}valid formats: {valid}") \
            from None


def formats_markdown() -> str:
    """A Markdown table of the registered formats (for the README and ``turncheck formats``)."""
    rows = ["| format | what it reads | origin | roles | timing | extensions |", "|---|---|---|---|---|---|"]
    for imp in list_formats():
        cells = [f"`{imp.name}`", imp.description, imp.origin, imp.roles, imp.timing, " ".join(f"`{e}`" for e in imp.extensions)]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n"


def _extension(path: str | None) -> str:
    if not path:
        return ""
    base = os.path.basename(str(path)).lower()
    for suffix in (".vcon.json",):
        if base.endswith(suffix):
            return suffix
    return os.path.splitext(base)[1]


def _detect(text: str, path: str | None) -> tuple[Importer, JsonDoc | None]:
    ext = _extension(path)
    doc: JsonDoc | None = None
    json_error: InputError | None = None
    if looks_like_json(text):
        try:
            doc = load_json(text, path)
        except InputError as exc:
            json_error = exc
    scored: list[tuple[float, bool, int, Importer]] = []
    order = list(REGISTRY.values())
    if doc is not None:
        for pos, imp in enumerate(order):
            if isinstance(imp, JsonImporter):
                scored.append((imp.sniff_doc(doc), ext in imp.extensions, -pos, imp))
    if not scored or max(s[0] for s in scored) < MATCH:
        known: dict[int, float] = {}
        if ext:
            # An importer that claims the extension and is certain (1.0, the top score of the sniff contract)
            # is the one the full comparison below would pick (the first such in registry order): the other
            # importers need not sniff (a WebVTT file starting "WEBVTT").
            for pos, imp in enumerate(order):
                if not isinstance(imp, JsonImporter) and ext in imp.extensions:
                    score = known[pos] = imp.sniff(text, path or "")
                    if score == CERTAIN:
                        return imp, doc
        for pos, imp in enumerate(order):
            if not isinstance(imp, JsonImporter):
                score = known[pos] if pos in known else imp.sniff(text, path or "")
                scored.append((score, ext in imp.extensions, -pos, imp))
    scored.sort(key=lambda s: (s[0], s[1], s[2]), reverse=True)
    best = scored[0] if scored else None
    if best and (best[0] >= MATCH or (best[1] and best[0] >= WEAK_WITH_EXTENSION)):
        return best[3], doc
    for score, ext_ok, _pos, imp in scored:
        if ext_ok and score >= WEAK_WITH_EXTENSION:
            return imp, doc
    if json_error is not None:
        raise json_error
    tried = ", ".join(sorted(REGISTRY))
    raise UnknownFormatError(
        "unrecognised transcript format" + (" (JSON, but no known transcript structure)" if doc is not None else ""),
        file=path,
        line=1,
        hint=f"formats tried: {tried}; force one with --input-format",
    )


def detect(text: str, path: str | None = None) -> Importer:
    """The importer for ``text``: content signature first, file extension second.

    Raises :class:`UnknownFormatError` (naming the formats tried) when nothing
    matches, or :class:`InputError` for JSON that does not parse.
    """
    return _detect(text, path)[0]


def _choose(text: str, source: str, options: ImportOptions) -> tuple[Importer, JsonDoc | None]:
    if options.input_format and options.input_format != "auto":
        imp = get_importer(options.input_format)
        doc = None
        if isinstance(imp, JsonImporter):
            doc = load_json(text, source)
            if imp.sniff_doc(doc) <= 0.0:
                raise InputError(
                    f"not {imp.name} JSON: the structure it needs is missing",
                    file=source,
                    line=1,
                    hint=f"{imp.name}: {imp.description}",
                )
        return imp, doc
    return _detect(text, source)


#: exceptions a parser bug could raise on hostile input; turned into InputError as a last resort
_UNEXPECTED = (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, OverflowError)


def _as_input_error(exc: BaseException, source: str, imp: Importer | None) -> InputError:
    if isinstance(exc, InputError):
        return exc.located(file=source)
    if isinstance(exc, TurncheckError):
        return InputError(exc.message, file=source, line=exc.line, hint=exc.hint)
    name = imp.name if imp is not None else "transcript"
    return InputError(f"cannot parse as {name}: {type(exc).__name__}: {exc}", file=source)


def _finish(t: Transcript, text: str) -> Transcript:
    warnings = getattr(text, "warnings", ())
    if warnings:
        t.metadata.setdefault("warnings", []).extend(warnings)
    return t


def parse_text(text: str, source: str = "<text>", options: ImportOptions = ImportOptions()) -> Transcript:
    """Parse one transcript from decoded text (see :func:`read_text`).

    Honours ``options.input_format`` (``"auto"`` detects). Raises
    :class:`InputError` (or a subclass) for bad input, with file and line.
    """
    imp: Importer | None = None
    try:
        if isinstance(text, (bytes, bytearray)):
            text = decode_bytes(bytes(text), source)
        else:
            if "\r" in text or text.startswith("\ufeff"):
                text = Decoded(normalise_newlines(text), getattr(text, "encoding", "utf-8"), getattr(text, "warnings", ()))
            if not text.strip():
                raise InputError("empty file", file=source)
        imp, doc = _choose(text, source, options)
        return _finish(imp.parse_detected(text, doc, source, options), text)
    except TurncheckError as exc:
        raise exc.located(file=source)
    except _UNEXPECTED as exc:
        raise _as_input_error(exc, source, imp) from exc


def parse_file(path: str | os.PathLike[str], options: ImportOptions = ImportOptions()) -> Transcript:
    """Read, decode and parse one transcript file (``"-"``: standard input)."""
    source = os.fspath(path)
    return parse_text(read_text(source, max_bytes=options.max_bytes), source, options)


def iter_transcripts(path: str | os.PathLike[str], options: ImportOptions = ImportOptions(), *,
                     data: bytes | None = None) -> Iterator[Transcript | InputError]:
    """Every transcript in ``path``: one for ordinary files, one per record for JSON Lines
    files holding many transcripts (``id`` ``file.jsonl:12``, ``metadata["location"]`` 12).

    ``data``, when given, is the file's bytes, already read (a worker on another machine
    gets them with its batch instead of reading ``path``, which then only names the source).

    Bad input never raises: a file that cannot be read or parsed yields one
    :class:`InputError`; a bad JSON Lines record yields an error for its line
    and the rest continue. (A bad ``options.input_format`` raises UsageError.)
    """
    source = os.fspath(path)
    imp: Importer | None = None
    try:
        text = read_text(source, max_bytes=options.max_bytes) if data is None else read_text(data, source)
        imp, doc = _choose(text, source, options)
        items = imp.iter_detected(text, doc, source, options)
        for item in items:
            if isinstance(item, Transcript):
                _finish(item, text)
            elif isinstance(item, TurncheckError):
                item = _as_input_error(item, source, imp)
            yield item
    except UsageError:
        raise
    except (TurncheckError, *_UNEXPECTED) as exc:
        yield _as_input_error(exc, source, imp)
