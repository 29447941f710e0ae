"""Every command × every damaged or hostile input: one line naming the file, exit 2, no traceback,
quickly. The inputs are made here (tests/support/hostile.py) and in tests/data/cases/."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import signal
import time
from pathlib import Path

import pytest

from compare.cli import main
from compare.errors import ReportError
from compare.files.reading import read_limited
from compare.parsing.loading import load_bytes

from .boilerplate_support import cache_home, default_model  # noqa: F401
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
def _own_cache(default_model) -> None:  # noqa: F811
    """Caches (model, words, batch parse cache) in the test run's folder, not the user's; the
    corpus model is built once per run (tests/boilerplate_support.py)."""


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


# -- the matrix: every command × every hostile manifest ----------------------------------------

BAD_MANIFEST_YEARS = {
    "year in Chinese numerals": ("二〇一六", "year '二〇一六' is not a number"),
    "year a list": ("[2016]", "year '[2016]' is not a number"),
    "year a date": ("2016-05-01", "year '2016-05-01' is not a number"),
    "year of 26 digits": ("1" * 26, f"year '{'1' * 26}' is not a year"),
}


def _manifest_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Folders each holding one good report and a hostile manifest.yaml: (report, words of the error)."""
    manifests = {
        kind: (f"reports:\n- file: r.txt\n  year: {value}\n", words)
        for kind, (value, words) in BAD_MANIFEST_YEARS.items()
    }
    manifests["agency a list"] = ("reports:\n- file: r.txt\n  agency: [某某局, 某某办]\n", "agency must be text (got a list)")
    manifests["duplicate key"] = ("reports:\n- file: r.txt\n  year: 2023\n  year: 2021\n", "duplicate key 'year' (first on line 3)")
    manifests["deep YAML"] = (hostile.deep_yaml(), "nested more than")
    manifests["alias bomb"] = (hostile.alias_bomb(), "alias bomb")
    manifests["control characters"] = (
        f"reports:\n- file: r.txt\n  year: {json.dumps(hostile.CONTROLS + '2016')}\n", "is not a number"
    )
    inputs = {}
    for kind, (text, words) in manifests.items():
        folder = tmp_path / kind.replace(" ", "-")
        folder.mkdir()
        (folder / "manifest.yaml").write_text(text, encoding="utf-8")
        shutil.copy(GOOD, folder / "r.txt")
        inputs[kind] = (folder / "r.txt", words)
    return inputs


def test_every_command_refuses_every_hostile_manifest(tmp_path: Path) -> None:
    failures = []
    for kind, (report, words) in _manifest_inputs(tmp_path).items():
        for name, argv in REPORT_COMMANDS.items():
            code, out, err, seconds = run_cli(*argv(report))
            try:
                assert_one_line_error(code, out, err, "manifest.yaml")  # FILE: or FILE:LINE:
                assert words in err
                assert seconds < SECONDS
            except AssertionError as fault:
                failures.append(f"{name} × {kind}: {fault}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "case, message",
    [
        ("12-manifest-yaml/qianan-2022.txt", "qianan-2022.txt: year '2022年' is not a number"),
        ("12-manifest-yaml/qianan-2023.txt", "qianan-2023.txt: line 11: duplicate key 'year' (first on line 9)"),
        ("rel-04-manifest-year-not-int/r.txt", "r.txt: year '二〇一六' is not a number"),
    ],
)
def test_shared_manifest_cases(case: str, message: str) -> None:
    for command in ("parse", "classify"):
        code, out, err, _ = run_cli(command, str(CASES / case))
        assert_one_line_error(code, out, err, "manifest.yaml: ")
        assert message in err


def test_a_good_entry_beside_a_bad_one_still_reads(tmp_path: Path) -> None:
    (tmp_path / "manifest.yaml").write_text(
        "reports:\n- file: a.txt\n  year: 二〇一六\n- file: b.txt\n  year: '2019'\n  agency: 某某局\n",
        encoding="utf-8",
    )
    shutil.copy(GOOD, tmp_path / "b.txt")
    code, out, err, _ = run_cli("parse", str(tmp_path / "b.txt"))
    assert code == 0, err
    assert "year: 2019" in out and "某某局" in out


