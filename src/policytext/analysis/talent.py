"""Talent measures read from the paragraphs and coded by policy instrument and talent-chain stage.

A paragraph is split into sentences (:mod:`policytext.text.sentences`). A sentence of a body
paragraph states a talent measure when it names a target group (talent or cadres), holds at
least one instrument term and no ``not_measure`` cue, and is not a photo caption (图为...), a
beneficiary's or participant's quoted testimonial (“……”陈铁根介绍。) or a call or wish
(要…, 必须…, 希望…) that reports no action done. Regulation is coded only for a named or
issued regulation (条例, a 《…办法》, 出台…规定).
Each measure is coded by every instrument sub-type (Rothwell and Zegveld 1981: supply,
environment, demand) and every talent-chain stage (recruit, train, use, evaluate, retain) whose
terms it contains; the terms that fired are kept with each code. The scheme is the curated YAML
file ``data/codebooks/talent_instruments.yml``; terms are matched longest match first
(:mod:`policytext.text.matching`), so that masks (longer strings that do not mean their trigger)
hide it.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

import jsonschema
import pandas as pd
import yaml

from policytext.paths import codebook_path
from policytext.text import matching
from policytext.text.sentences import split_sentences
from policytext.validation.items import match_items, sentence_items
from policytext.validation.metrics import share_difference

INSTRUMENT_TYPES = ("supply", "environment", "demand")
STAGES = ("recruit", "train", "use", "evaluate", "retain")
TARGETS = ("talent", "cadre")
#: Where a measure names Shenzhen: in its sentence, elsewhere in its paragraph, or not at all.
LINKS = ("sentence", "paragraph", "none")

#: Columns of ``talent_measures.csv``: one row per measure and code.
CODE_COLUMNS = ("measure_id", "doc_id", "para_id", "sentence_no", "target", "shenzhen_link",
                "scheme", "group", "code", "triggers", "sentence")
#: Columns of ``talent_sentences.csv``: one row per sentence that names a target group.
SENTENCE_COLUMNS = ("measure_id", "doc_id", "para_id", "sentence_no", "kind", "target",
                    "target_terms", "decision", "shenzhen_link", "shenzhen_terms", "sentence")
MEASURE = "measure"


class SchemeError(ValueError):
    """The coding scheme file is malformed; the message names the file."""


# --------------------------------------------------------------------------- the scheme file

_TERM = {"type": "object", "required": ["term", "gloss"], "additionalProperties": False,
         "properties": {"term": {"type": "string", "minLength": 1},
                        "gloss": {"type": "string", "minLength": 1},
                        "reason": {"type": "string", "minLength": 1}}}
_TERMS = {"type": "array", "minItems": 1, "items": _TERM}
_LABELLED = {"type": "object", "required": ["label", "terms"], "additionalProperties": False,
             "properties": {"label": {"type": "string"}, "terms": _TERMS}}
#: A sub-type may also fire on a named document: a 《》 title ending in one of ``kinds``, or one of
#: ``kinds`` after one of ``issue_verbs`` in the same clause (出台……办法).
_DOCUMENTS = {"type": "object", "required": ["kinds", "issue_verbs"], "additionalProperties": False,
              "properties": {"kinds": _TERMS, "issue_verbs": _TERMS}}
_SUB_TYPE = {"type": "object", "required": ["label", "terms"], "additionalProperties": False,
             "properties": {"label": {"type": "string"}, "terms": _TERMS, "documents": _DOCUMENTS}}
_INSTRUMENT_TYPE = {"type": "object", "required": ["label", "sub_types"], "additionalProperties": False,
                    "properties": {"label": {"type": "string"},
                                   "sub_types": {"type": "object", "minProperties": 1,
                                                 "additionalProperties": _SUB_TYPE}}}
_QUOTED_SPEECH = {"type": "object", "required": ["speech_verbs", "official_speakers"],
                  "additionalProperties": False,
                  "properties": {"speech_verbs": _TERMS, "official_speakers": _TERMS}}
_CALLS = {"type": "object", "required": ["words", "not_calls", "done"], "additionalProperties": False,
          "properties": {"words": _TERMS, "not_calls": _TERMS, "done": _TERMS}}


def _exactly(keys: tuple[str, ...], value: dict) -> dict:
    return {"type": "object", "required": list(keys), "additionalProperties": False,
            "properties": {key: value for key in keys}}


#: JSON Schema of the YAML file.
SCHEME_SCHEMA = {
    "type": "object",
    "required": ["name", "version", "description", "references", "targets", "instruments",
                 "stages", "shenzhen_link", "masks", "not_measure", "quoted_speech", "calls"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"}, "version": {"type": "string"},
        "description": {"type": "string"},
        "references": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "targets": _exactly(TARGETS, _LABELLED),
        "instruments": _exactly(INSTRUMENT_TYPES, _INSTRUMENT_TYPE),
        "stages": _exactly(STAGES, _LABELLED),
        "shenzhen_link": {"type": "object", "required": ["terms"], "additionalProperties": False,
                          "properties": {"terms": _TERMS}},
        "masks": {"type": "array", "items": _TERM},
        "not_measure": {"type": "array", "items": _TERM},
        "quoted_speech": _QUOTED_SPEECH,
        "calls": _CALLS,
    },
}


@dataclass(frozen=True)
class Code:
    """One code of the scheme: ``scheme`` is instrument or stage; ``group`` the instrument
    type (supply, environment, demand) or ``stage``; ``code`` the sub-type or stage name."""

    scheme: str
    group: str
    code: str
    label: str
    terms: tuple[tuple[str, str], ...]  # (term, gloss)
    #: Kinds of document (办法, 规定) that fire the code when named in 《》 or issued.
    document_kinds: tuple[str, ...] = ()
    issue_verbs: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """How tables and hand codes name the code (:func:`code_key`)."""
        return code_key(self.scheme, self.group, self.code)


def code_key(scheme: str, group: str, code: str) -> str:
    """``type.sub_type`` for an instrument (``supply.training``), the name for a stage."""
    return f"{group}.{code}" if scheme == "instrument" else code


@dataclass(frozen=True)
class TalentScheme:
    """The coding scheme read from YAML."""

    path: Path
    name: str
    version: str
    references: tuple[str, ...]
    targets: tuple[Code, ...]
    codes: tuple[Code, ...]
    shenzhen_terms: tuple[str, ...]
    masks: tuple[str, ...]
    not_measure: tuple[str, ...]
    #: ``(type, label)`` of each instrument type, e.g. ``("supply", "Supply (供给型)")``.
    type_labels: tuple[tuple[str, str], ...]
    #: Verbs that attribute a quotation to its speaker, and offices whose quotations report measures.
    speech_verbs: tuple[str, ...] = ()
    official_speakers: tuple[str, ...] = ()
    #: Words that open a call or wish, longer words that start like them but are not calls, and
    #: cues of an action done.
    call_words: tuple[str, ...] = ()
    not_calls: tuple[str, ...] = ()
    done_cues: tuple[str, ...] = ()

    def codes_of(self, scheme: str) -> tuple[Code, ...]:
        """The instrument codes or the stage codes, in the file's order."""
        return tuple(code for code in self.codes if code.scheme == scheme)


