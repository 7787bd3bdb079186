"""The analysis pipeline: one registry of producers, run once over the corpus tables."""
import re
from pathlib import Path

import pytest

from policytext import pipeline, scale, tables
from policytext.paths import derived_dir

ROOT = Path(__file__).resolve().parents[1]


def test_every_table_has_one_producer():
    names = pipeline.analysis_tables()
    assert len(names) == len(set(names))
    assert set(names) | set(scale.CORPUS_TABLES) == {p.stem for p in derived_dir().glob("*.csv")}
    assert pipeline.producer("places").tables[-1] == "integration_outcomes"
    with pytest.raises(KeyError, match="no producer 'nope'"):
        pipeline.producer("nope")


@pytest.mark.parametrize("processes", [1, 2])
def test_the_pipeline_on_the_seeds_writes_the_committed_tables(tmp_path, processes):
    for name in ("documents", "paragraphs"):
        tables.save(tables.load(name), tmp_path / f"{name}.csv")
    written = pipeline.write_analysis(tmp_path, processes=processes)
    assert [p.stem for p in written] == pipeline.analysis_tables()
    for path in written:
        assert path.read_bytes() == (derived_dir() / path.name).read_bytes(), path.name


def test_a_corpus_without_analysable_text_gets_the_tables_that_need_none(tmp_path):
    documents = tables.load("documents").assign(status="empty")
    tables.save(documents, tmp_path / "documents.csv")
    tables.save(tables.load("paragraphs").iloc[:0], tmp_path / "paragraphs.csv")
    written = {p.stem for p in pipeline.write_analysis(tmp_path)}
    assert written == {name for p in pipeline.PRODUCERS if not p.needs_text for name in p.tables}


def test_the_readme_lists_every_table_under_its_producer():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for step in pipeline.PRODUCERS:
        row = re.search(rf"^ *\| `{step.name}` \| (.*) \|$", readme, re.M)
        assert row, f"README has no row for producer {step.name}"
        assert re.findall(r"`(\w+)\.csv`", row[1]) == list(step.tables)


def test_an_unknown_producer_name_is_an_error(tmp_path):
    for name in ("documents", "paragraphs"):
        tables.save(tables.load(name), tmp_path / f"{name}.csv")
    with pytest.raises(KeyError, match="no producer 'learnings'"):
        pipeline.write_analysis(tmp_path, only=["learnings"])


def test_a_producer_runs_with_the_producers_it_reads(tmp_path):
    for name in ("documents", "paragraphs"):
        tables.save(tables.load(name), tmp_path / f"{name}.csv")
    written = {p.stem for p in pipeline.write_analysis(tmp_path, only=["places"])}
    assert {"quantities", "integration_outcomes"} <= written and "learning_edges" not in written


def test_a_full_run_removes_tables_it_did_not_make(tmp_path):
    documents = tables.load("documents").assign(status="empty")
    tables.save(documents, tmp_path / "documents.csv")
    tables.save(tables.load("paragraphs").iloc[:0], tmp_path / "paragraphs.csv")
    tables.save(tables.load("theme_validation"), tmp_path / "theme_validation.csv")  # from a run on the seeds
    pipeline.write_analysis(tmp_path)
    assert not (tmp_path / "theme_validation.csv").exists()


def test_a_producer_failing_in_a_worker_is_named_and_stops_the_build():
    inputs = pipeline.Inputs(tables.load("documents"), tables.load("paragraphs"))
    fine = pipeline.Producer("fine", ("fine_table",), lambda _: {"fine_table": tables.load("documents")})
    broken = pipeline.Producer("broken", ("broken_table",), lambda _: {"broken_table": 1 / 0})
    with pytest.raises(pipeline.ProducerError, match=r"(?s)producer 'broken' failed.*ZeroDivisionError"):
        list(pipeline._run_parallel([fine, broken], inputs, processes=2))


def test_workers_start_once_the_tables_they_read_are_made():
    inputs = pipeline.Inputs(tables.load("documents"), tables.load("paragraphs"))
    first = pipeline.Producer("first", ("first_table",), lambda _: {"first_table": tables.load("documents")})
    second = pipeline.Producer("second", ("second_table",),
                               lambda i: {"second_table": i.made["first_table"].head(2)}, reads=("first",))
    finished = []
    for step, made in pipeline._run_parallel([second, first], inputs, processes=2):
        inputs.made.update(made)  # as write_analysis does before the next worker starts
        finished.append(step.name)
    assert finished == ["first", "second"] and len(inputs.made["second_table"]) == 2


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        yield cluster


def test_the_pipeline_on_a_dask_cluster_writes_the_committed_tables(tmp_path, dask_cluster):
    for name in ("documents", "paragraphs"):
        tables.save(tables.load(name), tmp_path / f"{name}.csv")
    written = pipeline.write_analysis(tmp_path, scheduler=dask_cluster.scheduler_address)
    assert [p.stem for p in written] == pipeline.analysis_tables()
    for path in written:
        assert path.read_bytes() == (derived_dir() / path.name).read_bytes(), path.name


def test_a_producer_failing_on_the_cluster_is_named_and_tasks_wait_for_what_they_read(dask_cluster):
    inputs = pipeline.Inputs(tables.load("documents"), tables.load("paragraphs"))
    first = pipeline.Producer("first", ("first_table",), lambda i: {"first_table": i.documents.head(3)})
    second = pipeline.Producer("second", ("second_table",),
                               lambda i: {"second_table": i.made["first_table"].head(2)}, reads=("first",))
    finished = dict(pipeline._run_on_dask([second, first], inputs, dask_cluster.scheduler_address))
    assert {step.name: len(made[step.tables[0]]) for step, made in finished.items()} == {"first": 3, "second": 2}
    broken = pipeline.Producer("broken", ("broken_table",), lambda _: {"broken_table": 1 / 0})
    reader = pipeline.Producer("reader", ("reader_table",), lambda i: {"reader_table": i.made["broken_table"]},
                               reads=("broken",))
    # the producer reading the broken one fails too; the error names the one that failed first
    with pytest.raises(pipeline.ProducerError, match=r"producer 'broken' failed.*ZeroDivisionError"):
        list(pipeline._run_on_dask([reader, first, broken], inputs, dask_cluster.scheduler_address))
    # a second run on the same scheduler gets its own tasks, not the first run's
    again = dict(pipeline._run_on_dask([first], inputs, dask_cluster.scheduler_address))
    assert len(next(iter(again.values()))["first_table"]) == 3
