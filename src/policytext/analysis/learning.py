"""Policy learning between cities: learner -> teacher edges, places and learning codes.

An *edge* is read from one sentence with one of the patterns in :data:`PATTERNS` (赴/到…考察,
在…举办培训班, 与…结对, 向…学习, 对标…, 学习…经验). The teacher is the place named where the
pattern expects it, looked up in the project's place gazetteer; the learner is the nearest other
place named before the pattern in the same sentence (``explicit``); when the subject is left out,
the towns or other units of the article's city named in the nearest earlier sentence of the same
paragraph that names a place of that city (``context``: a photo caption 图为学员到深圳…学习 after
the sentence on the town's course), or else the article's own city (``implied``), read from its
title. Places that a 与…组成 phrase names are members of the travelling party, not sites visited.
Edges between places of the same city are not learning between cities and are dropped.

Learners, modes and objects of learning are coded with the curated term lists of
``data/codebooks/learning_codes.yml``, matched longest first in every sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import networkx as nx
import pandas as pd
import yaml

from policytext import tables
from policytext.paths import codebook_path, curation_path
from policytext.text.gazetteer import Gazetteer, Mention, Place, load_gazetteer
from policytext.text.matching import TermMatcher
from policytext.text.sentences import sentence_ids, split_sentences

EDGE_COLUMNS = ("para_id", "doc_id", "sentence_no", "pattern", "mode", "learner", "learner_source",
                "learner_place", "learner_places", "teacher", "teacher_place", "venue_only", "topic",
                "quoted", "text_kind", "match", "sentence")
CODE_COLUMNS = ("para_id", "doc_id", "sentence_no", "dimension", "code", "term", "has_edge")

#: Learner codes of the codebook that are state or party units and their cadres (the others are
#: communities, firms and talent).
STATE_LEARNERS = ("cadres", "departments", "towns_streets", "party_organisations", "delegations")
#: Kinds of place that can learn or teach (regions and provinces are too broad to be either).
ACTOR_KINDS = ("city", "district", "town_street", "institution")


# ---------------------------------------------------------------- places

def home_city(titles: Iterable[str], gazetteer: Gazetteer) -> str:
    """The article's own city: the first city named in its title or subtitle, or ``""``.

    News titles name the acting city first (中山“向深圳学习”…, 郴州党政代表团赴广州…).
    """
    for title in titles:
        for mention in gazetteer.find(title):
            if len(mention.places) == 1 and mention.places[0].kind == "city":
                return mention.places[0].name
    return ""


# ---------------------------------------------------------------- sentences

def in_quotes(text: str, position: int) -> bool:
    """True if ``position`` lies inside “…” in ``text`` (a slogan or a quoted speech)."""
    before = text[:position]
    return before.count("“") > before.count("”")


# ---------------------------------------------------------------- patterns

_CLAUSE = "[^，。；！？：]"  # a character that does not end a clause


@dataclass(frozen=True)
class Pattern:
    """A learning pattern: a trigger, then a place, then (if ``tail``) the rest of the form.

    ``tail`` is matched right after the trigger; its ``span`` group is where the teacher
    places are named, and a place must start the span. Without ``tail`` the span is the place
    itself. ``all_places``: every place in the span is a teacher (a list of sites visited);
    otherwise only the first. ``max_gap``: at most this many characters between the last place
    of the span and the verb, so that a verb far down a long clause is not taken for the visit's.
    """

    name: str
    trigger: re.Pattern
    tail: re.Pattern | None
    all_places: bool = False
    max_gap: int | None = None
    description: str = ""


def _pattern(name, trigger, tail=None, all_places=False, max_gap=None, description=""):
    return Pattern(name, re.compile(trigger), re.compile(tail) if tail else None, all_places,
                   max_gap, description)


#: Characters allowed between the last place named and the verb of a visit or a course.
VISIT_MAX_GAP = 25

#: Patterns in order of priority: when two claim the same teacher mention, the first wins.
PATTERNS: tuple[Pattern, ...] = (
    _pattern("visit", r"(?<![得达受看想做遇见听学])(?:赴|到|前往|来到|走进)",
             rf"(?P<span>{_CLAUSE}{{1,200}}?(?:，{_CLAUSE}{{0,40}}?)??)"
             r"(?P<verb>考察|学习|调研|交流|取经|培训|研修|参观|拜访|教学|班)", all_places=True,
             max_gap=VISIT_MAX_GAP,
             description="赴/到 X … 考察/学习/调研/交流/取经/培训: go to X to study"),
    _pattern("host", r"在",
             rf"(?P<span>{_CLAUSE}{{1,80}}?)(?:举办|开展){_CLAUSE}{{0,40}}?(?P<verb>培训|研修|教学|班)",
             all_places=True, max_gap=VISIT_MAX_GAP,
             description="在 X 举办/开展 … 培训班: hold a course at X"),
    _pattern("with", r"与",
             rf"(?P<span>{_CLAUSE}{{1,30}}?)(?P<verb>结对|共建|互学互鉴|一起学|共同学习|联学|交流|学习)",
             description="与 X … 结对/共建/互学互鉴/交流: pair, study or exchange with X"),
    _pattern("toward", r"向", r"(?P<span>[^，。；！？：“”]{1,12}?)(?P<verb>学习|取经|看齐)",
             description="向 X 学习: learn from X"),
    _pattern("benchmark", r"对标", description="对标 X: benchmark against X"),
    _pattern("benchmark", r"以", rf"(?P<span>{_CLAUSE}{{1,20}}?)为(?P<verb>标杆|榜样)",
             description="以 X 为标杆: take X as the benchmark"),
    _pattern("learn_from", r"(?:学习|借鉴)(?:拥抱|对标)?",
             description="学习 X（的经验/做法）: learn X's experience"),
)


@dataclass(frozen=True)
class Edge:
    """One learner -> teacher reading in a sentence (offsets are within the sentence)."""

    pattern: str
    learner: str
    learner_source: str  # explicit, context (an earlier sentence, :func:`context_places`) or implied
    learner_place: str
    teacher: str
    teacher_place: str
    start: int
    end: int
    match: str
    learner_places: tuple[str, ...] = ()
    mode: str = ""
    venue_only: bool = False


#: 与 X、Y 组成联合考察团 (form a joint delegation with X and Y), 与 X 组团: X and Y join the
#: party that travels; they are not visited. The party must be a 团, 组 or 队, so that 与 X 组建
#: 结对共建关系 (set up a pairing with X) still names X as a counterpart.
COMPANIONS = re.compile(rf"与(?P<span>{_CLAUSE}{{1,40}}?)(?:组团|(?:组成|组建){_CLAUSE}{{0,8}}?[团组队])")


def _companions(sentence: str, mentions: Sequence[Mention]) -> set[int]:
    """Start offsets of the mentions named in a 与…组成 phrase (与市住建局、翠亨新区、翠亨集团组成
    联合考察团到深圳学习, ``000:32``): fellow members of a delegation, who learn with its subject
    rather than teach it."""
    spans = [found.span("span") for found in COMPANIONS.finditer(sentence)]
    return {m.start for m in mentions if any(a <= m.start and m.end <= b for a, b in spans)}


@dataclass(frozen=True)
class _Reading:
    """A pattern matched at a trigger, with the teacher mentions it names."""

    pattern: str
    start: int
    end: int
    teachers: tuple[tuple[Mention, Place], ...]
    named: frozenset[int]  # start offsets of every mention in the teacher compounds


def _compounds(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Runs of adjacent mentions (深圳市 + 宝安区 + 新安街道) as one compound place name."""
    runs: list[list[Mention]] = []
    for mention in mentions:
        if runs and runs[-1][-1].end == mention.start:
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return runs


