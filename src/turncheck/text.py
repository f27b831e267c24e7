"""Shared text helpers: the one normalisation every matcher in turncheck uses.

The normalisation (used by the phrase matcher, :func:`words` and
:func:`normalize`):

* case is folded (``str.casefold``) and accents are removed (NFKD, combining
  marks dropped), so ``José`` ~ ``jose`` and ``STRASSE`` ~ ``straße``;
* apostrophes (``'`` ````` ``’`` ``‘`` ``ʼ`` ``´`` ``′`` ``＇``) are *removed*, so
  ``don't``, ``don’t`` and ``dont`` are the same word (ASR output and chat
  messages often drop them);
* every other character that is not a letter, digit or combining mark (spaces,
  punctuation, hyphens, underscores, emoji, ...) separates words, so
  ``follow-up`` is the two words ``follow up`` and ``Mm-hmm.`` is ``mm hmm``;
* the normalised text is the words joined by single spaces.

A *word* in the original text is a run of letters/digits (and combining marks),
possibly joined by apostrophes; its span is where that run sits in the
original text. Scripts written without spaces (Chinese, Japanese, Thai) come
out as one word per run of letters: phrase matching there is whole-run only.

The common case (ASCII text, or ASCII plus typographic quotes and dashes) takes
a fast path through ``bytes.translate``; everything else goes through a
Unicode regex and a cached per-character fold. Both paths give the same
result.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["APOSTROPHES", "LazyPattern", "fold", "normalize", "sentences", "words"]


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled on first use instead of at import. Python's ``re`` compiles a
    pattern in Python code (a long one with large character classes takes a millisecond or more), and most of
    a module's patterns go unused by any one run: a one-chat check would otherwise compile dozens of them at
    start-up. The first attribute looked up (``search``, ``finditer``, ...) compiles the pattern and keeps the
    compiled pattern's methods on the instance, so later calls cost what calling the pattern's own method
    does."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str):  # only for names not set yet: the first use of each method
        if name.startswith("_"):  # (copy, pickle and the like probing for special methods)
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = re.compile(*self._args)
            for method in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
                self.__dict__[method] = getattr(compiled, method)
        return getattr(compiled, name)


#: Characters treated as apostrophes: removed, never separators.
APOSTROPHES = "'`\u2019\u2018\u02bc\u00b4\u2032\uff07"

# Non-ASCII characters that are common in English chat/email text, mapped
# one-for-one (so offsets do not move) to an ASCII character with the same
# role: apostrophes to "'", everything else to a separator.
_PREP = (
    ("\u2019", "'"),  # right single quote (the usual typographic apostrophe)
    ("\u2018", "'"),
    ("\u02bc", "'"),
    ("\u00b4", "'"),
    ("\u2032", "'"),
    ("\uff07", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u201e", '"'),
    ("\u00ab", '"'),
    ("\u00bb", '"'),
    ("\u2013", "-"),
    ("\u2014", "-"),
    ("\u2010", "-"),
    ("\u2011", "-"),
    ("\u2026", "."),
    ("\u00a0", " "),
    ("\u2009", " "),
    ("\u202f", " "),
    ("\u200b", " "),
    ("\u2022", " "),
)

# ASCII fast path: A-Z -> a-z, a-z and 0-9 kept, apostrophes deleted, every
# other byte a space.
_ASCII_TABLE = bytes(
    c + 32 if 65 <= c <= 90 else c if (97 <= c <= 122 or 48 <= c <= 57) else 32 for c in range(256)
)
_ASCII_DELETE = b"'`"
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:['`]+[A-Za-z0-9]+)*")


def _prepare(text: str) -> tuple[str, bool]:
    """Map common typographic characters to ASCII one-for-one.

    Returns the prepared text (same length, same offsets) and whether it is
    now pure ASCII (the fast path applies).
    """
    if text.isascii():
        return text, True
    for ch, rep in _PREP:
        if ch in text:
            text = text.replace(ch, rep)
    if "_" in text:
        text = text.replace("_", " ")
    return text, text.isascii()


def _ascii_words(t: str) -> list[str]:
    """Normalised words of an ASCII text (fast path)."""
    return t.encode("ascii").translate(_ASCII_TABLE, _ASCII_DELETE).decode("ascii").split()


# Like _ASCII_TABLE but keeping apostrophes (same length as the input).
_ASCII_KEEP = bytes(
    c if (97 <= c <= 122 or 48 <= c <= 57 or 65 <= c <= 90 or c in (39, 96)) else 32 for c in range(256)
)


def _ascii_spans(t: str) -> list[tuple[int, int]]:
    """Spans of the words of an ASCII text, aligned with :func:`_ascii_words`.

    (Equivalent to ``[m.span() for m in _ASCII_WORD.finditer(t)]``, about
    twice as fast.)
    """
    out: list[tuple[int, int]] = []
    pos = 0
    tr = t.encode("ascii").translate(_ASCII_KEEP).decode("ascii")
    if "'" not in tr and "`" not in tr:
        for part in tr.split(" "):
            if part:
                n = len(part)
                out.append((pos, pos + n))
                pos += n + 1
            else:
                pos += 1
        return out
    for part in tr.split(" "):
        n = len(part)
        if n:
            core = part.strip("'`")
            if core:
                s = pos + part.index(core[0])
                out.append((s, s + len(core)))
        pos += n + 1
    return out


def _is_diacritic(d: str) -> bool:
    """A combining mark that the fold drops: Latin/Greek/Cyrillic diacritics,
    Hebrew points and Arabic harakat. Marks that are part of spelling in other
    scripts (Indic vowel signs, viramas...) are kept."""
    o = ord(d)
    return (
        0x300 <= o <= 0x36F
        or 0x1AB0 <= o <= 0x1AFF
        or 0x1DC0 <= o <= 0x1DFF
        or 0x20D0 <= o <= 0x20FF
        or 0xFE20 <= o <= 0xFE2F
        or 0x591 <= o <= 0x5C7
        or 0x64B <= o <= 0x65F
        or o == 0x670
    )


@lru_cache(maxsize=8192)
def _fold_char(c: str) -> str:
    """Fold one character: casefold, decompose, drop diacritics and apostrophes."""
    if c in APOSTROPHES:
        return ""
    if c.isdigit() and not c.isascii():
        d = unicodedata.digit(c, None)
        if d is not None:
            return str(d)
    # Unicode's compatibility caseless match (D145):
    # NFKD(casefold(NFKD(casefold(NFD(c))))), then diacritics dropped.
    nf = unicodedata.normalize
    s = nf("NFKD", nf("NFKD", nf("NFD", c).casefold()).casefold())
    if not s.isascii():
        s = "".join(d for d in s if not _is_diacritic(d))
    return s


def _word_char(c: str) -> bool:
    return c.isalnum() or unicodedata.category(c)[0] == "M"


@lru_cache(maxsize=65536)
def _fold_word(w: str) -> str:
    """Fold a word matched by the word pattern to its normalised form.

    Only letters and digits survive (compatibility decompositions such as
    ``½`` -> ``1⁄2`` can produce other characters, which are dropped), plus
    the combining marks that are part of spelling in scripts such as
    Devanagari; so a normalised word never contains a space.
    """
    if w.isascii():
        w = w.lower()
        if "'" in w or "`" in w:
            w = w.replace("'", "").replace("`", "")
        return w
    s = "".join(_fold_char(c) for c in w)
    if not s.isalnum():
        s = "".join(c for c in s if _word_char(c))
        i = 0
        while i < len(s) and not s[i].isalnum():  # never start a word with a mark
            i += 1
        s = s[i:]
    return s


_UWORD: LazyPattern


def _unicode_tokens(t: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Normalised words and their spans, for prepared non-ASCII text."""
    ws: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _UWORD.finditer(t):
        w = _fold_word(m.group())
        if w:
            ws.append(w)
            spans.append(m.span())
    return ws, spans


