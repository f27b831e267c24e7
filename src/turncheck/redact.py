"""``--redact``: mask personal data in every quote and message of every output.

Masked, in this order (each a precompiled regular expression, with a check
where a pattern alone would catch too much):

| what | token | how it is recognised |
|---|---|---|
| e-mail address | ``[EMAIL]`` | ``local@domain.tld`` |
| IBAN | ``[IBAN]`` | country code, check digits, 11-30 letters/digits, spaced or not, any case: **mod-97 valid** |
| card number | ``[CARD]`` | 13-19 digits, single spaces, dashes or dots between them, **Luhn-valid** |
| SSN-like | ``[SSN]`` | ``123-45-6789`` / ``123 45 6789`` / ``123456789`` (not 000, 666 or 9xx areas) |
| phone number | ``[PHONE]`` | a number-shaped run of 7-15 digits (not a date) that the ``phonenumbers`` library |
| | | (Google's libphonenumber metadata) accepts as a possible number: international, or national |
| | | in one of :data:`PHONE_REGIONS` (UK mobiles ``07911 123456``, ``030 12345678``, US numbers) |
| the customer's name | ``[NAME]`` | the scorecard's ``customer_name``, and names the customer gives in the |
| | | text ("I am Tom Reyes", "my name is ...", collected where the card is checked) |

With ``--redact`` the source file name in every output is redacted too (the
same patterns and names), and the conversation shown by ``html`` as well.

Redacted are: every evidence ``quote`` (also of triggers and near-misses),
every rule ``message``, error messages, and transcript metadata strings
(``customer_name`` becomes ``[NAME]``; agent and queue fields are kept so
per-agent reports still work). Spans are **not** adjusted: ``span`` keeps
pointing at the original turn text (so evidence can still be found in the
source file), which means ``quote`` no longer equals ``text[span[0]:span[1]]``
once something in it was masked.

Why regular expressions (plus ``phonenumbers``) and not scrubadub or Microsoft Presidio: the things
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
IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}[ ]?(?:[A-Za-z0-9]{4}[ ]?){2,7}[A-Za-z0-9]{1,4}\b")
CARD = re.compile(r"(?<![\d.-])\d(?:[ .-]?\d){12,18}(?![\d]|[.-]\d)")
SSN = re.compile(r"(?<![\d.-])(?!000|666|9\d\d)\d{3}([- ]?)(?!00)\d{2}\1(?!0000)\d{4}(?![\d]|[.-]\d)")
PHONE = re.compile(r"""
    (?<![\w+/.-])
    (?:
        \+\d[\d .()-]{5,20}\d                      # +44 20 7946 0958, +1-800-555-0199
      | \(\d{2,5}\)[ .-]?\d[\d .-]{4,12}\d          # (555) 123-4567
      | \d{2,5}(?:[ .-]\d{2,8}){1,4}                # 555-123-4567, 020 7946 0958, 07911 123456
      | \d{10,11}                                   # 5551234567, 07911123456
    )
    (?![\w/]|[.-]\d)