def _read(pattern: Pattern, sentence: str, mentions: Sequence[Mention], trigger: re.Match,
          companions: set[int] = frozenset()) -> _Reading | None:
    """The pattern's reading at ``trigger``, or None if no place starts right after it; places
    whose offsets are in ``companions`` (:func:`_companions`) are not teachers."""
    start = trigger.end()
    if not any(m.start == start for m in mentions):
        return None
    if pattern.tail is None:
        compound = next(c for c in _compounds([m for m in mentions if m.start >= start])
                        if c[0].start == start)
        span_end = end = compound[-1].end
    else:
        found = pattern.tail.match(sentence, start)
        if not found:
            return None
        span_end, end = found.end("span"), found.end()
    compounds = _compounds([m for m in mentions if start <= m.start and m.end <= span_end])
    if pattern.max_gap is not None and span_end - compounds[-1][-1].end > pattern.max_gap:
        return None
    if not pattern.all_places:
        compounds = compounds[:1]
    compounds = [c for c in compounds if not any(m.start in companions for m in c)]
    teachers = []
    for compound in compounds:
        last = compound[-1]  # the most specific name of the compound
        teachers += [(last, p) for p in last.places if p.kind in ACTOR_KINDS and p.city]
    named = frozenset(m.start for compound in compounds for m in compound)
    return _Reading(pattern.name, trigger.start(), end, tuple(teachers), named)


def _learners(mentions: Sequence[Mention], before: int, teacher_city: str,
              taught: set[int]) -> list[Place]:
    """The learners named before ``before``, nearest first: every single place (the most
    specific name of a compound such as 中山市 + 石岐街道) that is neither in the teacher's
    city nor itself named as a teacher (offsets in ``taught``), all in the city of the nearest
    one, so a list of eight towns gives eight learners."""
    found: list[Place] = []
    for compound in reversed(_compounds([m for m in mentions if m.end <= before])):
        mention = compound[-1]
        if len(mention.places) != 1 or mention.start in taught:
            continue
        place = mention.places[0]
        if place.kind not in ACTOR_KINDS or not place.city or place.city == teacher_city:
            continue
        if found and place.city != found[0].city:
            continue
        if place not in found:
            found.append(place)
    return found


_CLAUSE_RUN = re.compile(f"{_CLAUSE}*")

#: Modes of learning by pattern; a visit whose verb is a course is a course.
PATTERN_MODES = {"visit": "visit", "host": "course", "with": "pairing", "toward": "call",
                 "benchmark": "benchmark", "learn_from": "call"}