def analyse(text: str) -> tuple[str, str, list[tuple[int, int]] | None]:
    """The matcher's view of a text, computed as cheaply as possible.

    Returns ``(padded_norm, prepared, spans)``: the normalised words joined by
    single spaces *with one space before and after* (so every word is
    delimited by spaces on both sides), the prepared text (same offsets as
    ``text``), and the word spans if they were computed on the way (else
    ``None``; get them with :func:`spans_of`).
    """
    if text.isascii():
        t = text
    else:
        t, ascii_ = _prepare(text)
        if not ascii_:
            ws, spans = _unicode_tokens(t)
            return " ".join(["", *ws, ""]), t, spans
    return " ".join(["", *t.encode("ascii").translate(_ASCII_TABLE, _ASCII_DELETE).decode("ascii").split(), ""]), t, None


def spans_of(prepared: str) -> list[tuple[int, int]]:
    """Word spans of a prepared text (as returned by :func:`analyse`)."""
    if prepared.isascii():
        return _ascii_spans(prepared)
    return _unicode_tokens(prepared)[1]


def words(text: str) -> list[tuple[str, int, int]]:
    """The normalised words of ``text`` with their ``(start, end)`` in ``text``.

    >>> words("I'm so sorry -- follow-up?")
    [('im', 0, 3), ('so', 4, 6), ('sorry', 7, 12), ('follow', 16, 22), ('up', 23, 25)]
    """
    t, ascii_ = _prepare(text)
    if ascii_:
        return [(w, s, e) for w, (s, e) in zip(_ascii_words(t), _ascii_spans(t))]
    ws, spans = _unicode_tokens(t)
    return [(w, s, e) for w, (s, e) in zip(ws, spans)]


