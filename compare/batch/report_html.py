"""`report.html`: the batch results as one self-contained page.

Inline CSS and SVG only (no script, font or image from anywhere): a clustered similarity
matrix, a chart per series, the longest passages shared between bodies, the most similar
pairs and a table of reports. Cells, points and pairs link to the side-by-side pages that
were written. Every string that came from a report or a file name goes through `esc`.
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict
from pathlib import Path
from typing import Any

from compare.batch.pipeline import BatchResult
from compare.batch.scan import Report
from compare.batch.series import shared_years
from compare.batch.writers import write_bytes
from compare.parsing.corpus import GENERATOR_META
from compare.presentation.html import esc

SERIES_CHARTS = 12
REUSE_GROUPS = 30
TOP_PAIRS = 40
REPORT_ROWS = 500

# (field, label, colour) of the lines of a series chart
SERIES_LINES = (
    ("similarity", "similarity (shingles)", "#1f4e9c"),
    ("cosine", "cosine", "#c0392b"),
    ("jaccard", "Jaccard (words)", "#e67e22"),
    ("edit", "edit", "#27ae60"),
    ("simple", "simple (sentence diff)", "#8e44ad"),
    ("stickiness", "stickiness", "#7f8c8d"),
)

CSS = """
body{font:14px/1.5 "Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
 margin:0;color:#1d2733;background:#f6f7f9}
main{max-width:1280px;margin:0 auto;padding:24px 28px 60px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:36px 0 8px;border-bottom:1px solid #d5dae1;
 padding-bottom:4px}h3{font-size:15px;margin:18px 0 4px}
.lede{color:#52606d;margin:0 0 14px}
.facts{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.fact{background:#fff;border:1px solid #d5dae1;border-radius:6px;padding:8px 14px}
.fact b{display:block;font-size:20px}
.note{color:#52606d;font-size:13px}
.warn{color:#8a4b00}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border-bottom:1px solid #e4e7eb;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600;position:sticky;top:0}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
a{color:#1f4e9c}
.card{background:#fff;border:1px solid #d5dae1;border-radius:6px;padding:10px 14px;margin:10px 0}
.passage{white-space:pre-wrap;background:#fbf7e9;border-left:3px solid #d9a400;padding:6px 10px;
 margin:6px 0}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:12px}
.legend span{display:inline-block;margin-right:14px;font-size:13px}
.legend i{display:inline-block;width:18px;height:3px;vertical-align:middle;margin-right:4px}
svg text{font-family:inherit}
.scroll{overflow:auto;max-height:640px}
.wide{overflow-x:auto}
"""


def _fmt(x: Any, digits: int = 3) -> str:
    if x is None or x == "":
        return ""
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return esc(str(x))


def _link(text: str, href: str | None) -> str:
    return f'<a href="{esc(href)}">{text}</a>' if href else text


def _colour(v: float, vmax: float) -> str:
    """White → deep blue, on a square-root scale of v / vmax."""
    t = 0.0 if vmax <= 0 else min(max(v / vmax, 0.0), 1.0) ** 0.5
    lo, hi = (247, 251, 255), (8, 48, 107)
    r, g, b = (round(lo[k] + (hi[k] - lo[k]) * t) for k in range(3))
    return f"#{r:02x}{g:02x}{b:02x}"


def _text_width(text: str) -> float:
    """Width of `text` in ems: a CJK character is one em, other characters about 0.6."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.6 for ch in text)


def _short(label: str, limit: int = 14) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _matrix_labels(reports: list[Report], members: list[int], limit: int = 18) -> list[str]:
    """A row label (at most `limit` characters) for each report of the matrix: agency and year,
    or, where two reports share those (one year's report in two formats, a draft beside the
    final), the year and the file name, so that no two rows read the same."""
    labels = [_short(reports[i].label, limit) for i in members]
    count = Counter(labels)
    out = []
    for label, i in zip(labels, members):
        if count[label] > 1:  # the file name's end tells copies apart: cut from its start
            year = f"{reports[i].year} " if reports[i].year else ""
            name = Path(reports[i].rel).name
            room = limit - len(year)
            label = year + (name if len(name) <= room else "…" + name[len(name) - room + 1:])
        out.append(label)
    return out


# -- sections -------------------------------------------------------------------------------


def _summary(result: BatchResult, counts: dict[str, int]) -> str:
    corpus = result.corpus
    hits, total = result.adjacency
    facts: list[tuple[int | str, str]] = [
        (len(corpus), "reports"),
        (corpus.parsed, "parsed this run"),
        (corpus.cached, "from the parse cache"),
        (counts["pairs"], "pairs compared exactly"),
        (len(result.series), "series"),
        (len(result.passages), "shared passages"),
    ]
    if total:
        facts.append((f"{hits}/{total}", "nearest neighbour = adjacent year of the series"))
    cards = "".join(f'<div class="fact"><b>{esc(str(v))}</b>{esc(k)}</div>' for v, k in facts)
    skipped = ""
    if corpus.skipped:
        items = "".join(f"<li>{esc(rel)}: {esc(why)}</li>" for rel, why in corpus.skipped)
        skipped = f'<div class="card"><b>Skipped files</b><ul>{items}</ul></div>'
    return f'<div class="facts">{cards}</div>{skipped}'


def _matrix(result: BatchResult, pages: dict[tuple[int, int], str]) -> str:
    m = result.matrix
    if m is None:
        return '<p class="note">Fewer than two reports: no matrix.</p>'
    reports = result.corpus.reports
    size = len(m.members)
    cell = max(6, min(16, 900 // size))
    font = max(6, min(12, cell - 2))  # never taller than a cell: column labels cannot overlap
    plain = _matrix_labels(reports, m.members)
    labels = [esc(label) for label in plain]
    # room for the longest label, row labels to the left and column labels standing above
    label_w = top = int(max(_text_width(label) for label in plain) * font) + 10
    width, height = label_w + cell * size + 10, top + cell * size + 10
    off = [m.values[x, y] for x in range(size) for y in range(size) if x != y]
    vmax = max(off) if off else 1.0
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-size="{font}">']
    for x, label in enumerate(labels):
        y = top + x * cell + (cell + font * 0.7) / 2
        parts.append(f'<text x="{label_w - 4}" y="{y:.1f}" text-anchor="end">{label}</text>')
        cx = label_w + x * cell + (cell + font * 0.7) / 2
        parts.append(f'<text transform="translate({cx:.1f},{top - 4}) rotate(-90)">{label}</text>')
    for x, i in enumerate(m.members):
        for y, j in enumerate(m.members):
            v = float(m.values[x, y])
            fill = "#c8ced6" if x == y else _colour(v, vmax)
            tip = esc(f"{reports[i].rel} × {reports[j].rel}: {v:.3f}")
            rect = (f'<rect x="{label_w + y * cell}" y="{top + x * cell}" width="{cell}" '
                    f'height="{cell}" fill="{fill}"><title>{tip}</title></rect>')
            href = pages.get((i, j)) or pages.get((j, i))
            parts.append(f'<a href="{esc(href)}">{rect}</a>' if href and x != y else rect)
    parts.append("</svg>")
    sample = (f"{size} of {len(reports)} reports, evenly spaced through the corpus sorted by "
              "agency and year. " if m.sampled else "")
    legend = (f'<p class="note">{sample}Exact similarity (Jaccard of 5-character shingles); '
              f"colour from white (0) to dark blue ({vmax:.3f}, the largest value shown), square-root "
              "scale. Rows are ordered by average-linkage clustering. Hover a cell for its value; "
              "cells with a side-by-side page are links.</p>")
    return legend + f'<div class="wide">{"".join(parts)}</div>'


def _y(v: float, height: float) -> float:
    return height * (1 - math.sqrt(max(0.0, min(1.0, v))))


def _series_chart(result: BatchResult, series_index: int, rows: list[dict[str, Any]]) -> str:
    s = result.series[series_index]
    points = [r for r in rows if r.get("previous_year") is not None]
    if not points:
        return ""
    years = [r["year"] for r in points]
    x0, x1 = min(years), max(years)
    w, h, left, top = 560, 200, 44, 10
    span = max(x1 - x0, 1)

    def x_of(year: int) -> float:
        return left + (year - x0) / span * w

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + w + 20}" height="{h + 46}" '
             'font-size="11">']
    for tick in (0, 0.01, 0.05, 0.1, 0.25, 0.5, 1):
        y = top + _y(tick, h)
        parts.append(f'<line x1="{left}" x2="{left + w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e7eb"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{tick:g}</text>')
    step = max(1, round(span / 8))
    for year in range(x0, x1 + 1, step):
        parts.append(f'<text x="{x_of(year):.1f}" y="{top + h + 16}" text-anchor="middle">{year}</text>')
    for field, label, colour in SERIES_LINES:
        pts = [(x_of(r["year"]), top + _y(float(r[field]), h), r) for r in points
               if isinstance(r.get(field), (int, float))]
        if not pts:
            continue
        path = " ".join(f"{'M' if k == 0 else 'L'}{x:.1f},{y:.1f}" for k, (x, y, _) in enumerate(pts))
        parts.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.6"/>')
        for x, y, r in pts:
            tip = esc(f"{r['previous_year']} → {r['year']} ({r['path']}): {label} {float(r[field]):.3f}")
            dot = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>{tip}</title></circle>'
            parts.append(_link(dot, r.get("page")))
    parts.append("</svg>")
    title = esc(s.name)
    page = result.series_pages.get(series_index)
    if page:
        title = f'<a href="{esc(page)}">{title}</a>'
        more = f' · <a href="{esc(page)}">sections, indicators, commitments</a>'
    else:
        more = ""
    member_years = [r["year"] for r in rows if isinstance(r.get("year"), int)] or years
    shared = shared_years(s, result.corpus.reports)
    warning = f'<p class="note warn">{esc(shared)}</p>' if shared else ""
    return (f'<div class="card"><h3>{title} <span class="note">({len(s.members)} reports, '
            f"{min(member_years)}–{max(member_years)}){more}</span></h3>{warning}{''.join(parts)}</div>")


def _series(result: BatchResult, series_rows: list[dict[str, Any]]) -> str:
    if not result.series:
        return '<p class="note">No body has reports of two different years in this corpus.</p>'
    by_name: dict[str, list[dict[str, Any]]] = OrderedDict()
    for row in series_rows:
        by_name.setdefault(row["series"], []).append(row)
    charts = [_series_chart(result, n, by_name.get(s.name, []))
              for n, s in enumerate(result.series[:SERIES_CHARTS])]
    legend = "".join(f'<span><i style="background:{c}"></i>{esc(label)}</span>'
                     for _, label, c in SERIES_LINES)
    more = ""
    if len(result.series) > SERIES_CHARTS:
        more = (f'<p class="note">The {SERIES_CHARTS} longest of {len(result.series)} series; '
                "all are in series.csv.</p>")
    return (f'<p class="legend">{legend}</p><p class="note">Each point compares a report with the '
            "same body's previous report (square-root scale); points with a side-by-side page are "
            f'links.</p>{more}<div class="charts">{"".join(charts)}</div>')


def _reuse(reuse_rows: list[dict[str, Any]], pages: dict[str, str]) -> str:
    if not reuse_rows:
        return '<p class="note">No passage is shared word for word by reports of different bodies.</p>'
    groups: dict[int, list[dict[str, Any]]] = OrderedDict()
    for row in reuse_rows:
        groups.setdefault(row["passage"], []).append(row)
    cards = []
    for rows in list(groups.values())[:REUSE_GROUPS]:
        first = rows[0]
        places = []
        for row in rows[:12]:
            pair = (f"{esc(row['left'])} <span class=\"note\">{esc(row['left_section'])} "
                    f"{esc(row['left_heading'])}</span> ↔ {esc(row['right'])} <span class=\"note\">"
                    f"{esc(row['right_section'])} {esc(row['right_heading'])}</span>")
            places.append(f"<li>{_link(pair, pages.get(row['left'] + chr(0) + row['right']))}</li>")
        if len(rows) > 12:
            places.append(f'<li class="note">… {len(rows) - 12} more pairs in reuse.csv</li>')
        cards.append(
            f'<div class="card"><b>{first["chars"]} characters</b>, shared by '
            f'{first["bodies"]} bodies in {len(rows)} listed pairs'
            f'<div class="passage">{esc(first["text"])}</div><ul>{"".join(places)}</ul></div>'
        )
    return (f'<p class="note">Longest passages found word for word (after simplification, '
            "ignoring punctuation) in reports of different bodies; the text is the first "
            f'report\'s wording.</p>{"".join(cards)}')


def _top_pairs(pair_rows: list[dict[str, Any]]) -> str:
    rows = [r for r in pair_rows if not r["same_body"]][:TOP_PAIRS]
    if not rows:
        return '<p class="note">No pair of reports of different bodies was compared.</p>'
    body = "".join(
        f"<tr><td>{esc(r['left'])}<br><span class=\"note\">{esc(r['left_agency'])} "
        f"{_fmt(r['left_year'])}</span></td><td>{esc(r['right'])}<br><span class=\"note\">"
        f"{esc(r['right_agency'])} {_fmt(r['right_year'])}</span></td>"
        f"<td class=\"n\">{_fmt(r['similarity'])}</td><td class=\"n\">{_fmt(r['containment'])}</td>"
        f"<td>{_link('side by side', r['page'])}</td></tr>"
        for r in rows
    )
    return ('<table><tr><th>report</th><th>report</th><th>similarity</th><th>containment</th>'
            f"<th>page</th></tr>{body}</table>")


def _reports(document_rows: list[dict[str, Any]], pages_by_rel: dict[str, str]) -> str:
    """The reports table: by agency, then year (a series reads down in order), then path."""
    ordered = sorted(document_rows, key=lambda r: (r.get("agency") or "\uffff", r.get("year") or 10**6, r["path"]))
    rows = ordered[:REPORT_ROWS]
    body = []
    for r in rows:
        nearest = ""
        if r.get("nearest"):
            page = pages_by_rel.get(r["path"] + "\0" + r["nearest"])
            nearest = f"{_link(esc(r['nearest']), page)} <span class=\"note\">{_fmt(r['nearest_similarity'])}</span>"
        body.append(
            f"<tr><td>{esc(r['path'])}</td><td>{esc(r['agency'] or '')}</td><td class=\"n\">{_fmt(r['year'])}</td>"
            f"<td class=\"n\">{_fmt(r['chars'])}</td>"
            f"<td class=\"n\">{_fmt(r.get('boilerplate_share'))}</td><td class=\"n\">{_fmt(r.get('specificity'))}</td>"
            f"<td class=\"n\">{_fmt(r.get('redundancy'))}</td>"
            f"<td class=\"n\">{_fmt(r.get('similarity_to_previous'))}</td>"
            f"<td class=\"n\">{_fmt(r.get('stickiness'))}</td><td>{nearest}</td></tr>"
        )
    more = (f'<p class="note">First {REPORT_ROWS} of {len(document_rows)} reports; all are in '
            "documents.csv.</p>" if len(document_rows) > REPORT_ROWS else "")
    return (more + '<div class="scroll"><table><tr><th>report</th><th>agency</th><th>year</th>'
            "<th>chars</th><th>boilerplate share</th><th>specificity</th><th>redundancy</th>"
            "<th>similarity to previous</th><th>stickiness</th><th>nearest neighbour</th></tr>"
            f'{"".join(body)}</table></div>')


def render_report(
    result: BatchResult,
    tables: dict[str, list[dict[str, Any]]],
    pages: dict[tuple[int, int], str],
) -> str:
    """The page as one string; `tables` are the rows of documents, pairs, series and reuse."""
    reports = result.corpus.reports
    by_rel: dict[str, str] = {}
    for (i, j), href in pages.items():
        by_rel[reports[i].rel + "\0" + reports[j].rel] = href
        by_rel[reports[j].rel + "\0" + reports[i].rel] = href
    title = f"Batch report: {result.root.name or result.root}"
    sections = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="lede">{esc(str(result.root))}</p>',
        _summary(result, {"pairs": len(tables["pairs"])}),
        "<h2>Similarity matrix</h2>", _matrix(result, pages),
        "<h2>Series, year over year</h2>", _series(result, tables["series"]),
        "<h2>Passages shared between bodies</h2>", _reuse(tables["reuse"], by_rel),
        "<h2>Most similar reports of different bodies</h2>", _top_pairs(tables["pairs"]),
        "<h2>Reports</h2>", _reports(tables["documents"], by_rel),
    ]
    return (
        '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">' + GENERATOR_META +
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body><main>"
        + "".join(sections)
        + "</main></body></html>\n"
    )


def write_report(path: Path, result: BatchResult, tables: dict[str, list[dict[str, Any]]],
                 pages: dict[tuple[int, int], str]) -> None:
    write_bytes(path, render_report(result, tables, pages).encode("utf-8"))