#: Words that make a visit or a hosted event a training course when they follow its trigger in
#: the same clause (到深圳市开展……专题培训).
COURSE_WORDS = re.compile(rf"^{_CLAUSE}*?(?:培训|研修|教学|课程|班)")
#: Words saying that the teacher city's own practice is what is learned; a course held in the
#: teacher city whose sentence has none of them is there only as a venue.
PRACTICE_CUES = re.compile(r"经验|做法|先进|模式|实践|取经|对标|考察|看齐|向[^，。；]{1,12}学习|学习(?:拥抱)?深圳|学习广州|标杆|榜样")


#: Words of pairing proper (结对, paired; 共建, joint building; 互学互鉴, mutual learning): the mode
#: ``pairing`` also takes exchange with a counterpart (交流), which names none of them.
PAIRING_WORDS = re.compile("结对|共建|互学互鉴")


def edge_mode(pattern: str, clause: str) -> str:
    """The mode of an edge whose trigger starts ``clause`` (up to the clause's end): ``course``
    for a visit or hosted event whose clause names a course and no study visit, else by pattern."""
    if pattern in ("visit", "host") and COURSE_WORDS.search(clause) and not re.search(
            "考察|调研|参观|取经", clause):
        return "course"
    return PATTERN_MODES[pattern]


def is_venue_only(mode: str, sentence: str) -> bool:
    """A course held in the teacher city whose sentence names nothing of that city's practice to
    learn (a course on Party doctrine at a Shenzhen venue) uses the city only as a venue."""
    return mode == "course" and PRACTICE_CUES.search(sentence) is None


@dataclass(frozen=True)
class _Parsed:
    """A sentence read once: its place mentions, every pattern's readings and the offsets of
    the mentions they name as visited (``taught``)."""

    sentence: str
    mentions: list[Mention]
    readings: list[_Reading]
    taught: set[int]


def _parse(sentence: str, gazetteer: Gazetteer) -> _Parsed:
    mentions = gazetteer.find(sentence)
    companions = _companions(sentence, mentions)
    readings = [reading for pattern in PATTERNS for trigger in pattern.trigger.finditer(sentence)
                if (reading := _read(pattern, sentence, mentions, trigger, companions))]
    taught = set().union(*(reading.named for reading in readings if reading.teachers))
    return _Parsed(sentence, mentions, readings, taught)


#: A clause of a sentence, after any opening quotation marks.
_SUBJECT_CLAUSE = re.compile(f"[“‘「『]*({_CLAUSE}+)")


def context_places(sentence: str, home: str, gazetteer: Gazetteer) -> list[Place] | None:
    """Who acts in ``sentence``, for the later sentences of its paragraph that name no learner:
    the places below the city level of ``home`` (the article's city) named in the last clause
    that opens with a place of ``home`` (its subject: 三乡镇组织干部到深圳…, 2023年1月至2月，东凤镇
    组织开展…), nearest to the clause's end first; ``[]`` if the subject is the city itself or if
    the sentence names a place of ``home`` only elsewhere (我们要用好自贸试验区郴州片区建设等机遇:
    the zone is not who acts, and who does is not known); ``None`` if the sentence names no place
    of ``home`` other than as a site visited, so that the earlier sentence still tells who acts.
    """
    return _context(_parse(sentence, gazetteer), home)


def _context(parsed: _Parsed, home: str) -> list[Place] | None:
    if not home:
        return None
    mentions, taught = parsed.mentions, parsed.taught

    def of_home(mention: Mention) -> bool:
        return (len(mention.places) == 1 and mention.start not in taught
                and mention.places[0].kind in ACTOR_KINDS and mention.places[0].city == home)

    found = [] if any(of_home(m) for m in mentions) else None
    for clause in _SUBJECT_CLAUSE.finditer(parsed.sentence):
        start, end = clause.span(1)
        compounds = _compounds([m for m in mentions if start <= m.start and m.end <= end])
        if not compounds or compounds[0][0].start != start or not of_home(compounds[0][-1]):
            continue
        found = []
        for compound in reversed(compounds):
            place = compound[-1].places[0]
            if of_home(compound[-1]) and place.name != home and place not in found:
                found.append(place)
    return found


def sentence_edges(sentence: str, home: str, gazetteer: Gazetteer,
                   context: Sequence[Place] = ()) -> list[Edge]:
    """Learner -> teacher edges in one sentence; ``home`` is the implied learner city and
    ``context`` the learner places that earlier sentences of the paragraph give (places of
    ``home``, nearest first, :func:`context_places`), used before ``home`` when the sentence
    names no learner before its pattern.

    Each teacher mention yields at most one edge (the first pattern of :data:`PATTERNS` that
    claims it), and a teacher place at most one edge per match; edges within one city are
    dropped.
    """
    return _edges(_parse(sentence, gazetteer), home, context)


def _edges(parsed: _Parsed, home: str, context: Sequence[Place] = ()) -> list[Edge]:
    sentence, mentions, readings, taught = (parsed.sentence, parsed.mentions, parsed.readings,
                                            parsed.taught)
    claimed: dict[tuple[int, str], tuple[int, Edge]] = {}
    seen: set[tuple[int, str]] = set()
    for reading in readings:
        for mention, place in reading.teachers:
            if (mention.start, place.name) in claimed or (reading.start, place.name) in seen:
                continue
            learners = _learners(mentions, reading.start, place.city, taught)
            if learners:
                learner_city, source = learners[0].city, "explicit"
            elif context and context[0].city == home:
                learners, learner_city, source = list(context), home, "context"
            else:
                learner_city, source = home, "implied"
            if not learner_city or learner_city == place.city:
                continue
            seen.add((reading.start, place.name))
            mode = edge_mode(reading.pattern, _CLAUSE_RUN.match(sentence, reading.start).group())
            named = tuple(p.name for p in reversed(learners))  # in text order
            claimed[(mention.start, place.name)] = (mention.start, Edge(
                reading.pattern, learner_city, source, learners[0].name if learners else "",
                place.city, place.name, reading.start, reading.end,
                sentence[reading.start:reading.end], named, mode, is_venue_only(mode, sentence)))
    return [edge for _, edge in sorted(claimed.values(), key=lambda pair: (pair[1].start, pair[0]))]


