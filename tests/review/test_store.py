"""The review database: migrations, import, the queue, verdicts, disputes, labels, calibration, waivers.

Each test that takes ``db_url`` runs on SQLite and, where a test server is configured, PostgreSQL.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

import pytest
import sqlalchemy as sa

import report_samples as S
from turncheck.errors import UsageError
from turncheck.review import db, import_results, store
from turncheck.review.calibration import calibration
from turncheck.review.schema import metadata


def finding_of(engine, source: str, rule: str) -> int:
    row = next(r for r in store.queue(engine) if r.source == source)
    return next(f.id for f in store.detail(engine, row.id).findings if f.rule == rule)


def test_first_start_migrates_to_the_newest_schema(db_url):
    engine = db.open_engine(db_url)
    assert db.current_revision(engine) == db.head_revision()
    inspector = sa.inspect(engine)
    for table in metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
    db.forget_engines()
    assert db.current_revision(db.open_engine(db_url)) == db.head_revision()  # a second start changes nothing


def test_default_database_is_one_sqlite_file_in_wal_mode(tmp_path, monkeypatch):
    monkeypatch.delenv("TURNCHECK_REVIEW_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    target = tmp_path / "data" / "turncheck" / "review.sqlite3"
    assert db.default_path() == target and not target.exists()
    try:
        db.open_engine(None)
        assert target.is_file()
        assert sqlite3.connect(target).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        monkeypatch.setenv("TURNCHECK_REVIEW_DB", str(tmp_path / "elsewhere.db"))
        assert db.normalise_url(None).endswith("elsewhere.db")
    finally:
        db.forget_engines()


def test_database_urls():
    assert db.normalise_url("postgresql://u:p@h/d") == "postgresql+psycopg://u:p@h/d"
    assert db.normalise_url("sqlite:///x.db") == "sqlite:///x.db"
    with pytest.raises(UsageError, match="unsupported database 'mysql'"):
        db.normalise_url("mysql://u:secret@h/d")
    assert "secret" not in db.describe("postgresql://u:secret@h/d")


def test_import_stores_every_card_with_its_conversation_and_reimport_keeps_reviews(db_url, results):
    assert import_results(results, db_url=db_url) == 7
    engine = db.open_engine(db_url)
    rows = store.queue(engine)
    assert len(rows) == 7
    fid = finding_of(engine, "chats/courier-blame.txt", "apology")
    store.record_verdict(engine, fid, "Ann", "override", "pass", "the agent did say sorry")
    assert import_results(results, db_url=db_url) == 7  # the same results again: replaced, not duplicated
    assert len(store.queue(engine)) == 7
    d = store.detail(engine, next(r.id for r in store.queue(engine) if r.source == "chats/courier-blame.txt"))
    assert d.conversation is not None and d.conversation.turns  # the transcript file was found and parsed
    apology = next(f for f in d.findings if f.rule == "apology")
    assert [(v.reviewer, v.label) for v in apology.history] == [("Ann", "pass")]


def test_import_skips_bad_lines_and_refuses_a_file_without_scorecards(sqlite_url, results, tmp_path):
    mixed = tmp_path / "mixed.jsonl"
    lines = results.read_text().splitlines()
    mixed.write_text(lines[0] + "\n{not json\n" + lines[1] + "\n", encoding="utf-8")
    report = store.import_file(mixed, db.open_engine(sqlite_url))
    assert report.count == 2 and [p.line for p in report.problems] == [2]
    junk = tmp_path / "notes.txt"
    junk.write_text("hello\n", encoding="utf-8")
    with pytest.raises(UsageError) as err:
        import_results(junk, db_url=sqlite_url)
    assert "notes.txt" in err.value.format() and "not turncheck results" in err.value.format()


def test_queue_puts_failed_first_then_needs_attention_lowest_score_first(sqlite_url, results):
    import_results(results, db_url=sqlite_url)
    rows = store.queue(db.open_engine(sqlite_url))
    assert rows[0].source == "chats/courier-blame.txt" and rows[0].verdict == "fail"
    order = [store.VERDICT_ORDER[r.verdict] for r in rows]
    assert order == sorted(order)
    attention = [r.score for r in rows if r.verdict == "needs-attention"]
    assert attention == sorted(attention)


def test_sample_is_n_per_agent_per_week_seeded_and_stable(sqlite_url):
    engine = db.open_engine(sqlite_url)
    cards = S.fleet(48)
    store.import_cards(engine, cards, "fleet")
    sample = store.queue(engine, mode="sample", per_group=2, seed=7)
    groups = Counter((r.agent, r.week) for r in sample)
    expected = Counter((r.agent, r.week) for r in store.queue(engine) if r.status != "error")
    assert set(groups) == set(expected)
    assert all(groups[g] == min(2, expected[g]) for g in groups)
    again = store.queue(engine, mode="sample", per_group=2, seed=7)
    assert [r.id for r in again] == [r.id for r in sample]  # reproducible
    other = store.queue(engine, mode="sample", per_group=2, seed=8)
    assert {r.id for r in other} != {r.id for r in sample}  # the seed matters
    # more transcripts for one agent's week reshuffle only that group
    agent, week = sample[0].agent, sample[0].week
    def group(c):
        return c.metadata.get("agent_name"), store.week_of(str(c.metadata.get("start_time", ""))[:10])

    extra = [c.model_copy(update={"source": f"extra/{k}.txt", "transcript": f"extra/{k}.txt"})
             for k, c in enumerate(cards) if group(c) == (agent, week)]
    assert extra
    store.import_cards(engine, extra, "more")
    after = store.queue(engine, mode="sample", per_group=2, seed=7)
    assert [r.id for r in after if r.agent != agent] == [r.id for r in sample if r.agent != agent]


def test_confirm_takes_the_pack_status_and_a_reviewers_latest_verdict_counts(db_url, results):
    import_results(results, db_url=db_url)
    engine = db.open_engine(db_url)
    fid = finding_of(engine, "chats/courier-blame.txt", "apology")  # the pack: fail
    assert store.record_verdict(engine, fid, "Ann", "confirm").label == "fail"
    store.record_verdict(engine, fid, "Ann", "override", "na", "no complaint in this chat")
    store.record_verdict(engine, fid, "  Bo  ", "confirm")
    latest = {(v.reviewer, v.label) for v in store.latest_verdicts(engine)}
    assert latest == {("Ann", "na"), ("Bo", "fail")}
    for bad in [dict(reviewer="", action="confirm"), dict(reviewer="Ann", action="override", label="maybe"),
                dict(reviewer="Ann", action="delete")]:
        with pytest.raises(store.ReviewError):
            store.record_verdict(engine, fid, bad["reviewer"], bad["action"], bad.get("label"))
    with pytest.raises(store.ReviewError) as missing:
        store.record_verdict(engine, 10 ** 6, "Ann", "confirm")
    assert missing.value.status == 404


def test_dispute_resolved_upheld_or_overturned(db_url, results):
    import_results(results, db_url=db_url)
    engine = db.open_engine(db_url)
    fid = finding_of(engine, "chats/courier-blame.txt", "no-blame-shifting")
    with pytest.raises(store.ReviewError, match="note"):
        store.open_dispute(engine, fid, "Sam", "  ")
    first = store.open_dispute(engine, fid, "Sam", "I was quoting the courier's own note")
    store.resolve_dispute(engine, first, "Lee", "upheld", "blaming the courier is still blame")
    with pytest.raises(store.ReviewError) as again:
        store.resolve_dispute(engine, first, "Lee", "overturned")
    assert again.value.status == 409
    second = store.open_dispute(engine, fid, "Sam", "second try")
    store.resolve_dispute(engine, second, "Kim", "overturned", "fair")
    labels = {v.reviewer: v.label for v in store.latest_verdicts(engine)}
    assert labels == {"Lee": "fail", "Kim": "pass"}
    d = store.detail(engine, next(r.id for r in store.queue(engine) if r.source == "chats/courier-blame.txt"))
    f = next(f for f in d.findings if f.id == fid)
    assert [(x.resolution, x.resolver) for x in f.disputes] == [("upheld", "Lee"), ("overturned", "Kim")]


def test_calibration_kappa_against_the_pack_and_between_reviewers(sqlite_url, results):
    import_results(results, db_url=sqlite_url)
    engine = db.open_engine(sqlite_url)
    # apology: the pack fails courier-blame, clarification-sorry, dm-us; passes billing-good
    srcs = ["chats/courier-blame.txt", "chats/clarification-sorry.txt", "chats/billing-good.txt",
            "chats/named-speakers.txt"]
    packs = [store.pack_label(next(f.status for f in store.detail(engine, r.id).findings if f.rule == "apology"))
             for s in srcs for r in store.queue(engine) if r.source == s]
    assert packs == ["fail", "fail", "pass", "pass"]
    ann = ["fail", "pass", "pass", "pass"]
    bo = ["fail", "pass", "fail", "pass"]
    for s, a, b in zip(srcs, ann, bo):
        fid = finding_of(engine, s, "apology")
        store.record_verdict(engine, fid, "Ann", "override", a)
        store.record_verdict(engine, fid, "Bo", "override", b)
    cal = calibration(store.latest_verdicts(engine))
    pack_row = next(r for r in cal["reviewer_vs_pack"] if r["rule"] == "apology")
    ann_row = next(p for p in pack_row["reviewers"] if p["reviewer"] == "Ann")
    # Ann vs pack: agree 3/4; Ann fail 1 pass 3, pack fail 2 pass 2: pe = (1*2 + 3*2)/16 = 0.5, kappa = 0.5
    assert ann_row == {"reviewer": "Ann", "n": 4, "agreement": 0.75, "kappa": 0.5}
    assert pack_row["n"] == 8 and len(pack_row["disagreements"]) == 3
    pair = next(r for r in cal["reviewer_vs_reviewer"] if r["rule"] == "apology")
    # Ann vs Bo: agree 3/4; Ann fail 1 pass 3, Bo fail 2 pass 2: kappa 0.5 again
    assert (pair["n"], pair["agreement"], pair["kappa"]) == (4, 0.75, 0.5)
    assert [(d["source"], d["a_label"], d["b_label"]) for d in pair["disagreements"]] == [
        ("chats/billing-good.txt", "pass", "fail")]


def test_export_labels_one_line_per_transcript_and_reviewer(db_url, results, tmp_path):
    import_results(results, db_url=db_url)
    engine = db.open_engine(db_url)
    store.record_verdict(engine, finding_of(engine, "chats/dm-us.txt", "apology"), "Ann", "override", "pass", "ok")
    store.record_verdict(engine, finding_of(engine, "chats/dm-us.txt", "thanks"), "Ann", "confirm")
    store.record_verdict(engine, finding_of(engine, "chats/dm-us.txt", "apology"), "Bo", "confirm")
    lines = [json.loads(x) for x in store.export_labels(engine, tmp_path / "out").splitlines()]
    assert [(x["reviewer"], x["labels"]) for x in lines] == [
        ("Ann", {"apology": "pass", "thanks": "fail"}), ("Bo", {"apology": "fail"})]  # the pack fails thanks here
    assert lines[0]["notes"] == "apology: ok" and lines[0]["transcript"] == "chats/dm-us.txt"
    assert (tmp_path / "out" / lines[0]["file"]).resolve() == (results.parent / "chats" / "dm-us.txt").resolve()


def test_no_nul_reaches_the_database(db_url):
    card = S.chat_card(S.chat()).model_copy(update={"source": "chats/a\x00b.txt"})
    engine = db.open_engine(db_url)
    store.import_cards(engine, [card], "nul")
    fid = store.detail(engine, store.queue(engine)[0].id).findings[0].id
    store.record_verdict(engine, fid, "A\x00nn", "confirm", note="x\x00y")
    assert store.latest_verdicts(engine)[0].reviewer == "Ann"


def test_reimport_of_a_changed_scorecard_updates_its_findings_and_keeps_reviewed_ones(db_url):
    engine = db.open_engine(db_url)
    card = S.chat_card(S.chat())
    store.import_cards(engine, [card], "first")
    first = store.detail(engine, 1).findings
    kept, dropped = first[0], first[1]
    store.record_verdict(engine, kept.id, "Ann", "confirm")
    flipped = "pass" if kept.status != "pass" else "fail"
    changed = card.model_copy(update={"rules": [card.rules[0].model_copy(update={"status": flipped})]
                                      + card.rules[2:]})
    store.import_cards(engine, [changed], "second")
    after = {f.rule: f for f in store.detail(engine, 1).findings}
    assert after[kept.rule].status == flipped and after[kept.rule].id == kept.id  # same row, new status
    assert dropped.rule not in after  # gone from the scorecard and never reviewed: dropped
    assert [v.label for v in after[kept.rule].history] == [store.pack_label(kept.status)]