def scheme_terms(scheme: TalentScheme) -> set[str]:
    """Every word the rules read: the terms of the codes and targets, the document kinds and
    issuing verbs of regulation, and the word lists of the scheme (masks, speech verbs, calls …)."""
    terms = {term for code in scheme.codes + scheme.targets for term, _ in code.terms}
    terms |= {word for code in scheme.codes for word in code.document_kinds + code.issue_verbs}
    return terms | set(scheme.shenzhen_terms + scheme.masks + scheme.not_measure + scheme.speech_verbs
                       + scheme.official_speakers + scheme.call_words + scheme.not_calls + scheme.done_cues)


def default_scheme_path() -> Path:
    """``data/codebooks/talent_instruments.yml`` of the project."""
    return codebook_path("talent_instruments.yml")


def _terms(entries: list[dict]) -> tuple[tuple[str, str], ...]:
    return tuple((entry["term"], entry["gloss"]) for entry in entries)


def _words(entries: list[dict]) -> tuple[str, ...]:
    return tuple(entry["term"] for entry in entries)


def _sub_type(kind: str, name: str, spec: dict) -> Code:
    documents = spec.get("documents", {"kinds": [], "issue_verbs": []})
    return Code("instrument", kind, name, spec["label"], _terms(spec["terms"]),
                document_kinds=_words(documents["kinds"]), issue_verbs=_words(documents["issue_verbs"]))


