"""Measure the default pack (or ``--rules``) on a battery of one-line cases (``eval/batteries``).

Two kinds, told apart by their fields:

- ``{"id", "text", "problem": true|false, "note"}``: a customer's first message; does the pack read it as
  raising a problem? Each becomes ``Customer: <text>`` answered by a neutral agent line.
- ``{"id", "customer", "agent", "<rule>": "pass"|"fail", ..., "note"}``: a complaint and one agent reply,
  labelled for one or more rules (solution-offered, follow-up); each becomes a two-turn chat. A case may
  leave a rule out (its two readers split on it): the rule's total counts only the cases that label it.

    python tools/battery.py eval/batteries/problem-150.jsonl [--show]

prints the misses and false alarms (``--show`` lists them) and exits 0; it is a measuring tool, the floors
live in tests/test_batteries.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

NEUTRAL_REPLY = "@user Hi there, thanks for reaching out."


@dataclass
class Result:
    kind: str  # problem | reply
    total: int = 0
    #: problem: (problems missed, problems), (look-alikes flagged, look-alikes); reply: rule -> (agree, total)
    missed: tuple[int, int] = (0, 0)
    flagged: tuple[int, int] = (0, 0)
    rules: dict[str, tuple[int, int]] = field(default_factory=dict)
    wrong: list[tuple[str, str, str, str]] = field(default_factory=list)  # (id, rule, label, got)


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def measure(items: list[dict], checker) -> Result:
    from turncheck import parse_text
    from turncheck.transcripts import ImportOptions

    def statuses(text: str) -> dict[str, str]:
        card = checker.check(parse_text(text, "battery.txt", ImportOptions(input_format="chat")))
        return {r.id: r.status for r in card.rules}

    def one(s: str) -> str:
        return " ".join(s.split())  # a case is one line of the chat
    if items and "problem" in items[0]:
        res = Result("problem", len(items))
        miss = flag = problems = 0
        for it in items:
            got = statuses(f"Customer: {one(it['text'])}\nAgent: {NEUTRAL_REPLY}")["apology"] != "na"
            problems += it["problem"]
            if got != it["problem"]:
                miss += it["problem"]
                flag += not it["problem"]
                res.wrong.append((it["id"], "problem-raised", str(it["problem"]).lower(), str(got).lower()))
        res.missed, res.flagged = (miss, problems), (flag, len(items) - problems)
        return res
    res = Result("reply", len(items))
    # a label the two readers of a battery did not agree on is left out of its case
    rules = list(dict.fromkeys(k for it in items for k in it if k not in ("id", "customer", "agent", "note")))
    agree, seen = dict.fromkeys(rules, 0), dict.fromkeys(rules, 0)
    for it in items:
        got = statuses(f"Customer: {one(it['customer'])}\nAgent: {one(it['agent'])}")
        for rule in rules:
            if rule not in it:
                continue
            seen[rule] += 1
            if got[rule] == it[rule]:
                agree[rule] += 1
            else:
                res.wrong.append((it["id"], rule, it[rule], got[rule]))
    res.rules = {rule: (agree[rule], seen[rule]) for rule in rules}
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("battery", type=Path, nargs="+")
    ap.add_argument("--rules", action="append", default=None, help="rule files or folders (default: the pack)")
    ap.add_argument("--show", action="store_true", help="list every case the pack gets wrong")
    args = ap.parse_args(argv)
    from turncheck import Checker, load_rules

    checker = Checker(load_rules(args.rules) if args.rules else load_rules())
    for path in args.battery:
        items = load(path)
        res = measure(items, checker)
        if res.kind == "problem":
            print(f"{path}: complaints missed {res.missed[0]}/{res.missed[1]}, "
                  f"look-alikes read as complaints {res.flagged[0]}/{res.flagged[1]}")
        else:
            print(f"{path}: " + ", ".join(f"{rule} {a}/{n}" for rule, (a, n) in res.rules.items()))
        if args.show:
            text = {it["id"]: it.get("text") or f"{it['customer']} -> {it['agent']}" for it in items}
            for cid, rule, label, got in res.wrong:
                print(f"  {cid} {rule}: label {label}, got {got} | {text[cid][:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
