"""Small inline SVG charts, generated in Python: no plotting stack, no network, same input -> same bytes.

Each function returns an ``<svg>`` element (no XML declaration, no external
reference) sized by its ``viewBox`` so that it scales to its container. Every
label is escaped.
"""

from __future__ import annotations

from .common import fmt_num
from .htmlkit import esc

#: colour-blind-safe series colours (Okabe-Ito, darkened for contrast)
PALETTE = ["#2f5bd3", "#d55e00", "#009e73", "#cc79a7", "#8a6d00", "#0072b2", "#6a3d9a", "#b15928"]


def _n(x: float) -> str:
    return f"{round(x, 1):g}"


def band(value: float | None) -> str:
    if value is None:
        return "none"
    return "good" if value >= 85 else "mid" if value >= 60 else "bad"


def hbars(rows: list[tuple[str, float | None, str]], *, width: int = 620, label_width: int = 170,
          row_height: int = 24, title: str = "") -> str:
    """Horizontal 0-100 bars: ``(label, value or None, note)`` per row, e.g. pass rate per rule."""
    value_w = 120
    bar_w = width - label_width - value_w
    height = max(len(rows), 1) * row_height + 22
    parts = [f'<svg class="chart hbars" viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}">']
    for pct in (0, 50, 100):
        x = label_width + bar_w * pct / 100
        parts.append(f'<line class="grid" x1="{_n(x)}" x2="{_n(x)}" y1="0" y2="{height - 18}"/>'
                     f'<text class="axis" x="{_n(x)}" y="{height - 5}" text-anchor="middle">{pct}%</text>')
    for k, (label, value, note) in enumerate(rows):
        y = k * row_height
        short = label if len(label) <= 24 else label[:23] + "…"
        parts.append(f'<text class="label" x="{label_width - 8}" y="{y + row_height / 2 + 4:g}" text-anchor="end">'
                     f"<title>{esc(label)}</title>{esc(short)}</text>")
        parts.append(f'<rect class="track" x="{label_width}" y="{y + 5}" width="{bar_w}" height="{row_height - 10}" '
                     f'rx="3"/>')
        if value is not None:
            w = bar_w * max(0.0, min(100.0, value)) / 100
            parts.append(f'<rect class="bar {band(value)}" x="{label_width}" y="{y + 5}" width="{_n(w)}" '
                         f'height="{row_height - 10}" rx="3"><title>{esc(label)}: {fmt_num(value)}%</title></rect>')
        text = f"{fmt_num(value)}%" if value is not None else "n/a"
        parts.append(f'<text class="value" x="{label_width + bar_w + 8}" y="{y + row_height / 2 + 4:g}">'
                     f'{esc(text)}<tspan class="note"> {esc(note)}</tspan></text>')
    parts.append("</svg>")
    return "".join(parts)


