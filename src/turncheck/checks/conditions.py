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
from .clauses import NegatedActionCue, Span, clauses

BUILTIN = {
    "always": lambda ctx: [evidence(ctx.turns[0])] if ctx.turns else [Evidence(turn=0, role="other", quote="", span=(0, 0))],
    "agent-spoke": lambda ctx: _first_agent_turn(ctx),
}


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
    cue = NegatedActionCue(cond.negated_action) if getattr(cond, "negated_action", None) else None
    role = cond.role

    def excluded(ctx: Context, hits, lo: int, hi: int) -> bool:
        return any(ctx.index.matches(q, hits, lo, hi) for q in phrases.exclude)

    def in_turn(ctx: Context, i: int) -> Span | None:
        """The quote span of the first sentence of turn ``i`` where the condition holds."""
        index, text = ctx.index, ctx.turns[i].text
        hits = ctx.hits(i)
        if any(index.matches(q, hits) for q in phrases.exclude_turn):
            return None
        query_here = i in ctx.candidate_turns(phrases.query) and index.matches(phrases.query, hits)
        cue_here = cue is not None and cue.may_occur(hits.words)
        if not query_here and not cue_here:
            return None
        ws = list(zip(hits.words, (s for s, _ in hits.tokens), (e for _, e in hits.tokens))) if cue_here else None
        for lo, hi in ctx.sentences(i):
            is_question = text[lo:hi].rstrip().endswith("?")
            parts: list[Span] | None = None
            if query_here:
                spans = index.match(phrases.query, hits, lo, hi)
                if spans is not None and not (is_question and question is not None
                                              and not index.matches(question, hits, lo, hi)):
                    if not excluded(ctx, hits, lo, hi):
                        return quote_span(text, lo, hi, _cover(spans, lo, hi))
                    # an exclusion holds somewhere in the sentence: "it worked but then it started to crash"
                    parts = clauses(text, lo, hi, ws)
                    if len(parts) > 1:
                        for clo, chi in parts:
                            sub = index.match(phrases.query, hits, clo, chi)
                            if sub is not None and not excluded(ctx, hits, clo, chi):
                                return quote_span(text, lo, hi, _cover(sub, clo, chi))
            if cue_here:
                parts = parts or clauses(text, lo, hi, ws)
                starts = frozenset(a for a, _ in parts)
                for a, b in cue.find(text, lo, hi, starts, ws):
                    clause = next(((clo, chi) for clo, chi in parts if clo <= a < chi), (lo, hi))
                    if not excluded(ctx, hits, *clause):
                        return quote_span(text, lo, hi, (a, b))
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
