"""Batch similarity reports over a corpus: from a folder of reports to tables and one HTML page.

`pipeline.run_batch(root, BatchOptions(...))` runs the stages and returns a `BatchResult`;
`outputs.write_outputs(result, out)` writes the tables (CSV, Parquet) and `report.html`.
Modules, one idea each: `scan` (finding reports, metadata, bodies), `record` and `cache` (the
parse cache), `shingles` (hashed shingles, MinHash), `documents` (stage one: parse what the
cache lacks), `candidates` (MinHash LSH), `similarity` (exact similarity, neighbours),
`series`, `word_measures` (boilerplate, Lazy Prices, stickiness), `reuse` (text reuse),
`matrix` (the clustered matrix), `pages` (side-by-side pages), `tables`, `writers`,
`report_html`, `runner` (processes or a Dask cluster), `progress`.
"""
