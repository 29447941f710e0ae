"""One reader per format, each turning a file's bytes into `LoadedText` (compare.parsing.loading).

`text` (encodings, glyph folding), `html` (visible text, tables, hidden elements out),
`docx` (python-docx: numbering, text boxes, tracked changes, tables), `pdf` (pdfplumber:
lines joined into paragraphs, page furniture, tables), `flat` (crawled pages flattened onto
one line, split back into paragraphs). `loaded` holds the shapes they share.
"""
