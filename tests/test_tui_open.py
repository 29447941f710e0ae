"""`o` opens anything: any folder (tree, shortcuts, recent folders), reports described and
sorted, the previous year offered, escape back to the review; and an annotation file belongs
to its pair, whatever is opened after it."""

from __future__ import annotations

import re
import shutil
from contextlib import asynccontextmanager
from pathlib import Path

from compare.tui.app import ReviewApp
from compare.tui.folders import recent_folders, remember_folder
from compare.tui.screens.picker import PickerScreen
from compare.tui.screens.series import SeriesScreen
from tests.conftest import CORPUS
from tests.test_tui import SIZE, annotate, goto_sentence, loaded, reviewing, run, saved


def team_folder(root: Path) -> Path:
    """Reports as a user keeps them: no manifest, names that say nothing, a second folder."""
    reports = root / "team" / "reports"
    reports.mkdir(parents=True)
    shutil.copy(CORPUS / "state-council-2016.txt", reports / "b.txt")
    shutil.copy(CORPUS / "beijing-2026.txt", reports / "c.txt")
    shutil.copy(CORPUS / "state-council-2015.txt", reports / "a.txt")
    shutil.copy(CORPUS / "state-council-2017.txt", reports / "z.txt")
    other = root / "team" / "older"
    other.mkdir()
    shutil.copy(CORPUS / "state-council-1954.txt", other / "x.txt")
    return reports


async def described(pilot) -> PickerScreen:
    """The open screen once every report of its folder says what it is."""
    for _ in range(600):
        screen = pilot.app.screen
        if isinstance(screen, PickerScreen) and screen.reports and all(
            r.known for r in screen.reports
        ) and screen.table.row_count:
            await pilot.pause()
            return screen
        await pilot.pause(0.05)
    raise AssertionError("the reports were not described")


async def tree_read(pilot, screen: PickerScreen) -> None:
    """Wait for the folder tree, which reads its folders in a worker."""
    tree = screen.query_one("#tree")
    for _ in range(100):
        if tree.root.children:
            return
        await pilot.pause(0.05)


def team_app(tmp_path: Path, reports: Path) -> ReviewApp:
    """The app opened with no reports, on the team's folder."""
    return ReviewApp(corpus=str(reports), annotations=str(tmp_path / "n.yaml"))


@asynccontextmanager
async def opening(tmp_path: Path):
    """The app opened with no reports on the team's folder, its reports described:
    (app, pilot, open screen, the reports folder)."""
    reports = team_folder(tmp_path)
    app = team_app(tmp_path, reports)
    async with app.run_test(size=SIZE) as pilot:
        yield app, pilot, await described(pilot), reports


def rows(screen: PickerScreen) -> list[list[str]]:
    table = screen.table
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def test_reports_of_any_folder_are_described_and_sorted_by_agency_then_year(tmp_path):
    async def scenario():
        async with opening(tmp_path) as (app, pilot, screen, reports):
            assert rows(screen) == [
                ["北京市人民政府", "2026", "政府工作报告", "c.txt"],
                ["国务院", "2015", "政府工作报告", "a.txt"],
                ["国务院", "2016", "政府工作报告", "b.txt"],
                ["国务院", "2017", "政府工作报告", "z.txt"],
            ]
            # picking one report offers its previous year first, and enter takes it
            await pilot.press(*"2017")  # typed on the list: every key lands in the filter
            assert screen.query_one("#filter").value == "2017"
            await pilot.press("enter")
            assert rows(screen)[0][3] == "b.txt" and screen.table.cursor_row == 0
            await pilot.press("enter")
            review = await loaded(pilot)
            assert Path(review.session.left.path).name == "b.txt"  # the older on the left
            assert Path(review.session.right.path).name == "z.txt"
            assert recent_folders() == [reports]

    run(scenario)


def test_the_folder_tree_lists_another_folder_and_escape_steps_back(tmp_path):
    async def scenario():
        async with opening(tmp_path) as (app, pilot, screen, reports):
            await tree_read(pilot, screen)
            await pilot.press("f", "down", "enter")  # team/older
            await pilot.pause()
            assert screen.folder == reports.parent / "older"
            for _ in range(100):
                if screen.table.row_count and rows(screen)[0][0] == "国务院":
                    break
                await pilot.pause(0.05)
            assert rows(screen) == [["国务院", "1954", "政府工作报告", "x.txt"]]
            await pilot.press("slash", *"1954")
            assert screen.query_one("#filter").value == "1954"
            await pilot.press("escape")  # clears the filter
            assert screen.query_one("#filter").value == ""
            await pilot.press("enter")
            assert screen.first is not None
            await pilot.press("escape")  # forgets the first choice
            assert screen.first is None
            await pilot.press("escape")  # nothing under it to go back to: stays
            assert app.screen is screen

    run(scenario)


