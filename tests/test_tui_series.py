"""The series screen of the review app, driven with Pilot on a series built from real
reports: the chapter timeline, an indicator's plot, a verdict saved, the jump to a pair."""

from __future__ import annotations

import asyncio
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Static

from compare.tui.app import ReviewApp
from compare.tui.screens.review import ReviewScreen
from compare.tui.screens.series import SeriesScreen, plot_text
from tests.conftest import CORPUS, ROOT
from tests.test_tui_layout import footer_text
from tests.test_tui_open import described


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COMPARE_REPORTS_CACHE", str(tmp_path / "cache"))
    target = tmp_path / "reports"
    target.mkdir()
    for year in (2015, 2016, 2017):
        shutil.copy(CORPUS / f"state-council-{year}.txt", target)
    shutil.copy(CORPUS / "manifest.yaml", target)
    return target


async def _built(pilot) -> SeriesScreen:
    for _ in range(2400):
        screen = pilot.app.screen
        if isinstance(screen, SeriesScreen) and screen.series is not None:
            await pilot.pause()
            return screen
        await pilot.pause(0.05)
    raise AssertionError("the series screen did not finish building")


async def _settled(pilot) -> ReviewScreen:
    """The pair opened from the series, once compared, labelled and its workers done."""
    for _ in range(2400):
        screen = pilot.app.screen
        if (isinstance(screen, ReviewScreen) and screen.rows is not None
                and screen.labels is not None
                and not any(w.is_running and w.node is screen for w in screen.workers)):
            await pilot.pause()
            return screen
        await pilot.pause(0.05)
    raise AssertionError("the pair did not open")


