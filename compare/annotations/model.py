"""What an annotation file holds: annotations, their anchors, section pins.

The reviewer's work lives here, so nothing in the model is ever thrown away: a deleted
annotation or pin stays as a tombstone (`deleted=True`, content kept, `updated` = when it was
deleted) so that merging with another copy of the file cannot bring it back, and an annotation
whose text can no longer be found keeps its selectors with `state="orphaned"`.

Timestamps are ISO 8601 UTC strings with milliseconds (`2025-03-01T08:15:30.123Z`): they sort
as text, which is how merges decide which copy of an annotation is newer.
"""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Literal, get_args

from compare.comparison.results import Side

AnnotationSide = Literal["left", "right", "both"]  # "both": one note on a pair of spans
# Where an anchor stands: on its text, moved onto reworded text (fuzzy), or lost (orphaned).
AnchorState = Literal["anchored", "fuzzy", "orphaned"]
# A pin: on its sections or sentences, or orphaned (one of them is gone).
PinState = Literal["anchored", "orphaned"]
ANNOTATION_SIDES: tuple[AnnotationSide, ...] = ("left", "right", "both")
STATES: tuple[AnchorState, ...] = get_args(AnchorState)
SCHEMA = 1
REVIEWER_VARIABLE = "COMPARE_REPORTS_REVIEWER"


def new_id() -> str:
    """A ULID: unique, and sorts by creation time (so files list annotations oldest first)."""
    from ulid import ULID  # ~50 ms: only when an id is made

    return str(ULID())


def now() -> str:
    return format_time(datetime.now(timezone.utc))


def format_time(moment: datetime) -> str:
    m = moment.astimezone(timezone.utc)
    return (
        f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}"
        f".{m.microsecond // 1000:03d}Z"
    )


def parse_time(value: str) -> datetime:
    """ISO 8601 → aware datetime; raises ValueError for anything else."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def after(previous: str) -> str:
    """Now, or just after `previous` when the clock has not moved on (or went back).

    An edit must always look newer than what it replaces, or a merge could keep the old copy.
    """
    current = now()
    if current > previous:
        return current
    try:
        return format_time(parse_time(previous) + timedelta(milliseconds=1))
    except ValueError:
        return current


def default_reviewer() -> str:
    """`$COMPARE_REPORTS_REVIEWER`, else the login name."""
    name = os.environ.get(REVIEWER_VARIABLE, "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "reviewer"


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an annotation sits in one report: three selectors plus the text's hash.

    The quote (`exact` with `prefix`/`suffix` context) is what re-anchoring trusts most, the
    position (`start`, `end` in `Document.text`) says where to look first, and the section
    (`section` id, `heading` as shown) groups memos and breaks ties.
    """

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    section: str  # section id, "" when the offset lies outside every section
    heading: str  # that section's title as a reader sees it
    text_hash: str  # Document.text_hash of the text the selectors were taken from
    state: AnchorState = "anchored"
    was: str = ""  # the quote as first selected, kept once the anchor moved to reworded text

    @property
    def orphaned(self) -> bool:
        return self.state == "orphaned"


@dataclass(frozen=True, slots=True)
class Annotation:
    id: str
    side: AnnotationSide
    label: str
    comment: str
    reviewer: str
    created: str
    updated: str
    anchors: dict[Side, Anchor] = field(default_factory=dict)
    deleted: bool = False

    @property
    def orphaned(self) -> bool:
        return any(anchor.orphaned for anchor in self.anchors.values())

    @property
    def fuzzy(self) -> bool:
        return any(anchor.state == "fuzzy" for anchor in self.anchors.values())

    def anchor(self, side: Side) -> Anchor | None:
        return self.anchors.get(side)

    def with_anchor(self, side: Side, anchor: Anchor) -> Annotation:
        return replace(self, anchors={**self.anchors, side: anchor})


PinKind = Literal["section", "sentence"]


@dataclass(frozen=True, slots=True)
class Pin:
    """A manual alignment: this left section goes with that right section (`kind`
    "section"), or this left sentence with that right sentence (`kind` "sentence": ids like
    "2.1/3", and the sentences' texts in place of the headings)."""

    id: str
    left: str  # section ids, or sentence ids
    right: str
    left_heading: str  # headings (sentence texts), to follow when renumbering moves an id
    right_heading: str
    reviewer: str
    created: str
    updated: str
    deleted: bool = False
    state: PinState = "anchored"
    kind: PinKind = "section"


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """Which report a side of the file is about, for people reading the file and for exports.

    `path` is relative to the annotation file's folder (with `/` separators), so a folder of
    reports and its `annotations/` work wherever they are cloned; it is absolute only when the
    report is on another drive, and in files written by older versions. `text_hash`
    (`Document.text_hash`) decides whether a report is the one annotated, wherever it now is.
    `url` is where the report was published, from its folder's manifest, when known.
    """

    path: str = ""
    title: str = ""
    agency: str = ""
    year: int | None = None  # the year reported on
    kind: str = ""
    text_hash: str = ""
    url: str = ""

    @property
    def label(self) -> str:
        """How a person names the report: agency, year, kind; else its title or file name."""
        parts = [self.agency, str(self.year) if self.year else "", self.kind]
        label = " ".join(p for p in parts if p)
        return label or self.title or _file_name(self.path)

    def location(self, annotation_file: str | os.PathLike[str]) -> Path | None:
        """Where the report is on this machine: `path` read against the annotation file's
        folder (absolute paths as they are); None when the file names no report."""
        if not self.path:
            return None
        path = Path(self.path)
        if path.is_absolute() or _DRIVE.match(self.path):
            return path
        return Path(os.path.abspath(Path(annotation_file).parent / path))


_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def relative_path(report: str | os.PathLike[str], annotation_file: str | os.PathLike[str]) -> str:
    """`report` relative to the annotation file's folder, `/`-separated; absolute when the two
    are on different drives (Windows), where no relative path exists."""
    target = os.path.abspath(report)
    base = os.path.abspath(Path(annotation_file).parent)
    try:
        return Path(os.path.relpath(target, base)).as_posix()
    except ValueError:  # another drive
        return target


@dataclass(slots=True)
class AnnotationSet:
    """The content of one annotation file, tombstones included."""

    left: DocumentRef = field(default_factory=DocumentRef)
    right: DocumentRef = field(default_factory=DocumentRef)
    annotations: list[Annotation] = field(default_factory=list)
    pins: list[Pin] = field(default_factory=list)

    def live(self) -> list[Annotation]:
        return [a for a in self.annotations if not a.deleted]

    def live_pins(self) -> list[Pin]:
        return [p for p in self.pins if not p.deleted]

    def document(self, side: Side) -> DocumentRef:
        return self.left if side == "left" else self.right


def pair_title(content: AnnotationSet) -> str:
    """The pair as people name it: `国务院 政府工作报告 2016 ↔ 2017` when agency and kind are
    shared, else each side's agency, year and kind (or title, or file name)."""
    left, right = content.left, content.right
    if left.agency and left.agency == right.agency and left.kind == right.kind and (
        left.year and right.year
    ):
        what = " ".join(p for p in (left.agency, left.kind) if p)
        return f"{what} {left.year} ↔ {right.year}"
    return f"{left.label or 'left report'} ↔ {right.label or 'right report'}"
