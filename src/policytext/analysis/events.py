"""Dated events and key quantities read from the paragraphs.

Date expressions are found with a regular expression (:data:`DATE_PATTERN`), parsed with
jionlp's ``parse_time`` against the article's publication date, and corrected by tested rules
where jionlp is wrong for this corpus's forms (each correction is named in the ``correction``
column). A date whose year is not written in the expression is resolved by inference and
flagged ``inferred``; ``base_provenance`` says whether the publication date it was resolved
against is itself stated or inferred.

Quantities are numbers with a unit (Arabic or Chinese numerals, 万/亿 multipliers, percentages),
with qualifiers such as 多/余/超/近/约 kept as an ``approximate`` flag; dates and ordinals
are not quantities.
"""
from __future__ import annotations

import calendar
import contextlib
import io
import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from policytext import tables
from policytext.paths import curation_path
from policytext.text.sentences import CLAUSE_QUOTES, sentence_at

EVENT_COLUMNS = (
    "event_id", "doc_id", "para_id", "expression", "kind", "date_start", "date_end", "precision",
    "inferred", "resolved_from", "base_date", "base_provenance", "jionlp_start", "jionlp_end",
    "correction", "actors", "actors_from", "clause",
)
QUANTITY_COLUMNS = (
    "quantity_id", "doc_id", "para_id", "expression", "number", "value", "unit", "approximate",
    "qualifier", "measures", "period", "before", "counted", "clause",
)

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_YEAR = r"(?:\d{4}年|今年|去年|前年|同年|明年)"
_CONNECTOR = r"(?:至|到|-|—|–|~|～)"
#: A date expression; named groups tell its form (see :func:`find_date_expressions`).
DATE_PATTERN = re.compile(
    rf"(?<![\d.])(?P<prefix>每年|截至|截止)?"
    rf"(?P<anaphor>[一两二三四五六七八九十\d]+天后的)?"
    rf"(?:"
    rf"(?P<year_d>{_YEAR})?(?P<month_d>\d{{1,2}})月(?P<day>\d{{1,2}})日"
    rf"(?:{_CONNECTOR}(?:(?P<month_d2>\d{{1,2}})月)?(?P<day2>\d{{1,2}})日)?"
    rf"|(?P<year_m>{_YEAR})?(?P<month>\d{{1,2}})月(?!份?\d)"
    rf"(?:{_CONNECTOR}(?P<month2>\d{{1,2}})月)?(?P<month_part>底|初|中旬|上旬|下旬)?"
    rf"|(?P<year_p>{_YEAR})?(?P<year_part>上半年|下半年|底|初)"
    rf"|(?P<year>{_YEAR})"
    rf"|(?P<duration>[一两二三四五六七八九十]+年多?)(?=以?来)"
    rf")"
    rf"(?P<since>以来|开始|至今|来)?"
)
_TITLE_SPAN = re.compile(r"《[^》]*》")


@dataclass(frozen=True)
class DateReading:
    """One date expression read in context."""

    expression: str
    start: int
    end: int
    kind: str           # point, range, since, as_of, recurring
    date_start: str
    date_end: str
    precision: str      # day, month, month_part, half_year, year_end, year
    inferred: bool
    resolved_from: str  # text, publication_date, previous_date
    jionlp_start: str
    jionlp_end: str
    correction: str


@lru_cache(maxsize=1)
def _jionlp():
    """jionlp, imported once with its two-line stdout banner swallowed."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    return jionlp


@lru_cache(maxsize=65536)  # a corpus repeats its date expressions, and jionlp is slow to read one
def jionlp_parse(expression: str, base: date) -> tuple[str, str] | None:
    """jionlp's reading of an expression as ISO (start, end) dates, or None when it fails."""
    jio = _jionlp()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            result = jio.parse_time(expression, time_base={"year": base.year, "month": base.month,
                                                           "day": base.day})
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    times = result.get("time")
    if isinstance(times, dict):  # time_period: the point of the first occurrence
        times = times.get("point", {}).get("time")
    if not times:
        return None
    start, end = (t if t == "inf" else t[:10] for t in times[:2])
    return start, end


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_year(iso: str, years: int) -> str:
    day = date.fromisoformat(iso)
    try:
        return day.replace(year=day.year + years).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28).isoformat()


