"""Across the years: one body's reports as a series (no Textual, no rich).

`ordering` (reports by year), `pairs` (consecutive comparisons, cached), `lineages` (chains of
aligned sections), `parts` (review vs plan), `values` and `indicators` (quantities named and
followed), `commitments` (plan items of year N against the review in year N+1), `build`
(`build_series` and the JSON shape), `tables` (CSV), `html` (one self-contained page).
"""
