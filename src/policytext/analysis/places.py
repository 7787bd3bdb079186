"""Places and institutions in the paragraphs: mentions, co-occurrence, integration coverage and
the integration outcomes the articles report.

The curated gazetteer ``data/gazetteer/places.csv`` lists each place or institution once
(``name``), with the other forms it takes in the text (``aliases``, separated by ``|``), an
English name, a ``kind`` (see :data:`KINDS`) and the ``city`` it belongs to. Forms are matched
leftmost-longest and without overlap (Aho-Corasick), so 深圳市宝安区 is 深圳 and 宝安区,
中山大学 is the university and not Zhongshan, and 深中通道 is the Link and not 深中.

A form may be listed under several entries: it then names all of them. This is how pair
abbreviations are read: 深中 (深中两地, 深中一体化) is a mention of both Shenzhen and Zhongshan,
深港 of Shenzhen and Hong Kong. A name that contains a pair (深中通道, 深中经济合作区) is an
entry of its own and names neither city.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Iterable, Mapping

import networkx as nx
import pandas as pd
import yaml

from policytext.analysis import themes
from policytext.paths import annotation_path, lexicon_path
from policytext.text.gazetteer import Gazetteer, load_gazetteer, split_forms, surface_forms
from policytext.text.sentences import CLAUSE_QUOTES, split_sentences
from policytext.validation.metrics import wilson

#: The "six integrations" (六个一体化, 000:15): categories of the theme file
#: ``data/lexicons/themes/regional_integration.yml`` (owned by the themes chapter).
INTEGRATION_THEME = "regional_integration"
INTEGRATIONS = ("business_environment", "industrial_integration", "transport_infrastructure",
                "science_innovation", "social_governance", "urban_planning")
#: Transport terms that name the Shenzhen-Zhongshan Link or its opening (the bridge, 通车),
#: which the articles often use as a time or an occasion rather than as news about transport.
LINK_GLOSSES = {"一桥飞架": "a bridge flies across", "大桥": "the bridge", "深中通道": "the Link",
                "通车": "opened to traffic"}
LINK_TERMS = frozenset(LINK_GLOSSES)

MENTION_COLUMNS = ("doc_id", "para_id", "kind_of_paragraph", "start", "end", "form", "name",
                   "english", "kind", "city")
PAIR_COLUMNS = ("level", "place_a", "place_b", "english_a", "english_b", "paragraphs", "para_ids")
COVERAGE_COLUMNS = ("doc_id", "category", "paragraphs", "share", "hits", "terms")
OUTCOME_COLUMNS = ("outcome_id", "doc_id", "para_id", "sentence_no", "outcome_kinds", "marker",
                   "places", "quantities", "sentence")


# --------------------------------------------------------------------------- matching

def find_places(text: str, gazetteer: pd.DataFrame | None = None) -> list[tuple[str, str]]:
    """``(form, name)`` for each place or institution named in ``text``, in text order; a pair
    abbreviation yields one item per entry it names, in gazetteer order. Matching is
    :class:`policytext.text.gazetteer.Gazetteer`'s (leftmost-longest Aho-Corasick)."""
    matcher = load_gazetteer() if gazetteer is None else Gazetteer(gazetteer)
    return [(m.surface, place.name) for m in matcher.find(text) for place in m.places]


# --------------------------------------------------------------------------- mentions

def place_mentions(paragraphs: pd.DataFrame, gazetteer: pd.DataFrame) -> pd.DataFrame:
    """One row per (match, entry) in the paragraphs, in paragraph and text order; ``city`` is
    the city the entry rolls up to: itself for a city, empty for regions and for institutions
    of no single city (深中通道)."""
    matcher = Gazetteer(gazetteer)
    rows = [(para.doc_id, para.para_id, para.kind, m.start, m.end, m.surface, place.name,
             place.english, place.kind, place.city)
            for para in paragraphs.itertuples(index=False)
            for m in matcher.find(para.text) for place in m.places]
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