def normalize(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` as the matcher does; return ``(norm, offsets)``.

    ``norm`` is the normalised words joined by single spaces (no leading or
    trailing space). ``offsets`` has ``len(norm) + 1`` entries: ``offsets[i]``
    is the index in ``text`` of the character that ``norm[i]`` came from; for
    a separating space it is the end of the preceding word; the last entry is
    the end of the last word (0 if there are no words). So a word-aligned span
    ``norm[a:b]`` maps back to ``text[offsets[a]:offsets[b]]``.

    >>> normalize("Don’t  stop!")
    ('dont stop', [0, 1, 2, 4, 5, 7, 8, 9, 10, 11])
    """
    ws = words(text)
    norm_parts: list[str] = []
    offsets: list[int] = []
    for k, (w, s, e) in enumerate(ws):
        if k:
            offsets.append(ws[k - 1][2])
        norm_parts.append(w)
        orig = text[s:e]
        if len(orig) == len(w) and orig.isascii():
            offsets.extend(range(s, e))
            continue
        pos: list[int] = []
        for i, c in enumerate(orig):
            f = _fold_char(c) if not c.isascii() else ("" if c in APOSTROPHES else c)
            pos.extend([s + i] * len(f))
        if len(pos) != len(w):  # characters dropped by the alnum filter
            pos = (pos + [s] * len(w))[: len(w)]
        offsets.extend(pos)
    offsets.append(ws[-1][2] if ws else 0)
    return " ".join(norm_parts), offsets


def fold(text: str) -> str:
    """Casefold, remove accents and apostrophes; other characters are kept.

    For comparing names and short strings: ``fold("José O’Brien") ==
    "jose obrien"``. Unlike :func:`normalize` it does not touch punctuation or
    spacing.
    """
    if text.isascii():
        text = text.lower()
        if "'" in text or "`" in text:
            text = text.replace("'", "").replace("`", "")
        return text
    out = []
    for c in text:
        if c.isascii():
            if c not in APOSTROPHES:
                out.append(c.lower())
        else:
            f = _fold_char(c)
            out.append(f)
    return "".join(out)


# --- sentences -----------------------------------------------------------

_CLOSERS = "\"'\u201d\u2019)\\]"
_SENT_END = re.compile(
    r"\n|(?:[.!?;\u2026\u3002\uff01\uff1f]+[" + _CLOSERS + r"]*)(?=\s|$)"
)
_OPENERS = "\"'(\u201c\u2018[«"
#: Words that end with a dot without ending a sentence (compared folded,
#: without the final dot).
ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof sr jr st mt vs e.g i.e eg ie cf approx appt apt dept
    est fig inc ltd corp jan feb mar apr jun jul aug sep sept oct nov dec
    a.m p.m u.s u.k ph.d no.""".split()
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence / clause spans ``(start, end)`` of ``text``, whitespace-trimmed.

    Splits after ``.``, ``!``, ``?``, ``;`` and ``…`` (with any closing quotes
    or brackets) when followed by whitespace or the end, and at newlines. A
    dot does not split inside a token (``3.5``, ``example.com``) or after a
    known abbreviation (``e.g.``, ``Mr.``) or a single capital initial
    (``J. Smith``). Text without punctuation is one span per line. Spans that
    hold only punctuation are merged into the span before them.
    """
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)

    def emit(s: int, e: int) -> None:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            return
        if out and not any(c.isalnum() for c in text[s:e]):
            out[-1] = (out[-1][0], e)
            return
        out.append((s, e))

    for m in _SENT_END.finditer(text):
        ms = m.start()
        if text[ms] == ".":
            j = ms
            while j > start and not text[j - 1].isspace():
                j -= 1
            tok = text[j:ms].lstrip(_OPENERS)
            if tok and (fold(tok) in ABBREVIATIONS or (len(tok) == 1 and tok.isupper())):
                continue
        emit(start, m.end())
        start = m.end()
    if start < n:
        emit(start, n)
    return out


