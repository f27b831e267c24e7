"""``html``: one self-contained scorecard page to open offline or send by mail.

The page has an overview of all transcripts (sortable and filterable when
scripts run), a per-rule summary, and one section per transcript: its findings
and the conversation as it happened, chat bubbles for untimed chats and a
timeline with lane bars for timed calls (talk-over visible). Every finding
links to its evidence, highlighted with ``<mark>`` in the conversation (the
trigger and the near miss in their own styles), and every highlight links
back to its finding.

The conversation needs the transcript, which a scorecard does not carry: pass
it as ``add(card, transcript=...)`` or through the ``transcripts=`` option (a
mapping ``source -> Transcript`` or a callable). Without it the page shows the
evidence quotes only. Every piece of transcript text and metadata is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..metrics import dead_air_seconds, silence_intervals, talkover_intervals
from ..model import Transcript, Turn
from ..scorecard import Evidence, RuleResult, Scorecard, verdict_of
from . import Renderer, register
from .common import card_warnings, error_text, fmt_num, fmt_time, one_line, rule_ids, rule_meta, waiver_text
from .htmlkit import SCORECARD_CSS, badge, esc, page, path_href, rate_cell, score_cell
from .summary import Summary

#: the overview's sort order of the status column: worst first
VERDICT_ORDER = {"fail": 0, "error": 1, "needs-attention": 2, "ok": 3}

ROLE_ORDER = ("agent", "customer", "other")
KIND_LABEL = {"evidence": "found", "ok": "found", "waived": "waived", "trigger": "trigger", "near": "closest"}
TAG_CLASS = {"evidence": "t-fail", "ok": "t-ok", "waived": "t-waived", "trigger": "t-trigger", "near": "t-near"}


@dataclass
class Ref:
    """One quote a finding points at: kind, evidence, its anchor id and the finding's id."""

    kind: str  # evidence (of a failure) | ok (of a pass) | waived | trigger | near
    ev: Evidence
    anchor: str
    finding: str
    rule: RuleResult
    span: tuple[int, int] | None = None  # located in the turn's text, when it could be


def locate(text: str, ev: Evidence) -> tuple[int, int] | None:
    """Where the quote is in the turn's text: the span if it matches, else a search, else the span if valid."""
    a, b = ev.span
    valid = 0 <= a < b <= len(text)
    if valid and text[a:b] == ev.quote:
        return a, b
    if ev.quote:
        pos = text.find(ev.quote)
        if pos >= 0:
            return pos, pos + len(ev.quote)
        low = text.lower().find(ev.quote.lower())
        if low >= 0:
            return low, low + len(ev.quote)
    return (a, b) if valid else None


def highlight(text: str, refs: list[Ref]) -> str:
    """The turn's text, escaped, with each located ref wrapped in ``<mark>`` (overlaps split into segments)."""
    placed = [r for r in refs if r.span is not None]
    if not placed:
        return esc(text)
    cuts = sorted({0, len(text)} | {p for r in placed for p in r.span})
    out = []
    started: set[str] = set()
    for a, b in zip(cuts, cuts[1:]):
        covering = [r for r in placed if r.span[0] <= a and b <= r.span[1]]
        piece = esc(text[a:b])
        if not covering:
            out.append(piece)
            continue
        kinds = sorted({r.kind for r in covering})
        starting = [r for r in covering if r.span[0] == a and r.anchor not in started]
        started.update(r.anchor for r in starting)
        extra = "".join(f'<span class="anchor" id="{r.anchor}"></span>' for r in starting[1:])
        ident = f' id="{starting[0].anchor}"' if starting else ""
        title = "; ".join(f"{r.rule.id}: {KIND_LABEL[r.kind]}" for r in covering)
        out.append(f'{extra}<mark class="{" ".join("m-" + k for k in kinds)}"{ident} title="{esc(title)}">'
                   f"{piece}</mark>")
    return "".join(out)


def _overlaps(turns: list[Turn]) -> dict[int, list[tuple[Turn, float, float]]]:
    """For each timed turn: the turns of another role it overlaps, with the overlap interval."""
    timed = sorted((t for t in turns if t.start is not None and t.end is not None), key=lambda t: (t.start, t.index))
    out: dict[int, list[tuple[Turn, float, float]]] = {}
    active: list[Turn] = []
    for t in timed:
        active = [u for u in active if u.end > t.start]
        for u in active:
            if u.role != t.role:
                a, b = max(u.start, t.start), min(u.end, t.end)
                if b > a:
                    out.setdefault(t.index, []).append((u, a, b))
                    out.setdefault(u.index, []).append((t, a, b))
        active.append(t)
    return out


