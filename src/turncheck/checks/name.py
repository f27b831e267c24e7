"""``name``: when the customer's name is known, an agent turn uses it.

The name is known from transcript metadata (``customer_name``), a named
customer speaker label, or the customer introducing themself ("my name is
Dana", "this is Dana Whitfield"). A use is the first name or a title plus the
surname, as a whole word, accents and apostrophes folded. In text that has
capitals, a lower-case hit ("grace period" for Grace) is an ordinary word, not
the name.
"""

from __future__ import annotations

import re

from ..model import Turn
from ..text import LazyPattern, fold
from .base import CompiledCheck, Context, Outcome, evidence, fill
from .words import STOP

ROLE_WORDS = {"customer", "caller", "client", "user", "member", "contact", "agent", "unknown", "speaker", "guest"}
NOT_NAMES = set("""
a an the calling here just so very really not having trying looking phoning ringing writing sorry fine good okay
ok yes no hi hello hey from with on in at about still and but worried frustrated upset annoyed confused angry
um uh umm uhh erm er ah
going gonna getting afraid sure glad happy new currently also again now back ready unable locked stuck
mum mom dad me someone everyone nobody everybody somebody support team admin customer
thanks thank cheers please yep yeah nope right correct sorry
monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight yesterday morning afternoon evening
january february march july september october november december
""".split())

# (not someone else's name: "his name's Biscuit", "her name is Ada")
_NOT_OWNER = r"(?<!his )(?<!her )(?<!its )(?<!their )(?<!dog's )(?<!cat's )"
_INTRO = LazyPattern(
    r"\b(?:my name is|my name's|my names|my name|" + _NOT_OWNER + r"name is|" + _NOT_OWNER + r"name's"
    r"|this is|i am|i'm|it's|its|call me)\s+"
    r"((?:mr|mrs|ms|miss|dr)\.?\s+)?([^\W\d_][\w'’-]*)(?:\s+([^\W\d_][\w'’-]*))?",
    re.IGNORECASE,
)


# "Oksana here." / "Hi, Oksana here" and a signature at the end of a message: "... thanks - Marek"
_HERE = LazyPattern(r"(?:^|[.!?]\s+|\b(?i:hi|hello|hey)[,!]?\s+)([A-Z][a-z'’-]+)(?:\s+([A-Z][a-z'’-]+))?"
                    r"(?:\s+(?:from|at)\s+[\w&'’.-]+(?:\s+[\w&'’.-]+){0,3})?\s+here\b")  # "Tom from Brightwell here"
# "a reservation for 14-16 June under Adaeze Okafor"
_UNDER = LazyPattern(r"(?i:\b(?:reservation|booking|booked|order|account|table|appointment)\b)[^.?!\n]{0,40}?"
                     r"\b(?i:under|in the name of)\s+(?i:the name\s+(?:of\s+)?)?" + r"(?:(?i:mr|mrs|ms|miss|mx|dr)\.?\s+)?"
                     r"([A-Z][\w'’-]+)\s+([A-Z][\w'’-]+)")
_SIGNATURE = LazyPattern(r"(?:^|\s)[-–—~^]\s*([A-Z][a-z'’-]+)(?:\s+([A-Z][a-z'’-]+))?\s*[.!]?\s*$")


_TITLE = r"(?:(?i:mr|mrs|ms|miss|mx|dr|mister)\.?\s+)?"
# the agent checks identity ("Am I speaking to Mr Harold Brennan?") and the customer confirms
_IDENTITY = LazyPattern(r"(?i:am i (?:speaking|talking) (?:to|with)|is this|is that|are you|have i got)\s+"
                        + _TITLE + r"([A-Z][\w'’-]+)(?:\s+([A-Z][\w'’-]+))?\s*\?")
# the same in speech-to-text output (no capitals, no question mark): "... am i speaking with mrs adeyemi"
_IDENTITY_LOWER = LazyPattern(r"\bam i (?:speaking|talking) (?:to|with) " + _TITLE
                              + r"([^\W\d_][\w'’-]+)(?:\s+([^\W\d_][\w'’-]+))?\W*$")
