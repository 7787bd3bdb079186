"""The analysis pipeline: which producer makes which derived tables, in one place.

After the corpus stage has written ``documents.csv`` and ``paragraphs.csv``, each producer of
:data:`PRODUCERS` is a pure function of the corpus (:class:`Inputs`: the two tables, read once,
the analysable paragraphs, and the tables of the producers before it) that returns
``{table name: DataFrame}``. The command line and the README's table list read
:data:`PRODUCERS`; a producer marked ``needs_text`` is skipped when no paragraph is analysable,
and one that ``reads`` other producers' tables runs after them.

With several processes (:func:`write_analysis`, ``processes``), producers whose inputs are made
run at the same time, each in a forked worker that shares the parent's corpus tables and tokens
(copy on write) and returns its tables to the parent. A producer is the same pure function
wherever it runs, so the tables are byte-identical whatever the number of processes. On a Dask
cluster (``scheduler``), each producer is a task that depends on the tasks of the producers it
reads; the corpus tables and tokens are sent to the workers once.
"""
from __future__ import annotations

import copy
import multiprocessing
import traceback
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd
from threadpoolctl import threadpool_limits

from policytext import tables
from policytext.analysis import (dispersion, events, learning, places, reference, resampling,
                                 talent, themes, topics, vocabulary)
from policytext.progress import progress
from policytext.text.gazetteer import read_gazetteer
from policytext.validation import extractors, heldout, items, learning_codes, segmentation, venue


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
    def annotated(self) -> pd.DataFrame:
        """The analysable paragraphs that hold annotated items
        (:func:`policytext.validation.items.annotated_paragraphs`): what the validation, venue and
        learning-code producers compare."""
        return items.annotated_paragraphs(self.analysable)

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
    uses_tokens: bool = False  # reads Inputs.tokens (cut once, before workers start)


def _events(inputs: Inputs) -> dict[str, pd.DataFrame]:
    return events.event_tables(inputs.paragraphs, inputs.documents)


def _talent(inputs: Inputs) -> dict[str, pd.DataFrame]:
    return talent.talent_tables(inputs.analysable)


def _vocabulary(inputs: Inputs) -> dict[str, pd.DataFrame]:
    return vocabulary.term_tables(inputs.analysable, inputs.documents, tokens=inputs.tokens)


#: Tables of the dispersion and reference-keyness producer, in order.
DISPERSION_KEYNESS_TABLES = ("term_dispersion", "keyness_vs_general_chinese", "keyness_vs_official_prose",
                             "official_prose_reports", "keyness_resampled")


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
            "keyness_vs_official_prose": reference.keyness_vs_official_prose(inputs.tokens),
            "official_prose_reports": reference.official_prose_reports(),
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
    return extractors.validation_tables(inputs.annotated, inputs.made)


def _segmentation(inputs: Inputs) -> dict[str, pd.DataFrame]:
    # the gold sets are fixed sentences, whatever the corpus: judged once, then read from the cache
    return segmentation.cached_segmentation_tables()


def _heldout(inputs: Inputs) -> dict[str, pd.DataFrame]:
    # the held-out items are sentences of the reference reports, whatever the corpus
    return heldout.heldout_tables()


def _venue(inputs: Inputs) -> dict[str, pd.DataFrame]:
    return venue.venue_tables(inputs.made["learning_edges"], inputs.annotated)


def _learning_codes(inputs: Inputs) -> dict[str, pd.DataFrame]:
    return learning_codes.learning_code_tables(inputs.made["learning_codes"], learning.code_names(),
                                               inputs.annotated, inputs.made["learning_edges"])


