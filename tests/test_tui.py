"""The review app as a reviewer uses it: keys, mouse, search, pins, annotations on disk.

Each test drives the real app (`App.run_test` and Pilot) on real reports: a small pair made
for these tests (`tests/data/review/`: a 2023 and a 2024 report of one agency with changed
figures, added, removed and reworded sentences, brackets and ambiguous-width punctuation) and
reports of the bundled corpus. Nothing is stubbed: parsing, alignment, the diff, the
boilerplate model and the annotation store all run.
"""

from __future__ import annotations

import asyncio
import errno
import os
import re
import subprocess
import sys
import unicodedata
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import pytest
import yaml

from compare.comparison.results import ChangeKind
from compare.parsing.normalise import simplified_view
from compare.presentation.view import PINNED_MARK, SINCE_MARK
from compare.tui.app import ReviewApp
from compare.tui.screens.review import ReviewScreen
from compare.tui.widgets.pair_view import LEFT_TEXT_X, right_text_x
from tests.conftest import CORPUS, ROOT

DATA = ROOT / "tests" / "data" / "review"
LEFT = DATA / "left-2023.txt"
RIGHT = DATA / "right-2024.txt"
SIZE = (160, 45)


def run(scenario) -> None:
    asyncio.run(scenario())


def make_app(tmp_path: Path, left: Path = LEFT, right: Path = RIGHT, **kwargs) -> ReviewApp:
    annotations = kwargs.pop("annotations", tmp_path / "annotations" / "pair.yaml")
    return ReviewApp(str(left), str(right), annotations=str(annotations), reviewer="tester",
                     **kwargs)


@asynccontextmanager
async def reviewing(tmp_path: Path, left: Path = LEFT, right: Path = RIGHT, size=SIZE, **kwargs):
    """The app on two reports, once loaded: (app, pilot, review screen)."""
    app = make_app(tmp_path, left, right, **kwargs)
    async with app.run_test(size=size) as pilot:
        yield app, pilot, await loaded(pilot)


async def loaded(pilot) -> ReviewScreen:
    """The review screen once the comparison, the boilerplate labels and the word spans of
    the section on screen are in."""
    for _ in range(1200):
        screen = pilot.app.screen
        ready = isinstance(screen, ReviewScreen) and screen.rows is not None
        if ready and screen.labels is not None:
            await words_shown(pilot)
            return screen
        await pilot.pause(0.05)
    raise AssertionError("the review screen did not finish loading")