_CONFIRM = LazyPattern(r"(?i)^\W*(?:yes|yeah|yep|speaking|that's me|thats me|it is|correct|that's right|you are)\b")
# the agent asks for the name and the customer's next turn is the name
_ASKS_NAME = LazyPattern(r"(?i)\b(?:who am i (?:speaking|talking) (?:to|with)|what(?:'s| is) your (?:full )?name"
                         r"|(?:may|can|could) i (?:take|have|get) your (?:full )?name|who's calling|who is calling"
                         r"|\bname,? please"
                         # "can you verify the name on the account", "and the name on the booking?"
                         r"|\b(?:verify|confirm|spell|give me|tell me)\b[^.?!]{0,30}\bthe (?:full )?name\b"
                         r"|\b(?:spell|take|have|get|confirm)\b[^.?!]{0,30}\byour (?:surname|last name|family name)\b"
                         r"|\bname on the (?:account|card|booking|order|policy|reservation|reference)\b"
                         # "Can you confirm the mobile number and your full name?", "Could I get your first name?"
                         r"|(?:take|have|get|grab|confirm|give me|tell me|know)\b[^.?!]{0,40}\byour (?:first |full )?name\b)")
# what may come before the name in a reply: "hi yeah it's", "um it's", "yes my name is"
_FILLERS = r"^\W*(?i:(?:hi|hello|hey|yeah|yes|yep|um+|uh+|erm|er|oh|okay|ok|sure|right|so)[,.]?\s+)*"
_FILLER_AFTER = r"(?i:(?:um+|uh+|erm|er|ah)[,.]?\s+)*"  # "it's uh marcus webb"
_REPLY_LEAD = (_FILLERS + r"(?i:(?:it's|its|it is|this is|i'm|im|my name is|my name's|my names|name's)\s+)?"
               + _FILLER_AFTER)
_BARE_NAME = LazyPattern(_REPLY_LEAD + _TITLE + r"([A-Z][\w'’-]+)(?:\s+([A-Z][\w'’-]+))?(?:\s+[A-Z][\w'’-]+)?\W*$")
# the same in a reply typed all in lower case ("dave") or transcribed by speech-to-text ("yeah it's tom briggs")
_BARE_NAME_LOWER = LazyPattern(_REPLY_LEAD + _TITLE + r"([^\W\d_][\w'’-]+)(?:\s+([^\W\d_][\w'’-]+))?\W*$")


# The agent addresses the customer by name, though no turn shows where the name came from (a profile, a
# DM, an earlier call): "Thanks, Ola.", "Love to hear it, Jordan!", "sure mr hale how much ...".
# Each pattern finds the name first (cheap) and then looks for the greeting or acknowledgement before it.
_LEAD_BEFORE = LazyPattern(r"(?i:\b(?:hi|hello|hey|dear|thanks|thank you|cheers|sure|okay|ok|right|alright|great"
                           r"|perfect|lovely|brilliant|sorry|yes|of course|certainly|welcome|morning|afternoon"
                           r"|evening|for you|else|bye|goodbye)[,!]?\s+)$")
_VOCATIVE = (
    # a title and a surname after one, in any case
    LazyPattern(r"(?i:\b(?:mr|mrs|ms|miss|mx|mister)\.?\s+)([^\W\d_][\w'’-]+)"),
    # a capitalised name after one, ending its phrase: "Thanks, Ola." "Hi Sam,"
    LazyPattern(r"\b([A-Z][a-z'’-]+)\s*(?:[,.!?]|$)"),
)
# a capitalised name closing a sentence that ends in "!" or "?", or the message
_VOCATIVE_CLOSING = LazyPattern(r",\s+([A-Z][a-z'’-]+)\s*(?:[!?]|[.!]?\s*(?:[-–—~^*/]\s*\w+)?\s*$)")
_SIGN_OFF = LazyPattern(r"[.!?]\s+([A-Z][a-z'’-]+)\s*$")
_VOCATIVE_NOT = {"sir", "madam", "maam", "mate", "folks", "all", "guys", "everyone", "there", "friend", "team",
                 "love", "dear", "buddy", "pal", "again", "too", "though", "then", "indeed", "everybody"}


_OWN_BEFORE = LazyPattern(r"(?i)(?:my name is|my name's|my names|name is|this is|i am|i'm|im|call me)\s+$")


def _introduced_by_agent(ctx: Context, word: str) -> bool:
    """Whether an agent turn gives ``word`` as the agent's own name ("this is Jordan", "Jordan here")."""
    w = word.lower()
    for t in ctx.turns:
        if t.role != "agent":
            continue
        low = t.text.lower()
        pos = low.find(w)
        while pos >= 0:
            end = pos + len(w)
            whole = (pos == 0 or not low[pos - 1].isalnum()) and (end == len(low) or not low[end].isalnum())
            if whole and (_OWN_BEFORE.search(low, max(0, pos - 16), pos) or low.startswith(" here", end)):
                return True
            pos = low.find(w, end)
    return False


def _plausible(word: str) -> bool:
    """A word an agent might address the customer by: not "sir", "Hi", "Thanks" or a common word."""
    return fold(word) not in _VOCATIVE_NOT and _could_be_name(word)