# -- annotation files, labels, lexicons --------------------------------------------------------


def _annotation_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    texts = {
        "deep YAML": (hostile.deep_yaml(), "nested more than"),
        "alias bomb": ("schema: 1\n" + hostile.alias_bomb(), "alias bomb"),
        "alias cycle": ("schema: 1\npins: &p [*p]\n", "cycle"),
        "control characters": (CASES.joinpath("rel-08-annotation-escape-in-key.yaml").read_text("utf-8"), "unknown field 'FAKE'"),
    }
    inputs = {}
    for kind, (text, words) in texts.items():
        path = tmp_path / f"{kind.replace(' ', '-')}.yaml"
        path.write_text(text, encoding="utf-8")
        inputs[kind] = (path, words)
    inputs["FIFO"] = (hostile.fifo(tmp_path / "pipe.yaml"), "named pipe")
    inputs["oversize"] = (hostile.oversize(tmp_path / "huge.yaml"), "over the 256 MB limit")
    return inputs


ANNOTATION_COMMANDS = {
    "annotations validate": lambda bad, out: ["annotations", "validate", str(bad)],
    "annotations export": lambda bad, out: ["annotations", "export", "--format", "csv", str(bad), "--out", str(out / "x.csv")],
    "annotations merge": lambda bad, out: ["annotations", "merge", str(bad), str(bad), "--out", str(out / "m.yaml")],
}


def test_every_annotation_command_refuses_every_hostile_file(tmp_path: Path) -> None:
    failures = []
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for kind, (bad, words) in _annotation_inputs(tmp_path).items():
        for name, argv in ANNOTATION_COMMANDS.items():
            code, out, err, seconds = run_cli(*argv(bad, out_dir))
            try:
                assert code == 2, (out, err)
                assert words in err and bad.name in err
                assert "Traceback" not in err and "\x1b" not in err and "\x07" not in err
                assert len(err.strip().splitlines()) <= 2  # the file's one problem (merge: per copy)
                assert seconds < SECONDS
            except AssertionError as fault:
                failures.append(f"{name} × {kind}: {fault}")
    assert not failures, "\n".join(failures)


