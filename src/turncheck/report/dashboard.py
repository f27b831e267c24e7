"""``turncheck report`` outputs: the audit dashboard over an :class:`~.aggregate.Aggregate`.

Four small registered formats: ``table`` (rich, plain ASCII in a pipe), ``md``,
``json`` and ``html`` (one self-contained page whose charts are inline SVG
made here). Each is a function ``(aggregate, out, **options)``.
"""

from __future__ import annotations

from typing import Callable, TextIO

import orjson
from rich import box
from rich.table import Table
from rich.text import Text

from .aggregate import UNKNOWN_DAY, Aggregate, Group, Loaded, load_results, worst_row
from .common import fmt_num, plural
from .htmlkit import badge, esc, page, path_href, rate_cell, score_cell
from .markdown import md_text
from .svg import CHART_CSS, band, columns, hbars, lines
from ..scorecard import VERDICT_LABEL
from .table import VERDICT_STYLE, make_console

DashboardFn = Callable[..., None]
DASHBOARDS: dict[str, DashboardFn] = {}


def dashboard(name: str) -> Callable[[DashboardFn], DashboardFn]:
    def deco(fn: DashboardFn) -> DashboardFn:
        DASHBOARDS[name] = fn
        return fn
    return deco


def build_report(paths: list[str], fmt: str, out: TextIO, *, worst: int = 10, stdin: TextIO | None = None,
                 **options) -> Loaded:
    """Load ``paths``, aggregate and write the ``fmt`` dashboard to ``out``; returns what was loaded (and the problems)."""
    from ..errors import UsageError

    if fmt not in DASHBOARDS:
        raise UsageError(f"unknown report format {fmt!r}", hint="formats: " + ", ".join(sorted(DASHBOARDS)))
    loaded = load_results(paths, stdin=stdin)
    if not loaded.cards and loaded.problems:
        return loaded  # no results at all: the problems say why; an empty dashboard would only hide them
    agg = Aggregate(loaded.cards, worst=worst)
    DASHBOARDS[fmt](agg, out, loaded=loaded, **options)
    return loaded


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{fmt_num(v)}%"


def _metric(v: float | None, unit: str) -> str:
    """A talk-metric figure as the dashboards show it: ``35%``, ``8 s``, ``127 wpm``, ``2``; ``–`` for none."""
    if v is None:
        return "–"
    if unit == "%":
        return f"{round(100 * v, 1):g}%"
    return f"{round(v, 1):g}" + (f" {unit}" if unit else "")


_TALK_COLS = ["metric", "timed", "min", "p25", "median", "p75", "max"]


def _talk_cells(row) -> list[str]:
    return [str(row["transcripts"])] + [_metric(row[k], row["unit"]) for k in ("min", "p25", "median", "p75", "max")]


def _untimed_note(agg: Aggregate) -> str:
    return (f"{plural(agg.timed, 'timed transcript')}; {plural(agg.untimed, 'transcript')} without utterance timings "
            "(chats): talk metrics n/a")


def _headline(agg: Aggregate) -> str:
    t = agg.total
    attention = f" ({t.needs_attention} need{'s' if t.needs_attention == 1 else ''} attention)" \
        if t.needs_attention else ""
    text = (f"{plural(t.transcripts, 'transcript')}: {t.passed} passed{attention}, {t.failed} failed, "
            f"{plural(t.errors, 'error')}; pass rate {_pct(t.pass_rate)}")
    if t.mean_score is not None:
        text += f", mean score {fmt_num(t.mean_score)}"
    return text


# -- json ------------------------------------------------------------------------------------------------------

@dashboard("json")
def render_json(agg: Aggregate, out: TextIO, loaded: Loaded | None = None, **_) -> None:
    doc = agg.to_dict()
    if loaded is not None:
        doc["inputs"] = {"files": loaded.files, "records": loaded.lines, "replaced": loaded.replaced,
                         "skipped": len(loaded.problems)}
    out.write(orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode() + "\n")


# -- table -----------------------------------------------------------------------------------------------------

