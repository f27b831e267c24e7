"""Phrase checks: ``presence`` (present/absent by role and window), ``response``
(a trigger answered by an agent phrase) and ``each`` (every matching agent
sentence needs a companion phrase: a promise needs a time, a refusal needs an
alternative)."""

from __future__ import annotations

from ..model import Turn
from ..text import LazyPattern
from .base import (CompiledCheck, CompiledPhrases, Context, Outcome, Span, evidence, fill,  # noqa: F401
                   require_condition)
from .words import echoes as echo_test, turn_stems


#: where one clause of a sentence ends and the next begins
_CLAUSE_BREAK = LazyPattern(r",\s+(?:and|but|then|so|plus)\b|;|\s+and then\b|\s+(?:—|–|-)\s+")


#: a clause that states the result of the clause before it ("..., and it'll be with you by Saturday")
_CONSEQUENCE = LazyPattern(r"(?i)[,;\s—–-]*(?:and\s+|then\s+|so\s+)?(?:it|that|they|this|you)(?:['’]?ll|\s+will|\s+should)\b")


def _same_topic(ctx: Context, i: int, a: Span, b: Span) -> bool:
    """Two stretches of turn ``i`` share a content word (by stem): the second sentence is about the first."""
    stems = turn_stems(ctx, i)
    first = {st for st, s, e in stems if a[0] <= s and e <= a[1]}
    return any(st in first for st, s, e in stems if b[0] <= s and e <= b[1])


#: an agent sentence whose content words are at least this share of the customer's own is restating them
ECHO_SHARE = 0.5


def _deciding_first(ctx: Context, found: list[tuple[int, Span]]) -> list[tuple[int, Span]]:
    """The hits in order, but a sentence that mostly echoes the customer's words ("So the boiler still isn't
    working even after the engineer came out?") after the others: a phrase in a restatement is seldom what
    passes the rule ("engineer" is no remedy there), so the quote shown is the sentence that decided."""
    said: set[str] = set()
    turns_seen = 0

    def echoes(i: int, span: Span) -> bool:
        nonlocal turns_seen
        while turns_seen < i:  # the customer's words before turn i
            if ctx.turns[turns_seen].role == "customer":
                said.update(st for st, _, _ in turn_stems(ctx, turns_seen))
            turns_seen += 1
        own = [st for st, s, e in turn_stems(ctx, i) if span[0] <= s and e <= span[1]]
        return bool(own) and sum(st in said for st in own) >= ECHO_SHARE * len(own)

    flags = [echoes(i, span) for i, span in found]  # found is in turn order: said grows as it goes
    return [hit for _, hit in sorted(zip(flags, found), key=lambda pair: pair[0])]


def _in_window(turns: list[Turn], window) -> list[Turn]:
    if window is None:
        return turns
    if window.first_turns:
        turns = turns[: window.first_turns]
    if window.last_turns:
        turns = turns[-window.last_turns:]
    if window.first_seconds is not None:
        turns = [t for t in turns if t.start is None or t.start <= window.first_seconds]
    if window.last_seconds is not None:
        ends = [t.end if t.end is not None else t.start for t in turns if t.start is not None]
        if ends:
            cutoff = max(e for e in ends if e is not None) - window.last_seconds
            turns = [t for t in turns if t.start is None or (t.end or t.start) >= cutoff]
    return turns