def _explicit_year(token: str | None, base: date, previous: date | None) -> tuple[int | None, str]:
    """Year written or referred to by a year token, and how it was resolved."""
    if not token:
        return None, ""
    if token[:4].isdigit():
        return int(token[:4]), "text"
    if token == "同年":
        if previous is None:
            return base.year, "publication_date"
        return previous.year, "previous_date"
    offset = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}[token]
    return base.year + offset, "publication_date"


def _rule_reading(match: re.Match, year: int) -> tuple[str, str, str]:
    """(start, end, precision) computed by this module's own rules for one match in a year."""
    g = match.groupdict()
    if g["day"]:
        start = date(year, int(g["month_d"]), int(g["day"]))
        end_month = int(g["month_d2"] or g["month_d"])
        end = date(year, end_month, int(g["day2"])) if g["day2"] else start
        return start.isoformat(), end.isoformat(), "day"
    if g["month"]:
        month, month2 = int(g["month"]), int(g["month2"] or g["month"])
        start, end = date(year, month, 1), _month_end(year, month2)
        part = g["month_part"]
        if part == "底":  # as jionlp reads 月底: the last days from the 25th
            start = date(year, month2, 25)
        elif part == "下旬":
            start = date(year, month2, 21)
        elif part in ("初", "上旬"):
            end = date(year, month, 10)
        elif part == "中旬":
            start, end = date(year, month, 11), date(year, month, 20)
        return start.isoformat(), end.isoformat(), "month_part" if part else "month"
    part = g["year_part"]
    if part == "上半年":
        return f"{year}-01-01", f"{year}-06-30", "half_year"
    if part == "下半年":
        return f"{year}-07-01", f"{year}-12-31", "half_year"
    if part == "底":
        return f"{year}-11-01", f"{year}-12-31", "year_end"
    if part == "初":
        return f"{year}-01-01", f"{year}-02-28", "year_start"
    return f"{year}-01-01", f"{year}-12-31", "year"


def _is_attributive_year(match: re.Match, text: str) -> bool:
    """A bare year used as part of a name (``2023年干部能力素质提升班``), not as a date."""
    g = match.groupdict()
    if not g["year"] or g["since"] or g["prefix"]:
        return False
    following = text[match.end():match.end() + 1]
    return following not in ("，", ",", "、", "")


def find_date_expressions(text: str) -> list[re.Match]:
    """Date expressions in a paragraph, outside 《titles》 and not used attributively."""
    masked = _TITLE_SPAN.sub(lambda m: "□" * len(m.group()), text)
    found = []
    for match in DATE_PATTERN.finditer(masked):
        if not match.group().strip() or _is_attributive_year(match, masked):
            continue
        if match.group() in ("来", "开始", "以来", "至今"):
            continue
        if match.group("year_part") in ("底", "初") and not match.group("year_p"):
            continue
        found.append(match)
    return found


def _kind(g: dict) -> str:
    return ("recurring" if g["prefix"] == "每年" else "as_of" if g["prefix"] in ("截至", "截止")
            else "since" if g["since"] or g["duration"] else
            "range" if (g["day2"] or g["month2"]) else "point")


#: The correction of a date read in a document whose publication date is unknown.
NO_PUBLICATION_DATE = "no_publication_date"

#: How the book names the precision of a reading and the corrections of jionlp's reading
#: (the tables keep the codes).
PRECISION_NAMES = {"day": "day", "month": "month", "month_part": "part of a month",
                   "half_year": "half-year", "year_end": "year-end", "year": "year"}
CORRECTION_NAMES = {"jionlp_failed": "jionlp read no date",
                    "rule_differs_from_jionlp": "the rule's reading differs from jionlp's",
                    "open_end_set_to_publication": "open end set to the publication date",
                    NO_PUBLICATION_DATE: "no publication date to resolve it"}


def correction_names(corrections: str) -> str:
    """The corrections of a reading (codes joined by ``;``) as the book names them."""
    return "; ".join(CORRECTION_NAMES.get(code, code) for code in corrections.split(";") if code)


