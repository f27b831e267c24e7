"""``turncheck review import/export/calibration/waivers``, the loop back into ``turncheck evaluate`` and
``--waivers``, and a process killed in the middle of an import."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from turncheck.cli import app
from turncheck.review import db, import_results, store

runner = CliRunner()


def run(*args: str, cwd: Path | None = None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        return runner.invoke(app, list(args))
    finally:
        os.chdir(old)


def finding_of(engine, source: str, rule: str) -> int:
    row = next(r for r in store.queue(engine) if r.source == source)
    return next(f.id for f in store.detail(engine, row.id).findings if f.rule == rule)


def test_import_command_reports_counts_and_bad_input_in_one_line(sqlite_url, results, tmp_path):
    ok = run("review", "import", str(results), "--db", sqlite_url)
    assert ok.exit_code == 0, ok.output
    assert "imported 7 scorecards (7 with the transcript)" in ok.output
    junk = tmp_path / "junk.jsonl"
    junk.write_text("nope\n", encoding="utf-8")
    bad = run("review", "import", str(junk), str(results), "--db", sqlite_url)
    assert bad.exit_code == 3
    assert f"error: {junk}" in bad.output and "Traceback" not in bad.output
    assert "imported 7 scorecards" in bad.output  # the other file is still imported
    wrong = run("review", "export", "--db", "mysql://x/y")
    assert wrong.exit_code == 2 and "unsupported database" in wrong.output


def test_exported_labels_are_read_by_evaluate(sqlite_url, checked, tmp_path):
    import_results(checked / "results.jsonl", db_url=sqlite_url)
    engine = db.open_engine(sqlite_url)
    store.record_verdict(engine, finding_of(engine, "chats/courier-blame.txt", "apology"), "Ann", "override", "pass")
    store.record_verdict(engine, finding_of(engine, "chats/dm-us.txt", "apology"), "Ann", "confirm")
    store.record_verdict(engine, finding_of(engine, "chats/dm-us.txt", "thanks"), "Bo", "override", "pass")
    out = tmp_path / "labels" / "labels.jsonl"
    out.parent.mkdir()
    r = run("review", "export", "--db", sqlite_url, "-o", str(out))
    assert r.exit_code == 0, r.output
    assert len(out.read_text().splitlines()) == 3
    ev = run("evaluate", str(checked / "chats"), "--labels", str(out), "--format", "json")
    assert ev.exit_code == 0, ev.output
    result = json.loads(ev.output)
    assert result["unmatched"] == []
    rules = {r["rule"]: r for r in result["rules"]}
    assert rules["apology"]["n"] == 2 and rules["apology"]["accuracy"] == 0.5  # Ann disagreed once, agreed once
    assert rules["thanks"]["confusion"]["pass"]["fail"] == 1
    assert {d["file"] for d in result["disagreements"]} == {"courier-blame.txt", "dm-us.txt"}


def test_calibration_command_table_and_json(sqlite_url, results):
    import_results(results, db_url=sqlite_url)
    engine = db.open_engine(sqlite_url)
    fid = finding_of(engine, "chats/courier-blame.txt", "apology")
    store.record_verdict(engine, fid, "Ann", "override", "pass", "said sorry")
    store.record_verdict(engine, fid, "Bo", "confirm")
    js = run("review", "calibration", "--db", sqlite_url, "--format", "json")
    assert js.exit_code == 0, js.output
    cal = json.loads(js.output)
    assert cal["reviewers"] == ["Ann", "Bo"]
    assert cal["reviewer_vs_reviewer"][0]["disagreements"][0]["a_label"] == "pass"
    table = run("review", "calibration", "--db", sqlite_url)
    assert "reviewer vs pack" in table.output and "said sorry" in table.output
    assert run("review", "calibration", "--db", sqlite_url, "--format", "xml").exit_code == 2


def test_a_dismissed_finding_becomes_a_waiver_that_check_applies(sqlite_url, checked, tmp_path, monkeypatch):
    monkeypatch.setenv("TURNCHECK_TODAY", "2026-01-01")
    import_results(checked / "results.jsonl", db_url=sqlite_url)
    engine = db.open_engine(sqlite_url)
    store.record_verdict(engine, finding_of(engine, "chats/courier-blame.txt", "apology"), "Ann", "override",
                         "pass", "apologised in other words")
    waivers = tmp_path / "waivers.yaml"
    r = run("review", "waivers", "--db", sqlite_url, "-o", str(waivers))
    assert r.exit_code == 0 and "1 waiver(s) added" in r.output
    assert "0 waiver(s) added, 1 already there" in run("review", "waivers", "--db", sqlite_url, "-o", str(waivers)).output
    text = waivers.read_text()
    assert "apologised in other words" in text and "expires: 2026-04-01" in text
    out = tmp_path / "checked.json"
    run("check", "chats/courier-blame.txt", "--waivers", str(waivers), "--format", "json", "-o", str(out), cwd=checked)
    card = json.loads(out.read_text())["scorecards"][0]
    apology = next(r for r in card["rules"] if r["id"] == "apology")
    assert apology["status"] == "waived" and "apologised in other words" in apology["waiver"]["reason"]


KILLER = r"""
import os, sys, time
from turncheck.review import store
from turncheck.review.db import open_engine