def _could_be_name(word: str) -> bool:
    """Not a word that a reply is made of when it is not a name ("yes that's fine", "sure go ahead")."""
    w = fold(word)
    return w not in NOT_NAMES and w not in ROLE_WORDS and w not in STOP


# speech-to-text says the name first, then what else was asked: "it's jerome whitfield june ninth ..."
_NAME_FIRST_LOWER = LazyPattern(_FILLERS + r"(?:it's|its|it is|this is|my name is|my name's|name's)\s+"
                                + _FILLER_AFTER + r"([^\W\d_][\w'’-]+)(?:\s+([^\W\d_][\w'’-]+))?")
# a spelled-out name: "O-K-A-F-O-R.", "s m i t h"
_SPELLED = LazyPattern(r"^\W*((?:[A-Za-z][\s.-]+){2,}[A-Za-z])\W*$")


def _answered_name(reply: str) -> list[str]:
    """The name in a reply to "could I take your name?": the whole reply, or one part of it
    ("Priya Shah, order 88420317", "07700 900418, Aisha Karim", "it's eleanor grant and the postcode is ...").
    In lower case (a typed chat answer, speech-to-text) a part counts when it is short ("dave"), or when the
    reply says "it's ..." first; a name may be spelled out ("O-K-A-F-O-R")."""
    reply = re.sub(r"\[[^\]]*\]", " ", reply).strip()  # "[noise] it's ..."
    spelled = _SPELLED.match(reply)
    if spelled:
        return ["".join(re.findall(r"[A-Za-z]", spelled.group(1))).capitalize()]
    lowered = reply == reply.lower()
    pattern = _BARE_NAME_LOWER if lowered else _BARE_NAME
    for part in re.split(r"[,;]|\s+-\s+|\s+and\s+", reply):
        if lowered and len(part.split()) > 5:
            continue
        m = pattern.search(part)
        if m and _could_be_name(m.group(1)):
            names = [m.group(1)]
            if m.group(2) and _could_be_name(m.group(2)):
                names.append(m.group(2))
            return names
    m = _NAME_FIRST_LOWER.match(reply) if lowered else None
    if m and _could_be_name(m.group(1)):
        return [m.group(1)] + ([m.group(2)] if m.group(2) and _could_be_name(m.group(2)) else [])
    return []


# Cheap tests before the regexes (most turns hold none of these): a match needs one of these strings.
# Case-insensitive patterns are pre-tested on ASCII text only, where lower() is exactly their case folding.
_ASKS_NAME_WORDS = ("name", "calling", "speaking", "talking")
_INTRO_WORDS = ("name", "this is", "i am", "i'm", "it's", "its", "call me")
_HERE_NEEDS = ("here",)
_UNDER_NEEDS = ("under", "name of")
_SIGNATURE_NEEDS = ("-", "\u2013", "\u2014", "~", "^")


def _may_match(text: str, words: tuple[str, ...]) -> bool:
    if not text.isascii():
        return True
    low = text.lower()
    return any(w in low for w in words)


def _name_parts(name: str) -> list[str]:
    parts = [p for p in re.split(r"[\s,]+", name.strip()) if p]
    return [p for p in parts if fold(p) not in ROLE_WORDS and len(fold(p)) > 1]


