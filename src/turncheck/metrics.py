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

NAMES = ("duration_seconds", "silence_total_seconds", "silence_longest_seconds", "silence_share",
         "talkover_count", "talkover_total_seconds", "talkover_longest_seconds", "agent_talk_seconds",
         "customer_talk_seconds", "agent_talk_ratio", "agent_words_per_minute")


def talk_metrics(transcript: Transcript) -> dict[str, float] | None:
    """The metrics of ``transcript``, or None when no utterance has a start and an end."""
    timed = [t for t in transcript.turns if t.start is not None and t.end is not None and t.end >= t.start]
    if not timed:
        return None
    first, last = min(t.start for t in timed), max(t.end for t in timed)
    duration = last - first
    # silence: the gaps in the union of every utterance's interval
    gaps, reach = [], first
    for t in sorted(timed, key=lambda t: t.start):
        if t.start > reach:
            gaps.append(t.start - reach)
        reach = max(reach, t.end)
    # talk-over: each agent utterance against each customer utterance it overlaps (both lists by start time)
    agent = sorted((t for t in timed if t.role == "agent"), key=lambda t: t.start)
    customer = sorted((t for t in timed if t.role == "customer"), key=lambda t: t.start)
    overlaps, j = [], 0
    for a in agent:
        while j < len(customer) and customer[j].end <= a.start:
            j += 1
        k = j
        while k < len(customer) and customer[k].start < a.end:
            o = min(a.end, customer[k].end) - max(a.start, customer[k].start)
            if o > 0:
                overlaps.append(o)
            k += 1
    agent_talk = sum(t.end - t.start for t in agent)
    customer_talk = sum(t.end - t.start for t in customer)
    agent_words = sum(len(t.text.split()) for t in agent)
    both = agent_talk + customer_talk

    def r(x: float) -> float:
        return round(x, 2)

    return {
        "duration_seconds": r(duration),
        "silence_total_seconds": r(sum(gaps)),
        "silence_longest_seconds": r(max(gaps, default=0.0)),
        "silence_share": r(sum(gaps) / duration) if duration > 0 else 0.0,
        "talkover_count": len(overlaps),
        "talkover_total_seconds": r(sum(overlaps)),
        "talkover_longest_seconds": r(max(overlaps, default=0.0)),
        "agent_talk_seconds": r(agent_talk),
        "customer_talk_seconds": r(customer_talk),
        "agent_talk_ratio": r(agent_talk / both) if both > 0 else 0.0,
        "agent_words_per_minute": r(agent_words / (agent_talk / 60)) if agent_talk > 0 else 0.0,
    }