real, seen = store._upsert_card, [0]

def slow(conn, *a, **k):
    seen[0] += 1
    if seen[0] == 4:  # half-way through the import's one transaction: say so, then hang until killed
        open(sys.argv[3], "w").close()
        time.sleep(60)
    return real(conn, *a, **k)

store._upsert_card = slow
store.import_file(sys.argv[2], open_engine(sys.argv[1]))
"""


@pytest.mark.fault
def test_killed_mid_import_loses_no_committed_review_and_reimport_works(db_url, results, tmp_path):
    import sqlalchemy as sa

    from turncheck.review.schema import imports, transcripts

    import_results(results, db_url=db_url)
    engine = db.open_engine(db_url)
    store.record_verdict(engine, finding_of(engine, "chats/courier-blame.txt", "apology"), "Ann", "override", "pass")
    # a second results file: the same seven chats under other names, so the killed import would add rows
    second = tmp_path / "second.jsonl"
    lines = [json.loads(x) for x in results.read_text().splitlines()]
    second.write_text("".join(json.dumps(dict(c, source="b/" + c["source"], transcript="b/" + c["transcript"])) + "\n"
                              for c in lines), encoding="utf-8")
    flag = tmp_path / "half-way"
    proc = subprocess.Popen([sys.executable, "-c", KILLER, db_url, str(second), str(flag)])
    try:
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert proc.poll() is None, "the importing process ended before the kill"
            assert time.monotonic() < deadline, "the import never got half-way"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    if "://" not in db_url:
        con = sqlite3.connect(db_url)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(transcripts)).scalar() == 7  # none of the killed
        assert conn.execute(sa.select(sa.func.count()).select_from(imports)).scalar() == 1
    assert [(v.reviewer, v.label) for v in store.latest_verdicts(engine)] == [("Ann", "pass")]
    assert import_results(second, db_url=db_url) == 7  # the database takes the same import again
    assert len(store.queue(engine)) == 14
    assert [(v.reviewer, v.label) for v in store.latest_verdicts(engine)] == [("Ann", "pass")]


def test_concurrent_writers_on_sqlite_all_commit(sqlite_url, results):
    """Writes take SQLite's write lock at BEGIN (IMMEDIATE) and wait for it (busy_timeout): four reviewers
    saving at once all land, none gets "database is locked"."""
    import threading

    import_results(results, db_url=sqlite_url)
    engine = db.open_engine(sqlite_url)
    ids = [f.id for row in store.queue(engine) for f in store.detail(engine, row.id).findings][:15]
    errors: list[BaseException] = []

    def review(name: str) -> None:
        try:
            for fid in ids:
                store.record_verdict(engine, fid, name, "override", "na", "concurrent")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=review, args=(f"R{k}",)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert len(store.latest_verdicts(engine)) == 4 * len(ids)


def test_review_commands_without_the_serve_extra_say_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "alembic", None)  # `import alembic` now fails as if not installed
    r = run("review", "export", "--db", str(tmp_path / "x.db"))
    assert r.exit_code == 2
    assert "pip install 'turncheck[serve]'" in r.output and "Traceback" not in r.output
