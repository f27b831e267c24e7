"""Sections, auto-fails and talk metrics in the outputs: the HTML timeline's dead-air and talk-over shading, the
section tables of every format, and the talk-metric distributions of ``turncheck report``."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

import report_samples as S
from report_samples import Doc
from turncheck import Checker, load_rules
from turncheck.metrics import (DEAD_AIR_SECONDS, dead_air_seconds, silence_intervals, talk_metrics,
                               talkover_intervals)
from turncheck.report.aggregate import Aggregate, quantile
from turncheck.report.dashboard import build_report
from turncheck.transcripts import ImportOptions, parse_file

from helpers import FIXTURES, ROOT, chat

CALL = FIXTURES / "calls" / "talk-metrics.vtt"
FORM = ROOT / "examples" / "evaluation-form"


def checked(paths, rules=None):
    checker = Checker(load_rules(rules))
    out = []
    for p in paths:
        t = parse_file(str(p), ImportOptions()) if isinstance(p, Path) else p
        out.append((checker.check(t), t))
    return checker, out


def one_section_pack(tmp_path: Path, title: str) -> Path:
    """A pack extending the default one with a single section, titled ``title``, holding every rule."""
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        f"name: p\nextends: default\nsections:\n  a:\n    title: '{title}'\n    rules: ["
        + ", ".join(r.id for r in load_rules().enabled_rules) + "]\n", encoding="utf-8")
    return folder


def html(items, rules) -> str:
    return S.render("html", items, rules=rules)


# -- intervals: the shading adds up to the metrics ---------------------------------------------------------------

@pytest.mark.parametrize("path", sorted((FIXTURES / "calls").iterdir()))
def test_intervals_add_up_to_the_card_metrics(path):
    t = parse_file(str(path), ImportOptions())
    m = talk_metrics(t)
    gaps = silence_intervals(t)
    overs = talkover_intervals(t)
    assert round(sum(b - a for a, b in gaps), 2) == m["silence_total_seconds"]
    assert round(max([b - a for a, b in gaps], default=0.0), 2) == m["silence_longest_seconds"]
    assert len(overs) == m["talkover_count"]
    assert round(sum(b - a for a, b in overs), 2) == m["talkover_total_seconds"]


def test_intervals_of_the_hand_computed_call():
    t = parse_file(str(CALL), ImportOptions())
    assert silence_intervals(t) == [(4.0, 5.0), (12.0, 20.0), (25.0, 25.5)]
    assert silence_intervals(t, 5.0) == [(12.0, 20.0)]
    assert talkover_intervals(t) == [(9.0, 10.0)]
    assert silence_intervals(chat("Customer: hi\nAgent: hello")) == [] == talkover_intervals(chat("Customer: a"))


def test_dead_air_comes_from_the_rule_sets_silence_bound():
    assert dead_air_seconds(load_rules().rules) == DEAD_AIR_SECONDS == 5.0
    extras = load_rules([ROOT / "examples" / "qa-extras"]).rules  # dead-air: silence_longest_seconds <= 20
    assert dead_air_seconds(extras) == 20.0
    assert dead_air_seconds([{"check": {"kind": "metric", "require": ["talkover_count <= 2",
                                                                       "silence_longest_seconds < 7.5"]}}]) == 7.5


# -- the HTML scorecard -------------------------------------------------------------------------------------------

def test_the_timeline_shades_dead_air_and_talk_over_of_a_timed_call():
    checker, items = checked([CALL])
    page = html(items, checker.rules)
    timeline = re.findall(r'<svg class="tl".*?</svg>', page, re.S)
    assert len(timeline) == 1
    doc = Doc(timeline[0])
    silences = [a for t, a in doc.tags if t == "rect" and a.get("class") == "silence"]
    overs = [a for t, a in doc.tags if t == "rect" and a.get("class") == "ov"]
    assert len(silences) == 1 and len(overs) == 1  # only the 8 s gap reaches 5 s; one agent/customer overlap
    assert "<title>silence 8.0 s (0:12.0–0:20.0)</title>" in page
    assert "<title>talk-over 1.0 s (0:09.0–0:10.0)</title>" in page
    assert "silence of 5 s or more (dead air): 1" in page and "talk-over: 1" in page
    # the metrics of the card, beside the timeline
    assert "<dt>Silence</dt><dd>9.5 s (35%)</dd>" in page and "<dt>Longest silence</dt><dd>8 s</dd>" in page
    # the shaded gap lies where the silence is: x of 12 s and width of 8 s on the timeline's scale
    scale = 1110 / 27.5
    assert float(silences[0]["x"]) == pytest.approx(70 + 12 * scale, abs=0.2)
    assert float(silences[0]["width"]) == pytest.approx(8 * scale, abs=0.3)


def test_a_lower_dead_air_bound_shades_more_silences():
    rules = [{"id": "dead-air", "check": {"kind": "metric", "require": "silence_longest_seconds <= 0.5"}}]
    _, items = checked([CALL])
    page = html(items, rules)
    assert len(re.findall(r'<rect class="silence"', page)) == 3
    assert "silence of 0.5 s or more (dead air): 3" in page


def test_a_chat_has_no_shading_and_says_na():
    checker, items = checked([FIXTURES / "chats" / "billing-good.txt"])
    page = html(items, checker.rules)
    assert 'class="silence"' not in page and '<rect class="ov"' not in page and 'class="tl"' not in page
    assert "<b>Talk metrics</b> <span class=\"muted\">n/a: no utterance timings" in page


def test_timeline_titles_and_section_titles_are_escaped(tmp_path):
    t = parse_file(str(CALL), ImportOptions())
    t.turns[0].text = "<script>alert(1)</script> & hello"
    checker, items = checked([t], [one_section_pack(tmp_path, "<img src=x onerror=alert(1)>")])
    page = html(items, checker.rules)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; hello" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    md = S.render("md", items)
    assert not re.search(r"(?<!\\)<img", md) and "\\<img src=x onerror=alert(1)\\>" in md


def test_the_page_shows_sections_and_the_auto_fail():
    checker, items = checked([CALL, FIXTURES / "chats" / "courier-blame.txt"], [FORM])
    page = html(items, checker.rules)
    assert '<section class="panel" id="sections"><h2>Sections</h2>' in page
    assert page.count('<table class="grid sections">') == 2  # one per transcript
    assert "<b>auto-fail:</b> no-blame-shifting failed, score set to 0" in page
    assert "Auto-fail: 1 transcript (no-blame-shifting 1): score set to 0" in page
    blame = items[1][0]
    for s in blame.sections:
        assert f"<tr><td>{s.title}</td><td class=\"num\">{s.weight:g}</td>" in page


# -- terminal table, Markdown, CSV ------------------------------------------------------------------------------

def test_table_markdown_and_csv_carry_the_sections():
    _, items = checked([CALL, FIXTURES / "chats" / "courier-blame.txt"], [FORM])
    call, blame = items[0][0], items[1][0]
    table = S.render("table", items, width=160)
    assert "sections: Empathy and rapport " + f"{call.sections[0].score:g} (×2)" in table
    assert "auto-fail: no-blame-shifting failed, score set to 0" in table
    assert "per section" in table and "auto-fail: 1 transcript (no-blame-shifting 1)" in table
    md = S.render("md", items)
    assert "| section | weight | score | pass | fail | n/a |" in md and "## Summary per section" in md
    assert "> ❌ **auto-fail: no-blame-shifting failed, score set to 0**" in md
    rows = list(csv.DictReader(io.StringIO(S.render("csv", items))))
    by = {(r["source"].rsplit("/", 1)[-1], r["rule_id"]): r for r in rows}
    apology = by[("courier-blame.txt", "apology")]
    assert apology["rule_section"] == "empathy" and apology["auto_failed"] == "no-blame-shifting"
    assert apology["section_score"] == f"{blame.sections[0].score:g}"
    assert by[("talk-metrics.vtt", "apology")]["auto_failed"] == ""
    # a chat: the metric columns empty, never zero
    assert apology["silence_total_seconds"] == "" and by[("talk-metrics.vtt", "apology")]["silence_total_seconds"] == "9.5"


def test_without_sections_the_outputs_say_nothing_of_them():
    _, items = checked([CALL])
    assert "sections:" not in S.render("table", items, width=160)
    assert "| section |" not in S.render("md", items)
    assert 'id="sections"' not in html(items, [])
    rows = list(csv.DictReader(io.StringIO(S.render("csv", items))))
    assert all(r["rule_section"] == "" and r["section_score"] == "" for r in rows)


# -- turncheck report -------------------------------------------------------------------------------------------

def test_quantiles_by_linear_interpolation():
    assert quantile([4, 1, 3, 2], 0.5) == 2.5 and quantile([1, 2, 3, 4], 0.25) == 1.75
    assert quantile([7], 0.9) == 7 and quantile([], 0.5) is None


def results_file(tmp_path, rules=None) -> str:
    _, items = checked(sorted((FIXTURES / "calls").iterdir()) + sorted((FIXTURES / "chats").iterdir()), rules)
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(c.to_json_dict()) + "\n" for c, _ in items), encoding="utf-8")
    return str(path)


def test_the_aggregate_has_talk_metric_distributions_and_sections(tmp_path):
    path = results_file(tmp_path, [FORM])
    out = io.StringIO()
    build_report([path], "json", out)
    doc = json.loads(out.getvalue())
    calls = sorted((FIXTURES / "calls").iterdir())
    shares = sorted(talk_metrics(parse_file(str(p), ImportOptions()))["silence_share"] for p in calls)
    talk = doc["talk_metrics"]
    assert talk["timed"] == len(calls) and talk["untimed"] == len(list((FIXTURES / "chats").iterdir()))
    share = next(m for m in talk["metrics"] if m["metric"] == "silence_share")
    assert share["transcripts"] == len(calls) and share["min"] == shares[0] and share["max"] == shares[-1]
    assert share["median"] == quantile(shares, 0.5) and sum(b["count"] for b in share["bins"]) == len(calls)
    assert [s["section"] for s in doc["sections"]] == ["empathy", "resolution", "conduct", "compliance"]
    assert doc["auto_failed"] == {"transcripts": 1, "rules": {"no-blame-shifting": 1}}


def test_the_html_dashboard_shows_the_distributions_self_contained(tmp_path):
    out = io.StringIO()
    build_report([results_file(tmp_path, [FORM])], "html", out)
    page = out.getvalue()
    doc = Doc(page)
    figures = [a["data-metric"] for t, a in doc.tags if t == "figure"]
    assert figures == ["silence_share", "silence_longest_seconds", "talkover_count", "agent_talk_ratio",
                       "agent_words_per_minute"]
    assert '<section class="panel" id="sections"><h2>Sections</h2>' in page
    assert "transcripts without utterance timings (chats): talk metrics n/a" in page
    assert not re.search(r"<script[^>]*\ssrc=|<link[^>]*href=\"?https?:|https?://", page)


def test_only_chats_give_an_na_talk_panel(tmp_path):
    _, items = checked(sorted((FIXTURES / "chats").iterdir()))
    agg = Aggregate([c for c, _ in items])
    assert agg.timed == 0 and all(r["transcripts"] == 0 and r["median"] is None for r in agg.talk_rows())
    out = io.StringIO()
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(c.to_json_dict()) + "\n" for c, _ in items), encoding="utf-8")
    build_report([str(path)], "html", out)
    assert '<h2>Talk metrics</h2><p class="muted">n/a: 0 timed transcripts' in out.getvalue()
    assert "<figure" not in out.getvalue()
    md = io.StringIO()
    build_report([str(path)], "md", md)
    assert "## Talk metrics" not in md.getvalue() and "## Per section" not in md.getvalue()


def test_a_section_title_is_text_not_console_markup(tmp_path):
    _, items = checked([CALL], [one_section_pack(tmp_path, "[red]Opening[/red]")])
    table = S.render("table", items, width=160)
    assert "sections: [red]Opening[/red]" in table and "| [red]Opening[/red] " in table
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(items[0][0].to_json_dict()) + "\n", encoding="utf-8")
    out = io.StringIO()
    build_report([str(path)], "table", out, width=160)
    assert "| [red]Opening[/red] " in out.getvalue()
