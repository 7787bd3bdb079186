"""Report: what a chapter's kernel needs (tables as LaTeX and escaped HTML), prose checks and
the glossary."""