async def until(pilot, condition, seconds: float = 20.0) -> None:
    """Let the app run until `condition()` holds (keys sent in a burst are handled one by one;
    on a loaded machine that takes longer than any fixed pause), then one more refresh."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            break
        await pilot.pause(0.05)
    await pilot.pause()


async def words_shown(pilot) -> None:
    """Wait until the word spans of the section on screen are in (a worker computes them
    after each move, and the rows are restyled when they land)."""
    for _ in range(1200):
        screen = pilot.app.screen
        rows = getattr(screen, "rows", None)
        if rows is None or not rows.diffs:
            break
        if all(c.spans_ready for c in rows.diffs[screen.section].changes):
            break
        await pilot.pause(0.05)
    else:
        raise AssertionError("the word spans of the section on screen did not arrive")
    await pilot.pause()


def view_text(screen: ReviewScreen) -> str:
    view = screen.pair_view
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


def status(screen: ReviewScreen) -> str:
    return screen.query_one("#status").text.plain


def saved(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# -- navigation ------------------------------------------------------------------------------

def test_the_comparison_goes_on_screen_before_word_highlights_and_labels_are_worked_on(tmp_path):
    # what the comparison's first frame does not show (the word highlights of the section on
    # screen, the boilerplate labels) is worked on only once that frame has gone out: started
    # earlier, those workers took the interpreter from the app while it laid the comparison
    # out. The order is fixed by messages, not by how fast the machine is.
    workers_at_first_frame: list[list[str]] = []

    class Watched(ReviewApp):
        def _display(self, screen, renderable) -> None:  # each frame handed to the terminal
            if isinstance(screen, ReviewScreen) and screen.rows is not None and not workers_at_first_frame:
                workers_at_first_frame.append(sorted(w.group for w in self.workers))
            super()._display(screen, renderable)

    async def scenario():
        app = Watched(str(LEFT), str(RIGHT), annotations=str(tmp_path / "pair.yaml"), reviewer="tester")
        async with app.run_test(size=SIZE) as pilot:
            screen = await loaded(pilot)
            [groups] = workers_at_first_frame
            assert "spans" not in groups and "labels" not in groups
            # and they do follow: labels, and the highlights of the section on screen
            assert screen.labels is not None
            assert all(c.spans_ready for c in screen.rows.diffs[screen.section].changes)

    run(scenario)


def test_n_walks_every_substantive_change_in_order(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            total = len(screen.rows.changes(False))
            assert total >= 8
            seen = []
            for k in range(total):
                await pilot.press("n")
                row = screen.pair_view.current
                assert row.change is not None and row.change.substantive
                assert f"change {k + 1}/{total}" in status(screen)
                seen.append((screen.section, screen.pair_view.cursor_row))
            assert seen == sorted(seen) and len(set(seen)) == total
            await pilot.press("N")
            assert f"change {total - 1}/{total}" in status(screen)
            await pilot.press("right_square_bracket", "c")
            assert f"change {total}/{total}" in status(screen)
            await pilot.press("left_square_bracket", "c", "left_square_bracket", "c")
            assert f"change {total - 2}/{total}" in status(screen)
            await pilot.press("c")  # without its prefix, c does nothing
            assert f"change {total - 2}/{total}" in status(screen)

    run(scenario)


def test_a_burst_of_keys_lands_where_each_key_says(tmp_path):
    """Keys typed faster than the screen repaints (as tmux or a fast typist sends them)."""
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            total = len(screen.rows.changes(False))
            for key in "nnnnn":
                app.simulate_key(key)
            await until(pilot, lambda: f"change 5/{total}" in status(screen))
            target = screen.rows.changes(False)[4]
            assert (screen.section, screen.pair_view.cursor_row) == (target.section, target.row)
            for key in ["slash", *"执法平台", "enter"]:  # / and a word, as one paste
                app.simulate_key(key)
            await until(pilot, lambda: bool(screen.hits))
            assert screen.search_query == "执法平台" and screen.hits
            assert "执法平台" in screen.pair_view.current_sentence().text

    run(scenario)


def test_the_section_list_shows_a_pair_on_click_and_with_the_keyboard(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            await pilot.press("s", "down", "down", "down")  # focus the list, move in it
            assert screen.section == 3 and screen.section_list.has_focus
            await pilot.press("enter")
            assert screen.pair_view.has_focus
            await pilot.click(screen.section_list, offset=(5, 0))  # the first pair's lines
            await pilot.pause()
            assert screen.section == 0

    run(scenario)


def test_tab_moves_between_section_pairs_and_list_follows(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            assert screen.section == 0
            await pilot.press("tab", "tab")
            assert screen.section == 2
            assert screen.section_list.highlighted == 2
            diff = screen.rows.diffs[2]
            heading = screen.session.left.section(diff.left_id).title
            assert heading in view_text(screen)
            await pilot.press("shift+tab")
            assert screen.section == 1
            await pilot.press("shift+tab", "shift+tab")  # wraps around to the last pair
            assert screen.section == len(screen.rows.diffs) - 1

    run(scenario)


def test_j_k_g_G_move_the_cursor_and_scroll(tmp_path):
    async def scenario():
        left, right = CORPUS / "state-council-2016.txt", CORPUS / "state-council-2017.txt"
        async with reviewing(tmp_path, left, right, size=(120, 30)) as (app, pilot, screen):
            big = max(range(len(screen.rows.diffs)), key=lambda i: len(screen.rows.sections[i]))
            await goto_section(pilot, screen, big)
            view = screen.pair_view
            assert view.cursor_row == 0 and view.scroll_offset.y == 0
            await pilot.press("j", "j", "j")
            assert view.cursor_row == view.shown[3]
            await pilot.press("k")
            assert view.cursor_row == view.shown[2]
            await pilot.press("G")
            assert view.cursor_row == view.shown[-1]
            assert view.scroll_offset.y > 0  # the last row is on screen
            assert view.scroll_offset.y + view.size.height >= view.layout.starts[-1]
            await pilot.press("g")
            assert view.cursor_row == 0 and view.scroll_offset.y == 0

    run(scenario)


def test_rows_are_aligned_pairs_with_gaps_on_the_missing_side(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            kinds = {row.kind for rows in screen.rows.sections for row in rows}
            assert {ChangeKind.ADDED, ChangeKind.REMOVED, "numbers_only", "reworded"} <= kinds
            # the pair with an added and a removed sentence
            index = next(i for i, rows in enumerate(screen.rows.sections)
                         if any(r.kind == ChangeKind.ADDED for r in rows))
            await goto_section(pilot, screen, index)
            text = view_text(screen)
            added = next(r for r in screen.rows.sections[index] if r.kind == ChangeKind.ADDED)
            line = next(line for line in text.splitlines() if added.right.text[:10] in line)
            # nothing on the left of an added sentence, the gutter says "+"
            left_column = line[LEFT_TEXT_X:LEFT_TEXT_X + screen.pair_view.layout.column]
            assert line.startswith("+") and left_column.strip() == ""
            # changed figures: old -> new under the row
            assert "figures: " in text and " -> " in text

    run(scenario)


def test_i_hides_boilerplate_and_unchanged_and_n_skips_them(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            sections = range(len(screen.rows.diffs))
            all_rows = sum(len(screen.rows.visible(i, False)) for i in sections)
            await pilot.press("i")
            assert "substantive only (i)" in status(screen)
            shown = [screen.rows.sections[i][r] for i in range(len(screen.rows.diffs))
                     for r in screen.rows.visible(i, True)]
            assert len(shown) < all_rows
            for row in shown:
                assert row.kind == "heading" or (row.change.substantive and not row.all_boilerplate)
            # the removed boilerplate sentence (……——) is neither shown nor visited
            await pilot.press(*["n"] * 20)
            for _ in range(len(screen.rows.changes(True))):
                await pilot.press("n")
                assert not screen.pair_view.current.all_boilerplate
            await pilot.press("i")
            assert screen.pair_view.shown == screen.rows.visible(screen.section, False)

    run(scenario)


# -- search, script ----------------------------------------------------------------------------

def test_search_finds_text_in_both_reports_in_either_script(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            await pilot.press("slash", *"執法平台", "enter")  # Traditional query, simplified text
            assert {h.side for h in screen.hits} == {"left", "right"}
            sentence = screen.pair_view.current_sentence()
            assert "执法平台" in sentence.text
            first = (screen.section, screen.pair_view.cursor_row, screen.pair_view.side)
            await pilot.press("full_stop")
            second = (screen.section, screen.pair_view.cursor_row, screen.pair_view.side)
            assert second != first and "执法平台" in screen.pair_view.current_sentence().text
            await pilot.press("comma")
            assert (screen.section, screen.pair_view.cursor_row, screen.pair_view.side) == first
            assert "search '執法平台': 1/" in status(screen)
            await pilot.press("escape")
            assert screen.hits == [] and "search" not in status(screen)

    run(scenario)


def test_a_match_in_hidden_text_turns_hiding_off_until_the_search_ends(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            await pilot.press("i")
            # an unchanged sentence, hidden by i, whose first characters occur nowhere else
            texts = [s.text for s in screen.session.left.sentences()] + [
                s.text for s in screen.session.right.sentences()]
            hidden = next(row for si, rows in enumerate(screen.rows.sections)
                          for ri, row in enumerate(rows)
                          if ri not in screen.rows.visible(si, True) and row.left is not None
                          and sum(t.count(row.left.text[:6]) for t in texts) == 2)
            query = hidden.left.text[:6]
            await pilot.press("slash", *query, "enter")
            assert screen.pair_view.current_sentence() is hidden.left  # shown, and the cursor on it
            assert "hiding off for the search (esc: back on)" in status(screen)
            assert any("hiding is off until the search ends" in n.message
                       for n in app._notifications)
            assert "substantive only" not in status(screen)
            await pilot.press("escape")  # the search ends: hiding is back
            assert screen.hide and "substantive only (i)" in status(screen)
            assert screen.pair_view.shown == screen.rows.visible(screen.section, True)
            await pilot.press("slash", *query, "enter")
            assert not screen.hide
            await pilot.press("n")  # moving on to the next change: hiding is back too
            assert screen.hide and "substantive only (i)" in status(screen)
            assert not screen.pair_view.current.all_boilerplate
            await pilot.press("comma")  # back to the match: off again; i is the reviewer's call
            assert not screen.hide
            await pilot.press("i", "i")
            await pilot.press("escape")
            assert not screen.hide and "substantive only" not in status(screen)

    run(scenario)


def test_search_stays_in_the_footer_after_the_legend(tmp_path):
    async def scenario():
        async with reviewing(tmp_path, size=(200, 40)) as (app, pilot, screen):
            def footer() -> list[str]:
                return [k.description for k in screen.query("FooterKey")]

            assert "Search" in footer()
            await pilot.press("L")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen and "Search" in footer()

    run(scenario)


def test_t_shows_a_traditional_report_in_simplified_characters(tmp_path):
    async def scenario():
        left = CORPUS / "suzhou-wuzhong-water-2024.txt"  # Traditional script
        right = CORPUS / "guangzhou-tianhe-water-2022.txt"
        async with reviewing(tmp_path, left, right) as (app, pilot, screen):
            assert screen.session.left.script == "traditional"
            conversion = screen.session.left.conversion
            to_simplified = lambda text: simplified_view(text, conversion)[0]  # noqa: E731
            row = next(r for rows in screen.rows.sections for r in rows
                       if r.left is not None and r.left.text != to_simplified(r.left.text))
            original = (await goto_sentence(pilot, screen, "left", row.left.text[:20])).text
            simplified = to_simplified(original)
            i = next(i for i, (a, b) in enumerate(zip(original, simplified)) if a != b)
            before, after = original[max(i - 3, 0):i + 3], simplified[max(i - 3, 0):i + 3]
            assert before in view_text(screen)
            await pilot.press("t")
            assert "simplified" in status(screen)
            assert after in view_text(screen) and before not in view_text(screen)
            assert "（前言）" in view_text(screen)  # punctuation keeps its full width
            await pilot.press("t")
            assert before in view_text(screen)

    run(scenario)



def test_t_shows_a_hong_kong_report_in_the_characters_matching_uses(tmp_path):
    """Case 09: 衞 and 著 of Hong Kong text show as 卫 and 着 in simplified mode (hk2s and the
    variant folding, as matching has them), and the zhù of 著名 stays 著."""
    cases = ROOT / "tests" / "data" / "cases"
    text = (cases / "09-hk-variants-a.txt").read_text(encoding="utf-8")
    left = tmp_path / "hk-2023.txt"
    left.write_text(text.replace("重要作用，", "重要作用，亦是著名的民生政策，"), encoding="utf-8")

    async def scenario():
        async with reviewing(tmp_path, left, cases / "09-hk-variants-b.txt") as (app, pilot, screen):
            doc = screen.session.left
            assert doc.conversion == "hk2s"
            shown = view_text(screen)
            assert "衞生署" in shown and "隨著人口" in shown  # the report's own characters
            await pilot.press("t")
            assert "simplified" in status(screen)
            shown = view_text(screen)  # both sides now read 卫生署 and 随着
            assert shown.count("卫生署") == 2 and shown.count("随着人口") == 2
            assert "衞" not in shown and "著" not in shown
            await pilot.press("tab")  # 二、房屋
            shown = view_text(screen)
            assert shown.count("发挥着") == 2 and "發揮著" not in shown
            assert "亦是著名的民生政策" in shown  # zhù: 著 in Simplified too
            headings = screen.section_list
            listed = "\n".join(headings.render_line(y).text for y in range(headings.size.height))
            assert "医疗卫生" in listed and "醫療衞生" not in listed

    run(scenario)


# -- annotations -----------------------------------------------------------------------------

async def goto_sentence(pilot, screen: ReviewScreen, side: str, contains: str):
    """The cursor on the first sentence of `side` containing `contains`, as a reviewer puts
    it there: search (/ and words of it), match to match (.), h or l, escape."""
    doc = screen.session.left if side == "left" else screen.session.right
    sentence = next(s for s in doc.sentences() if contains in s.text)
    # the longest run of letters and digits (Pilot types no CJK punctuation such as 《)
    query = max(re.split(r"\W+", contains), key=len)
    await pilot.press("slash", *query, "enter")
    await until(pilot, lambda: screen.search_query == query)
    for _ in range(len(screen.hit_positions)):
        row = screen.pair_view.current
        if row is not None and row.sentence(side) is sentence:
            break
        await pilot.press("full_stop")
    await pilot.press("h" if side == "left" else "l", "escape")
    await until(pilot, lambda: not screen.search_query)
    assert screen.pair_view.current_sentence() is sentence
    return sentence


async def goto_two_sided_change(pilot, screen: ReviewScreen):
    """`n` until the cursor is on a change with a sentence on each side (a reworded one);
    that row."""
    for _ in range(len(screen.rows.changes(False))):
        await pilot.press("n")
        row = screen.pair_view.current
        if row.left and row.right:
            return row
    raise AssertionError("no change with a sentence on each side")


async def goto_section(pilot, screen: ReviewScreen, steps: int) -> None:
    """`steps` section pairs on with tab, as a reviewer walks them."""
    target = (screen.section + steps) % len(screen.rows.diffs)
    await pilot.press(*["tab"] * steps)
    await until(pilot, lambda: screen.section == target)
    await words_shown(pilot)


async def goto_section_of(pilot, screen: ReviewScreen, side: str, section_id: str) -> None:
    """tab until the pair showing `section_id` on `side`."""
    for _ in range(len(screen.rows.diffs)):
        diff = screen.rows.diffs[screen.section]
        if (diff.left_id if side == "left" else diff.right_id) == section_id:
            return
        await goto_section(pilot, screen, 1)
    raise AssertionError(f"no section pair shows {side} {section_id}")


def gutter(screen: ReviewScreen, x: int) -> str:
    """The gutter cell at column `x` of the first line of the row under the cursor."""
    view = screen.pair_view
    return view.render_line(view.layout.starts[view.cursor] - view.scroll_offset.y).crop(x, x + 1).text


async def annotate(pilot, *keys: str) -> None:
    """Press a, then type into the dialog (label, enter, comment …) and save with ctrl+s."""
    await pilot.press("a")
    await pilot.pause()
    if keys:
        await pilot.press(*keys, "ctrl+s")
        await pilot.pause()
        await saves_done(pilot)


async def saves_done(pilot) -> None:
    """Wait for the annotation saves running in thread workers, then for their messages."""
    from compare.tui.screens.review.annotating import SAVE_GROUP

    await pilot.app.workers.wait_for_complete([w for w in pilot.app.workers if w.group == SAVE_GROUP])
    await pilot.pause()


def test_annotating_a_sentence_writes_the_yaml_at_once(tmp_path):
    async def scenario():
        path = tmp_path / "annotations" / "pair.yaml"
        async with reviewing(tmp_path) as (app, pilot, screen):
            sentence = await goto_sentence(pilot, screen, "right", "一网通办")
            await annotate(pilot, *"new policy", "enter", *"[check] the 2 days")
            data = saved(path)  # on disk before the app closes
            (note,) = data["annotations"]
            assert note["side"] == "right" and note["label"] == "new policy"
            assert note["comment"] == "[check] the 2 days" and note["reviewer"] == "tester"
            assert note["right"]["quote"]["exact"] == sentence.text
            assert note["right"]["position"] == {"start": sentence.start, "end": sentence.end}
            # a marker in the gutter, and the annotations panel lists it
            lines = view_text(screen).splitlines()
            line = next(line for line in lines if sentence.text[:8] in line)
            column = screen.pair_view.layout.column
            assert line[right_text_x(column) - 2] == "*"
            await pilot.press("A")
            panel = screen.panel
            assert panel.display and panel.option_count == 1
            assert "new policy" in str(panel.get_option_at_index(0).prompt)

    run(scenario)


def test_a_span_selected_with_the_mouse_is_what_gets_annotated(tmp_path):
    async def scenario():
        path = tmp_path / "annotations" / "pair.yaml"
        async with reviewing(tmp_path) as (app, pilot, screen):
            sentence = await goto_sentence(pilot, screen, "left", "排水管理办法")
            view = screen.pair_view
            # find the screen cells of the sentence's first line
            lines = view_text(screen).splitlines()
            y = next(i for i, line in enumerate(lines) if sentence.text[:6] in line)
            x0 = LEFT_TEXT_X  # where the left text starts
            await pilot.mouse_down(view, offset=(x0 + 4, y))  # 3rd character (2 cells each)
            await pilot.hover(view, offset=(x0 + 4 + 2 * 9, y))  # to the 12th character
            await pilot.mouse_up(view, offset=(x0 + 4 + 2 * 9, y))
            assert view.selection == ("left", sentence.start + 2, sentence.start + 12)
            assert "selected 10 chars" in status(screen)
            await annotate(pilot, *"figure changed")
            (note,) = saved(path)["annotations"]
            assert note["left"]["quote"]["exact"] == sentence.text[2:12]

    run(scenario)


def test_keyboard_selection_spans_sentences_and_narrows_in_the_dialog(tmp_path):
    async def scenario():
        path = tmp_path / "annotations" / "pair.yaml"
        async with reviewing(tmp_path) as (app, pilot, screen):
            first = await goto_sentence(pilot, screen, "left", "一是法治宣传")
            await pilot.press("J")  # extend the selection to the next sentence
            side, start, end = screen.pair_view.selection
            assert side == "left" and start == first.start and end > first.end
            await annotate(pilot)
            # narrow the quote: shift+left takes the last two characters off
            quote = app.screen.query_one("#quote")
            quote.focus()
            await pilot.press("shift+left", "shift+left")
            app.screen.query_one("#label").focus()
            await pilot.press(*"needs follow-up", "ctrl+s")
            await pilot.pause()
            (note,) = saved(path)["annotations"]
            text = screen.session.left.text
            assert note["left"]["quote"]["exact"] == text[start:end - 2]

    run(scenario)


def test_annotations_are_found_again_on_reopening_and_can_be_edited_and_deleted(tmp_path):
    path = tmp_path / "annotations" / "pair.yaml"

    async def first_session():
        async with reviewing(tmp_path) as (app, pilot, screen):
            await goto_sentence(pilot, screen, "right", "智慧水务执法平台于")
            await annotate(pilot, *"new policy", "enter", *"done early")

    async def second_session():
        async with reviewing(tmp_path) as (app, pilot, screen):
            assert len(screen.session.store.annotations) == 1
            await pilot.press("A")  # the panel, focused
            await pilot.press("enter")  # jump to the annotated sentence
            assert "智慧水务执法平台于" in screen.pair_view.current_sentence().text
            assert screen.pair_view.side == "right"
            await pilot.press("A", "A", "e")  # edit the comment
            await pilot.pause()
            comment = app.screen.query_one("#comment")
            comment.text = "done a month early"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert saved(path)["annotations"][0]["comment"] == "done a month early"
            await pilot.press("d")
            await pilot.pause()
            assert screen.session.store.annotations == []
            assert all(a.get("deleted") for a in saved(path)["annotations"])
            await pilot.press("u")  # bring it back
            await pilot.pause()
            assert len(screen.session.store.annotations) == 1
            assert not any(a.get("deleted") for a in saved(path)["annotations"])

    run(first_session)
    run(second_session)


def test_an_empty_annotation_is_refused_in_the_dialog_and_nothing_is_written(tmp_path):
    path = tmp_path / "annotations" / "pair.yaml"

    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            await goto_sentence(pilot, screen, "right", "一网通办")
            await annotate(pilot, *"kept", "enter", *"first")  # a file to compare against
            before = path.read_bytes()
            await goto_sentence(pilot, screen, "left", "排水管理办法")
            await annotate(pilot)
            dialog = app.screen
            notice = dialog.query_one("#notice")
            assert not notice.display
            for key in ("enter", "ctrl+s"):
                await pilot.press(key)
                await pilot.pause()
                assert app.screen is dialog  # still open, nothing saved
                assert notice.display and "empty annotation" in str(notice.render())
                assert app.focused is dialog.query_one("#label")
            assert path.read_bytes() == before
            await pilot.press("x")  # typing takes the notice away
            await pilot.pause()
            assert not notice.display
            await pilot.press("escape")  # escape still cancels
            await pilot.pause()
            assert app.screen is screen
            assert path.read_bytes() == before

    run(scenario)


def test_text_typed_after_tab_from_the_label_goes_to_the_comment(tmp_path):
    # the user test: a, L1, tab, x1, tab, x2 made the label "L1x1x2" (tab went to the label
    # list, whose keys went back to the label); now tab goes label → comment → both sides
    async def scenario():
        path = tmp_path / "annotations" / "pair.yaml"
        async with reviewing(tmp_path) as (app, pilot, screen):
            # a row with a sentence on each side: the dialog offers both sides
            await goto_two_sided_change(pilot, screen)
            await annotate(pilot)
            dialog = app.screen
            await pilot.press(*"L1", "tab", *"x1")
            assert app.focused is dialog.query_one("#comment")
            await pilot.press("tab")
            both = dialog.query_one("#both")
            assert app.focused is both and "off" in str(both.label)
            assert both.BUTTON_INNER == " "  # no X while it is off
            await pilot.press("space")  # ticks it: X, and it says ON
            assert both.value and both.BUTTON_INNER == "X" and "ON" in str(both.label)
            await pilot.press("shift+tab", "shift+tab")  # back to the label
            assert app.focused is dialog.query_one("#label")
            await pilot.press("ctrl+s")
            await pilot.pause()
            (note,) = saved(path)["annotations"]
            assert (note["label"], note["comment"], note["side"]) == ("L1", "x1", "both")

    run(scenario)


def test_text_typed_after_one_tab_too_many_is_not_lost(tmp_path):
    # the user test of session 24: a, ↓↓↓, enter (the label chosen, the comment focused), tab
    # (as the header said), then typing: the text went to a button and was lost
    async def scenario():
        path = tmp_path / "annotations" / "pair.yaml"
        async with reviewing(tmp_path) as (app, pilot, screen):
            await in_the_label_list(pilot, screen)
            await pilot.press("down", "down", "enter")
            dialog = app.screen
            chosen = dialog.query_one("#label").value
            assert chosen and app.focused is dialog.query_one("#comment")
            await pilot.press("tab")
            assert app.focused is not dialog.query_one("#comment")
            await pilot.press(*"late", "ctrl+s")
            await pilot.pause()
            (note,) = saved(path)["annotations"]
            assert (note["label"], note["comment"]) == (chosen, "late")

    run(scenario)


async def in_the_label_list(pilot, screen):
    """The dialog on a sentence, down-arrow pressed in the label box: the list of labels."""
    await goto_sentence(pilot, screen, "right", "一网通办")
    await annotate(pilot)
    choices = pilot.app.screen.query_one("#labels")
    assert not choices.border_title
    await pilot.press("down")
    assert pilot.app.focused is choices and "typing here: a new label" in choices.border_title
    return choices


def test_keys_typed_in_the_label_list_go_to_the_label_as_its_border_says(tmp_path):
    async def scenario():
        path = tmp_path / "annotations" / "pair.yaml"
        async with reviewing(tmp_path) as (app, pilot, screen):
            await in_the_label_list(pilot, screen)
            await pilot.press(*"my label", "ctrl+s")
            await pilot.pause()
            (note,) = saved(path)["annotations"]
            assert note["label"] == "my label" and note["comment"] == ""

    run(scenario)


def test_down_arrow_from_the_label_box_picks_a_label_from_the_list(tmp_path):
    async def scenario():
        path = tmp_path / "annotations" / "pair.yaml"
        async with reviewing(tmp_path) as (app, pilot, screen):
            choices = await in_the_label_list(pilot, screen)
            await pilot.press("down")  # the arrows move in the list now
            chosen = str(choices.get_option_at_index(choices.highlighted).prompt)
            await pilot.press("enter")  # choose it: the label box has it, the comment is next
            assert app.screen.query_one("#label").value == chosen
            assert app.focused is app.screen.query_one("#comment")
            await pilot.press("ctrl+s")
            await pilot.pause()
            (note,) = saved(path)["annotations"]
            assert note["label"] == chosen

    run(scenario)


def test_the_annotation_dialog_buttons_are_on_screen_at_80x24(tmp_path):
    async def scenario():
        async with reviewing(tmp_path, size=(80, 24)) as (app, pilot, screen):
            await goto_sentence(pilot, screen, "right", "一网通办")
            await annotate(pilot)
            dialog = app.screen
            whole = dialog.region
            for button in ("#save", "#cancel"):
                region = dialog.query_one(button).region
                assert region.height > 0 and whole.contains_region(region), (button, region)
            # a click on Save reaches it: refused while empty, saved once there is a label
            await pilot.press(*"small")
            await pilot.click("#save")
            await pilot.pause()
            assert app.screen is screen
            (note,) = saved(tmp_path / "annotations" / "pair.yaml")["annotations"]
            assert note["label"] == "small"

    run(scenario)


def test_a_broken_annotation_file_is_shown_and_never_overwritten(tmp_path):
    path = tmp_path / "annotations" / "pair.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("schema: 1\nannotations: [unclosed\n", encoding="utf-8")
    before = path.read_bytes()

    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            assert screen.session.store.read_only
            messages = [n.message for n in app._notifications]
            assert any("read-only" in m for m in messages)
            await goto_sentence(pilot, screen, "right", "一网通办")
            await annotate(pilot, "x")
            assert any("Not saved" in n.message for n in app._notifications)

    run(scenario)
    assert path.read_bytes() == before


# -- pins ------------------------------------------------------------------------------------

def test_pinning_realigns_saves_the_pin_and_reapplies_it_on_reopening(tmp_path):
    path = tmp_path / "annotations" / "pair.yaml"

    async def first_session():
        async with reviewing(tmp_path) as (app, pilot, screen):
            left_id = "2"  # 二、存在的问题
            await goto_section_of(pilot, screen, "left", left_id)
            await pilot.press("p")
            await pilot.pause()
            await pilot.press(*"下一步", "enter")  # pin it to 三、下一步工作计划 on the right
            for _ in range(400):
                await pilot.pause(0.05)
                if (left_id, "3") in {(d.left_id, d.right_id) for d in screen.rows.diffs}:
                    break
            pairs = {(d.left_id, d.right_id) for d in screen.rows.diffs}
            assert ("2", "3") in pairs
            assert screen.rows.diffs[screen.section].left_id == "2"  # stayed on the section
            assert "pinned" in status(screen)
            (pin,) = saved(path)["pins"]
            assert pin["left"]["id"] == "2" and pin["right"]["id"] == "3"

    async def second_session():
        async with reviewing(tmp_path) as (app, pilot, screen):
            assert ("2", "3") in {(d.left_id, d.right_id) for d in screen.rows.diffs}
            await goto_section_of(pilot, screen, "left", "2")
            await pilot.press("P")  # unpin
            for _ in range(400):
                await pilot.pause(0.05)
                if ("2", "2") in {(d.left_id, d.right_id) for d in screen.rows.diffs}:
                    break
            assert ("2", "2") in {(d.left_id, d.right_id) for d in screen.rows.diffs}
            assert not saved(path)["pins"] or all(p.get("deleted") for p in saved(path)["pins"])

    run(first_session)
    run(second_session)


def test_pairing_two_sentences_by_hand_saves_the_pin_and_unpairing_removes_it(tmp_path):
    path = tmp_path / "annotations" / "pair.yaml"

    def pinned_pair(screen: ReviewScreen) -> tuple[str, str] | None:
        for diff in screen.rows.diffs:
            for change in diff.changes:
                if change.pinned:
                    return change.left.id, change.right.id
        return None

    async def first_session():
        async with reviewing(tmp_path) as (app, pilot, screen):
            old = await goto_sentence(pilot, screen, "left", "修订《吴山区排水管理办法》")
            await pilot.press("m")
            new = await goto_sentence(pilot, screen, "right", "一网通办")
            await pilot.press("m")
            for _ in range(400):
                await pilot.pause(0.05)
                if pinned_pair(screen):
                    break
            assert pinned_pair(screen) == (old.id, new.id)
            await goto_sentence(pilot, screen, "right", "一网通办")
            assert gutter(screen, 1) == PINNED_MARK.gutter  # the row says it was paired by hand
            (pin,) = saved(path)["sentence_pins"]
            assert (pin["left"]["id"], pin["right"]["id"]) == (old.id, new.id)
            assert pin["left"]["text"] == old.text and pin["right"]["text"] == new.text
            assert saved(path)["pins"] == []  # section pins untouched

    async def second_session():
        async with reviewing(tmp_path) as (app, pilot, screen):
            assert pinned_pair(screen) is not None  # re-applied on reopening
            await goto_sentence(pilot, screen, "right", "一网通办")
            await pilot.press("M")
            for _ in range(400):
                await pilot.pause(0.05)
                if pinned_pair(screen) is None:
                    break
            assert pinned_pair(screen) is None
            assert all(p.get("deleted") for p in saved(path)["sentence_pins"])
            await goto_sentence(pilot, screen, "right", "一网通办")
            assert gutter(screen, 1) == " "

    run(first_session)
    run(second_session)


# -- why, help, legend -------------------------------------------------------------------------

def test_why_shows_the_boilerplate_evidence_of_the_sentence(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            sentence = await goto_sentence(pilot, screen, "right", "罚没款56.8万元")
            label = screen.labels["right"][sentence.start]
            await pilot.press("w")
            await pilot.pause()
            body = app.screen.query_one("Static").render()
            text = str(getattr(body, "plain", body))
            for line in label.explain():
                assert line in text
            assert "56.8万元" in text
            await pilot.press("escape")
            assert app.screen is screen

    run(scenario)


def test_why_says_carried_over_or_new_against_the_earlier_report(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            labels = screen.labels["right"].values()
            assert all(lab.since_last_year is None for lab in screen.labels["left"].values())
            assert {lab.since_last_year for lab in labels} <= {"carried-over", "new", "changed"}
            kept = next(lab for lab in labels if lab.carried_over)
            right = screen.session.right
            sentence = next(s for s in right.sentences() if s.start == kept.start)
            await goto_sentence(pilot, screen, "right", sentence.text)
            # carried over: marked in the gutter, apart from boilerplate's dimming
            since_x = right_text_x(screen.pair_view.layout.column) - 3
            assert gutter(screen, since_x) == SINCE_MARK["carried-over"].gutter
            await pilot.press("w")
            await pilot.pause()
            body = app.screen.query_one("Static").render()
            assert "carried over: the same sentence is in last year's report" in str(getattr(body, "plain", body))

    run(scenario)


def test_help_lists_every_key_and_the_legend(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            rows = screen.key_rows()
            described = {description for _, description, _ in rows}
            for needed in ("Next change", "Prev change", "Section", "Prev section", "Hide",
                           "Search", "Script", "Annotate", "Notes", "Why?", "Pin", "Unpin",
                           "Help", "Quit", "Move", "Up", "Top", "Bottom", "Legend"):
                assert needed in described
            bindings = [b for b in ReviewScreen.BINDINGS if b.description]
            assert all(b.id and b.tooltip for b in bindings)
            await pilot.press("question_mark")
            await pilot.pause()
            assert app.screen.id == "help"
            await pilot.press("escape", "L")
            await pilot.pause()
            assert app.screen.id == "legend"

    run(scenario)


def test_report_text_with_brackets_is_never_markup(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            await goto_sentence(pilot, screen, "left", "[A类]")
            assert "检查对象[A类]单位58家" in view_text(screen)

    run(scenario)


# -- the picker and the command ----------------------------------------------------------------

def test_picker_chooses_two_corpus_reports_and_opens_the_review(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # started in a folder without reports: the bundled corpus

    async def scenario():
        app = ReviewApp(annotations=str(tmp_path / "a.yaml"), reviewer="tester")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("slash", *"国务院")
            table = app.screen.query_one("#reports")
            assert table.row_count == len([p for p in CORPUS.glob("state-council-*.txt")])
            await pilot.press(*" 1955", "enter")  # one enter takes the one that matches
            # its previous year is offered first: take it
            await pilot.press("enter")
            screen = await loaded(pilot)
            assert Path(screen.session.left.path).name == "state-council-1954.txt"
            assert Path(screen.session.right.path).name == "state-council-1955.txt"

    run(scenario)


def test_review_command_errors_are_one_line_and_exit_2(tmp_path):
    cmd = [sys.executable, "-m", "compare", "review"]
    missing = subprocess.run(cmd + ["nope.txt", str(RIGHT)], capture_output=True, text=True)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "compare-reports: nope.txt: no such file"
    one = subprocess.run(cmd + [str(LEFT)], capture_output=True, text=True)
    assert one.returncode == 2 and len(one.stderr.strip().splitlines()) == 1
    assert "give two report files" in one.stderr


def test_a_report_that_does_not_parse_ends_the_app_with_its_error(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")

    async def scenario():
        app = make_app(tmp_path, bad, RIGHT)
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(200):
                await pilot.pause(0.05)
                if app.error is not None:
                    break
        assert app.error is not None and Path(app.error.path).name == "empty.txt"
        assert app.return_code == 2

    run(scenario)


def test_colours_come_from_the_theme(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            await goto_sentence(pilot, screen, "right", "一网通办")  # an added sentence
            view = screen.pair_view

            def added_background():
                strips = [view.render_line(y) for y in range(view.size.height)]
                colours = {seg.style.bgcolor for strip in strips for seg in strip
                           if seg.text.strip() and "一网通办" in seg.text}
                return colours

            before = added_background()
            assert view.span_style("added").bgcolor in before
            app.theme = "textual-light"
            await pilot.pause()
            after = added_background()
            assert after and after != before
            assert view.span_style("added").bgcolor in after

    run(scenario)


def test_labels_come_from_the_teams_labels_file_and_those_in_use(tmp_path):
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "labels.yaml").write_text("labels: [承诺兑现, 口径变化]\n", encoding="utf-8")

    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            await goto_sentence(pilot, screen, "right", "一网通办")
            await annotate(pilot)
            offered = [str(o.prompt) for o in app.screen.query_one("#labels").options]
            assert offered[:2] == ["substantive change", "boilerplate"]
            assert "承诺兑现" in offered and "口径变化" in offered
            await pilot.press(*"my own label", "ctrl+s")
            await pilot.pause()
            await annotate(pilot)
            offered = [str(o.prompt) for o in app.screen.query_one("#labels").options]
            assert "my own label" in offered

    run(scenario)


def test_an_annotation_whose_text_is_gone_is_listed_as_orphaned(tmp_path):
    left, right = tmp_path / "left-2023.txt", tmp_path / "right-2024.txt"
    left.write_bytes(LEFT.read_bytes())
    right.write_bytes(RIGHT.read_bytes())

    async def first_session():
        async with reviewing(tmp_path, left, right) as (app, pilot, screen):
            await goto_sentence(pilot, screen, "right", "一网通办")
            await annotate(pilot, *"new policy")

    async def reopen():
        async with reviewing(tmp_path, left, right) as (app, pilot, screen):
            (note,) = screen.session.store.annotations
            assert note.orphaned
            await pilot.press("A")
            assert "orphaned" in str(screen.panel.get_option_at_index(0).prompt)
            await pilot.press("enter")  # nowhere to go: says so
            assert any("orphaned" in n.message for n in app._notifications)

    run(first_session)
    text = right.read_text(encoding="utf-8").splitlines()
    right.write_text("\n".join(line for line in text if "一网通办" not in line), encoding="utf-8")
    run(reopen)



# -- annotations that cannot be saved where they belong -----------------------------------------


def test_a_typed_annotation_survives_a_read_only_folder_to_a_save_elsewhere(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    elsewhere = tmp_path / "elsewhere" / "mine.yaml"

    async def scenario():
        async with reviewing(tmp_path, annotations=folder / "pair.yaml") as (app, pilot, screen):
            store = screen.session.store
            assert store.write_problem()  # known before the first annotation
            await goto_sentence(pilot, screen, "right", "一网通办")
            await annotate(pilot, *"new policy", "enter", *"kept even so")
            assert not (folder / "pair.yaml").exists()
            assert store.unsaved and [a.comment for a in store.annotations] == ["kept even so"]
            await pilot.press("q")  # asks first: the app is still running
            await pilot.pause()
            assert app.is_running and store.unsaved
            await pilot.press("E")
            await pilot.pause()
            box = app.screen.query_one("#save-as-path")
            box.value = str(elsewhere)
            await pilot.press("enter")
            await pilot.pause()
            assert not store.unsaved and store.path == elsewhere
        (note,) = saved(elsewhere)["annotations"]
        assert note["comment"] == "kept even so" and note["label"] == "new policy"

    try:
        run(scenario)
    finally:
        folder.chmod(0o755)


@contextmanager
def no_room_left(folder: Path):
    """Writing in `folder` fails as on a full disk: a real 64 KB tmpfs mounted there and filled
    (ENOSPC); where mounting is not allowed, a real file size limit of this process (EFBIG)
    while the block runs. Yields the words of the error the save reports."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                                 capture_output=True).returncode == 0
    except OSError:  # no mount command
        mounted = False
    if mounted:
        try:
            fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
            try:
                while os.write(fd, b"x" * 4096):
                    pass
            except OSError as err:
                assert err.errno == errno.ENOSPC
            finally:
                os.close(fd)
            yield "No space left on device"
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=True)
        return
    import resource
    import signal

    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_signal = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (512, old_limit[1]))  # bytes: less than the file
    try:
        yield "File too large"
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_signal)