@dashboard("table")
def render_table(agg: Aggregate, out: TextIO, width: int | None = None, color: bool | None = None, **_) -> None:
    console = make_console(out, width, color)  # honours --color / NO_COLOR, ASCII in pipes
    term = console.is_terminal
    kind = box.SIMPLE_HEAD if term else box.ASCII

    def table(title: str, cols: list[str]) -> Table:
        t = Table(title=title, title_justify="left", box=kind, safe_box=not term, title_style="bold")
        for k, col in enumerate(cols):
            t.add_column(col, justify="left" if k == 0 or col in ("status", "failed rules", "worst rule", "agent",
                                                                   "day") else "right", no_wrap=k == 0)
        return t

    console.print(Text(_headline(agg), style="bold"))
    console.print()
    t = table("per rule", ["rule", "pass", "fail", "na", "waived", "pass rate"])
    for row in agg.rule_rows():
        t.add_row(row["rule"], str(row["pass"]), Text(str(row["fail"]), style="red" if row["fail"] else ""),
                  str(row["na"]), str(row["waived"]), _pct(row["pass_rate"]))
    console.print(t)
    console.print()
    if agg.agents:
        t = table("per agent", ["agent", "transcripts", "passed", "failed", "errors", "pass rate", "mean score",
                                "worst rule"])
        for a in agg.agent_order:
            g = agg.agents[a]
            top = g.top_fails(1)
            t.add_row(a, str(g.transcripts), str(g.passed), str(g.failed), str(g.errors), _pct(g.pass_rate),
                      fmt_num(g.mean_score, "–"), f"{top[0][0]} ({top[0][1]})" if top else "–")
        console.print(t)
        console.print()
    t = table("per day", ["day", "transcripts", "passed", "failed", "errors", "pass rate", "mean score"])
    for d in agg.day_order:
        g = agg.days[d]
        t.add_row(d, str(g.transcripts), str(g.passed), str(g.failed), str(g.errors), _pct(g.pass_rate),
                  fmt_num(g.mean_score, "–"))
    console.print(t)
    console.print()
    peak = max(agg.histogram + [1])
    t = table("score distribution", ["score", "transcripts", ""])
    for row in agg.histogram_rows():
        bar = ("#" if not term else "█") * round(30 * row["count"] / peak)
        t.add_row(row["label"].replace("–", "-"), str(row["count"]), Text(bar, style="cyan"))
    console.print(t)
    console.print()
    if agg.sections:
        t = table("per section", ["section", "weight", "mean score", "scored", "n/a"])
        for row in agg.section_rows():
            t.add_row(Text(row["title"]), fmt_num(row["weight"]), fmt_num(row["mean_score"], "–"), str(row["scored"]),
                      str(row["na"]))
        console.print(t)
        if agg.auto_failed_cards:
            console.print(Text(f"auto-fail: {plural(agg.auto_failed_cards, 'transcript')} ("
                               + ", ".join(f"{k} {v}" for k, v in sorted(agg.auto_failed.items())) + ")",
                               style="bold red"))
        console.print()
    if agg.timed:
        t = table("talk metrics (timed transcripts)", _TALK_COLS)
        for row in agg.talk_rows():
            t.add_row(row["label"], *_talk_cells(row))
        console.print(t)
        console.print(Text(_untimed_note(agg), style="dim"))
        console.print()
    if agg.worst:
        t = table(f"worst {plural(len(agg.worst), 'transcript')}", ["transcript", "score", "status", "agent", "day",
                                                           "failed rules"])
        for c in agg.worst:
            w = worst_row(c)
            t.add_row(c.source, fmt_num(c.score), Text(VERDICT_LABEL[w["verdict"]], style=VERDICT_STYLE[w["verdict"]]),
                      w["agent"] or "–", w["day"],
                      ", ".join(w["failed_rules"]) or "–")
        console.print(t)
        console.print()
    if agg.errors:
        t = table(f"{plural(len(agg.errors), 'input')} could not be checked", ["transcript", "error"])
        for c in agg.errors:
            t.add_row(c.source, f"{c.error.kind}: {c.error.message}" if c.error else "error")
        console.print(t)


# -- markdown --------------------------------------------------------------------------------------------------

