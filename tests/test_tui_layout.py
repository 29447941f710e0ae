"""The review app at 80, 100 and 200 columns, and the keys that failed a new user: escape
closes any panel, `w` right after `tab`, an annotation on both sides."""

from __future__ import annotations

from tests.test_tui import annotate, goto_two_sided_change, reviewing, run, saved


def footer_text(app) -> str:
    footer = app.screen.query_one("Footer")
    keys = footer.query("FooterKey")
    return " ".join(f"{k.key_display} {k.description}" for k in keys)


def test_escape_closes_the_annotations_panel(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            await pilot.press("A")
            assert screen.panel.display
            await pilot.press("escape")
            assert not screen.panel.display and screen.pair_view.has_focus

    run(scenario)


def test_w_works_on_the_first_row_after_tab(tmp_path):
    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            await pilot.press("tab")
            while len(screen.rows.sections[screen.section]) < 2:  # a heading with sentences
                await pilot.press("tab")
            assert screen.pair_view.current_sentence() is None  # the heading row
            await pilot.press("w")
            await pilot.pause()
            assert app.screen.id == "why", [n.message for n in app._notifications]
            first = next(r.left or r.right for r in screen.rows.sections[screen.section][1:])
            body = str(app.screen.query_one("Static").render())
            assert first.text[:10] in body

    run(scenario)


def test_an_annotation_can_cover_both_sides(tmp_path):
    path = tmp_path / "annotations" / "pair.yaml"

    async def scenario():
        async with reviewing(tmp_path) as (app, pilot, screen):
            # a reworded sentence: one row, a sentence on each side (n to the first such change)
            row = await goto_two_sided_change(pilot, screen)
            await pilot.press("h")
            await annotate(pilot, *"copied", "enter", *"both years", "ctrl+b")
            (note,) = saved(path)["annotations"]
            assert note["side"] == "both"
            assert note["left"]["quote"]["exact"] == row.left.text
            assert note["right"]["quote"]["exact"] == row.right.text
            assert note["comment"] == "both years"
            marks = screen.pair_view  # both sides are marked annotated
            assert screen.session.store.on("left") and screen.session.store.on("right")
            assert marks is not None

    run(scenario)


def test_help_stays_in_the_footer_at_80_columns(tmp_path):
    async def scenario():
        async with reviewing(tmp_path, size=(80, 30)) as (app, pilot, screen):
            text = footer_text(app)
            assert "? Help" in text[:70]  # on screen whatever else the footer has to scroll
            assert "Back" not in text  # opened on its own: escape has nowhere to go back to

    run(scenario)


def footer_keys(app) -> list[str]:
    return [f"{k.key_display} {k.description}" for k in app.screen.query_one("Footer").query("FooterKey")]


def test_the_footer_fits_80_columns_with_short_labels_and_keeps_help_and_quit(tmp_path):
    # at 80 columns the footer ended in `w W`: Why? cut, p Pin and q Quit off screen
    from compare.tui.widgets.footer import row_width
    from tests.test_tui import until

    async def scenario():
        async with reviewing(tmp_path, size=(200, 30)) as (app, pilot, screen):
            wide = footer_keys(app)
            assert wide[:3] == ["j/k Move", "tab Section", "? Help"]
            assert {"n Next change", "/ Search", "a Annotate", "w Why?", "p Pin", "q Quit"} <= set(wide)
            await pilot.resize_terminal(80, 30)
            await until(pilot, lambda: "n Next" in footer_keys(app))
            narrow = footer_keys(app)
            assert narrow == ["tab Section", "? Help", "n Next", "i Hide", "/ Find", "a Note",
                              "A Notes", "w Why", "p Pin", "q Quit"]  # j/k Move leaves first
            assert row_width(app.screen.query_one("Footer").query("FooterKey")) <= 80
            # a search adds two keys: the row drops keys from its right end, never ? or q
            await pilot.press("slash", *"执法平台", "enter")
            await until(pilot, lambda: ". Hit+" in footer_keys(app))
            searched = footer_keys(app)
            assert {"? Help", ". Hit+", ", Hit-", "q Quit"} <= set(searched)
            assert row_width(app.screen.query_one("Footer").query("FooterKey")) <= 80
            # every key the row leaves out is one ? away: the help lists them all
            listed = {description for _, description, _ in screen.key_rows()}
            assert {"Move", "Why?", "Pin", "Next match", "Quit"} <= listed
            await pilot.press("question_mark")
            await until(pilot, lambda: app.screen.id == "help")
            assert app.screen.id == "help"

    run(scenario)


def test_the_section_list_shows_headings_from_their_start_at_every_width(tmp_path):
    # at 80 columns the list cut headings in their middle (（一）深化..化建设, user test s22):
    # now each heading reads from its start on up to two lines, a longer one ends in "..",
    # and the highlighted pair's headings are whole in the list's tooltip
    from tests.conftest import CORPUS

    left, right = CORPUS / "state-council-2016.txt", CORPUS / "state-council-2017.txt"

    async def scenario():
        async with reviewing(tmp_path, left, right, size=(80, 40)) as (app, pilot, screen):
            titles = [(d.left_id, d.right_id) for d in screen.rows.diffs]
            docs = (screen.session.left, screen.session.right)
            names = [{s.id: s.title for s in doc.walk()} for doc in docs]
            for width in (80, 100, 200):
                await pilot.resize_terminal(width, 40)
                await pilot.pause(0.3)
                for i, ids in enumerate(titles[:8]):
                    prompt = str(screen.section_list.get_option_at_index(i).prompt)
                    lines = prompt.split("\n")
                    for side, (mark, section_id) in enumerate(zip("LR", ids)):
                        if section_id is None:
                            continue
                        title = names[side][section_id]
                        start = next(k for k, line in enumerate(lines) if line.startswith(mark + " "))
                        first = lines[start][2:]
                        more = [line[2:] for line in lines[start + 1:] if line.startswith("  ")][:1]
                        assert title.startswith(first), (width, title, first)  # from its start
                        if not more or not more[0].endswith(".."):
                            assert first + "".join(more) == title, (width, title, first, more)
                        elif more[0].startswith(".."):  # where it differs from its partner
                            assert more[0][2:-2] in title, (width, title, more)
                        else:
                            assert title.startswith(first + more[0][:-2]), (width, title, more)
            screen.section_list.highlighted = 3
            await pilot.pause()
            tip = str(screen.section_list.tooltip)
            left_id, right_id = titles[3]
            assert names[0].get(left_id, "-") in tip and names[1].get(right_id, "-") in tip

    run(scenario)