async def kept_unsaved(app, pilot, screen, words: str) -> None:
    """Annotate with the file unwritable (`words` in the error): the app says so at once, lists
    the annotation as unsaved and asks before quitting."""
    store = screen.session.store
    await goto_sentence(pilot, screen, "right", "一网通办")
    await annotate(pilot, *"new policy", "enter", *"kept even so")
    note = next(a for a in store.annotations if a.comment == "kept even so")
    assert store.status(note.id) == "unsaved" and store.unsaved
    said = [n.message for n in app._notifications if n.message.startswith("Not saved")]
    assert said and words in said[-1] and "E saves it elsewhere" in said[-1], said
    await pilot.press("A")  # the list marks it
    await pilot.pause()
    prompts = [str(screen.panel.get_option_at_index(i).prompt) for i in range(screen.panel.option_count)]
    assert any("kept even so" in p and "unsaved" in p for p in prompts), prompts
    await pilot.press("A", "q")  # asks first: the app is still running
    await pilot.pause()
    assert app.is_running and any("q again quits" in n.message for n in app._notifications)


async def saved_elsewhere(app, pilot, screen, elsewhere: Path) -> None:
    """E writes what the session holds to `elsewhere`, and the app saves there from then on."""
    store = screen.session.store
    await pilot.press("E")
    await pilot.pause()
    app.screen.query_one("#save-as-path").value = str(elsewhere)
    await pilot.press("enter")
    await saves_done(pilot)
    assert not store.unsaved and store.path == elsewhere
    assert "kept even so" in [n["comment"] for n in saved(elsewhere)["annotations"]]