@dashboard("md")
def render_md(agg: Aggregate, out: TextIO, title: str | None = None, **_) -> None:
    w = out.write
    w(f"# {md_text(title or 'turncheck audit report')}\n\n**{md_text(_headline(agg))}**\n\n")
    if agg.rulesets:
        w("Rule sets: " + ", ".join(f"{md_text(k)} ({n})" for k, n in agg.rulesets.items()) + "\n\n")
    w("## Per rule\n\n| rule | pass | fail | n/a | waived | pass rate |\n|---|--:|--:|--:|--:|--:|\n")
    for row in agg.rule_rows():
        w(f"| {md_text(row['rule'])} | {row['pass']} | {row['fail']} | {row['na']} | {row['waived']} | "
          f"{_pct(row['pass_rate'])} |\n")
    if agg.agents:
        w("\n## Per agent\n\n| agent | transcripts | passed | failed | errors | pass rate | mean score | "
          "most failed rule |\n|---|--:|--:|--:|--:|--:|--:|---|\n")
        for a in agg.agent_order:
            g = agg.agents[a]
            top = g.top_fails(1)
            w(f"| {md_text(a)} | {g.transcripts} | {g.passed} | {g.failed} | {g.errors} | {_pct(g.pass_rate)} | "
              f"{fmt_num(g.mean_score, '–')} | {md_text(top[0][0]) + f' ({top[0][1]})' if top else '–'} |\n")
    w("\n## Per day\n\n| day | transcripts | passed | failed | errors | pass rate | mean score |\n"
      "|---|--:|--:|--:|--:|--:|--:|\n")
    for d in agg.day_order:
        g = agg.days[d]
        w(f"| {d} | {g.transcripts} | {g.passed} | {g.failed} | {g.errors} | {_pct(g.pass_rate)} | "
          f"{fmt_num(g.mean_score, '–')} |\n")
    peak = max(agg.histogram + [1])
    w("\n## Score distribution\n\n| score | transcripts | |\n|---|--:|---|\n")
    for row in agg.histogram_rows():
        w(f"| {row['label']} | {row['count']} | {'█' * round(20 * row['count'] / peak)} |\n")
    if agg.sections:
        w("\n## Per section\n\n| section | weight | mean score | scored | n/a |\n|---|--:|--:|--:|--:|\n")
        for row in agg.section_rows():
            w(f"| {md_text(row['title'])} | {fmt_num(row['weight'])} | {fmt_num(row['mean_score'], '–')} | "
              f"{row['scored']} | {row['na']} |\n")
        if agg.auto_failed_cards:
            w(f"\n**Auto-fail**: {plural(agg.auto_failed_cards, 'transcript')} ("
              + ", ".join(f"{md_text(k)} {v}" for k, v in sorted(agg.auto_failed.items())) + ")\n")
    if agg.timed:
        w("\n## Talk metrics\n\n| metric | timed | min | p25 | median | p75 | max |\n|---|--:|--:|--:|--:|--:|--:|\n")
        for row in agg.talk_rows():
            w(f"| {row['label']} | " + " | ".join(_talk_cells(row)) + " |\n")
        w(f"\n_{md_text(_untimed_note(agg))}_\n")
    if agg.worst:
        w(f"\n## Worst {plural(len(agg.worst), 'transcript')}\n\n| transcript | score | status | agent | day | failed rules |\n"
          "|---|--:|---|---|---|---|\n")
        for c in agg.worst:
            r = worst_row(c)
            w(f"| {md_text(c.source)} | {fmt_num(c.score)} | {VERDICT_LABEL[r['verdict']]} | {md_text(r['agent'] or '–')} | "
              f"{r['day']} | "
              f"{', '.join(md_text(x) for x in r['failed_rules']) or '–'} |\n")
    if agg.errors:
        w(f"\n## Inputs that could not be checked ({len(agg.errors)})\n\n")
        for c in agg.errors:
            w(f"- {md_text(c.source)}: {md_text(c.error.kind + ': ' + c.error.message if c.error else 'error')}\n")
    w("\n")


# -- html ------------------------------------------------------------------------------------------------------