@register
class HtmlRenderer(Renderer):
    name = "html"
    display_safe = True
    wants_transcript = True

    def __init__(self, out, ruleset, **options) -> None:
        super().__init__(out, ruleset, **options)
        self.transcripts: list[Transcript | None] = []
        #: silences at least this long are shaded on the timeline (the rule set's dead-air bound, else 5 s)
        self.dead_air = dead_air_seconds(options.get("rules"))

    def add(self, card: Scorecard, transcript: Transcript | None = None) -> None:
        self.transcripts.append(transcript if transcript is not None else self._lookup(card))
        self.cards.append(self.display(card))

    def _lookup(self, card: Scorecard) -> Transcript | None:
        source = self.options.get("transcripts")
        if source is None:
            return None
        if callable(source) and not isinstance(source, Mapping):
            return source(card.source)
        return source.get(card.source) or source.get(card.transcript)

    # -- page ------------------------------------------------------------------------------------------------

    def close(self, summary: Summary) -> None:
        meta = rule_meta(self.options.get("rules"))
        ids = rule_ids(self.cards, meta)
        d = summary.to_dict()
        title = self.options.get("title") or "Scorecards"
        sub = (f"rule set <b>{esc(self.ruleset.name)}</b> {esc(self.ruleset.version)} · "
               f"{d['transcripts']} transcript{'s' if d['transcripts'] != 1 else ''}")
        parts = [self._kpis(d), self._sections_panel(d), self._overview(ids), self._rules(d, meta)]
        for i, (card, transcript) in enumerate(zip(self.cards, self.transcripts)):
            parts.append(self._section(i, card, transcript, meta))
        self.out.write(page(f"turncheck · {title}", sub, "\n".join(parts), SCORECARD_CSS))

    @staticmethod
    def _kpis(d) -> str:
        tiles = [("Transcripts", d["transcripts"], ""), ("OK", d.get("ok", d["passed"]), "k-pass"),
                 ("Need attention", d.get("needs_attention", 0), "k-attention"),
                 ("Failed", d["failed"], "k-fail"), ("Errors", d["errors"], "k-error"),
                 ("Mean score", fmt_num(d["mean_score"], "–"), "")]
        return '<section class="kpis">' + "".join(
            f'<div class="kpi {cls}"><div class="v">{esc(v)}</div><div class="l">{esc(label)}</div></div>'
            for label, v, cls in tiles) + "</section>"

    @staticmethod
    def _sections_panel(d) -> str:
        """A pack with sections: each section's weight and mean score over the run; the auto-fails."""
        if not d.get("sections"):
            return ""
        rows = "".join(
            f'<tr><td><b>{esc(c["title"])}</b> <span class="muted">{esc(sid)}</span></td>'
            f'<td class="num">{esc(fmt_num(c["weight"]))}</td><td>{score_cell(c["mean_score"])}</td>'
            f'<td class="num">{c["scored"]}</td><td class="num">{c["na"]}</td></tr>'
            for sid, c in d["sections"].items())
        auto = d.get("auto_failed")
        note = (f'<p class="autofail">Auto-fail: {auto["transcripts"]} transcript{"s" if auto["transcripts"] != 1 else ""} '
                f'({esc(", ".join(f"{k} {v}" for k, v in auto["rules"].items()))}): score set to 0</p>' if auto else "")
        return ('<section class="panel" id="sections"><h2>Sections</h2><table class="grid"><thead><tr>'
                '<th>Section</th><th class="num">Weight</th><th>Mean score</th><th class="num">Scored</th>'
                f'<th class="num">n/a</th></tr></thead><tbody>{rows}</tbody></table>{note}</section>')

    def _overview(self, ids: list[str]) -> str:
        code = {rid: f"r{k}" for k, rid in enumerate(ids)}
        rows = []
        for i, card in enumerate(self.cards):
            fails = [r.id for r in card.rules if r.status == "fail"]
            agent = card.metadata.get("agent_name") or card.metadata.get("agent_id") or ""
            chips = "".join(f'<span class="chip">{esc(r)}</span>' for r in fails) or (
                '<span class="muted">–</span>' if card.status != "error" else
                f'<span class="chip plain">{esc(card.error.kind if card.error else "error")} error</span>')
            score_v = "" if card.score is None else f"{card.score:g}"
            rows.append(
                f'<tr data-i="{i}" data-status="{card.status}" data-verdict="{verdict_of(card)}" '
                f'data-fails="{" ".join(code[r] for r in fails)}">'
                f'<td class="num" data-v="{i}">{i + 1}</td>'
                f'<td data-v="{esc(card.source.lower())}"><a href="#t{i}">{esc(card.source)}</a></td>'
                f"<td>{esc(agent)}</td>"
                f'<td data-v="{VERDICT_ORDER[verdict_of(card)]}">{badge(verdict_of(card))}</td>'
                f'<td class="num" data-v="{score_v}">{score_cell(card.score)}</td>'
                f'<td class="num" data-v="{len(fails)}">{len(fails)}</td>'
                f"<td>{chips}</td></tr>")
        rule_opts = "".join(f'<option value="{code[rid]}">{esc(rid)}</option>' for rid in ids)
        return (
            '<section class="panel" id="overview"><h2>Transcripts</h2>'
            '<div class="filters" data-for="overview-table" hidden>'
            '<label>Status <select data-attr="data-status"><option value="">all</option>'
            '<option value="fail">fail</option><option value="pass">pass</option>'
            '<option value="error">error</option></select></label>'
            f'<label>Failing rule <select data-attr="data-fails"><option value="">any</option>{rule_opts}'
            '</select></label><span class="count"></span></div>'
            '<table class="grid sortable" id="overview-table"><thead><tr>'
            '<th class="num" data-type="num">#</th><th>Transcript</th><th>Agent</th><th data-type="num">Status</th>'
            '<th class="num" data-type="num">Score</th><th class="num" data-type="num">Fails</th>'
            '<th data-nosort>Failing rules</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table></section>")

    @staticmethod
    def _rules(d, meta) -> str:
        if not d["rules"]:
            return ""
        order = list(meta) + sorted(set(d["rules"]) - set(meta))
        rows = []
        for k, rid in enumerate(r for r in order if r in d["rules"]):
            c = d["rules"][rid]
            m = meta.get(rid) or {}
            desc = m.get("title") or m.get("description") or ""
            rate_v = "" if c["pass_rate"] is None else f"{c['pass_rate']:g}"
            rows.append(
                f'<tr data-i="{k}"><td><b>{esc(rid)}</b></td><td class="muted">{esc(one_line(desc, 120))}</td>'
                f'<td class="sev sev-{esc(m.get("severity") or "")}">{esc(m.get("severity") or "")}</td>'
                f'<td class="num">{c["pass"]}</td><td class="num">{c["fail"]}</td><td class="num">{c["na"]}</td>'
                f'<td class="num">{c["waived"]}</td><td data-v="{rate_v}">{rate_cell(c["pass_rate"])}</td></tr>')
        return ('<section class="panel" id="rules"><h2>Rules</h2><table class="grid sortable"><thead><tr>'
                '<th>Rule</th><th>What it checks</th><th>Severity</th><th class="num" data-type="num">Pass</th>'
                '<th class="num" data-type="num">Fail</th><th class="num" data-type="num">n/a</th>'
                '<th class="num" data-type="num">Waived</th><th data-type="num">Pass rate</th></tr></thead><tbody>'
                + "".join(rows) + "</tbody></table>"
                '<div class="legend"><span><i class="sw m-evidence"></i>evidence of a failure</span>'
                '<span><i class="sw m-trigger"></i>trigger (e.g. the complaint)</span>'
                '<span><i class="sw m-near"></i>closest agent turn (near miss)</span>'
                '<span><i class="sw m-ok"></i>evidence of a pass</span>'
                '<span><i class="sw m-waived"></i>waived</span></div></section>')

    # -- one transcript --------------------------------------------------------------------------------------

    def _section(self, i: int, card: Scorecard, transcript: Transcript | None, meta) -> str:
        head = self._head(i, card, transcript)
        if card.status == "error":
            return (f'<section class="tx s-error" id="t{i}">{head}<div class="errbox"><b>{esc(card.error.kind if card.error else "")}'
                    f' error{" at line " + str(card.error.line) if card.error and card.error.line else ""}</b>'
                    f'{esc(card.error.message if card.error else error_text(card))}</div></section>')
        turns = {t.index: t for t in transcript.turns} if transcript is not None else {}
        refs: list[Ref] = []
        per_rule: list[list[Ref]] = []
        for j, r in enumerate(card.rules):
            mine: list[Ref] = []
            finding = f"t{i}-r{j}"
            own_kind = {"fail": "evidence", "waived": "waived"}.get(r.status, "ok")
            if r.trigger is not None:
                mine.append(Ref("trigger", r.trigger, "", finding, r))
            for ev in r.evidence:
                if r.trigger is not None and ev.turn == r.trigger.turn and ev.quote == r.trigger.quote:
                    continue  # the trigger itself is the evidence: show it once
                mine.append(Ref(own_kind, ev, "", finding, r))
            if r.near_miss is not None and r.status in ("fail", "waived"):
                mine.append(Ref("near", r.near_miss, "", finding, r))
            for ref in mine:
                ref.anchor = f"t{i}-e{len(refs)}"
                turn = turns.get(ref.ev.turn)
                ref.span = locate(turn.text, ref.ev) if turn is not None else None
                refs.append(ref)
            per_rule.append(mine)
        findings = self._findings(i, card, per_rule, turns, meta)
        conv = self._conversation(i, transcript, refs)
        timeline = ""
        if transcript is not None and transcript.timed and transcript.turns:
            by_turn: dict[int, list[Ref]] = {}
            for ref in refs:
                by_turn.setdefault(ref.ev.turn, []).append(ref)
            total = max([t.end or t.start or 0.0 for t in transcript.turns] + [1.0])
            silences = silence_intervals(transcript, self.dead_air)
            talkovers = talkover_intervals(transcript)
            legend = (f'<div class="legend tl-legend"><span><i class="sw sw-silence"></i>silence of '
                      f'{esc(fmt_num(self.dead_air))} s or more (dead air): {len(silences)}</span>'
                      f'<span><i class="sw sw-talkover"></i>talk-over: {len(talkovers)}</span></div>')
            timeline = (f'<div class="tl-wrap"><h3>Timeline</h3>'
                        f"{self._timeline(i, transcript, silences, talkovers, by_turn, total)}{legend}</div>")
        warns = "".join(f"<p><b>warning:</b> {esc(w)}</p>" for w in card_warnings(card))
        if warns:
            head += f'<div class="warnbox" role="note">{warns}</div>'
        head += self._card_sections(card) + self._metrics(card)
        return (f'<section class="tx s-{verdict_of(card)}" id="t{i}">{head}{timeline}<div class="tx-body">'
                f'<div class="find"><h3>Findings</h3>{findings}</div><div class="conv">{conv}</div></div></section>')

    @staticmethod
    def _card_sections(card: Scorecard) -> str:
        """The card's section scores (a pack with sections) and its auto-fails."""
        out = ""
        if card.auto_failed:
            out += (f'<div class="autofail" role="note"><b>auto-fail:</b> {esc(", ".join(card.auto_failed))} failed, '
                    f"score set to 0</div>")
        if card.sections:
            rows = "".join(
                f'<tr><td>{esc(x.title)}</td><td class="num">{esc(fmt_num(x.weight))}</td><td>{score_cell(x.score)}</td>'
                f'<td class="num">{x.passed}</td><td class="num">{x.failed}</td><td class="num">{x.na}</td></tr>'
                for x in card.sections)
            out += ('<div class="secwrap"><table class="grid sections"><thead><tr><th>Section</th><th class="num">'
                    'Weight</th><th>Score</th><th class="num">Pass</th><th class="num">Fail</th><th class="num">n/a</th>'
                    f"</tr></thead><tbody>{rows}</tbody></table></div>")
        return out

    @staticmethod
    def _metrics(card: Scorecard) -> str:
        """The talk metrics of a timed transcript; ``n/a`` for one without utterance timings."""
        m = card.metrics
        if not m:
            return ('<div class="metrics na"><b>Talk metrics</b> <span class="muted">n/a: no utterance timings '
                    "(no silence or talk-over to measure)</span></div>")
        shown = [("Silence", f"{fmt_num(m['silence_total_seconds'])} s ({fmt_num(round(100 * m['silence_share']))}%)"),
                 ("Longest silence", f"{fmt_num(m['silence_longest_seconds'])} s"),
                 ("Talk-over", f"{m['talkover_count']} · {fmt_num(m['talkover_total_seconds'])} s "
                               f"(longest {fmt_num(m['talkover_longest_seconds'])} s)"),
                 ("Agent talk", f"{fmt_num(round(100 * m['agent_talk_ratio']))}%"),
                 ("Agent pace", f"{fmt_num(round(m['agent_words_per_minute']))} wpm")]
        dl = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in shown)
        return f'<div class="metrics"><b>Talk metrics</b><dl class="facts">{dl}</dl></div>'

    @staticmethod
    def _head(i: int, card: Scorecard, transcript: Transcript | None) -> str:
        facts = []
        md = card.metadata
        for key, label in (("agent_name", "Agent"), ("agent_id", "Agent id"), ("customer_name", "Customer"),
                           ("channel", "Channel"), ("queue", "Queue"), ("start_time", "Started")):
            if md.get(key) not in (None, ""):
                facts.append((label, md[key]))
        if card.format:
            facts.append(("Format", card.format))
        if card.transcript != card.source:
            facts.append(("Id", card.transcript))
        if card.location is not None:
            facts.append(("Record", card.location))
        if transcript is not None:
            facts.append(("Turns", len(transcript.turns)))
            ends = [t.end for t in transcript.turns if t.end is not None]
            if ends:
                facts.append(("Duration", fmt_time(max(ends))))
        score = f'<span class="muted">score</span> {score_cell(card.score)}' if card.score is not None else ""
        reason = f'<span class="muted">{esc(card.verdict_reason)}</span>' if card.verdict_reason else ""
        dl = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in facts)
        return (f'<header class="tx-head"><h2><span class="idx">#{i + 1}</span>{esc(card.source)}</h2>'
                f"{badge(verdict_of(card))}{score}{reason}"
                f'<a class="back" href="#overview">↑ overview</a><dl class="facts">{dl}</dl></header>')

    def _findings(self, i, card, per_rule, turns, meta) -> str:
        if not card.rules:
            return '<p class="muted">No rule applied.</p>'
        rows = []
        for j, (r, mine) in enumerate(zip(card.rules, per_rule)):
            title = (meta.get(r.id) or {}).get("title")
            items = []
            for ref in mine:
                ev = ref.ev
                where = f"turn {ev.turn}" + (f" · {fmt_time(ev.start)}" if ev.start is not None else "")
                if ref.kind == "near" and ev.similarity is not None:
                    where += f" · {fmt_num(ev.similarity)}%"
                label = {"trigger": "trigger", "near": "closest", "evidence": "evidence", "ok": "found",
                         "waived": "waived"}[ref.kind]
                kcls = {"trigger": "k-trigger", "near": "k-near", "evidence": "k-evidence", "ok": "k-ok",
                        "waived": "k-waiver"}[ref.kind]
                if ref.span is not None:
                    link = f'<a href="#{ref.anchor}">{esc(where)}</a>'
                elif ev.turn in turns:
                    link = f'<a href="#t{i}-u{ev.turn}">{esc(where)}</a>'
                else:
                    link = f"<span>{esc(where)}</span>"
                items.append(f'<li><span class="k {kcls}">{label}</span>{link}'
                             f"<q>{esc(one_line(ev.quote, 160))}</q></li>")
            if r.status == "waived" and r.waiver:
                items.append(f'<li><span class="k k-waiver">waiver</span><span>{esc(waiver_text(r.waiver))}</span></li>')
            msg_cls = "msg reason" if r.status == "na" else "msg"
            evl = f'<ul class="evl">{"".join(items)}</ul>' if items else ""
            rows.append(
                f'<tr class="r-{r.status}" id="t{i}-r{j}"><td><span class="rid">{esc(r.id)}</span>'
                + (f'<span class="rtitle">{esc(one_line(title, 48))}</span>' if title else "")
                + f'<span class="sev sev-{esc(r.severity)}">{esc(r.severity)}</span></td>'
                f"<td>{badge(r.status)}</td>"
                f'<td><p class="{msg_cls}">{esc(r.message)}</p>{evl}</td></tr>')
        return ('<table class="grid findings"><colgroup><col class="c-rule"><col class="c-status"><col></colgroup>'
                "<thead><tr><th>Rule</th><th>Status</th><th>Finding</th></tr></thead><tbody>"
                + "".join(rows) + "</tbody></table>")

    # -- the conversation ------------------------------------------------------------------------------------

    def _conversation(self, i: int, transcript: Transcript | None, refs: list[Ref]) -> str:
        if transcript is None:
            return ('<h3>Conversation</h3><p class="conv-note">The conversation was not included in this report; '
                    "the findings show the evidence quotes.</p>")
        if not transcript.turns:
            return '<h3>Conversation</h3><p class="conv-note">The transcript has no turns.</p>'
        by_turn: dict[int, list[Ref]] = {}
        for ref in refs:
            by_turn.setdefault(ref.ev.turn, []).append(ref)
        timed = transcript.timed
        overlaps = _overlaps(transcript.turns) if timed else {}
        items = []
        for t in transcript.turns:
            mine = by_turn.get(t.index, [])
            text = highlight(t.text, mine)
            who = esc(t.speaker) if t.speaker else esc(t.role)
            role_note = f' <span class="muted">({esc(t.role)})</span>' if t.speaker and t.speaker.lower() != t.role else ""
            tags = "".join(
                f'<a class="{TAG_CLASS[r.kind]}" href="#{r.finding}">'
                f'{"✗" if r.kind == "evidence" else "✓" if r.kind == "ok" else "◆" if r.kind == "trigger" else "≈" if r.kind == "near" else "○"}'
                f" {esc(r.rule.id)}{' · ' + KIND_LABEL[r.kind] if r.kind in ('trigger', 'near') else ''}</a>"
                for r in mine)
            tags_html = f'<div class="tags">{tags}</div>' if tags else ""
            role = t.role if t.role in ROLE_ORDER else "other"
            if timed:
                ov = overlaps.get(t.index, [])
                ov_note = ""
                if ov:
                    secs = max(b - a for _, a, b in ov)
                    ov_note = (f'<span class="ovl" title="talks over turn {", ".join(str(u.index) for u, _, _ in ov)}">'
                               f"overlap {secs:.1f} s</span>")
                when = (f'<div class="when"><b>{fmt_time(t.start)}</b>{fmt_time(t.end)}</div>'
                        if t.start is not None else '<div class="when">–</div>')
                items.append(
                    f'<li class="turn {role}" id="t{i}-u{t.index}">{when}<div>'
                    f'<div class="who"><b>{who}</b>{role_note} · #{t.index}{ov_note}</div>'
                    f"{self._lane(t, transcript.turns, ov)}"
                    f'<div class="bubble">{text}</div>{tags_html}</div></li>')
            else:
                items.append(
                    f'<li class="turn {role}" id="t{i}-u{t.index}"><div class="who"><b>{who}</b>{role_note} · '
                    f'#{t.index}</div><div class="bubble">{text}</div>{tags_html}</li>')
        head = "<h3>Conversation</h3>"
        kind = "timed" if timed else "chat"
        return head + f'<ol class="turns {kind}">{"".join(items)}</ol>'

    @staticmethod
    def _lane(t: Turn, turns: list[Turn], ov) -> str:
        """A small two-lane bar around this turn: its own segment, the others nearby, talk-over in red."""
        if t.start is None or t.end is None:
            return ""
        pad = 3.0
        lo, hi = t.start - pad, t.end + pad
        span = hi - lo

        def x(v: float) -> float:
            return round(1000 * (min(max(v, lo), hi) - lo) / span, 1)

        rows = {"agent": 0, "customer": 1, "other": 2}
        used = sorted({rows.get(u.role, 2) for u in turns if u.start is not None and u.end is not None
                       and u.end > lo and u.start < hi} | {rows.get(t.role, 2)})
        y_of = {r: k * 5 for k, r in enumerate(used)}
        height = 5 * len(used)
        parts = [f'<rect class="track" width="1000" height="{height}"/>']
        for u in turns:
            if u is t or u.start is None or u.end is None or u.end <= lo or u.start >= hi:
                continue
            parts.append(f'<rect class="ghost" x="{x(u.start)}" y="{y_of[rows.get(u.role, 2)]}" '
                         f'width="{max(x(u.end) - x(u.start), 2)}" height="4"/>')
        role = t.role if t.role in rows else "other"
        parts.append(f'<rect class="seg-{role}" x="{x(t.start)}" y="{y_of[rows.get(t.role, 2)]}" '
                     f'width="{max(x(t.end) - x(t.start), 2)}" height="4"/>')
        for _, a, b in ov:
            parts.append(f'<rect class="ov" x="{x(a)}" y="0" width="{max(x(b) - x(a), 2)}" height="{height}" '
                         f'opacity=".55"/>')
        return (f'<svg class="lane" viewBox="0 0 1000 {height}" preserveAspectRatio="none" role="img" '
                f'aria-label="{esc(fmt_time(t.start))} to {esc(fmt_time(t.end))}">{"".join(parts)}</svg>')

    @staticmethod
    def _timeline(i: int, transcript: Transcript, silences, talkovers, by_turn, total: float) -> str:
        """The whole call: one lane per role, a rect per turn (linked), dead air shaded grey, talk-over in red,
        findings outlined. ``silences`` and ``talkovers`` are the intervals of :mod:`turncheck.metrics`."""
        roles = [r for r in ROLE_ORDER if any(t.role == r for t in transcript.turns)]
        left, width, lane_h, gap, top = 70, 1110, 18, 8, 6
        height = top + len(roles) * (lane_h + gap) + 18
        scale = width / total

        def x(v: float) -> float:
            return round(left + v * scale, 1)

        parts = []
        step = next(s for s in (5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600, 10 ** 9) if total / s <= 10)
        tick = 0.0
        while tick <= total + 1e-9:
            parts.append(f'<line class="tick" x1="{x(tick)}" x2="{x(tick)}" y1="{top}" y2="{height - 16}"/>'
                         f'<text x="{x(tick)}" y="{height - 4}" text-anchor="middle">{fmt_time(tick)[:-2]}</text>')
            tick += step
        lanes_h = len(roles) * (lane_h + gap) - gap
        for k, role in enumerate(roles):
            y = top + k * (lane_h + gap)
            parts.append(f'<rect class="lanebg" x="{left}" y="{y}" width="{width}" height="{lane_h}" rx="3"/>'
                         f'<text x="{left - 8}" y="{y + lane_h - 4}" text-anchor="end">{role}</text>')
            for t in transcript.turns:
                if t.role != role or t.start is None or t.end is None:
                    continue
                w = max(x(t.end) - x(t.start), 1.5)
                label = f"#{t.index} {t.speaker or t.role} {fmt_time(t.start)}–{fmt_time(t.end)}: {one_line(t.text, 80)}"
                parts.append(f'<a href="#t{i}-u{t.index}"><title>{esc(label)}</title>'
                             f'<rect class="seg-{role}" x="{x(t.start)}" y="{y + 2}" width="{w}" '
                             f'height="{lane_h - 4}" rx="2"/></a>')
                kinds = {r.kind for r in by_turn.get(t.index, [])}
                for kind in ("evidence", "trigger", "near"):
                    if kind in kinds:
                        parts.append(f'<rect class="hl-{kind}" x="{x(t.start) - 1.5}" y="{y}" width="{w + 3}" '
                                     f'height="{lane_h}" rx="3"/>')
                        break
        for a, b in silences:  # on top of the lanes: nobody speaks there
            parts.append(f'<rect class="silence" x="{x(a)}" y="{top}" width="{round(max(x(b) - x(a), 1.5), 1)}" '
                         f'height="{lanes_h}"><title>silence {b - a:.1f} s ({fmt_time(a)}–{fmt_time(b)})</title></rect>')
        for a, b in talkovers:
            parts.append(f'<rect class="ov" x="{x(a)}" y="{top}" width="{round(max(x(b) - x(a), 1.5), 1)}" '
                         f'height="{lanes_h}" opacity=".28"><title>talk-over {b - a:.1f} s '
                         f'({fmt_time(a)}–{fmt_time(b)})</title></rect>')
        return (f'<svg class="tl" viewBox="0 0 1190 {height}" role="img" aria-label="timeline of the call">'
                f'{"".join(parts)}</svg>')