#: Paragraph kinds whose sentences name things (titles, subtitles, headings) rather than narrate.
LABEL_KINDS = ("title", "subtitle", "heading")


def is_slogan(sentence: str) -> bool:
    """True if the whole sentence is one quotation (“……”, “……。”): a slogan or a quoted saying."""
    body = sentence.rstrip("。！？；;")
    return body.startswith("“") and body.endswith("”") and body.count("“") == 1


def paragraph_edges(text: str, home: str, gazetteer: Gazetteer, kind: str = "body",
                    codebook: "CodeBook | None" = None) -> list[dict]:
    """Edges of a paragraph of ``kind`` as rows: sentence number, the edge, whether it is in
    quotes, whether it is a ``label`` (a title, a heading or a sentence that is one quotation,
    :func:`is_slogan`) or ``narrative``, its
    ``topic`` (the object codes of ``codebook`` in the sentence, ``|``-joined) and the sentence.

    A sentence that names no learner before its pattern takes its learners from the nearest
    earlier sentence of the paragraph that names a place of ``home`` (:func:`context_places`):
    the towns or units of ``home`` that open one of its clauses (learner source ``context``), or,
    if it has none, ``home`` itself (``implied``)."""
    rows = []
    context: list[Place] = []
    for number, (offset, _, sentence) in enumerate(split_sentences(text), start=1):
        parsed = _parse(sentence, gazetteer)
        edges = _edges(parsed, home, context)
        named = _context(parsed, home)
        if named is not None:
            context = named
        topic = ""
        if edges and codebook is not None:
            topic = "|".join(dict.fromkeys(code for dimension, code, _ in codebook.find(sentence)
                                           if dimension == "object"))
        for edge in edges:
            quoted = in_quotes(text, offset + edge.start)
            # A narrative sentence that quotes a campaign name (组织干部开展“向深圳学习”专题培训)
            # tells what was done; only titles, headings and sentences that are themselves a
            # quotation or slogan are labels.
            rows.append({"sentence_no": number, "pattern": edge.pattern, "mode": edge.mode,
                         "learner": edge.learner, "learner_source": edge.learner_source,
                         "learner_place": edge.learner_place,
                         "learner_places": "|".join(edge.learner_places),
                         "teacher": edge.teacher, "teacher_place": edge.teacher_place,
                         "venue_only": edge.venue_only, "topic": topic, "quoted": quoted,
                         "text_kind": "label" if kind in LABEL_KINDS or is_slogan(sentence) else "narrative",
                         "match": edge.match, "sentence": sentence})
    return rows


def home_cities(documents: pd.DataFrame, gazetteer: Gazetteer) -> dict[str, str]:
    """Per document, the implied learner city read from its title and subtitle."""
    return {doc: home_city([title, subtitle], gazetteer)
            for doc, title, subtitle in zip(documents["doc_id"], documents["title"],
                                            documents["subtitle"])}


def learning_edges(paragraphs: pd.DataFrame, homes: Mapping[str, str],
                   gazetteer: Gazetteer, codebook: "CodeBook | None" = None) -> pd.DataFrame:
    """All edges of the paragraphs, in text order (columns :data:`EDGE_COLUMNS`); topics are
    read with ``codebook`` (none without it)."""
    rows = []
    kinds = paragraphs["kind"] if "kind" in paragraphs else ["body"] * len(paragraphs)
    for para_id, doc_id, kind, text in zip(paragraphs["para_id"], paragraphs["doc_id"], kinds,
                                           paragraphs["text"]):
        for row in paragraph_edges(text, homes.get(doc_id, ""), gazetteer, kind, codebook):
            rows.append({"para_id": para_id, "doc_id": doc_id, **row})
    return pd.DataFrame(rows, columns=list(EDGE_COLUMNS))


# ---------------------------------------------------------------- codes

def codes_path() -> Path:
    """The curated learner, mode and object codes."""
    return codebook_path("learning_codes.yml")


def read_codes(path: Path | None = None) -> pd.DataFrame:
    """One row per term: dimension, code, label (Chinese), gloss (English), term."""
    spec = yaml.safe_load(Path(path or codes_path()).read_text(encoding="utf-8"))
    rows = [{"dimension": dimension, "code": code, "label": entry["label"],
             "gloss": entry["gloss"], "term": str(term)}
            for dimension, block in spec["dimensions"].items()
            for code, entry in block["codes"].items()
            for term in entry["terms"]]
    return pd.DataFrame(rows, columns=["dimension", "code", "label", "gloss", "term"])