def read_date_without_publication_date(match: re.Match, previous: date | None = None) -> DateReading:
    """A date expression of a document whose publication date is unknown (no date in its text or
    in the curated metadata): read as :func:`read_date` reads it where its year is written (or,
    for 同年, given by the previous date), a 'since' left open at its end, as there is no 'now'
    to close it; any other expression (今年, a date without its year) is kept with empty dates,
    unresolved, so that it is counted, not dropped. Both carry the correction
    :data:`NO_PUBLICATION_DATE` where the missing date matters."""
    g = match.groupdict()
    token = g["year_d"] or g["year_m"] or g["year_p"] or g["year"]
    anchored = bool(token) and (token[:4].isdigit() or (token == "同年" and previous is not None))
    if anchored and not g["duration"] and not g["anaphor"] and g["prefix"] != "每年":
        year = previous.year if token == "同年" else int(token[:4])
        reading = read_date(match, date(year, 12, 31), previous)
        if reading.kind != "since":
            return reading
        return replace(reading, date_end="", correction=NO_PUBLICATION_DATE)
    return DateReading(expression=match.group(), start=match.start(), end=match.end(), kind=_kind(g),
                       date_start="", date_end="", precision="", inferred=True, resolved_from="",
                       jionlp_start="", jionlp_end="", correction=NO_PUBLICATION_DATE)


def read_date(match: re.Match, base: date, previous: date | None = None) -> DateReading:
    """Resolve one date expression against a publication date (and the previous event's date)."""
    g = match.groupdict()
    expression = match.group()
    year_token = g["year_d"] or g["year_m"] or g["year_p"] or g["year"]
    year, resolved_from = _explicit_year(year_token, base, previous)
    kind = _kind(g)
    core = expression
    for piece in (g["prefix"], g["anaphor"]):
        if piece:
            core = core.replace(piece, "", 1)
    if year_token and not year_token[:4].isdigit() and year is not None:
        core = core.replace(year_token, f"{year}年", 1)  # 同年/今年 written out for jionlp
    if g["anaphor"] and previous is not None:
        resolved_from = "previous_date"
    jio_base = previous if resolved_from == "previous_date" and previous else base
    parsed = jionlp_parse(core, jio_base)
    jio_start, jio_end = parsed if parsed else ("", "")
    corrections = []

    if g["duration"]:
        start, end, precision = jio_start, base.isoformat(), "year"
        resolved_from = "publication_date"
        if not parsed:
            corrections.append("jionlp_failed")
    else:
        rule_year = year if year is not None else (jio_base.year)
        start, end, precision = _rule_reading(match, rule_year)
        if year is None:
            resolved_from = resolved_from or "publication_date"
            if resolved_from == "publication_date" and start > base.isoformat() and kind != "recurring":
                start, end = _shift_year(start, -1), _shift_year(end, -1)
                corrections.append("yearless_date_after_publication")
        if kind == "since":
            end = base.isoformat()
        if kind == "recurring":
            end = start
        if not parsed:
            corrections.append("jionlp_failed")
        elif kind not in ("since", "recurring") and (jio_start, jio_end) != (start, end):
            corrections.append("rule_differs_from_jionlp")
        elif kind == "since" and (jio_start != start or jio_end == "inf"):
            corrections.append("open_end_set_to_publication")
    return DateReading(expression=expression, start=match.start(), end=match.end(), kind=kind,
                       date_start=start, date_end=end, precision=precision,
                       inferred=resolved_from != "text", resolved_from=resolved_from,
                       jionlp_start=jio_start, jionlp_end=jio_end,
                       correction=";".join(corrections))


# --- clauses and actors -------------------------------------------------------------------

_TITLES = (
    r"(?:市委常委、组织部部长|市委副书记、代市长|市委副书记、市长|常务副市长|副市长|代市长|市长|"
    r"市委书记|省委书记|副书记|局党组书记、局长|局长|书记|主任|部长|院长|总监|研究员)"
)
_PLACE = r"(?:[\u4e00-\u9fff]{2,3}?(?:市|省))?"
_NAME = r"(?:欧阳|司马|诸葛|上官)?[\u4e00-\u9fff]{1,2}?"
_AFTER_NAME = (r"(?=[，、。：:（(]|\s|提出|主持|率|带领|会见|表示|在|到|强调|指出|说|出席|希望|还|"
               r"一行|作出|讲话|调研|介绍|认为|相信)")
OFFICIAL_PATTERN = re.compile(rf"{_PLACE}(?<!总){_TITLES}\s?(?P<name>{_NAME}[\u4e00-\u9fff]){_AFTER_NAME}")
_NOT_NAME_START = set("带在和等与及要也都将就到对以向亲之们")

