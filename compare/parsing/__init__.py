"""Stage 1, a file becomes a `Document`: `loading` (bytes → text) → `cleaning` (page chrome
out) → `normalise` (the simplified matching view) → `structure` (sections, sentences) →
`metadata` (title, agency, year, date, kind); `pipeline` runs them in that order, `corpus`
reads the bundled corpus and `manifest.yaml` files, `document` holds the result types."""

from compare.parsing.document import Document, Removal, Section, Sentence
from compare.parsing.pipeline import parse_file, parse_text

__all__ = ["Document", "Removal", "Section", "Sentence", "parse_file", "parse_text"]