def test_a_full_disk_keeps_the_annotation_unsaved_until_saved_elsewhere(tmp_path):
    folder = tmp_path / "small-disk"

    async def scenario():
        async with reviewing(tmp_path, annotations=folder / "pair.yaml") as (app, pilot, screen):
            with no_room_left(folder) as words:
                assert screen.session.store.write_problem() is None  # writable, but no room
                await kept_unsaved(app, pilot, screen, words)
            await saved_elsewhere(app, pilot, screen, tmp_path / "elsewhere.yaml")

    run(scenario)


def test_a_lock_held_by_another_process_keeps_the_annotation_unsaved(tmp_path):
    from compare.files.atomic import locked

    path = tmp_path / "annotations" / "pair.yaml"

    async def scenario():
        async with reviewing(tmp_path, annotations=path) as (app, pilot, screen):
            screen.session.store.lock_wait = 0.3  # seconds, instead of 10
            path.parent.mkdir(parents=True, exist_ok=True)
            with locked(path):  # another writer holds the file's lock
                await kept_unsaved(app, pilot, screen, "another process")
            await saved_elsewhere(app, pilot, screen, tmp_path / "elsewhere.yaml")

    run(scenario)
    assert not path.exists()


def test_a_file_broken_by_hand_while_the_app_is_open_is_left_alone(tmp_path):
    path = tmp_path / "annotations" / "pair.yaml"

    async def scenario():
        async with reviewing(tmp_path, annotations=path) as (app, pilot, screen):
            await goto_sentence(pilot, screen, "right", "一网通办")
            await annotate(pilot, *"first", "enter", *"saved before")
            assert "saved before" in path.read_text(encoding="utf-8")
            path.write_text(path.read_text(encoding="utf-8") + "annotations: [\n", encoding="utf-8")
            broken = path.read_bytes()
            await kept_unsaved(app, pilot, screen, "not valid YAML")
            await saved_elsewhere(app, pilot, screen, tmp_path / "elsewhere.yaml")
            assert path.read_bytes() == broken  # the hand edit is not overwritten
        comments = sorted(n["comment"] for n in saved(tmp_path / "elsewhere.yaml")["annotations"])
        assert comments == ["kept even so", "saved before"]

    run(scenario)


