"""Shared conditions such as ``problem-raised``, evaluated once per transcript.

A condition is a phrase test over the turns of a role, at sentence level, with
exclusions for negation ("no problem", "not an issue") and a stricter test for
questions: a plain question ("what are your opening hours?") is not a
problem, but "why was I charged twice?" is.
"""

from __future__ import annotations

from typing import Callable

from ..scorecard import Evidence
from .base import CompiledPhrases, Compiler, Context, _cover, evidence, quote_span
from .clauses import NegatedActionCue, Span, clauses, outside, title_names, words_in

BUILTIN = {
    "always": lambda ctx: ([evidence(ctx.turns[0])] if ctx.turns
                           else [Evidence(turn=0, role="other", quote="", span=(0, 0))]),
    "agent-spoke": lambda ctx: _first_agent_turn(ctx),
}


def _asks(text: str, lo: int, hi: int) -> bool:
    """Whether the sentence ``text[lo:hi]`` is a question."""
    return text[lo:hi].rstrip().endswith("?")


def _first_agent_turn(ctx: Context) -> list[Evidence]:
    for t in ctx.turns:
        if t.role == "agent":
            return [evidence(t)]
    return []


def compile_condition(name: str, cond, compiler: Compiler, file: str | None, line: int | None,
                      src=None, path: tuple = ()) -> Callable[[Context], list[Evidence]]:
    phrases = CompiledPhrases.build(compiler, cond, file=file, line=line, what=f"conditions.{name}", src=src,
                                    path=path)
    question = (compiler.query(cond.question_needs, file=file, line=line, what=f"conditions.{name}.question_needs",
                               src=src, path=path + ("question_needs",))
                if cond.question_needs else None)
    plea, plea_unless = (compiler.query(q, file=file, line=line, what=f"conditions.{name}.{key}", src=src,
                                        path=path + (key,)) if q else None
                         for key, q in (("plea", cond.plea), ("plea_unless", cond.plea_unless)))
    short = getattr(cond, "shortfall", None)
    expected, outcome = ((compiler.query(q, file=file, line=line, what=f"conditions.{name}.shortfall.{key}", src=src,
                                         path=path + ("shortfall", key))
                          for key, q in (("expected", short.expected), ("outcome", short.outcome)))
                         if short is not None else (None, None))
    cue = NegatedActionCue(cond.negated_action) if getattr(cond, "negated_action", None) else None
    role = cond.role
    ignore_names = cond.ignore_names

    def named(text: str, lo: int, hi: int, spans: list[Span] | None) -> list[Span] | None:
        """``spans`` without those inside a product or title name (None when nothing is left)."""
        if spans is None or not ignore_names:
            return spans
        if not any(text[a:a + 1].isupper() for a, _ in spans):
            return spans  # a name's words are capitalised: no hit here can lie inside one
        names = title_names(text, lo, hi)
        return (outside(spans, names) or None) if names else spans

    def excluded(ctx: Context, hits, lo: int, hi: int) -> bool:
        return any(ctx.index.matches(q, hits, lo, hi) for q in phrases.exclude)

    def in_turn(ctx: Context, i: int) -> Span | None:
        """The quote span of the first sentence of turn ``i`` where the condition holds."""
        index = ctx.index
        hits = ctx.hits(i)
        query_here = i in ctx.candidate_turns(phrases.query) and index.matches(phrases.query, hits)
        ws = None
        if cue is not None:
            words = hits.words
            if cue.may_occur(words):
                # the exact cue needs sentences and clauses: only where a quick pass over the turn finds one
                ws = [(w, s, e) for w, (s, e) in zip(words, hits.tokens)]
                if not cue.find(ctx.turns[i].text, 0, len(ctx.turns[i].text), ws=ws, loose=True):
                    ws = None
        cue_here = ws is not None
        plea_here = (plea is not None and i in ctx.candidate_turns(plea) and index.matches(plea, hits)
                     and not (plea_unless is not None and index.matches(plea_unless, hits)))
        span = _first_hit(ctx, i, hits, query_here, ws, plea_here) if query_here or cue_here or plea_here else None
        if span is None and expected is not None:
            span = _shortfall(ctx, i, hits)
        if span is None or any(index.matches(q, hits) for q in phrases.exclude_turn):
            return None
        return span

    def _first_hit(ctx: Context, i: int, hits, query_here: bool, ws, plea_here: bool = False) -> Span | None:
        """The first sentence's hit before the turn-level exclusions (those are dearer: tested only on a hit).
        ``ws``: the turn's words when the negated-action cue may hold in it, else None; ``plea_here``: whether
        the plea counts in this turn."""
        index, text = ctx.index, ctx.turns[i].text
        cue_here = ws is not None
        for lo, hi in ctx.sentences(i):
            is_question = _asks(text, lo, hi)
            parts: list[Span] | None = None
            if query_here:
                spans = named(text, lo, hi, index.match(phrases.query, hits, lo, hi))
                if spans is not None and not (is_question and question is not None
                                              and not index.matches(question, hits, lo, hi)):
                    if not excluded(ctx, hits, lo, hi):
                        return quote_span(text, lo, hi, _cover(spans, lo, hi))
                    # an exclusion holds somewhere in the sentence: "it worked but then it started to crash"
                    parts = clauses(text, lo, hi, ws)
                    if len(parts) > 1:
                        for clo, chi in parts:
                            sub = named(text, clo, chi, index.match(phrases.query, hits, clo, chi))
                            if sub is not None and not excluded(ctx, hits, clo, chi):
                                return quote_span(text, lo, hi, _cover(sub, clo, chi))
            if cue_here:
                sent = words_in(text, lo, hi, ws)
                if not cue.may_occur(w for w, _, _ in sent):
                    continue  # no negator in this sentence: no clauses to work out
                parts = parts or clauses(text, lo, hi, sent)
                starts = frozenset(a for a, _ in parts)
                for a, b in cue.find(text, lo, hi, starts, sent):
                    clause = next(((clo, chi) for clo, chi in parts if clo <= a < chi), (lo, hi))
                    if not excluded(ctx, hits, *clause):
                        return quote_span(text, lo, hi, (a, b))
            if plea_here:
                spans = index.match(plea, hits, lo, hi)
                if spans is not None and not excluded(ctx, hits, lo, hi):
                    return quote_span(text, lo, hi, _cover(spans, lo, hi))
        return None

    def _shortfall(ctx: Context, i: int, hits) -> Span | None:
        """What was promised, paid for or done in one sentence (not a question), then what came of it later in
        that sentence or in a later one: quoted from the first fact to the second."""
        index, text = ctx.index, ctx.turns[i].text
        if (i not in ctx.candidate_turns(expected) or i not in ctx.candidate_turns(outcome)
                or not index.matches(expected, hits) or not index.matches(outcome, hits)):
            return None
        start = after = None
        for lo, hi in ctx.sentences(i):
            if _asks(text, lo, hi):
                continue  # neither fact is asked: "paid for Prime 2 days ago, will it still come tomorrow?"
            if after is None:
                spans = index.match(expected, hits, lo, hi)
                if spans is None or excluded(ctx, hits, lo, hi):
                    continue
                start, after = lo, max(e for _, e in spans)
                found = index.match(outcome, hits, after, hi) if after < hi else None
            else:
                found = index.match(outcome, hits, lo, hi)
            if found is not None and not excluded(ctx, hits, lo, hi):
                return quote_span(text, start, hi, _cover(found, lo, hi))
        return None

    def evaluate(ctx: Context) -> list[Evidence]:
        found: list[Evidence] = []
        for t in ctx.turns:
            if role != "any" and t.role != role:
                continue
            span = in_turn(ctx, t.index)
            if span is not None:
                found.append(evidence(t, span))
        return found

    return evaluate