# --- Unicode tables --------------------------------------------------------
# Combining marks (general category M*), generated from unicodedata 14.0 with:
#   ranges of c in range(0x110000) where unicodedata.category(chr(c))[0] == "M"
# They count as part of a word (so "e" + U+0301 is one word); the fold then
# drops the diacritics among them (see _is_diacritic).
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1-\u05c2"
    "\u05c4-\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc"
    "\u06df-\u06e4\u06e7-\u06e8\u06ea-\u06ed\u0711\u0730-\u074a"
    "\u07a6-\u07b0\u07eb-\u07f3\u07fd\u0816-\u0819\u081b-\u0823"
    "\u0825-\u0827\u0829-\u082d\u0859-\u085b\u0898-\u089f\u08ca-\u08e1"
    "\u08e3-\u0903\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962-\u0963"
    "\u0981-\u0983\u09bc\u09be-\u09c4\u09c7-\u09c8\u09cb-\u09cd\u09d7"
    "\u09e2-\u09e3\u09fe\u0a01-\u0a03\u0a3c\u0a3e-\u0a42\u0a47-\u0a48"
    "\u0a4b-\u0a4d\u0a51\u0a70-\u0a71\u0a75\u0a81-\u0a83\u0abc"
    "\u0abe-\u0ac5\u0ac7-\u0ac9\u0acb-\u0acd\u0ae2-\u0ae3\u0afa-\u0aff"
    "\u0b01-\u0b03\u0b3c\u0b3e-\u0b44\u0b47-\u0b48\u0b4b-\u0b4d"
    "\u0b55-\u0b57\u0b62-\u0b63\u0b82\u0bbe-\u0bc2\u0bc6-\u0bc8"
    "\u0bca-\u0bcd\u0bd7\u0c00-\u0c04\u0c3c\u0c3e-\u0c44\u0c46-\u0c48"
    "\u0c4a-\u0c4d\u0c55-\u0c56\u0c62-\u0c63\u0c81-\u0c83\u0cbc"
    "\u0cbe-\u0cc4\u0cc6-\u0cc8\u0cca-\u0ccd\u0cd5-\u0cd6\u0ce2-\u0ce3"
    "\u0d00-\u0d03\u0d3b-\u0d3c\u0d3e-\u0d44\u0d46-\u0d48\u0d4a-\u0d4d"
    "\u0d57\u0d62-\u0d63\u0d81-\u0d83\u0dca\u0dcf-\u0dd4\u0dd6"
    "\u0dd8-\u0ddf\u0df2-\u0df3\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1"
    "\u0eb4-\u0ebc\u0ec8-\u0ecd\u0f18-\u0f19\u0f35\u0f37\u0f39"
    "\u0f3e-\u0f3f\u0f71-\u0f84\u0f86-\u0f87\u0f8d-\u0f97\u0f99-\u0fbc"
    "\u0fc6\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064"
    "\u1067-\u106d\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d"
    "\u135d-\u135f\u1712-\u1715\u1732-\u1734\u1752-\u1753\u1772-\u1773"
    "\u17b4-\u17d3\u17dd\u180b-\u180d\u180f\u1885-\u1886\u18a9"
    "\u1920-\u192b\u1930-\u193b\u1a17-\u1a1b\u1a55-\u1a5e\u1a60-\u1a7c"
    "\u1a7f\u1ab0-\u1ace\u1b00-\u1b04\u1b34-\u1b44\u1b6b-\u1b73"
    "\u1b80-\u1b82\u1ba1-\u1bad\u1be6-\u1bf3\u1c24-\u1c37\u1cd0-\u1cd2"
    "\u1cd4-\u1ce8\u1ced\u1cf4\u1cf7-\u1cf9\u1dc0-\u1dff\u20d0-\u20f0"
    "\u2cef-\u2cf1\u2d7f\u2de0-\u2dff\u302a-\u302f\u3099-\u309a"
    "\ua66f-\ua672\ua674-\ua67d\ua69e-\ua69f\ua6f0-\ua6f1\ua802\ua806"
    "\ua80b\ua823-\ua827\ua82c\ua880-\ua881\ua8b4-\ua8c5\ua8e0-\ua8f1"
    "\ua8ff\ua926-\ua92d\ua947-\ua953\ua980-\ua983\ua9b3-\ua9c0\ua9e5"
    "\uaa29-\uaa36\uaa43\uaa4c-\uaa4d\uaa7b-\uaa7d\uaab0\uaab2-\uaab4"
    "\uaab7-\uaab8\uaabe-\uaabf\uaac1\uaaeb-\uaaef\uaaf5-\uaaf6"
    "\uabe3-\uabea\uabec-\uabed\ufb1e\ufe00-\ufe0f\ufe20-\ufe2f"
    "\U000101fd\U000102e0\U00010376-\U0001037a\U00010a01-\U00010a03"
    "\U00010a05-\U00010a06\U00010a0c-\U00010a0f\U00010a38-\U00010a3a"
    "\U00010a3f\U00010ae5-\U00010ae6\U00010d24-\U00010d27"
    "\U00010eab-\U00010eac\U00010f46-\U00010f50\U00010f82-\U00010f85"
    "\U00011000-\U00011002\U00011038-\U00011046\U00011070"
    "\U00011073-\U00011074\U0001107f-\U00011082\U000110b0-\U000110ba"
    "\U000110c2\U00011100-\U00011102\U00011127-\U00011134"
    "\U00011145-\U00011146\U00011173\U00011180-\U00011182"
    "\U000111b3-\U000111c0\U000111c9-\U000111cc\U000111ce-\U000111cf"
    "\U0001122c-\U00011237\U0001123e\U000112df-\U000112ea"
    "\U00011300-\U00011303\U0001133b-\U0001133c\U0001133e-\U00011344"
    "\U00011347-\U00011348\U0001134b-\U0001134d\U00011357"
    "\U00011362-\U00011363\U00011366-\U0001136c\U00011370-\U00011374"
    "\U00011435-\U00011446\U0001145e\U000114b0-\U000114c3"
    "\U000115af-\U000115b5\U000115b8-\U000115c0\U000115dc-\U000115dd"
    "\U00011630-\U00011640\U000116ab-\U000116b7\U0001171d-\U0001172b"
    "\U0001182c-\U0001183a\U00011930-\U00011935\U00011937-\U00011938"
    "\U0001193b-\U0001193e\U00011940\U00011942-\U00011943"
    "\U000119d1-\U000119d7\U000119da-\U000119e0\U000119e4"
    "\U00011a01-\U00011a0a\U00011a33-\U00011a39\U00011a3b-\U00011a3e"
    "\U00011a47\U00011a51-\U00011a5b\U00011a8a-\U00011a99"
    "\U00011c2f-\U00011c36\U00011c38-\U00011c3f\U00011c92-\U00011ca7"
    "\U00011ca9-\U00011cb6\U00011d31-\U00011d36\U00011d3a"
    "\U00011d3c-\U00011d3d\U00011d3f-\U00011d45\U00011d47"
    "\U00011d8a-\U00011d8e\U00011d90-\U00011d91\U00011d93-\U00011d97"
    "\U00011ef3-\U00011ef6\U00016af0-\U00016af4\U00016b30-\U00016b36"
    "\U00016f4f\U00016f51-\U00016f87\U00016f8f-\U00016f92\U00016fe4"
    "\U00016ff0-\U00016ff1\U0001bc9d-\U0001bc9e\U0001cf00-\U0001cf2d"
    "\U0001cf30-\U0001cf46\U0001d165-\U0001d169\U0001d16d-\U0001d172"
    "\U0001d17b-\U0001d182\U0001d185-\U0001d18b\U0001d1aa-\U0001d1ad"
    "\U0001d242-\U0001d244\U0001da00-\U0001da36\U0001da3b-\U0001da6c"
    "\U0001da75\U0001da84\U0001da9b-\U0001da9f\U0001daa1-\U0001daaf"
    "\U0001e000-\U0001e006\U0001e008-\U0001e018\U0001e01b-\U0001e021"
    "\U0001e023-\U0001e024\U0001e026-\U0001e02a\U0001e130-\U0001e136"
    "\U0001e2ae\U0001e2ec-\U0001e2ef\U0001e8d0-\U0001e8d6"
    "\U0001e944-\U0001e94a\U000e0100-\U000e01ef"
)

_UWORD = LazyPattern(  # (only text that is not ASCII takes it)
    r"\w[\w" + _MARKS + r"]*(?:[" + APOSTROPHES + r"]+\w[\w" + _MARKS + r"]*)*"
)
