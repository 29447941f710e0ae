"""`compare-reports serve [A B]`: the review app in a browser, for a team (textual-serve).

Each page that connects runs its own copy of the review app on this machine (textual-serve
starts `compare-reports review … --ask-reviewer` per web socket), so the team reviews without
installing anything. Annotations are written on this machine's disk (the same files as
`review` writes), by the reviewer each page names when it opens. Bound to 127.0.0.1 by default;
any other address prints a warning, since whoever reaches it reads the reports and writes
annotations.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import sys
from pathlib import Path

from compare.errors import ReportError
from compare.tui.folders import within
from compare.tui.serve import ReviewServer

LOCAL_HOSTS = ("localhost",)


def add_parser(sub: argparse._SubParsersAction, name: str, help_text: str) -> None:
    p = sub.add_parser(
        name, help=help_text,
        description=help_text + ". Each browser page runs its own review app here; its "
        "annotations are saved on this machine, under the name the page's reviewer gives.",
    )
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="the left (older) and the right (newer) report; none: pick in the page")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--public-url", metavar="URL",
                   help="the address browsers use, behind a proxy (default: the one they asked)")
    p.add_argument("--annotations", metavar="PATH",
                   help="annotation file (default: annotations/<left-stem>__<right-stem>.yaml)")
    p.add_argument("--corpus", metavar="DIR", help="folder the open screen lists first")
    p.add_argument("--root", metavar="DIR",
                   help="the only folder (with its subfolders) pages can browse and open "
                        "(default: the folder holding the two reports, else the current folder)")


def is_local(host: str) -> bool:
    """Whether `host` only accepts connections from this machine (loopback)."""
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_root(args: argparse.Namespace) -> Path:
    """The folder pages are confined to: `--root`, else the deepest folder holding both
    reports, else the current folder; symlinks resolved."""
    if args.root:
        return Path(args.root).resolve()
    if args.files:
        return Path(os.path.commonpath([Path(f).resolve().parent for f in args.files]))
    return Path.cwd().resolve()


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each page: this Python, `review`, the files
    (absolute, so the working folder does not matter) and `--ask-reviewer`."""
    words = [sys.executable, "-m", "compare", "review"]
    words += [str(Path(f).resolve()) for f in args.files]
    if args.annotations:
        words += ["--annotations", str(Path(args.annotations).resolve())]
    if args.corpus:
        words += ["--corpus", str(Path(args.corpus).resolve())]
    words += ["--root", str(serve_root(args))]
    words.append("--ask-reviewer")
    return shlex.join(words)


def run(args: argparse.Namespace) -> int:
    if len(args.files) not in (0, 2):
        raise ReportError(" ".join(args.files),
                          "give two report files, or none to pick them in the page")
    for f in args.files:
        if not Path(f).is_file():
            raise ReportError(f, "no such file")
    if args.root and not Path(args.root).is_dir():
        raise ReportError(args.root, "no such folder")
    root = serve_root(args)
    for f in args.files:
        if not within(Path(f), root):
            raise ReportError(f, f"is outside the served folder {root} (see --root)")
    if args.annotations and not within(Path(args.annotations), root):
        raise ReportError(args.annotations, f"is outside the served folder {root} (see --root)")
    if args.corpus and not within(Path(args.corpus), root):
        raise ReportError(args.corpus, f"is outside the served folder {root} (see --root)")
    if not 0 < args.port < 65536:
        raise ReportError(str(args.port), "the port must be between 1 and 65535")
    if not is_local(args.host):
        print(
            f"compare-reports: warning: serving on {args.host}:{args.port}: anyone who can "
            f"reach this address can read the reports under {root} and write annotations here",
            file=sys.stderr,
        )
    # textual-serve brings aiohttp: imported only when serving

    server = ReviewServer(app_command(args), host=args.host, port=args.port,
                          title="compare-reports", public_url=args.public_url)
    try:
        server.serve()
    except OSError as err:
        raise ReportError(f"{args.host}:{args.port}", f"cannot serve ({err.strerror or err})") from None
    return 0