def mention_counts(mentions: pd.DataFrame, gazetteer: pd.DataFrame) -> pd.DataFrame:
    """Per entry: mentions, paragraphs and documents that name it; most mentioned first,
    unmentioned entries left out. Counts per document are in ``place_mentions`` (one row per
    mention), so this table keeps its width however many documents a corpus holds."""
    columns = ["name", "english", "kind", "city", "mentions", "paragraphs", "documents"]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    summary = mentions.groupby("name").agg(mentions=("start", "size"),
                                           paragraphs=("para_id", "nunique"),
                                           documents=("doc_id", "nunique"))
    table = gazetteer.set_index("name")[["english", "kind", "city"]].join(summary, how="inner")
    table = table.reset_index().sort_values(["mentions", "paragraphs", "name"],
                                            ascending=[False, False, True], kind="stable")
    return table.reset_index(drop=True)[columns]


def places_by_paragraph(mentions: pd.DataFrame, level: str = "entry") -> dict[str, set[str]]:
    """para_id -> the entries (``level="entry"``) or the cities (``level="city"``) it names.
    At city level a district, town or institution counts for its city; regions and
    institutions of no single city drop out."""
    if level not in ("entry", "city"):
        raise ValueError(f"level must be 'entry' or 'city', not {level!r}")
    found: dict[str, set[str]] = {}
    for para_id, place in zip(mentions["para_id"], mentions["name" if level == "entry" else "city"]):
        if place:
            found.setdefault(para_id, set()).add(place)
    return found


#: Forms that name two cities at once (深中 is Shenzhen and Zhongshan): a pair of cities counted
#: without them is named by each city on its own.
PAIR_ABBREVIATIONS = frozenset({"深中", "深港"})


def pair_paragraphs(mentions: pd.DataFrame, city_a: str, city_b: str,
                    without_forms: Iterable[str] = ()) -> list[str]:
    """The paragraphs that name both cities (at city level), in corpus order, leaving out the
    mentions written in ``without_forms`` (e.g. :data:`PAIR_ABBREVIATIONS`)."""
    kept = mentions[~mentions["form"].isin(set(without_forms))]
    by_paragraph = places_by_paragraph(kept, "city")
    return sorted((para for para, cities in by_paragraph.items() if {city_a, city_b} <= cities), key=para_order)


def para_order(para_id: str) -> tuple[str, int]:
    """Sort key of a paragraph ID: document, then paragraph number (``000:9`` before ``000:10``)."""
    doc_id, _, number = para_id.partition(":")
    return doc_id, int(number) if number.isdigit() else 0


