"""The corpus stage of the pipeline: streaming, over local processes, or on a Dask cluster.

Read, clean, convert, segment and count run per document (:func:`process_document`), in
chunks that go to worker processes (:class:`concurrent.futures.ProcessPoolExecutor`) or to a
Dask cluster (``Client.get_executor()``). Results come back in file order whatever finishes
first, so every run writes the same bytes. Only a few chunks are in flight at a time and rows
are written as they arrive; memory grows only with the vocabulary and the duplicate index
(:class:`MinHashDuplicateFilter`, of the order of a kilobyte per kept document).

Writes ``documents.csv``, ``paragraphs.csv`` and ``removed_lines.csv`` as
:func:`policytext.corpus.build.build_tables` does, ``term_counts.csv`` (doc_id, term, freq) and
``term_totals.csv`` (term, freq, n_docs), and ``paragraph_tokens.csv`` (each paragraph's tokens,
which the analysis stage reads instead of segmenting again); for a large corpus also the same tables as Parquet
part files of :data:`PARTITION_DOCUMENTS` documents under ``parquet/<table>/``.

The command line's corpus stage: ``python -m policytext build --corpus DIR --out DIR
[--processes N] [--scheduler tcp://HOST:8786] [--segmenter jieba]``.
"""
from __future__ import annotations

import csv
import shutil
from collections import Counter, deque
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from policytext.corpus import build, reading
from policytext.corpus.duplicates import MinHashDuplicateFilter
from policytext.corpus.metadata import read_curated
from policytext.progress import progress
from policytext.text import segment
from policytext.text.segmenters import segmenter

#: From this many files on, the tables are also written as partitioned Parquet.
LARGE_CORPUS_DOCUMENTS = 1000
#: Documents per Parquet part file.
PARTITION_DOCUMENTS = 500
#: Rows buffered before a Parquet row group is written.
ROW_GROUP_ROWS = 65_536
#: Documents sent to a worker at a time.
CHUNK_DOCUMENTS = 8
#: Segmenter of the pipeline: jieba-next, jieba's algorithm and dictionary with its inner loops
#: compiled, cuts every test text exactly as jieba does, several times faster (appendix A1
#: measures it; ``--segmenter jieba`` runs the reference implementation).
DEFAULT_SEGMENTER = "jieba_next"

TERM_COUNT_COLUMNS = ("doc_id", "term", "freq")
#: A paragraph's tokens joined by single spaces (the segmenter drops whitespace, so none holds
#: one): the analysis stage reads them instead of segmenting the corpus again.
PARAGRAPH_TOKEN_COLUMNS = ("para_id", "tokens")
TERM_TOTAL_COLUMNS = ("term", "freq", "n_docs")
#: The tables of the corpus stage, in the order they are written.
CORPUS_TABLES = ("documents", "paragraphs", "paragraph_tokens", "removed_lines", "term_counts", "term_totals")


# ---------------------------------------------------------------- one document

@dataclass(frozen=True)
class Task:
    """One file to process, with its ID and curated rows."""

    path: str
    doc_id: str
    curated: dict | None = None
    corrections: list[dict] | None = None


@dataclass
class DocumentResult:
    """Everything the pipeline derives from one file; table rows as tuples in column order."""

    row: dict
    paragraphs: list[tuple] = field(default_factory=list)
    removed: list[tuple] = field(default_factory=list)
    term_counts: list[tuple[str, int]] = field(default_factory=list)
    sketch: np.ndarray | None = None
    #: ``(para_id, tokens joined by spaces)`` of each paragraph
    tokens: list[tuple[str, str]] = field(default_factory=list)

    def texts(self) -> list[str]:
        """The clean text of each paragraph."""
        return [paragraph[_TEXT] for paragraph in self.paragraphs]


_TEXT = build.PARAGRAPH_COLUMNS.index("text")


def _as_rows(dicts: list[dict], columns: tuple[str, ...]) -> list[tuple]:
    return [tuple(d[c] for c in columns) for d in dicts]


#: Tokens already judged by :func:`policytext.text.segment.is_term` in this process, as two sets so
#: that a document's tokens are sorted into them with set operations (emptied past a million).
_TERMS: set[str] = set()
_NOT_TERMS: set[str] = set()
_MAX_JUDGED = 1 << 20


def count_terms(tokens: Iterable[str]) -> list[tuple[str, int]]:
    """Content terms (:func:`policytext.text.segment.is_term`) with their counts, most frequent first
    (ties by term)."""
    counts = Counter(tokens)
    new = counts.keys() - _TERMS - _NOT_TERMS
    if len(_TERMS) + len(_NOT_TERMS) + len(new) > _MAX_JUDGED:
        _TERMS.clear()
        _NOT_TERMS.clear()
        new = counts.keys()
    stopwords = segment.stopwords()
    for token in new:
        (_TERMS if segment.is_term(token, stopwords) else _NOT_TERMS).add(token)
    counted = [(term, counts[term]) for term in sorted(counts.keys() & _TERMS)]
    counted.sort(key=itemgetter(1), reverse=True)  # stable: equal counts stay in term order
    return counted