def test_broken_yaml_reads_the_same_in_every_file(tmp_path: Path) -> None:
    """Manifest, labels, lexicon and annotation file: one wording, `FILE:LINE: not valid YAML: …`."""
    from compare.annotations import AnnotationStore
    from compare.boilerplate.lexicon import load_lexicon
    from compare.tui.session import labels

    broken = "schema: 1\nreports: [a.txt\n"
    messages = {}
    (tmp_path / "manifest.yaml").write_text(broken, encoding="utf-8")
    shutil.copy(GOOD, tmp_path / "a.txt")
    code, out, err, _ = run_cli("parse", str(tmp_path / "a.txt"))
    assert_one_line_error(code, out, err, "manifest.yaml:3: ")
    messages["manifest"] = err.split("manifest.yaml:3: ", 1)[1].strip()
    (tmp_path / "notes.yaml").write_text(broken, encoding="utf-8")
    code, out, err, _ = run_cli("annotations", "validate", str(tmp_path / "notes.yaml"))
    assert_one_line_error(code, out, err, "notes.yaml:3: ")
    messages["annotations"] = err.split("notes.yaml:3: ", 1)[1].strip()
    (tmp_path / "lexicon.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        load_lexicon([tmp_path / "lexicon.yaml"], user=False)
    assert caught.value.path == f"{tmp_path / 'lexicon.yaml'}:3"
    messages["lexicon"] = caught.value.message
    (tmp_path / "labels.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        labels(AnnotationStore.open(tmp_path / "pair.yaml"))
    assert caught.value.path == f"{tmp_path / 'labels.yaml'}:3"
    messages["labels"] = caught.value.message
    assert len(set(messages.values())) == 1, messages
    assert messages["labels"].startswith("not valid YAML: ")


def test_a_hostile_lexicon_is_one_line(tmp_path: Path) -> None:
    for kind, text, words in [
        ("alias bomb", hostile.alias_bomb(), "alias bomb"),
        ("deep", hostile.deep_yaml(), "nested more than"),
        ("list text", "entries:\n- text: [一, 二]\n", "'text' must be text (got a list)"),
    ]:
        lexicon = tmp_path / f"{kind}.yaml"
        lexicon.write_text(text, encoding="utf-8")
        code, out, err, _ = run_cli("classify", "--lexicon", str(lexicon), str(GOOD))
        assert_one_line_error(code, out, err, str(lexicon))
        assert words in err, kind


# -- caches ------------------------------------------------------------------------------------


def test_a_damaged_batch_cache_is_rebuilt(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("jurong-huangmei-2021", "tianjin-tanggu-2024"):
        shutil.copy(CORPUS / f"{name}.txt", reports / f"{name}.txt")
    cache = tmp_path / "cache-folder"
    cache.mkdir()
    (cache / "batch-2.sqlite").write_bytes(b"this is not a database" * 100)
    code, out, err, _ = run_cli("batch", str(reports), "--cache", str(cache), "--out", str(tmp_path / "out"),
                                "--jobs", "1", "--quiet", "--no-words", limit=60)
    assert code == 0, err
    assert (tmp_path / "out" / "report.html").is_file()
    assert (cache / "batch-2.sqlite.damaged").is_file()  # set aside, not deleted


def test_a_gzip_bomb_model_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    monkeypatch.setenv("COMPARE_REPORTS_MAX_MB", "1")
    bomb = tmp_path / "model.json.gz"
    bomb.write_bytes(gzip.compress(b" " * (20 * 1024 * 1024)))
    code, out, err, _ = run_cli("classify", "--model", str(bomb), str(GOOD))
    assert_one_line_error(code, out, err, "model.json.gz")
    assert "over the" in err


# -- terminal output is inert ------------------------------------------------------------------

_ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_report_controls_never_reach_the_terminal(tmp_path: Path) -> None:
    report = CASES / "rel-09-terminal-controls-a.txt"
    for argv in (
        ["parse", str(report)],
        ["parse", "--text", str(report)],
        ["classify", str(report)],
        ["diff", str(report), str(CORPUS / "tianjin-tanggu-2024.txt")],
        ["align", str(report), str(CORPUS / "tianjin-tanggu-2024.txt")],
    ):
        code, out, err, _ = run_cli(*argv, limit=60)
        assert code == 0, err
        assert not _ACTIVE.search(out + err), (argv, _ACTIVE.search(out + err))
        assert "PWNED" not in out and "[2J" not in out  # whole sequences go, not just the ESC
    code, out, _, _ = run_cli("parse", "--text", str(report))
    assert "塘沽街道" in out  # the Chinese text is kept


_TYPED = "\x1b]52;c;UFdORUQ=\x07\x1b[2J\u202e\x9b2Jjunk"  # OSC 52, clear screen, bidi, C1 CSI


@pytest.mark.parametrize("argv", [
    [_TYPED],  # not a command
    ["parse", str(GOOD), _TYPED],  # an extra argument
    ["diff", str(GOOD), str(GOOD), "--color", _TYPED],  # an invalid choice echoes it
    ["classify", "--only", _TYPED, str(GOOD)],
    ["batch", "corpus", "--jobs", _TYPED],  # not a number
    ["annotations", _TYPED],
    ["model", "build", "corpus", "--group-by", _TYPED],
    ["align", "--pin", _TYPED],  # a missing argument after one typed
])
def test_usage_errors_are_one_inert_line(argv: list[str]) -> None:
    code, out, err, _ = run_cli(*argv)
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("compare-reports"), err
    assert "error:" in lines[0] and "--help" in lines[0]  # says where to look
    assert not _ACTIVE.search(out + err), repr(err)  # argparse's repr shows '\\x1b[2J' as text


def test_a_typed_extra_argument_loses_whole_sequences() -> None:
    code, _, err, _ = run_cli("parse", str(GOOD), _TYPED)
    assert code == 2 and "unrecognized arguments: junk" in err
    # the command whose arguments they are is named, with its own help
    assert err.startswith("compare-reports parse: error:") and "compare-reports parse --help" in err
    assert "[2J" not in err and "UFdORUQ" not in err  # whole sequences go, not just the ESC


def test_an_option_typed_wrong_is_named_before_a_missing_argument() -> None:
    code, _, err, _ = run_cli("diff", str(GOOD), "--bogus")
    assert code == 2 and "unrecognized arguments: --bogus" in err and "required" not in err
    code, _, err, _ = run_cli("diff", str(GOOD))  # nothing typed wrong: the missing report
    assert code == 2 and "the following arguments are required: right" in err


def test_help_still_prints() -> None:
    code, out, _, _ = run_cli("diff", "--help")
    assert code == 0 and out.startswith("usage: compare-reports diff")


def test_json_escapes_controls(tmp_path: Path) -> None:
    report = CASES / "rel-09-terminal-controls-a.txt"
    for argv in (["parse", "--json", str(report)], ["classify", "--json", str(report)]):
        code, out, err, _ = run_cli(*argv, limit=60)
        assert code == 0, err
        assert not _ACTIVE.search(out), argv
        json.loads(out)  # still valid JSON
    data = json.loads(run_cli("parse", "--json", str(report))[1])
    removed = "".join(r["text"] for r in data["removed"])
    assert "\x1b" in removed  # the data is kept, escaped as \u001b in the JSON text


def test_inert_removes_sequences_and_keeps_text() -> None:
    from compare.text.terminal import inert, json_safe

    assert inert(f"塘沽{hostile.CONTROLS}街道\n第二行") == "塘沽街道\n第二行"
    assert inert("a\nb\tc\rd", one_line=True) == "a b cd"
    assert inert("\x1b]0;title") == ""  # cut-off OSC
    assert inert("\x1b]0;标题") == "标题"  # an OSC body is ASCII: the Chinese text stays
    assert json_safe(json.dumps("x\u202ey\x9b", ensure_ascii=False)) == '"x\\u202ey\\u009b"'


# -- files for other tools ---------------------------------------------------------------------


def test_csv_cells_are_never_formulas(tmp_path: Path) -> None:
    import csv as csvmodule

    from compare.annotations import AnnotationStore
    from compare.parsing.pipeline import parse_file

    left = parse_file(CORPUS / "jurong-huangmei-2021.txt")
    right = parse_file(CORPUS / "tianjin-tanggu-2024.txt")
    path = tmp_path / "a.yaml"
    store = AnnotationStore.open(path, left, right, autosave=False)
    sentence = next(iter(left.sentences()))
    store.add("left", sentence.start, sentence.end, label="=HYPERLINK(\"http://x\",\"y\")",
              comment="@SUM(1+1)*cmd|' /C calc'!A0")
    store.save()
    out = tmp_path / "a.csv"
    code, _, err, _ = run_cli("annotations", "export", "--format", "csv", str(path), "--out", str(out))
    assert code == 0, err
    rows = list(csvmodule.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["label"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert rows[0]["comment"].startswith("'@SUM")
    assert rows[0]["left_start"] == str(sentence.start)  # numbers stay numbers


def test_jieba_cache_is_in_the_user_cache_folder(tmp_path: Path) -> None:
    import os
    import stat
    import subprocess
    import sys

    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    subprocess.run([sys.executable, "-c", "from compare.text.tokens import words; words('推进法治政府建设')"],
                   env=env, check=True, timeout=120)
    folder = tmp_path / "cache" / "compare-reports" / "jieba"
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert [p.name for p in folder.iterdir()] == ["jieba.cache"]
    assert not list((tmp_path / "tmp").iterdir())  # nothing in the shared temporary folder
