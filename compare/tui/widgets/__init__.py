"""Widgets of the review app: section list, side-by-side pair view, annotations panel."""
