"""The series screen of the review app, driven with Pilot on a series built from real
reports: the chapter timeline, an indicator's plot, a verdict saved, the jump to a pair."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from compare.tui.app import ReviewApp
from compare.tui.screens.review import ReviewScreen
from compare.tui.screens.series import SeriesScreen
from tests.conftest import CORPUS


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
            await pilot.press("x")
            await pilot.pause()
            assert str(commitments.get_cell_at((0, 3))) == "rejected"
            first = screen.series.commitments[0]
            saved = notes / "state-council-2015__state-council-2016.yaml"
            assert "commitment-rejected" in saved.read_text(encoding="utf-8")
            assert first.year == 2015

            await pilot.press("r")  # the pair where it was (or was not) reported
            for _ in range(200):
                if isinstance(app.screen, ReviewScreen):
                    break
                await pilot.pause(0.05)
            assert isinstance(app.screen, ReviewScreen)
            assert app.screen.left_path.endswith("state-council-2015.txt")
            assert app.screen.right_path.endswith("state-council-2016.txt")
            for _ in range(2400):  # the comparison and its labels on screen, the workers done
                if app.screen.rows is not None and not any(w.is_running for w in app.screen.workers):
                    break
                await pilot.pause(0.05)
            await pilot.press("escape")  # nothing to clear in the review: back to the series
            await pilot.pause()
            assert app.screen is screen

    asyncio.run(scenario())