def test_o_then_escape_comes_back_to_the_same_review(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            await pilot.press("o")
            await pilot.pause()
            assert isinstance(app.screen, PickerScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen and screen.session is not None

    run(scenario)


def test_o_opens_on_the_folder_of_the_reports_showing(tmp_path):
    # reports given on the command line: `o` lists their folder, not another recent one
    mine = tmp_path / "mine"
    mine.mkdir()
    for year in (2016, 2017):
        shutil.copy(CORPUS / f"state-council-{year}.txt", mine / f"国务院{year}.txt")

    async def scenario():
        async with reviewing(tmp_path, mine / "国务院2016.txt", mine / "国务院2017.txt") as (app, pilot, screen):
            await pilot.press("o")
            await pilot.pause()
            assert isinstance(app.screen, PickerScreen) and app.screen.folder == mine.resolve()

    run(scenario)


def test_recent_folders_are_shortcuts(tmp_path):
    async def scenario():
        async with opening(tmp_path) as (app, pilot, _, reports):
            await pilot.press(*"2016", "enter", "enter")  # 2016 with 2015
            await loaded(pilot)
            await pilot.press("o")
            screen = await described(pilot)
            assert screen.folder == reports  # the most recent folder first
            shortcuts = screen.query_one("#shortcuts")
            names = [str(shortcuts.get_option_at_index(i).prompt)
                     for i in range(shortcuts.option_count)]
            assert names[0] == "Bundled corpus" and "Recent: reports" in names
            await pilot.press("shift+tab", "shift+tab", "shift+tab")  # to the shortcuts
            assert shortcuts.has_focus
            shortcuts.highlighted = 0
            await pilot.press("enter")  # the bundled corpus
            assert screen.folder == CORPUS
            await described(pilot)
            assert screen.table.row_count == len(list(CORPUS.glob("*.txt")))

    run(scenario)


def test_two_recent_folders_of_one_name_are_told_apart(tmp_path):
    # two clones' corpus folders were both "Recent: corpus" (a user test): their parents tell them apart
    for clone in ("ut22", "ut23"):
        (tmp_path / clone / "corpus").mkdir(parents=True)
        remember_folder(tmp_path / clone / "corpus")

    async def scenario():
        async with opening(tmp_path) as (app, pilot, screen, reports):
            shortcuts = screen.query_one("#shortcuts")
            names = [str(shortcuts.get_option_at_index(i).prompt) for i in range(shortcuts.option_count)]
            assert "Recent: ut23/corpus" in names and "Recent: ut22/corpus" in names
            assert "Recent: corpus" not in names

    run(scenario)


def test_opening_another_pair_never_rewrites_the_first_pairs_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the other pair's own file lands in ./annotations/
    first = tmp_path / "team" / "first.yaml"

    async def scenario():
        async with reviewing(tmp_path, annotations=first) as (app, pilot, screen):
            await goto_sentence(pilot, screen, "right", "一网通办")
            await annotate(pilot, *"new policy", "enter", *"first pair")
            before = first.read_bytes()
            await pilot.press("o")
            await pilot.pause()
            picker = app.screen
            picker.show_folder(CORPUS)
            await described(pilot)
            await pilot.press(*"国务院 1955", "enter", "enter")  # 1955, then the offered 1954
            other = await loaded(pilot)
            assert Path(other.session.left.path).name == "state-council-1954.txt"
            sentence = list(other.session.right.sentences())[5]
            await goto_sentence(pilot, other, "right", sentence.text)
            await annotate(pilot, *"copied", "enter", *"second pair")
            assert other.session.store.path != first
            assert first.read_bytes() == before  # byte for byte
            own = saved(other.session.store.path)
            assert [a["comment"] for a in own["annotations"]] == ["second pair"]
            assert own["right"]["path"].endswith("state-council-1955.txt")

    run(scenario)


def test_file_names_show_whole_at_80_and_100_columns(tmp_path):
    # the bundled corpus: long agencies (句容经济开发区（黄梅街道）) and kinds give way, not the file
    async def scenario(size):
        app = ReviewApp(corpus=str(CORPUS), annotations=str(tmp_path / "n.yaml"))
        async with app.run_test(size=size) as pilot:
            screen = await described(pilot)
            await pilot.pause(0.2)
            table = screen.table
            lines = [table.render_line(y).text for y in range(1, min(table.size.height, table.row_count + 1))]
            names = [str(table.get_row_at(i)[3]) for i in range(len(lines))]
            assert lines and all(name in line for name, line in zip(names, lines)), lines
            # a wide character cut off leaves no gap before the ellipsis (法治政府建 …)
            assert not any(re.search(r"[^\x00-\x7f] …", line) for line in lines), lines
            assert any("…" in line for line in lines)  # what gave way is marked as cut

    for size in ((80, 24), (100, 30)):
        run(lambda: scenario(size))


def test_the_open_screen_lists_damaged_reports_with_their_problem(tmp_path):
    """Damaged .docx files and a file over the size limit are listed with what is wrong (one
    line, nothing read past the limit), and choosing one says that one line and stays."""
    import time

    from tests.support import hostile

    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(CORPUS / "state-council-2016.txt", folder / "good.txt")
    for kind, make in hostile.DAMAGED_DOCX.items():
        (folder / f"{kind.replace(' ', '-')}.docx").write_bytes(make())
    hostile.oversize(folder / "huge.txt")
    expected = {f"{kind.replace(' ', '-')}.docx": "damaged .docx" for kind in hostile.DAMAGED_DOCX}
    expected["huge.txt"] = "over the 256 MB limit"
    app = ReviewApp(corpus=str(folder), annotations=str(tmp_path / "n.yaml"))

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            started = time.monotonic()
            screen = await described(pilot)
            assert time.monotonic() - started < 30
            listed = {row[3]: row[2] for row in rows(screen)}
            for name, words in expected.items():
                assert words in listed[name] and "\n" not in listed[name], (name, listed[name])
            assert listed["good.txt"] == "政府工作报告"
            await pilot.press(*"good", "enter")  # the good one first …
            await pilot.press(*"unsupported", "enter")  # … then a damaged one: refused
            await pilot.pause()
            assert app.is_running and app.error is None and app.screen is screen
            told = [n.message for n in app._notifications if "damaged .docx" in n.message]
            assert told and "\n" not in told[-1]

    run(scenario)


def test_an_unreadable_report_is_refused_and_never_ends_the_app(tmp_path):
    # a binary file beside two reports: listed with its problem, never opened; and a report
    # that turns out unreadable only when opened sends the reviewer back with a message
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    shutil.copy(CORPUS / "state-council-2016.txt", folder / "ok.txt")
    shutil.copy(CORPUS / "state-council-2017.txt", folder / "ok2.txt")

    async def scenario():
        app = ReviewApp(corpus=str(folder), annotations=str(tmp_path / "n.yaml"))
        async with app.run_test(size=SIZE) as pilot:
            screen = await described(pilot)
            assert ["", "", "is a binary file, not a text report", "binary.txt"] in rows(screen)
            await pilot.press(*"binary", "enter")
            await pilot.pause()
            assert app.screen is screen and screen.first is None  # not taken
            shown = [n.message for n in app._notifications]
            assert any("binary.txt: is a binary file" in m and "Choose another" in m for m in shown)
            # chosen before the list knew (or changed on disk since): the review cannot open it
            screen.post_message(PickerScreen.Chosen(str(folder / "binary.txt"), str(folder / "ok.txt")))
            def told():
                return any("Cannot open" in (n.title or "") and "binary.txt" in n.message
                           for n in app._notifications)

            for _ in range(200):
                if isinstance(app.screen, PickerScreen) and app.screen is not screen and told():
                    break
                await pilot.pause(0.05)
            assert isinstance(app.screen, PickerScreen) and app.is_running and told()
            assert app.return_code is None and app.error is None
            await described(pilot)
            await pilot.press(*"2017", "enter", "enter")  # and the session goes on
            review = await loaded(pilot)
            assert Path(review.session.right.path).name == "ok2.txt"

    run(scenario)


def test_filter_words_with_a_space_s_while_filtering_and_the_years_around(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPARE_REPORTS_CACHE", str(tmp_path / "cache"))

    async def scenario():
        async with opening(tmp_path) as (app, pilot, screen, reports):
            box = screen.query_one("#filter")
            await pilot.press(*"国务院")
            screen.table.focus()  # keys typed in a burst arrive before the box has the focus
            await pilot.press("space", *"2016")
            assert box.value == "国务院 2016"
            assert [r[3] for r in rows(screen)] == ["b.txt"]  # both words, in two columns
            await pilot.pause()
            assert ("S", "Series") in [(k.key, k.description) for k in screen.query("FooterKey")]
            await pilot.press("S")  # while the filter has the focus: the series, not an S
            await pilot.pause()
            assert box.value == "国务院 2016"
            assert isinstance(app.screen, SeriesScreen) and app.screen.body == "国务院"
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
            await pilot.press("escape")  # clears the filter
            await pilot.press(*"2016", "enter")
            # the year before first, then the year after
            assert [r[1] for r in rows(screen)[:2]] == ["2015", "2017"]
            await pilot.press("escape", "escape")
            await pilot.press(*"2015", "enter")  # no year before: the year after first
            assert rows(screen)[0][1] == "2016"
            await pilot.press("slash", *"/S")  # a folder's path keeps its S
            assert box.value == "/S" and app.screen is screen

    run(scenario)


def test_the_open_screen_starts_in_the_folder_the_user_started_in(tmp_path, monkeypatch):
    reports = team_folder(tmp_path)
    monkeypatch.chdir(reports)

    async def scenario():
        app = ReviewApp(annotations=str(tmp_path / "n.yaml"))
        async with app.run_test(size=SIZE) as pilot:
            screen = await described(pilot)
            assert screen.folder == reports
            assert "…/team/reports · 4 reports" in str(screen.query_one("#folder").render())

    run(scenario)