def code_names(codes: pd.DataFrame | None = None) -> dict[str, list[str]]:
    """The codebook's codes by dimension, in the codebook's order."""
    codes = read_codes() if codes is None else codes
    return {dimension: list(dict.fromkeys(group["code"]))
            for dimension, group in codes.groupby("dimension", sort=False)}


class CodeBook:
    """Term lists per dimension, matched leftmost-longest (党员干部 before 干部); the dimensions
    are matched independently of each other."""

    def __init__(self, codes: pd.DataFrame):
        self.codes = codes
        self._matchers = {dimension: TermMatcher(dict(zip(rows["term"], rows["code"])))
                          for dimension, rows in codes.groupby("dimension", sort=False)}

    def find(self, text: str) -> list[tuple[str, str, str]]:
        """``(dimension, code, term)`` for every term occurrence in ``text``."""
        return [(dimension, match.payload, match.term)
                for dimension, matcher in self._matchers.items() for match in matcher.find(text)]


def learning_codes(paragraphs: pd.DataFrame, codebook: CodeBook,
                   edges: pd.DataFrame) -> pd.DataFrame:
    """Code hits in every sentence (columns :data:`CODE_COLUMNS`); ``has_edge`` marks the
    sentences that carry a learner -> teacher edge."""
    with_edge = set(zip(edges["para_id"], edges["sentence_no"]))
    rows = []
    for para_id, doc_id, text in zip(paragraphs["para_id"], paragraphs["doc_id"],
                                     paragraphs["text"]):
        for number, (_, _, sentence) in enumerate(split_sentences(text), start=1):
            for dimension, code, term in codebook.find(sentence):
                rows.append({"para_id": para_id, "doc_id": doc_id, "sentence_no": number,
                             "dimension": dimension, "code": code, "term": term,
                             "has_edge": (para_id, number) in with_edge})
    return pd.DataFrame(rows, columns=list(CODE_COLUMNS))


# ---------------------------------------------------------------- cases

#: The curated comparison cases, one learner city and its model city per row (``data/``).
CASES_FILE = "cases.csv"
#: The book sets one case beside another (Zhongshan and Chenzhou in the seeds).
N_CASES = 2


def cases_path() -> Path:
    """The curated comparison cases, ``data/cases.csv``."""
    return curation_path(CASES_FILE)


def read_cases(path: Path | None = None) -> pd.DataFrame:
    """One row per case: the ``learner`` city and the ``model`` city it learns from (gazetteer
    names), in the order the chapter compares them; a learner may have only one case. The book
    compares exactly two cases (the chapters set one beside the other), so the file holds two."""
    path = cases_path() if path is None else Path(path)
    cases = tables.read_curated(path)
    missing = {"learner", "model"} - set(cases.columns)
    if missing:
        raise ValueError(f"{path.name}: missing columns {sorted(missing)}")
    if len(cases) != N_CASES:
        raise ValueError(f"{path.name}: the book compares {N_CASES} cases, one row each; "
                         f"the file has {len(cases)}")
    repeated = sorted(set(cases.loc[cases["learner"].duplicated(), "learner"]))
    if repeated:
        raise ValueError(f"{path.name}: more than one case for {repeated}")
    return cases


def case_documents(documents: pd.DataFrame, gazetteer: Gazetteer,
                   cases: pd.DataFrame | None = None) -> dict[str, list[str]]:
    """Case label (``Learner's articles``, the learner's English name) -> the sorted ids of the
    ``ok`` documents whose home city (:func:`home_cities`) is the case's learner, in the order
    of ``cases`` (default :func:`read_cases`). The label names the articles, not a direction:
    a case's tables count every edge in its articles, its model's visits to it too. A document
    whose home city has no case is left out; a case city missing from the gazetteer is an error."""
    cases = read_cases() if cases is None else cases
    unknown = sorted((set(cases["learner"]) | set(cases["model"])) - set(gazetteer.places))
    if unknown:
        raise ValueError(f"case cities not in the gazetteer: {unknown}")
    homes = home_cities(documents[documents["status"] == "ok"], gazetteer)
    found = {learner: sorted(doc for doc, home in homes.items() if home == learner) for learner in cases["learner"]}
    return {f"{gazetteer.places[learner].english}'s article{'' if len(docs) == 1 else 's'}": docs
            for learner, docs in found.items()}


# ---------------------------------------------------------------- summaries

def sentence_count(paragraphs: pd.DataFrame) -> pd.Series:
    """Number of sentences per document."""
    counts = {doc: 0 for doc in paragraphs["doc_id"]}
    for doc_id, text in zip(paragraphs["doc_id"], paragraphs["text"]):
        counts[doc_id] += len(split_sentences(text))
    return pd.Series(counts, name="sentences").rename_axis("doc_id")


