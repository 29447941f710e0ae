"""`compare-reports serve` in a real browser: Debian's chromium, headless, driven by
playwright (its Python wheel ships the driver; no browser is downloaded).

The page draws the terminal on a canvas, so what the app shows is read from the web socket
the page receives (the terminal's bytes, escape sequences removed); keys go in as a person's
would, through the page.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from compare.commands.serve import is_local
from tests.conftest import CORPUS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LEFT = CORPUS / "state-council-2016.txt"
RIGHT = CORPUS / "state-council-2017.txt"
ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Z0-9]|[=>78])")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve ended: {proc.stderr.read() if proc.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("serve did not start listening")


class Screen:
    """What the page's terminal received, as text."""

    def __init__(self) -> None:
        self.data = bytearray()

    def received(self, payload: bytes | str) -> None:
        self.data += payload if isinstance(payload, bytes) else payload.encode("utf-8")

    @property
    def text(self) -> str:
        return ESCAPES.sub("", self.data.decode("utf-8", errors="replace"))

    def wait_for(self, page, *needles: str, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if all(n in self.text for n in needles):
                return
            page.wait_for_timeout(200)
        missing = [n for n in needles if n not in self.text]
        raise AssertionError(f"never shown in the page: {missing}; last: {self.text[-600:]!r}")


def test_hosts_that_only_this_machine_reaches():
    assert is_local("127.0.0.1") and is_local("localhost") and is_local("::1")
    assert not is_local("0.0.0.0") and not is_local("192.168.1.5") and not is_local("::")


def test_binding_another_address_prints_a_warning(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "compare", "serve", str(LEFT), str(RIGHT), "--host", "0.0.0.0",
         "--port", str(free_port())],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stderr.readline()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert line.startswith("compare-reports: warning: serving on 0.0.0.0:")
    assert "anyone who can reach this address can read the reports" in line


def test_serve_errors_are_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "compare", "serve", "nope.txt", str(RIGHT)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "compare-reports: nope.txt: no such file"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (.ci/run installs it)")
def test_a_reviewer_annotates_in_the_browser_and_it_is_saved_on_the_server(tmp_path):
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = {**os.environ, "COMPARE_REPORTS_REVIEWER": "server-login"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "compare", "serve", str(LEFT), str(RIGHT), "--port", str(port)],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    )
    screen = Screen()
    try:
        wait_for_port(port, proc)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1600, "height": 900})
            page.on("websocket", lambda ws: ws.on("framereceived", screen.received))
            page.goto(f"http://127.0.0.1:{port}/")
            page.locator("#terminal").click()
            screen.wait_for(page, "Your name")
            page.keyboard.type("Wang Fang")
            page.keyboard.press("Enter")
            screen.wait_for(page, "国务院 2016 政府工作报告", "国务院 2017 政府工作报告")
            screen.wait_for(page, "changes")  # the comparison is in
            page.keyboard.press("n")
            screen.wait_for(page, "change 1/")
            page.keyboard.press("a")
            screen.wait_for(page, "Annotate the")
            page.keyboard.type("from the page")
            screen.wait_for(page, "from the page")
            page.keyboard.press("Enter")
            page.wait_for_timeout(1000)  # the focus moves on to the comment
            page.keyboard.type("seen in chromium")
            screen.wait_for(page, "seen in chromium")
            page.keyboard.press("Control+s")
            saved: list[Path] = []
            for _ in range(150):
                saved = list((tmp_path / "annotations").glob("*.yaml")) if (
                    tmp_path / "annotations").is_dir() else []
                if saved:
                    break
                page.wait_for_timeout(200)
            page.screenshot(path=str(tmp_path / "page.png"))
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert [p.name for p in saved] == ["state-council-2016__state-council-2017.yaml"]
    data = yaml.safe_load(saved[0].read_text("utf-8"))
    (note,) = data["annotations"]
    assert note["reviewer"] == "Wang Fang"  # the name given in the page, not the server's login
    assert note["label"] == "from the page" and note["comment"] == "seen in chromium"
    assert data["left"]["path"] == "../" + os.path.relpath(LEFT, tmp_path)