DASH_CSS = CHART_CSS + """
.cols{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:18px;margin:0 0 18px}
.cols .panel{margin:0}
@media (max-width:1000px){.cols{grid-template-columns:1fr}}
.panel .hint{color:var(--muted);font-size:12px;margin:-6px 0 10px}
td.src{word-break:break-all}
.dists{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px 24px;margin-top:14px}
.narrow{max-width:760px}
figure.dist{margin:0}figure.dist figcaption{font-size:12px;font-weight:600;color:var(--muted);margin-bottom:2px}
p.autofail{margin:10px 0 0;padding:6px 10px;border-radius:6px;background:#fdebe8;color:#b42318;font-size:13px}
"""


def _group_row(key_html: str, g: Group, i: int) -> str:
    top = g.top_fails(2)
    tops = "".join(f'<span class="chip">{esc(r)} ×{n}</span>' for r, n in top) or '<span class="muted">–</span>'
    rate_v = "" if g.pass_rate is None else f"{g.pass_rate:g}"
    mean_v = "" if g.mean_score is None else f"{g.mean_score:g}"
    return (f'<tr data-i="{i}"><td>{key_html}</td><td class="num">{g.transcripts}</td>'
            f'<td class="num">{g.passed}</td><td class="num">{g.failed}</td><td class="num">{g.errors}</td>'
            f'<td data-v="{rate_v}">{rate_cell(g.pass_rate)}</td>'
            f'<td class="num" data-v="{mean_v}">{score_cell(g.mean_score)}</td><td>{tops}</td></tr>')


_GROUP_HEAD = ('<th class="num" data-type="num">Transcripts</th><th class="num" data-type="num">Passed</th>'
               '<th class="num" data-type="num">Failed</th><th class="num" data-type="num">Errors</th>'
               '<th data-type="num">Pass rate</th><th class="num" data-type="num">Mean score</th>'
               '<th data-nosort>Most failed rules</th>')


def _talk_panel(agg: Aggregate) -> str:
    """Distributions of the talk metrics across the timed transcripts: a quantile table and a small histogram per
    metric (inline SVG)."""
    if not agg.timed:
        return ('<section class="panel" id="talk"><h2>Talk metrics</h2>'
                f'<p class="muted">n/a: {esc(_untimed_note(agg))}.</p></section>')
    rows = agg.talk_rows()
    body = "".join(f'<tr><td><b>{esc(r["label"])}</b></td>' + "".join(f'<td class="num">{esc(c)}</td>'
                                                                      for c in _talk_cells(r)) + "</tr>" for r in rows)
    charts = "".join(
        f'<figure class="dist" data-metric="{esc(r["metric"])}"><figcaption>{esc(r["label"])}'
        + (f' ({esc(r["unit"])})' if r["unit"] not in ("", "%") else "") + "</figcaption>"
        + columns([(b["label"], b["count"]) for b in r["bins"]], width=360, height=150,
                  title=f'{r["label"]} across transcripts') + "</figure>" for r in rows)
    return ('<section class="panel" id="talk"><h2>Talk metrics</h2>'
            f'<p class="hint">{esc(_untimed_note(agg))}; quantiles and transcripts per band</p>'
            '<table class="grid"><thead><tr><th>Metric</th><th class="num">Timed</th><th class="num">Min</th>'
            '<th class="num">p25</th><th class="num">Median</th><th class="num">p75</th><th class="num">Max</th>'
            f'</tr></thead><tbody>{body}</tbody></table><div class="dists">{charts}</div></section>')


