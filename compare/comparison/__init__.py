"""Stage 2, two `Document`s become a `Comparison`: section alignment (`align`), the result
types (`results`), sentence alignment, change kinds and word spans (`diff/`), and the
document similarities (`measures`)."""