def process_document(task: Task, backend: str = DEFAULT_SEGMENTER,
                     max_bytes: int = reading.DEFAULT_MAX_BYTES) -> DocumentResult:
    """Read, clean, convert, segment and count one file."""
    row, cleaned = build.process_file(Path(task.path), task.doc_id, task.curated, task.corrections, max_bytes)
    if cleaned is None or row["status"] != reading.OK:
        return DocumentResult(row)
    cut = segmenter(backend)
    cuts = [cut(paragraph["text"]) for paragraph in cleaned.paragraphs]
    removed = sorted(cleaned.removed, key=build.removal_order)
    return DocumentResult(row, _as_rows(cleaned.paragraphs, build.PARAGRAPH_COLUMNS),
                          _as_rows(removed, build.REMOVED_COLUMNS),
                          count_terms(token for words in cuts for token in words),
                          MinHashDuplicateFilter.sketch("".join(p["text"] for p in cleaned.paragraphs)),
                          [(p["para_id"], " ".join(words)) for p, words in zip(cleaned.paragraphs, cuts)])


def process_chunk(tasks: list[Task], backend: str = DEFAULT_SEGMENTER,
                  max_bytes: int = reading.DEFAULT_MAX_BYTES) -> list[DocumentResult]:
    """:func:`process_document` over a chunk of tasks (the unit of work of a worker)."""
    return [process_document(task, backend, max_bytes) for task in tasks]


# ---------------------------------------------------------------- running the documents