_BODY_SUFFIX = (r"(?:组织部|市委|市政府|人民政府|党政代表团|代表团|考察团|参访团|党工委|党委|党组(?!织)|工委|"
                r"街道|镇|局|集团|委员会|研究院|党校)")
_BODY_MIDDLE = r"[^\d\s，。、；：:“”《》（）()与及等带率到赴在组召举签提对向把将为的了是有以各一]"
BODY_PATTERN = re.compile(
    rf"(?:(?:中山|深圳|郴州|广州)市?|市){_BODY_MIDDLE}{{0,10}}?{_BODY_SUFFIX}(?!长|书记|副)"
    rf"|[\u4e00-\u9fff]{{2,3}}(?:街道|镇)(?=组织|党委|党工委|[，、与])"
)
_NOT_BODY = re.compile(r"^市?(?:镇|街道|局|党委|党组)$")


#: After an official's name: the requirements or spirit of that official's speech or instructions,
#: which a meeting relays (贯彻落实……省委书记黄坤明讲话要求, ……黄坤明调研中山指示要求); the
#: official is cited, not present.
_CITED_SPEECH = re.compile(r"(?:讲话|[^，。；]{0,6}?指示)(?:要求|精神)")


def _cited_only(name: str, text: str) -> bool:
    """Whether every mention of ``name`` in ``text`` cites that official's speech or instructions."""
    return all(_CITED_SPEECH.match(text, m.end()) for m in re.finditer(re.escape(name), text))


def _official_matches(text: str) -> list[re.Match]:
    return [m for m in OFFICIAL_PATTERN.finditer(text)
            if m.group("name")[0] not in _NOT_NAME_START and not _CITED_SPEECH.match(text, m.end())]


def find_officials(clause: str) -> list[str]:
    """Named officials with their title, e.g. ``市委书记郭文海``."""
    return [match.group().replace(" ", "") for match in _official_matches(clause)]


def find_actors(clause: str, known_officials: dict[str, str] | None = None) -> list[str]:
    """Named officials first, then bodies (a 组织部, 市政府, 镇, 街道 …) named in the clause.

    ``known_officials`` maps names seen elsewhere with a title (``郭文海``) to that titled form,
    so that a bare later mention (``郭文海率党政代表团``) is recognised too.
    """
    actors = find_officials(clause)
    for name, titled in sorted((known_officials or {}).items()):
        if name in clause and not _cited_only(name, clause) and not any(name in actor for actor in actors):
            actors.append(titled)
    for match in BODY_PATTERN.finditer(clause):
        body = match.group()
        if _NOT_BODY.match(body) or any(body in actor or actor in body for actor in actors):
            continue
        actors.append(body)
    return list(dict.fromkeys(actors))


