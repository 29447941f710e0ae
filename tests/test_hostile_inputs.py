"""Every command × every damaged or hostile input: one line naming the file, exit 2, no traceback,
quickly. The inputs are made here (tests/support/hostile.py) and in tests/data/cases/."""

from __future__ import annotations

import contextlib
import io
import shutil
import signal
import time
from pathlib import Path

import pytest

from compare.cli import main
from compare.errors import ReportError
from compare.files.reading import read_limited
from compare.parsing.loading import load_bytes

from .conftest import CORPUS, ROOT
from .support import hostile

CASES = ROOT / "tests" / "data" / "cases"
GOOD = CORPUS / "jurong-huangmei-2021.txt"
SECONDS = 5.0  # per run; the refusals themselves take milliseconds


class _Hang(Exception):
    pass


def run_cli(*argv: str, limit: float = SECONDS) -> tuple[int, str, str, float]:
    """`compare-reports ARGV` in this process: (exit code, stdout, stderr, seconds).

    Any exception escaping `main` fails the test (it would be a traceback for the user); a run
    longer than `limit` seconds is interrupted (it would be a hang)."""

    def alarm(signum, frame):  # noqa: ARG001
        raise _Hang(f"{' '.join(argv)} ran over {limit} s")

    out, err = io.StringIO(), io.StringIO()
    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.monotonic()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    return code, out.getvalue(), err.getvalue(), time.monotonic() - start


def assert_one_line_error(code: int, out: str, err: str, names: str) -> None:
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("compare-reports: ") and names in lines[0], err
    assert "Traceback" not in err and "\x1b" not in err


# -- the bounded reader ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(hostile.DAMAGED_DOCX))
def test_damaged_docx_is_one_error(kind: str) -> None:
    with pytest.raises(ReportError) as err:
        load_bytes(hostile.DAMAGED_DOCX[kind](), "report.docx")
    assert err.value.message.startswith("damaged .docx")
    assert "\n" not in str(err.value)


def test_special_files_are_refused_before_reading(tmp_path: Path) -> None:
    start = time.monotonic()
    for path, words in [
        (hostile.fifo(tmp_path / "pipe.txt"), "named pipe (FIFO)"),
        (Path("/dev/zero"), "character device"),
        (tmp_path, "directory"),
        (hostile.oversize(tmp_path / "huge.txt"), "over the 256 MB limit"),
    ]:
        with pytest.raises(ReportError) as err:
            read_limited(path, "report file")
        assert words in err.value.message
    assert time.monotonic() - start < 1.0


def test_limit_is_kept_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPARE_REPORTS_MAX_MB", "0.5")
    small = tmp_path / "small.txt"
    small.write_bytes(b"a" * 1000)
    assert read_limited(small) == b"a" * 1000
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (600 * 1024))
    with pytest.raises(ReportError, match="over the 512 KB limit|over the 524,288 bytes limit"):
        read_limited(big)


def test_shared_damaged_docx_case() -> None:
    code, out, err, _ = run_cli("parse", str(CASES / "rel-01-docx-corrupt-deflate.docx"))
    assert_one_line_error(code, out, err, "rel-01-docx-corrupt-deflate.docx: damaged .docx")


# -- the matrix: every command × every damaged report ------------------------------------------


def _report_inputs(tmp_path: Path) -> dict[str, Path]:
    inputs: dict[str, Path] = {}
    for kind, make in hostile.DAMAGED_DOCX.items():
        path = tmp_path / kind.replace(" ", "-") / "report.docx"
        path.parent.mkdir()
        path.write_bytes(make())
        inputs[kind] = path
    (tmp_path / "fifo").mkdir()
    inputs["FIFO"] = hostile.fifo(tmp_path / "fifo" / "report.txt")
    (tmp_path / "oversize").mkdir()
    inputs["oversize"] = hostile.oversize(tmp_path / "oversize" / "report.txt")
    return inputs


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Caches (model, words, batch parse cache) in the test's folder, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


REPORT_COMMANDS = {
    "parse": lambda bad: ["parse", str(bad)],
    "parse --json": lambda bad: ["parse", "--json", str(bad)],
    "align": lambda bad: ["align", str(bad), str(GOOD)],
    "diff": lambda bad: ["diff", str(GOOD), str(bad)],
    "classify": lambda bad: ["classify", str(bad)],
    "model build": lambda bad: ["model", "build", str(bad.parent), "--out", str(bad.parent.parent / "m.json.gz")],
    "batch": lambda bad: ["batch", str(bad.parent), "--jobs", "1", "--quiet", "--out", str(bad.parent.parent / "batch-out")],
}


def test_every_command_refuses_every_damaged_report(tmp_path: Path) -> None:
    failures = []
    for kind, bad in _report_inputs(tmp_path).items():
        for name, argv in REPORT_COMMANDS.items():
            code, out, err, seconds = run_cli(*argv(bad))
            try:
                assert_one_line_error(code, out, err, str(bad.parent))
                assert seconds < SECONDS
            except AssertionError as fault:
                failures.append(f"{name} × {kind}: {fault}")
    assert not failures, "\n".join(failures)
