"""From a folder of raw articles to three tables: documents, paragraphs, removed lines."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from policytext.corpus import cleaning
from policytext.corpus.duplicates import MinHashDuplicateFilter
from policytext.corpus.metadata import clean_author, iso_date, merge_metadata, read_curated
from policytext.corpus.reading import (DEFAULT_MAX_BYTES, OK, RawDocument, corpus_files, document_ids,
                                       read_document)
from policytext.corpus.script import detect_script, to_simplified
from policytext.progress import progress

DOCUMENT_COLUMNS = (
    "doc_id", "file_name", "status", "message", "duplicate_of", "encoding", "source_format", "n_bytes", "sha256",
    "script", "title", "subtitle", "title_source", "date", "date_precision", "date_provenance",
    "date_stated", "date_stated_source", "date_source", "outlet", "outlet_source", "publisher", "publisher_source",
    "author", "author_source", "metadata_note", "genre", "original_publisher", "copy_source",
    "source_note", "what_it_shows", "n_lines", "n_removed_lines",
    "n_pinyin_removed", "chars_raw", "chars_clean", "n_paragraphs",
)
PARAGRAPH_COLUMNS = ("para_id", "doc_id", "para_no", "line_no", "kind", "n_chars", "text", "text_original")
REMOVED_COLUMNS = ("doc_id", "line_no", "kind", "rule", "n_chars", "removed_text")

#: Status of a file whose processing raised an error (reported, never fatal).
FAILED = "failed"

#: A metadata line further down than this many text lines is not a page header.
HEADER_WINDOW = 8


@dataclass
class _Line:
    line_no: int
    original: str
    text: str
    removed_by: str = ""


@dataclass
class CleanDocument:
    """The cleaned form of one document: paragraphs, removals and extracted metadata."""

    paragraphs: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    extracted: dict[str, str] = field(default_factory=dict)
    n_pinyin_removed: int = 0
    script: str = ""


def para_id(doc_id: str, para_no: int) -> str:
    """Citable paragraph ID such as ``001:14``."""
    return f"{doc_id}:{para_no}"


def _count_chars(text: str) -> int:
    """Characters other than whitespace (``str.split`` and ``\\s`` agree on what that is)."""
    return len("".join(text.split()))


def clean_text(doc_id: str, text: str, corrections: list[dict] | None = None) -> CleanDocument:
    """Apply every cleaning rule to one document's text.

    ``corrections`` are curated fixes of source corruption (rows of
    ``data/corrections.csv`` for this document), applied first and audited; like the other
    span removals, a correction on a line that a line rule then removes whole is audited with
    that line, so that every character removed is counted once.
    Script is decided for the whole document and for each line: a line is converted when its
    document or the line itself is traditional (a simplified article may quote a traditional
    passage), never when both are simplified, as converting simplified text would spoil it
    (``tw2s`` turns 显著 into 显着).
    """
    result = CleanDocument(script=detect_script(text))
    traditional_document = result.script == "traditional"
    lines: list[_Line] = []
    # span removals wait until the line rules have run: a line removed whole is audited once,
    # as a line, not also by the spans taken out of it
    spans: dict[int, list[dict]] = {}
    readings_per_line: dict[int, int] = {}
    fixes: dict[int, list[dict]] = {}
    for fix in corrections or []:
        fixes.setdefault(int(fix["line_no"]), []).append(fix)
    for line_no, original in enumerate(text.split("\n"), start=1):
        repaired = original
        for fix in fixes.pop(line_no, []):
            if fix["find"] not in repaired:
                raise ValueError(f"correction for {doc_id} line {line_no}: {fix['find']!r} not found")
            repaired = repaired.replace(fix["find"], fix["replace"])
            spans.setdefault(line_no, []).append(dict(doc_id=doc_id, line_no=line_no, kind="span",
                                       rule="correction", n_chars=len(fix["find"]) - len(fix["replace"]),
                                       removed_text=f"{fix['find']} → {fix['replace']}"))
        without_pinyin, readings = cleaning.strip_pinyin(repaired)
        if readings:
            readings_per_line[line_no] = len(readings)
            spans.setdefault(line_no, []).append(dict(doc_id=doc_id, line_no=line_no, kind="span",
                                       rule="pinyin_annotation", n_chars=sum(map(len, readings)),
                                       removed_text=" ".join(readings)))
        without_pinyin, lost = cleaning.strip_lost_characters(without_pinyin)
        if lost:
            spans.setdefault(line_no, []).append(dict(doc_id=doc_id, line_no=line_no, kind="span",
                                       rule="lost_character", n_chars=sum(map(len, lost)),
                                       removed_text=" ".join(lost)))
        converts = traditional_document or detect_script(without_pinyin) == "traditional"
        line_text = cleaning.normalise(to_simplified(without_pinyin) if converts else without_pinyin)
        if line_text:
            lines.append(_Line(line_no, original.strip(), line_text))

    metadata_index = None
    related_from = next((i for i, line in enumerate(lines)
                         if i >= len(lines) // 2 and cleaning.RELATED_ARTICLES.match(line.text)), None)
    if related_from is not None:
        for line in lines[related_from:]:
            line.removed_by = "related_articles"
    for index, line in enumerate(lines):
        if line.removed_by:
            continue
        line.removed_by = cleaning.debris_rule(line.text) or ""
        if line.removed_by == "site_banner":
            result.extracted.setdefault("outlet", cleaning.banner_site_name(line.text))
        if line.removed_by:
            continue
        fields = cleaning.read_metadata_line(line.text)
        if fields and index < HEADER_WINDOW and metadata_index is None:
            line.removed_by = "metadata_line"
            metadata_index = index
            if "date" in fields:
                result.extracted["date_stated"] = fields["date"]
                result.extracted["date"] = iso_date(fields["date"]) or ""
            if "source" in fields:
                result.extracted["publisher"] = fields["source"]
            if "outlet" in fields:
                result.extracted["outlet"] = fields["outlet"]
            if fields.get("author") and fields["author"] != "佚名":
                result.extracted["author"] = fields["author"]
        elif index < HEADER_WINDOW and not result.extracted.get("date") and (dated := cleaning.read_dateline(line.text)):
            # a speech's dateline dates it; the line stays in the text, as the speech's own words
            result.extracted["date_stated"] = dated
            result.extracted["date"] = iso_date(dated) or ""

    kept = [line for line in lines if not line.removed_by]
    _mark_title_and_header(lines, kept, metadata_index, result)

    removed_whole = {line.line_no for line in lines if line.removed_by and line.removed_by != "title"}
    for line_no, records in sorted(spans.items()):
        if line_no not in removed_whole:
            result.removed.extend(records)
            result.n_pinyin_removed += readings_per_line.get(line_no, 0)
    for line in lines:
        if line.removed_by and line.removed_by != "title":
            result.removed.append(dict(doc_id=doc_id, line_no=line.line_no, kind="line",
                                       rule=line.removed_by, n_chars=_count_chars(line.original),
                                       removed_text=line.original))

    para_no = 0
    for line in lines:
        if line.removed_by and line.removed_by != "title":
            continue
        body, dateline = cleaning.strip_dateline(line.text)
        if dateline and "dateline" not in result.extracted:
            result.extracted["dateline"] = dateline["text"]
            result.extracted.setdefault("outlet", dateline["outlet"])
            result.extracted.setdefault("date_stated", f"{dateline['month']}月{dateline['day']}日")
            if dateline["credit"]:
                result.extracted.setdefault("author", clean_author(dateline["credit"], dateline["outlet"]))
            result.removed.append(dict(doc_id=doc_id, line_no=line.line_no, kind="span",
                                       rule="dateline", n_chars=len(dateline["text"]),
                                       removed_text=dateline["text"]))
        para_no += 1
        kind = line.removed_by or ("heading" if cleaning.is_heading(body, max_len=30) else "body")
        if kind == "title" and line.text == result.extracted.get("subtitle"):
            kind = "subtitle"
        result.paragraphs.append(dict(
            para_id=para_id(doc_id, para_no), doc_id=doc_id, para_no=para_no, line_no=line.line_no,
            kind=kind, n_chars=_count_chars(body), text=body, text_original=line.original,
        ))
    return result


def _mark_title_and_header(lines, kept, metadata_index, result) -> None:
    """Find the title (and subtitle); lines above a title that sits over a metadata
    line are page header, e.g. a site name."""
    if metadata_index is not None:
        above = [line for line in lines[:metadata_index] if not line.removed_by]
        if above and cleaning.is_title(above[-1].text):
            title = above[-1]
            for line in above[:-1]:
                line.removed_by = "page_header"
            title.removed_by = "title"
            result.extracted["title"] = title.text
        return
    if kept and cleaning.is_title(kept[0].text):
        kept[0].removed_by = "title"
        result.extracted["title"] = kept[0].text
        if len(kept) > 1 and cleaning.is_heading(kept[1].text) and kept[1].line_no == kept[0].line_no + 1:
            kept[1].removed_by = "title"
            result.extracted["subtitle"] = kept[1].text


def unmatched_curated_rows(corpus: Path, files: set[tuple[str, str]], sources) -> list[str]:
    """Warnings for curated rows (``sources``: pairs of CSV path and rows keyed by
    ``(doc_id, file_name)``) that match none of ``files``."""
    return [f"{source}: row for {doc_id} ({file_name}) matches no file in {corpus}; not applied"
            for source, rows in sources
            for doc_id, file_name in sorted(rows)
            if (doc_id, file_name) not in files]


@dataclass
class CorpusTables:
    """The three derived tables, as lists of row dicts in their final order."""

    documents: list[dict]
    paragraphs: list[dict]
    removed_lines: list[dict]
    warnings: list[str] = field(default_factory=list)


def read_corrections(path: Path | None) -> dict[tuple[str, str], list[dict]]:
    """Curated fixes of source corruption by ``(doc_id, file_name)``
    (columns doc_id, file_name, line_no, find, replace, note)."""
    if path is None or not Path(path).exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_file: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        by_file.setdefault((row["doc_id"], row["file_name"]), []).append(row)
    return by_file


def document_row(raw: RawDocument, curated: dict | None,
                  corrections: list[dict] | None = None) -> tuple[dict, CleanDocument | None]:
    row = {column: "" for column in DOCUMENT_COLUMNS}
    row.update(doc_id=raw.doc_id, file_name=raw.file_name, status=raw.status, message=raw.message,
               encoding=raw.encoding, source_format=raw.source_format, n_bytes=raw.n_bytes, sha256=raw.sha256,
               chars_raw=_count_chars(raw.text))
    if raw.status != OK:
        row.update(n_lines=0, n_removed_lines=0, n_pinyin_removed=0, chars_clean=0, n_paragraphs=0)
        return row, None
    cleaned = clean_text(raw.doc_id, raw.text, corrections)
    row.update(merge_metadata(cleaned.extracted, curated))
    row.update(
        script=cleaned.script,
        subtitle=cleaned.extracted.get("subtitle", ""),
        n_lines=raw.text.count("\n") + 1,
        n_removed_lines=sum(1 for r in cleaned.removed if r["kind"] == "line"),
        n_pinyin_removed=cleaned.n_pinyin_removed,
        chars_clean=sum(p["n_chars"] for p in cleaned.paragraphs),
        n_paragraphs=len(cleaned.paragraphs),
    )
    if not any(p["kind"] == "body" for p in cleaned.paragraphs):
        row.update(status="no_text", message=f"{raw.file_name}: no article text left after cleaning"
                                              + (" (only a title or headings)" if cleaned.paragraphs else ""))
    return row, cleaned


def process_file(path: Path, doc_id: str, curated: dict | None = None, corrections: list[dict] | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[dict, CleanDocument | None]:
    """Read and clean one file into its ``documents`` row and clean text. An error no rule
    foresaw (a bug, or a curated correction that no longer fits the file) does not stop the
    corpus: the file gets status ``failed`` and a message naming it and the error."""
    try:
        return document_row(read_document(Path(path), max_bytes, doc_id=doc_id), curated, corrections)
    except Exception as error:  # noqa: BLE001 -- one file must not stop the corpus
        row = {column: "" for column in DOCUMENT_COLUMNS}
        row.update(doc_id=doc_id, file_name=Path(path).name, status=FAILED,
                   message=f"{Path(path).name}: could not be processed ({type(error).__name__}: {error}); not counted",
                   n_lines=0, n_removed_lines=0, n_pinyin_removed=0, chars_raw=0, chars_clean=0, n_paragraphs=0)
        return row, None


def removal_order(removal: dict) -> tuple:
    """Order of a document's removals in ``removed_lines.csv``: by line, kind and rule."""
    return removal["line_no"], removal["kind"], removal["rule"]