def _check_duplicates(path: Path, codes: list[Code]) -> None:
    for code in codes:
        terms = [term for term, _ in code.terms]
        repeated = sorted({term for term in terms if terms.count(term) > 1})
        if repeated:
            raise SchemeError(f"{path}: {code.scheme} {code.code!r} lists {'、'.join(repeated)} "
                              "more than once")


def load_scheme(path: Path | str | None = None) -> TalentScheme:
    """Read and validate the coding scheme; raise :class:`SchemeError` naming the file."""
    path = Path(path) if path is not None else default_scheme_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SchemeError(f"{path}: cannot read the coding scheme ({error.strerror})") from error
    except yaml.YAMLError as error:
        raise SchemeError(f"{path}: not valid YAML: {error}") from error
    try:
        jsonschema.validate(data, SCHEME_SCHEMA)
    except jsonschema.ValidationError as error:
        where = "/".join(str(part) for part in error.absolute_path) or "top level"
        raise SchemeError(f"{path}: {where}: {error.message}") from error
    targets = [Code("target", "target", key, value["label"], _terms(value["terms"]))
               for key, value in data["targets"].items()]
    codes = [_sub_type(kind, sub_type, spec)
             for kind in INSTRUMENT_TYPES
             for sub_type, spec in data["instruments"][kind]["sub_types"].items()]
    codes += [Code("stage", "stage", stage, data["stages"][stage]["label"],
                   _terms(data["stages"][stage]["terms"])) for stage in STAGES]
    _check_duplicates(path, targets + codes)
    masks = tuple(entry["term"] for entry in data["masks"])
    triggers = {term for code in targets + codes for term, _ in code.terms}
    clash = sorted(triggers & set(masks))
    if clash:
        raise SchemeError(f"{path}: masks repeat trigger terms: {'、'.join(clash)}")
    return TalentScheme(path=path, name=data["name"], version=data["version"],
                        references=tuple(data["references"]), targets=tuple(targets),
                        codes=tuple(codes),
                        shenzhen_terms=tuple(t for t, _ in _terms(data["shenzhen_link"]["terms"])),
                        masks=masks, not_measure=tuple(e["term"] for e in data["not_measure"]),
                        type_labels=tuple((kind, data["instruments"][kind]["label"]) for kind in INSTRUMENT_TYPES),
                        speech_verbs=_words(data["quoted_speech"]["speech_verbs"]),
                        official_speakers=_words(data["quoted_speech"]["official_speakers"]),
                        call_words=_words(data["calls"]["words"]),
                        not_calls=_words(data["calls"]["not_calls"]),
                        done_cues=_words(data["calls"]["done"]))


def scheme_table(scheme: TalentScheme) -> pd.DataFrame:
    """The scheme as a table: scheme, group, code, label, number of terms and the terms with
    their glosses (``培训 training; 研修 advanced study course; ...``); a kind of document is
    counted as a term and shown as a named or issued document (``《…办法》 or issued 办法``)."""
    rows = [{"scheme": code.scheme, "group": code.group, "code": code.code, "label": code.label,
             "n_terms": len(code.terms) + len(code.document_kinds),
             "terms": "; ".join([f"{term} {gloss}" for term, gloss in code.terms]
                                + [f"《…{kind}》 or issued {kind}" for kind in code.document_kinds])}
            for code in scheme.codes]
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- matching

class TermMatcher(matching.TermMatcher):
    """Longest-match, non-overlapping lookup of many terms (:mod:`policytext.text.matching`).

    ``labels`` maps each term to the labels it stands for; ``masks`` are terms that take part
    in the longest match but stand for nothing.
    """

    def __init__(self, labels: dict[str, tuple[str, ...]], masks: tuple[str, ...] = ()):
        super().__init__({term: tuple(term_labels) for term, term_labels in labels.items()}, masks)

    def labels(self, text: str) -> dict[str, list[str]]:
        """Each label found in ``text`` with the distinct terms that fired it, in text order."""
        found: dict[str, list[str]] = {}
        for match in self.find(text):
            for label in match.payload:
                terms = found.setdefault(label, [])
                if match.term not in terms:
                    terms.append(match.term)
        return found


def _matcher(codes: tuple[Code, ...], masks: tuple[str, ...]) -> TermMatcher:
    labels: dict[str, list[str]] = {}
    for code in codes:
        for term, _ in code.terms:
            labels.setdefault(term, []).append(code.code)
    return TermMatcher({term: tuple(ls) for term, ls in labels.items()}, masks)


