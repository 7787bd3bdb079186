"""Document metadata: what the text states, completed by a curated table.

Every value carries where it came from (``text`` or ``metadata.csv``); dates carry
a precision (``day``, ``month``, ``year``) and a provenance (``stated`` when read
from the text, ``inferred`` when fixed by reasoning recorded in a note).

The curated table also reads each article as a source (:data:`SOURCE_FIELDS`): its genre,
who first published it, where the copy in the corpus came from, the evidence for these, and
what the copy can therefore show.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

DATE_PRECISIONS = ("day", "month", "year")
DATE_PROVENANCES = ("stated", "inferred")
CURATED_FIELDS = ("title", "date", "date_stated", "date_precision", "date_provenance", "outlet", "publisher",
                  "author")

#: Written where the copy does not say (a publisher, an outlet).
NOT_STATED = "未注明（not stated）"

#: Genres of news text (``genre`` in ``data/metadata.csv``): code -> Chinese term (English gloss).
GENRES = {
    "central_media_repost": "转载央媒报道 (repost of a central-media feature)",
    "organisation_department_publicity": "组工宣传 (organisation-department publicity)",
    "conference_report": "会议报道 (conference report)",
    "joint_study_report": "联学共建报道 (joint-study report)",
    "sidelights_feature": "侧记 (sidelights: an account of an event told through impressions)",
    "news_report": "消息 (news report)",
    "feature": "通讯 (feature story)",
    "commentary": "评论 (commentary)",
    "interview": "访谈 (interview)",
    "official_document": "公文 (official document)",
}

#: Where the copy in the corpus came from (``copy_source``): code -> label. A content-farm
#: mirror re-renders other sites' pages to catch search traffic; its marks are spam lines and
#: text rewritten, e.g. into traditional script with pinyin glued after characters.
COPY_SOURCES = {
    "content_farm_mirror": "内容农场镜像 (content-farm mirror)",
    "reprint_site": "转载网站 (reprint on another site)",
    "outlet_page": "the outlet's own page",
    "not_stated": NOT_STATED,
}

#: Columns that read an article as a source; they are filled together or not at all.
SOURCE_FIELDS = ("genre", "original_publisher", "copy_source", "source_note", "what_it_shows")

#: Every column ``data/metadata.csv`` may have.
METADATA_COLUMNS = ("doc_id", "file_name", *CURATED_FIELDS, "note", *SOURCE_FIELDS)

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
        reader = csv.DictReader(handle)
        unknown = [c for c in reader.fieldnames or [] if c and c not in METADATA_COLUMNS]
        if unknown:
            raise ValueError(f"{path}: unknown column(s) {', '.join(unknown)}; "
                             f"the columns are {', '.join(METADATA_COLUMNS)}")
        rows = list(reader)
    curated = {}
    for line_no, row in enumerate(rows, start=2):
        row = {k: (v or "").strip() for k, v in row.items() if k}
        doc_id = row.get("doc_id", "")
        if not doc_id:
            raise ValueError(f"{path}: line {line_no} has no doc_id")
        date = row.get("date", "")
        if date and not date_precision(date):
            raise ValueError(f"{path}: line {line_no}: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        provenance = row.get("date_provenance", "")
        if provenance and provenance not in DATE_PROVENANCES:
            raise ValueError(f"{path}: line {line_no}: date_provenance must be one of {DATE_PROVENANCES}")
        check_source_fields(row, f"{path}: line {line_no}")
        curated[doc_id, row.get("file_name", "")] = row
    return curated


def check_source_fields(row: dict[str, str], where: str) -> None:
    """Raise ``ValueError`` (prefixed with ``where``) unless the source columns of a curated
    row are all empty, or all filled with a known genre and copy source."""
    filled = [f for f in SOURCE_FIELDS if row.get(f)]
    if not filled:
        return
    missing = [f for f in SOURCE_FIELDS if not row.get(f)]
    if missing:
        raise ValueError(f"{where}: {', '.join(filled)} given but {', '.join(missing)} empty; "
                         f"the columns {', '.join(SOURCE_FIELDS)} are filled together "
                         f"(write {NOT_STATED} where the copy does not say)")
    if row["genre"] not in GENRES:
        raise ValueError(f"{where}: genre {row['genre']!r} is not one of {', '.join(GENRES)}")
    if row["copy_source"] not in COPY_SOURCES:
        raise ValueError(f"{where}: copy_source {row['copy_source']!r} is not one of {', '.join(COPY_SOURCES)}")


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
    # the date as the text writes it: curated (e.g. a date told in the lede), else a date line
    if curated.get("date_stated"):
        merged["date_stated"], merged["date_stated_source"] = curated["date_stated"], "metadata.csv"
    else:
        value = extracted.get("date_stated", "")
        merged["date_stated"], merged["date_stated_source"] = value, "text" if value else ""
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
    merged.update({f: curated.get(f, "") for f in SOURCE_FIELDS})
    return merged
