"""Tables of two reports compared cell by cell.

Tables are paired when they sit in sections the aligner paired (in reading order there), then
by the row labels they share. Rows are matched by their labels — the cells of a row that are
not figures (三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密) — which the statistics tables
of the 政府信息公开工作年度报告 keep from year to year (the format of 国办公开办函〔2021〕30号);
a column goes with the column of the same header (else keeps its position). A changed count
is a figure change old → new.
"""

from __future__ import annotations

import re
from typing import Sequence

from compare.comparison.results import Alignment, CellChange, CellKind, TableDiff
from compare.parsing.document import Conversion, Document, Table
from compare.parsing.normalise import simplify, simplify_as

_FIGURE_CELL = re.compile(r"[-+−]?\d[\d,，.]*\s*(%|‰|万|亿|元|件|个|人|次|项|条|家|户|天|小时)?")
Views = tuple[Conversion | None, Conversion | None]  # the left and right report's conversion
PAIR_MIN = 0.3  # share of row labels two tables outside paired sections must have in common


def is_figure(cell: str) -> bool:
    """A cell that holds a count or amount (12, 2.3亿, 95%), not a label."""
    return bool(_FIGURE_CELL.fullmatch(cell.strip()))


def row_labels(row: Sequence[str]) -> list[str]:
    """The label cells of a row, spanned repeats kept once."""
    labels: list[str] = []
    for cell in row:
        if cell and not is_figure(cell) and (not labels or labels[-1] != cell):
            labels.append(cell)
    return labels


def _key(labels: Sequence[str], conversion: Conversion | None = None) -> str:
    """The labels in the matching view sentences use: the report's own conversion (a Big5
    report's 指標 is 指标, as its sentences are: user test s26 item 15), or each label's script
    judged on its own when no report is named."""
    if conversion is None:
        return "/".join(re.sub(r"\s+", "", simplify(label)) for label in labels)
    return "/".join(re.sub(r"\s+", "", simplify_as(label, conversion)) for label in labels)


def column_headers(table: Table) -> list[str]:
    """Header of each column: the non-figure cells above the first row holding a figure."""
    headers = [""] * table.width
    for row in table.rows:
        if any(is_figure(cell) for cell in row):
            break
        for c, cell in enumerate(row):
            if cell and not headers[c].endswith(cell):
                headers[c] = f"{headers[c]} {cell}".strip() if headers[c] else cell
    return headers


def _keyed_rows(table: Table, conversion: Conversion | None = None) -> list[tuple[str, int, list[str]]]:
    """(label key, occurrence of that key, row) for the rows below the headers."""
    seen: dict[str, int] = {}
    out = []
    for row in table.rows:
        key = _key(row_labels(row), conversion)
        seen[key] = seen.get(key, 0) + 1
        out.append((key, seen[key], row))
    return out


ROW_LABEL_MIN = 85  # rapidfuzz ratio (0–100) of two row labels taken for one reworded label


def column_map(left: Table, right: Table, conversions: Views = (None, None)) -> list[int | None]:
    """For each column of `right`, the column of `left` it continues, or None for a new one.

    A column goes with the column of the same header wherever it stands (a report that adds
    2024年 beside 2023年 compares 2023年 with last year's 2023年, not with 2022年 at the same
    position); a column whose header no other column shares goes with the column at its
    position (headers reworded, or none at all). `conversions`: each report's (`_key`)."""
    left_keys = [_key([h], conversions[0]) for h in column_headers(left)]
    right_keys = [_key([h], conversions[1]) for h in column_headers(right)]
    out: list[int | None] = [None] * right.width
    for c, key in enumerate(right_keys):
        if key and left_keys.count(key) == 1 and right_keys.count(key) == 1:
            out[c] = left_keys.index(key)
    used = {c for c in out if c is not None}
    for c, key in enumerate(right_keys):
        if out[c] is None and c < left.width and c not in used and not (
            (key and key in left_keys) or (left_keys[c] and left_keys[c] in right_keys)
        ):
            out[c] = c
            used.add(c)
    return out


def _cell_changes(
    old_row: list[str], row: list[str], label: str, headers: list[str], old_headers: list[str],
    columns: list[int | None], conversions: Views = (None, None),
) -> list[CellChange]:
    out = []
    width = max(len(row), len(columns))
    for c in range(width):
        new = row[c] if c < len(row) else ""
        source = columns[c] if c < len(columns) else None
        old = old_row[source] if source is not None and source < len(old_row) else ""
        if _key([old], conversions[0]) == _key([new], conversions[1]):
            continue
        kind = CellKind.FIGURE if (is_figure(old) or is_figure(new)) else CellKind.TEXT
        if kind == CellKind.TEXT and (old in row_labels(old_row) or new in row_labels(row)):
            continue  # a reworded label is reported once for its row, not once per cell
        header = headers[c] if c < len(headers) else ""
        out.append(CellChange(kind, label, header, old, new, index=c))
    for source, old in enumerate(old_row):  # a column the later table no longer has
        if source in columns or not old or not is_figure(old):
            continue
        header = old_headers[source] if source < len(old_headers) else ""
        out.append(CellChange(CellKind.FIGURE, label, header, old, "", index=-1))
    return out


