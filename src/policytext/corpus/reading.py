"""Read every file of a corpus folder into text, recording encoding and status.

A file that cannot be read becomes a :class:`RawDocument` with a non-``ok``
status and a message naming it; it never raises and is never skipped.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from charset_normalizer import from_bytes

#: Status values a document can have after reading.
OK, EMPTY, BINARY, UNDECODABLE, NOT_CHINESE = "ok", "empty", "binary", "undecodable", "not_chinese"
TOO_LARGE = "too_large"

#: Files larger than this (bytes) are recorded as ``too_large`` and never read into memory.
#: A news article is 5-50 kB of text and a saved web page rarely above 3 MB; reading and
#: cleaning cost about 40 MB of memory per MB of text.
DEFAULT_MAX_BYTES = 5_000_000

_BOMS = (
    (b"\xef\xbb\xbf", "utf_8_sig"),
    (b"\xff\xfe", "utf_16"),
    (b"\xfe\xff", "utf_16"),
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UNREADABLE = re.compile(r"[^\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u201f\x20-\x7e\s]")
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_START = re.compile(r"^\s*(<!doctype html|<html[\s>])", re.IGNORECASE)


def is_html(path: Path, text: str) -> bool:
    """A saved web page, by its suffix or by how its text starts."""
    return path.suffix.lower() in _HTML_SUFFIXES or bool(_HTML_START.match(text[:1000]))


def html_main_text(html: str) -> str:
    """The article text of a saved web page (title first), boilerplate left out, via trafilatura."""
    import trafilatura

    body = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=True) or ""
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title or "").strip() if metadata else ""
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
    return body


@dataclass(frozen=True)
class RawDocument:
    """One input file: its identity, how it was decoded and its text."""

    doc_id: str
    file_name: str
    n_bytes: int
    sha256: str
    encoding: str
    source_format: str
    status: str
    message: str
    text: str


def doc_id_for(path: Path) -> str:
    """Stable document ID: the leading number of ``000_abc.txt``, else the file stem."""
    match = re.match(r"^(\d+)_", path.name)
    return match.group(1) if match else path.stem


def decode_bytes(data: bytes) -> tuple[str | None, str]:
    """Decode bytes as text; return ``(text, encoding)`` or ``(None, reason)``."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec), codec
    if b"\x00" in data and (utf16 := decode_utf16_without_bom(data)):
        return utf16
    try:
        return data.decode("utf-8"), "utf_8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        return None, "no text encoding fits the bytes"
    text = str(best)
    # GBK bytes are often reported as a narrower legacy code page; GB18030 is its superset.
    encoding = "gb18030" if best.encoding in {"gbk", "gb2312"} else best.encoding
    if encoding == "gb18030":
        text = data.decode("gb18030")
    return text, encoding


def decode_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """``(text, codec)`` if the bytes are UTF-16 (LE or BE) without a BOM, else ``None``.

    Chinese UTF-16 has no zero bytes except in ASCII characters, so the test is whether
    the decoded text reads as text: no control characters and at least 90% Han,
    CJK punctuation or printable ASCII (random bytes give scattered code points).
    """
    if len(data) % 2:
        return None
    for codec in ("utf_16_le", "utf_16_be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # Counting the few unreadable characters, not the many readable ones, keeps this fast.
        if _CONTROL.search(text) is None and len(_UNREADABLE.findall(text)) <= 0.1 * len(text):
            return text, codec
    return None


def decode_utf16(data: bytes) -> tuple[str, str] | None:
    """``(text, codec)`` if the bytes are UTF-16 with or without a BOM, else ``None``."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf_16"), "utf_16"
    return decode_utf16_without_bom(data)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in chunks (memory stays small for any size)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, doc_id: str | None = None) -> RawDocument:
    """Read one file; failures are reported in ``status`` and ``message``.
    ``doc_id`` overrides the ID taken from the file name.

    A file above ``max_bytes`` is hashed but not read: status ``too_large``.
    """
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        return RawDocument(doc_id=doc_id or doc_id_for(path), file_name=path.name, n_bytes=size,
                           sha256=file_sha256(path), encoding="", source_format="", status=TOO_LARGE,
                           message=f"{path.name}: {size:,} bytes, above the limit of {max_bytes:,} "
                                   "(--max-bytes); not read", text="")
    data = path.read_bytes()
    base = dict(
        doc_id=doc_id or doc_id_for(path),
        file_name=path.name,
        n_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    if not data.strip():
        return RawDocument(**base, encoding="", source_format="", status=EMPTY,
                           message=f"{path.name}: file is empty or whitespace only", text="")
    # NUL bytes near the start: UTF-16 text (decoded once, here) or binary content.
    nul_near_start = b"\x00" in data[:4096]
    utf16 = decode_utf16(data) if nul_near_start else None
    if nul_near_start and utf16 is None:
        return RawDocument(**base, encoding="", source_format="", status=BINARY,
                           message=f"{path.name}: binary content (NUL bytes), not text", text="")
    text, encoding = utf16 or decode_bytes(data)
    if text is None:
        return RawDocument(**base, encoding="", source_format="", status=UNDECODABLE,
                           message=f"{path.name}: cannot be decoded ({encoding})", text="")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    source_format = "text"
    if is_html(path, text):
        text, source_format = html_main_text(text), "html"
    base.update(encoding=encoding, source_format=source_format)
    if not text.strip():
        what = "no article text found in the web page" if source_format == "html" else "no text after decoding"
        return RawDocument(**base, status=EMPTY, message=f"{path.name}: {what}", text="")
    if not _CJK.search(text):
        return RawDocument(**base, status=NOT_CHINESE,
                           message=f"{path.name}: decoded as {encoding} but holds no Chinese characters",
                           text=text)
    return RawDocument(**base, status=OK, message="", text=text)


def corpus_files(folder: Path) -> list[Path]:
    """Every regular, non-hidden file of a corpus folder, sorted by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def document_ids(paths: list[Path]) -> list[str]:
    """The ID of each file (:func:`doc_id_for`); IDs that collide fall back to the file name."""
    ids = [doc_id_for(p) for p in paths]
    counts = Counter(ids)
    return [doc_id if counts[doc_id] == 1 else p.name for p, doc_id in zip(paths, ids)]


def iter_corpus(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument]:
    """Read the files of ``folder`` one at a time (only one file's text in memory)."""
    paths = corpus_files(folder)
    for path, doc_id in zip(paths, document_ids(paths)):
        yield read_document(path, max_bytes, doc_id)


def read_corpus(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawDocument]:
    """Read every file of ``folder``; IDs that collide fall back to the file name."""
    return list(iter_corpus(folder, max_bytes))


def corpus_lines(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """Every non-blank line of the readable files of ``folder``, stripped, as scraped (before
    cleaning)."""
    return [line.strip() for document in iter_corpus(folder, max_bytes) if document.text
            for line in document.text.split("\n") if line.strip()]
