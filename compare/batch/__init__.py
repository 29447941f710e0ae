"""Batch similarity reports over a corpus: from a folder of reports to tables and one HTML page.

`run_batch(root, BatchOptions(...))` (in `pipeline`) runs the stages; `tables` turns the
result into rows, `writers` writes CSV/Parquet, `report_html` the page. Modules, one idea each:
`scan` (finding reports, metadata), `record` and `cache` (the parse cache), `shingles`
(hashed shingles, MinHash), `documents` (stage one), `candidates` (LSH), `similarity`
(exact similarity, neighbours), `series`, `yearly` (year-over-year measures), `reuse` (text
reuse), `runner` (processes or a Dask cluster), `progress`.
"""
