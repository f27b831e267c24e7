"""``--redact``: mask personal data in every quote and message of every output.

Masked, in this order (each a precompiled regular expression, with a check
where a pattern alone would catch too much):

| what | token | how it is recognised |
|---|---|---|
| e-mail address | ``[EMAIL]`` | ``local@domain.tld`` |
| IBAN-like | ``[IBAN]`` | two capital letters, two digits, 11-30 letters/digits in groups |
| card number | ``[CARD]`` | 13-19 digits, single spaces or dashes between them, **Luhn-valid** |
| SSN-like | ``[SSN]`` | ``123-45-6789`` / ``123 45 6789`` (not 000, 666 or 9xx areas) |
| phone number | ``[PHONE]`` | ``+44 ...``, ``(555) 123-4567``, digit groups or 10-11 bare digits: 7-15 digits, not a date |
| the customer's name | ``[NAME]`` | when the scorecard's metadata names the customer (``customer_name``) |

Redacted are: every evidence ``quote`` (also of triggers and near-misses),
every rule ``message``, error messages, and transcript metadata strings
(``customer_name`` becomes ``[NAME]``; agent and queue fields are kept so
per-agent reports still work). Spans are **not** adjusted: ``span`` keeps
pointing at the original turn text (so evidence can still be found in the
source file), which means ``quote`` no longer equals ``text[span[0]:span[1]]``
once something in it was masked.

Why regular expressions and not scrubadub or Microsoft Presidio: the things
to mask here are pattern-shaped (numbers with checksums, addresses); Presidio
needs spaCy language models downloaded from a model hub (not available in
air-gapped audit environments, and heavy), scrubadub's name detection needs
extra NLP packages too, and both are one to two orders of magnitude slower
than a handful of precompiled patterns with a digit pre-filter. Numbers
spelled out in words ("five five five ...") are not recognised.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .scorecard import Evidence, Scorecard

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}[ ]?(?:[A-Z0-9]{4}[ ]?){2,7}[A-Z0-9]{1,4}\b")
CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])")
SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d])")
PHONE = re.compile(r"""
    (?<![\w+/.-])
    (?:
        \+\d[\d .()-]{5,20}\d                      # +44 20 7946 0958, +1-800-555-0199
      | \(\d{2,5}\)[ .-]?\d[\d .-]{4,12}\d          # (555) 123-4567
      | \d{2,5}(?:[ .-]\d{2,5}){1,4}                # 555-123-4567, 020 7946 0958
      | \d{10,11}                                   # 5551234567
    )
    (?![\w/]|[.-]\d)
""", re.X)
DATE = re.compile(r"\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_DIGIT = re.compile(r"\d")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _card(m: re.Match) -> str:
    digits = m.group().replace(" ", "").replace("-", "")
    return "[CARD]" if luhn_ok(digits) else m.group()


def _phone(m: re.Match) -> str:
    s = m.group()
    n = sum(ch.isdigit() for ch in s)
    if not 7 <= n <= 15 or DATE.fullmatch(s):
        return s
    return "[PHONE]"


#: anything any pattern could match: an @, an IBAN start, or 7+ characters of digits and separators.
#: One search rules out most strings ("agent apologises in turn 3") before the five passes.
_CANDIDATE = re.compile(r"@|[A-Z]{2}\d{2}|[\d(+][\d ().+-]{5,}\d")


def redact_text(text: str) -> str:
    """``text`` with e-mails, IBANs, card numbers, SSNs and phone numbers masked."""
    if not _CANDIDATE.search(text):
        return text
    if "@" in text:
        text = EMAIL.sub("[EMAIL]", text)
    if not _DIGIT.search(text):
        return text
    text = IBAN.sub("[IBAN]", text)
    text = CARD.sub(_card, text)
    text = SSN.sub("[SSN]", text)
    return PHONE.sub(_phone, text)


@lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern | None:
    parts = [re.escape(p) for p in name.split() if len(p) >= 2]
    if not parts:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")\b", re.I)


#: metadata keys kept as they are (they identify agents and queues, not customers)
KEEP_METADATA = {"agent_name", "agent_id", "channel", "queue", "start_time", "roles_source", "location"}


def redact_card(card: Scorecard) -> Scorecard:
    """Mask personal data in ``card`` in place (and return it)."""
    name = card.metadata.get("customer_name")
    pattern = _name_pattern(name) if isinstance(name, str) and name.strip() else None

    def red(text: str) -> str:
        text = redact_text(text)
        return pattern.sub("[NAME]", text) if pattern is not None else text

    def ev(e: Evidence | None) -> None:
        if e is not None:
            e.quote = red(e.quote)

    for r in card.rules:
        r.message = red(r.message)
        for e in r.evidence:
            ev(e)
        ev(r.trigger)
        ev(r.near_miss)
    if card.error is not None:
        card.error.message = red(card.error.message)
    for key, value in list(card.metadata.items()):
        if key in KEEP_METADATA:
            continue
        if key == "customer_name" and pattern is not None:
            card.metadata[key] = "[NAME]"
        elif isinstance(value, str):
            card.metadata[key] = red(value)
        elif isinstance(value, list):
            card.metadata[key] = [red(v) if isinstance(v, str) else v for v in value]
    return card
