"""``turncheck report``: loading and merging stored results, and the dashboards."""

from __future__ import annotations

import io
import json
import re

import pytest

import report_samples as S
from report_samples import Doc
from turncheck.report.aggregate import Aggregate, load_results
from turncheck.report.dashboard import DASHBOARDS, build_report


@pytest.fixture
def results(tmp_path):
    path = tmp_path / "run.jsonl"
    S.write_jsonl(path, S.fleet())
    return path


def test_formats_registered():
    assert set(DASHBOARDS) == {"table", "md", "json", "html"}


def test_later_duplicates_override_earlier(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    cards = S.fleet(6)
    S.write_jsonl(first, cards)
    rerun = [c.model_copy(update={"score": 99.0, "status": "pass"}) for c in cards[:2]]
    S.write_jsonl(second, rerun)
    loaded = load_results([str(first), str(second)])
    assert loaded.replaced == 2 and not loaded.problems
    assert len(loaded.cards) == len(cards)
    by_source = {c.source: c for c in loaded.cards}
    assert by_source[cards[0].source].score == 99.0 and by_source[cards[2].source].score == cards[2].score


def test_records_of_one_jsonl_source_are_kept_apart(tmp_path):
    c = S.chat_card()
    cards = [c.model_copy(update={"location": k, "transcript": f"rec-{k}"}) for k in (1, 2, 3)]
    S.write_jsonl(tmp_path / "r.jsonl", cards)
    assert len(load_results([str(tmp_path / "r.jsonl")]).cards) == 3


def test_malformed_lines_are_reported_and_skipped(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = S.chat_card().to_json_dict()
    path.write_text("\n".join([json.dumps(good), "{not json", "[1, 2]", json.dumps({"transcript": "x"}), "",
                               json.dumps(dict(good, source="chats/other.txt"))]) + "\n")
    loaded = load_results([str(path), str(tmp_path / "missing.jsonl")])
    assert len(loaded.cards) == 2
    msgs = [p.format() for p in loaded.problems]
    assert msgs[0].startswith(f"{path}:2: invalid JSON")
    assert msgs[1] == f"{path}:3: not a scorecard: expected an object, got list"
    assert msgs[2].startswith(f"{path}:4: not a scorecard: source: Field required")
    assert msgs[3].startswith(f"{tmp_path / 'missing.jsonl'}: cannot read")


def test_reads_a_json_document_and_stdin(tmp_path):
    cards = S.fleet(4)
    doc = {"ruleset": {}, "summary": {}, "scorecards": [c.to_json_dict() for c in cards]}
    (tmp_path / "run.json").write_text(json.dumps(doc, indent=2))
    assert len(load_results([str(tmp_path / "run.json")]).cards) == len(cards)
    stdin = io.StringIO("".join(json.dumps(c.to_json_dict()) + "\n" for c in cards))
    assert len(load_results(["-"], stdin=stdin).cards) == len(cards)


def test_aggregate_numbers():
    cards = S.fleet()
    agg = Aggregate(cards, worst=5)
    scored = [c for c in cards if c.score is not None]
    assert agg.total.transcripts == len(cards) and agg.total.errors == 1
    assert sum(agg.histogram) == len(scored)
    assert agg.histogram[-1] == sum(1 for c in scored if c.score >= 90)
    assert [c.score for c in agg.worst] == sorted(c.score for c in scored)[:5]
    assert set(agg.agents) == set(S.AGENTS)
    assert sum(g.transcripts for g in agg.agents.values()) == len(cards) - 2  # error and the chat have no agent
    assert agg.day_order[-1] == "unknown" and agg.day_order[0] == "2024-05-01"
    rows = {r["rule"]: r for r in agg.rule_rows()}
    fails = sum(1 for c in cards for r in c.rules if r.id == "apology" and r.status == "fail")
    assert rows["apology"]["fail"] == fails
    d = agg.to_dict()
    assert json.loads(json.dumps(d)) == d


@pytest.mark.parametrize("fmt", sorted(DASHBOARDS))
def test_every_format_renders_and_is_deterministic(fmt, results):
    a, b = io.StringIO(), io.StringIO()
    build_report([str(results)], fmt, a)
    build_report([str(results)], fmt, b)
    assert a.getvalue() == b.getvalue() and a.getvalue()


def test_table_in_a_pipe(results):
    out = io.StringIO()
    build_report([str(results)], "table", out, width=140)
    text = out.getvalue()
    assert "\x1b[" not in text
    for title in ("per rule", "per agent", "per day", "score distribution", "worst 10 transcripts",
                  "1 input could not be checked"):
        assert title in text
    assert "2024-05-01" in text and "unknown" in text


def test_markdown(results):
    out = io.StringIO()
    build_report([str(results)], "md", out, title="May audit")
    text = out.getvalue()
    assert text.startswith("# May audit\n")
    for h in ("## Per rule", "## Per agent", "## Per day", "## Score distribution", "## Worst 10 transcripts"):
        assert h in text


def test_json(results):
    out = io.StringIO()
    build_report([str(results)], "json", out)
    doc = json.loads(out.getvalue())
    assert {"summary", "rules", "agents", "days", "score_histogram", "worst", "errors", "inputs"} <= set(doc)
    assert doc["inputs"]["records"] == len(S.fleet())


def test_html_dashboard(results):
    out = io.StringIO()
    build_report([str(results)], "html", out)
    page = out.getvalue()
    doc = Doc(page)
    assert len(doc.find("svg")) >= 4  # rule bars, histogram, per day, agent trend (+ small bars)
    assert 'class="chart hbars"' in page and 'class="chart columns"' in page and page.count('class="chart lines"') == 2
    worst = [a["href"] for t, a in doc.tags if t == "a" and a.get("href", "").startswith("calls/")]
    assert len(worst) == 10 + 1  # ten worst, and the input that could not be read
    for tag, attrs in doc.tags:
        for k in ("href", "src"):
            v = attrs.get(k)
            assert v is None or not (v.startswith("//") or re.match(r"[a-z]+:", v)), (tag, v)
    assert len(doc.scripts) == 1


def test_html_dashboard_escapes(tmp_path):
    card, _ = S.hostile()
    card.metadata["agent_name"] = "<script>alert(1)</script>"
    S.write_jsonl(tmp_path / "x.jsonl", [card])
    out = io.StringIO()
    build_report([str(tmp_path / "x.jsonl")], "html", out)
    page = out.getvalue()
    doc = Doc(page)
    assert "img" not in {t for t, _ in doc.tags} and len(doc.scripts) == 1
    assert "<script>alert(1)</script>" not in page


def test_empty_input(tmp_path):
    (tmp_path / "empty.jsonl").write_text("")
    for fmt in DASHBOARDS:
        out = io.StringIO()
        loaded = build_report([str(tmp_path / "empty.jsonl")], fmt, out)
        assert loaded.cards == [] and out.getvalue()


def test_unknown_format_is_a_usage_error(results):
    from turncheck.errors import UsageError

    with pytest.raises(UsageError):
        build_report([str(results)], "pdf", io.StringIO())