def build_tables(corpus: Path, metadata_csv: Path | None = None,
                 corrections_csv: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> CorpusTables:
    """Read, clean and describe every file of ``corpus``, in memory (for small corpora and
    tests; the command line streams the same steps with :func:`policytext.scale.stream_corpus`).

    ``metadata_csv`` completes or overrides metadata; ``corrections_csv`` repairs
    known source corruption. Both are optional and keyed by ``doc_id``. Files above
    ``max_bytes`` are listed as ``too_large`` and not read.
    """
    curated = read_curated(metadata_csv)
    corrections = read_corrections(corrections_csv)
    documents, paragraphs, removed = [], [], []
    duplicates = MinHashDuplicateFilter()
    paths = corpus_files(corpus)
    for path, doc_id in progress(list(zip(paths, document_ids(paths))), "read and clean"):
        key = (doc_id, path.name)
        row, cleaned = process_file(path, doc_id, curated.get(key), corrections.get(key), max_bytes)
        documents.append(row)
        if cleaned is not None and row["status"] == OK and duplicates.keep(row, [p["text"] for p in cleaned.paragraphs]):
            paragraphs.extend(cleaned.paragraphs)
            removed.extend(cleaned.removed)
    files = {(d["doc_id"], d["file_name"]) for d in documents}
    warnings = unmatched_curated_rows(corpus, files, ((metadata_csv, curated), (corrections_csv, corrections)))
    documents.sort(key=lambda r: r["doc_id"])
    paragraphs.sort(key=lambda r: (r["doc_id"], r["para_no"]))
    removed.sort(key=lambda r: (r["doc_id"], *removal_order(r)))
    return CorpusTables(documents, paragraphs, removed, warnings)


def write_csv(path: Path, rows: list[dict], columns: tuple[str, ...]) -> None:
    """Write rows as UTF-8 CSV with ``\\n`` line ends, so rebuilds are byte-identical."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_tables(tables: CorpusTables, out: Path) -> None:
    """Write ``documents.csv``, ``paragraphs.csv`` and ``removed_lines.csv`` into ``out``."""
    out = Path(out)
    write_csv(out / "documents.csv", tables.documents, DOCUMENT_COLUMNS)
    write_csv(out / "paragraphs.csv", tables.paragraphs, PARAGRAPH_COLUMNS)
    write_csv(out / "removed_lines.csv", tables.removed_lines, REMOVED_COLUMNS)
