"""Talk metrics of a timed transcript: silence (dead air), talk-over, talk ratio per role, speaking rate.

Computed once per transcript from utterance start and end times. A transcript without utterance timings (a
chat log) has no metrics (``None``), never a made-up figure. Every figure is rounded to 0.01.

| metric | what it is |
|---|---|
| ``duration_seconds`` | first utterance start to last utterance end |
| ``silence_total_seconds`` | time in which nobody speaks, between the first start and the last end |
| ``silence_longest_seconds`` | the longest such gap |
| ``silence_share`` | silence_total_seconds / duration_seconds (0-1) |
| ``talkover_count`` | agent and customer utterances that overlap |
| ``talkover_total_seconds`` / ``talkover_longest_seconds`` | how long they overlap, in all and at most |
| ``agent_talk_seconds`` / ``customer_talk_seconds`` | speaking time of each role |
| ``agent_talk_ratio`` | agent_talk_seconds / (agent + customer talk seconds) (0-1) |
| ``agent_words_per_minute`` | the agent's words per minute of the agent's speaking time |
"""

from __future__ import annotations

from .model import Transcript
from .text import LazyPattern

NAMES = ("duration_seconds", "silence_total_seconds", "silence_longest_seconds", "silence_share",
         "talkover_count", "talkover_total_seconds", "talkover_longest_seconds", "agent_talk_seconds",
         "customer_talk_seconds", "agent_talk_ratio", "agent_words_per_minute")


def talk_metrics(transcript: Transcript) -> dict[str, float] | None:
    """The metrics of ``transcript``, or None when no utterance has a start and an end."""
    timed = [(t.start, t.end, t.role, t) for t in transcript.turns
             if t.start is not None and t.end is not None and t.end >= t.start]
    if not timed:
        return None
    if any(timed[k][0] > timed[k + 1][0] for k in range(len(timed) - 1)):
        timed.sort(key=lambda x: x[0])  # captions are in time order; a merged export may not be
    first, last = timed[0][0], max(e for _, e, _, _ in timed)
    duration = last - first
    # silence: the gaps in the union of every utterance's interval
    gaps, reach = [], first
    for s, e, _, _ in timed:
        if s > reach:
            gaps.append(s - reach)
        if e > reach:
            reach = e
    # talk-over: each agent utterance against each customer utterance it overlaps (both in start order)
    agent = [(s, e, t) for s, e, r, t in timed if r == "agent"]
    customer = [(s, e) for s, e, r, _ in timed if r == "customer"]
    overlaps, j = [], 0
    for a_s, a_e, _ in agent:
        while j < len(customer) and customer[j][1] <= a_s:
            j += 1
        k = j
        while k < len(customer) and customer[k][0] < a_e:
            o = min(a_e, customer[k][1]) - max(a_s, customer[k][0])
            if o > 0:
                overlaps.append(o)
            k += 1
    agent_talk = sum(e - s for s, e, _ in agent)
    customer_talk = sum(e - s for s, e in customer)
    agent_words = sum(len(t.text.split()) for _, _, t in agent)
    both = agent_talk + customer_talk
    silence = sum(gaps)
    return {
        "duration_seconds": round(duration, 2),
        "silence_total_seconds": round(silence, 2),
        "silence_longest_seconds": round(max(gaps, default=0.0), 2),
        "silence_share": round(silence / duration, 2) if duration > 0 else 0.0,
        "talkover_count": len(overlaps),
        "talkover_total_seconds": round(sum(overlaps), 2),
        "talkover_longest_seconds": round(max(overlaps, default=0.0), 2),
        "agent_talk_seconds": round(agent_talk, 2),
        "customer_talk_seconds": round(customer_talk, 2),
        "agent_talk_ratio": round(agent_talk / both, 2) if both > 0 else 0.0,
        "agent_words_per_minute": round(agent_words / (agent_talk / 60), 2) if agent_talk > 0 else 0.0,
    }


#: the silence the HTML timeline shades as dead air when the rule set has no ``silence_longest_seconds`` bound
DEAD_AIR_SECONDS = 5.0
_SILENCE_BOUND = LazyPattern(r"^\s*silence_longest_seconds\s*(<=|<)\s*(\d+(?:\.\d+)?)\s*$")


def _timed(transcript: Transcript) -> list[tuple[float, float, str]]:
    timed = [(t.start, t.end, t.role) for t in transcript.turns
             if t.start is not None and t.end is not None and t.end >= t.start]
    timed.sort(key=lambda x: x[0])
    return timed


def silence_intervals(transcript: Transcript, min_seconds: float = 0.0) -> list[tuple[float, float]]:
    """``(start, end)`` of each gap in which nobody speaks (the gaps ``silence_*`` add up), at least
    ``min_seconds`` long; empty without timings."""
    out, timed = [], _timed(transcript)
    if not timed:
        return out
    reach = timed[0][0]
    for s, e, _ in timed:
        if s > reach and s - reach >= min_seconds and s - reach > 0:
            out.append((reach, s))
        reach = max(reach, e)
    return out


def talkover_intervals(transcript: Transcript) -> list[tuple[float, float]]:
    """``(start, end)`` of each agent/customer overlap (the ones ``talkover_*`` count); empty without timings."""
    timed = _timed(transcript)
    customer = [(s, e) for s, e, r in timed if r == "customer"]
    out = []
    for a_s, a_e, role in timed:
        if role != "agent":
            continue
        for c_s, c_e in customer:
            if c_s >= a_e:
                break
            lo, hi = max(a_s, c_s), min(a_e, c_e)
            if hi > lo:
                out.append((lo, hi))
    return out


def dead_air_seconds(rules) -> float:
    """The silence the rule set calls dead air: the tightest ``silence_longest_seconds < / <= N`` of its metric
    rules (``Rule`` objects or dicts), else :data:`DEAD_AIR_SECONDS`."""
    bounds = []
    for rule in rules or ():
        check = rule.get("check") if isinstance(rule, dict) else getattr(rule, "check", None)
        kind = check.get("kind") if isinstance(check, dict) else getattr(check, "kind", None)
        if kind != "metric":
            continue
        require = check.get("require") if isinstance(check, dict) else check.require
        for text in [require] if isinstance(require, str) else require or ():
            m = _SILENCE_BOUND.match(str(text))
            if m:
                bounds.append(float(m.group(2)))
    return min(bounds) if bounds else DEAD_AIR_SECONDS