class NameKind(CompiledCheck):
    def __init__(self, rule, compiler, exemplars):
        super().__init__(rule, compiler, exemplars)
        self.c = rule.check
        self.titles = {fold(t) for t in self.c.titles}

    def known_name(self, ctx: Context) -> tuple[list[str], Turn | None]:
        meta = ctx.transcript.metadata
        for key in self.c.metadata_keys:
            value = meta.get(key)
            if isinstance(value, str) and _name_parts(value):
                return _name_parts(value), None
        for t in ctx.turns:
            if t.role == "customer" and t.speaker and fold(t.speaker) not in ROLE_WORDS:
                parts = _name_parts(re.sub(r"\(.*?\)", "", t.speaker))
                if parts and all(p[:1].isalpha() for p in parts):
                    return parts, t
        turns = ctx.turns
        for k, t in enumerate(turns):
            if t.role != "agent" or k + 1 >= len(turns) or turns[k + 1].role != "customer":
                continue
            m = _IDENTITY.search(t.text) if "?" in t.text else None  # (the pattern ends with a "?")
            if m is None and t.text == t.text.lower() and "am i" in t.text:
                m = _IDENTITY_LOWER.search(t.text)
            if m and _CONFIRM.search(turns[k + 1].text) and fold(m.group(1)) not in NOT_NAMES:
                return [g for g in m.groups() if g], turns[k + 1]
            if _may_match(t.text, _ASKS_NAME_WORDS) and _ASKS_NAME.search(t.text):
                names = _answered_name(turns[k + 1].text)
                if names:
                    return names, turns[k + 1]
        for t in ctx.turns:
            if t.role != "customer":
                continue
            for pattern, needed in ((_HERE, _HERE_NEEDS), (_SIGNATURE, _SIGNATURE_NEEDS), (_UNDER, _UNDER_NEEDS)):
                m = pattern.search(t.text) if _may_match(t.text, needed) else None
                if m and fold(m.group(1)) not in NOT_NAMES and fold(m.group(1)) not in ROLE_WORDS:
                    return [g for g in m.groups() if g], t
            for m in (_INTRO.finditer(t.text) if _may_match(t.text, _INTRO_WORDS) else ()):
                first, last = m.group(2), m.group(3)
                lowered = t.text == t.text.lower()
                if fold(first) in NOT_NAMES or (not lowered and not first[:1].isupper()):
                    continue
                if len(first) > 1 and first.isupper():
                    continue  # "I'm SICK of this" is shouting, not a name
                if lowered and not re.match(r"(?i)(?:my name|name is|call me)", m.group(0)):
                    continue  # without capitals only "my name is X" is safe: "its our anniversary"
                names = [first]
                if last and fold(last) not in NOT_NAMES and (lowered or last[:1].isupper()):
                    names.append(last)
                return names, t
        for t in ctx.turns:
            # a bare name closing a message: "... for my daughter's party tomorrow. Ifeoma"; a capitalised
            # last word may be anything ("... again. Unbelievable"), so it counts only if the agent uses it
            m = _SIGN_OFF.search(t.text) if t.role == "customer" else None
            if m and _could_be_name(m.group(1)) and any(
                    self._find(a, fold(m.group(1)), None) for a in ctx.turns if a.role == "agent"):
                return [m.group(1)], t
        return self._addressed(ctx), None

    @staticmethod
    def _addressed(ctx: Context) -> list[str]:
        """A name an agent turn addresses the customer by, when no turn says where it came from
        (never the agent's own name: "Hi, Jordan here" / "this is Jordan")."""
        for t in ctx.turns:
            if t.role != "agent":
                continue
            text = t.text
            found = [m for p in _VOCATIVE for m in p.finditer(text)
                     if _plausible(m.group(1)) and _LEAD_BEFORE.search(text, max(0, m.start() - 24), m.start())]
            found += (m for m in _VOCATIVE_CLOSING.finditer(text) if _plausible(m.group(1)))
            for m in sorted(found, key=lambda m: m.start()):
                if not _introduced_by_agent(ctx, m.group(1)):
                    return [m.group(1)]
        return []

    def evaluate(self, ctx: Context) -> Outcome:
        msgs = self.rule.messages
        parts, source_turn = self.known_name(ctx)
        if not parts:
            return Outcome("na", fill(msgs.na, "not applicable: the customer's name is never given"))
        first, last = fold(parts[0]), fold(parts[-1]) if len(parts) > 1 else None
        for t in ctx.turns:
            if t.role != "agent":
                continue
            hit = self._find(t, first, last)
            if hit:
                ev = evidence(t, hit)
                return Outcome("pass", fill(msgs.pass_, "agent turn {turn} uses the customer's name: “{quote}”",
                                            turn=t.index, quote=ev.quote), [ev])
        trig = evidence(source_turn) if source_turn else None
        name = " ".join(parts)
        return Outcome("fail", fill(msgs.fail, "the customer's name ({name}) is known but no agent turn uses it",
                                    name=name), [trig] if trig else [], trigger=trig)

    def _find(self, t: Turn, first: str, last: str | None):
        text = t.text
        folded = fold(text)
        if first not in folded and (not last or last not in folded):
            return None  # cheap test before tokenising
        has_caps = text != text.lower()
        tokens = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[^\W_][\w'’-]*", text)]
        for k, (tok, s, e) in enumerate(tokens):
            f = fold(tok)
            if has_caps and not tok[:1].isupper():
                continue
            if f == first:
                if has_caps and (f in STOP or f in NOT_NAMES) and k + 1 < len(tokens) \
                        and tokens[k + 1][0][:1].islower() and text[e:tokens[k + 1][1]].strip() == "" \
                        and (s == 0 or text[:s].rstrip()[-1:] in ".!?"):
                    continue  # "Will do." for Will: a sentence's first word, capitalised for that alone
                return s, e
            if last and f == last and k > 0 and fold(tokens[k - 1][0]).rstrip(".") in self.titles:
                return tokens[k - 1][1], e
        return None
