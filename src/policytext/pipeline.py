"""The analysis pipeline: which producer makes which derived tables, in one place.

After the corpus stage has written ``documents.csv`` and ``paragraphs.csv``, each producer of
:data:`PRODUCERS` is a pure function of the corpus (:class:`Inputs`: the two tables, read once,
the analysable paragraphs, and the tables of the producers before it) that returns
``{table name: DataFrame}``. The command line and the README's table list read
:data:`PRODUCERS`; a producer marked ``needs_text`` is skipped when no paragraph is analysable,
and one that ``reads`` other producers' tables runs after them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from policytext import tables
from policytext.analysis import (dispersion, events, learning, places, reference, resampling,
                                 talent, themes, topics, vocabulary)
from policytext.progress import progress
from policytext.text.gazetteer import read_gazetteer
from policytext.validation import extractors, segmentation


@dataclass
class Inputs:
    """What a producer reads: the corpus tables as written, and what earlier producers made."""

    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    made: dict[str, pd.DataFrame] = field(default_factory=dict)
    #: ``paragraph_tokens`` of the corpus stage, if it wrote them (else producers segment)
    segmented: pd.DataFrame | None = None

    @cached_property
    def analysable(self) -> pd.DataFrame:
        """Paragraphs of ``ok`` documents (:func:`policytext.analysis.vocabulary.analysable_paragraphs`)."""
        return vocabulary.analysable_paragraphs(self.paragraphs, self.documents)

    @cached_property
    def tokens(self) -> pd.DataFrame:
        """One row per token of the analysable paragraphs (:func:`policytext.analysis.vocabulary.token_table`),
        cut by the corpus stage where it wrote ``paragraph_tokens``."""
        return vocabulary.token_table(self.analysable, segmented=self.segmented)


@dataclass(frozen=True)
class Producer:
    """An analysis step: its name, the tables it makes (in order) and the function making them."""

    name: str
    tables: tuple[str, ...]
    produce: Callable[[Inputs], dict[str, pd.DataFrame]]
    needs_text: bool = True
    reads: tuple[str, ...] = ()  # producers whose tables it reads


def _events(inputs: Inputs) -> dict[str, pd.DataFrame]:
    return events.event_tables(inputs.paragraphs, inputs.documents)


def _talent(inputs: Inputs) -> dict[str, pd.DataFrame]:
    return talent.talent_tables(inputs.analysable)


def _vocabulary(inputs: Inputs) -> dict[str, pd.DataFrame]:
    return vocabulary.term_tables(inputs.analysable, inputs.documents, tokens=inputs.tokens)


#: Tables of the dispersion and reference-keyness producer, in order.
DISPERSION_KEYNESS_TABLES = ("term_dispersion", "keyness_vs_general_chinese", "keyness_resampled")


def _dispersion_keyness(inputs: Inputs) -> dict[str, pd.DataFrame]:
    # the vocabulary producer's tokens (Inputs.tokens): the corpus is not segmented again
    zhongshan, chenzhou = vocabulary.zhongshan_and_reference(inputs.documents)
    earlier, later = vocabulary.split_by_date(inputs.documents, zhongshan)
    resampled = [resampling.resampled_keyness(inputs.tokens, inputs.made[f"keyness_{name}"], name,
                                              target, reference_docs)
                 for name, target, reference_docs in (("zhongshan_vs_chenzhou", zhongshan, chenzhou),
                                                      ("later_vs_earlier", later, earlier))]
    return {"term_dispersion": dispersion.term_dispersion(inputs.tokens),
            "keyness_vs_general_chinese": reference.keyness_vs_general_chinese(inputs.tokens),
            "keyness_resampled": pd.concat(resampled, ignore_index=True)}


def _themes(inputs: Inputs) -> dict[str, pd.DataFrame]:
    return themes.theme_tables(inputs.analysable, inputs.documents)


def _topics(inputs: Inputs) -> dict[str, pd.DataFrame]:
    # the themes producer's paragraph scores, and the corpus's tokens (not segmented again)
    return topics.topic_tables(inputs.analysable, inputs.tokens, inputs.made["theme_paragraph_scores"])


def _learning(inputs: Inputs) -> dict[str, pd.DataFrame]:
    return learning.learning_tables(inputs.analysable, inputs.documents)


def _places(inputs: Inputs) -> dict[str, pd.DataFrame]:
    return places.place_tables(inputs.analysable, read_gazetteer(), themes.load_themes(),
                               inputs.made.get("quantities"))


def _validation(inputs: Inputs) -> dict[str, pd.DataFrame]:
    return extractors.validation_tables(inputs.analysable, inputs.made)


def _segmentation(inputs: Inputs) -> dict[str, pd.DataFrame]:
    # the gold sets are fixed sentences, whatever the corpus: judged once, then read from the cache
    return segmentation.cached_segmentation_tables()


#: Every analysis, in the order it runs; a producer runs after the ones it ``reads``.
PRODUCERS: tuple[Producer, ...] = (
    Producer("events", events.TABLES, _events, needs_text=False),
    Producer("talent", talent.TABLES, _talent, needs_text=False),
    Producer("vocabulary", vocabulary.TABLES, _vocabulary),
    Producer("dispersion_keyness", DISPERSION_KEYNESS_TABLES, _dispersion_keyness,
             reads=("vocabulary",)),
    Producer("themes", themes.TABLES, _themes),
    Producer("topics", topics.TABLES, _topics, reads=("themes",)),
    Producer("learning", learning.TABLES, _learning),
    Producer("places", places.TABLES, _places, reads=("events",)),
    Producer("validation", extractors.TABLES, _validation,
             reads=("events", "talent", "themes", "learning", "places")),
    Producer("segmentation", segmentation.TABLES, _segmentation, needs_text=False),
)


def producer(name: str) -> Producer:
    """The producer called ``name``."""
    found = {p.name: p for p in PRODUCERS}
    if name not in found:
        raise KeyError(f"no producer {name!r}; there are {', '.join(found)}")
    return found[name]


def analysis_tables() -> list[str]:
    """Every table the producers can make, in order."""
    return [name for p in PRODUCERS for name in p.tables]


def write_analysis(out_dir: Path | str, only: Iterable[str] | None = None) -> list[Path]:
    """Read ``documents.csv`` and ``paragraphs.csv`` in ``out_dir`` once, run the producers
    (all, or those named in ``only`` and the ones they read from), write their tables beside
    them and return the paths written. A full run deletes the analysis tables it did not make
    (from an earlier corpus), so no stale table is left beside fresh ones."""
    out_dir = Path(out_dir)
    segmented = out_dir / "paragraph_tokens.csv"
    inputs = Inputs(tables.load("documents", out_dir), tables.load("paragraphs", out_dir),
                    segmented=tables.load("paragraph_tokens", out_dir) if segmented.exists() else None)
    wanted = set(only) if only is not None else {p.name for p in PRODUCERS}
    for name in sorted(wanted):
        producer(name)  # an unknown name is an error, not silently ignored
    for step in reversed(PRODUCERS):
        if step.name in wanted:
            wanted.update(step.reads)
    steps = [step for step in PRODUCERS
             if step.name in wanted and not (step.needs_text and inputs.analysable.empty)]
    written = []
    for step in progress(steps, "analyse", unit="producer"):
        made = step.produce(inputs)
        inputs.made.update(made)
        written += [tables.save(made[name], out_dir / f"{name}.csv") for name in step.tables if name in made]
    if only is None:
        for name in analysis_tables():
            stale = out_dir / f"{name}.csv"
            if stale not in written and stale.exists():
                stale.unlink()
    return written