#: Every analysis, in the order it runs; a producer runs after the ones it ``reads``. The
#: longest chains come first, so that with several processes they start at once.
PRODUCERS: tuple[Producer, ...] = (
    Producer("themes", themes.TABLES, _themes),
    Producer("topics", topics.TABLES, _topics, reads=("themes",), uses_tokens=True),
    Producer("vocabulary", vocabulary.TABLES, _vocabulary, uses_tokens=True),
    Producer("dispersion_keyness", DISPERSION_KEYNESS_TABLES, _dispersion_keyness,
             reads=("vocabulary",), uses_tokens=True),
    Producer("events", events.TABLES, _events, needs_text=False),
    Producer("talent", talent.TABLES, _talent, needs_text=False),
    Producer("learning", learning.TABLES, _learning),
    Producer("places", places.TABLES, _places, reads=("events",)),
    Producer("validation", extractors.TABLES, _validation,
             reads=("events", "talent", "themes", "learning", "places")),
    Producer("segmentation", segmentation.TABLES, _segmentation, needs_text=False),
    Producer("heldout", heldout.TABLES, _heldout, needs_text=False),
    Producer("venue", venue.TABLES, _venue, reads=("learning",)),
    Producer("learning_codes", learning_codes.TABLES, _learning_codes, reads=("learning",)),
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


def _steps(inputs: Inputs, only: Iterable[str] | None) -> list[Producer]:
    """The producers to run, in :data:`PRODUCERS` order: all, or those named in ``only`` and the
    ones they read from; a producer that ``needs_text`` is left out when nothing is analysable."""
    wanted = set(only) if only is not None else {p.name for p in PRODUCERS}
    for name in sorted(wanted):
        producer(name)  # an unknown name is an error, not silently ignored
    for step in reversed(PRODUCERS):
        if step.name in wanted:
            wanted.update(step.reads)
    return [step for step in PRODUCERS
            if step.name in wanted and not (step.needs_text and inputs.analysable.empty)]


class ProducerError(RuntimeError):
    """A producer failed in a worker process (the message carries its traceback)."""


def _run_in_worker(step: Producer, inputs: Inputs, sender: Connection) -> None:
    try:
        # one BLAS thread per worker: the workers already fill the cores
        with threadpool_limits(limits=1):
            made = step.produce(inputs)
        sender.send(("ok", made))
    except BaseException:  # the parent reports it, naming the producer
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()


def _run_parallel(steps: list[Producer], inputs: Inputs, processes: int) -> Iterable[tuple[Producer, dict]]:
    """Run ``steps`` in up to ``processes`` forked workers, each as soon as the producers it
    reads are done (the earliest in :data:`PRODUCERS` order first); yield each producer with its
    tables as it finishes. A failing producer raises :class:`ProducerError` naming it."""
    context = multiprocessing.get_context("fork")
    waiting, running, done = list(steps), {}, set()
    names = {step.name for step in steps}
    while waiting or running:
        for step in [s for s in waiting if all(r in done or r not in names for r in s.reads)]:
            if len(running) >= processes:
                break
            receiver, sender = context.Pipe(duplex=False)
            worker = context.Process(target=_run_in_worker, args=(step, inputs, sender),
                                     name=f"policytext-{step.name}", daemon=True)
            worker.start()
            sender.close()
            running[receiver] = (step, worker)
            waiting.remove(step)
        for receiver in wait(list(running)):
            step, worker = running.pop(receiver)
            try:
                status, result = receiver.recv()  # before join: a large result fills the pipe
            except EOFError:
                status, result = "error", f"the worker ended without a result (exit code {worker.exitcode})"
            worker.join()
            if status != "ok":
                for _, other in running.values():
                    other.terminate()
                raise ProducerError(f"producer {step.name!r} failed:\n{result}")
            done.add(step.name)
            yield step, result


def _produce_on_worker(step: Producer, inputs: Inputs, read: list[dict[str, pd.DataFrame]]) -> dict:
    """A producer as a Dask task: ``read`` holds the tables of the producers it reads."""
    own = copy.copy(inputs)  # keeps the cached analysable paragraphs and tokens
    own.made = {name: table for made in read for name, table in made.items()}
    with threadpool_limits(limits=1):
        return step.produce(own)


def _run_on_dask(steps: list[Producer], inputs: Inputs, scheduler) -> Iterable[tuple[Producer, dict]]:
    """Run ``steps`` as tasks of a Dask cluster (``scheduler``: a ``distributed.Client`` or a
    scheduler address), each after the producers it reads; yield each producer with its tables
    as it finishes. A failing producer raises :class:`ProducerError` naming it."""
    # distributed is imported only when a cluster is asked for: it is slow to import
    from distributed import Client, as_completed
    from distributed import wait as wait_for_futures

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    run = uuid.uuid4().hex  # task keys of this run only: a scheduler shared by builds mixes none
    futures, steps_of, names = {}, {}, {step.name for step in steps}
    try:
        shared = client.scatter(inputs, broadcast=True)
        waiting, submitted = list(steps), []
        while waiting:  # a step is submitted after the producers it reads, with their futures
            step = next(s for s in waiting if all(r in futures or r not in names for r in s.reads))
            waiting.remove(step)
            submitted.append(step)
            read = [futures[name] for name in step.reads if name in futures]
            futures[step.name] = client.submit(_produce_on_worker, step, shared, read,
                                               key=f"policytext-{step.name}-{run}", pure=False)
            steps_of[futures[step.name].key] = step
        for future in as_completed(list(futures.values())):
            if future.status != "finished":
                # a producer's failure fails the ones reading it too: name the first that failed
                wait_for_futures(list(futures.values()))
                failed = next(s for s in submitted if futures[s.name].status == "error")
                raise ProducerError(f"producer {failed.name!r} failed on the cluster: "
                                    f"{futures[failed.name].exception()!r}")
            yield steps_of[future.key], future.result()
    finally:
        client.cancel([f for f in futures.values() if not f.done()])
        if client is not scheduler:
            client.close()


def write_analysis(out_dir: Path | str, only: Iterable[str] | None = None, processes: int = 1,
                   scheduler=None) -> list[Path]:
    """Read ``documents.csv`` and ``paragraphs.csv`` in ``out_dir`` once, run the producers
    (all, or those named in ``only`` and the ones they read from), write their tables beside
    them and return the paths written. With ``processes`` above one, independent producers run
    at the same time in worker processes; with ``scheduler`` (a Dask scheduler address or
    ``distributed.Client``), as tasks of that cluster (the tables are the same; a single producer
    runs here). A full run deletes the
    analysis tables it did not make (from an earlier corpus), so no stale table is left beside
    fresh ones."""
    out_dir = Path(out_dir)
    segmented = out_dir / "paragraph_tokens.csv"
    inputs = Inputs(tables.load("documents", out_dir), tables.load("paragraphs", out_dir),
                    segmented=tables.load("paragraph_tokens", out_dir) if segmented.exists() else None)
    steps = _steps(inputs, only)
    if (scheduler is not None or processes > 1) and len(steps) > 1:
        inputs.analysable  # selected once in the parent, shared by the workers
        if any(step.uses_tokens for step in steps):
            inputs.tokens  # cut once in the parent, shared by the workers
        finished = (_run_on_dask(steps, inputs, scheduler) if scheduler is not None
                    else _run_parallel(steps, inputs, processes))
    else:
        finished = ((step, step.produce(inputs)) for step in steps)
    written = []
    for step, made in progress(finished, "analyse", total=len(steps), unit="producer"):
        inputs.made.update(made)
        written += [tables.save(made[name], out_dir / f"{name}.csv") for name in step.tables if name in made]
    if only is None:
        for name in analysis_tables():
            stale = out_dir / f"{name}.csv"
            if stale not in written and stale.exists():
                stale.unlink()
    order = analysis_tables()
    return sorted(written, key=lambda path: order.index(path.stem))
