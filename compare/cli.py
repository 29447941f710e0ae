"""`compare-reports`: parses arguments and hands them to a command module.

Each command lives in `compare/commands/<name>.py` with `add_parser(subparsers)` and
`run(args) -> int`; commands are imported only when chosen, so `--help` and start-up stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from typing import IO, Any, NoReturn, Sequence

from compare import __version__
from compare.errors import ReportError
from compare.text.terminal import InertStream, inert

# BLAS thread pools: nothing here multiplies matrices large enough to gain from threads
# (alignment's products are a few milliseconds), and starting one OpenBLAS thread per core
# costs ~90 ms at the first numpy import; batch parallelises over processes instead. Set
# before numpy loads; a user's own setting wins.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

# name → (module, one-line help); the module is imported only when the command runs.
COMMANDS: dict[str, tuple[str, str]] = {
    "review": ("compare.commands.review", "open the side-by-side review app"),
    "serve": ("compare.commands.serve", "serve the review app to browsers (textual-serve)"),
    "parse": ("compare.commands.parse", "cleaned text, metadata and section tree of a report"),
    "align": ("compare.commands.align", "section alignment of two reports"),
    "diff": ("compare.commands.diff", "the full comparison of two reports (terminal or HTML)"),
    "classify": ("compare.commands.classify", "label every sentence boilerplate or substantive"),
    "model": ("compare.commands.model", "build the corpus boilerplate model"),
    "batch": ("compare.commands.batch", "similarity tables and an HTML report over a corpus"),
    "series": ("compare.commands.series", "one body's reports across the years: sections, indicators, commitments"),
    "annotations": ("compare.commands.annotations", "validate, merge, export, import annotations"),
}


def _available() -> dict[str, tuple[str, str]]:
    return {
        name: spec
        for name, spec in COMMANDS.items()
        if importlib.util.find_spec(spec[0]) is not None
    }


class Parser(argparse.ArgumentParser):
    """argparse with its own messages inert and one line: a usage error (an unknown command, an
    invalid choice echoing what was typed, a missing argument) is `PROG: error: MESSAGE (see
    PROG --help)` on stderr, exit 2, with terminal controls and bidi controls of the typed text
    removed; help and usage text go through `inert` too. Subcommand parsers are of this class
    (argparse makes them with the parent's class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._argv: list[str] = []  # the arguments being parsed, which `error` may name

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:
        self._argv = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        """As argparse's, but arguments left over after a command are that command's error
        (`compare-reports diff: error: unrecognized arguments: c`), named as its own are."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = getattr(parsed, "command", None)
            owner: Parser = self
            for action in self._actions:
                if isinstance(action, argparse._SubParsersAction) and command in action.choices:
                    owner = action.choices[command]
            owner.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed

    def error(self, message: str) -> NoReturn:
        # argparse reports a missing argument before an unknown option (`diff A --bogus` said
        # "right is required"): the option typed wrong is the news
        unknown = [a for a in self._argv if a.startswith("-") and len(a) > 1 and not a[1:2].isdigit()
                   and a.split("=", 1)[0] not in self._option_string_actions]
        if unknown and message.startswith("the following arguments are required"):
            message = f"unrecognized arguments: {' '.join(unknown)}"
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            line = inert(message.rstrip("\n"), one_line=True)
            sys.stderr.write(line + "\n")
        raise SystemExit(status)

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        if message:
            (file or sys.stderr).write(inert(message))


def build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    parser = Parser(
        prog="compare-reports",
        description="Compare Chinese government reports: what is really new this year.",
    )
    parser.add_argument("--version", action="version", version=f"compare-reports {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in _available().items():
        if name == chosen:
            module = importlib.import_module(module_name)
            module.add_parser(sub, name, help_text)
        else:
            sub.add_parser(name, help=help_text, add_help=False)
    return parser


def limit_blas_threads() -> None:
    """One BLAS thread unless the user set a number (call before numpy is imported)."""
    for variable in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")


def main(argv: list[str] | None = None) -> int:
    limit_blas_threads()
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = next((a for a in argv if not a.startswith("-")), None)
    if chosen not in COMMANDS:
        chosen = None
    parser = build_parser(chosen)
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, --version, or a usage error already printed (exit 2)
        return done.code if isinstance(done.code, int) else 2
    if args.command is None:
        parser.print_help()
        return 0

    module = importlib.import_module(COMMANDS[args.command][0])
    streams = sys.stdout, sys.stderr
    if args.command != "review":  # the app owns its terminal; its widgets strip their own text
        sys.stdout, sys.stderr = InertStream(sys.stdout), InertStream(sys.stderr)  # type: ignore[assignment]
    try:
        return int(module.run(args) or 0)
    except ReportError as err:
        print(f"compare-reports: {inert(err.path, one_line=True)}: {inert(err.message, one_line=True)}",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    finally:
        sys.stdout, sys.stderr = streams


if __name__ == "__main__":
    raise SystemExit(main())