def learning_sentences(edges: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence with at least one edge: para_id, doc_id, sentence_no."""
    return (edges[["para_id", "doc_id", "sentence_no"]].drop_duplicates()
            .reset_index(drop=True))


def edge_weights(edges: pd.DataFrame, by: Sequence[str] = ("learner", "teacher")) -> pd.DataFrame:
    """Number of distinct sentences per learner -> teacher pair (or other ``by`` columns),
    heaviest first."""
    by = list(by)
    counts = (edges.drop_duplicates(by + ["para_id", "sentence_no"])
              .groupby(by).size().rename("sentences").reset_index())
    return counts.sort_values(["sentences", *by], ascending=[False] + [True] * len(by),
                              kind="stable").reset_index(drop=True)


def learning_graph(edges: pd.DataFrame, gazetteer: Gazetteer | None = None) -> nx.DiGraph:
    """Directed city network: an edge learner -> teacher weighted by the number of sentences
    that read it; nodes carry their English name when a gazetteer is given."""
    graph = nx.DiGraph()
    for row in edge_weights(edges).itertuples(index=False):
        graph.add_edge(row.learner, row.teacher, weight=int(row.sentences))
    if gazetteer is not None:
        for node in graph.nodes:
            place = gazetteer.places.get(node)
            graph.nodes[node]["english"] = place.english if place else ""
    return graph


def code_shares(codes: pd.DataFrame, paragraphs: pd.DataFrame, edges: pd.DataFrame,
                cases: Mapping[str, Sequence[str]], dimension: str, codebook: pd.DataFrame,
                within: str = "edge") -> pd.DataFrame:
    """Per code of ``dimension`` (rows, in the order of the code list, with a ``label`` column
    ``中文 (gloss)``) and per case (name -> doc_ids): the percentage of sentences that mention
    the code, among the case's sentences with an edge (``within="edge"``) or all its sentences
    (``within="all"``)."""
    if within not in ("edge", "all"):
        raise ValueError(f"within must be 'edge' or 'all', not {within!r}")
    hits = codes[codes["dimension"] == dimension]
    if within == "edge":
        hits = hits[hits["has_edge"]]
    labels = (codebook[codebook["dimension"] == dimension]
              .drop_duplicates("code").set_index("code"))
    # Only the shares among all sentences need the sentences counted (which splits the corpus).
    sentences = sentence_count(paragraphs) if within == "all" else None
    learning = learning_sentences(edges)
    table = pd.DataFrame({"label": [f"{labels.at[c, 'label']} ({labels.at[c, 'gloss']})"
                                    for c in labels.index]}, index=labels.index)
    for case, docs in cases.items():
        total = (int(learning["doc_id"].isin(docs).sum()) if within == "edge"
                 else int(sentences[sentences.index.isin(docs)].sum()))
        counts = (hits[hits["doc_id"].isin(docs)]
                  .drop_duplicates(["code", "para_id", "sentence_no"]).groupby("code").size())
        table[case] = [round(100 * int(counts.get(c, 0)) / total, 1) if total else 0.0
                       for c in labels.index]
    return table


def code_sentences(codes: pd.DataFrame, edges: pd.DataFrame, docs: Sequence[str], dimension: str,
                   code: str) -> tuple[int, int]:
    """The sentences with an edge in ``docs`` that name ``code`` of ``dimension``, and all the
    sentences with an edge there: the two counts behind a share of :func:`code_shares`."""
    hits = codes[(codes["dimension"] == dimension) & (codes["code"] == code) & codes["has_edge"]
                 & codes["doc_id"].isin(docs)]
    named = len(hits.drop_duplicates(["para_id", "sentence_no"]))
    return named, int(learning_sentences(edges)["doc_id"].isin(docs).sum())


#: The campaign's name, which titles article 000 and a section of article 001 of the seeds.
CAMPAIGN_SLOGAN = "向深圳学习"


def campaign_passages(paragraphs: pd.DataFrame, slogan: str = CAMPAIGN_SLOGAN) -> set[str]:
    """Paragraphs of a document whose title names ``slogan``, or of a section (from a heading to
    the next) whose heading names it."""
    inside: set[str] = set()
    for _, document in paragraphs.groupby("doc_id", sort=False):
        titled = document["text"][document["kind"] == "title"].str.contains(slogan).any()
        in_section = False
        for para_id, kind, text in zip(document["para_id"], document["kind"], document["text"]):
            if kind == "heading":
                in_section = slogan in text
            if titled or in_section:
                inside.add(para_id)
    return inside


#: Modes of learning in the order the chapter tells them (activities first, calls last).
MODES = ("visit", "course", "pairing", "benchmark", "call")


def _per_100(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def venue_only_sentence_ids(edges: pd.DataFrame) -> set[str]:
    """The IDs (``para_id.sentence_no``, as items and measures are named) of the sentences with a
    venue-only edge: a course held at the model city's venue on a subject that is not its practice."""
    venue_only = edges[edges["venue_only"].astype(str) == "True"]
    return set(sentence_ids(venue_only))


def strict_edges(edges: pd.DataFrame) -> pd.DataFrame:
    """The edges of narrative sentences that are not venue-only courses: learning the text
    narrates, with the model city as more than a venue."""
    return edges[(edges["text_kind"] == "narrative") & ~edges["venue_only"].astype(bool)]


def annotated_learning(edges: pd.DataFrame, annotation: pd.DataFrame, docs: Sequence[str]
                       ) -> tuple[int, int] | None:
    """Sentences of ``docs`` that a blind annotation of the learning task (``item_id``
    ``para:sentence``, ``relation``) reads as learning, and how many of them carry an edge; None
    when the annotation holds no sentence of ``docs`` (another corpus)."""
    wanted = set(docs)
    items = annotation[annotation["item_id"].astype(str).str.split(":").str[0].isin(wanted)]
    if items.empty:
        return None
    learning = set(items.loc[items["relation"] == "yes", "item_id"].astype(str))
    found = learning_sentences(edges[edges["doc_id"].isin(wanted)])
    return len(learning), len(learning & set(found["para_id"] + "." + found["sentence_no"].astype(str)))


#: Rows :func:`case_summary` adds for the first blind annotation (count, rate, recall) and
#: for the second (rate, recall).
ANNOTATION_ROWS = ("sentences annotated as learning", "… per 100 sentences (annotation)",
                   "recall of the annotated sentences (95% CI)")
SECOND_ANNOTATION_ROWS = (None, "… per 100 sentences (second annotation)", "recall, second annotation (95% CI)")


def _annotation_rows(edges: pd.DataFrame, annotation: pd.DataFrame, docs: Sequence[str],
                     n_sentences: int, rows: tuple[str | None, str, str]) -> dict:
    """The annotation's learning sentences of ``docs``, their rate per 100 sentences and the
    extractor's recall of them, under the names ``rows`` (a None name is left out)."""
    # Imported here: only the annotation rows need them, and the build does not (SciPy).
    from policytext.report.validation import with_interval
    from policytext.validation.metrics import wilson

    read = annotated_learning(edges, annotation, docs)
    annotated, found = read or (0, 0)
    values = (float("nan") if read is None else annotated,
              float("nan") if read is None else _per_100(annotated, n_sentences),
              with_interval(found / annotated if annotated else float("nan"), *wilson(found, annotated)))
    return {name: value for name, value in zip(rows, values) if name is not None}


def case_summary(paragraphs: pd.DataFrame, edges: pd.DataFrame,
                 cases: Mapping[str, Sequence[str]],
                 first: pd.DataFrame | None = None,
                 second: pd.DataFrame | None = None) -> pd.DataFrame:
    """The same measures for each case (name -> doc_ids), one column per case.

    Rates count sentences with an edge per 100 sentences, once with every edge and once
    *strict*: narrative sentences only (no titles, headings or slogans, see ``text_kind``) and
    no venue-only course (:func:`strict_edges`). Modes count strict sentences. With ``first``
    and ``second``, the two blind annotations of the learning task, each one's count of learning
    sentences and the extractor's recall of them (Wilson 95% interval) are added
    (:func:`annotated_learning`); empty, with no rate, where an annotation holds none of the
    case's sentences (another corpus).
    """
    sentences = sentence_count(paragraphs)
    columns = {}
    for case, docs in cases.items():
        part = edges[edges["doc_id"].isin(docs)]
        strict = strict_edges(part)
        labels = part[part["text_kind"] == "label"]
        narrative = part[part["text_kind"] == "narrative"]
        n_sentences = int(sentences[sentences.index.isin(docs)].sum())
        learning = learning_sentences(part)
        n_strict = len(learning_sentences(strict))
        teachers = edge_weights(part, by=["teacher"])
        column = {
            "articles": len(docs),
            "sentences": n_sentences,
            "sentences with an edge": len(learning),
            "… per 100 sentences": _per_100(len(learning), n_sentences),
            "narrative sentences with an edge, venue-only courses excluded": n_strict,
            "… per 100 sentences (strict)": _per_100(n_strict, n_sentences),
            "label sentences with an edge (titles, headings, slogans)":
                len(learning_sentences(labels)),
            "edges": len(part),
            "edges, venue-only courses excluded": int((~part["venue_only"].astype(bool)).sum()),
            "venue-only course edges": int(part["venue_only"].astype(bool).sum()),
            "label edges (titles, headings, slogans)": len(labels),
            "edges in quotes (slogans, speech)": int(part["quoted"].sum()),
            "narrative edges, learner implied": int((narrative["learner_source"] == "implied").sum()),
            "narrative edges, learner explicit": int((narrative["learner_source"] == "explicit").sum()),
            "narrative edges, learner from context":
                int((narrative["learner_source"] == "context").sum()),
        }
        for mode in MODES:
            column[f"strict sentences, mode: {mode}"] = len(
                learning_sentences(strict[strict["mode"] == mode]))
        column["teacher cities (sentences)"] = ", ".join(
            f"{t} {n}" for t, n in zip(teachers["teacher"], teachers["sentences"]))
        for annotation, rows in ((first, ANNOTATION_ROWS), (second, SECOND_ANNOTATION_ROWS)):
            if annotation is not None:
                column |= _annotation_rows(edges, annotation, docs, n_sentences, rows)
        columns[case] = column
    return pd.DataFrame(columns)


#: Rows of :func:`case_summary` that :func:`document_summary` keeps, in its order.
DOCUMENT_ROWS = ("sentences", "sentences with an edge", "… per 100 sentences",
                 "narrative sentences with an edge, venue-only courses excluded",
                 "… per 100 sentences (strict)", "edges", "share of all edges (%)",
                 "venue-only course edges", "label edges (titles, headings, slogans)",
                 *ANNOTATION_ROWS, *SECOND_ANNOTATION_ROWS[1:])
#: Column of :func:`document_summary` that pools every document.
POOLED = "all (pooled)"


def document_summary(paragraphs: pd.DataFrame, edges: pd.DataFrame,
                     first: pd.DataFrame | None = None,
                     shown: Sequence[str] | None = None,
                     second: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`case_summary` per document (one column each, in ``doc_id`` order: all, or those
    of ``shown``) and pooled over all of them (:data:`POOLED`), with each document's share of all
    edges: a pooled rate can hide that one document carries most of the edges."""
    docs = sorted(paragraphs["doc_id"].unique())
    wanted = set(docs if shown is None else shown)
    columns = [doc for doc in docs if doc in wanted]
    groups = {doc: [doc] for doc in columns} | {POOLED: docs}
    table = case_summary(paragraphs, edges, groups, first, second)
    total = len(edges[edges["doc_id"].isin(docs)])
    table.loc["share of all edges (%)"] = [_per_100(int(n), total) for n in table.loc["edges"]]
    return table.loc[[row for row in DOCUMENT_ROWS if row in table.index]]


def _learner_place_sentences(edges: pd.DataFrame, context: bool) -> pd.DataFrame:
    """One row per learner place below the city level and sentence naming it as a learner
    (``learner_place``, ``para_id``, ``sentence_no``), as :func:`learner_place_weights` counts them."""
    rows = edges[edges["learner_places"] != ""]
    if not context:
        rows = rows[rows["learner_source"] != "context"]
    rows = rows.assign(learner_place=rows["learner_places"].str.split("|")).explode("learner_place")
    rows = rows[rows["learner_place"] != rows["learner"]]
    return rows.drop_duplicates(["learner_place", "para_id", "sentence_no"])


def learner_place_weights(edges: pd.DataFrame, context: bool = False) -> pd.DataFrame:
    """Learner places below the city level: every place of ``learner_places`` other than the
    learner city itself, with the number of distinct sentences naming it as a learner and their
    paragraphs (``000:40, 000:53``), most sentences first. With ``context`` the sentences whose
    learner an earlier sentence names (learner source ``context``) count too."""
    rows = _learner_place_sentences(edges, context)
    table = (rows.groupby("learner_place", sort=True)
             .agg(sentences=("sentence_no", "size"),
                  paragraphs=("para_id", lambda ids: ", ".join(dict.fromkeys(ids))))
             .reset_index())
    return table.sort_values(["sentences", "learner_place"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)


def learner_places_named_blind(edges: pd.DataFrame, annotation: pd.DataFrame,
                               context: bool = False) -> pd.Series:
    """For each learner place of :func:`learner_place_weights`, the number of its sentences in
    which a blind annotation of the learning task (``item_id`` ``para:sentence``, ``learners``
    ``|``-separated) names the place, or a unit of it (翠亨新区党工委 for 翠亨新区), among the
    learners: how far another reading agrees that the place learns there."""
    rows = _learner_place_sentences(edges, context)
    named: dict[str, set[str]] = {}
    for item, learners in zip(annotation["item_id"], annotation["learners"].fillna("")):
        named.setdefault(str(item), set()).update(unit for unit in str(learners).split("|") if unit)
    items = rows["para_id"] + "." + rows["sentence_no"].astype(str)
    confirmed = [any(place in unit for unit in named.get(item, ()))
                 for place, item in zip(rows["learner_place"], items)]
    return (pd.Series(confirmed, index=rows["learner_place"].to_numpy(), dtype=int)
            .groupby(level=0).sum().rename("named_blind").rename_axis("learner_place"))


#: Rows of :func:`topics_by_mode` after the object codes: sentences naming none, and all.
NO_TOPIC, ALL_SENTENCES = "none", "sentences"


def topics_by_mode(edges: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """What the strict learning sentences (:func:`strict_edges`) name as learned, by mode.

    Rows: the object codes of ``codebook`` in the code list's order, then :data:`NO_TOPIC`
    (sentences naming no object code) and :data:`ALL_SENTENCES`, with a ``label`` column
    (``中文 (gloss)``); columns: the modes of :data:`MODES`, each the number of sentences with
    an edge of that mode whose ``topic`` holds the code (a sentence may name several)."""
    strict = strict_edges(edges).drop_duplicates(["para_id", "sentence_no", "mode"])
    objects = codebook[codebook["dimension"] == "object"].drop_duplicates("code")
    table = pd.DataFrame(0, index=[*objects["code"], NO_TOPIC, ALL_SENTENCES], columns=list(MODES))
    for mode, topic in zip(strict["mode"], strict["topic"]):
        named = [code for code in str(topic).split("|") if code in table.index[:len(objects)]]
        for code in named:
            table.at[code, mode] += 1
        table.at[NO_TOPIC, mode] += not named
        table.at[ALL_SENTENCES, mode] += 1
    labels = [f"{label} ({gloss})" for label, gloss in zip(objects["label"], objects["gloss"])]
    table.insert(0, "label", [*labels, "no topic named", "sentences"])
    return table


# ---------------------------------------------------------------- build

#: Tables of :func:`learning_tables`.
TABLES = ("learning_edges", "learning_codes")


def learning_tables(paragraphs: pd.DataFrame, documents: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``learning_edges`` and ``learning_codes`` from the analysable paragraphs, with each
    document's home city read from its title."""
    gazetteer = load_gazetteer()
    codebook = CodeBook(read_codes())
    edges = learning_edges(paragraphs, home_cities(documents, gazetteer), gazetteer, codebook)
    return {"learning_edges": edges, "learning_codes": learning_codes(paragraphs, codebook, edges)}
