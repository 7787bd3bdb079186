"""Document metadata: what the text states, completed by a curated table.

Every value carries where it came from (``text`` or ``metadata.csv``); dates carry
a precision (``day``, ``month``, ``year``) and a provenance (``stated`` when read
from the text, ``inferred`` when fixed by reasoning recorded in a note).
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

DATE_PRECISIONS = ("day", "month", "year")
DATE_PROVENANCES = ("stated", "inferred")
CURATED_FIELDS = ("title", "date", "date_precision", "date_provenance", "outlet", "publisher", "author")

_FULL_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")


def iso_date(text: str) -> str | None:
    """``2023-08-08``, ``2023年8月8日`` or ``2023/8/8`` as an ISO date, else ``None``."""
    match = _FULL_DATE.search(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def date_precision(iso: str) -> str:
    """Precision of an ISO date string by its length (``2023``, ``2023-08``, ``2023-08-08``)."""
    return {4: "year", 7: "month", 10: "day"}.get(len(iso), "")


def clean_author(credit: str, outlet: str = "") -> str:
    """Names from a credit such as ``中国访谈网张国军、特约撰稿人胡立强`` -> ``张国军、胡立强``."""
    names = []
    for part in re.split(r"[、，,；;\s]+", credit):
        if outlet:
            part = part.replace(outlet, "")
        part = re.sub(r"^(特约撰稿人|特约记者|通讯员|记者|撰稿人|实习生|编辑|作者|文|图)[：:]?", "", part)
        if part:
            names.append(part)
    return "、".join(names)


def read_curated(path: Path | None) -> dict[tuple[str, str], dict[str, str]]:
    """Curated metadata by ``(doc_id, file_name)``; empty cells mean "no override"."""
    if path is None or not Path(path).exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    curated = {}
    for line_no, row in enumerate(rows, start=2):
        doc_id = (row.get("doc_id") or "").strip()
        if not doc_id:
            raise ValueError(f"{path}: line {line_no} has no doc_id")
        date = (row.get("date") or "").strip()
        if date and not date_precision(date):
            raise ValueError(f"{path}: line {line_no}: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        provenance = (row.get("date_provenance") or "").strip()
        if provenance and provenance not in DATE_PROVENANCES:
            raise ValueError(f"{path}: line {line_no}: date_provenance must be one of {DATE_PROVENANCES}")
        curated[doc_id, (row.get("file_name") or "").strip()] = {k: (v or "").strip() for k, v in row.items() if k}
    return curated


def merge_metadata(extracted: dict[str, str], curated: dict[str, str] | None) -> dict[str, str]:
    """Combine extracted and curated values, recording the source of each field."""
    curated = curated or {}
    merged: dict[str, str] = {}
    for field in ("title", "outlet", "publisher", "author"):
        if curated.get(field):
            merged[field], merged[f"{field}_source"] = curated[field], "metadata.csv"
        else:
            value = extracted.get(field, "")
            merged[field], merged[f"{field}_source"] = value, "text" if value else ""
    merged["date_stated"] = extracted.get("date_stated", "")
    if curated.get("date"):
        merged["date"] = curated["date"]
        merged["date_precision"] = curated.get("date_precision") or date_precision(curated["date"])
        merged["date_provenance"] = curated.get("date_provenance") or "inferred"
        merged["date_source"] = "metadata.csv"
    elif extracted.get("date"):
        merged["date"] = extracted["date"]
        merged["date_precision"] = date_precision(extracted["date"])
        merged["date_provenance"] = "stated"
        merged["date_source"] = "text"
    else:
        merged.update(date="", date_precision="", date_provenance="", date_source="")
    merged["metadata_note"] = curated.get("note", "")
    return merged