@dashboard("html")
def render_html(agg: Aggregate, out: TextIO, loaded: Loaded | None = None, title: str | None = None,
                max_agents: int = 6, **_) -> None:
    t = agg.total
    days = [d for d in agg.day_order if d != UNKNOWN_DAY] or agg.day_order
    span = f" · {days[0]} to {days[-1]}" if days and days[0] != UNKNOWN_DAY and len(days) > 1 else (
        f" · {days[0]}" if days and days[0] != UNKNOWN_DAY else "")
    files = f" from {len(loaded.files)} results file{'s' if len(loaded.files) != 1 else ''}" if loaded else ""
    sets = ", ".join(f"{esc(k)}" for k in agg.rulesets)
    sub = f"{plural(t.transcripts, 'transcript')}{files}{esc(span)}" + (f" · rule set {sets}" if sets else "")
    parts = []
    tiles = [("Transcripts", t.transcripts, ""), ("Pass rate", _pct(t.pass_rate), ""),
             ("Mean score", fmt_num(t.mean_score, "–"), ""), ("Failed", t.failed, "k-fail"),
             ("Errors", t.errors, "k-error"), ("Agents", len(agg.agents), "")]
    parts.append('<section class="kpis">' + "".join(
        f'<div class="kpi {cls}"><div class="v">{esc(v)}</div><div class="l">{esc(label)}</div></div>'
        for label, v, cls in tiles) + "</section>")

    rules = sorted(agg.rule_rows(), key=lambda r: (r["pass_rate"] is None, r["pass_rate"] or 0, r["rule"]))
    rule_chart = hbars([(r["rule"], r["pass_rate"], f"{r['pass']}/{r['pass'] + r['fail']}") for r in rules],
                       title="pass rate per rule")
    hist = agg.histogram_rows()
    hist_chart = columns([(h["label"], h["count"]) for h in hist], title="score distribution",
                         classes=[band(h["from"] + 5 if h["to"] < 100 else 95) for h in hist])
    parts.append('<div class="cols">'
                 f'<section class="panel"><h2>Pass rate per rule</h2><p class="hint">worst first; passes out of '
                 f"the transcripts where the rule applied</p>{rule_chart}</section>"
                 f'<section class="panel"><h2>Score distribution</h2><p class="hint">transcripts per score band'
                 f"</p>{hist_chart}</section></div>")

    if agg.sections:
        srows = agg.section_rows()
        chart = hbars([(r["title"], r["mean_score"], f"×{fmt_num(r['weight'])}") for r in srows],
                      title="mean score per section")
        auto = (f'<p class="autofail">Auto-fail: {esc(plural(agg.auto_failed_cards, "transcript"))} ('
                + esc(", ".join(f"{k} {v}" for k, v in sorted(agg.auto_failed.items()))) + "): score set to 0</p>"
                if agg.auto_failed_cards else "")
        parts.append(f'<section class="panel" id="sections"><h2>Sections</h2><p class="hint">mean section score over '
                     f'the transcripts where the section had a rule that applied; ×weight</p><div class="narrow">{chart}</div>'
                     f"{auto}</section>")
    if agg.timed or agg.untimed:
        parts.append(_talk_panel(agg))

    trend_days = [d for d in agg.day_order if d != UNKNOWN_DAY]
    if trend_days:
        day_chart = lines(trend_days, [("mean score", [agg.days[d].mean_score for d in trend_days]),
                                       ("% transcripts passed", [agg.days[d].pass_rate for d in trend_days])],
                          notes=[f"n={agg.days[d].transcripts}" for d in trend_days], title="per day")
        agents = agg.agent_order[:max_agents]
        agent_series = [(a, [agg.agent_days[a][d].mean_score if d in agg.agent_days[a] else None
                             for d in trend_days]) for a in agents]
        more = len(agg.agents) - len(agents)
        agent_chart = lines(trend_days, agent_series, title="mean score per agent per day") if agent_series else (
            '<p class="muted">No agent names or ids in the results.</p>')
        parts.append('<div class="cols">'
                     f'<section class="panel"><h2>Per day</h2><p class="hint">mean score and share of transcripts '
                     f"passed, by the day the conversation started</p>{day_chart}</section>"
                     f'<section class="panel"><h2>Agent trend</h2><p class="hint">mean score per day of the '
                     f"{len(agents)} busiest agents{f' ({more} more in the table)' if more > 0 else ''}</p>"
                     f"{agent_chart}</section></div>")

    if agg.worst:
        rows = []
        for i, c in enumerate(agg.worst):
            r = worst_row(c)
            chips = "".join(f'<span class="chip">{esc(x)}</span>' for x in r["failed_rules"]) or (
                '<span class="muted">–</span>')
            rec = f' <span class="muted">record {c.location}</span>' if c.location is not None else ""
            rows.append(f'<tr data-i="{i}"><td class="num">{i + 1}</td>'
                        f'<td class="src"><a href="{esc(path_href(c.source))}">{esc(c.source)}</a>{rec}</td>'
                        f'<td class="num" data-v="{c.score:g}">{score_cell(c.score)}</td><td>{badge(r["verdict"])}</td>'
                        f"<td>{esc(r['agent'] or '–')}</td><td>{esc(r['day'])}</td><td>{chips}</td></tr>")
        parts.append(f'<section class="panel" id="worst"><h2>Worst {plural(len(agg.worst), "transcript")}</h2>'
                     '<p class="hint">lowest scores first; the link opens the transcript file</p>'
                     '<table class="grid sortable"><thead><tr><th class="num" data-type="num">#</th>'
                     '<th>Transcript</th><th class="num" data-type="num">Score</th><th>Status</th><th>Agent</th>'
                     "<th>Day</th><th data-nosort>Failed rules</th></tr></thead><tbody>"
                     + "".join(rows) + "</tbody></table></section>")

    rows = []
    for i, r in enumerate(agg.rule_rows()):
        rate_v = "" if r["pass_rate"] is None else f"{r['pass_rate']:g}"
        rows.append(f'<tr data-i="{i}"><td><b>{esc(r["rule"])}</b></td>'
                    f'<td class="sev sev-{esc(r["severity"] or "")}">{esc(r["severity"] or "")}</td>'
                    f'<td class="num">{r["pass"]}</td><td class="num">{r["fail"]}</td><td class="num">{r["na"]}</td>'
                    f'<td class="num">{r["waived"]}</td><td data-v="{rate_v}">{rate_cell(r["pass_rate"])}</td></tr>')
    parts.append('<section class="panel" id="rules"><h2>Per rule</h2><table class="grid sortable"><thead><tr>'
                 '<th>Rule</th><th>Severity</th><th class="num" data-type="num">Pass</th>'
                 '<th class="num" data-type="num">Fail</th><th class="num" data-type="num">n/a</th>'
                 '<th class="num" data-type="num">Waived</th><th data-type="num">Pass rate</th></tr></thead><tbody>'
                 + "".join(rows) + "</tbody></table></section>")
    if agg.agents:
        rows = [_group_row(esc(a), agg.agents[a], i) for i, a in enumerate(agg.agent_order)]
        parts.append('<section class="panel" id="agents"><h2>Per agent</h2><table class="grid sortable"><thead><tr>'
                     f"<th>Agent</th>{_GROUP_HEAD}</tr></thead><tbody>" + "".join(rows) + "</tbody></table></section>")
    rows = [_group_row(esc(d), agg.days[d], i) for i, d in enumerate(agg.day_order)]
    parts.append('<section class="panel" id="days"><h2>Per day</h2><table class="grid sortable"><thead><tr>'
                 f"<th>Day</th>{_GROUP_HEAD}</tr></thead><tbody>" + "".join(rows) + "</tbody></table></section>")
    if agg.errors:
        items = "".join(f'<li><a href="{esc(path_href(c.source))}">{esc(c.source)}</a>: '
                        f"{esc(c.error.kind + ' error: ' + c.error.message if c.error else 'error')}</li>"
                        for c in agg.errors)
        parts.append(f'<section class="panel" id="errors"><h2>Inputs that could not be checked '
                     f"({len(agg.errors)})</h2><ul>{items}</ul></section>")
    if loaded is not None and (loaded.replaced or loaded.problems):
        notes = []
        if loaded.replaced:
            notes.append(f"{loaded.replaced} older result{'s' if loaded.replaced != 1 else ''} replaced by a later "
                         "run of the same transcript")
        if loaded.problems:
            notes.append(f"{len(loaded.problems)} malformed line{'s' if len(loaded.problems) != 1 else ''} skipped")
        parts.append(f'<p class="muted">{esc("; ".join(notes))}.</p>')
    out.write(page(f"turncheck · {title or 'Audit dashboard'}", sub, "\n".join(parts), DASH_CSS))