def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ordered_map(executor: Executor, function, items: Iterable, window: int) -> Iterator:
    """``function`` over ``items`` on ``executor``, results in input order, at most
    ``window`` submitted and not yet consumed (so memory stays bounded)."""
    pending: deque = deque()
    for item in items:
        pending.append(executor.submit(function, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def run_documents(tasks: Iterable[Task], backend: str = DEFAULT_SEGMENTER, processes: int = 1,
                  executor: Executor | None = None, workers: int | None = None,
                  chunk_size: int = CHUNK_DOCUMENTS,
                  max_bytes: int = reading.DEFAULT_MAX_BYTES) -> Iterator[DocumentResult]:
    """Results of :func:`process_document` in task order: in this process, over ``processes``
    local processes, or on ``executor`` (e.g. ``dask.distributed.Client.get_executor()``,
    with ``workers`` its number of worker threads)."""
    work = partial(process_chunk, backend=backend, max_bytes=max_bytes)
    chunks = _chunks(tasks, chunk_size)
    if executor is None and processes <= 1:
        for chunk in chunks:
            yield from work(chunk)
        return
    own = executor is None
    if own:
        executor, workers = ProcessPoolExecutor(processes), processes
    try:
        for results in ordered_map(executor, work, chunks, window=2 * (workers or 1) + 1):
            yield from results
    finally:
        if own:
            executor.shutdown(cancel_futures=True)


def corpus_tasks(corpus_dir: Path, curated: dict | None = None,
                 corrections: dict | None = None) -> list[Task]:
    """One task per file of ``corpus_dir`` in file order, with its ID and its curated rows
    (``curated`` and ``corrections`` keyed by ``(doc_id, file_name)``)."""
    paths = reading.corpus_files(corpus_dir)
    curated, corrections = curated or {}, corrections or {}
    return [Task(str(path), doc_id, curated.get((doc_id, path.name)), corrections.get((doc_id, path.name)))
            for path, doc_id in zip(paths, reading.document_ids(paths))]


# ---------------------------------------------------------------- writing as rows arrive

class TableWriter:
    """One table written while rows arrive: to CSV, and to Parquet part files if asked."""

    def __init__(self, out: Path, name: str, columns: tuple[str, ...], parquet: bool) -> None:
        self.name, self.columns = name, columns
        self._csv_handle = open(Path(out) / f"{name}.csv", "w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._csv_handle, lineterminator="\n")
        self._csv.writerow(columns)
        parquet_dir = Path(out) / "parquet" / name
        shutil.rmtree(parquet_dir, ignore_errors=True)  # part files of an earlier run would mix in
        self._parquet_dir = parquet_dir if parquet else None
        self._buffer: list[tuple] = []
        self._part = 0
        self._writer = None
        self._schema = None
        self._n_files = 0

    def add(self, rows: Iterable) -> None:
        """Append rows (tuples in column order)."""
        rows = list(rows)
        self._csv.writerows(rows)
        if self._parquet_dir is not None:
            self._buffer.extend(rows)
            if len(self._buffer) >= ROW_GROUP_ROWS:
                self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._buffer:
            return
        if self._schema is None:
            self._schema = pa.schema([(c, pa.int64() if isinstance(v, int) else pa.string())
                                      for c, v in zip(self.columns, self._buffer[0])])
        if self._writer is None:
            self._parquet_dir.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(self._parquet_dir / f"part-{self._part:05d}.parquet", self._schema)
            self._n_files += 1
        arrays = [pa.array(list(values), type=t) for values, t in zip(zip(*self._buffer), self._schema.types)]
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self._schema))
        self._buffer = []

    def next_partition(self) -> None:
        """Close the current Parquet part file; later rows go to the next one."""
        if self._parquet_dir is None:
            return
        self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._part += 1

    def close(self) -> None:
        self.next_partition()
        self._csv_handle.close()
        if self._parquet_dir is not None and self._n_files == 0:
            import pyarrow as pa
            import pyarrow.parquet as pq

            self._parquet_dir.mkdir(parents=True, exist_ok=True)
            empty = pa.schema([(c, pa.string()) for c in self.columns])
            pq.write_table(empty.empty_table(), self._parquet_dir / "part-00000.parquet")


@dataclass
class StreamSummary:
    """What a streaming run did."""

    n_documents: int = 0
    n_counted: int = 0
    n_paragraphs: int = 0
    n_chars: int = 0
    n_terms: int = 0
    n_removals: int = 0
    parquet: bool = False
    warnings: list[str] = field(default_factory=list)
    #: ``(status, message)`` of every file that is not ``ok``, in file order
    problems: list[tuple[str, str]] = field(default_factory=list)


def stream_corpus(corpus_dir: Path, out: Path, metadata_csv: Path | None = None,
                  corrections_csv: Path | None = None, backend: str = DEFAULT_SEGMENTER, processes: int = 1,
                  executor: Executor | None = None, workers: int | None = None,
                  parquet: bool | None = None, chunk_size: int = CHUNK_DOCUMENTS,
                  max_bytes: int = reading.DEFAULT_MAX_BYTES) -> StreamSummary:
    """Run the pipeline over ``corpus_dir`` document by document and write the tables to ``out``.

    ``parquet=None`` writes Parquet when the corpus has :data:`LARGE_CORPUS_DOCUMENTS` files
    or more. Rows are in file order (the order :func:`~policytext.corpus.build.build_tables` reads in).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    curated, corrections = read_curated(metadata_csv), build.read_corrections(corrections_csv)
    tasks = corpus_tasks(corpus_dir, curated, corrections)
    summary = StreamSummary(parquet=len(tasks) >= LARGE_CORPUS_DOCUMENTS if parquet is None else parquet)
    writers = {name: TableWriter(out, name, columns, summary.parquet) for name, columns in (
        ("documents", build.DOCUMENT_COLUMNS), ("paragraphs", build.PARAGRAPH_COLUMNS),
        ("paragraph_tokens", PARAGRAPH_TOKEN_COLUMNS), ("removed_lines", build.REMOVED_COLUMNS), ("term_counts", TERM_COUNT_COLUMNS))}
    duplicates = MinHashDuplicateFilter()
    totals: Counter = Counter()
    n_docs: Counter = Counter()
    try:
        results = run_documents(tasks, backend, processes, executor, workers, chunk_size, max_bytes)
        for index, result in enumerate(progress(results, "read, clean, segment", total=len(tasks))):
            if index and index % PARTITION_DOCUMENTS == 0:
                for writer in writers.values():
                    writer.next_partition()
            row = result.row
            texts = result.texts()
            counted = (row["status"] == reading.OK and result.sketch is not None
                       and duplicates.keep(row, texts, result.sketch))
            writers["documents"].add(_as_rows([row], build.DOCUMENT_COLUMNS))
            summary.n_documents += 1
            if row["status"] != reading.OK:
                summary.problems.append((row["status"], row["message"]))
            if not counted:
                continue
            writers["paragraphs"].add(result.paragraphs)
            writers["paragraph_tokens"].add(result.tokens)
            writers["removed_lines"].add(result.removed)
            writers["term_counts"].add((row["doc_id"], term, n) for term, n in result.term_counts)
            for term, n in result.term_counts:
                totals[term] += n
            n_docs.update(map(itemgetter(0), result.term_counts))
            summary.n_counted += 1
            summary.n_paragraphs += len(result.paragraphs)
            summary.n_removals += len(result.removed)
            summary.n_chars += sum(map(len, texts))
    finally:
        for writer in writers.values():
            writer.close()
    total_writer = TableWriter(out, "term_totals", TERM_TOTAL_COLUMNS, summary.parquet)
    total_writer.add((term, n, n_docs[term]) for term, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))
    total_writer.close()
    summary.n_terms = len(totals)
    summary.warnings = build.unmatched_curated_rows(
        corpus_dir, {(t.doc_id, Path(t.path).name) for t in tasks},
        ((metadata_csv, curated), (corrections_csv, corrections)))
    return summary


def stream_on_dask(corpus_dir: Path, out: Path, scheduler, **options) -> StreamSummary:
    """:func:`stream_corpus` with the documents processed on a Dask cluster.

    ``scheduler`` is a ``dask.distributed.Client``, a ``LocalCluster`` or a scheduler
    address such as ``tcp://10.0.0.5:8786``. Every worker needs this package installed and
    the corpus at the same path; results are written here, by this process.
    """
    from distributed import Client

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        workers = sum(client.nthreads().values())
        return stream_corpus(corpus_dir, out, executor=client.get_executor(), workers=workers, **options)
    finally:
        if client is not scheduler:
            client.close()