@dataclass(frozen=True)
class Matchers:
    """The scheme's matchers: targets, instruments, stages, Shenzhen names, not-measure cues."""

    targets: TermMatcher
    instruments: TermMatcher
    stages: TermMatcher
    shenzhen: TermMatcher
    not_measure: TermMatcher


@lru_cache(maxsize=8)
def matchers(scheme: TalentScheme) -> Matchers:
    """Automata built once per scheme; masks take part in trigger matching only."""
    def plain(terms: tuple[str, ...]) -> TermMatcher:
        return TermMatcher({term: (term,) for term in terms})

    return Matchers(targets=_matcher(scheme.targets, scheme.masks),
                    instruments=_matcher(scheme.codes_of("instrument"), scheme.masks),
                    stages=_matcher(scheme.codes_of("stage"), scheme.masks),
                    shenzhen=plain(scheme.shenzhen_terms),
                    not_measure=plain(scheme.not_measure))


@lru_cache(maxsize=32)
def _document_pattern(kinds: tuple[str, ...], verbs: tuple[str, ...]) -> re.Pattern:
    kind = "|".join(map(re.escape, kinds))
    verb = "|".join(map(re.escape, verbs))
    return re.compile(rf"《[^》]*?({kind})》|(?:{verb})[^，,。；;！？]*?({kind})")


def named_documents(sentence: str, code: Code) -> list[str]:
    """The kinds of document of ``code`` that ``sentence`` names in 《》 or reports issued
    (出台……办法), in text order, each once."""
    if not code.document_kinds:
        return []
    found = []
    for match in _document_pattern(code.document_kinds, code.issue_verbs).finditer(sentence):
        kind = match.group(1) or match.group(2)
        if kind not in found:
            found.append(kind)
    return found


def instrument_labels(sentence: str, scheme: TalentScheme) -> dict[str, list[str]]:
    """Each instrument sub-type found in ``sentence`` with the terms (and kinds of named or
    issued document) that fired it."""
    found = matchers(scheme).instruments.labels(sentence)
    for code in scheme.codes_of("instrument"):
        for kind in named_documents(sentence, code):
            terms = found.setdefault(code.code, [])
            if kind not in terms:
                terms.append(kind)
    return found


# --------------------------------------------------------------------------- quotations and calls

class Quotation(NamedTuple):
    """A quotation attributed to a speaker: ``text[start:end]`` is “……”; ``speaker`` is the
    attribution (陈铁根介绍); ``official`` when it names an office that runs the measures."""

    start: int
    end: int
    speaker: str
    official: bool


