"""The annotation tasks: which unit each extractor is validated on, how the items are drawn,
and where the guideline, the items and the annotations live (``data/annotations/<task>/``)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from policytext.paths import annotation_path
from policytext.tables import read_curated
from policytext.validation.items import paragraph_items, sample_items, sentence_items


@dataclass(frozen=True)
class Task:
    """An extractor's validation task: its unit (``sentence`` or ``paragraph``) and the draw of
    items (``sample=None``: every item, a census; else that many, drawn with ``seed``)."""

    name: str
    unit: str
    extractor: str
    sample: int | None = None
    seed: int = 20261201
    #: the task whose labels this one's annotation gives (a revised guideline of that task)
    revises: str = ""

    @property
    def labels(self) -> str:
        """The task whose label scheme the annotation follows: its own, or the one it revises."""
        return self.revises or self.name

    @property
    def folder(self) -> Path:
        return annotation_path(self.name)

    def items(self, paragraphs: pd.DataFrame) -> pd.DataFrame:
        """The items of this task drawn from ``paragraphs`` (the analysable ones)."""
        units = sentence_items(paragraphs) if self.unit == "sentence" else paragraph_items(paragraphs)
        return sample_items(units, self.sample, self.seed)


#: The files of a task's two blind annotations, by how the tables name them.
BLIND_ANNOTATIONS = {"first": "blind.csv", "second": "blind2.csv"}

#: One task per extractor behind a finding. On the seed corpus every task is a census.
TASKS: tuple[Task, ...] = (
    Task("learning", "sentence", "learning edges (policytext.analysis.learning)"),
    Task("talent", "sentence", "talent and cadre measures (policytext.analysis.talent)"),
    Task("integration", "sentence", "integration outcomes (policytext.analysis.places)"),
    Task("quantities", "sentence", "quantities (policytext.analysis.events)"),
    Task("dates", "sentence", "dated events (policytext.analysis.events)"),
    Task("themes", "paragraph", "paragraph themes (policytext.analysis.themes)"),
)


#: Tasks annotated again under a revised guideline, on the same items, scored like the task
#: they revise (their rows carry their own name).
REVISIONS: tuple[Task, ...] = (
    Task("talent_v2", "sentence", "talent and cadre measures, guideline version 2 (policytext.analysis.talent)",
         revises="talent"),
    Task("talent_v3", "sentence", "talent and cadre measures, guideline version 3: version 2 in English only "
         "(policytext.analysis.talent)", revises="talent"),
)


def annotated_items(name: str, column: str, value: str) -> list[str]:
    """The items that either blind annotation of task ``name`` marks ``value`` in ``column``
    (items chosen by annotations, not by rules, for a task that checks part of another)."""
    found = set()
    for file in BLIND_ANNOTATIONS.values():
        annotation = read_curated(annotation_path(name) / file)
        found |= set(annotation.loc[annotation[column] == value, "item_id"])
    return sorted(found)


def words(terms: set[str]) -> set[str]:
    """The ``terms`` of two or more characters: a single character (说 "say") occurs in any
    Chinese text, so finding it in a guideline says nothing of what the annotators were shown."""
    return {term for term in terms if len(term) > 1}


def terms_in_guideline(terms: set[str], name: str) -> list[str]:
    """The words among ``terms`` (of a code list or codebook; see :func:`words`) that occur in the
    guideline of task ``name``: words of the rules the annotators were shown, in examples or
    glosses (sorted)."""
    guideline = (annotation_path(name) / "guideline.md").read_text(encoding="utf-8")
    return sorted(term for term in words(terms) if term in guideline)


def task(name: str) -> Task:
    """The task called ``name`` (an extractor's task or a revision)."""
    found = {t.name: t for t in TASKS + REVISIONS}
    if name not in found:
        raise KeyError(f"no annotation task {name!r}; there are {', '.join(found)}")
    return found[name]
