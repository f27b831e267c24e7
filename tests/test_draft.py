"""turncheck draft: what can still be met later is due, not failed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from helpers import ROOT, chat
from turncheck import Checker, load_rules
from turncheck.draft import DraftChecker

DRAFT = DraftChecker(Checker(load_rules()))


def states(text: str) -> dict[str, str]:
    return {i.rule: i.state for i in DRAFT.check(chat(text)).items}


def test_missing_behaviours_are_due_with_suggestions():
    d = DRAFT.check(chat("Customer: My order never arrived.\nAgent: Sorry, what is the order number?"))
    due = {i.rule: i for i in d.by_state("due")}
    assert {"apology", "follow-up", "restatement"} <= set(due)
    assert "turn 0" in due["apology"].message
    # the suggestion is the passing sentence of the rule's own example
    assert "sorry" in due["apology"].suggestion.lower()
    assert due["follow-up"].suggestion


def test_done_once_the_agent_has_done_it():
    s = states("Customer: My order never arrived.\nAgent: I'm so sorry about that, I'll call you back today.")
    assert s["apology"] == "done" and s["follow-up"] == "done"


def test_misbehaviour_already_sent_is_failed():
    s = states("Customer: My order never arrived.\nAgent: That's the courier's fault, contact them directly.")
    assert s["no-blame-shifting"] == "failed"
    assert s["apology"] == "due"


def test_refusal_in_the_latest_message_is_still_due_but_not_an_older_one():
    latest = states("Customer: Refund me please, it broke.\nAgent: I can't refund it.")
    assert latest["positive-no"] == "due"
    older = states("Customer: Refund me please, it broke.\nAgent: I can't refund it.\nCustomer: Why?\n"
                   "Agent: It's the policy.\nCustomer: Hm.\nAgent: Sorry.")
    assert older["positive-no"] == "failed"


def test_no_problem_yet_means_not_applicable():
    assert states("Customer: Hi there, quick question about opening hours.")["apology"] == "n/a"


def test_cli_json_reads_stdin():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    res = subprocess.run([sys.executable, "-m", "turncheck", "draft", "--format", "json"], capture_output=True,
                         text=True, env=env, input="Customer: My card was declined twice.\nAgent: Hello!\n",
                         timeout=120)
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert set(doc) == {"source", "turns", "done", "due", "failed", "not_applicable"}
    assert any(i["rule"] == "apology" and i["suggestion"] for i in doc["due"])