@lru_cache(maxsize=8)
def _speech_patterns(verbs: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    verb = "|".join(map(re.escape, verbs))
    before = re.compile(rf"([^。；;！？“”，,]{{0,30}}?(?:{verb}))[：:，,]?$")
    after = re.compile(rf"[，,]?([^。；;！？“”，,：:]{{0,30}}?(?:{verb}))(?=[。，,：:；;！？]|$)")
    return before, after


def quoted_speech(text: str, scheme: TalentScheme) -> list[Quotation]:
    """The quotations of a paragraph that a speech verb attributes to a speaker, just before
    (X表示：“……”) or just after (“……”X说。); quoted names and slogans are not speech."""
    before, after = _speech_patterns(scheme.speech_verbs)
    found = []
    for match in re.finditer(r"“[^“”]*”", text):
        attribution = before.search(text[:match.start()]) or after.match(text, match.end())
        if attribution:
            speaker = attribution.group(1).strip()
            found.append(Quotation(match.start(), match.end(), speaker,
                                   any(office in speaker for office in scheme.official_speakers)))
    return found


def call_word(sentence: str, scheme: TalentScheme) -> str | None:
    """The word that opens a call or wish in ``sentence`` (要…, 必须…, ……指出，要…, 希望…),
    or None if no clause opens with one or the sentence reports an action done (已, 累计)."""
    if any(cue in sentence for cue in scheme.done_cues):
        return None
    for clause in re.split(r"[，,：:；;]", sentence):
        clause = clause.lstrip("“‘ ")
        if clause.startswith(scheme.not_calls):
            continue
        for word in scheme.call_words:
            if clause.startswith(word):
                return word
    return None


# --------------------------------------------------------------------------- sentences

_CAPTION = re.compile(r"^图为")


@dataclass(frozen=True)
class SentenceReading:
    """What the rules read in one sentence."""

    targets: dict[str, list[str]]      # target group -> terms
    instruments: dict[str, list[str]]  # sub-type -> terms
    stages: dict[str, list[str]]       # stage -> terms
    not_measure: list[str]
    decision: str


def read_sentence(sentence: str, scheme: TalentScheme, kind: str = "body",
                  quotation: Quotation | None = None) -> SentenceReading:
    """Targets, instrument and stage codes of one sentence and whether it states a measure;
    ``quotation`` is the attributed quotation the sentence begins in, if any.

    ``decision`` is ``measure`` or the first reason it is not: ``no target``, ``not body``
    (a title, subtitle or heading), ``caption``, ``testimonial`` (it begins inside a quotation
    of a speaker who is not an office running the measures), ``not a measure: <cue>``,
    ``call: <word>`` (:func:`call_word`), ``no instrument``.
    """
    found = matchers(scheme)
    targets = found.targets.labels(sentence)
    instruments = instrument_labels(sentence, scheme)
    cues = list(found.not_measure.labels(sentence))
    call = call_word(sentence, scheme)
    if not targets:
        decision = "no target"
    elif kind != "body":
        decision = "not body"
    elif _CAPTION.match(sentence):
        decision = "caption"
    elif quotation is not None and not quotation.official:
        decision = "testimonial"
    elif cues:
        decision = "not a measure: " + "、".join(cues)
    elif call:
        decision = f"call: {call}"
    elif not instruments:
        decision = "no instrument"
    else:
        decision = MEASURE
    return SentenceReading(targets=targets, instruments=instruments,
                           stages=found.stages.labels(sentence), not_measure=cues,
                           decision=decision)


def _target(targets: dict[str, list[str]]) -> str:
    return "+".join(group for group in TARGETS if group in targets)


def _shenzhen_link(sentence_terms: list[str], paragraph_terms: list[str]) -> str:
    if sentence_terms:
        return "sentence"
    return "paragraph" if paragraph_terms else "none"


def talent_sentences(paragraphs: pd.DataFrame, scheme: TalentScheme | None = None) -> pd.DataFrame:
    """Every sentence that names a target group, with the rules' decision (see
    :func:`read_sentence`; a sentence that begins inside a quotation of :func:`quoted_speech` is
    read with it) and its Shenzhen link: ``sentence`` if it names Shenzhen, the
    Shenzhen-Zhongshan pair or a Shenzhen place or institution, ``paragraph`` if only another
    sentence of its paragraph does, else ``none``."""
    scheme = scheme or load_scheme()
    shenzhen = matchers(scheme).shenzhen
    rows = []
    for para in paragraphs.itertuples(index=False):
        paragraph_terms = list(shenzhen.labels(para.text))
        quotations = quoted_speech(para.text, scheme)
        for number, (start, _, sentence) in enumerate(split_sentences(para.text), start=1):
            quotation = next((q for q in quotations if q.start <= start < q.end), None)
            reading = read_sentence(sentence, scheme, para.kind, quotation)
            if not reading.targets:
                continue
            sentence_terms = list(shenzhen.labels(sentence))
            rows.append({
                "measure_id": f"{para.para_id}.{number}", "doc_id": para.doc_id,
                "para_id": para.para_id, "sentence_no": number, "kind": para.kind,
                "target": _target(reading.targets),
                "target_terms": "、".join(t for ts in reading.targets.values() for t in ts),
                "decision": reading.decision,
                "shenzhen_link": _shenzhen_link(sentence_terms, paragraph_terms),
                "shenzhen_terms": "、".join(sentence_terms or paragraph_terms),
                "sentence": sentence,
            })
    return pd.DataFrame(rows, columns=list(SENTENCE_COLUMNS))


def sentence_links(paragraphs: pd.DataFrame, scheme: TalentScheme | None = None) -> pd.DataFrame:
    """The Shenzhen link (as in :func:`talent_sentences`) of every sentence of ``paragraphs``,
    target or not: ``item_id`` (paragraph.sentence, as the annotations name sentences) and
    ``shenzhen_link``; for reading the link of sentences that a blind annotation calls measures."""
    scheme = scheme or load_scheme()
    shenzhen = matchers(scheme).shenzhen
    rows = []
    for para in paragraphs.itertuples(index=False):
        paragraph_terms = list(shenzhen.labels(para.text))
        for number, (_, _, sentence) in enumerate(split_sentences(para.text), start=1):
            rows.append({"item_id": f"{para.para_id}.{number}",
                         "shenzhen_link": _shenzhen_link(list(shenzhen.labels(sentence)), paragraph_terms)})
    return pd.DataFrame(rows, columns=["item_id", "shenzhen_link"])


def code_measures(sentences: pd.DataFrame, scheme: TalentScheme | None = None) -> pd.DataFrame:
    """One row per measure and code (instrument sub-types first, then stages, in the scheme's
    order) with the terms that triggered the code, for the sentences decided ``measure``."""
    scheme = scheme or load_scheme()
    found = matchers(scheme)
    rows = []
    for row in sentences[sentences["decision"] == MEASURE].itertuples(index=False):
        by_scheme = {"instrument": instrument_labels(row.sentence, scheme),
                     "stage": found.stages.labels(row.sentence)}
        for code in scheme.codes:
            terms = by_scheme[code.scheme].get(code.code)
            if terms:
                rows.append({"measure_id": row.measure_id, "doc_id": row.doc_id,
                             "para_id": row.para_id, "sentence_no": row.sentence_no,
                             "target": row.target, "shenzhen_link": row.shenzhen_link,
                             "scheme": code.scheme, "group": code.group, "code": code.code,
                             "triggers": "、".join(terms), "sentence": row.sentence})
    return pd.DataFrame(rows, columns=list(CODE_COLUMNS))


def extract_measures(paragraphs: pd.DataFrame,
                     scheme: TalentScheme | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(sentences, codes)``: the sentences naming a target with the rules' decision, and the
    measure x code table, both sorted by document, paragraph and sentence."""
    scheme = scheme or load_scheme()
    ordered = paragraphs.assign(_para_no=paragraphs["para_id"].str.split(":").str[1].astype(int))
    ordered = ordered.sort_values(["doc_id", "_para_no"], kind="stable")
    sentences = talent_sentences(ordered, scheme).reset_index(drop=True)
    return sentences, code_measures(sentences, scheme).reset_index(drop=True)


# --------------------------------------------------------------------------- summaries

def measure_table(codes: pd.DataFrame) -> pd.DataFrame:
    """One row per measure: IDs, target, Shenzhen link, instrument codes (``type.sub_type``)
    and stages joined with ``, ``, and the sentence; in the order of ``codes``."""
    def joined(frame: pd.DataFrame, scheme: str) -> str:
        part = frame[frame["scheme"] == scheme]
        names = part["code"] if scheme == "stage" else part["group"] + "." + part["code"]
        return ", ".join(names)

    rows = []
    for measure_id, frame in codes.groupby("measure_id", sort=False):
        first = frame.iloc[0]
        rows.append({"measure_id": measure_id, "doc_id": first["doc_id"],
                     "para_id": first["para_id"], "target": first["target"],
                     "shenzhen_link": first["shenzhen_link"],
                     "instruments": joined(frame, "instrument"), "stages": joined(frame, "stage"),
                     "sentence": first["sentence"]})
    return pd.DataFrame(rows, columns=["measure_id", "doc_id", "para_id", "target",
                                       "shenzhen_link", "instruments", "stages", "sentence"])


def target_groups(measures: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Masks of the cadre measures and of the talent measures of ``measures``: a measure aimed at
    both talent and cadres counts as a talent measure, so that each measure is counted once."""
    return measures["target"] == "cadre", measures["target"].str.contains("talent")


#: The readings of the cadre-talent contrast of the Shenzhen tie (:func:`shenzhen_tie_contrasts`).
TIE_READINGS = ("all", "content", "content_both_as_cadre")


def shenzhen_tie_contrasts(measures: pd.DataFrame, venue_only_ids: Iterable[str],
                           case_doc_ids: Iterable[str]) -> dict[str, dict[str, tuple[float, float, float]]]:
    """The share of cadre measures tied to Shenzhen minus that of talent measures
    (:func:`policytext.validation.metrics.share_difference`: Newcombe's interval, ``independent``,
    and a bootstrap resampling paragraphs, ``clustered``), per reading of :data:`TIE_READINGS`:
    every tie (``all``); the courses of ``venue_only_ids`` (sentence IDs) untied (``content``);
    and the same with the measures aimed at both groups counted with the cadres
    (``content_both_as_cadre``). Each reading again on the documents of ``case_doc_ids`` alone,
    under its name with ``_in_case`` added."""
    is_cadre, is_talent = target_groups(measures)
    is_both = measures["target"] == "talent+cadre"
    linked = measures["shenzhen_link"] != "none"
    by_content = linked & ~measures["measure_id"].isin(set(venue_only_ids))
    in_case = measures["doc_id"].isin(set(case_doc_ids))
    readings = {"all": (linked, is_cadre, is_talent), "content": (by_content, is_cadre, is_talent),
                "content_both_as_cadre": (by_content, is_cadre | is_both, is_talent & ~is_both)}
    contrasts = {}
    for name, (tie, cadre, talent_side) in readings.items():
        contrasts[name] = share_difference(tie, cadre, talent_side, measures["para_id"])
        contrasts[f"{name}_in_case"] = share_difference(tie, cadre & in_case, talent_side & in_case, measures["para_id"])
    return contrasts


def confirmed_measures(measures: pd.DataFrame, annotation: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``measures`` whose sentence (``measure_id``) a blind ``annotation`` (``item_id``,
    ``is_measure``) also reads as a measure."""
    confirmed = set(annotation.loc[annotation["is_measure"] == "yes", "item_id"])
    return measures[measures["measure_id"].isin(confirmed)]


def blind_tie_contrasts(annotation: pd.DataFrame, links: pd.Series, venue_only_ids: Iterable[str]) -> dict:
    """The cadre-talent contrast of the Shenzhen tie on a blind reading's measures.

    ``annotation`` is indexed by sentence ID with ``is_measure`` and ``target`` (cadre, talent,
    both; a measure aimed at both counts as talent); ``links`` gives the rules' tie of each
    sentence (sentence ID -> ``shenzhen_link``; a sentence without one is not tied); the
    reading's own venue-only courses (``venue_only_ids``) are untied in the ``content`` reading.
    Returns ``counts`` (group -> measures, tied, tied by content) and, per reading (``all``,
    ``content``), :func:`policytext.validation.metrics.share_difference` over paragraphs."""
    measures = annotation[annotation["is_measure"] == "yes"]
    tied = measures.index.to_series().map(links).fillna("none").to_numpy() != "none"
    by_content = tied & ~measures.index.isin(set(venue_only_ids))
    groups = {"cadre": (measures["target"] == "cadre").to_numpy(),
              "talent": measures["target"].isin(["talent", "both"]).to_numpy()}
    paragraphs = measures.index.str.split(".").str[0]
    return {"counts": {group: (int(members.sum()), int((members & tied).sum()), int((members & by_content).sum()))
                       for group, members in groups.items()},
            "all": share_difference(tied, groups["cadre"], groups["talent"], paragraphs),
            "content": share_difference(by_content, groups["cadre"], groups["talent"], paragraphs)}


def short_text(sentence: str, n_chars: int = 24) -> str:
    """The sentence cut to ``n_chars`` characters with an ellipsis, its final mark dropped."""
    text = sentence.rstrip("。！？；;”’")
    return text if len(text) <= n_chars else text[:n_chars - 1] + "…"


def instrument_stage_matrix(codes: pd.DataFrame, scheme: TalentScheme | None = None) -> pd.DataFrame:
    """Measures coded with both an instrument sub-type (rows, ``type.sub_type`` in the
    scheme's order) and a stage (columns); all sub-types and stages kept, zeros included."""
    scheme = scheme or load_scheme()
    instruments = codes[codes["scheme"] == "instrument"]
    stages = codes[codes["scheme"] == "stage"]
    pairs = instruments[["measure_id", "group", "code"]].merge(
        stages[["measure_id", "code"]], on="measure_id", suffixes=("", "_stage"))
    counts = pairs.groupby(["group", "code", "code_stage"]).size()
    rows = [c.key for c in scheme.codes_of("instrument")]
    matrix = pd.DataFrame(0, index=rows, columns=list(STAGES), dtype=int)
    for (group, code, stage), n in counts.items():
        matrix.loc[code_key("instrument", group, code), stage] = int(n)
    return matrix


def counts_by_code(codes: pd.DataFrame, scheme: TalentScheme | None = None,
                   by: str | None = None) -> pd.DataFrame:
    """Measures per code (instrument sub-types, then stages, in the scheme's order, zeros
    kept); with ``by`` (e.g. ``shenzhen_link`` or ``target``), one column per value."""
    scheme = scheme or load_scheme()
    index = pd.MultiIndex.from_tuples([(c.scheme, c.group, c.code) for c in scheme.codes],
                                      names=["scheme", "group", "code"])
    keys = ["scheme", "group", "code"] + ([by] if by else [])
    counts = codes.groupby(keys)["measure_id"].nunique()
    if by:
        return counts.unstack(by, fill_value=0).reindex(index, fill_value=0).astype(int)
    return counts.rename("measures").to_frame().reindex(index, fill_value=0).astype(int)


def shenzhen_comparison(codes: pd.DataFrame) -> pd.DataFrame:
    """Per instrument type and stage: measures whose sentence names Shenzhen (``sentence``),
    whose paragraph does (``paragraph``), neither (``none``), and the linked share."""
    frame = codes.assign(category=codes["group"].where(codes["scheme"] == "instrument",
                                                       codes["code"]))
    counts = frame.groupby(["category", "shenzhen_link"])["measure_id"].nunique().unstack(fill_value=0)
    counts = counts.reindex(index=list(INSTRUMENT_TYPES) + list(STAGES),
                            columns=list(LINKS), fill_value=0).astype(int)
    total = counts.sum(axis=1)
    counts["share_linked"] = ((total - counts["none"]) / total.where(total > 0)).round(3)
    return counts


# --------------------------------------------------------------------------- hand check

HAND_COLUMNS = ("measure_id", "is_measure", "instruments", "stages", "sentence", "note")


def read_hand_codes(path: Path) -> pd.DataFrame:
    """Hand codes of a sample of sentences (``#`` lines are comments): ``measure_id``, ``is_measure`` (yes/no),
    ``instruments`` (``type.sub_type`` separated by spaces), ``stages``, ``sentence``, ``note``."""
    lines = [line for line in Path(path).read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    frame = pd.read_csv(io.StringIO("\n".join(lines)), dtype=str, keep_default_na=False)
    missing = [c for c in HAND_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {', '.join(missing)}")
    return frame


def current_hand_codes(hand: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``hand`` (:func:`read_hand_codes`) whose sentence is still in ``paragraphs``
    under its ID (``measure_id``) with the text that was coded: none on a corpus without the
    coded articles."""
    return match_items(hand, sentence_items(paragraphs), id_column="measure_id", text_column="sentence")


def compare_with_hand_codes(codes: pd.DataFrame, sentences: pd.DataFrame,
                            hand: pd.DataFrame) -> pd.DataFrame:
    """Code by code agreement of the rules with the hand codes on the hand-checked sentences.

    One row per (sentence, code) given by the rules or by hand: ``verdict`` is ``agree`` (both),
    ``rules only`` or ``hand only``; the extraction decision is compared as the code
    ``measure``. Raises if a hand-coded sentence differs from the corpus sentence of its ID.
    """
    by_id = sentences.set_index("measure_id")["sentence"]
    rows = []
    for row in hand.itertuples(index=False):
        if by_id.get(row.measure_id) != row.sentence:
            raise ValueError(f"hand-coded sentence {row.measure_id} is not the corpus sentence")
        mine = codes[codes["measure_id"] == row.measure_id]
        rule_codes = {"measure"} if len(mine) else set()
        rule_codes |= set(map(code_key, mine["scheme"], mine["group"], mine["code"]))
        hand_codes = {"measure"} if row.is_measure == "yes" else set()
        hand_codes |= set(row.instruments.split()) | set(row.stages.split())
        for code in sorted(rule_codes | hand_codes, key=lambda c: (c != "measure", c)):
            verdict = ("agree" if code in rule_codes and code in hand_codes
                       else "rules only" if code in rule_codes else "hand only")
            rows.append({"measure_id": row.measure_id, "code": code, "verdict": verdict,
                         "note": row.note})
    return pd.DataFrame(rows, columns=["measure_id", "code", "verdict", "note"])


# --------------------------------------------------------------------------- derived tables

#: Tables of :func:`talent_tables`.
TABLES = ("talent_sentences", "talent_measures")


def talent_tables(paragraphs: pd.DataFrame, scheme: TalentScheme | None = None) -> dict[str, pd.DataFrame]:
    """``talent_sentences`` (sentences naming a target, with the decision) and ``talent_measures``
    (one row per measure and code) from the analysable paragraphs."""
    sentences, codes = extract_measures(paragraphs, scheme)
    return {"talent_sentences": sentences, "talent_measures": codes}
