"""Who is the agent and who is the customer.

Three sources, in this order of precedence:

1. **option** -- ``ImportOptions.agent_speakers`` / ``customer_speakers`` (the
   ``--agent-speaker`` / ``--customer-speaker`` flags) and ``channel_roles``;
2. **file** -- what the file states: a role field (``ParticipantRole``,
   ``role: AGENT``), a role word as the speaker label (``Agent:``,
   ``<v Customer>``, ``Priya (Support):``), or names given in a header
   (``# agent: Priya``, ``NOTE customer: Dana``, ``meta.agent_name``);
3. **heuristic** -- only when ``infer_roles`` is on and nothing above gave
   any speaker the agent or customer role: the speaker whose early turns
   greet like an agent ("thank you for calling", "how can I help", "my name
   is X and I'll...", "this is <brand> support", "you're speaking to ...")
   becomes the agent and the other main speaker the customer; failing that,
   a speaker whose early turns sound like a caller ("I'm calling about",
   "I've been on hold") is the customer when there are exactly two; failing
   that, in a channel-separated call the first channel (``ch_0`` / ``0``)
   is the agent. The evidence is recorded in ``metadata["roles_evidence"]``.

The result is in ``metadata["roles_source"]``: ``file``, ``option``,
``heuristic: greeting`` / ``heuristic: caller`` / ``heuristic: channel 0``,
several joined by ``+``, or ``none``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from ..model import Role
from ..text import LazyPattern

AGENT_WORDS = frozenset(
    "agent representative rep support advisor adviser associate csr operator staff specialist "
    "assistant consultant helpdesk concierge technician".split()
)
CUSTOMER_WORDS = frozenset("customer caller client user member contact end_user enduser guest visitor".split())
#: stated non-participants (README: SYSTEM -> other)
OTHER_WORDS = frozenset("system bot ivr automated system_message other".split())
#: labels that contain a customer word but name the support side
AGENT_PHRASES = (
    "customer service",
    "customer support",
    "customer care",
    "customer success",
    "customer experience",
    "client services",
    "member services",
    "help desk",
    "service desk",
    "live agent",
)

_WORD = LazyPattern(r"[a-z_]+")
_NUMBERED = LazyPattern(r"^([a-z_ ]+?)\s*#?\s*\d+$")
_SUFFIX = LazyPattern(r"^(.*?)\s*[(\[]([^)\]]*)[)\]]\s*$")


def role_word(label: str | None) -> Role | None:
    """The role a label states by itself ("Agent", "CUSTOMER", "Support Rep", "end_user"), else None."""
    if not label:
        return None
    low = label.strip().casefold().replace("-", "_")
    if low in AGENT_WORDS:
        return "agent"
    if low in CUSTOMER_WORDS:
        return "customer"
    if low in OTHER_WORDS:
        return "other"
    spaced = low.replace("_", " ")
    if any(p in spaced for p in AGENT_PHRASES):
        return "agent"
    m = _NUMBERED.match(spaced)
    if m:  # "Customer 1", "Visitor #4821", "Agent 2"
        return role_word(m.group(1))
    words = _WORD.findall(low)
    if not words or len(words) > 4:
        return None
    # "Support Agent", "Agent Priya", "Billing Rep": an agent word anywhere. Customer words only
    # count alone ("User Name", "Guest Nova" are people, not roles).
    if any(w in AGENT_WORDS for w in words):
        return "agent"
    return None


def label_role(label: str | None) -> Role | None:
    """The role a speaker label states, also through a suffix: ``"Priya (Support)"`` -> agent."""
    role = role_word(label)
    if role is None and label:
        suffix = split_suffix(label)[1]
        role = role_word(suffix) if suffix else None
    return role


def split_suffix(label: str) -> tuple[str, str | None]:
    """``"Priya (Support)"`` -> ``("Priya", "Support")``; no suffix -> ``(label, None)``."""
    m = _SUFFIX.match(label)
    if m and m.group(1):
        return m.group(1), m.group(2).strip()
    return label, None


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def names_match(label: str, name: str) -> bool:
    """Does speaker ``label`` refer to the person ``name``? Exact (ignoring case and a
    ``(suffix)``), or a first name against a full name ("Tom" / "Tom Hargreaves")."""
    a, b = _norm(split_suffix(label)[0]), _norm(split_suffix(name)[0])
    if not a or not b:
        return False
    if a == b:
        return True
    aw, bw = a.split(), b.split()
    return (len(aw) == 1 and bw[0] == a) or (len(bw) == 1 and aw[0] == b)


@dataclass
class RoleMapper:
    """Resolves a speaker label to (role, source). Built once per transcript."""

    agent_options: tuple[str, ...] = ()
    customer_options: tuple[str, ...] = ()
    channel_roles: dict[str, str] = field(default_factory=dict)
    agent_names: list[str] = field(default_factory=list)
    customer_names: list[str] = field(default_factory=list)
    _cache: dict[str, tuple[Role | None, str | None]] = field(default_factory=dict)

    @classmethod
    def from_options(cls, options, agent_names: Iterable[str] = (), customer_names: Iterable[str] = ()) -> "RoleMapper":
        return cls(
            tuple(options.agent_speakers),
            tuple(options.customer_speakers),
            {str(k).casefold(): v for k, v in dict(options.channel_roles).items()},
            [n for n in agent_names if n],
            [n for n in customer_names if n],
        )

    def resolve(self, speaker: str | None, channel: str | None = None) -> tuple[Role | None, str | None]:
        key = f"{speaker}\x00{channel}"
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._resolve(speaker, channel)
        return hit

    def _resolve(self, speaker: str | None, channel: str | None) -> tuple[Role | None, str | None]:
        if speaker:
            if any(names_match(speaker, n) for n in self.agent_options):
                return "agent", "option"
            if any(names_match(speaker, n) for n in self.customer_options):
                return "customer", "option"
        if self.channel_roles:
            for key in _channel_keys(channel, speaker):
                role = self.channel_roles.get(key)
                if role in ("agent", "customer", "other"):
                    return role, "option"  # type: ignore[return-value]
        if speaker:
            if any(names_match(speaker, n) for n in self.agent_names):
                return "agent", "file"
            if any(names_match(speaker, n) for n in self.customer_names):
                return "customer", "file"
            role = label_role(speaker)
            if role is not None:
                return role, "file"
        return None, None


_TRAILING_NUMBER = LazyPattern(r"(\d+)$")


def _channel_keys(*values: str | None) -> list[str]:
    """``"ch_1"``, ``"channel 1"``, ``"spk_1"``, ``1`` all match a ``channel_roles`` key ``"1"`` (and the label itself)."""
    keys: list[str] = []
    for value in values:
        if value is None:
            continue
        text = str(value).strip().casefold()
        keys.append(text)
        m = _TRAILING_NUMBER.search(text)
        if m:
            keys.append(str(int(m.group(1))))
    return keys


# --- heuristic -----------------------------------------------------------------------------

_AGENT_CUES = LazyPattern(
    r"\b(?:"
    r"thanks? (?:you )?for (?:calling|contacting|reaching out|reaching|choosing|holding|waiting|getting in touch)"
    r"|how (?:can|may|might|could) (?:i|we) (?:help|assist)"
    r"|what can (?:i|we) (?:do|help)"
    r"|(?:how|what) (?:can|may) i do for you"
    r"|my name is [\w.'-]+[ ,]+(?:and )?(?:i'll|i will|how)"
    r"|(?:you're|you are|you've) (?:speaking|through|chatting|talking) (?:to|with)"
    r"|this is [\w .'&-]{1,40}? (?:support|customer service|customer care|help ?desk|billing|bank|team|services?)\b"
    r"|(?:welcome to|here from) [\w .'&-]{1,40}"
    r"|(?:i'll|i will|i'd be happy to|happy to) (?:help|assist) you"
    r")",
    re.IGNORECASE,
)
_CUSTOMER_CUES = LazyPattern(
    r"\b(?:"
    r"i(?:'m| am) calling (?:about|because|to|regarding|for)"
    r"|i(?:'ve| have) been (?:on hold|waiting|charged)"
    r"|i (?:want|need|would like|'d like) to (?:cancel|return|complain|report|dispute|change|check)"
    r"|(?:my|our) (?:order|parcel|package|bill|account|card|refund|delivery)\b"
    r")",
    re.IGNORECASE,
)

EARLY_TURNS = 3


def infer_roles(
    turns: list[tuple[str | None, str]], channel_keys: list[str] | None = None
) -> tuple[dict[str, Role], str, dict] | None:
    """Guess agent/customer from ``(speaker, text)`` pairs (in order).

    Returns ``(speaker -> role, source, evidence)`` or None when nothing is
    convincing. ``channel_keys``: speaker keys that are audio channels, in
    channel order (for the channel-0 fallback).
    """
    early: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for speaker, text in turns:
        if speaker is None:
            continue
        counts[speaker] = counts.get(speaker, 0) + 1
        bucket = early.setdefault(speaker, [])
        if len(bucket) < EARLY_TURNS:
            bucket.append(text)
    if not counts:
        return None
    by_size = sorted(counts, key=lambda s: -counts[s])

    def first_match(pattern: re.Pattern[str], speaker: str) -> str | None:
        for text in early[speaker]:
            m = pattern.search(text)
            if m:
                return m.group(0)
        return None

    agent_hits = {s: q for s in counts if (q := first_match(_AGENT_CUES, s))}
    if agent_hits:
        # several greeters: the one who speaks first wins
        order = [s for s, _ in turns if s in agent_hits]
        agent = order[0]
        mapping: dict[str, Role] = {agent: "agent"}
        evidence: dict = {"agent": {"speaker": agent, "quote": agent_hits[agent]}}
        others = [s for s in by_size if s != agent]
        if others:
            mapping[others[0]] = "customer"
            evidence["customer"] = {"speaker": others[0], "reason": "the other main speaker"}
        return mapping, "heuristic: greeting", evidence

    if len(counts) == 2:
        caller_hits = {s: q for s in counts if (q := first_match(_CUSTOMER_CUES, s))}
        if len(caller_hits) == 1:
            (customer, quote), = caller_hits.items()
            agent = next(s for s in counts if s != customer)
            return (
                {customer: "customer", agent: "agent"},
                "heuristic: caller",
                {"customer": {"speaker": customer, "quote": quote}, "agent": {"speaker": agent, "reason": "the other speaker"}},
            )

    if channel_keys and len(channel_keys) >= 2 and channel_keys[0] in counts:
        first = channel_keys[0]
        mapping = {first: "agent"}
        evidence = {"agent": {"speaker": first, "reason": "channel 0 of a call-centre recording"}}
        second = channel_keys[1]
        if second in counts:
            mapping[second] = "customer"
            evidence["customer"] = {"speaker": second, "reason": "channel 1"}
        return mapping, "heuristic: channel 0", evidence
    return None
