"""`serve` confines each page to a root folder: the open screen's shortcuts, tree, parent key
and typed paths stay inside it (symlinks resolved), and `--annotations` outside is refused."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from compare.tui.app import ReviewApp
from compare.tui.screens.picker import PickerScreen
from tests.conftest import CORPUS
from tests.test_tui import SIZE, run
from tests.test_tui_open import described, rows, tree_read


def served_folder(tmp_path: Path) -> tuple[Path, Path]:
    """(root, secret): the served folder with a subfolder, links pointing out of it, and a
    folder beside it holding a report nobody should read through the page."""
    root = tmp_path / "served"
    (root / "older").mkdir(parents=True)
    shutil.copy(CORPUS / "state-council-2016.txt", root / "a.txt")
    shutil.copy(CORPUS / "state-council-2017.txt", root / "b.txt")
    shutil.copy(CORPUS / "state-council-1954.txt", root / "older" / "x.txt")
    secret = tmp_path / "secret"
    secret.mkdir()
    shutil.copy(CORPUS / "beijing-2026.txt", secret / "private.txt")
    os.symlink(secret, root / "way-out")  # a folder link pointing outside
    os.symlink(secret / "private.txt", root / "leak.txt")  # a report link pointing outside
    return root, secret


def messages(app: ReviewApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def test_the_open_screen_under_serve_lists_nothing_outside_its_root(tmp_path):
    root, secret = served_folder(tmp_path)

    async def scenario():
        app = ReviewApp(root=str(root))
        async with app.run_test(size=SIZE) as pilot:
            screen = await described(pilot)
            assert screen.folder.resolve() == root.resolve()
            assert sorted(r[3] for r in rows(screen)) == ["a.txt", "b.txt"]  # not leak.txt
            shortcuts = screen.query_one("#shortcuts")
            places = [shortcuts.get_option_at_index(i).id for i in range(shortcuts.option_count)]
            assert places and all(Path(p).resolve().is_relative_to(root.resolve()) for p in places)
            tree = screen.query_one("#tree")
            assert Path(tree.path).resolve() == root.resolve()
            await tree_read(pilot, screen)
            shown = [Path(n.data.path).name for n in tree.root.children]
            assert shown == ["older"]  # the link to the secret folder is not followed out
            await pilot.press("f", "backspace")  # the parent of the root: not climbed to
            await pilot.pause()
            assert Path(tree.path).resolve() == root.resolve()
            assert "This is the top of the folders served here." in messages(app)

    run(scenario)


def test_a_path_typed_outside_the_root_is_refused_with_a_message(tmp_path):
    root, secret = served_folder(tmp_path)

    async def scenario():
        app = ReviewApp(root=str(root))
        async with app.run_test(size=SIZE) as pilot:
            screen = await described(pilot)
            for typed in (str(secret), "../secret", "./older/../../secret", "./way-out"):
                await pilot.press("slash", *typed, "enter")
                await pilot.pause()
                assert screen.folder.resolve() == root.resolve(), typed
                assert any("outside the folder served here" in m for m in messages(app)), typed
                assert "private.txt" not in [r[3] for r in rows(screen)]
                app.clear_notifications()
                await pilot.press("escape")  # clears the box, back on the list
            await pilot.press("slash", *"./older", "enter")  # inside: listed
            await pilot.pause()
            assert screen.folder == (root / "older").resolve()

    run(scenario)


def test_review_without_a_root_still_opens_any_folder(tmp_path):
    root, secret = served_folder(tmp_path)

    async def scenario():
        app = ReviewApp(corpus=str(root))
        async with app.run_test(size=SIZE) as pilot:
            screen = await described(pilot)
            await pilot.press("slash", *str(secret), "enter")
            await pilot.pause()
            assert screen.folder == secret.resolve()
            assert isinstance(app.screen, PickerScreen)

    run(scenario)


def test_serve_refuses_annotations_outside_its_root(tmp_path):
    root, secret = served_folder(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "compare", "serve", str(root / "a.txt"), str(root / "b.txt"),
         "--annotations", str(secret / "notes.yaml"), "--port", "1"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"compare-reports: {secret / 'notes.yaml'}: is outside the served folder "
        f"{root.resolve()} (see --root)")
    assert not (secret / "notes.yaml").exists()