class PresenceKind(CompiledCheck):
    def __init__(self, rule, compiler, exemplars):
        super().__init__(rule, compiler, exemplars)
        c = rule.check
        self.phrases = self.phrases_at(compiler, c)
        # the main phrase set, then each ``also:`` set (a pass on any of them is a pass)
        self.sets = [self.phrases] + [self.phrases_at(compiler, p, "also", i) for i, p in enumerate(c.also)]
        for s in self.sets:
            if s.echo is not None:
                s.echo_test = echo_test
        self.role, self.expect, self.window = c.role, c.expect, c.window
        self.after_trigger = c.after_trigger and rule.applies_when != "always"

    def evaluate(self, ctx: Context) -> Outcome:
        turns = _in_window(ctx.role_turns(self.role), self.window)
        trigger = None
        if self.after_trigger:
            triggers = ctx.condition(self.rule.applies_when)
            if triggers:
                trigger = triggers[0]
                turns = [t for t in turns if t.index > trigger.turn]
        msgs = self.rule.messages
        found, dropped = [], []
        # each phrase set only where its query may hold (the scan says where; anywhere else it holds nowhere)
        sets = [(p, ctx.candidate_turns(p.query)) for p in self.sets]
        for t in turns:
            i = t.index
            for phrases, cand in sets:
                if i not in cand:
                    continue
                f, d = phrases.find(ctx, i, with_excluded=True)
                if f:
                    found += [(i, s) for s in f if (i, s) not in found]
                if d:
                    dropped += [(i, s) for s in d]
        role = self.role if self.role != "any" else "a"
        count = self.rule.count
        if count is not None:
            return self._counted(ctx, found, dropped, turns, count, role)
        if self.expect == "absent":
            if found:
                ev = [evidence(ctx.turns[i], s) for i, s in found]
                return Outcome("fail", fill(msgs.fail, f"{role} turn {ev[0].turn} says “{{quote}}”",
                                            turn=ev[0].turn, quote=ev[0].quote, role=role), ev)
            return Outcome("pass", fill(msgs.pass_, f"no {role} turn matches", role=role))
        if found:
            if self.role == "agent" and len(found) > 1:
                found = _deciding_first(ctx, found)
            ev = [evidence(ctx.turns[i], s) for i, s in found[:3]]
            return Outcome("pass", fill(msgs.pass_, f"{role} turn {ev[0].turn}: “{{quote}}”",
                                        turn=ev[0].turn, quote=ev[0].quote, role=role), ev)
        near = self.near.best(ctx, dropped, floor=0) if dropped else \
            self.near.best(ctx, self.near.sentences_of(ctx, [t.index for t in turns]))
        return Outcome("fail", fill(msgs.fail, f"no {role} turn matches", role=role,
                                    trigger_turn=trigger.turn if trigger else "?"),
                       [], trigger=trigger, near_miss=near)


    def _counted(self, ctx: Context, found, dropped, turns, count, role: str) -> Outcome:
        """``count: {min, max}``: the number of matching sentences must lie in the range."""
        msgs, n = self.rule.messages, len(found)
        ev = [evidence(ctx.turns[i], s) for i, s in found]
        if n < count.min:
            near = None if ev else self.near.best(ctx, dropped or self.near.sentences_of(ctx, [t.index for t in turns]))
            return Outcome("fail", fill(msgs.fail, f"{role} turns match {n} time{'s' * (n != 1)}, "
                                                   f"at least {count.min} needed", count=n, role=role), ev,
                           near_miss=near)
        if count.max is not None and n > count.max:
            return Outcome("fail", fill(msgs.fail, f"{role} turns match {n} times, at most {count.max} allowed: "
                                                   f"turn {ev[count.max].turn} “{{quote}}”",
                                        turn=ev[count.max].turn, quote=ev[count.max].quote, count=n, role=role),
                           ev[count.max:] + ev[:count.max])
        return Outcome("pass", fill(msgs.pass_, f"{role} turns match {n} time{'s' * (n != 1)}", count=n, role=role),
                       ev[:3])


class ResponseKind(CompiledCheck):
    def __init__(self, rule, compiler, exemplars, conditions):
        super().__init__(rule, compiler, exemplars)
        c = rule.check
        require_condition(c.trigger, conditions, file=rule.file, line=self.line("trigger"))
        self.phrases = self.phrases_at(compiler, c)
        self.trigger, self.within, self.allow_before = c.trigger, c.within_agent_turns, c.allow_before

    def evaluate(self, ctx: Context) -> Outcome:
        msgs = self.rule.messages
        triggers = ctx.condition(self.trigger)
        if not triggers:
            return Outcome("na", fill(msgs.na, f"not applicable: no {self.trigger.replace('-', ' ')}"))
        first = triggers[0]
        agent = [t for t in ctx.turns if t.role == "agent"]
        if self.within is None:
            window = agent if self.allow_before else [t for t in agent if t.index > first.turn]
        else:
            allowed: set[int] = set()
            for trig in triggers:
                after = [t.index for t in agent if t.index > trig.turn][: self.within]
                allowed.update(after)
            window = [t for t in agent if t.index in allowed or (self.allow_before and t.index < first.turn)]
        dropped = []
        for t in window:
            f, d = self.phrases.find(ctx, t.index, with_excluded=True)
            if f:
                ev = evidence(t, f[0])
                return Outcome("pass", fill(msgs.pass_, "agent turn {turn}: “{quote}”", turn=ev.turn,
                                            quote=ev.quote, trigger_turn=first.turn), [ev], trigger=first)
            dropped += [(t.index, s) for s in d]
        near = self.near.best(ctx, dropped, floor=0) if dropped else \
            self.near.best(ctx, self.near.sentences_of(ctx, [t.index for t in window]))
        default = f"no agent response after the {self.trigger.replace('-', ' ')} in turn {{trigger_turn}}"
        return Outcome("fail", fill(msgs.fail, default, trigger_turn=first.turn, quote=first.quote),
                       [first], trigger=first, near_miss=near)


