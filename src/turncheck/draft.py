"""The agent's self-check of a chat in progress.

A chat that is still going can only be judged so far: a behaviour the agent
has not shown *yet* (no apology, no follow-up promised) is ``due``, not
failed, because the next message can still meet it. Only what cannot be undone
is ``failed``: blame already shifted, a customer already contradicted, a
shout already sent. Each due item carries a suggested phrasing: the sentence
that passes the rule in its own first passing example, as a template. What
that sentence echoes of the example's customer ("the package still hasn't
arrived after two weeks") becomes a placeholder, and so does the example
customer's name: an agent is never prompted with another customer's specifics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .engine import Checker
from .errors import TurncheckError
from .model import Transcript
from .scorecard import RuleResult
from .transcripts import ImportOptions, parse_text

#: check kinds whose fail is final once it happens (the misbehaviour is already in the chat)
FINAL_KINDS = {"interruption"}

#: what stands for the example customer's own words (their problem, their product, their dates) in a suggestion
PROBLEM = "[the customer's words]"
NAME = "[the customer's name]"
_TOKEN = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
#: a determiner before an echo is part of it ("the [package]" -> "[the customer's words]")
_DETERMINERS = frozenset("the a an my your our their his her its this that".split())
#: words that join echoed words into one stretch but are no echo by themselves
_GLUE = frozenset("""a an the and or but so to of in on at for with from by my your our their his her its is are was
were be been being it this that these those i you we me us he she they have has had do does did not no just about
after before still yet again any some all""".split())


def suggestion_template(sentence: str, customer_texts: list[str], names: list[str] = ()) -> str:
    """``sentence`` with every stretch that echoes ``customer_texts`` (content words the customer used, joined by
    glue words) replaced by :data:`PROBLEM`, and the customer's ``names`` by :data:`NAME`."""
    said = {w.lower() for text in customer_texts for w in _TOKEN.findall(text)}
    named = {part.lower() for n in names for part in _TOKEN.findall(n) if len(part) > 1}
    tokens = list(_TOKEN.finditer(sentence))
    echo = [t.group().lower() in said and t.group().lower() not in _GLUE for t in tokens]
    out, pos, i = [], 0, 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.group().lower() in named:
            out += [sentence[pos:tok.start()], NAME]
            pos, i = tok.end(), i + 1
            continue
        if not echo[i]:
            i += 1
            continue
        j = i  # the stretch runs to the last echoed word reachable over glue words
        k = i + 1
        while k < len(tokens) and (echo[k] or tokens[k].group().lower() in _GLUE):
            if echo[k]:
                j = k
            k += 1
        start = tok.start()
        if i > 0 and tokens[i - 1].start() >= pos and tokens[i - 1].group().lower() in _DETERMINERS:
            start = tokens[i - 1].start()
        out += [sentence[pos:start], PROBLEM]
        pos, i = tokens[j].end(), j + 1
    out.append(sentence[pos:])
    return "".join(out)


@dataclass
class DraftItem:
    rule: str
    state: str  # done | due | failed | n/a
    message: str
    severity: str
    turn: int | None = None
    quote: str | None = None
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


@dataclass
class Draft:
    source: str
    turns: int
    items: list[DraftItem] = field(default_factory=list)

    def by_state(self, state: str) -> list[DraftItem]:
        return [i for i in self.items if i.state == state]

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "turns": self.turns,
                "done": [i.to_dict() for i in self.by_state("done")],
                "due": [i.to_dict() for i in self.by_state("due")],
                "failed": [i.to_dict() for i in self.by_state("failed")],
                "not_applicable": [i.to_dict() for i in self.by_state("n/a")]}


class DraftChecker:
    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        self._suggestions: dict[str, str | None] = {}

    def suggestion(self, rule_id: str) -> str | None:
        """The agent sentence that passes the rule in its first passing example, as a template
        (:func:`suggestion_template`)."""
        if rule_id not in self._suggestions:
            self._suggestions[rule_id] = None
            rule = next(r for r in self.checker.rules if r.id == rule_id)
            for status, ex in rule.examples.items():
                if status != "pass":
                    continue
                try:
                    t = parse_text(ex.transcript, f"{rule_id}:example", ImportOptions(input_format=ex.format))
                except TurncheckError:
                    continue
                t.metadata.update(ex.metadata)
                res = next(r for r in self.checker.check(t).rules if r.id == rule_id)
                agent = [e for e in res.evidence if e.role == "agent"]
                if res.status == "pass" and agent:
                    customer = [turn.text for turn in t.turns if turn.role == "customer"]
                    names = [str(t.metadata[k]) for k in ("customer_name",) if t.metadata.get(k)]
                    names += [turn.speaker for turn in t.turns if turn.role == "customer" and turn.speaker
                              and turn.speaker.lower() not in ("customer", "caller", "user", "client")]
                    self._suggestions[rule_id] = suggestion_template(agent[0].quote.strip(), customer, names)
                    break
        return self._suggestions[rule_id]

    def _expects_absence(self, rule) -> bool:
        check = rule.check
        return getattr(check, "expect", "present") == "absent" or check.kind in FINAL_KINDS

    def check(self, transcript: Transcript) -> Draft:
        card = self.checker.check(transcript)
        rules = {r.id: r for r in self.checker.rules}
        last_agent = max((t.index for t in transcript.turns if t.role == "agent"), default=-1)
        draft = Draft(transcript.source, len(transcript.turns))
        for res in card.rules:
            rule = rules[res.id]
            draft.items.append(self._item(rule, res, last_agent, len(transcript.turns)))
        return draft

    def _item(self, rule, res: RuleResult, last_agent: int, n_turns: int) -> DraftItem:
        ev = res.evidence[0] if res.evidence else None
        base = dict(rule=res.id, message=res.message, severity=res.severity,
                    turn=ev.turn if ev else None, quote=ev.quote if ev else None)
        if res.status == "pass":
            return DraftItem(state="done", **base)
        if res.status == "na":
            return DraftItem(state="n/a", **base)
        if self._expects_absence(rule):
            return DraftItem(state="failed", **base)
        if rule.check.kind == "each":
            # a refusal or a promise in the agent's latest message can still get its companion next
            if ev is not None and ev.turn == last_agent:
                return DraftItem(state="due", suggestion=self.suggestion(res.id), **base)
            if rule.check.where == "same-or-next-agent-turn":
                return DraftItem(state="failed", **base)
        trigger = res.trigger
        message = res.message
        if trigger is not None and res.status == "fail":
            message = f"still due: {rule.title or rule.description.split('.')[0]} (problem raised in turn {trigger.turn})"
        elif res.status == "fail":
            message = f"still due: {rule.title or rule.description.split('.')[0]}"
        base["message"] = message
        return DraftItem(state="due", suggestion=self.suggestion(res.id), **base)
