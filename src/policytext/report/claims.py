"""The claims register: every finding sentence of the introduction, the chapter summaries and
the README, with the values and paragraphs it rests on and a check that decides whether it
still holds on the current corpus.

``data/claims/*.yml`` hold the claims, one file per page (id, page, the statement, the
paragraphs it cites, and the name of its check); :data:`CHECKS` holds the checks, each a
function of the derived tables that returns whether the claim holds and the values it computed.
The checks of the introduction are here; each chapter's are in
:mod:`policytext.report.checks` and register themselves with :func:`check`. A notebook evaluates them and
glues, beside each claim, nothing when it holds and a visible warning when it does not; the
notebook runner prints the failing claims in the build log.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd
import yaml

from policytext import tables
from policytext.analysis import learning, places, talent, themes
from policytext.analysis.vocabulary import analysable_paragraphs
from policytext.paths import annotation_path, data_dir
from policytext.report.labels import label
from policytext.report.validation import difference_text, heldout_precision_drops, score, with_interval
from policytext.validation import learning_codes
from policytext.validation.items import annotated_paragraphs, current_item_ids, sentence_items
from policytext.validation.extractors import read_annotation
from policytext.validation.tasks import BLIND_ANNOTATIONS, task
from policytext.text.gazetteer import load_gazetteer
from policytext.text.sentences import sentence_ids

CLAIMS_FOLDER = "claims"
STATUS_COLUMNS = ("claim_id", "page", "holds", "statement", "paragraphs", "values", "unvalidated")


@dataclass(frozen=True)
class Claim:
    """A finding as the book states it and the check that decides it."""

    claim_id: str
    page: str
    statement: str
    paragraphs: tuple[str, ...]
    check: str
    #: the steps behind the claim that no blind annotation checks ("" when every one is checked)
    unvalidated: str = ""


@dataclass
class Result:
    """What a check found: whether the claim holds and the values it rests on."""

    holds: bool
    values: dict[str, object] = field(default_factory=dict)


Tables = Callable[[str], pd.DataFrame]


def claims_dir() -> Path:
    """``data/claims``: one YAML file of claims per page."""
    return data_dir() / CLAIMS_FOLDER


def read_claims(path: Path | None = None) -> list[Claim]:
    """The claims of every file in ``data/claims`` (or of the file ``path``), in file-name
    order; a claim without a known check, or repeated, is an error naming the file."""
    _register_chapter_checks()
    paths = sorted(claims_dir().glob("*.yml")) if path is None else [Path(path)]
    claims, seen = [], set()
    for one in paths:
        claims += _read_file(one, seen)
    return claims


def _read_file(path: Path, seen: set[str]) -> list[Claim]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    claims = []
    for number, entry in enumerate(entries, start=1):
        missing = {"id", "page", "statement", "check"} - set(entry)
        if missing:
            raise ValueError(f"{path.name}: claim {number} lacks {', '.join(sorted(missing))}")
        if entry["check"] not in CHECKS:
            raise ValueError(f"{path.name}: claim {entry['id']} names an unknown check {entry['check']!r}")
        if not isinstance(entry.get("unvalidated", ""), str):
            raise ValueError(f"{path.name}: claim {entry['id']}: unvalidated must be text")
        if entry["id"] in seen:
            raise ValueError(f"{path.name}: claim {entry['id']} appears twice")
        seen.add(entry["id"])
        claims.append(Claim(entry["id"], entry["page"], " ".join(entry["statement"].split()),
                            tuple(entry.get("paragraphs", [])), entry["check"],
                            " ".join(entry.get("unvalidated", "").split())))
    return claims


def check(function: Callable[[Tables], Result]) -> Callable[[Tables], Result]:
    """Register ``function`` as a check claims can name (its function name)."""
    if function.__name__ in CHECKS and CHECKS[function.__name__] is not function:
        raise ValueError(f"two checks named {function.__name__}")
    CHECKS[function.__name__] = function
    return function


def _register_chapter_checks() -> None:
    importlib.import_module("policytext.report.checks")  # its modules register with check


def evaluate(claims: list[Claim], load: Tables | None = None) -> pd.DataFrame:
    """Run each claim's check on the tables ``load`` returns (default: the project's derived
    tables); a check that cannot run (a table or row it needs is missing) does not hold."""
    load = load or (lambda name: tables.load(name))
    rows = []
    for claim in claims:
        try:
            result = CHECKS[claim.check](load)
        except (KeyError, IndexError, ValueError, ZeroDivisionError, FileNotFoundError) as error:
            result = Result(False, {"error": f"{type(error).__name__}: {error}"})
        rows.append({"claim_id": claim.claim_id, "page": claim.page, "holds": bool(result.holds),
                     "statement": claim.statement, "paragraphs": ", ".join(claim.paragraphs),
                     "values": "; ".join(f"{k} = {readable(v)}" for k, v in result.values.items()),
                     "unvalidated": claim.unvalidated})
    return pd.DataFrame(rows, columns=list(STATUS_COLUMNS))


_CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def readable(value: object) -> object:
    """A computed value as a reader sees it: codes (``transport_infrastructure``) as their
    labels, in lower case unless a name (:func:`policytext.report.labels.label`)."""
    if not isinstance(value, str):
        return value

    def spelled(match: re.Match) -> str:
        words = str(label(match.group())).split(" ")
        return " ".join(w.capitalize() if w.capitalize() in PROPER_WORDS else w[:1].lower() + w[1:]
                        for w in words)

    return _CODE.sub(spelled, value)


#: First words of labels that are names and keep their capital.
PROPER_WORDS = frozenset({"Shenzhen", "Zhongshan", "Chenzhou", "Guangzhou", "Party"})


def warning_text(claim_id: str, row) -> str:
    """Nothing for a claim that holds; for one that does not, the warning shown beside it."""
    if row["holds"]:
        return ""
    return (f"This finding does not hold on the current corpus (claim {claim_id} of "
            f"data/claims/): {row['statement']} Computed: {row['values'] or 'no values'}.")


def failing(status: pd.DataFrame) -> list[str]:
    """One log line per claim that does not hold."""
    rows = status.reset_index() if "claim_id" not in status.columns else status
    return [f"claim {r.claim_id} ({r.page}) does not hold: {r.values}"
            for r in rows.itertuples(index=False) if not r.holds]


# ---------------------------------------------------------------- checks

def _sentences(edges: pd.DataFrame, learner: str, teacher: str) -> int:
    pair = edges[(edges["learner"] == learner) & (edges["teacher"] == teacher)]
    return len(pair.drop_duplicates(["para_id", "sentence_no"]))


def learning_disagreements(rows: pd.DataFrame, annotation: str) -> pd.DataFrame:
    """The sentences of ``validation_disagreements`` on whether a sentence reports learning that
    the blind annotator marked ``annotation``: ``yes`` are the extractor's misses, ``no`` its
    false alarms."""
    return rows[(rows["task"] == "learning") & (rows["measure"] == "sentence reports learning")
                & (rows["label"] == "any") & (rows["annotation"] == annotation)]


def _annotated_not_learning(load: Tables) -> set[str]:
    """Sentences the extractor reads as learning and the blind annotator does not."""
    return set(learning_disagreements(load("validation_disagreements"), "no")["item_id"])


def blind_learning_relations(load: Tables) -> pd.DataFrame:
    """The learning relations of the first blind annotation (one row per relation), over the
    annotated items that still exist with the same text in the corpus (none when none do)."""
    folder = annotation_path("learning")
    paragraphs = annotated_paragraphs(analysable_paragraphs(load("paragraphs"), load("documents")))
    items = set(current_item_ids(folder, sentence_items(paragraphs)))
    blind = tables.read_curated(folder / BLIND_ANNOTATIONS["first"])
    return blind[blind["item_id"].isin(items) & (blind["relation"] == "yes")]


def blind_learning_models(load: Tables, learner_city: str) -> tuple[pd.Series, int]:
    """Per model city, the number of sentences the first blind annotation of the learning task
    codes with ``learner_city`` learning from it (most first), and the number of its sentences
    with ``learner_city`` learning at all."""
    relations = blind_learning_relations(load)
    rows = relations[relations["learner_city"] == learner_city]
    return rows.drop_duplicates(["item_id", "model_city"])["model_city"].value_counts(), rows["item_id"].nunique()


def _paragraph_text(load: Tables) -> pd.Series:
    return load("paragraphs").set_index("para_id")["text"]


def _names_all(texts: pd.Series, wanted: dict[str, tuple[str, ...]]) -> dict[str, bool]:
    """For each paragraph ID, whether its text holds every one of the strings."""
    return {para_id: para_id in texts.index and all(w in texts[para_id] for w in words)
            for para_id, words in wanted.items()}


def learning_one_way(load: Tables) -> Result:
    """Sentences with Zhongshan learning from Shenzhen outnumber the reverse at least tenfold (as
    the extractor's edges read them, one learner and one model to an edge). Whether the blind
    annotator reads the reverse sentences as learning is reported, not required: its guideline
    counts a visit by the model city's people only when they teach, so it cannot test the
    direction."""
    edges = load("learning_edges")
    forward, reverse = _sentences(edges, "中山", "深圳"), _sentences(edges, "深圳", "中山")
    reverse_ids = set(sentence_ids(edges[(edges["learner"] == "深圳") & (edges["teacher"] == "中山")]))
    learning_reverse = sorted(reverse_ids - _annotated_not_learning(load))
    return Result(forward >= 10 * max(reverse, 1),
                  {"Zhongshan→Shenzhen": forward, "Shenzhen→Zhongshan": reverse,
                   "reverse sentences the blind reading takes as learning": ", ".join(learning_reverse) or "none"})


#: What the later talent article (001) says of the learning's direction, by paragraph.
JOINT_LEARNING = {"001:46": ("单向学习", "共同学习"), "001:55": ("一起学",)}


#: The same article's section on the pairing of communities, telling it as Zhongshan's
#: communities learning from Shenzhen's (beside mutual learning, 互学互鉴, 001:73).
ONE_WAY_IN_PAIRING = {"001:74": ("向深圳社区党组织学习",), "001:75": ("全面学习深圳",)}


def learning_told_as_joint(load: Tables) -> Result:
    """The later talent article (001) tells the learning as turning from one-way into joint learning
    (单向学习升级为共同学习, 001:46; 与深圳一起学, 001:55), while its section on the pairing of
    communities still tells Zhongshan's communities learning from Shenzhen's (001:74, 001:75)."""
    text = _paragraph_text(load)
    joint, one_way = _names_all(text, JOINT_LEARNING), _names_all(text, ONE_WAY_IN_PAIRING)
    return Result(all(joint.values()) and all(one_way.values()),
                  {"paragraphs saying so": ", ".join(p for p, ok in joint.items() if ok) or "none",
                   "pairing told as learning from Shenzhen": ", ".join(p for p, ok in one_way.items() if ok) or "none"})


#: Learners travelling with the state units, by paragraph: firms and chambers of commerce
#: (000:38), the advisers and outside directors of city-managed firms (000:57), talent (001:57).
OTHER_LEARNERS = {"000:38": ("商会", "企业"), "000:57": ("企业",), "001:57": ("人才",)}


def learning_by_state_units(load: Tables) -> Result:
    """The learners named in learning sentences are mostly cadres and state or party units, and
    firms are under a tenth of the learner mentions, both as the code list reads them and, where
    the corpus holds its sentences, as the first blind reading of who learns codes them; firms,
    chambers of commerce, advisers and outside directors of city-managed firms and talent travel
    with them in the paragraphs cited."""
    codes = load("learning_codes")
    learners = codes[(codes["dimension"] == "learner") & (codes["has_edge"].astype(str) == "True")]
    counts = learners.drop_duplicates(["code", "para_id", "sentence_no"])["code"].value_counts()
    total = int(counts.sum())
    business = int(counts.get("business", 0))
    state = int(sum(counts.get(c, 0) for c in learning.STATE_LEARNERS))
    # the first blind reading of who learns, in the sentences with an edge (those counted above)
    blind_counts = learning_codes.annotated_counts(load("learning_code_scores"), "learner",
                                                   scope=learning_codes.SCOPES[1])
    blind_total = int(blind_counts.sum())
    blind_state = int(blind_counts.reindex(list(learning.STATE_LEARNERS), fill_value=0).sum())
    blind_business = int(blind_counts.get("business", 0))
    blind_holds = blind_total == 0 or (blind_business < 0.1 * blind_total and blind_state > 0.5 * blind_total)
    others = _names_all(_paragraph_text(load), OTHER_LEARNERS)
    return Result(total > 0 and business < 0.1 * total and state > 0.5 * total and blind_holds
                  and all(others.values()),
                  {"learner mentions": total, "state and party units": state, "firms": business,
                   "learners in the blind reading": blind_total or "not available for this corpus",
                   "of which state and party units": blind_state, "of which firms": blind_business,
                   "paragraphs naming the other learners": ", ".join(p for p, ok in others.items() if ok) or "none"})


def _concrete_modes(edges: pd.DataFrame) -> tuple[int, int]:
    """Sentences of Zhongshan's learning with a course or visit, and with pairing or benchmarking."""
    zhongshan = edges[edges["learner"] == "中山"]
    modes = zhongshan.drop_duplicates(["para_id", "sentence_no", "mode"])["mode"].value_counts()
    return (int(modes.get("course", 0) + modes.get("visit", 0)),
            int(modes.get("pairing", 0) + modes.get("benchmark", 0)))


#: The campaign article and the later talent article, whose mixes of modes differ.
CAMPAIGN_ARTICLE, TALENT_ARTICLE = "000", "001"


def courses_and_visits_lead(load: Tables) -> Result:
    """In Zhongshan's learning sentences of the campaign article (000), courses and visits together
    outnumber pairing and benchmarking together, with the venue-only courses and in the strict
    count without them; in the later talent article (001) pairing and benchmarking outnumber
    courses and visits, in both counts."""
    edges = load("learning_edges")
    values, counts = {}, {}
    for doc_id in (CAMPAIGN_ARTICLE, TALENT_ARTICLE):
        in_doc = edges[edges["doc_id"] == doc_id]
        if in_doc.empty:
            values[doc_id] = "no learning edge in this corpus"
        counts[doc_id] = (_concrete_modes(in_doc), _concrete_modes(learning.strict_edges(in_doc)))
        (concrete, other), (strict_concrete, strict_other) = counts[doc_id]
        values[f"{doc_id}: courses and visits against pairing and benchmarking"] = f"{concrete} against {other}"
        values[f"{doc_id}: strict count"] = f"{strict_concrete} against {strict_other}"
    campaign, talent_article = counts[CAMPAIGN_ARTICLE], counts[TALENT_ARTICLE]
    campaign_leads = all(concrete > other for concrete, other in campaign)
    pairing_leads_later = all(other > concrete for concrete, other in talent_article)
    return Result(campaign_leads and pairing_leads_later, values)


def chenzhou_learns_from_guangzhou(load: Tables) -> Result:
    """Most of Chenzhou's learning sentences name Guangzhou as the model, as the extractor reads
    them and, where the corpus holds the annotated sentences, as the first blind reading does (the
    extractor finds few of that article's learning sentences)."""
    edges = load("learning_edges")
    chenzhou = edges[edges["learner"] == "郴州"].drop_duplicates(["para_id", "sentence_no", "teacher"])
    teachers = chenzhou["teacher"].value_counts()
    sentences = len(chenzhou.drop_duplicates(["para_id", "sentence_no"]))
    blind, blind_sentences = blind_learning_models(load, "郴州")
    blind_holds = blind_sentences == 0 or 2 * blind.get("广州", 0) > blind_sentences
    return Result(sentences > 0 and 2 * teachers.get("广州", 0) > sentences and blind_holds,
                  {"models": ", ".join(f"{t} {n}" for t, n in teachers.items()) or "none",
                   "learning sentences": sentences,
                   "models in the blind reading": ", ".join(f"{t} {n}" for t, n in blind.items())
                   or "not available for this corpus",
                   "learning sentences in the blind reading": blind_sentences})


def _target_groups(load: Tables) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cadre measures and the talent measures, as the talent chapter counts them."""
    measures = load("talent_measures").drop_duplicates("measure_id")
    is_cadre, is_talent = talent.target_groups(measures)
    return measures[is_cadre], measures[is_talent]


#: The learner city of the campaign the report is about (a document's home city, read from its title).
CAMPAIGN_LEARNER = "中山"


def cadre_measures_tied_to_shenzhen(load: Tables) -> Result:
    """A larger share of cadre measures than of talent measures is tied to Shenzhen (Newcombe's
    95% interval of the difference above zero), also on the measures the second guideline's blind
    annotation confirms; when the courses the learning chapter marks as venue-only (held in
    Shenzhen, on a subject that is not Shenzhen's practice) are not counted as tied, the cadre
    share is still the larger, by a margin that cannot be told from none as the rules read the
    targets (the interval holds zero over all articles and on Zhongshan's); when the measures
    aimed at both groups are counted with the cadres, it can on Zhongshan's articles by both
    intervals, over all articles by Newcombe's interval only (the bootstrap resampling whole
    paragraphs holds zero), and it cannot on the confirmed measures."""
    measures = load("talent_measures").drop_duplicates("measure_id")
    is_cadre, is_talent = talent.target_groups(measures)
    venue_only = learning.venue_only_sentence_ids(load("learning_edges"))
    linked = measures["shenzhen_link"] != "none"
    by_content = linked & ~measures["measure_id"].isin(venue_only)
    values = {}
    for name, group in (("cadre", is_cadre), ("talent", is_talent)):
        values[f"{name} measures tied to Shenzhen"] = f"{int((linked & group).sum())} of {int(group.sum())}"
        values[f"{name} measures tied to Shenzhen, venue-only courses not counted as tied"] = (
            f"{int((by_content & group).sum())} of {int(group.sum())}")
    documents = load("documents")
    homes = learning.home_cities(documents[documents["status"] == "ok"], load_gazetteer())
    zhongshan = [doc for doc, home in homes.items() if home == CAMPAIGN_LEARNER]
    contrasts = talent.shenzhen_tie_contrasts(measures, venue_only, zhongshan)
    for reading, named in (("all", "every tie"), ("content", "venue-only courses untied"),
                           ("content_both_as_cadre", "venue-only untied, measures naming both groups with the cadres")):
        values[f"cadre minus talent share, {named}"] = difference_text(*contrasts[reading]["independent"])
    on_zhongshan = contrasts["content_in_case"]["independent"]
    values["venue-only courses untied, on Zhongshan's articles"] = difference_text(*on_zhongshan)
    both_clustered = contrasts["content_both_as_cadre"]["clustered"]
    both_in_case = contrasts["content_both_as_cadre_in_case"]
    values["venue-only untied, both groups with the cadres, resampling paragraphs"] = difference_text(*both_clustered)
    for method, named in (("independent", "Newcombe"), ("clustered", "resampling paragraphs")):
        values[f"the same on Zhongshan's articles ({named})"] = difference_text(*both_in_case[method])
    confirmed = talent.confirmed_measures(measures, read_annotation(task("talent_v2")))
    on_confirmed = talent.shenzhen_tie_contrasts(confirmed, venue_only, zhongshan)
    for reading, named in (("all", "every tie"), ("content", "venue-only courses untied"),
                           ("content_both_as_cadre", "venue-only untied, both groups with the cadres")):
        values[f"on the confirmed measures, {named}"] = difference_text(*on_confirmed[reading]["independent"])
    every_tie, by_content_margin, both_with_cadres = (contrasts[r]["independent"] for r in talent.TIE_READINGS)
    confirmed_tie, confirmed_content, confirmed_both = (on_confirmed[r]["independent"] for r in talent.TIE_READINGS)
    holds = (every_tie[1] > 0 and confirmed_tie[1] > 0 and by_content_margin[0] > 0
             and by_content_margin[1] <= 0 and on_zhongshan[1] <= 0 and both_with_cadres[1] > 0
             and both_clustered[1] <= 0 and both_in_case["independent"][1] > 0
             and both_in_case["clustered"][1] > 0
             and confirmed_content[1] <= 0 and confirmed_both[1] <= 0)
    return Result(bool(holds), values)


def cadre_measures_in_campaign_passages(load: Tables) -> Result:
    """Every cadre measure lies in a passage about the campaign (an article titled with
    向深圳学习 or a section headed with it), while most talent measures do not: the contrast of
    cadre and talent measures follows which passages the corpus holds."""
    inside = learning.campaign_passages(load("paragraphs"))
    cadre, talent_measures = _target_groups(load)
    cadre_in = int(cadre["para_id"].isin(inside).sum())
    talent_in = int(talent_measures["para_id"].isin(inside).sum())
    return Result(len(cadre) > 0 and cadre_in == len(cadre) and talent_in < len(talent_measures) / 2,
                  {"cadre measures in campaign passages": f"{cadre_in} of {len(cadre)}",
                   "talent measures in campaign passages": f"{talent_in} of {len(talent_measures)}"})


def training_is_the_largest_instrument(load: Tables) -> Result:
    """Training is the instrument coded in most measures."""
    measures = load("talent_measures")
    codes = measures[measures["scheme"] == "instrument"].drop_duplicates(["measure_id", "code"])["code"].value_counts()
    return Result(len(codes) > 0 and codes.index[0] == "training" and codes.iloc[0] > codes.iloc[1:].max(),
                  {"largest": f"{codes.index[0]} {codes.iloc[0]}" if len(codes) else "none",
                   "next": f"{codes.index[1]} {codes.iloc[1]}" if len(codes) > 1 else "none"})


#: The campaign's own frame of integration: Shenzhen with Hong Kong and the east bank.
WIDER_FRAME = {"000:13": ("深港", "珠江口东岸"), "000:15": ("珠江口东岸",)}


def integration_is_a_pair(load: Tables) -> Result:
    """Zhongshan is named with Shenzhen in at least ten times as many paragraphs as with
    Guangzhou, and still in at least five times as many when 深中 (which names both) is not
    counted as a mention of either; the campaign's own frame names Hong Kong and the east bank
    (000:13, 000:15)."""
    pairs = load("place_cooccurrence")
    cities = pairs[pairs["level"] == "city"].set_index(["place_a", "place_b"])["paragraphs"]
    with_shenzhen = int(cities.get(("中山", "深圳"), 0))
    with_guangzhou = int(cities.get(("中山", "广州"), 0))
    mentions = load("place_mentions")
    apart = len(places.pair_paragraphs(mentions, "中山", "深圳", places.PAIR_ABBREVIATIONS))
    frame = _names_all(_paragraph_text(load), WIDER_FRAME)
    return Result(with_shenzhen >= 10 * max(with_guangzhou, 1) and apart >= 5 * max(with_guangzhou, 1)
                  and all(frame.values()),
                  {"Zhongshan–Shenzhen paragraphs": with_shenzhen, "without 深中": apart,
                   "Zhongshan–Guangzhou": with_guangzhou,
                   "paragraphs with the wider frame": ", ".join(p for p, ok in frame.items() if ok) or "none"})


def transport_most_covered(load: Tables) -> Result:
    """Transport is the most covered of the six integrations."""
    coverage = load("integration_coverage")
    corpus = coverage[coverage["doc_id"] == "all"].set_index("category")["paragraphs"].astype(int)
    top = corpus.sort_values(ascending=False, kind="stable")
    return Result(top.index[0] == "transport_infrastructure" and top.iloc[0] > top.iloc[1],
                  {"most covered": f"{top.index[0]} {top.iloc[0]}", "next": f"{top.index[1]} {top.iloc[1]}"})


def transport_lead_rests_on_the_link(load: Tables) -> Result:
    """In most of the paragraphs that cover transport, the only transport terms name the Link
    (深中通道, 通车, 大桥, 一桥飞架)."""
    hits = places.integration_hits(analysable_paragraphs(load("paragraphs"), load("documents")))
    transport = hits.loc[hits["category"] == "transport_infrastructure", "para_id"].nunique()
    link_only = len(places.link_only_paragraphs(hits))
    return Result(transport > 0 and link_only > transport / 2,
                  {"transport paragraphs": transport, "naming only the Link": link_only})


def own_theme_leads(load: Tables) -> Result:
    """Talent policy leads the talent article (001) and learning from Shenzhen the article on the
    learning campaign (000), and neither lead survives every removal of its own theme's most
    frequent terms (``theme_robustness``)."""
    shares = load("theme_document_shares")
    top = shares[shares["rank"].astype(int) == 1].set_index("doc_id")["theme"]
    removals = load("theme_robustness")
    own = {"000": "learning_from_shenzhen", "001": "talent_policy"}
    narrow = {doc: bool((~removals.loc[(removals["doc_id"] == doc) & (removals["removed_theme"] == theme),
                                        "top_unchanged"].astype(str).eq("True")).any())
              for doc, theme in own.items()}
    return Result(top.get("001") == "talent_policy" and top.get("000") == "learning_from_shenzhen" and all(narrow.values()),
                  {"leads 000": top.get("000", "none"), "leads 001": top.get("001", "none"),
                   "narrow leads": ", ".join(d for d, n in narrow.items() if n) or "none"})


def learning_lead_rests_on_the_slogan(load: Tables) -> Result:
    """000's lead for learning from Shenzhen does not survive removing the single top term of the
    theme (向深圳学习)."""
    robustness = load("theme_robustness")
    row = robustness[(robustness["removed_theme"] == "learning_from_shenzhen")
                     & (robustness["k"].astype(int) == 1) & (robustness["doc_id"] == "000")].iloc[0]
    unchanged = str(row["top_unchanged"]) == "True"
    return Result(not unchanged, {"removed": row["removed_terms"], "leads after": row["top_after"]})


def most_leads_are_narrow(load: Tables) -> Result:
    """The lead of most articles changes under at least one removal of frequent theme terms
    (:func:`policytext.analysis.themes.lead_stability`)."""
    stability = themes.lead_stability(load("theme_robustness"))
    narrow = stability.loc[stability["n_changed"] > 0, "doc_id"].tolist()
    return Result(2 * len(narrow) > len(stability),
                  {"narrow leads": ", ".join(narrow) or "none", "articles": len(stability)})


def learning_counts_fall_short(load: Tables) -> Result:
    """The learning extractor misses sentences a blind annotator reads as learning (recall below
    0.9), while what it finds is learning (precision at least 0.9)."""
    scores = load("validation_scores")
    row = scores[(scores["task"] == "learning") & (scores["measure"] == "sentence reports learning")
                 & (scores["label"] == "any")].iloc[0]
    precision, recall = float(row["precision"]), float(row["recall"])
    return Result(recall < 0.9 and precision >= 0.9, {"precision": round(precision, 2), "recall": round(recall, 2)})


def outcome_counts_exceed(load: Tables) -> Result:
    """The outcome extractor reports more integration outcomes than a blind annotator finds."""
    scores = load("validation_scores")
    row = scores[(scores["task"] == "integration") & (scores["measure"] == "sentence reports an outcome")
                 & (scores["label"] == "any")].iloc[0]
    return Result(int(row["predicted_positive"]) > int(row["gold_positive"]),
                  {"extracted": int(row["predicted_positive"]), "annotated": int(row["gold_positive"])})


#: A code "holds" against the blind reading when the annotator gives it at least this many
#: items and the lower end of its F1 interval reaches HOLDING_F1.
HOLDING_ITEMS, HOLDING_F1 = 10, 0.5


def only_training_holds(load: Tables) -> Result:
    """Of the talent-policy instrument codes, only training holds against the blind reading."""
    scores = load("validation_scores")
    codes = scores[(scores["task"] == "talent") & (scores["measure"] == "instrument")
                   & (scores["label"] != "all (pooled)")]
    holding = codes[(codes["gold_positive"].astype(int) >= HOLDING_ITEMS)
                    & (pd.to_numeric(codes["f1_low"], errors="coerce") >= HOLDING_F1)]["label"]
    return Result(list(holding) == ["training"], {"codes that hold": ", ".join(holding) or "none"})


def talent_rules_do_not_transfer(load: Tables) -> Result:
    """On the held-out sentences of the government work reports, the talent extractor's
    precision is lower than on the seeds (against the seeds' first blind annotation) against
    each held-out annotation, and against the first by a margin whose Newcombe interval lies
    above zero; and the held-out items were drawn with the current rules."""
    seeds = score(load("validation_scores"), "talent", "sentence reports a measure", "any")
    all_heldout = load("talent_heldout_scores")
    heldout = all_heldout[all_heldout["measure"] == "precision"].set_index("annotation")
    if not {"first", "second"} <= set(heldout.index):
        return Result(False, {"held out": f"annotations: {', '.join(heldout.index) or 'none'}"})
    differences = heldout_precision_drops(load("validation_scores"), all_heldout)
    current = str(heldout.loc["first", "drawn_with_current_rules"]) == "True"
    values = {"seeds": with_interval(seeds["precision"], seeds["precision_low"], seeds["precision_high"])}
    values |= {f"held out ({name})": with_interval(row["value"], row["low"], row["high"])
               for name, row in heldout.iterrows()}
    values |= {f"difference ({name})": difference_text(*found) for name, found in differences.items()}
    values["items drawn with current rules"] = current
    return Result(differences["first"][1] > 0 and all(d[0] > 0 for d in differences.values()) and current, values)


#: The theme dictionaries "reach" the blind reading when the pooled F1's interval starts here.
THEMES_F1_FLOOR = 0.7


def themes_agree_with_the_blind_reading(load: Tables) -> Result:
    """Pooled over the themes, presence agrees with the blind reading: the lower end of the F1
    interval reaches THEMES_F1_FLOOR."""
    scores = load("validation_scores")
    row = scores[(scores["task"] == "themes") & (scores["label"] == "all (pooled)")].iloc[0]
    return Result(float(row["f1_low"]) >= THEMES_F1_FLOOR,
                  {"F1": with_interval(row["f1"], row["f1_low"], row["f1_high"])})


#: Every check a claim may name.
CHECKS: dict[str, Callable[[Tables], Result]] = {
    check.__name__: check for check in (
        learning_one_way, learning_told_as_joint, learning_by_state_units, courses_and_visits_lead,
        chenzhou_learns_from_guangzhou, cadre_measures_tied_to_shenzhen, cadre_measures_in_campaign_passages,
        training_is_the_largest_instrument, integration_is_a_pair, transport_most_covered,
        transport_lead_rests_on_the_link,
        own_theme_leads, learning_lead_rests_on_the_slogan, most_leads_are_narrow,
        learning_counts_fall_short,
        outcome_counts_exceed, only_training_holds, themes_agree_with_the_blind_reading,
        talent_rules_do_not_transfer)
}