def test_a_symlinked_annotation_file_is_written_through_the_link(tmp_path):
    real = tmp_path / "shared" / "pair.yaml"
    real.parent.mkdir()
    from compare.annotations import AnnotationStore
    from compare.parsing.pipeline import parse_file

    left, right = parse_file(LEFT), parse_file(RIGHT)
    first = next(iter(left.sentences()))
    AnnotationStore.open(real, left, right).add("left", first.start, first.end, comment="before")
    link = tmp_path / "annotations" / "pair.yaml"
    link.parent.mkdir()
    link.symlink_to(real)

    async def scenario():
        async with reviewing(tmp_path, annotations=link) as (app, pilot, screen):
            await goto_sentence(pilot, screen, "right", "一网通办")
            await annotate(pilot, *"x", "enter", *"through the link")

    run(scenario)
    assert link.is_symlink()
    assert sorted(a["comment"] for a in saved(real)["annotations"]) == ["before", "through the link"]


def test_a_file_without_write_permission_is_not_replaced(tmp_path):
    from compare.annotations import AnnotationStore
    from compare.errors import ReportError
    from compare.parsing.pipeline import parse_file

    left, right = parse_file(LEFT), parse_file(RIGHT)
    path = tmp_path / "pair.yaml"
    store = AnnotationStore.open(path, left, right)
    sentence = next(iter(right.sentences()))
    store.add("right", sentence.start, sentence.end, comment="first")
    before = path.read_bytes()
    path.chmod(0o444)
    with pytest.raises(ReportError, match="read-only"):
        store.add("right", sentence.start, sentence.end, comment="second")
    assert path.read_bytes() == before and store.unsaved
    assert [a.comment for a in store.annotations] == ["first", "second"]  # kept in the session


def test_the_later_report_on_the_left_is_said_in_the_app_as_diff_says_it(tmp_path):
    # the 2024 report opened on the left: the app says what `diff` prints (the view model's
    # order_note) in a notification, and keeps a mark in the title while the pair is open
    told: list[str] = []

    class Watched(ReviewApp):
        def notify(self, message, *args, **kwargs) -> None:  # every notification, however long it shows
            told.append(str(message))
            super().notify(message, *args, **kwargs)

    note = ("the left report (2024) is later than the right (2023); "
            "left → right is read as last year → this year")

    async def scenario():
        for left, right in ((RIGHT, LEFT), (LEFT, RIGHT)):
            told.clear()
            app = Watched(str(left), str(right), annotations=str(tmp_path / f"{left.stem}.yaml"), reviewer="tester")
            async with app.run_test(size=SIZE) as pilot:
                screen = await loaded(pilot)
                title = str(screen.query_one("#title").render())
                if left == RIGHT:
                    assert f"Note: {note}." in told
                    assert title.startswith("! later report on the left")  # never cut at 80 columns
                else:
                    assert not any("later than the right" in t for t in told)
                    assert "later report on the left" not in title

    run(scenario)