def columns(bins: list[tuple[str, int]], *, width: int = 620, height: int = 220, title: str = "",
            classes: list[str] | None = None) -> str:
    """Vertical bars of counts, e.g. the score histogram."""
    left, bottom, top = 34, 24, 14
    plot_h = height - bottom - top
    n = max(len(bins), 1)
    slot = (width - left - 6) / n
    peak = max([c for _, c in bins] + [1])
    step = _nice_step(peak)
    parts = [f'<svg class="chart columns" viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}">']
    tick = 0
    while tick <= peak:
        y = top + plot_h - plot_h * tick / peak
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 4}" y1="{_n(y)}" y2="{_n(y)}"/>'
                     f'<text class="axis" x="{left - 6}" y="{_n(y + 4)}" text-anchor="end">{tick}</text>')
        tick += step
    for k, (label, count) in enumerate(bins):
        x = left + k * slot + slot * 0.12
        w = slot * 0.76
        h = plot_h * count / peak
        cls = classes[k] if classes else ""
        parts.append(f'<rect class="col {cls}" x="{_n(x)}" y="{_n(top + plot_h - h)}" width="{_n(w)}" '
                     f'height="{_n(h)}" rx="2"><title>{esc(label)}: {count}</title></rect>')
        if count:
            parts.append(f'<text class="count" x="{_n(x + w / 2)}" y="{_n(top + plot_h - h - 4)}" '
                         f'text-anchor="middle">{count}</text>')
        parts.append(f'<text class="axis" x="{_n(x + w / 2)}" y="{height - 7}" text-anchor="middle">'
                     f"{esc(label)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def lines(x_labels: list[str], series: list[tuple[str, list[float | None]]], *, width: int = 620,
          height: int = 240, title: str = "", notes: list[str] | None = None, y_label: str = "") -> str:
    """Lines over 0-100 (scores, pass rates) across ``x_labels`` (days); gaps where a value is None."""
    left, right, top, bottom = 40, 12, 12, 38 if notes else 26
    legend_h = 18 * ((len(series) + 2) // 3)
    plot_w, plot_h = width - left - right, height - top - bottom
    total_h = height + legend_h
    n = len(x_labels)

    def x(k: int) -> float:
        return left + (plot_w * (k + 0.5) / n if n else 0)

    def y(v: float) -> float:
        return top + plot_h - plot_h * max(0.0, min(100.0, v)) / 100

    parts = [f'<svg class="chart lines" viewBox="0 0 {width} {total_h}" role="img" aria-label="{esc(title)}">']
    for v in (0, 25, 50, 75, 100):
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{_n(y(v))}" y2="{_n(y(v))}"/>'
                     f'<text class="axis" x="{left - 6}" y="{_n(y(v) + 4)}" text-anchor="end">{v}</text>')
    every = max(1, -(-n // 8))  # at most ~8 labels
    for k, label in enumerate(x_labels):
        if k % every == 0 or k == n - 1:
            parts.append(f'<text class="axis" x="{_n(x(k))}" y="{top + plot_h + 15}" text-anchor="middle">'
                         f"{esc(label)}</text>")
            if notes:
                parts.append(f'<text class="axis note" x="{_n(x(k))}" y="{top + plot_h + 28}" '
                             f'text-anchor="middle">{esc(notes[k])}</text>')
    for s, (name, values) in enumerate(series):
        color = PALETTE[s % len(PALETTE)]
        runs: list[list[tuple[int, float]]] = [[]]
        for k, v in enumerate(values):
            if v is None:
                runs.append([])
            else:
                runs[-1].append((k, v))
        for run in runs:
            if len(run) > 1:
                pts = " ".join(f"{_n(x(k))},{_n(y(v))}" for k, v in run)
                parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{pts}"/>')
        for k, v in enumerate(values):
            if v is not None:
                parts.append(f'<circle cx="{_n(x(k))}" cy="{_n(y(v))}" r="3.2" fill="{color}">'
                             f"<title>{esc(name)}, {esc(x_labels[k])}: {fmt_num(v)}</title></circle>")
    for s, (name, _) in enumerate(series):
        lx = left + (s % 3) * (plot_w / 3)
        ly = height + 18 * (s // 3) + 4
        short = name if len(name) <= 28 else name[:27] + "…"
        parts.append(f'<rect x="{_n(lx)}" y="{ly}" width="12" height="4" rx="2" fill="{PALETTE[s % len(PALETTE)]}"/>'
                     f'<text class="legend" x="{_n(lx + 18)}" y="{ly + 6}">{esc(short)}</text>')
    if y_label:
        parts.append(f'<text class="axis" x="4" y="{top - 2}">{esc(y_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if peak / step <= 5:
            return step
    return max(1, peak // 5)


CHART_CSS = """
svg.chart{width:100%;height:auto;display:block}
svg.chart text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#667085}
svg.chart text.label{fill:#1d2530;font-size:12px}svg.chart text.value{fill:#1d2530;font-weight:600;font-size:12px}
svg.chart tspan.note{fill:#667085;font-weight:400}svg.chart text.count{fill:#344054;font-weight:600}
svg.chart text.legend{fill:#344054;font-size:12px}
svg.chart .grid{stroke:#eceef2}svg.chart .track{fill:#f0f2f5}
svg.chart .bar.good,svg.chart .col.good{fill:#2a9d6f}svg.chart .bar.mid,svg.chart .col.mid{fill:#e0a100}
svg.chart .bar.bad,svg.chart .col.bad{fill:#d64a32}svg.chart .col{fill:#5b7fd9}
"""
