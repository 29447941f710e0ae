"""A series as one self-contained HTML page: the lineages as a timeline, a chart per
indicator (inline SVG, no script, no network) and the commitments with their evidence.

Every piece of report text goes through `html.escape` (with terminal controls stripped):
reports come from the web. Charts carry their values and source sentences in SVG `<title>`
elements, so hovering a point shows the sentence it came from.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from compare.files.atomic import atomic_write
from compare.parsing.cleaning import strip_controls
from compare.parsing.corpus import GENERATOR_META
from compare.series.build import Series
from compare.series.commitments import Status, topic_words
from compare.series.lineages import latest_first_json
from compare.series.values import magnitude, runs, value_axis, value_range

MAX_CHARTS = 60  # indicators drawn, most years first
CSS = """
* { box-sizing: border-box; }
body { margin:0 auto; max-width:1180px; padding:18px 22px 60px; font: 14px/1.6 "PingFang SC","Hiragino Sans GB",
  "Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",system-ui,sans-serif;
  color:#1d1d1d; background:#fafafa; }
h1 { font-size:22px; margin:4px 0; } h2 { font-size:17px; margin:28px 0 8px; border-bottom:1px solid #ddd; }
.muted { color:#6b6b6b; } .small { font-size:12px; }
svg text { font-size:11px; fill:#333; }
.timeline .bar { fill:#7aa6d8; } .timeline .bar.vanished { fill:#d88a7a; }
.timeline .appeared { fill:#2e7d32; } .timeline .event { fill:#f2a900; }
.charts { display:grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap:12px; }
.chart { background:#fff; border:1px solid #e3e3e3; border-radius:6px; padding:8px 10px; }
.chart h3 { font-size:14px; margin:0 0 4px; } .chart .kind { font-size:11px; padding:1px 6px; border-radius:8px;
  background:#eef; margin-left:6px; } .chart .kind.target { background:#fde7c7; } .chart .kind.result { background:#dcefdc; }
.chart polyline { fill:none; stroke:#3b6fb6; stroke-width:1.8; } .chart circle { fill:#3b6fb6; }
.chart rect.range { fill:#3b6fb6; opacity:.25; }
table { border-collapse:collapse; width:100%; background:#fff; } td, th { border:1px solid #e3e3e3; padding:4px 6px;
  vertical-align:top; text-align:left; } th { background:#f3f3f3; }
.status-dropped { background:#fce8e6; } .status-reported_figures { background:#e6f4ea; }
.status-reported_general { background:#fff6d6; }
a { color:#1a5fb4; }
"""


def _e(text: object) -> str:
    return html.escape(strip_controls(str(text)), quote=True)


def _number(value: float) -> str:
    factor, name = magnitude(value)
    return f"{value / factor:.4g}{name}"


def timeline_svg(d: dict[str, Any], level: int = 1) -> str:
    """The lineages of `level` as horizontal bars over the calendar years from the first report
    to the last (one column a year, in pixels `step` wide). Years with no report in the series
    (1967–1977 of the State Council, or a year the user's folder lacks) keep their column,
    hatched grey with "no report" on hover, so that a gap in the series is seen as one, not
    closed up (2006 and 2009 side by side read as consecutive years)."""
    years = d["years"]
    lineages = latest_first_json([lin for lin in d["lineages"] if lin["level"] == level])
    if not lineages:
        return '<p class="muted">No sections.</p>'
    calendar = list(range(years[0], years[-1] + 1))
    label_w, step, row_h = 300, max(12, min(40, 820 // len(calendar))), 18
    width = label_w + step * len(calendar) + 20
    height = 30 + row_h * len(lineages)
    x = {y: label_w + step * i + step // 2 for i, y in enumerate(calendar)}
    parts = [f'<svg class="timeline" role="img" aria-label="section lineages" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
             '<defs><pattern id="no-report" width="4" height="4" patternUnits="userSpaceOnUse" '
             'patternTransform="rotate(45)"><rect width="2" height="4" fill="#c8c8c8"/></pattern></defs>']
    missing = sorted(set(calendar) - set(years))
    for gap in runs(calendar, missing):  # consecutive missing years, one hatched block each
        first, last = missing[gap[0]], missing[gap[-1]]
        label = f"{first}" if first == last else f"{first}–{last}"
        parts.append(f'<rect class="gap" x="{x[first] - step // 2}" y="18" width="{step * (last - first + 1)}" '
                     f'height="{height - 18}" fill="url(#no-report)" opacity="0.6"><title>no report of {label} '
                     f'in this series</title></rect>')
    every = max(1, len(years) // 16)
    for i, y in enumerate(years):
        if i % every == 0 or i == len(years) - 1:
            parts.append(f'<text x="{x[y]}" y="14" text-anchor="middle">{y}</text>')
    for n, lin in enumerate(lineages):
        top = 24 + n * row_h
        heading = lin["heading"] if len(lin["heading"]) <= 22 else lin["heading"][:21] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{top + 12}" text-anchor="end">{_e(heading)}</text>')
        x0, x1 = x[lin["first_year"]] - step // 2 + 1, x[lin["last_year"]] + step // 2 - 1
        cls = "bar vanished" if lin["vanished"] else "bar"
        tip = f'{lin["heading"]}: {lin["first_year"]}–{lin["last_year"]}' + (" (vanished)" if lin["vanished"] else "")
        headings = "; ".join(f'{s["year"]} {s["heading"]}' for s in lin["sections"])
        parts.append(f'<rect class="{cls}" x="{x0}" y="{top + 2}" width="{max(x1 - x0, 3)}" height="{row_h - 5}" rx="3">'
                     f'<title>{_e(tip)}\n{_e(headings)}</title></rect>')
        for ev in lin["events"]:
            if ev["year"] in x and ev["kind"] != "vanished":
                cls = "appeared" if ev["kind"] in ("appeared", "split") else "event"
                # on the bar: a lineage merged into another in the year after its last ends there
                cx = min(max(x[ev["year"]], x0 + 3), x1 - 3)
                parts.append(f'<circle class="{cls}" cx="{cx}" cy="{top + 8}" r="3.5">'
                             f'<title>{_e(ev["year"])} {_e(ev["kind"])}: {_e(ev["detail"])}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def chart_svg(indicator: dict[str, Any], years: list[int]) -> str:
    """One indicator over the years: a line through its values, a band where a range was given."""
    w, h, left, bottom, top = 340, 150, 52, 22, 10
    values = indicator["values"]
    years = value_axis(years, [v["year"] for v in values])
    lows = [v["low"] for v in values]
    highs = [v["high"] for v in values]
    lo, hi = value_range(lows, highs)
    y0, y1 = years[0], years[-1] if years[-1] != years[0] else years[0] + 1

    def px(year: int) -> float:  # room on the right for half the last year's label
        return left + (w - left - 18) * (year - y0) / (y1 - y0)

    def py(value: float) -> float:
        return top + (h - top - bottom) * (1 - (value - lo) / (hi - lo))

    out = [f'<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'aria-label="{_e(indicator["name"])}">',
           f'<line x1="{left}" y1="{h - bottom}" x2="{w - 6}" y2="{h - bottom}" stroke="#999"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}" stroke="#999"/>',
           f'<text x="{left - 4}" y="{top + 8}" text-anchor="end">{_e(_number(hi))}</text>',
           f'<text x="{left - 4}" y="{h - bottom}" text-anchor="end">{_e(_number(lo))}</text>',
           ]
    # every year labelled up to 8 of them, else every second, third …; the last year always,
    # in place of the sampled one before it (two labels a step apart never collide)
    step = max(1, -(-len(years) // 8))
    labelled = years[::step]
    labelled[-1] = years[-1]
    for year in labelled:  # centred under its point, as on the timeline (the ends crowded)
        out.append(f'<text x="{px(year):.1f}" y="{h - 6}" text-anchor="middle">{year}</text>')
    for run in runs(years, [v["year"] for v in values]):  # no line across a year without a value
        points = " ".join(f"{px(values[k]['year']):.1f},{py(values[k]['value']):.1f}" for k in run)
        out.append(f'<polyline points="{points}"/>')
    for v in values:
        if v["high"] != v["low"]:
            out.append(f'<rect class="range" x="{px(v["year"]) - 3:.1f}" y="{py(v["high"]):.1f}" width="6" '
                       f'height="{max(py(v["low"]) - py(v["high"]), 1):.1f}"/>')
        out.append(f'<circle cx="{px(v["year"]):.1f}" cy="{py(v["value"]):.1f}" r="3">'
                   f'<title>{_e(v["year"])}: {_e(v["written"])}\n{_e(v["text"])}</title></circle>')
    out.append("</svg>")
    return "".join(out)


def series_html(series: Series) -> str:
    """The whole page as a string."""
    d = series.to_dict()
    years = d["years"]
    out = ['<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">' + GENERATOR_META,
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f'<title>{_e(d["body"])} {years[0]}–{years[-1]}</title><style>{CSS}</style></head><body>',
           f'<h1>{_e(d["body"])}</h1>',
           f'<p class="muted">{len(years)} reports, {years[0]}–{years[-1]} · '
           f'<a href="#lineages">sections</a> · <a href="#indicators">indicators</a> · '
           f'<a href="#commitments">commitments</a></p>']
    out.extend(f'<p class="small">Note: {_e(note)}</p>' for note in d["notes"])
    out.append('<h2 id="lineages">Chapters across the years</h2>')
    out.append('<p class="small muted">A bar runs from the first to the last year a chapter is found (aligned '
               'across renamings and moves); red bars vanished before the last report. Green dots: appeared '
               'or split off; amber: renamed, moved or merged. Hover for the headings of each year.</p>')
    out.append(f'<div style="overflow-x:auto">{timeline_svg(d)}</div>')
    out.append('<h2 id="indicators">Indicators</h2>')
    out.append('<p class="small muted">Each quantity named by the words before it and followed across the years; '
               'hover a point for the sentence it came from.</p><div class="charts">')
    for ind in d["indicators"][:MAX_CHARTS]:
        unit = ind["unit"] or "—"
        whole = ind.get("whole_name") or ""  # a name whose head the cut took: marked, whole on hover
        name = f'<span title="{_e(whole)}">…{_e(ind["name"])}</span>' if whole else _e(ind["name"])
        out.append(f'<div class="chart"><h3>{name}<span class="kind {_e(ind["kind"])}">'
                   f'{_e(ind["kind"])}</span> <span class="small muted">{_e(unit)}</span></h3>'
                   f'{chart_svg(ind, years)}</div>')
    out.append("</div>")
    out.append('<h2 id="commitments">Commitments: the plan of year N in the review of year N+1</h2>')
    counts: dict[str, int] = {}
    for c in d["commitments"]:
        counts[c["status"]] = counts.get(c["status"], 0) + 1
    out.append('<p class="muted">' + " · ".join(f"{_e(k.words)} {counts.get(k.value, 0)}" for k in Status) + "</p>")
    out.append("<table><tr><th>year</th><th>plan item</th><th>status</th><th>score</th>"
               "<th>review of the next year</th></tr>")
    for c in d["commitments"]:
        evidence = _e(c["evidence"]["text"]) if c["evidence"] else ""
        if c["evidence"] and c["evidence"].get("topic"):
            evidence += f'<div class="small muted topic">{_e(topic_words(c["evidence"]["topic"]))}</div>'
        out.append(f'<tr class="status-{_e(c["status"])}"><td>{_e(c["year"])}</td><td>{_e(c["text"])}</td>'
                   f'<td>{_e(Status(c["status"]).words)}</td><td>{c["score"]:.2f}</td><td>{evidence}</td></tr>')
    out.append("</table></body></html>")
    return "\n".join(out)


def write_series_html(series: Series, out: Path) -> None:
    """Write the page to `out` atomically (the folder must exist)."""
    atomic_write(out, series_html(series).encode("utf-8"))