def known_officials(texts) -> dict[str, str]:
    """Names of officials found with a title anywhere in ``texts``, mapped to their first titled form."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _official_matches(text):
            found.setdefault(match.group("name"), match.group().replace(" ", ""))
    return found


# --- quantities -------------------------------------------------------------------------------

#: Units after a number; longest first so that 人次 wins over 人.
UNITS = (
    "平方公里", "万人次", "亿元", "万元", "人次", "辆次", "场次", "公里", "%",
    "人", "名", "个", "项", "期", "批", "家", "座", "条", "次", "场", "套", "所", "位", "门", "天", "元",
)
_ARABIC = r"\d+(?:\.\d+)?"
_CHINESE = rf"[{_CN_DIGITS}万亿]+"
QUANTITY_PATTERN = re.compile(
    rf"(?P<pre>超过|超|近|约|逾|达)?"
    rf"(?P<number>{_ARABIC}|{_CHINESE})"
    rf"(?P<multiplier>万|亿)?"
    rf"(?P<post>多|余)?"
    rf"(?P<unit>{'|'.join(re.escape(u) for u in UNITS)})"
    rf"(?P<tail>以上|左右)?"
)
_ORDINAL_BEFORE = ("第", "届", "+", "首")


def _number_value(number: str) -> Decimal:
    """``12300`` or ``一万二千三百`` as an exact decimal (Chinese numerals through cn2an)."""
    if re.fullmatch(_ARABIC, number):
        return Decimal(number)
    import cn2an

    return Decimal(str(cn2an.cn2an(number, "smart")))


def find_quantities(text: str, date_spans: list[tuple[int, int]] | None = None) -> list[dict]:
    """Numbers with a unit in a paragraph; skips dates, ordinals and the article 一."""
    date_spans = date_spans or []
    quantities = []
    for match in QUANTITY_PATTERN.finditer(text):
        start, end = match.span()
        number_start = match.start("number")
        if any(s < end and start < e for s, e in date_spans):
            continue
        before = text[max(0, number_start - 1):number_start]
        if before in _ORDINAL_BEFORE or (before.isdigit()):
            continue
        after = text[end:end + 1]
        number, unit = match.group("number"), match.group("unit")
        chinese = not re.fullmatch(_ARABIC, number)
        if chinese and (number in ("一", "万", "亿", "千", "百") or before in _CN_DIGITS):
            continue
        if unit == "天" and after == "后":
            continue
        if unit == "次" and after in ("全", "党", "产"):  # 四次全会, 三次产业
            continue
        if unit == "套" and after == "班":  # 四套班子
            continue
        if chinese and text[start - 1:start] == "“":  # slogans: “六个一体化”, “两个维护”
            continue
        if after == "+" or text[end - 1:end] == "+":
            continue
        try:
            value = _number_value(number)
        except (ValueError, KeyError):
            continue
        multiplier = match.group("multiplier") or ""
        unit_out = unit
        if unit == "万人次":
            multiplier, unit_out = "万", "人次"
        elif unit in ("亿元", "万元"):
            multiplier, unit_out = unit[0], "元"
        value *= {"": 1, "万": 10_000, "亿": 100_000_000}[multiplier]
        value = int(value) if value == value.to_integral_value() else float(value)
        qualifier = "".join(q for q in (match.group("pre"), match.group("post"), match.group("tail")) if q)
        approximate = bool(qualifier) and qualifier != "达"
        counted = re.split(r"[，。、；：:（）()]", text[end:end + 16])[0].removeprefix("的")
        counted = re.split(r"[赴到走开举实都与\d]", counted)[0]
        if counted.count("“") != counted.count("”"):
            counted = counted.strip("“”")
        counted = counted if len(counted) >= 2 else ""
        lead = re.split(r"[，。、；：:（）()“”]", text[max(0, start - 16):start])[-1]
        measures = counted or lead
        quantities.append(dict(expression=match.group(), number=number, value=value, unit=unit_out,
                            approximate=approximate, qualifier=qualifier,
                            before=text[max(0, start - 12):start], counted=counted, measures=measures,
                            start=start, end=end))
    return quantities


# --- tables --------------------------------------------------------------------------------

def _publication_dates(documents: pd.DataFrame) -> dict[str, tuple[date, str]]:
    dates = {}
    for row in documents.itertuples():
        if row.date and len(row.date) == 10:
            dates[row.doc_id] = (date.fromisoformat(row.date), row.date_provenance)
    return dates


def build_event_tables(paragraphs: pd.DataFrame, documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events (one row per dated expression) and quantities (one row per number with a unit)."""
    bases = _publication_dates(documents)
    events, quantities = [], []
    officials = known_officials(paragraphs["text"])
    ordered = paragraphs.assign(order_no=paragraphs["para_no"].astype(int)).sort_values(["doc_id", "order_no"])
    for doc_id, doc_paragraphs in ordered.groupby("doc_id", sort=True):
        # a document without a publication date keeps its dates, read as far as they can be
        base, base_provenance = bases.get(doc_id, (None, ""))
        previous: date | None = None
        for row in doc_paragraphs.itertuples():
            text = row.text
            spans, para_events = [], []
            for match in find_date_expressions(text):
                reading = (read_date(match, base, previous) if base is not None
                           else read_date_without_publication_date(match, previous))
                spans.append((reading.start, reading.end))
                clause = sentence_at(text, reading.start, reading.end, quotes=CLAUSE_QUOTES)
                actors, actors_from = find_actors(clause, officials), "clause"
                if not actors:
                    actors, actors_from = find_actors(text, officials), "paragraph"
                para_events.append(dict(
                    doc_id=doc_id, para_id=row.para_id, expression=reading.expression,
                    kind=reading.kind, date_start=reading.date_start, date_end=reading.date_end,
                    precision=reading.precision, inferred=reading.inferred,
                    resolved_from=reading.resolved_from,
                    base_date=base.isoformat() if reading.resolved_from == "publication_date" else "",
                    base_provenance=base_provenance if reading.resolved_from == "publication_date" else "",
                    jionlp_start=reading.jionlp_start, jionlp_end=reading.jionlp_end,
                    correction=reading.correction, actors="；".join(actors),
                    actors_from=actors_from if actors else "",
                    clause=clause, _pos=reading.start, _no=row.order_no))
                if reading.kind in ("point", "range") and reading.date_start:
                    previous = date.fromisoformat(reading.date_end)
            events += para_events
            for quantity in find_quantities(text, spans):
                clause = sentence_at(text, quantity["start"], quantity["end"], quotes=CLAUSE_QUOTES)
                period = "；".join(e["expression"] for e in para_events if e["clause"] == clause)
                quantities.append(dict(doc_id=doc_id, para_id=row.para_id, clause=clause, period=period,
                                       _pos=quantity.pop("start"), _no=row.order_no,
                                       **{k: v for k, v in quantity.items() if k != "end"}))
    events_df = pd.DataFrame(events, columns=[*EVENT_COLUMNS, "_pos", "_no"])
    events_df = events_df.sort_values(["doc_id", "_no", "_pos"], kind="stable").reset_index(drop=True)
    events_df["event_id"] = [f"E{i:03d}" for i in range(1, len(events_df) + 1)]
    quantities_df = pd.DataFrame(quantities, columns=[*QUANTITY_COLUMNS, "_pos", "_no"], dtype=object)
    quantities_df = quantities_df.sort_values(["doc_id", "_no", "_pos"], kind="stable").reset_index(drop=True)
    quantities_df["quantity_id"] = [f"Q{i:03d}" for i in range(1, len(quantities_df) + 1)]
    return (events_df[list(EVENT_COLUMNS)], quantities_df[list(QUANTITY_COLUMNS)])


