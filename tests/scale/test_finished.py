"""Cards are finished where they are checked: a worker applies waivers and redaction and sends the card's text
(for the formats that render card by card) and its part of the totals, not the card. The bytes stay the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle
import re
from collections import Counter, defaultdict

import pytest

from turncheck import engines
from turncheck.cli import check as check_cmd
from turncheck.engine import Checker
from turncheck.engines import BatchSizer, ordered, run_batch
from turncheck.report import RENDERERS, CardSummary, Summary
from turncheck.rules.loader import load_ruleset
from turncheck.runner import Run
from turncheck.waivers import load_waivers

from .conftest import CHAT_FAIL, CHAT_PII, write_corpus

WAIVERS = """\
- {transcript: '*chats*', rule: no-blame-shifting, reason: accepted in TICKET-7, expires: 2030-01-01}
- {transcript: '*extra-fail*', rule: '*', reason: also accepted, expires: 2030-01-01}
- {transcript: '*', rule: '*', reason: legacy, expires: 2020-01-01}
"""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """A mixed corpus (broken files, a many-transcript JSONL file, agents) with personal data to redact."""
    corpus = write_corpus(tmp_path_factory.mktemp("finished") / "corpus")
    (corpus.root / "chats" / "pii.txt").write_text(CHAT_PII, encoding="utf-8")
    waivers = corpus.root.parent / "waivers.yaml"
    waivers.write_text(WAIVERS, encoding="utf-8")
    return corpus, waivers


class WorkerLikeEngine:
    """Runs each batch here, but as a pool worker does: on an unpickled copy of the job (the compiled checker
    aside, to keep the test quick), with ``encode=True``, and the results pickled back."""

    name = "local"
    needs_data = False
    workers = 2

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

    def run(self, job, items, total=None):
        worker_job = dataclasses.replace(pickle.loads(pickle.dumps(dataclasses.replace(job, checker=None))),
                                         checker=job.checker)

        class Ready:
            def __init__(self, batch):
                self.value = pickle.loads(pickle.dumps(run_batch(worker_job, batch, True)))

            def result(self):
                return self.value

        return ordered(items, Ready, max_inflight=2, sizer=BatchSizer(2, total))


#: the formats whose cards are rendered where they are checked: no card comes back to the parent
TEXT_FORMATS = {"jsonl", "csv", "md"}


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_every_format_same_bytes_from_a_worker(fmt, cli, inputs, tmp_path, isolated, monkeypatch):
    corpus, waivers = inputs
    monkeypatch.setenv("TURNCHECK_TODAY", "2025-01-15")
    args = (corpus.root, corpus.missing, "--format", fmt, "--redact", "--waivers", waivers, "--no-progress",
            "--cache", tmp_path / "cache")
    here = cli(*args, "-j", "1")  # checked in this process, and stored in the cache
    assert here.exit_code == 3, here.stderr
    assert "dana@example.com" not in here.stdout and "4111 1111 1111 1111" not in here.stdout
    assert int(re.search(r"waivers: (\d+) finding", here.stderr).group(1)) > 0
    monkeypatch.setattr(check_cmd, "make_engine", lambda *args, **kwargs: WorkerLikeEngine())
    decoded = []
    decode = engines.decode_card
    monkeypatch.setattr(engines, "decode_card", lambda data: decoded.append(data) or decode(data))
    worker = cli(*args[:-2], "-j", "2")
    assert worker.stdout == here.stdout
    assert worker.stderr == here.stderr  # the summary: totals, error records, waivers applied and expired
    assert bool(decoded) == (fmt not in TEXT_FORMATS)
    warm = cli(*args, "-j", "2")  # every card from the cache, finished here
    assert warm.stdout == here.stdout
    assert "reused from the cache" in warm.stderr


def test_pool_same_bytes_with_redaction_waivers_and_cache(cli, inputs, tmp_path, isolated, monkeypatch):
    corpus, waivers = inputs
    monkeypatch.setenv("TURNCHECK_TODAY", "2025-01-15")
    for fmt in ("md", "json"):  # text made in the workers; cards sent back, with the waivers' counts in the summary
        args = (corpus.root, "--format", fmt, "--redact", "--waivers", waivers, "--no-progress")
        one = cli(*args, "-j", "1")
        two = cli(*args, "-j", "2", "--cache", tmp_path / fmt)
        warm = cli(*args, "-j", "1", "--cache", tmp_path / fmt, "-q")
        assert two.stdout == one.stdout == warm.stdout
        assert two.stderr == one.stderr
    doc = json.loads(one.stdout)
    assert doc["summary"]["waivers"]["applied"] > 0
    assert doc["summary"]["waivers"]["expired"][0]["findings_not_waived"] > 0


def test_card_summary_gives_the_totals_of_the_cards(inputs):
    """Totals from records that crossed a pipe equal totals counted on the cards themselves."""
    corpus, _ = inputs
    cards = list(Run(Checker(load_ruleset()))([str(p) for p in corpus.files] + [str(corpus.missing)]))
    assert any(c.status == "error" for c in cards) and any(c.metadata.get("agent_name") for c in cards)
    status, rules, agents = Counter(), defaultdict(Counter), defaultdict(Counter)
    for c in cards:
        status[c.status] += 1
        for r in c.rules:
            rules[r.id][r.status] += 1
        agent = c.metadata.get("agent_name") or c.metadata.get("agent_id")
        if agent:
            agents[str(agent)][c.status] += 1
    scores = [c.score for c in cards if c.score is not None]
    summary = check_cmd.RunSummary()
    for record in pickle.loads(pickle.dumps([CardSummary.of(c) for c in cards])):
        summary.add_summary(record)
    d = summary.to_dict()
    assert (d["transcripts"], d["passed"], d["failed"], d["errors"]) == \
        (len(cards), status["pass"], status["fail"], status["error"])
    assert d["mean_score"] == round(sum(scores) / len(scores), 1)
    assert {rid: (c["pass"], c["fail"], c["na"]) for rid, c in d["rules"].items()} == \
        {rid: (c["pass"], c["fail"], c["na"]) for rid, c in rules.items()}
    assert list(d["rules"]) == list(rules)  # first-seen order, as on the cards
    assert {a: (c["passed"], c["failed"]) for a, c in d["agents"].items()} == \
        {a: (c["pass"], c["fail"]) for a, c in agents.items()}
    assert summary.to_dict() == Summary.of(cards).to_dict()
    errors = [c for c in cards if c.status == "error"]
    assert summary.error_records == [f"{c.source}{f':{c.error.line}' if c.error.line else ''}: {c.error.message}"
                                     for c in errors]


def test_waiver_match_then_count_is_apply(tmp_path):
    chat = tmp_path / "queue-a" / "extra-fail.txt"
    chat.parent.mkdir()
    chat.write_text(CHAT_FAIL, encoding="utf-8")
    checker = Checker(load_ruleset())
    (card,) = Run(checker)([str(chat)])
    file = tmp_path / "w.yaml"
    file.write_text(WAIVERS.replace("*chats*", "*queue-a*").replace("*extra-fail*", "*nothing*"), encoding="utf-8")
    ids = [r.id for r in checker.ruleset.rules]
    on = dt.date(2025, 1, 15)
    applied, matched = load_waivers(file, ids, on=on), load_waivers(file, ids, on=on)
    by_apply = applied.apply(card.model_copy(deep=True), checker)
    by_match, hits = matched.match(card.model_copy(deep=True), checker)
    assert matched.to_dict()["applied"] == 0  # matching counts nothing: the parent counts what a worker found
    matched.count(pickle.loads(pickle.dumps(hits)))
    assert by_match == by_apply
    assert by_match.score != card.score
    assert matched.to_dict() == applied.to_dict()
    assert matched.to_dict()["expired"][0]["findings_not_waived"] > 0  # the fails left
    assert applied.to_dict()["applied"] == sum(r.status == "waived" for r in by_apply.rules) > 0
    assert [w.matched for w in matched.waivers] == [w.matched for w in applied.waivers]