""", re.X)
DATE = re.compile(r"\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_DIGIT = re.compile(r"\d")
#: regions whose national numbering a number without a country code is tried in
PHONE_REGIONS = ("GB", "US", "DE", "FR", "IE", "AU")


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


def iban_ok(text: str) -> bool:
    """The ISO 13616 check: the country and check digits moved to the end, letters as numbers, mod 97 is 1."""
    s = text.replace(" ", "").upper()
    if not 15 <= len(s) <= 34:
        return False
    moved = s[4:] + s[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def _iban(m: re.Match) -> str:
    return "[IBAN]" if iban_ok(m.group()) else m.group()


def _card(m: re.Match) -> str:
    digits = re.sub(r"[ .-]", "", m.group())
    return "[CARD]" if luhn_ok(digits) else m.group()


@lru_cache(maxsize=8192)
def possible_phone(s: str) -> bool:
    """Whether ``phonenumbers`` takes ``s`` for a possible phone number (international, or national in one of
    :data:`PHONE_REGIONS`)."""
    import phonenumbers

    for region in (None,) if s.startswith("+") else PHONE_REGIONS:
        try:
            number = phonenumbers.parse(s, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            return True
    return False


def _phone(m: re.Match) -> str:
    s = m.group()
    n = sum(ch.isdigit() for ch in s)
    if not 7 <= n <= 15 or DATE.fullmatch(s) or not possible_phone(s):
        return s
    return "[PHONE]"


#: anything any pattern could match: an @, an IBAN start, or 7+ characters of digits and separators.
#: One search rules out most strings ("agent apologises in turn 3") before the five passes.
_CANDIDATE = re.compile(r"@|[A-Za-z]{2}\d{2}|[\d(+][\d ().+-]{5,}\d")


def redact_text(text: str) -> str:
    """``text`` with e-mails, IBANs, card numbers, SSNs and phone numbers masked."""
    if not _CANDIDATE.search(text):
        return text
    if "@" in text:
        text = EMAIL.sub("[EMAIL]", text)
    if not _DIGIT.search(text):
        return text
    text = IBAN.sub(_iban, text)
    text = CARD.sub(_card, text)
    text = SSN.sub("[SSN]", text)
    return PHONE.sub(_phone, text)


#: "I am Tom Reyes", "my name is Dana", "this is Priya Shah": a name the customer gives (capitalised words)
_GIVEN = re.compile(r"\b(?i:i\s+am|i'm|i’m|im|my\s+name\s+is|my\s+name's|name's|this\s+is|it's|it\s+is|call\s+me)"
                    r"\s+((?:[A-Z][a-z'’-]+)(?:\s+[A-Z][a-z'’-]+){0,2})")
#: capitalised words that follow "I am"/"this is" without being names
_NOT_NAMES = frozenset("""
a an the so not very really just still sorry calling here back done fine good great ok okay sure afraid
happy unhappy annoyed angry upset frustrated confused worried disappointed writing trying looking about
going getting having with from in on at on for your my our his her their this that it what who how why
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december mr mrs ms miss dr sir madam yes no hello hi hey thanks thank
""".split())


def given_names(texts) -> list[str]:
    """Names the customer gives in ``texts`` ("I am Tom Reyes" -> "Tom Reyes"), in order, without repeats."""
    out: dict[str, None] = {}
    for text in texts:
        for m in _GIVEN.finditer(text):
            words = m.group(1).split()
            while words and words[0].lower() in _NOT_NAMES:
                words = words[1:]
            cut = next((i for i, w in enumerate(words) if w.lower() in _NOT_NAMES), len(words))
            words = words[:cut]
            if words:
                out[" ".join(words)] = None
    return list(out)


def customer_names(transcript) -> list[str]:
    """The customer's known name and the names given in the customer's turns."""
    names = []
    known = transcript.metadata.get("customer_name")
    if isinstance(known, str) and known.strip():
        names.append(known)
    names += given_names(t.text for t in transcript.turns if t.role == "customer")
    return names


@lru_cache(maxsize=4096)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    parts = {re.escape(p) for name in names for p in name.split() if len(p) >= 2}
    if not parts:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")\b", re.I)


def redactor(names=()):
    """``text -> text`` masking personal data and the given ``names`` (each of their words)."""
    pattern = _name_pattern(tuple(n for n in names if isinstance(n, str) and n.strip()))

    def red(text: str) -> str:
        text = redact_text(text)
        return pattern.sub("[NAME]", text) if pattern is not None else text

    return red


#: metadata keys kept as they are (they identify agents and queues, not customers)
KEEP_METADATA = {"agent_name", "agent_id", "channel", "queue", "start_time", "roles_source", "location"}
#: metadata key holding the names the customer gave in the text (set where the card is checked, with --redact)
GIVEN_NAMES = "customer_given_names"


def redact_card(card: Scorecard) -> Scorecard:
    """Mask personal data in ``card`` in place (and return it): quotes, messages, metadata and the source name."""
    names = []
    name = card.metadata.get("customer_name")
    if isinstance(name, str) and name.strip():
        names.append(name)
    given = card.metadata.get(GIVEN_NAMES)
    if isinstance(given, list):
        names += [n for n in given if isinstance(n, str)]
    red = redactor(names)

    def ev(e: Evidence | None) -> None:
        if e is not None:
            e.quote = red(e.quote)
            if e.speaker:
                e.speaker = red(e.speaker)

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
        if key == "customer_name" and isinstance(value, str) and value.strip():
            card.metadata[key] = "[NAME]"
        elif key == GIVEN_NAMES and isinstance(value, list):
            card.metadata[key] = ["[NAME]" for _ in value]
        elif isinstance(value, str):
            card.metadata[key] = red(value)
        elif isinstance(value, list):
            card.metadata[key] = [red(v) if isinstance(v, str) else v for v in value]
    card.source = redact_name(card.source, red)
    card.transcript = redact_name(card.transcript, red)
    return card


_NAME_SEPARATORS = re.compile(r"([/\\_.:-])")


def redact_name(name: str, red=redact_text) -> str:
    """A file name or transcript id with personal data masked: the whole, then each part between ``/ _ . - :``
    (a phone number or a name inside ``calls/tom-reyes_07911123456.txt`` is not a word of its own)."""
    name = red(name)
    return "".join(part if i % 2 else red(part) for i, part in enumerate(_NAME_SEPARATORS.split(name)))
