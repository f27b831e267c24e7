"""Content words of a turn, stemmed: what the restatement check compares and what phrase checks use to tell
whether two sentences are about the same thing.

Stop words and numbers are not content, nor digits spelt out as call transcripts write them (a card number
read back shares every "four" and "nine" with the customer's; "thirty pounds" is an amount and stays). Stems
come from the Snowball stemmer (PyStemmer's C build when it is installed, through ``snowballstemmer``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from .base import Context, replied

STOP = frozenset("""
a about above after again against all am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just let me more most my myself no nor not now of off
on once only or other our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours yourself yourselves im ive id ill youre youve youll
dont didnt doesnt isnt wasnt arent werent cant couldnt wont wouldnt shouldnt hasnt havent hadnt thats theres
whats lets also get got getting gets go going gone went make made really still even yes yeah ok okay oh hi hello
hey please thanks thank sorry well like know think want need say said tell told one thing things something
anything nothing way right sure bit lot much many us able see just day today time now back
zero two three four five six seven eight nine
""".split())

_stemmer = snowballstemmer.stemmer("english")

#: the run of @handles a social reply opens with ("@user @Adobe Hi there" -> "@user @Adobe ", ".@user: ..."):
#: an address, read the same way here and by the restatement check's lead cues
OPENING_HANDLES = r"\s*[.]?(?:[@＠][\w.]+[\s,:;]*)+"
_OPENING_HANDLES = re.compile(OPENING_HANDLES)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def _is_content(w: str) -> bool:
    return w not in STOP and len(w) >= 3 and not any(ch.isdigit() for ch in w)


#: word -> its stem, or False for a word that is not a content word
_CONTENT_STEM: dict[str, str | bool] = {}


def _content_stem(w: str) -> str | bool:
    got = _CONTENT_STEM.get(w)
    if got is None:
        got = stem(w) if _is_content(w) else False
        if len(_CONTENT_STEM) < 200_000:
            _CONTENT_STEM[w] = got
    return got


def turn_stems(ctx: Context, i: int) -> list[tuple[str, int, int]]:
    """``(stem, start, end)`` of each content word of turn ``i``, from the turn's scan, cached per transcript.
    The @handles a turn opens with address it, they are not content: "@Adobe" at the start of both turns says
    nothing about the customer's point (one inside a sentence, "the new @dropbox update", names the product)."""
    cache = ctx.cache.setdefault("stems", {})
    got = cache.get(i)
    if got is None:
        hits = ctx.hits(i)
        text = ctx.turns[i].text
        m = _OPENING_HANDLES.match(text)
        opening = m.end() if m else 0
        get = _CONTENT_STEM.get
        got = []
        for w, (s, e) in zip(hits.words, hits.tokens):
            st = get(w)
            if st is None:
                st = _content_stem(w)
            if st is not False and not (s < opening and text[s - 1] == "@"):
                got.append((st, s, e))
        cache[i] = got
    return got


#: a figure of the customer's that says what went wrong: two or three digits standing alone ("stuck at 99%",
#: "lost 60 hours", "error 83", "$40 more") or an amount with its pence or cents ("£54.99 twice"), not a part
#: of a time, a version or a long number
_FIGURE = re.compile(r"(?<![\d.,:/])(?:\d{1,4}[.,]\d\d|\d{2,3})(?!\d|[.,:/]\d)")


def turn_figures(ctx: Context, i: int) -> list[tuple[str, int]]:
    """``(figure, start)`` of each figure in turn ``i`` (see ``_FIGURE``), cached per transcript. A figure is
    not a content word: repeating only a number back is taking details, not a playback; the restatement check
    counts one beside a shared word."""
    cache = ctx.cache.setdefault("figures", {})
    got = cache.get(i)
    if got is None:
        got = cache[i] = [(m.group().lstrip("0") or "0", m.start()) for m in _FIGURE.finditer(ctx.turns[i].text)]
    return got


#: words that deny what follows them ("it isn't pending", "no shows were removed", "I never agreed")
NEGATIONS = frozenset("""
not no never isnt wasnt arent werent doesnt dont didnt hasnt havent hadnt cant cannot couldnt wont wouldnt
shouldnt aint nothing nobody none neither nor without
""".split())


#: the words a question or a request opens with: what it names is asked about, not asserted
_ASKING = frozenset("""
can could would will do does did is are was were how what which where when why who please pls plz any anyone
""".split())
#: a request inside a sentence ("Hello, I'd like to book the meeting room")
_REQUEST = re.compile(r"\b(?:id like|i would like|we would like|wed like|i want|we want|i need|we need|can i|could i"
                      r"|can we|could we|can you|could you|would you|is it|is there|are there|please|pls|plz"
                      r"|wondering)\b")


def asserted_stems(ctx: Context, i: int, *, reach: int = 4) -> set[str]:
    """Content stems of turn ``i`` said without a negation in the ``reach`` words before them, outside
    questions and requests: "do you accept PayPal?" asserts nothing about PayPal."""
    hits = ctx.hits(i)
    text = hits.text
    negated_at: set[int] = set()
    for k, w in enumerate(hits.words):
        if w in NEGATIONS:
            negated_at.update(range(k + 1, k + 1 + reach))
    # one pass over the words, sentence by sentence: the words of a question or a request assert nothing
    n = 0
    tokens = hits.tokens
    for lo, hi in ctx.sentences(i):
        while n < len(tokens) and tokens[n][0] < lo:
            n += 1
        m = n
        while m < len(tokens) and tokens[m][0] < hi:
            m += 1
        if n < m and ("?" in text[lo:hi] or hits.words[n] in _ASKING or _REQUEST.search(" ".join(hits.words[n:m]))):
            negated_at.update(range(n, m))
        n = m
    out = set()
    for k, w in enumerate(hits.words):
        st = w if w in ECHO_WORDS else _content_stem(w)
        if st is not False and k not in negated_at:
            out.add(st)
    return out


#: stop words that still carry what was said when one side denies the other's word: "it's down" / "it isn't down"
ECHO_WORDS = frozenset({"down", "gone"})


def stems_between(ctx: Context, i: int, start: int, end: int, n: int) -> list[str]:
    """The first ``n`` content stems (or :data:`ECHO_WORDS`) of turn ``i`` in ``[start, end)``."""
    hits = ctx.hits(i)
    out: list[str] = []
    words, tokens = hits.words, hits.tokens
    for k in range(hits.word_index(start), len(tokens)):
        w, (s, e) = words[k], tokens[k]
        if s < start:
            continue
        if e > end or len(out) >= n:
            break
        st = w if w in ECHO_WORDS else _content_stem(w)
        if st is not False:
            out.append(st)
    return out


def echoes(ctx: Context, i: int, start: int, end: int, n: int) -> bool:
    """Whether one of the first ``n`` content words of turn ``i`` from ``start`` (to ``end``, the sentence's end)
    is, by stem, one the other side asserted in its reply just before: said with no negation just before it and
    outside a question or request ("my bag was lost" asserts "lost"; "it never arrived" asserts nothing about
    arriving, nor "do you take PayPal?" about PayPal). The ``echo`` test of a presence check's ``also`` set."""
    cache = ctx.cache.setdefault("asserted", {})
    said = cache.get(i)
    if said is None:
        said = cache[i] = set().union(*(asserted_stems(ctx, j) for j in replied(ctx, i)[0]))
    if not said:
        return False
    return any(st in said for st in stems_between(ctx, i, start, end, n))
