"""What the review app looks like, on fixed data (the report pair in `tests/data/review/`).

pytest-textual-snapshot compares each screen with the SVG accepted earlier under
`tests/__snapshots__/`; after an intended change of appearance, look at the differences
(`snapshot_report.html`) and accept them with `pytest --snapshot-update`.
"""

from __future__ import annotations

import shutil

from compare.tui.app import ReviewApp
from tests.test_tui import DATA, loaded, make_app, words_shown
from tests.test_tui_open import described, tree_read

SIZE = (130, 36)


def test_review_screen_on_a_section_with_changed_figures(snap_compare, tmp_path):
    async def run_before(pilot):
        screen = await loaded(pilot)
        await pilot.press("n", "n", "n")  # change 3: figures in （二）推进依法行政
        await words_shown(pilot)
        assert screen.section == 3

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_review_screen_hiding_boilerplate_and_unchanged(snap_compare, tmp_path):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("tab", "tab", "i")
        await words_shown(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_review_screen_without_wrapping(snap_compare, tmp_path):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("tab", "tab", "tab", "W")
        await words_shown(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_annotation_dialog(snap_compare, tmp_path):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("n", "n", "n")
        await words_shown(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"new")

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare, tmp_path):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=(130, 50), run_before=run_before)


def test_legend(snap_compare, tmp_path):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("L")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_picker(snap_compare, tmp_path):
    reports = tmp_path / "team" / "reports"  # a tree that only this test changes
    reports.mkdir(parents=True)
    (tmp_path / "team" / "older").mkdir()
    for name in ("left-2023.txt", "right-2024.txt"):
        shutil.copy(DATA / name, reports / name)
    app = ReviewApp(corpus=str(reports), annotations=str(tmp_path / "a.yaml"))

    async def run_before(pilot):
        screen = await described(pilot)
        await tree_read(pilot, screen)
        await pilot.press("down", "enter")  # 2024 chosen: the prompt asks for the other side
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 14), run_before=run_before)


def _review_at(snap_compare, tmp_path, size: tuple[int, int]) -> bool:
    async def run_before(pilot):
        screen = await loaded(pilot)
        await pilot.press("n", "n", "n")  # figures changed: numbers with their units
        await words_shown(pilot)
        assert screen.section == 3

    return snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)


def test_review_screen_at_80_columns(snap_compare, tmp_path):
    assert _review_at(snap_compare, tmp_path, (80, 30))


def test_review_screen_at_100_columns(snap_compare, tmp_path):
    assert _review_at(snap_compare, tmp_path, (100, 30))


def test_review_screen_at_200_columns(snap_compare, tmp_path):
    assert _review_at(snap_compare, tmp_path, (200, 40))
