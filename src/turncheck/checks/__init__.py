"""The generic check kinds. Rules are data; these few kinds are the code.

| kind | what it checks |
|---|---|
| presence | a phrase is present (or absent) in turns of a role, optionally within a window |
| response | a trigger condition (a complaint) is answered by an agent phrase within K agent turns |
| restatement | an agent turn echoes the content words of the customer's problem |
| interruption | the agent talks over the customer (timings) or cuts them off (text markers) |
| each | every agent sentence matching a phrase has a companion phrase (promise -> time) |
| name | the customer's known name is used by the agent |
| metric | a talk metric of a timed transcript (dead air, talk-over, talk ratio, pace) within a bound |
"""

from __future__ import annotations

from .base import CompiledCheck, Compiler, Context, Outcome
from .interruption import InterruptionKind
from .metric import MetricKind
from .name import NameKind
from .phrases import EachKind, PresenceKind, ResponseKind
from .restatement import RestatementKind

#: kind name -> (class, needs the pack's conditions)
KINDS: dict[str, tuple[type[CompiledCheck], bool]] = {
    "presence": (PresenceKind, False),
    "response": (ResponseKind, True),
    "restatement": (RestatementKind, True),
    "interruption": (InterruptionKind, False),
    "each": (EachKind, False),
    "name": (NameKind, False),
    "metric": (MetricKind, False),
}


def compile_check(rule, compiler: Compiler, exemplars: list[str], conditions: dict) -> CompiledCheck:
    cls, needs_conditions = KINDS[rule.check.kind]
    if needs_conditions:
        return cls(rule, compiler, exemplars, conditions)
    return cls(rule, compiler, exemplars)


__all__ = ["KINDS", "Compiler", "Context", "Outcome", "CompiledCheck", "compile_check"]