def cooccurrence_pairs(by_paragraph: Mapping[str, set[str]], english: Mapping[str, str],
                       level: str = "entry", min_paragraphs: int = 1) -> pd.DataFrame:
    """Pairs of places named in the same paragraph: the number of such paragraphs (the edge
    weight) and their IDs; strongest first, then by name."""
    together: dict[tuple[str, str], list[str]] = {}
    for para_id in sorted(by_paragraph, key=para_order):
        for pair in combinations(sorted(by_paragraph[para_id]), 2):
            together.setdefault(pair, []).append(para_id)
    rows = [(level, a, b, english[a], english[b], len(ids), " ".join(ids))
            for (a, b), ids in together.items() if len(ids) >= min_paragraphs]
    frame = pd.DataFrame(rows, columns=list(PAIR_COLUMNS))
    return frame.sort_values(["paragraphs", "place_a", "place_b"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)


def cooccurrence_graph(pairs: pd.DataFrame, by_paragraph: Mapping[str, set[str]],
                       gazetteer: pd.DataFrame, min_paragraphs: int = 1) -> nx.Graph:
    """The co-occurrence network: edge ``weight`` = paragraphs naming both places (pairs below
    ``min_paragraphs`` left out); node attributes ``english``, ``kind`` and ``paragraphs``.
    Nodes and edges are added in sorted order so layouts are reproducible."""
    kept = pairs[pairs["paragraphs"] >= min_paragraphs]
    counts = Counter(place for places in by_paragraph.values() for place in places)
    entries = gazetteer.set_index("name")
    graph = nx.Graph()
    for place in sorted(set(kept["place_a"]) | set(kept["place_b"])):
        graph.add_node(place, english=entries.at[place, "english"],
                       kind=entries.at[place, "kind"], paragraphs=int(counts[place]))
    for row in kept.sort_values(["place_a", "place_b"]).itertuples(index=False):
        graph.add_edge(row.place_a, row.place_b, weight=int(row.paragraphs))
    return graph


#: Thresholds (paragraphs a pair must share) at which the network's centralities are compared.
CENTRALITY_THRESHOLDS = (2, 3, 4)


def centrality_by_threshold(pairs: pd.DataFrame, by_paragraph: Mapping[str, set[str]],
                            gazetteer: pd.DataFrame,
                            thresholds: Iterable[int] = CENTRALITY_THRESHOLDS) -> pd.DataFrame:
    """Degree and betweenness (unweighted, normalised) of every place in the networks of
    :func:`cooccurrence_graph` kept at each threshold of shared paragraphs (0 where a place is
    not in that network): one ``degree_<t>`` and one ``betweenness_<t>`` column per threshold,
    with the place's English name and kind, sorted by betweenness at the middle threshold, then
    degree, then name. Reading positions off a layout is what this replaces."""
    thresholds = list(thresholds)
    columns: dict[str, dict[str, float]] = {}
    places: set[str] = set()
    for threshold in thresholds:
        graph = cooccurrence_graph(pairs, by_paragraph, gazetteer, min_paragraphs=threshold)
        betweenness = nx.betweenness_centrality(graph)
        columns[f"degree_{threshold}"] = dict(graph.degree())
        columns[f"betweenness_{threshold}"] = {p: round(b, 4) for p, b in betweenness.items()}
        places |= set(graph)
    entries = gazetteer.set_index("name")
    ordered = sorted(places)
    frame = pd.DataFrame({"place": ordered, "english": [entries.at[p, "english"] for p in ordered],
                          "kind": [entries.at[p, "kind"] for p in ordered]})
    for name, values in columns.items():
        frame[name] = [values.get(p, 0) for p in ordered]
    middle = thresholds[len(thresholds) // 2]
    return frame.sort_values([f"betweenness_{middle}", f"degree_{middle}", "place"],
                             ascending=[False, False, True], kind="stable").reset_index(drop=True)


def first_ids(para_ids: str, n: int = 4) -> str:
    """The first ``n`` of a space-separated list of paragraph IDs, and how many are left out
    (``000:2, 000:5 … (+3)``)."""
    listed = para_ids.split()
    more = f" … (+{len(listed) - n})" if len(listed) > n else ""
    return ", ".join(listed[:n]) + more


def strongest_pairs(pairs: pd.DataFrame, gazetteer: pd.DataFrame, level: str = "entry",
                    n: int = 10, below_city: bool = False, shown_ids: int = 4) -> pd.DataFrame:
    """The ``n`` strongest pairs of ``level`` as a narrow table (pair, English, paragraphs, first
    paragraph IDs), indexed by the pair; ``below_city`` leaves out pairs of two cities."""
    chosen = pairs[pairs["level"] == level]
    if below_city:
        kind = gazetteer.set_index("name")["kind"]
        chosen = chosen[(chosen["place_a"].map(kind) != "city") | (chosen["place_b"].map(kind) != "city")]
    chosen = chosen.head(n)
    return pd.DataFrame({"pair": chosen["place_a"] + " – " + chosen["place_b"],
                         "english": chosen["english_a"] + " – " + chosen["english_b"],
                         "paragraphs": chosen["paragraphs"],
                         "para_ids": chosen["para_ids"].map(lambda ids: first_ids(ids, shown_ids))}
                        ).set_index("pair")


# --------------------------------------------------------------------------- six integrations

def integration_terms(terms: pd.DataFrame | None = None) -> pd.DataFrame:
    """The terms of the six integrations: rows of :func:`policytext.analysis.themes.load_themes` (all
    theme files, default ``data/lexicons/themes``) of the ``regional_integration`` theme whose category is
    in :data:`INTEGRATIONS`. A missing category raises ``ValueError`` naming the file."""
    terms = themes.load_themes() if terms is None else terms
    own = terms[terms["theme"] == INTEGRATION_THEME]
    missing = [name for name in INTEGRATIONS if name not in set(own["category"])]
    if missing:
        raise ValueError(f"{INTEGRATION_THEME}.yml: missing categories {', '.join(missing)}")
    return own[own["category"].isin(INTEGRATIONS)].reset_index(drop=True)


def integration_hits(paragraphs: pd.DataFrame, terms: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per match of a six-integration term: doc_id, para_id, category, term. Terms are
    matched together with every other theme's (as the themes chapter does), so a longer term of
    another theme hides a shorter integration term inside it."""
    terms = themes.load_themes() if terms is None else terms
    integration_terms(terms)
    matches = themes.match_paragraphs(paragraphs, terms)
    matches = matches[(matches["theme"] == INTEGRATION_THEME) & matches["category"].isin(INTEGRATIONS)]
    return matches[["doc_id", "para_id", "category", "term"]].reset_index(drop=True)


def integration_coverage(hits: pd.DataFrame, paragraphs: pd.DataFrame,
                         categories: Iterable[str] = INTEGRATIONS) -> pd.DataFrame:
    """Per document (and ``all``) and category: paragraphs with at least one term, their share
    of the document's paragraphs, term hits, and the terms found with counts (most first)."""
    totals = paragraphs.groupby("doc_id")["para_id"].nunique().to_dict()
    totals["all"] = paragraphs["para_id"].nunique()
    every = hits.assign(doc_id="all")
    both = pd.concat([hits[["doc_id", "category", "para_id", "term"]], every[["doc_id", "category", "para_id", "term"]]])
    keys = ["doc_id", "category"]
    n_paras = both.groupby(keys)["para_id"].nunique().to_dict()
    n_hits = both.groupby(keys).size().to_dict()
    counted = both.groupby([*keys, "term"]).size().rename("n").reset_index()
    counted = counted.sort_values([*keys, "n", "term"], ascending=[True, True, False, True], kind="stable")
    terms = counted.assign(text=counted["term"] + " " + counted["n"].astype(str)).groupby(keys)["text"].agg("; ".join)
    terms = terms.to_dict()
    rows = []
    for doc_id in [*sorted(paragraphs["doc_id"].unique()), "all"]:
        for category in categories:
            key = (doc_id, category)
            found = int(n_paras.get(key, 0))
            rows.append((doc_id, category, found, round(found / totals[doc_id], 4),
                         int(n_hits.get(key, 0)), terms.get(key, "")))
    return pd.DataFrame(rows, columns=list(COVERAGE_COLUMNS))


def link_only_paragraphs(hits: pd.DataFrame, category: str = "transport_infrastructure") -> list[str]:
    """Paragraphs whose only terms of ``category`` (in :func:`integration_hits`) name the Link
    (:data:`LINK_TERMS`), sorted."""
    terms = hits[hits["category"] == category].groupby("para_id")["term"].agg(set)
    return sorted(terms[terms.map(lambda found: found <= LINK_TERMS)].index)


def outcomes_without_terms(outcomes: pd.DataFrame, terms: pd.DataFrame | None = None) -> pd.DataFrame:
    """The outcome sentences (:func:`integration_outcomes`) that hold no six-integration term:
    where the dictionary does not reach what the articles report."""
    as_texts = pd.DataFrame({"doc_id": outcomes["doc_id"], "para_id": outcomes["outcome_id"],
                             "text": outcomes["sentence"]})
    covered = set(integration_hits(as_texts, terms)["para_id"])
    return outcomes[~outcomes["outcome_id"].isin(covered)].reset_index(drop=True)


# --------------------------------------------------------------------------- outcomes

#: The Link's opening used as a point in time (深中通道开通前后, 通车以来, 通车为契机) is not itself
#: the outcome a sentence reports.
_NOT_AS_TIME = r"(?!前后|以后|以来|后|首月|次日|的机遇|为契机)"
#: Completion: a finished action, a result or an observed trend (already, achieved, opened,
#: signed, launched, more and more ..., and the perfective 了).
COMPLETION = re.compile(
    rf"已(?!经?[要将])|实现|建立|达成|签署|签订|制定|上线|成立|揭牌|开园|落子|落户|取得|完成|累计|"
    rf"越来越|日益|日渐|"
    rf"迎来|接待|发布|(?:开通|通车){_NOT_AS_TIME}|(?<![为除])了(?!解)")
#: Plans, aims and exhortations: when one comes before the first completion cue, the sentence
#: states an intention, not an outcome (将要, 即将, 要以, 力求, 下一步, 相信 ...). Verbs of effort such
#: as 积极推动 are not intentions here: the articles use them for what was done.
INTENTION = re.compile(
    r"将(?:要|会|进一步|重点|实现|开展|继续|聚焦|围绕|持续|加快)|即将|计划|下一步|接下来|今后|"
    r"力求|力争|争取|谋划|希望|相信|必须|(?<![重主需首])要(?![求点])")
#: Rhetoric read past before the cues are sought: 迎来(了)…机遇 (a chance arrives).
_RHETORIC = re.compile(r"迎来了?[^，。]*机遇")
#: Words that tie a sentence to another city when it names only one (两地, 跨城, 双方 ...).
CROSS_CITY = re.compile(r"两地|两市|双方|跨城|跨市|跨海|三地")
#: What an outcome is about; a sentence can be of several kinds.
OUTCOME_KINDS = {
    "transport": r"深中通道|通车|开通|航线|组合港|交通",
    "public_services": r"通办|互认|政务服务|公积金|医保|证照|许可|同城待遇|标准",
    "agreement": r"签署|签订|协议|达成",
    "platform_project": r"专区|合作区|产业园|基地|研究中心|项目|重点事项|落子|平台|合作机制",
    "talent_cadres": r"人才|干部|培训|党员|校际|领导班子",
    "community_pairing": r"社区|结对|基层党组织",
    "visitors_firms": r"游客|旅游|联游|企业|公司|客",
}
#: Readable names of :data:`OUTCOME_KINDS` for tables.
OUTCOME_KIND_LABELS = {"transport": "transport", "public_services": "public services",
                       "agreement": "agreements", "platform_project": "platforms and projects",
                       "talent_cadres": "talent and cadres", "community_pairing": "community pairing",
                       "visitors_firms": "visitors and firms"}


def outcome_marker(sentence: str) -> str | None:
    """The completion cue that makes ``sentence`` report an outcome, or None when it has none
    or an intention cue comes first."""
    sentence = _RHETORIC.sub("", sentence)
    done = COMPLETION.search(sentence)
    if done is None:
        return None
    intention = INTENTION.search(sentence)
    if intention is not None and intention.start() < done.start():
        return None
    return done.group()


def linking_institutions(gazetteer: pd.DataFrame) -> set[str]:
    """Institutions named after a pair of places: a form of theirs holds a form that names
    several entries (深中通道 holds 深中, 前海深港青年梦工厂 holds 深港)."""
    pairs = [form for form, names in surface_forms(gazetteer).items() if len(names) > 1]
    return {row.name for row in gazetteer.itertuples(index=False)
            if row.kind == "institution"
            and any(pair in form for form in (row.name, *split_forms(row.aliases)) for pair in pairs)}


def is_cross_city(sentence: str, places: Mapping[str, str], linking: Iterable[str] = ()) -> bool:
    """True when the sentence names two cities (directly or through their districts, towns and
    institutions), a linking institution (深中通道, see :func:`linking_institutions`) or holds a
    cross-city word (两地, 跨城 ...). ``places`` maps each place named to its city (or "")."""
    cities = {city for city in places.values() if city}
    return len(cities) >= 2 or bool(set(places) & set(linking)) or bool(CROSS_CITY.search(sentence))


def outcome_kinds(sentence: str) -> list[str]:
    """The :data:`OUTCOME_KINDS` whose cues occur in the sentence."""
    return [kind for kind, cue in OUTCOME_KINDS.items() if re.search(cue, sentence)]


def cross_city_sentences(paragraphs: pd.DataFrame, gazetteer: pd.DataFrame) -> pd.DataFrame:
    """Every sentence of a body paragraph that passes :func:`is_cross_city`, with the places it
    names and its outcome ``marker`` (empty when :func:`outcome_marker` finds none)."""
    matcher, linking = Gazetteer(gazetteer), linking_institutions(gazetteer)
    rows = []
    for para in paragraphs[paragraphs["kind"] == "body"].itertuples(index=False):
        clauses = split_sentences(para.text, quotes=CLAUSE_QUOTES)
        for number, (_, _, sentence) in enumerate(clauses, start=1):
            places = {p.name: p.city for m in matcher.find(sentence) for p in m.places}
            if is_cross_city(sentence, places, linking):
                rows.append((para.doc_id, para.para_id, number, outcome_marker(sentence) or "",
                             "|".join(sorted(places)), sentence))
    return pd.DataFrame(rows, columns=["doc_id", "para_id", "sentence_no", "marker", "places",
                                       "sentence"])


def integration_outcomes(paragraphs: pd.DataFrame, gazetteer: pd.DataFrame,
                         quantities: pd.DataFrame | None = None) -> pd.DataFrame:
    """The cross-city sentences (:func:`cross_city_sentences`) that report an outcome, with their
    :data:`OUTCOME_KINDS` and the quantities they state: rows of ``quantities.csv`` of the same
    para_id whose expression is in the sentence (``Q041 393.37万人次``)."""
    found = cross_city_sentences(paragraphs, gazetteer)
    found = found[found["marker"] != ""].reset_index(drop=True)
    if quantities is None:
        quantities = pd.DataFrame(columns=["quantity_id", "para_id", "expression"])
    by_para = {para_id: list(zip(group["quantity_id"], group["expression"]))
               for para_id, group in quantities.groupby("para_id")}
    found["outcome_kinds"] = ["|".join(outcome_kinds(s)) for s in found["sentence"]]
    found["quantities"] = ["; ".join(f"{qid} {expr}" for qid, expr in by_para.get(para_id, [])
                                     if expr in sentence)
                           for para_id, sentence in zip(found["para_id"], found["sentence"])]
    found.insert(0, "outcome_id", [f"O{i:03d}" for i in range(1, len(found) + 1)])
    return found[list(OUTCOME_COLUMNS)]


def judged_outcomes_path() -> Path:
    """``data/annotations/integration_outcomes_judged.csv``: hand judgements of the cross-city sentences."""
    return annotation_path("integration_outcomes_judged.csv")


def read_judgements(path: Path | str | None = None) -> pd.DataFrame:
    """The hand judgements (para_id, sentence_no, outcome 0/1, sentence_start, note)."""
    path = Path(path) if path is not None else judged_outcomes_path()
    return pd.read_csv(path, comment="#", dtype={"para_id": str}, keep_default_na=False)


def outcome_validation(judged: pd.DataFrame, sentences: pd.DataFrame) -> dict[str, float]:
    """Agreement of the outcome rule (a non-empty ``marker`` in :func:`cross_city_sentences`)
    with the hand judgements: counts of judged sentences, of true and false positives and false
    negatives, precision and recall, each rate with its Wilson 95% interval (``precision_low``,
    ``precision_high``, ``recall_low``, ``recall_high``; NaN when its denominator is empty).
    Sentences are joined on (para_id, sentence_no); a judged sentence missing from
    ``sentences`` raises ``ValueError``."""
    merged = judged.merge(sentences, on=["para_id", "sentence_no"], how="left", indicator=True)
    lost = merged[merged["_merge"] != "both"]
    if len(lost):
        raise ValueError(f"judged sentences no longer cross-city: {', '.join(lost['para_id'])}")
    truth, predicted = merged["outcome"].astype(bool), merged["marker"].fillna("") != ""
    tp, fp, fn = int((truth & predicted).sum()), int((~truth & predicted).sum()), int((truth & ~predicted).sum())
    result: dict[str, float] = {"judged": len(merged), "outcomes": int(truth.sum()),
                                "found": int(predicted.sum()), "true_positives": tp,
                                "false_positives": fp, "false_negatives": fn}
    for rate, total in (("precision", tp + fp), ("recall", tp + fn)):
        result[rate] = tp / total if total else float("nan")
        result[f"{rate}_low"], result[f"{rate}_high"] = wilson(tp, total)
    return result


# --------------------------------------------------------------------------- signals

#: Fields of each entry of ``data/lexicons/signals.yml``.
SIGNAL_FIELDS = ("group", "phrase", "english", "meaning")
SIGNAL_COLUMNS = (*SIGNAL_FIELDS, "occurrences", "paragraphs", "para_ids")


def signals_path() -> Path:
    """``data/lexicons/signals.yml``: phrases that signal hierarchy, experimentation and
    investment promotion, each with an English gloss and a one-line meaning."""
    return lexicon_path("signals.yml")


def read_signals(path: Path | str | None = None) -> pd.DataFrame:
    """The signal phrases (:data:`SIGNAL_FIELDS`), in file order. An entry lacking a field or a
    phrase listed twice raises ``ValueError`` naming the file."""
    path = Path(path) if path is not None else signals_path()
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for number, entry in enumerate(entries, start=1):
        missing = [name for name in SIGNAL_FIELDS if not str(entry.get(name) or "").strip()]
        if missing:
            raise ValueError(f"{path.name}: entry {number} lacks {', '.join(missing)}")
    frame = pd.DataFrame([{name: str(entry[name]).strip() for name in SIGNAL_FIELDS} for entry in entries],
                         columns=list(SIGNAL_FIELDS))
    repeated = sorted(set(frame.loc[frame["phrase"].duplicated(), "phrase"]))
    if repeated:
        raise ValueError(f"{path.name}: listed twice: {', '.join(repeated)}")
    return frame


def find_signals(paragraphs: pd.DataFrame, signals: pd.DataFrame) -> pd.DataFrame:
    """Per signal phrase (:func:`read_signals`): its occurrences in the paragraphs' text, the
    paragraphs that hold it and their IDs in document order. Each phrase is counted as a plain
    string on its own, so a phrase inside another (试点 in 试点工作) is still counted; a phrase
    not found keeps its row with zeros."""
    rows = []
    for signal in signals.itertuples(index=False):
        counts = paragraphs["text"].str.count(re.escape(signal.phrase))
        holding = sorted(paragraphs.loc[counts > 0, "para_id"], key=para_order)
        rows.append((*(getattr(signal, name) for name in SIGNAL_FIELDS), int(counts.sum()),
                     len(holding), " ".join(holding)))
    return pd.DataFrame(rows, columns=list(SIGNAL_COLUMNS))


# --------------------------------------------------------------------------- tables

#: Tables of :func:`place_tables`.
TABLES = ("place_mentions", "place_counts", "place_cooccurrence", "integration_coverage",
                "integration_outcomes")


def place_tables(paragraphs: pd.DataFrame, gazetteer: pd.DataFrame, terms: pd.DataFrame,
                 quantities: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The chapter's tables from analysable paragraphs, keyed as :data:`TABLES`; ``terms``
    are all theme terms (:func:`policytext.analysis.themes.load_themes`)."""
    mentions = place_mentions(paragraphs, gazetteer)
    english = dict(zip(gazetteer["name"], gazetteer["english"]))
    pairs = pd.concat([cooccurrence_pairs(places_by_paragraph(mentions, level),
                                          english, level) for level in ("entry", "city")],
                      ignore_index=True)
    return {
        "place_mentions": mentions,
        "place_counts": mention_counts(mentions, gazetteer),
        "place_cooccurrence": pairs,
        "integration_coverage": integration_coverage(integration_hits(paragraphs, terms),
                                                     paragraphs),
        "integration_outcomes": integration_outcomes(paragraphs, gazetteer, quantities),
    }