TRAINING_WORDS = "培训|学习|交流|研修"
#: Units that count people (人, and the measure word 名), and the unit that counts person-times
#: (人次: one person on two courses counts twice). The two are never added or drawn on one axis.
PEOPLE_UNITS = ("人", "名")
PERSON_TIME_UNITS = ("人次",)


def training_scale(quantities: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Counts of people (人, 名) and of person-times (人次) in clauses about training or exchange,
    with the article's date and ``counts`` (``people`` or ``person-times``)."""
    people = quantities[quantities["unit"].isin(PEOPLE_UNITS + PERSON_TIME_UNITS)]
    selected = people[people["clause"].str.contains(TRAINING_WORDS)]
    selected = selected.assign(counts=["person-times" if unit in PERSON_TIME_UNITS else "people"
                                       for unit in selected["unit"]])
    dated = selected.merge(documents[["doc_id", "date", "date_provenance"]], on="doc_id", how="left")
    return dated.sort_values(["date", "para_id", "quantity_id"], kind="stable").reset_index(drop=True)


#: Units of the indicators of scale (money, growth rates, person-times, items, sessions, places).
INDICATOR_UNITS = ("元", "%", "人次", "项", "套", "场次", "辆次", "平方公里")
INDICATOR_COLUMNS = ("expression", "value", "unit", "approximate", "measures", "period")
#: The blind annotation's reading of a quantity, shown beside the extractor's (column names).
ANNOTATED_COLUMNS = {"measures": "annotated measures", "period": "annotated period",
                     "kind": "annotated kind"}


def _number_key(value) -> str:
    """A value as the blind annotation and the extractor can both write it (six digits)."""
    try:
        return f"{float(value):.6g}"
    except (TypeError, ValueError):
        return str(value).strip()


def _paragraph_order(para_id: str) -> tuple[str, int]:
    doc_id, _, number = para_id.partition(":")
    return doc_id, int(number) if number.isdigit() else 0


def indicator_table(quantities: pd.DataFrame, units=INDICATOR_UNITS,
                    annotation: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quantities in ``units`` by paragraph, the value written out with thousands separators.

    With ``annotation`` (the blind annotation of quantities: ``item_id`` = ``para_id.sentence_no``,
    ``expression``, ``value``, ``unit``, ``measures``, ``period``, ``kind``), each quantity is
    set beside the annotated one of the same value and unit in the same paragraph (the n-th with
    the n-th), with the annotator's ``measures``, ``period`` and ``kind``; ``read_by`` says
    whether ``both``, only the ``extractor`` or only the ``annotation`` have it.
    """
    selected = quantities[quantities["unit"].isin(units)]
    table = selected.assign(value=selected["value"].map("{:,.15g}".format))[["para_id", *INDICATOR_COLUMNS]]
    if annotation is None:
        return table.set_index("para_id")
    ours = table.assign(_number=selected["value"].map(_number_key).tolist())
    stated = annotation[(annotation["expression"] != "") & annotation["unit"].isin(units)]
    theirs = pd.DataFrame({
        "para_id": stated["item_id"].str.rsplit(".", n=1).str[0], "unit": stated["unit"],
        "_number": stated["value"].map(_number_key), "_expression": stated["expression"],
        "_value": stated["value"],
        **{name: stated[column] for column, name in ANNOTATED_COLUMNS.items()},
    })
    keys = ["para_id", "unit", "_number"]
    ours["_n"] = ours.groupby(keys).cumcount()
    theirs["_n"] = theirs.groupby(keys).cumcount()
    ours["_position"] = range(len(ours))
    merged = ours.merge(theirs, on=[*keys, "_n"], how="outer", indicator=True, sort=False)
    only_annotated = merged["_merge"] == "right_only"
    merged.loc[only_annotated, "expression"] = merged.loc[only_annotated, "_expression"]
    merged.loc[only_annotated, "value"] = [f"{float(v):,.15g}" for v in merged.loc[only_annotated, "_value"]]
    merged["read_by"] = merged["_merge"].map({"both": "both", "left_only": "extractor",
                                              "right_only": "annotation"}).astype(str)
    merged = merged.fillna({"approximate": "", "measures": "", "period": "",
                            **{name: "" for name in ANNOTATED_COLUMNS.values()}})
    merged["_order"] = merged["para_id"].map(_paragraph_order)
    merged = merged.sort_values(["_order", "_position"], kind="stable", na_position="last")
    return merged.set_index("para_id")[[*INDICATOR_COLUMNS, *ANNOTATED_COLUMNS.values(), "read_by"]]


#: Tables of :func:`event_tables`.
TABLES = ("events", "quantities")


def event_tables(paragraphs: pd.DataFrame, documents: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``events`` and ``quantities`` from all paragraphs (titles and headings too) and the documents."""
    events, quantities = build_event_tables(paragraphs, documents)
    return {"events": events, "quantities": quantities}


# --- the timeline: curated milestones and lanes ----------------------------------------------

#: Kinds of event that have a date (the others are periods, recurring days or dates of a statistic).
DATED_KINDS = ("point", "range")


def dated_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events the timeline can place: of a :data:`DATED_KINDS` kind and resolved to a date
    (an expression of an undated document may be left unresolved)."""
    return events[events["kind"].isin(DATED_KINDS) & (events["date_start"].astype(str) != "")]


#: Hand-picked milestones of the campaign (``para_id``, ``expression``, English ``label``, and a
#: ``line_label`` for the one drawn as a dashed line across the timeline), in ``data/``.
MILESTONES_FILE = "timeline_milestones.csv"
MILESTONE_COLUMNS = ("para_id", "expression", "label", "line_label")


def _read_curated(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    frame = tables.read_curated(path)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {', '.join(missing)}")
    return frame[list(columns)]


def read_milestones(events: pd.DataFrame, paragraphs: pd.DataFrame,
                    path: Path | str | None = None, required: bool = True) -> pd.DataFrame:
    """The milestones of the timeline in file order (default ``data/timeline_milestones.csv``).

    Each row must name an existing paragraph and a date expression that occurs once in that
    paragraph's rows of ``events`` as a dated event (point or range), with a label; otherwise
    ``ValueError`` names the file and the line. With ``required`` false (a corpus without the
    seed articles the milestones were picked from) a milestone whose paragraph the corpus does
    not hold is left out instead; ``attrs["listed"]`` keeps the number the file lists.
    """
    path = Path(path) if path is not None else curation_path(MILESTONES_FILE)
    milestones = _read_curated(path, MILESTONE_COLUMNS)
    listed = len(milestones)
    known_paragraphs = set(paragraphs["para_id"])
    if not required:
        milestones = milestones[milestones["para_id"].isin(known_paragraphs)]
    seen = set()
    for line, row in zip(milestones.index + 2, milestones.itertuples(index=False)):
        where = f"{path}, line {line} ({row.para_id} {row.expression})"
        if row.para_id not in known_paragraphs:
            raise ValueError(f"{where}: no paragraph {row.para_id!r} in paragraphs.csv")
        found = events[(events["para_id"] == row.para_id) & (events["expression"] == row.expression)]
        if found.empty:
            raise ValueError(f"{where}: no date expression {row.expression!r} in paragraph "
                             f"{row.para_id} of the events table")
        if len(found) > 1:
            raise ValueError(f"{where}: {row.expression!r} occurs {len(found)} times in paragraph "
                             f"{row.para_id}; the milestone is ambiguous")
        if found["kind"].iloc[0] not in DATED_KINDS:
            raise ValueError(f"{where}: a {found['kind'].iloc[0]} expression, not a dated event")
        if not row.label.strip():
            raise ValueError(f"{where}: no label")
        if (row.para_id, row.expression) in seen:
            raise ValueError(f"{where}: listed twice")
        seen.add((row.para_id, row.expression))
    milestones = milestones.reset_index(drop=True)
    milestones.attrs["listed"] = listed
    return milestones


def milestones_note(marked: int, listed: int) -> str:
    """A caption's sentence on the timeline's milestones: ``marked`` of the ``listed`` ones of
    :data:`MILESTONES_FILE`."""
    if marked == listed:
        return f"The milestones are those of data/{MILESTONES_FILE}."
    return (f"{marked} of the {listed} milestones of data/{MILESTONES_FILE} are marked; the others "
            "are in paragraphs this corpus does not hold or in articles not shown.")


def timeline_view(dated: pd.DataFrame, lane_labels: dict[str, str], milestones: pd.DataFrame,
                  shown: Iterable[str]) -> tuple[pd.DataFrame, dict[str, str], pd.DataFrame, str]:
    """What the timeline draws for the articles ``shown`` (doc_ids, in lane order): their dated
    events (:func:`timeline_rows`), their lanes (labels from ``lane_labels``), the milestones
    that lie in them and the caption's sentence on the milestones (:func:`milestones_note`)."""
    shown = list(shown)
    lanes = {doc: lane_labels[doc] for doc in shown}
    plotted = timeline_rows(dated[dated["doc_id"].isin(shown)], lanes)
    marked = milestones[milestones["para_id"].str.split(":").str[0].isin(shown)].reset_index(drop=True)
    return plotted, lanes, marked, milestones_note(len(marked), milestones.attrs.get("listed", len(milestones)))


def timeline_rows(dated: pd.DataFrame, lanes) -> pd.DataFrame:
    """Dated events with ``start``, ``end`` and ``middle`` as timestamps and the ``lane`` of their
    article, numbered in the order of ``lanes`` (doc_ids, or a dict keyed by them)."""
    lane_of = {doc: i for i, doc in enumerate(lanes)}
    missing = sorted(set(dated["doc_id"]) - set(lane_of))
    if missing:
        raise ValueError(f"no timeline lane for documents {', '.join(missing)}")
    plotted = dated.assign(
        start=pd.to_datetime(dated["date_start"]),
        end=pd.to_datetime(dated["date_end"]),
        lane=dated["doc_id"].map(lane_of),
    )
    return plotted.assign(middle=plotted["start"] + (plotted["end"] - plotted["start"]) / 2)


def milestone_table(dated: pd.DataFrame, milestones: pd.DataFrame, clause_chars: int) -> pd.DataFrame:
    """The milestones' dates (the day, or the first and last day of a span), inferred flag,
    label, actors and the first ``clause_chars`` characters of their clause, by paragraph;
    raises if a clause does not begin with its date expression."""
    keys = list(zip(milestones["para_id"], milestones["expression"]))
    milestone_rows = dated.set_index(["para_id", "expression"]).loc[keys].reset_index()
    # a list, not DataFrame.apply: on no rows apply returns an empty frame, not booleans
    starts = [clause.startswith(expression)
              for clause, expression in zip(milestone_rows["clause"], milestone_rows["expression"])]
    if not all(starts):
        wrong = ", ".join(p for p, ok in zip(milestone_rows["para_id"], starts) if not ok)
        raise ValueError(f"milestone clauses not beginning with their date expression: {wrong}")
    spans = [start if start == end else f"{start} – {end}"
             for start, end in zip(milestone_rows["date_start"], milestone_rows["date_end"])]
    return milestone_rows.assign(
        dates=spans, milestone=list(milestones["label"]), clause=milestone_rows["clause"].str.slice(0, clause_chars)
    ).set_index("para_id")[["dates", "inferred", "milestone", "actors", "clause"]]