class EachKind(CompiledCheck):
    def __init__(self, rule, compiler, exemplars):
        super().__init__(rule, compiler, exemplars)
        c = rule.check
        self.phrases = self.phrases_at(compiler, c)
        self.needs = self.phrases_at(compiler, c.needs, "needs", what="check.needs")
        self.where = c.where

    def _satisfied(self, ctx: Context, i: int, span, agent_ids: list[int]) -> bool:
        if self.where == "sentence":
            lo, hi = next(((lo, hi) for lo, hi in ctx.sentences(i) if lo <= span[0] < hi), span)
            return any(lo <= s < hi for s, _ in self.needs.find(ctx, i))
        if self.where == "same-or-next-agent-turn":
            # in its own turn the alternative must come with or after the refusal, not before it
            lo = next((a for a, b in ctx.sentences(i) if a <= span[0] < b), span[0])
            if any(s >= lo for s, _ in self.needs.find(ctx, i)):
                return True
        elif self.needs.find(ctx, i):
            return True
        if self.where == "same-or-next-agent-turn":
            pos = agent_ids.index(i)
            if pos + 1 < len(agent_ids) and self.needs.find(ctx, agent_ids[pos + 1]):
                return True
        return False

    def _clauses(self, ctx: Context, i: int) -> list[tuple[Span, bool]]:
        """Each match in turn ``i`` with whether its own clause has the companion.

        A match's clause runs from the last clause break (", and", ";", ", but", ", then") or the previous
        match before it, to the next break or match after it. A clause without its companion is still
        satisfied when the next sentence of the turn gives it without a match of its own ("We'll remake the
        lenses. The remake takes 5 working days.").
        """
        index, hits, out = ctx.index, ctx.hits(i), []
        text = ctx.turns[i].text
        sentences = ctx.sentences(i)
        for k_sent, (lo, hi) in enumerate(sentences):
            spans = index.match(self.phrases.query, hits, lo, hi)
            if not spans or any(index.matches(q, hits, lo, hi) for q in self.phrases.exclude):
                continue
            merged: list[list[int]] = []
            for s, e in sorted(spans):
                if merged and s < merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], e)
                else:
                    merged.append([s, e])
            breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, lo, hi)]
            nxt = sentences[k_sent + 1] if k_sent + 1 < len(sentences) else None
            follow_up = (nxt is not None and index.matches(self.needs.query, hits, *nxt)
                         and not index.matches(self.phrases.query, hits, *nxt))
            regions = []
            for k, (s, e) in enumerate(merged):
                start = max([lo] + [b for b in breaks if b <= s] + ([merged[k - 1][1]] if k else []))
                end = min([hi] + [b for b in breaks if b >= e] + ([merged[k + 1][0]] if k + 1 < len(merged) else []))
                regions.append((start, end, index.matches(self.needs.query, hits, start, end)))
            for k, ((s, e), (start, end, ok)) in enumerate(zip(merged, regions)):
                if not ok and k + 1 < len(regions) and regions[k + 1][2] \
                        and _CONSEQUENCE.match(text, regions[k + 1][0], regions[k + 1][1]):
                    ok = True  # "I'll post you a letter, and it'll be with you by Saturday"
                if not ok and k == len(merged) - 1 and follow_up and _same_topic(ctx, i, (start, end), nxt):
                    ok = True  # "We'll remake the lenses. The remake takes 5 working days."
                out.append(((s, e), ok))
        return out

    def _matches(self, ctx: Context, agent_ids: list[int]):
        """``(turn, quoted span, has its companion)`` for every match, in order."""
        cand = ctx.candidate_turns(self.phrases.query) if self.where == "clause" else None
        for i in agent_ids:
            if cand is not None and i not in cand:
                continue  # no match in this turn, so no clause to check
            if self.where == "clause":
                for span, ok in self._clauses(ctx, i):
                    sent = next(((lo, hi) for lo, hi in ctx.sentences(i) if lo <= span[0] < hi), span)
                    yield i, sent, ok
            else:
                for span in self.phrases.find(ctx, i):
                    yield i, span, self._satisfied(ctx, i, span, agent_ids)

    def evaluate(self, ctx: Context) -> Outcome:
        msgs = self.rule.messages
        agent_ids = [t.index for t in ctx.turns if t.role == "agent"]
        seen = []
        for i, span, ok in self._matches(ctx, agent_ids):
            seen.append((i, span))
            if not ok:
                ev = evidence(ctx.turns[i], span)
                return Outcome("fail", fill(msgs.fail, "agent turn {turn}: “{quote}” lacks its companion",
                                            turn=i, quote=ev.quote), [ev], trigger=ev)
        if not seen:
            return Outcome("na", fill(msgs.na, "not applicable: nothing to check"))
        ev = [evidence(ctx.turns[i], s) for i, s in seen[:3]]
        return Outcome("pass", fill(msgs.pass_, "agent turn {turn}: “{quote}”", turn=ev[0].turn,
                                    quote=ev[0].quote), ev)
