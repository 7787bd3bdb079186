"""Performance: the benchmark's helpers and generated corpora of real paragraphs."""
