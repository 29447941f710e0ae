"""The comparison of two reports as one self-contained, side-by-side HTML page.

Everything the page needs is inline (CSS, a few lines of JavaScript for the section
navigator and the "only changes" switch), so it opens offline and can be mailed as one file.
Every piece of report text goes through `html.escape`: reports come from the web.

Each sentence change is one table row with the earlier text on the left and the later text
on the right, so the two sides never drift apart. With boilerplate labels (`PairLabels`), the
page marks boilerplate as the review app does: dimmed, the reason on hover (the cell's title),
a switch that hides boilerplate and unchanged rows (the app's `i`), and the later report's
sentences marked carried over or new against last year.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from compare.comparison.results import (
    ChangeKind,
    Comparison,
    Relation,
    SectionDiff,
    SentenceChange,
)
from compare.errors import ReportError
from compare.files.atomic import atomic_write
from compare.parsing.cleaning import strip_controls
from compare.parsing.corpus import GENERATOR_META
from compare.parsing.document import Document
from compare.presentation.notes import order_note
from compare.presentation.view import (
    KIND_LABELS,
    KIND_MARK,
    KIND_MARKS,
    PINNED_MARK,
    ROLE_MEANINGS,
    SINCE_MARK,
    SINCE_SHOWN,
    TABLE_MARK,
    TablePlace,
    TableView,
    boilerplate_reason,
    converted_note,
    moved_origin,
    part_partner,
    section_titles,
    shown_when_hiding,
    listed_changes,
    listed_figures,
    side_pieces,
    table_views,
)

if TYPE_CHECKING:
    from compare.boilerplate.pair import PairLabels

CSS = """
:root { --added:#e6f4ea; --added-strong:#a8dab5; --removed:#fce8e6; --removed-strong:#f5b7b1;
  --figure:#fff3c4; --figure-strong:#f9d65c; --moved:#e8eefc; --line:#e3e3e3; --muted:#6b6b6b; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.7 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",
  "Source Han Sans SC","WenQuanYi Micro Hei","PingFang TC","Microsoft JhengHei",system-ui,sans-serif;
  color:#1d1d1d; background:#fafafa; }
nav { position:fixed; top:0; left:0; bottom:0; width:260px; overflow-y:auto; background:#fff;
  border-right:1px solid var(--line); padding:12px 10px; font-size:13px; }
nav h2 { font-size:13px; margin:4px 6px 8px; color:var(--muted); font-weight:600; }
nav a { display:flex; gap:6px; justify-content:space-between; padding:3px 6px; border-radius:4px;
  color:inherit; text-decoration:none; }
nav a:hover { background:#f0f0f0; } nav a.current { background:#e8eefc; }
nav a .n { color:var(--muted); font-variant-numeric:tabular-nums; }
nav a.quiet { color:#9a9a9a; } nav a .later { display:block; color:#777; font-size:12px; }
nav a.level-2 { padding-left:18px; } nav a.level-3 { padding-left:30px; } nav a.level-4 { padding-left:42px; }
nav label { display:block; margin:0 6px 10px; }
main { margin-left:260px; padding:16px 24px 80px; }
header h1 { font-size:20px; margin:0 0 4px; }
header .files { color:var(--muted); font-size:13px; margin-bottom:12px; }
header .note { border-left:4px solid #b7791f; background:#fdf6e3; padding:6px 10px; margin-bottom:12px; }
.fl { font-size:12px; color:var(--muted); margin-top:2px; }
.figures { display:flex; flex-wrap:wrap; gap:24px; align-items:flex-start; margin-bottom:10px; }
.figures table { border-collapse:collapse; font-size:13px; }
.figures td { padding:1px 10px 1px 0; } .figures td.v { font-variant-numeric:tabular-nums; text-align:right; }
.bar { display:flex; width:360px; height:14px; border-radius:3px; overflow:hidden; border:1px solid var(--line); }
.bar span { display:block; height:100%; }
.sw { display:inline-block; width:10px; height:10px; border-radius:2px; margin-right:4px; vertical-align:middle; }
.c-verbatim { background:#d9d9d9; } .c-numbers { background:var(--figure-strong); }
.c-reworded { background:#9fb8f0; } .c-new { background:#7cc88f; }
.legend { font-size:13px; color:#333; margin:8px 0 0; }
.legend span { margin-right:14px; white-space:nowrap; } .legend .since { margin-right:0; }
.legend > span { display:inline-block; margin-bottom:4px; }  /* each item whole, the line wraps between items */
.legend .lg-removed { background:var(--removed); padding:1px 6px; } .legend .lg-added { background:var(--added); padding:1px 6px; }
section.sec { margin-top:22px; }
section.sec h2 { font-size:16px; margin:0; padding:6px 8px; background:#fff; border:1px solid var(--line);
  border-bottom:none; position:sticky; top:0; z-index:1; }
section.sec h2 .meta { font-weight:normal; font-size:12px; color:var(--muted); margin-left:8px; }
table.pairs { width:100%; border-collapse:collapse; table-layout:fixed; background:#fff; border:1px solid var(--line); }
table.pairs td { vertical-align:top; padding:4px 8px; border-top:1px solid #f0f0f0; word-wrap:break-word; }
table.pairs td.m { width:28px; text-align:center; color:var(--muted); font-family:monospace; }
table.pairs td.l { border-right:1px solid var(--line); }
table.pairs th { font-size:12px; color:var(--muted); font-weight:normal; text-align:left; padding:2px 8px; background:#f6f6f6; }
tr.k-unchanged td.l, tr.k-unchanged td.r { color:#555; }
tr.k-removed td.l { background:var(--removed); } tr.k-added td.r { background:var(--added); }
tr.k-removed td.r, tr.k-added td.l { background:repeating-linear-gradient(135deg,#fafafa 0 6px,#f2f2f2 6px 12px); }
tr.k-moved td.m { color:#3559b7; }
del { background:var(--removed-strong); text-decoration:line-through; text-decoration-color:#b3261e; }
ins { background:var(--added-strong); text-decoration:none; }
mark.old { background:var(--figure); text-decoration:line-through; }
mark.new { background:var(--figure-strong); font-weight:600; }
.from { display:block; font-size:12px; color:#3559b7; }
.fold { color:var(--muted); font-size:13px; text-align:center; }
body.only-changes tr.k-unchanged, body.only-changes section.quiet { display:none; }
body:not(.only-changes) tr.fold { display:none; }
section.tbl { margin-top:22px; }
section.tbl h2 { font-size:16px; margin:0 0 6px; } section.tbl h2 .meta { font-weight:normal; font-size:12px; color:var(--muted); margin-left:8px; }
table.grid { border-collapse:collapse; background:#fff; font-size:13px; }
table.grid td { border:1px solid var(--line); padding:3px 8px; vertical-align:top; }
table.grid td.changed { background:var(--figure); white-space:nowrap; } table.grid td.added { background:var(--added); }
table.grid td.removed { background:var(--removed); text-decoration:line-through; }
body.only-changes section.tbl.quiet, body.only-changes tr.tplace.quiet { display:none; }
tr.tplace td { color:#1f5fa8; } tr.tplace a { color:inherit; }
table.pairs td.bp { color:#9a9a9a; } table.pairs td.bp ins, table.pairs td.bp del { opacity:.7; }
body.hide-boilerplate tr.hb, body.hide-boilerplate tr.fold, body.hide-boilerplate section.quiet-bp { display:none; }
.since { font-size:11px; border-radius:3px; padding:0 4px; margin-right:4px; white-space:nowrap; }
.since.carried-over { background:#eeeeee; color:#6b6b6b; } .since.pin { background:#e8eefc; color:#3559b7; } .since.new { background:#dff3e4; color:#1e6b34; }
.legend .lg-bp { color:#9a9a9a; }
.empty { color:var(--muted); font-size:13px; padding:6px 8px; background:#fff; border:1px solid var(--line); }
"""

SCRIPT = """
(function () {
  var box = document.getElementById('only-changes');
  box.addEventListener('change', function () { document.body.classList.toggle('only-changes', box.checked); });
  var bp = document.getElementById('hide-boilerplate');
  if (bp) bp.addEventListener('change', function () { document.body.classList.toggle('hide-boilerplate', bp.checked); });
  var links = {};
  document.querySelectorAll('nav a[href^="#s-"]').forEach(function (a) { links[a.getAttribute('href').slice(1)] = a; });
  if (!('IntersectionObserver' in window)) return;
  var seen = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting && links[e.target.id]) {
        Object.keys(links).forEach(function (k) { links[k].classList.remove('current'); });
        links[e.target.id].classList.add('current');
      }
    });
  }, { rootMargin: '0px 0px -70% 0px' });
  document.querySelectorAll('section.sec').forEach(function (s) { seen.observe(s); });
})();
"""

_PIECE_TAGS = {
    "deleted": ("<del>", "</del>"),
    "inserted": ("<ins>", "</ins>"),
    "figure_old": ('<mark class="old">', "</mark>"),
    "figure_new": ('<mark class="new">', "</mark>"),
}


def esc(text: str) -> str:
    """Report text made safe for HTML: no control characters, every special character escaped."""
    return html.escape(strip_controls(text), quote=True)


def _pieces_html(change: SentenceChange, side: str) -> str:
    out = []
    for text, role in side_pieces(change, side):
        opening, closing = _PIECE_TAGS.get(role, ("", ""))
        out.append(f"{opening}{esc(text)}{closing}")
    return "".join(out)




def _figure_list(change: SentenceChange) -> str:
    """The figures of a pair whose words changed too, old → new, under the later sentence
    (as `diff` lists them after it and the review app under the row)."""
    listed = listed_figures(change, in_place=True)
    if not listed:
        return ""
    items = "; ".join(
        f'<mark class="old">{esc(f.old)}</mark> → <mark class="new">{esc(f.new)}</mark>{esc(converted_note(f))}' for f in listed
    )
    return f'<div class="fl">figures: {items}</div>'


def _cell(change: SentenceChange, side: str, labels: PairLabels | None, prefix: str = "", suffix: str = "") -> str:
    """One side's cell: dimmed with the reason as its title when boilerplate; the later
    report's sentence marked carried over or new against last year; `suffix` (HTML) after it."""
    body = prefix + _pieces_html(change, side) + suffix
    label = labels.get(side, change.left if side == "left" else change.right) if labels is not None else None
    if label is None:
        return f'<td class="{side[0]}">{body}</td>'
    since = label.since_last_year
    if since in SINCE_SHOWN:
        body = f'<span class="since {since}">{esc(SINCE_MARK[since].meaning)}</span>{body}'
    cls = f"{side[0]} bp" if label.is_boilerplate else side[0]
    return f'<td class="{cls}" title="{esc(boilerplate_reason(label))}">{body}</td>'


def _row(comparison: Comparison, diff: SectionDiff, change: SentenceChange, labels: PairLabels | None = None) -> str:
    prefix = ""
    if change.kind == ChangeKind.MOVED and change.left is not None:
        prefix = f'<span class="from">{esc(moved_origin(comparison, diff, change))}</span>'
    label = KIND_LABELS[change.kind]
    if change.kind in (ChangeKind.REWORDED, ChangeKind.REWRITTEN, ChangeKind.MOVED) and change.left and change.right:
        label += f" · similarity {change.similarity:.2f}"
    right_prefix = ""
    if change.kind in (ChangeKind.MERGED, ChangeKind.SPLIT):
        label += f" · {part_partner(change)}"
        partner = '<span class="from">{}</span>'.format(esc("merged into" if change.kind == ChangeKind.MERGED else "split from"))
        if change.kind == ChangeKind.MERGED:
            right_prefix = partner
        else:
            prefix = partner + prefix
    if change.pinned:
        label += f" · {PINNED_MARK.meaning}"
        right_prefix = _PINNED_BADGE + right_prefix
    cls = f"k-{change.kind}"
    if labels is not None and not _kept(change, labels):
        cls += " hb"  # hidden by the "hide boilerplate and unchanged" switch
    return (
        f'<tr class="{cls}" title="{esc(label)}"><td class="m">{KIND_MARKS[change.kind]}</td>'
        f"{_cell(change, 'left', labels, prefix)}{_cell(change, 'right', labels, right_prefix, _figure_list(change))}</tr>"
    )


def _kept(change: SentenceChange, labels: PairLabels) -> bool:
    return shown_when_hiding(
        change, labels.is_boilerplate("left", change.left), labels.is_boilerplate("right", change.right)
    )


def _section_html(comparison: Comparison, diff: SectionDiff, anchor: str, labels: PairLabels | None = None,
                  views: list[TableView] | None = None) -> str:
    lt, rt = section_titles(comparison, diff)
    if diff.relation == Relation.LEFT_ONLY:
        heading, meta = esc(lt), "only in the earlier report"
    elif diff.relation == Relation.RIGHT_ONLY:
        heading, meta = esc(rt), "only in the later report"
    else:
        heading = f"{esc(lt)} ⇄ {esc(rt)}" if rt else esc(lt)
        meta = f"{diff.relation} · score {diff.score:.2f}"
    n = diff.substantive_count
    meta += f" · {n} change{'s' if n != 1 else ''}"
    quiet = " quiet" if not n else ""
    if labels is not None and not any(_kept(c, labels) and not c.table for c in diff.changes):
        quiet += " quiet-bp"
    rows = []
    folded = 0
    views = views if views is not None else table_views(comparison)
    for item in listed_changes(comparison, diff, views):
        if isinstance(item, TablePlace):
            if folded:
                rows.append(_fold_row(folded))
                folded = 0
            rows.append(_table_place_row(item))
            continue
        change = item
        if change.kind == ChangeKind.UNCHANGED:
            folded += 1
        elif folded:
            rows.append(_fold_row(folded))
            folded = 0
        rows.append(_row(comparison, diff, change, labels))
    if folded:
        rows.append(_fold_row(folded))
    body = (
        '<table class="pairs"><colgroup><col style="width:28px"><col><col></colgroup>'
        + "".join(rows)
        + "</table>"
        if rows
        else '<div class="empty">no sentences</div>'
    )
    return (
        f'<section class="sec{quiet}" id="{anchor}"><h2>{heading}<span class="meta">{esc(meta)}</span></h2>'
        f"{body}</section>"
    )


def _table_place_row(place: TablePlace) -> str:
    """The row standing for a table's rows among the sentences: a link to its grid below."""
    rows = f"{place.rows} row{'s' if place.rows != 1 else ''}"
    quiet = " quiet" if place.view is None or place.view.summary == "no changes" else ""
    if place.view is None:
        inner = esc(f"a table ({rows})")
    else:
        inner = (f'<a href="#t-{place.index}">{esc(place.view.label)}</a> ({esc(rows)}): '
                 f"{esc(place.view.summary)} — drawn below, cell by cell")
    return (f'<tr class="tplace{quiet}"><td class="m" title="{esc(TABLE_MARK.meaning)}">{esc(TABLE_MARK.symbol)}</td>'
            f'<td colspan="2">{inner}</td></tr>')


def _fold_row(count: int) -> str:
    return f'<tr class="fold"><td></td><td class="fold" colspan="2">… {count} unchanged sentence{"s" if count > 1 else ""}</td></tr>'


def _nav(comparison: Comparison, only_changes: bool, labels: PairLabels | None = None,
         hide_boilerplate: bool = False) -> str:
    left, right = comparison.alignment.left, comparison.alignment.right
    links = []
    for n, diff in enumerate(comparison.sections):
        doc, sid = (left, diff.left_id) if diff.left_id is not None else (right, diff.right_id)
        assert sid is not None  # a section diff has a section on one side at least
        section = doc.section(sid)
        title = section.title
        if diff.relation == Relation.LEFT_ONLY:
            title = "− " + title
        elif diff.relation == Relation.RIGHT_ONLY:
            title = "+ " + title
        count = diff.substantive_count
        cls = f"level-{min(section.level, 4)}" + ("" if count else " quiet")
        # a section renamed: the later report's heading too, so either year's can be found
        later = ""
        if diff.left_id is not None and diff.right_id is not None:
            renamed = right.section(diff.right_id).title
            if renamed != section.title:
                later = f'<span class="later">→ {esc(renamed)}</span>'
        links.append(
            f'<a class="{cls}" href="#s-{n}"><span>{esc(title)}{later}</span><span class="n">{count or ""}</span></a>'
        )
    switch = (
        f'<label title="the review app\'s i: boilerplate (dimmed) and unchanged sentences hidden">'
        f'<input type="checkbox" id="hide-boilerplate"{" checked" if hide_boilerplate else ""}> '
        "hide boilerplate and unchanged</label>"
        if labels is not None else ""
    )
    return (
        f'<nav><label><input type="checkbox" id="only-changes"{" checked" if only_changes else ""}> only changes</label>'
        f"{switch}<h2>Sections</h2>" + "".join(links) + "</nav>"
    )


def _doc_name(doc: Document) -> str:
    year = f" ({doc.year})" if doc.year else ""
    return (doc.title or doc.stem) + year


def _header(comparison: Comparison, labels: PairLabels | None = None) -> str:
    left, right = comparison.alignment.left, comparison.alignment.right
    m, s = comparison.similarities, comparison.shares
    counts = comparison.kind_counts()
    measures = "".join(
        f'<tr><td>{name}</td><td class="v">{value:.3f}</td></tr>'
        for name, value in (("cosine", m.cosine), ("jaccard", m.jaccard), ("edit", m.edit), ("simple", m.simple))
    )
    share_items = (
        ("verbatim", s.verbatim, "c-verbatim"),
        ("numbers only", s.numbers_only, "c-numbers"),
        ("reworded", s.reworded, "c-reworded"),
        ("new", s.new, "c-new"),
    )
    bar = "".join(
        f'<span class="{cls}" style="width:{value * 100:.2f}%" title="{name} {value:.1%}"></span>'
        for name, value, cls in share_items
    )
    share_rows = "".join(
        f'<tr><td><span class="sw {cls}"></span>{name}</td><td class="v">{value:.1%}</td></tr>'
        for name, value, cls in share_items
    )
    count_rows = "".join(
        f'<tr><td>{KIND_MARKS[k]} {KIND_LABELS[k]}</td><td class="v">{counts[k]}</td></tr>'
        for k in ChangeKind
        if counts.get(k)
    )
    pinned = any(change.pinned for diff in comparison.sections for change in diff.changes)
    legend = _legend(labels is not None, pinned)
    note = order_note(left, right)
    return (
        f"<header><h1>{esc(_doc_name(left))} → {esc(_doc_name(right))}</h1>"
        f'<div class="files">{esc(left.path)} → {esc(right.path)}</div>'
        + (f'<div class="note" role="note"><b>Note:</b> {esc(note)}</div>' if note else "")
        + '<div class="figures">'
        f"<div><b>Year-over-year similarity</b><table>{measures}</table></div>"
        f'<div><b>The later report\'s text</b><div class="bar">{bar}</div><table>{share_rows}</table></div>'
        f"<div><b>Sentences</b><table>{count_rows}</table></div>"
        f"</div>{legend}</header>"
    )


_PINNED_BADGE = f'<span class="since pin">{esc(PINNED_MARK.meaning)}</span>'


def _legend(labelled: bool, pinned: bool = False) -> str:
    """What the marks and colours mean, in the words of the view model (`KIND_MARK`,
    `ROLE_MEANINGS`, `SINCE_MARK`), as the review app's legend has them."""
    items = [
        f"<span><del>{esc(ROLE_MEANINGS['deleted'])}</del></span>",
        f"<span><ins>{esc(ROLE_MEANINGS['inserted'])}</ins></span>",
        f'<span><mark class="old">{esc(ROLE_MEANINGS["figure_old"])}</mark> → '
        f'<mark class="new">{esc(ROLE_MEANINGS["figure_new"])}</mark></span>',
    ]
    for kind, mark in KIND_MARK.items():
        if kind == ChangeKind.UNCHANGED:
            continue
        cls = f' class="lg-{kind}"' if kind in (ChangeKind.ADDED, ChangeKind.REMOVED) else ""
        items.append(f"<span{cls}>{esc(mark.symbol)} {esc(mark.meaning)}</span>")
    if pinned:
        items.append(f"<span>{_PINNED_BADGE} a sentence pin</span>")
    if labelled:
        since = " / ".join(f'<span class="since {h}">{esc(SINCE_MARK[h].meaning)}</span>' for h in SINCE_SHOWN)
        items.append('<span class="lg-bp">dimmed: boilerplate (hover a sentence for why)</span>')
        items.append(f"<span>{since} against last year</span>")
    return '<div class="legend">' + "".join(items) + "</div>"


def _tables_html(comparison: Comparison, views: list[TableView] | None = None) -> str:
    """Each table as a grid, a changed cell shown as old → new."""
    out = []
    for n, view in enumerate(views if views is not None else table_views(comparison)):
        rows = []
        for cells in view.rows:
            tds = []
            for cell in cells:
                if cell.role == "changed":
                    inner = f'<mark class="old">{esc(cell.old)}</mark> → <mark class="new">{esc(cell.text)}</mark>'
                else:
                    inner = esc(cell.text)
                cls = f' class="{cell.role}"' if cell.role != "equal" else ""
                tds.append(f"<td{cls}>{inner}</td>")
            rows.append(f"<tr>{''.join(tds)}</tr>")
        quiet = " quiet" if view.summary == "no changes" else ""
        out.append(
            f'<section class="tbl{quiet}" id="t-{n}"><h2>{esc(view.title)}'
            f'<span class="meta">{esc(view.summary)}</span></h2>'
            f'<table class="grid">{"".join(rows)}</table></section>'
        )
    return "".join(out)


def render_comparison_html(
    comparison: Comparison, only_changes: bool = False, labels: PairLabels | None = None,
    hide_boilerplate: bool = False,
) -> str:
    """The whole page as one string; `only_changes` starts it with unchanged text folded,
    `labels` marks boilerplate and last year, `hide_boilerplate` starts with it hidden."""
    left, right = comparison.alignment.left, comparison.alignment.right
    views = table_views(comparison)
    sections = "".join(_section_html(comparison, d, f"s-{n}", labels, views) for n, d in enumerate(comparison.sections))
    columns = (
        '<table class="pairs"><colgroup><col style="width:28px"><col><col></colgroup>'
        f"<tr><th></th><th>{esc(_doc_name(left))}</th><th>{esc(_doc_name(right))}</th></tr></table>"
    )
    classes = [c for c, on in (("only-changes", only_changes), ("hide-boilerplate", hide_boilerplate and labels is not None)) if on]
    body_class = f' class="{" ".join(classes)}"' if classes else ""
    return (
        '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">' + GENERATOR_META +
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(left.stem)} → {esc(right.stem)}</title><style>{CSS}</style></head>"
        f"<body{body_class}>{_nav(comparison, only_changes, labels, hide_boilerplate)}<main>"
        f"{_header(comparison, labels)}{columns}{sections}{_tables_html(comparison, views)}</main>"
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def write_comparison_html(
    comparison: Comparison, path: str | Path, only_changes: bool = False, labels: PairLabels | None = None,
    hide_boilerplate: bool = False,
) -> None:
    """Write the page atomically: an interrupted write never leaves half a page. Raises
    `ReportError` naming `path` when it cannot be written."""
    path = Path(path)
    try:
        page = render_comparison_html(comparison, only_changes, labels, hide_boilerplate)
        atomic_write(path, page.encode("utf-8"))
    except OSError as err:
        raise ReportError(path, f"cannot write: {err.strerror or err}") from None
