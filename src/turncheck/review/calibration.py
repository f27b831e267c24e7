"""Calibration: how far reviewers agree with each other and with the pack, per rule.

From each reviewer's latest verdict on each finding:

- reviewer vs pack: per rule (all reviewers) and per rule and reviewer, the number of verdicts, the share
  where the reviewer's label is the pack's, Cohen's kappa (:func:`turncheck.evaluate.kappa`), and every
  disagreement;
- reviewer vs reviewer: per rule, every pair of reviewers who judged the same finding (pooled), the
  same figures and every disagreement, as in a calibration session.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from ..evaluate import kappa
from .store import Verdict


def _figures(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    n = len(pairs)
    agree = sum(1 for a, b in pairs if a == b)
    return {"n": n, "agreement": round(agree / n, 4) if n else None, "kappa": round(kappa(pairs), 4) if n else None}


def calibration(verdicts: list[Verdict]) -> dict[str, Any]:
    by_rule: dict[str, list[Verdict]] = defaultdict(list)
    for v in verdicts:
        by_rule[v.rule].append(v)
    vs_pack, vs_reviewer = [], []
    for rule in sorted(by_rule):
        vs = by_rule[rule]
        row = {"rule": rule, **_figures([(v.label, v.pack) for v in vs]),
               "reviewers": [], "disagreements": []}
        per: dict[str, list[Verdict]] = defaultdict(list)
        for v in vs:
            per[v.reviewer].append(v)
        for name in sorted(per):
            row["reviewers"].append({"reviewer": name, **_figures([(v.label, v.pack) for v in per[name]])})
        row["disagreements"] = [{"transcript": v.transcript_id, "source": v.source, "reviewer": v.reviewer,
                                 "label": v.label, "pack": v.pack, "note": v.note}
                                for v in vs if v.label != v.pack]
        vs_pack.append(row)
        by_finding: dict[int, list[Verdict]] = defaultdict(list)
        for v in vs:
            by_finding[v.finding].append(v)
        pairs, disagreements, names = [], [], set()
        for items in by_finding.values():
            for a, b in combinations(sorted(items, key=lambda v: v.reviewer), 2):
                pairs.append((a.label, b.label))
                names.update((a.reviewer, b.reviewer))
                if a.label != b.label:
                    disagreements.append({"transcript": a.transcript_id, "source": a.source, "a": a.reviewer,
                                          "a_label": a.label, "a_note": a.note, "b": b.reviewer, "b_label": b.label,
                                          "b_note": b.note})
        if pairs:
            vs_reviewer.append({"rule": rule, **_figures(pairs), "reviewers": sorted(names),
                                "disagreements": disagreements})
    return {"verdicts": len(verdicts), "reviewers": sorted({v.reviewer for v in verdicts}),
            "reviewer_vs_pack": vs_pack, "reviewer_vs_reviewer": vs_reviewer}


def _num(x) -> str:
    return "–" if x is None else f"{x:.2f}"


def render_text(cal: dict[str, Any]) -> str:
    """Plain-text tables for ``turncheck review calibration --format table``."""
    out = [f"{cal['verdicts']} verdicts by {len(cal['reviewers'])} reviewer(s)", "", "reviewer vs pack"]
    rows = [("rule", "reviewer", "n", "agree", "kappa")]
    for r in cal["reviewer_vs_pack"]:
        rows.append((r["rule"], "(all)", str(r["n"]), _num(r["agreement"]), _num(r["kappa"])))
        for p in r["reviewers"]:
            rows.append(("", p["reviewer"], str(p["n"]), _num(p["agreement"]), _num(p["kappa"])))
    out += _table(rows)
    dis = [d | {"rule": r["rule"]} for r in cal["reviewer_vs_pack"] for d in r["disagreements"]]
    if dis:
        out += ["", f"{len(dis)} disagreement(s) with the pack"]
        out += _table([("rule", "transcript", "reviewer", "label", "pack", "note")]
                      + [(d["rule"], d["source"], d["reviewer"], d["label"], d["pack"], d["note"]) for d in dis])
    out += ["", "reviewer vs reviewer"]
    if not cal["reviewer_vs_reviewer"]:
        out.append("no finding has verdicts from two reviewers yet")
    else:
        out += _table([("rule", "reviewers", "pairs", "agree", "kappa")]
                      + [(r["rule"], ", ".join(r["reviewers"]), str(r["n"]), _num(r["agreement"]), _num(r["kappa"]))
                         for r in cal["reviewer_vs_reviewer"]])
        dis2 = [d | {"rule": r["rule"]} for r in cal["reviewer_vs_reviewer"] for d in r["disagreements"]]
        if dis2:
            out += ["", f"{len(dis2)} disagreement(s) between reviewers"]
            out += _table([("rule", "transcript", "reviewer", "label", "reviewer", "label")]
                          + [(d["rule"], d["source"], d["a"], d["a_label"], d["b"], d["b_label"]) for d in dis2])
    return "\n".join(out) + "\n"


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    from ..report.common import one_line, safe_text

    rows = [tuple(one_line(safe_text(c), 60) for c in r) for r in rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def render_html(cal: dict[str, Any]) -> str:
    """The calibration view's panels (escaped; inside the workspace's page frame)."""
    from ..report.htmlkit import badge, esc

    rows = []
    for r in cal["reviewer_vs_pack"]:
        rows.append(f'<tr class="rule-row" data-rule="{esc(r["rule"])}"><td><b>{esc(r["rule"])}</b></td>'
                    f'<td>all reviewers</td><td class="num">{r["n"]}</td><td class="num">{_num(r["agreement"])}</td>'
                    f'<td class="num kappa">{_num(r["kappa"])}</td></tr>')
        for p in r["reviewers"]:
            rows.append(f'<tr data-rule="{esc(r["rule"])}" data-reviewer="{esc(p["reviewer"])}"><td></td>'
                        f'<td>{esc(p["reviewer"])}</td><td class="num">{p["n"]}</td>'
                        f'<td class="num">{_num(p["agreement"])}</td><td class="num kappa">{_num(p["kappa"])}</td></tr>')
    pack = ('<table class="grid" id="vs-pack"><thead><tr><th>Rule</th><th>Reviewer</th><th class="num">n</th>'
            '<th class="num">Agreement</th><th class="num">Cohen\'s κ</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>") if rows else '<p class="muted">No verdicts yet.</p>'
    dis = [(r["rule"], d) for r in cal["reviewer_vs_pack"] for d in r["disagreements"]]
    dis_html = ""
    if dis:
        dis_html = ('<h3>Disagreements with the pack</h3><table class="grid" id="vs-pack-disagreements"><thead><tr>'
                    "<th>Rule</th><th>Transcript</th><th>Reviewer</th><th>Reviewer said</th><th>Pack said</th>"
                    "<th>Note</th></tr></thead><tbody>"
                    + "".join(f'<tr><td>{esc(rule)}</td><td>{esc(d["source"])}</td><td>{esc(d["reviewer"])}</td>'
                              f'<td>{badge(d["label"])}</td><td>{badge(d["pack"])}</td><td>{esc(d["note"])}</td></tr>'
                              for rule, d in dis) + "</tbody></table>")
    rr = cal["reviewer_vs_reviewer"]
    if rr:
        rev = ('<table class="grid" id="vs-reviewer"><thead><tr><th>Rule</th><th>Reviewers</th>'
               '<th class="num">Pairs</th><th class="num">Agreement</th><th class="num">Cohen\'s κ</th></tr></thead>'
               "<tbody>" + "".join(f'<tr data-rule="{esc(r["rule"])}"><td><b>{esc(r["rule"])}</b></td>'
                                   f'<td>{esc(", ".join(r["reviewers"]))}</td><td class="num">{r["n"]}</td>'
                                   f'<td class="num">{_num(r["agreement"])}</td><td class="num kappa">'
                                   f'{_num(r["kappa"])}</td></tr>' for r in rr) + "</tbody></table>")
        dis2 = [(r["rule"], d) for r in rr for d in r["disagreements"]]
        if dis2:
            rev += ("<h3>Disagreements between reviewers</h3><table class=\"grid\"><thead><tr><th>Rule</th>"
                    "<th>Transcript</th><th>Reviewer</th><th>Said</th><th>Reviewer</th><th>Said</th></tr></thead>"
                    "<tbody>" + "".join(f'<tr><td>{esc(rule)}</td><td>{esc(d["source"])}</td><td>{esc(d["a"])}</td>'
                                        f'<td>{badge(d["a_label"])}</td><td>{esc(d["b"])}</td>'
                                        f'<td>{badge(d["b_label"])}</td></tr>' for rule, d in dis2)
                    + "</tbody></table>")
    else:
        rev = '<p class="muted">No finding has verdicts from two reviewers yet.</p>'
    return (f'<section class="panel"><h2>Reviewers vs the pack</h2><p class="muted">{cal["verdicts"]} verdicts by '
            f'{len(cal["reviewers"])} reviewer(s); each reviewer\'s latest verdict per finding.</p>{pack}{dis_html}'
            f'</section><section class="panel"><h2>Reviewer vs reviewer</h2>{rev}</section>')
