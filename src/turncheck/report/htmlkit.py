"""Building blocks of the self-contained HTML pages (scorecards and dashboard).

Every page is one file: CSS, script and charts inline, nothing fetched. A
Content-Security-Policy allows no network at all and only the page's own
script (by its hash), so even text that slipped through escaping could not
run. Transcript text is untrusted: everything goes through :func:`esc`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from urllib.parse import quote

from .common import fmt_num, safe_text


def esc(value) -> str:
    """Escape text for element content *and* quoted attribute values (control characters, bidi overrides and
    lone surrogates shown, not obeyed: :func:`~turncheck.report.common.safe_text`)."""
    return html.escape(safe_text("" if value is None else str(value)), quote=True)


def path_href(path: str) -> str:
    """A relative link to a source path that can never be a script or another host.

    ``:`` is percent-encoded (so no ``javascript:`` or ``http:`` scheme) and a
    leading ``//`` collapses to ``/`` (no protocol-relative URL).
    """
    p = str(path).replace("\\", "/")
    q = quote(p, safe="/._-~+,=@")
    return re.sub(r"^/{2,}", "/", q)


STATUS_LABEL = {"pass": "pass", "fail": "fail", "na": "n/a", "waived": "waived", "error": "error", "ok": "ok",
                "needs-attention": "needs attention"}


def badge(status: str, text: str | None = None) -> str:
    return f'<span class="badge b-{esc(status)}">{esc(text or STATUS_LABEL.get(status, status))}</span>'


def score_cell(score: float | None) -> str:
    """A score with a small bar; ``–`` when there is none."""
    if score is None:
        return '<span class="muted">–</span>'
    band = "good" if score >= 85 else "mid" if score >= 60 else "bad"
    width = max(0.0, min(100.0, score))
    return (f'<span class="score"><span class="num">{fmt_num(score)}</span>'
            f'<svg class="sbar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">'
            f'<rect class="track" width="100" height="6" rx="3"/>'
            f'<rect class="fill {band}" width="{width:.1f}" height="6" rx="3"/></svg></span>')


CSS = """
:root{--bg:#f5f6f8;--card:#fff;--line:#e2e5ea;--line2:#eef0f3;--text:#1d2530;--muted:#667085;--accent:#2f5bd3;
--pass:#12805c;--pass-bg:#e3f4ec;--fail:#c22f1b;--fail-bg:#fdebe8;--na:#6b7280;--na-bg:#eef0f3;--waived:#9a5b06;
--waived-bg:#fff1d6;--error:#9b1c8e;--error-bg:#fae8f7;--agent:#e9f0fe;--agent-line:#c7d7fb;--cust:#ffffff;
--cust-line:#dfe3e8;--trig:#ffe3a3;--trig-line:#b7791f;--near:#dfe4ff;--near-line:#4a55c4;--evf:#ffd6cf;
--evp:#cdeedd}
*{box-sizing:border-box}[hidden]{display:none!important}
html{scroll-padding-top:12px}@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,"Liberation Sans",sans-serif}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
.top{background:#18212d;color:#fff;padding:18px 32px 16px}
.top .brand{font-weight:700;letter-spacing:.06em;text-transform:uppercase;font-size:11px;color:#9fb3d1}
.top h1{margin:2px 0 2px;font-size:22px;font-weight:650}
.top .sub{color:#c5d0df;font-size:13px}
main{max-width:1320px;margin:0 auto;padding:20px 32px 40px}
h2{font-size:17px;margin:0 0 10px;font-weight:650}
h3{font-size:13px;margin:0 0 8px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:650}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin:0 0 18px;
box-shadow:0 1px 2px rgba(16,24,40,.04)}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:0 0 18px}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.kpi .v{font-size:24px;font-weight:700;line-height:1.1}.kpi .l{color:var(--muted);font-size:12px;margin-top:2px}
.kpi.k-fail .v{color:var(--fail)}.kpi.k-pass .v{color:var(--pass)}.kpi.k-error .v{color:var(--error)}
table.grid{width:100%;border-collapse:collapse}
table.grid th,table.grid td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line2);vertical-align:top}
table.grid th{font-size:12px;color:var(--muted);font-weight:600;background:#fafbfc;border-bottom:1px solid var(--line);
white-space:nowrap}
table.grid td.num,table.grid th.num{text-align:right;font-variant-numeric:tabular-nums}
table.grid tbody tr:hover{background:#fafbff}
th button.sort{all:unset;cursor:pointer;color:inherit}th button.sort:focus-visible{outline:2px solid var(--accent)}
th button.sort::after{content:"\\2195";opacity:.35;margin-left:4px;font-size:11px}
th[aria-sort=ascending] button.sort::after{content:"\\2191";opacity:.9}
th[aria-sort=descending] button.sort::after{content:"\\2193";opacity:.9}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:11.5px;font-weight:650;
letter-spacing:.02em;white-space:nowrap;border:1px solid transparent}
.b-pass{color:var(--pass);background:var(--pass-bg)}.b-fail{color:var(--fail);background:var(--fail-bg)}
.b-na{color:var(--na);background:var(--na-bg)}.b-waived{color:var(--waived);background:var(--waived-bg)}
.b-error{color:var(--error);background:var(--error-bg)}
.b-ok{color:var(--pass);background:var(--pass-bg)}.b-needs-attention{color:var(--waived);background:var(--waived-bg)}
.warnbox{margin:0;padding:8px 18px;background:var(--waived-bg);color:var(--waived);border-bottom:1px solid var(--line);
font-size:13px}.warnbox p{margin:2px 0}
.kpi.k-attention .v{color:var(--waived)}
.sev{font-size:12px;color:var(--muted)}.sev-critical{color:var(--fail);font-weight:600}
.muted{color:var(--muted)}
.score{display:inline-flex;align-items:center;gap:8px;min-width:110px}.score .num{min-width:34px;
text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
.sbar{width:64px;height:6px}.sbar .track{fill:#e8ebef}.sbar .good{fill:#2a9d6f}.sbar .mid{fill:#e0a100}
.sbar .bad{fill:#d64a32}
.rate{display:inline-flex;align-items:center;gap:8px;white-space:nowrap}.rate svg{width:90px;height:8px;flex:none}
.rate .track{fill:#e8ebef}.rate .fill{fill:#2a9d6f}.rate .fill.bad{fill:#d64a32}.rate .fill.mid{fill:#e0a100}
.chip{display:inline-block;font-size:12px;padding:0 7px;border-radius:6px;background:var(--fail-bg);color:var(--fail);
margin:1px 3px 1px 0;white-space:nowrap}
.chip.plain{background:var(--na-bg);color:var(--na)}
.filters{display:flex;gap:14px;align-items:center;flex-wrap:wrap;margin:0 0 10px;font-size:13px}
.filters label{color:var(--muted)}.filters select{font:inherit;padding:3px 6px;border:1px solid var(--line);
border-radius:6px;background:#fff;margin-left:4px}
.filters .count{margin-left:auto;color:var(--muted)}
.legend{display:flex;gap:14px;flex-wrap:wrap;font-size:12px;color:var(--muted);margin:6px 0 0}
footer{color:var(--muted);font-size:12px;text-align:center;padding:10px 0 30px}
@media print{.filters,.back{display:none!important}body{background:#fff}.panel,.tx{break-inside:avoid-page}}
"""

SCORECARD_CSS = """
.tx{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:0 0 22px;
box-shadow:0 1px 2px rgba(16,24,40,.04)}
.tx.s-fail{border-top:3px solid var(--fail)}.tx.s-pass{border-top:3px solid var(--pass)}
.tx.s-error{border-top:3px solid var(--error)}.tx.s-needs-attention{border-top:3px solid var(--waived)}
.tx.s-ok{border-top:3px solid var(--pass)}
.tx-head{display:flex;flex-wrap:wrap;align-items:center;gap:10px 14px;padding:14px 18px;border-bottom:1px solid var(--line)}
.tx-head h2{margin:0;font-size:16px;word-break:break-all}.tx-head h2 .idx{color:var(--muted);font-weight:500;
margin-right:6px}
.tx-head .back{margin-left:auto;font-size:12px}
.facts{display:flex;flex-wrap:wrap;gap:4px 16px;width:100%;margin:0;font-size:12.5px;color:var(--muted)}
.facts div{display:flex;gap:5px}.facts dt{font-weight:600}.facts dd{margin:0;color:var(--text)}
.tx-body{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0}
.tx-body>div{padding:14px 18px;min-width:0}.tx-body>.conv{border-left:1px solid var(--line);background:#fbfcfd;
border-radius:0 0 10px 0}
@media (max-width:1000px){.tx-body{grid-template-columns:1fr}.tx-body>.conv{border-left:0;
border-top:1px solid var(--line)}}
.findings{table-layout:fixed}.findings col.c-rule{width:150px}.findings col.c-status{width:72px}
.findings td:first-child{overflow-wrap:anywhere}
.findings .sev{display:block;margin-top:2px;font-size:11.5px}
.findings tr.r-fail td:first-child{border-left:3px solid var(--fail)}
.findings tr.r-na{color:var(--muted)}
.findings .rid{font-weight:600}.findings .rtitle{display:block;font-size:11.5px;color:var(--muted);font-weight:400}
.findings .msg{margin:0 0 4px}.findings .reason{font-style:italic}
.evl{list-style:none;margin:4px 0 0;padding:0;font-size:12.5px}
.evl li{margin:4px 0;line-height:1.5}.evl li>a{margin-right:6px;white-space:nowrap}
.evl .k{font-size:11px;font-weight:650;border-radius:4px;padding:1px 5px;margin-right:6px;white-space:nowrap}
.evl .k-evidence{background:var(--evf);color:#8b1d0f}.evl .k-ok{background:var(--evp);color:#0c5b40}
.evl .k-trigger{background:var(--trig);color:#7a4b0c}.evl .k-near{background:var(--near);color:#2e3694}
.evl .k-waiver{background:var(--waived-bg);color:var(--waived)}
.evl q{color:#344054}.evl q::before{content:"\\201C"}.evl q::after{content:"\\201D"}
.conv-note{font-size:12.5px;color:var(--muted);margin:0 0 8px}
ol.turns{list-style:none;margin:0;padding:0}
.turn{margin:0 0 9px;display:flex;flex-direction:column;max-width:88%;scroll-margin-top:60px}
.turn .who{font-size:11.5px;color:var(--muted);margin:0 4px 2px}.turn .who b{color:#344054;font-weight:600}
.turn .bubble{padding:7px 11px;border-radius:12px;border:1px solid var(--cust-line);background:var(--cust);
white-space:pre-wrap;overflow-wrap:anywhere}
.turn.agent{margin-left:auto;align-items:flex-end}.turn.agent .bubble{background:var(--agent);
border-color:var(--agent-line);border-bottom-right-radius:4px}
.turn.customer .bubble{border-bottom-left-radius:4px}
.turn.other{margin:0 auto 9px;align-items:center}.turn.other .bubble{background:#f1f2f4;font-style:italic}
.turn:target .bubble{box-shadow:0 0 0 3px rgba(47,91,211,.35)}
.turn .tags{margin:3px 4px 0;font-size:11px}.turn .tags a{margin-left:6px}
.turn .tags .t-fail{color:var(--fail)}.turn .tags .t-trigger{color:#8a5a12}.turn .tags .t-near{color:#3a43a8}
.turn .tags .t-ok{color:var(--pass)}.turn .tags .t-waived{color:var(--waived)}
mark{background:none;color:inherit;padding:0 1px;border-radius:3px}
mark.m-evidence{background:var(--evf);box-shadow:inset 0 -2px 0 var(--fail)}
mark.m-ok{background:var(--evp);box-shadow:inset 0 -2px 0 var(--pass)}
mark.m-waived{background:var(--waived-bg);box-shadow:inset 0 -2px 0 var(--waived)}
mark.m-trigger{background:var(--trig);box-shadow:inset 0 -2px 0 var(--trig-line)}
mark.m-near{background:var(--near);box-shadow:inset 0 -2px 0 var(--near-line)}
mark.m-trigger.m-evidence{background:linear-gradient(var(--evf),var(--trig))}
mark:target,span.anchor:target+mark{outline:2px solid var(--accent);outline-offset:1px}
.timed .turn{max-width:none;margin:0;display:grid;grid-template-columns:86px minmax(0,1fr);gap:0 10px;
padding:5px 0;border-bottom:1px dashed var(--line2);align-items:start}
.timed .turn.agent,.timed .turn.other{margin:0;align-items:stretch}
.timed .when{font-variant-numeric:tabular-nums;font-size:12px;color:var(--muted);padding-top:2px;text-align:right}
.timed .when b{display:block;color:#344054;font-weight:600}
.timed .lane{display:block;width:100%;height:10px;margin:2px 0 4px}
.timed .lane .track{fill:#eceef2}.timed .lane .seg-agent{fill:#4f7be6}.timed .lane .seg-customer{fill:#8b98a9}
.timed .lane .seg-other{fill:#b9a27a}.timed .lane .ghost{fill:#c8ced8;opacity:.6}.timed .lane .ov{fill:#d64a32}
.timed .turn .bubble{border-radius:8px}.timed .turn.agent .bubble{border-bottom-right-radius:8px}
.timed .turn.customer .bubble{border-bottom-left-radius:8px}
.ovl{display:inline-block;margin-left:6px;font-size:11px;color:#b42318;background:#fdebe8;border-radius:4px;
padding:0 5px}
.tl-wrap{padding:12px 18px 4px;border-bottom:1px solid var(--line)}
svg.tl{width:100%;height:auto;display:block;margin:0 0 8px}
svg.tl text{font:11px system-ui,sans-serif;fill:#667085}svg.tl .lanebg{fill:#f7f8fa}
svg.tl .seg-agent{fill:#4f7be6}svg.tl .seg-customer{fill:#8b98a9}svg.tl .seg-other{fill:#b9a27a}
svg.tl .ov{fill:#d64a32;opacity:.85}svg.tl .silence{fill:#667085;opacity:.22;stroke:#475467;stroke-width:1;stroke-dasharray:3 3}svg.tl .tick{stroke:#e3e6ea}svg.tl a:hover rect{opacity:.75}
svg.tl .hl-evidence{fill:none;stroke:#c22f1b;stroke-width:2}svg.tl .hl-trigger{fill:none;stroke:#b7791f;
stroke-width:2;stroke-dasharray:3 2}svg.tl .hl-near{fill:none;stroke:#4a55c4;stroke-width:2;stroke-dasharray:1 2}
.errbox{margin:14px 18px;padding:12px 14px;border-radius:8px;background:var(--error-bg);color:#6d1464}
.errbox b{display:block;margin-bottom:2px}
.sw{display:inline-block;width:12px;height:12px;border-radius:3px;vertical-align:-2px;margin-right:4px}
.sw.m-evidence{background:var(--evf);box-shadow:inset 0 -2px 0 var(--fail)}
.sw.m-ok{background:var(--evp);box-shadow:inset 0 -2px 0 var(--pass)}
.sw.m-trigger{background:var(--trig);box-shadow:inset 0 -2px 0 var(--trig-line)}
.sw.m-near{background:var(--near);box-shadow:inset 0 -2px 0 var(--near-line)}
.sw.m-waived{background:var(--waived-bg);box-shadow:inset 0 -2px 0 var(--waived)}
.sw.sw-silence{background:#667085;opacity:.4}.sw.sw-talkover{background:#d64a32;opacity:.6}
.tl-legend{margin:0 0 8px;font-size:12px}
.autofail{margin:0;padding:8px 18px;background:#fdebe8;color:#b42318;border-bottom:1px solid var(--line);font-size:13px}
p.autofail{margin:10px 0 0;padding:6px 10px;border-radius:6px;border:0}
.metrics{padding:8px 18px;border-bottom:1px solid var(--line);font-size:13px;display:flex;gap:12px;align-items:baseline;
flex-wrap:wrap}.metrics .facts{width:auto;flex:1}
.secwrap{padding:8px 18px;border-bottom:1px solid var(--line)}table.grid.sections{font-size:13px;max-width:720px}
"""

#: progressive enhancement only: sortable headers and the filters; the page reads fine without it
SCRIPT = r"""
(function () {
  "use strict";
  function val(td) {
    var v = td.getAttribute("data-v");
    return v === null ? td.textContent.trim().toLowerCase() : v;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      if (th.hasAttribute("data-nosort")) { return; }
      var button = document.createElement("button");
      button.className = "sort";
      button.type = "button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var numeric = th.getAttribute("data-type") === "num";
        var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = val(a.cells[col]), y = val(b.cells[col]);
          if (x === "" || y === "") {  // no value (e.g. no score): always last
            if (x === y) { return +a.getAttribute("data-i") - +b.getAttribute("data-i"); }
            return x === "" ? 1 : -1;
          }
          if (numeric) {
            x = parseFloat(x);
            y = parseFloat(y);
            if (x === y) { return (+a.getAttribute("data-i") - +b.getAttribute("data-i")) * dir; }
            return (x < y ? -1 : 1) * dir;
          }
          var c = x.localeCompare(y);
          return (c === 0 ? +a.getAttribute("data-i") - +b.getAttribute("data-i") : c) * dir;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.querySelectorAll(".filters[data-for]").forEach(function (box) {
    var table = document.getElementById(box.getAttribute("data-for"));
    if (!table) { return; }
    var selects = box.querySelectorAll("select[data-attr]");
    var count = box.querySelector(".count");
    function apply() {
      var shown = 0, total = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var ok = true;
        Array.prototype.forEach.call(selects, function (sel) {
          if (!sel.value) { return; }
          var have = (row.getAttribute(sel.getAttribute("data-attr")) || "").split(" ");
          if (have.indexOf(sel.value) < 0) { ok = false; }
        });
        row.hidden = !ok;
        total += 1;
        if (ok) { shown += 1; }
      });
      if (count) { count.textContent = "showing " + shown + " of " + total; }
    }
    Array.prototype.forEach.call(selects, function (sel) { sel.addEventListener("change", apply); });
    box.hidden = false;
    apply();
  });
})();
"""


def script_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()


def page(title: str, subtitle: str, body: str, css: str = "", script: str = SCRIPT) -> str:
    """A whole HTML document: one file, no network, strict Content-Security-Policy."""
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
           f"script-src '{script_hash(script)}'; base-uri 'none'; form-action 'none'")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{CSS}{css}</style>\n</head>\n<body>\n"
        f'<header class="top"><div class="brand">turncheck</div><h1>{esc(title)}</h1>'
        f'<div class="sub">{subtitle}</div></header>\n'
        f"<main>\n{body}\n</main>\n"
        "<footer>Made by turncheck, a rule-based compliance checker. This file is self-contained: "
        "it loads nothing from the network.</footer>\n"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def rate_cell(rate: float | None) -> str:
    if rate is None:
        return '<span class="muted">–</span>'
    band = "good" if rate >= 85 else "mid" if rate >= 60 else "bad"
    return (f'<span class="rate"><svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">'
            f'<rect class="track" width="100" height="8" rx="4"/>'
            f'<rect class="fill {band}" width="{max(0.0, min(100.0, rate)):.1f}" height="8" rx="4"/></svg>'
            f"<span>{fmt_num(rate)}%</span></span>")