def diff_table(left: Table, right: Table, conversions: Views = (None, None)) -> list[CellChange]:
    """Cell changes from `left` to `right`: rows matched by their labels (exactly, else the
    closest label of the same depth with a rapidfuzz ratio ≥ `ROW_LABEL_MIN`, reported as a
    reworded label), columns by `column_map` (by header, else by position): a figure of a
    column the later table dropped is a change to nothing. In the later table's row order,
    removed rows last. Cells and labels compare in each report's matching view (`conversions`:
    the left and right `Document.conversion`), as its sentences do."""
    from rapidfuzz import fuzz  # deferred: only reports with tables compare rows

    headers, old_headers = column_headers(right), column_headers(left)
    columns = column_map(left, right, conversions)
    # the header cells of columns new in the later table or dropped from it
    moved_headers = {_key([cell], conversions[1]) for c, h in enumerate(headers) if columns[c] is None
                     for cell in h.split()} | {
        _key([cell], conversions[0]) for c, h in enumerate(old_headers) if c not in columns for cell in h.split()}
    left_keyed = _keyed_rows(left, conversions[0])
    left_rows = {(k, n): row for k, n, row in left_keyed}
    right_keyed = _keyed_rows(right, conversions[1])
    matches: dict[tuple[str, int], tuple[str, int]] = {}  # right (key, n) → left (key, n)
    for key, n, _ in right_keyed:
        if (key, n) in left_rows:
            matches[(key, n)] = (key, n)
    free = [(k, n, row) for k, n, row in left_keyed if (k, n) not in set(matches.values())]
    for key, n, row in right_keyed:
        if (key, n) in matches or not key:
            continue
        depth = len(row_labels(row))
        scored = [(fuzz.ratio(key, k), (k, m)) for k, m, old in free
                  if k and len(row_labels(old)) == depth]
        best = max(scored, default=None)
        if best is not None and best[0] >= ROW_LABEL_MIN:
            matches[(key, n)] = best[1]
            free = [item for item in free if (item[0], item[1]) != best[1]]
    changes: list[CellChange] = []
    for key, n, row in right_keyed:
        label = " / ".join(row_labels(row))
        if (key, n) not in matches:
            changes.append(CellChange(CellKind.ADDED, label, "", "", "\t".join(row)))
            continue
        old_row = left_rows[matches[(key, n)]]
        old_label = " / ".join(row_labels(old_row))
        if matches[(key, n)] != (key, n) and not (
            {_key([c], conversions[1]) for c in row_labels(row)}
            ^ {_key([c], conversions[0]) for c in row_labels(old_row)} <= moved_headers
        ):  # a header row whose only change is a column added or dropped says nothing more
            changes.append(CellChange(CellKind.TEXT, label, "", old_label, label))
        changes.extend(_cell_changes(old_row, row, label, headers, old_headers, columns, conversions))
    for key, n, row in free:
        changes.append(CellChange(CellKind.REMOVED, " / ".join(row_labels(row)), "",
                                  "\t".join(row), ""))
    return changes


def _overlap(a: Table, b: Table, conversions: Views = (None, None)) -> float:
    ka = {k for k, _, _ in _keyed_rows(a, conversions[0]) if k}
    kb = {k for k, _, _ in _keyed_rows(b, conversions[1]) if k}
    return len(ka & kb) / max(len(ka | kb), 1)


def compare_tables(alignment: Alignment) -> list[TableDiff]:
    """Every table of both reports, paired and compared; in the later report's order."""
    left, right = alignment.left, alignment.right
    if not left.tables and not right.tables:
        return []
    views: Views = (left.conversion, right.conversion)
    pairs: list[tuple[Table, Table]] = []
    used_left: set[str] = set()
    used_right: set[str] = set()
    right_of = {p.left_id: p.right_id for p in alignment.pairs}

    def owner(section_id: str) -> str:
        """The nearest section (itself or an ancestor) the aligner paired."""
        while section_id not in right_of and "." in section_id:
            section_id = section_id.rsplit(".", 1)[0]
        return section_id

    for lt in left.tables:
        target = right_of.get(owner(lt.section_id))
        if target is None:
            continue
        for rt in right.tables:
            if rt.id in used_right or not (rt.section_id == target or rt.section_id.startswith(target + ".")):
                continue
            if _overlap(lt, rt, views) >= PAIR_MIN or not any(k for k, _, _ in _keyed_rows(lt)):
                pairs.append((lt, rt))
                used_left.add(lt.id)
                used_right.add(rt.id)
                break
    # tables outside paired sections: by the labels they share
    for lt in left.tables:
        if lt.id in used_left:
            continue
        best = max((rt for rt in right.tables if rt.id not in used_right),
                   key=lambda rt: _overlap(lt, rt, views), default=None)
        if best is not None and _overlap(lt, best, views) >= PAIR_MIN:
            pairs.append((lt, best))
            used_left.add(lt.id)
            used_right.add(best.id)
    by_right = {rt.id: lt for lt, rt in pairs}
    out = [TableDiff(by_right.get(rt.id), rt) for rt in right.tables]
    for diff in out:
        if diff.left is not None and diff.right is not None:
            diff.changes = diff_table(diff.left, diff.right, views)
    out.extend(TableDiff(lt, None) for lt in left.tables if lt.id not in used_left)
    return out
