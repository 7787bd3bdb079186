"""Corpus stage: read a folder of articles, clean and convert them, complete their metadata,
set duplicates aside, and write the documents, paragraphs and removed-lines tables."""