def test_series_screen_timeline_plot_verdict_and_jump(folder: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes"

    async def scenario() -> None:
        app = ReviewApp(annotations=str(notes), reviewer="tester", series=[str(folder)])
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _built(pilot)
            title = str(screen.query_one("#series-title", Static).render())
            assert "国务院" in title and "2015–2017" in title
            sections = screen.query_one("#series-sections", DataTable)
            rows = [[str(c) for c in sections.get_row_at(i)] for i in range(sections.row_count)]
            assert any(r[0] == "（前言）" and r[2] == "■■■" for r in rows)
            assert any("vanished" in r[1] for r in rows)  # a chapter of one year only
            # the chapters of the latest year come first, those that vanished after them
            ends = [int(r[1].split("–")[1].split()[0]) for r in rows]
            assert ends == sorted(ends, reverse=True) and ends[0] == 2017

            await pilot.press("2")
            table = screen.query_one("#series-indicators", DataTable)
            gdp = next(n for n, ind in enumerate(screen.series.indicators)
                       if ind.name == "国内生产总值增长" and ind.kind == "target")
            table.move_cursor(row=gdp)
            await pilot.press("p")
            plot = str(screen.query_one("#plot", Static).render())
            assert "国内生产总值增长" in plot and "2016" in plot and "•" in plot

            await pilot.press("3")
            commitments = screen.query_one("#series-commitments", DataTable)
            assert commitments.row_count == len(screen.series.commitments) > 10
            shown = {str(commitments.get_cell_at((r, 1))) for r in range(commitments.row_count)}
            assert shown <= {"with figures", "in general", "dropped"}  # under "reported"
            assert [str(c.label) for c in commitments.columns.values()][1] == "reported"
            await pilot.press("x")
            await pilot.pause()
            assert str(commitments.get_cell_at((0, 3))) == "rejected"
            first = screen.series.commitments[0]
            saved = notes / "state-council-2015__state-council-2016.yaml"
            assert "commitment-rejected" in saved.read_text(encoding="utf-8")
            assert first.year == 2015

            await pilot.press("r")  # the pair where it was (or was not) reported
            await _settled(pilot)
            assert app.screen.left_path.endswith("state-council-2015.txt")
            assert app.screen.right_path.endswith("state-council-2016.txt")
            review = await _settled(pilot)
            # opened at the plan item (nothing in 2016 reports it), not at the top
            assert first.evidence_id is None
            assert review.pair_view.side == "left"
            assert review.pair_view.current_sentence().id == first.sentence_id
            # the footer says where escape goes
            await pilot.pause()
            assert "esc Back" in footer_text(app)
            await pilot.press("escape")  # nothing to clear in the review: back to the series
            await pilot.pause()
            assert app.screen is screen

            async def jump(key: str, right_report: str, side: str, sentence_id: str) -> None:
                """`key` opens the pair whose right report is `right_report`, at the sentence
                `sentence_id` of `side`; escape comes back to the series."""
                await pilot.press(key)
                review = await _settled(pilot)
                assert review.right_path.endswith(right_report)
                assert review.pair_view.side == side
                assert review.pair_view.current_sentence().id == sentence_id
                await pilot.press("escape")
                await pilot.pause()
                assert app.screen is screen

            # m on an item of the first year (nothing before it): the pair it opens, at the item
            commitments.move_cursor(row=0)
            await jump("m", "state-council-2016.txt", "left", first.sentence_id)
            # a 2016 plan item reported in 2017: m opens 2015 → 2016 at the item, r 2016 → 2017
            # at the sentence that reports it
            n, item = next((n, c) for n, c in enumerate(screen.series.commitments)
                           if c.year == 2016 and c.evidence_id is not None)
            commitments.move_cursor(row=n)
            await jump("m", "state-council-2016.txt", "right", item.sentence_id)
            await jump("r", "state-council-2017.txt", "right", item.evidence_id)

    asyncio.run(scenario())


def test_a_series_opened_from_the_open_screen_comes_back_from_its_pairs(folder: Path, tmp_path: Path) -> None:
    # the open screen's folder tree keeps a worker running: escape in the pair must not wait
    # for it, as it waits for the pair's own loading
    async def scenario() -> None:
        app = ReviewApp(corpus=str(folder), annotations=str(tmp_path / "notes"))
        async with app.run_test(size=(100, 30)) as pilot:
            picker = await described(pilot)
            await pilot.press(*"2016", "S")
            screen = await _built(pilot)
            await pilot.press("3", "r")
            review = await _settled(pilot)
            c = screen.series.commitments[0]
            assert review.pair_view.current_sentence().id in (c.evidence_id, c.sentence_id)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen  # back to the series
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is picker  # and to the open screen

    asyncio.run(scenario())


def test_the_timeline_stays_on_screen_beside_the_chapter_names(folder: Path, tmp_path: Path) -> None:
    # narrow for three years as 100 columns is for 49: names give way, not the timeline
    async def scenario() -> None:
        app = ReviewApp(annotations=str(tmp_path / "notes"), series=[str(folder)])
        async with app.run_test(size=(44, 30)) as pilot:
            screen = await _built(pilot)
            await pilot.pause(0.2)
            table = screen.query_one("#series-sections", DataTable)
            lines = [table.render_line(y).text for y in range(1, table.row_count + 1)]
            assert all(line.rstrip().endswith(("■", "·")) for line in lines), lines
            assert any("…" in line for line in lines) and any("（前言）" in line for line in lines)
            assert all(cell_len(line.rstrip()) <= 44 for line in lines)
            await pilot.resize_terminal(120, 30)  # wider: the names come back whole
            await pilot.pause(0.3)
            lines = [table.render_line(y).text for y in range(1, table.row_count + 1)]
            assert not any("…" in line for line in lines), lines

    asyncio.run(scenario())


def test_a_plot_writes_large_values_in_their_magnitude_and_leaves_gaps_open() -> None:
    # 中央财政 spending in yuan: 1.55 万亿元 on the axis, not 1550000000000.0; 2013 states
    # nothing, so no line runs from 2012 to 2014 in the page's chart either
    from compare.series.html import chart_svg
    from compare.tui.screens.series import plot_text

    years, values = [2011, 2012, 2014], [1.2e12, 1.55e12, 1.9e12]
    shown = plot_text("中央财政投入 (result)", years, values, 80, 12, unit="元",
                      series_years=[2011, 2012, 2013, 2014]).plain
    assert "万亿元" in shown and "1550000000000" not in shown and "1.5" in shown
    indicator = {"name": "中央财政投入", "values": [
        {"year": y, "value": v, "low": v, "high": v, "written": f"{v / 1e12}万亿元", "text": ""}
        for y, v in zip(years, values)]}
    svg = chart_svg(indicator, [2011, 2012, 2013, 2014])
    assert svg.count("<polyline") == 2  # 2011–2012, then 2014 alone


def test_the_screen_counts_the_pairs_while_it_compares_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A body with many reports takes a while: the title says how many pairs of years are
    compared so far (comparing 2/5 …), then gives way to the series."""
    monkeypatch.setenv("COMPARE_REPORTS_CACHE", str(tmp_path / "cache"))  # nothing compared yet
    folder = tmp_path / "reports"
    folder.mkdir()
    for year in range(2012, 2018):
        shutil.copy(CORPUS / f"state-council-{year}.txt", folder)
    shutil.copy(CORPUS / "manifest.yaml", folder)

    async def scenario() -> None:
        app = ReviewApp(annotations=str(tmp_path / "notes"), series=[str(folder)])
        async with app.run_test(size=(120, 30)) as pilot:
            seen: list[str] = []
            for _ in range(6000):
                screen = app.screen
                if isinstance(screen, SeriesScreen):
                    if screen.series is not None:
                        break
                    seen.append(str(screen.query_one("#series-title", Static).render()))
                await pilot.pause(0.01)
            counts = {m.group(0) for text in seen for m in [re.search(r"comparing (\d)/5 pairs", text)] if m}
            assert counts & {f"comparing {k}/5 pairs" for k in range(1, 5)}, counts
            await pilot.pause()
            title = str(screen.query_one("#series-title", Static).render())
            assert "comparing" not in title and "2012–2017" in title

    asyncio.run(scenario())


def test_the_command_counts_the_pairs_on_a_terminal(tmp_path: Path) -> None:
    """`series` on a terminal says on stderr how many pairs are compared; piped, it says nothing."""
    files = [str(CORPUS / f"state-council-{year}.txt") for year in (2015, 2016, 2017)]
    command = [sys.executable, "-m", "compare.cli", "series", *files, "--jobs", "1", "--cache", str(tmp_path / "c")]
    leader, follower = pty.openpty()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=follower, cwd=ROOT, timeout=600)
    os.close(follower)
    said = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal is closed once everything is read
            break
        if not chunk:
            break
        said += chunk
    os.close(leader)
    assert done.returncode == 0
    text = said.decode("utf-8")
    assert "comparing 1/2 pairs of years" in text and "comparing 2/2 pairs of years" in text
    piped = subprocess.run(command, capture_output=True, cwd=ROOT, timeout=600, text=True)
    assert piped.returncode == 0 and "comparing" not in piped.stderr


def test_S_means_the_series_in_a_review_as_in_the_open_screen(folder: Path, tmp_path: Path) -> None:
    # one key, one meaning: S in a review opens its body's series (it opened "save elsewhere"
    # there and the series in the open screen); escape comes back to the pair; the help says
    # S is the series and E saves elsewhere
    async def scenario() -> None:
        app = ReviewApp(str(folder / "state-council-2016.txt"), str(folder / "state-council-2017.txt"),
                        annotations=str(tmp_path / "notes" / "pair.yaml"), reviewer="tester")
        async with app.run_test(size=(100, 40)) as pilot:
            review = await _settled(pilot)
            rows = {key: description for key, description, _ in review.key_rows()}  # what ? lists
            assert rows.get("S") == "Series" and rows.get("E") == "Save elsewhere", rows
            await pilot.press("S")
            screen = await _built(pilot)
            title = str(screen.query_one("#series-title", Static).render())
            assert "国务院" in title and "2015–2017" in title
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is review  # back to the pair it was opened from

    asyncio.run(scenario())


def test_indicator_names_are_whole_or_marked_cut_with_the_sentence_in_a_tooltip(folder: Path, tmp_path: Path) -> None:
    # a name longer than 14 characters keeps its tail (…请全国人大常委会审议法律议案 of 国务院提请…):
    # marked with …, never shown as if whole; the highlighted indicator's tooltip has the
    # words before the cut and its sentence; at 80, 100 and 200 columns every name is whole
    from compare.series.indicators import shown_name, whole_name

    async def scenario() -> None:
        app = ReviewApp(annotations=str(tmp_path / "notes"), series=[str(folder)])
        async with app.run_test(size=(80, 40)) as pilot:
            screen = await _built(pilot)
            await pilot.press("2")
            await pilot.pause()
            table = screen.query_one("#series-indicators", DataTable)
            cut = [n for n, ind in enumerate(screen.series.indicators) if whole_name(ind)]
            assert cut, [i.name for i in screen.series.indicators]
            ind = screen.series.indicators[cut[0]]
            assert shown_name(ind) == "…" + ind.name and whole_name(ind).endswith(ind.name)
            table.move_cursor(row=cut[0])
            await pilot.pause()
            assert whole_name(ind) in str(table.tooltip)
            assert ind.values[-1].text[:20] in str(table.tooltip)
            for width in (80, 100, 200):
                await pilot.resize_terminal(width, 40)
                await pilot.pause(0.2)
                table.move_cursor(row=0)
                await pilot.pause()
                lines = [table.render_line(y).text for y in range(1, min(table.row_count, 30) + 1)]
                for n, line in enumerate(lines):
                    assert line.lstrip().startswith(shown_name(screen.series.indicators[n])), (width, line)

    asyncio.run(scenario())


def test_a_small_move_is_drawn_small_and_every_year_is_labelled() -> None:
    # the unemployment target 4.6% → 4.5% was drawn from the top of the chart to its bottom
    # (the axis ran from the lowest value to the highest), with only the first and last years
    # labelled (a user test): the page's chart and the terminal plot both start at zero now
    from compare.series.html import chart_svg
    from compare.series.values import value_range

    assert value_range([4.6, 4.5], [4.6, 4.5]) == (0.0, 4.6)
    assert value_range([20.0, 80.0], [20.0, 80.0]) == (20.0, 80.0)  # a big move keeps its range
    assert value_range([-3.0, -2.8], [-3.0, -2.8]) == (-3.0, 0.0)
    years = list(range(2010, 2016))
    indicator = {"name": "城镇登记失业率", "values": [
        {"year": y, "value": v, "low": v, "high": v, "written": f"{v}%", "text": ""}
        for y, v in zip(years, [4.6, 4.6, 4.6, 4.6, 4.5, 4.5])]}
    svg = chart_svg(indicator, years)
    assert '>0</text>' in svg and all(f">{y}</text>" in svg for y in years)
    plotted = plot_text("城镇登记失业率 (target)", years, [4.6, 4.6, 4.6, 4.6, 4.5, 4.5], 80, 14, unit="%").plain
    ticks = [float(t) for t in re.findall(r"^\s*(-?[\d.]+)┤", plotted, flags=re.M)]
    assert ticks and min(ticks) == 0.0 and max(ticks) >= 4.5  # the axis runs from zero


def test_a_missing_year_is_said_under_the_series_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """User test s25b: a folder of 2015 and 2017 gave no word that 2016 is missing, and the 2015
    plan looked judged by a report that reviews 2016. The screen's title now says so."""
    monkeypatch.setenv("COMPARE_REPORTS_CACHE", str(tmp_path / "cache"))
    target = tmp_path / "reports"
    target.mkdir()
    for year in (2015, 2017):
        shutil.copy(CORPUS / f"state-council-{year}.txt", target)
    shutil.copy(CORPUS / "manifest.yaml", target)

    async def scenario() -> None:
        app = ReviewApp(annotations=str(tmp_path / "notes"), series=[str(target)])
        async with app.run_test(size=(120, 30)) as pilot:
            screen = await _built(pilot)
            title = str(screen.query_one("#series-title", Static).render())
            assert "2015–2017  (2 reports)" in title
            assert "note: no report of 2016 between 2015 and 2017: the 2015 report's commitments are not checked" in title
            assert not screen.series.commitments

    asyncio.run(scenario())


def test_the_timeline_column_names_its_first_and_last_year(folder: Path, tmp_path: Path) -> None:
    """User test s25b: the timeline's cells had no years above them. The header names the first
    and last year at the column's two ends, short when the years are few."""
    from compare.tui.screens.series import timeline_label

    assert timeline_label(list(range(1996, 2002))) == "96–01"
    label = timeline_label(list(range(1954, 2018)))
    assert len(label) == 64 and label.startswith("1954") and label.endswith("2017")

    async def scenario() -> None:
        app = ReviewApp(annotations=str(tmp_path / "notes"), series=[str(folder)])
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await _built(pilot)
            await pilot.pause(0.2)
            header = screen.query_one("#series-sections", DataTable).render_line(0).text
            assert "15–17" in header and "years" in header

    asyncio.run(scenario())


def test_S_builds_the_series_from_the_two_reports_shown(folder: Path, tmp_path: Path) -> None:
    """User test s26: with a second file of a year in the folder (the same report as Big5 text
    beside the PDF), `S` built the series from the alphabetically first file of each year, not
    the reports on screen, and the notes saying so were cut from the title. The reports shown
    now stand for their years; every note is in the Notes tab (4)."""
    shutil.copy(folder / "state-council-2016.txt", folder / "a-copy-2016.txt")  # first by path

    async def scenario() -> None:
        app = ReviewApp(str(folder / "state-council-2015.txt"), str(folder / "state-council-2016.txt"),
                        annotations=str(tmp_path / "notes" / "pair.yaml"), reviewer="tester")
        async with app.run_test(size=(100, 40)) as pilot:
            await _settled(pilot)
            await pilot.press("S")
            screen = await _built(pilot)
            used = {d.year: Path(d.path).name for d in screen.series.documents}
            assert used == {2015: "state-council-2015.txt", 2016: "state-council-2016.txt",
                            2017: "state-council-2017.txt"}
            await pilot.press("4")
            await pilot.pause()
            notes = screen.query_one("#series-notes", DataTable)
            said = [str(notes.get_row_at(n)[0]) for n in range(notes.row_count)]
            assert any("a-copy-2016.txt: a second report of 2016, left out" in note
                       and "state-council-2016.txt stands for 2016" in note for note in said), said
            assert notes.has_focus

    asyncio.run(scenario())


def test_the_series_footer_fits_80_columns(folder: Path, tmp_path: Path) -> None:
    """Lead's review, s26: at 80 columns the series screen's footer was cut after `r Where`,
    with accept, reject and escape off screen. It now fits its width as the review's does:
    short labels, the tab keys (named by the tabs above) leave first, escape never."""
    from compare.tui.widgets.footer import row_width

    async def scenario() -> None:
        app = ReviewApp(annotations=str(tmp_path / "notes"), series=[str(folder)])
        async with app.run_test(size=(80, 30)) as pilot:
            await _built(pilot)
            await pilot.pause()
            shown = footer_text(app)
            for key in ("esc Back", "a Accept", "x Reject", "p Plot", "m Made", "r Reported"):
                assert key in shown, shown
            footer = app.screen.query_one("Footer")
            assert row_width(footer.children) <= 80
            await pilot.press("4")  # three consecutive years, one file each: the Notes tab says so
            await pilot.pause()
            notes = app.screen.query_one("#series-notes", DataTable)
            assert notes.row_count == 1 and "no notes" in str(notes.get_row_at(0)[0])
            await pilot.resize_terminal(200, 30)
            await pilot.pause(0.2)
            assert "1 Sections" in footer_text(app) and "m Where made" in footer_text(app)  # room: whole labels

    asyncio.run(scenario())
