"""Shared conditions such as ``problem-raised``, evaluated once per transcript.

A condition is a phrase test over the turns of a role, at sentence level, with
exclusions for negation ("no problem", "not an issue") and a stricter test for
questions: a plain question ("what are your opening hours?") is not a
problem, but "why was I charged twice?" is.
"""

from __future__ import annotations

from typing import Callable

from ..scorecard import Evidence
from .base import CompiledPhrases, Compiler, Context, evidence

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
    role = cond.role

    def evaluate(ctx: Context) -> list[Evidence]:
        found: list[Evidence] = []
        for t in ctx.turns:
            if role != "any" and t.role != role:
                continue
            for lo, hi in phrases.find(ctx, t.index):
                if question is not None:
                    sent = next(((a, b) for a, b in ctx.sentences(t.index) if a <= lo < b), (lo, hi))
                    if t.text[sent[0]:sent[1]].rstrip().endswith("?") and not ctx.index.matches(
                            question, ctx.hits(t.index), sent[0], sent[1]):
                        continue
                found.append(evidence(t, (lo, hi)))
                break
        return found

    return evaluate
