"""Scale: generated corpora, streaming, parallel and Dask runs, Parquet partitions, segmenters."""
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from policytext import scale, tables
from policytext.analysis import vocabulary
from policytext.corpus import build, duplicates, reading
from policytext.paths import annotation_path
from policytext.perf import synthetic
from policytext.text import segment, segmenters

ROOT = Path(__file__).resolve().parents[1]
METADATA, CORRECTIONS = ROOT / "data" / "metadata.csv", ROOT / "data" / "corrections.csv"
SEED_TABLES = ("documents", "paragraphs", "removed_lines")
STREAM_TABLES = (*SEED_TABLES, "paragraph_tokens", "term_counts", "term_totals")


@pytest.fixture(scope="module")
def seed_paragraphs():
    return tables.load("paragraphs")


@pytest.fixture(scope="module")
def seeds_streamed(tmp_path_factory, seeds_dir):
    out = tmp_path_factory.mktemp("stream")
    summary = scale.stream_corpus(seeds_dir, out, METADATA, CORRECTIONS)
    return out, summary


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory, seed_paragraphs):
    folder = tmp_path_factory.mktemp("generated")
    synthetic.write_corpus(seed_paragraphs, folder, factor=1.5, seed=11)
    return folder


@pytest.fixture(scope="module")
def small_single(tmp_path_factory, small_corpus):
    out = tmp_path_factory.mktemp("single")
    scale.stream_corpus(small_corpus, out, chunk_size=2)
    return out


def same_files(a: Path, b: Path, names=STREAM_TABLES) -> None:
    for name in names:
        assert (a / f"{name}.csv").read_bytes() == (b / f"{name}.csv").read_bytes(), name


def test_generated_corpus_recombines_real_paragraphs(tmp_path, seed_paragraphs):
    summary = synthetic.write_corpus(seed_paragraphs, tmp_path / "a", factor=2, seed=5)
    synthetic.write_corpus(seed_paragraphs, tmp_path / "b", factor=2, seed=5)
    files = sorted((tmp_path / "a").iterdir())
    assert len(files) == summary["documents"] > 5
    assert [f.read_bytes() for f in files] == [(tmp_path / "b" / f.name).read_bytes() for f in files]
    originals = set(seed_paragraphs["text_original"])
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line]
    assert set(lines) <= originals
    assert "央媒大篇幅聚焦!中山“向深圳學習”鍛造高質(zhì)量發(fā)展干將闖將" in originals  # titles keep pinyin
    built = build.build_tables(tmp_path / "a")
    assert {d["status"] for d in built.documents} == {"ok"}
    assert sum(d["chars_clean"] for d in built.documents) >= 2 * synthetic.seed_size(seed_paragraphs)


def test_stream_writes_the_tables_build_writes(tmp_path, seeds_dir, seeds_streamed):
    out, summary = seeds_streamed
    build.write_tables(build.build_tables(seeds_dir, METADATA, CORRECTIONS), tmp_path)
    same_files(out, tmp_path, SEED_TABLES)
    assert (summary.n_documents, summary.n_counted) == (5, 5)
    assert not summary.parquet and not (out / "parquet").exists()


def test_stream_counts_equal_the_vocabulary_counts(seeds_streamed):
    out, _ = seeds_streamed
    paragraphs = vocabulary.analysable_paragraphs(tables.load("paragraphs", out), tables.load("documents", out))
    expected = vocabulary.term_frequencies(vocabulary.token_table(paragraphs))
    totals = tables.load("term_totals", out)
    assert list(totals["term"]) == list(expected["term"])
    assert list(totals["freq"]) == list(expected["freq"])
    assert list(totals["n_docs"]) == list(expected["n_docs"])
    counts = tables.load("term_counts", out)
    shenzhen_001 = counts[(counts["doc_id"] == "001") & (counts["term"] == "深圳")]["freq"].item()
    tokens = vocabulary.token_table(paragraphs)
    in_001 = vocabulary.terms_only(tokens[tokens["doc_id"] == "001"])
    assert shenzhen_001 == (in_001["term"] == "深圳").sum() > 10


def test_stream_tokens_are_the_tokens_the_vocabulary_would_cut(seeds_streamed):
    out, _ = seeds_streamed
    paragraphs = vocabulary.analysable_paragraphs(tables.load("paragraphs", out), tables.load("documents", out))
    segmented = tables.load("paragraph_tokens", out)
    assert list(segmented["para_id"]) == list(tables.load("paragraphs", out)["para_id"])
    given = vocabulary.token_table(paragraphs, segmented=segmented)
    pd.testing.assert_frame_equal(given, vocabulary.token_table(paragraphs))
    title = segmented.set_index("para_id").at["000:1", "tokens"].split(" ")
    assert title[:4] == ["央媒", "大篇幅", "聚焦", "！"]


def test_given_tokens_replace_segmentation_only_where_given():
    paragraphs = pd.DataFrame({"doc_id": ["900", "900"], "para_id": ["900:1", "900:2"],
                               "text": ["深圳人才政策", "中山向深圳学习"]})
    segmented = pd.DataFrame({"para_id": ["900:1"], "tokens": ["深 圳人 才政策"]})
    tokens = vocabulary.token_table(paragraphs, segmented=segmented)
    assert list(tokens.loc[tokens["para_id"] == "900:1", "token"]) == ["深", "圳人", "才政策"]
    assert list(tokens.loc[tokens["para_id"] == "900:2", "token"]) == segment.cut("中山向深圳学习")


def test_default_segmenter_writes_the_tables_jieba_writes(tmp_path, small_corpus, small_single):
    assert scale.DEFAULT_SEGMENTER == "jieba_next"
    scale.stream_corpus(small_corpus, tmp_path, backend="jieba", chunk_size=2)
    same_files(small_single, tmp_path)


def test_parallel_run_is_identical_to_single_process(tmp_path, small_corpus, small_single):
    scale.stream_corpus(small_corpus, tmp_path, processes=2, chunk_size=2)
    same_files(small_single, tmp_path)


def test_results_come_back_in_input_order():
    import time

    with ThreadPoolExecutor(4) as pool:
        results = list(scale.ordered_map(pool, lambda i: time.sleep((5 - i) / 500) or i, range(6), window=4))
    assert results == list(range(6))


def test_dask_run_is_identical_to_local_run(tmp_path, small_corpus, small_single):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        summary = scale.stream_on_dask(small_corpus, tmp_path, cluster.scheduler_address, chunk_size=2)
    same_files(small_single, tmp_path)
    assert summary.n_counted == summary.n_documents > 5


def test_parquet_partitions_hold_the_csv_rows(tmp_path, small_corpus, monkeypatch):
    monkeypatch.setattr(scale, "PARTITION_DOCUMENTS", 3)
    summary = scale.stream_corpus(small_corpus, tmp_path, parquet=True, chunk_size=2)
    parts = sorted((tmp_path / "parquet" / "paragraphs").glob("part-*.parquet"))
    assert len(parts) == -(-summary.n_documents // 3) > 1
    for name in STREAM_TABLES:
        from_parquet = pd.read_parquet(tmp_path / "parquet" / name)
        pd.testing.assert_frame_equal(from_parquet, tables.load(name, tmp_path), check_dtype=False)


def test_large_corpus_gets_parquet_without_asking(tmp_path, small_corpus, monkeypatch):
    monkeypatch.setattr(scale, "LARGE_CORPUS_DOCUMENTS", 3)
    assert scale.stream_corpus(small_corpus, tmp_path).parquet
    assert (tmp_path / "parquet" / "term_totals" / "part-00000.parquet").exists()


def test_duplicates_flagged_as_the_build_flags_them(tmp_path, seeds_dir):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in sorted(seeds_dir.iterdir())[:3]:
        shutil.copy(seed, folder / seed.name)
    original = (seeds_dir / "001_6198dba705dc196f.txt").read_text(encoding="utf-8")
    (folder / "101_copy.txt").write_text(original, encoding="utf-8")
    (folder / "102_edited.txt").write_text(original.replace("深中通道通车,举世瞩目", "深中通道开通"),
                                           encoding="utf-8")
    scale.stream_corpus(folder, tmp_path / "out")
    streamed = tables.load("documents", tmp_path / "out")
    built = build.build_tables(folder).documents
    assert list(streamed["status"]) == [d["status"] for d in built] == ["ok"] * 3 + ["duplicate", "near_duplicate"]
    assert list(streamed["duplicate_of"]) == [d["duplicate_of"] for d in built]


def test_shingle_hashes_follow_the_shingles():
    text = "深中通道通车，举世瞩目。深中通道通车"
    hashes = duplicates.shingle_hashes(text)
    assert len(hashes) == 14 and len(set(hashes.tolist())) == len(duplicates.shingles(text)) == 12
    assert hashes[0] == hashes[12]  # 深中通道通 twice
    assert duplicates.shingle_hashes(text[:12]).tolist() == hashes[:8].tolist()


@pytest.mark.parametrize("backend", ["rjieba", "jieba_next"])
def test_faster_segmenters_match_jieba(backend, seed_paragraphs):
    gold = segment.read_gold(annotation_path("gold_segmentation.txt"))
    cut = segmenters.segmenter(backend)
    sentence = "全面拥抱深圳、向深圳学习，是中山积极参与粤港澳大湾区建设、推动高质量发展的必然选择。"
    assert cut(sentence) == segment.cut(sentence)
    assert "粤港澳大湾区" in cut(sentence)
    predicted = [cut("".join(words)) for words in gold]
    reference = [segment.cut("".join(words)) for words in gold]
    assert segment.score_segmentation(predicted, gold) == segment.score_segmentation(reference, gold)
    texts = list(seed_paragraphs["text"])
    assert [cut(t) for t in texts] == [segment.cut(t) for t in texts]


def test_jieba_next_cuts_raw_scraped_lines_as_jieba_does(seeds_dir):
    lines = reading.corpus_lines(seeds_dir)
    assert len(lines) > 200 and any("https://" in line for line in lines)
    assert segmenters.differences("jieba_next", lines) == []


def test_rjieba_keeps_dates_and_web_addresses_whole_where_jieba_splits_them(seeds_dir):
    different = segmenters.differences("rjieba", reading.corpus_lines(seeds_dir))
    assert 0 < len(different) < 60
    date_line = next(d for d in different if "2024-08-25" in d[0])
    assert "2024-08-25" in date_line[2] and "2024-08-25" not in date_line[1]
    assert ["2024", "-", "08", "-", "25"] == segment.cut("2024-08-25")
    # Han text alone is cut the same: every difference involves a run of Latin letters or digits.
    assert all(re.search(r"[A-Za-z0-9]", "".join(set(jieba) ^ set(other))) for _, jieba, other in different)


def test_benchmark_tables_read_the_results_file_format():
    from policytext.perf import benchmarks

    results = {
        "targets": [{"target": "throughput_ratio_single", "limit": 0.85, "measured": 0.6132, "met": False},
                    {"target": "peak_memory_mb_1000x", "limit": 1024.0, "measured": 369.0, "met": True}],
        "throughput": {"runs": [{"run": "jieba_lcut", "seconds": 4.2, "chars_per_second": 466000,
                                 "ratio_to_jieba_lcut": 1.0},
                                {"run": "pipeline_jieba_next_2p", "seconds": 2.1, "chars_per_second": 932000,
                                 "ratio_to_jieba_lcut": 2.0}]},
    }
    targets = benchmarks.targets_table(results)
    assert list(targets["Limit"]) == ["≥ 0.85", "≤ 1024"]
    assert list(targets["Measured"]) == [0.61, 369.0] and list(targets["Met"]) == ["no", "yes"]
    assert [benchmarks.verdict(r, 0.85) for r in (0.61, 0.85, 1.2)] == ["falls short of", "meets", "meets"]
    assert list(benchmarks.throughput_table(results)["Run"]) == ["raw jieba.lcut, 1 process",
                                                                 "pipeline, jieba-next, 2 processes"]


def test_a_rerun_replaces_the_parquet_parts_of_an_earlier_run(tmp_path, small_corpus, monkeypatch):
    monkeypatch.setattr(scale, "PARTITION_DOCUMENTS", 2)
    scale.stream_corpus(small_corpus, tmp_path, parquet=True)
    monkeypatch.setattr(scale, "PARTITION_DOCUMENTS", 100)
    scale.stream_corpus(small_corpus, tmp_path, parquet=True)
    assert len(list((tmp_path / "parquet" / "documents").iterdir())) == 1
    scale.stream_corpus(small_corpus, tmp_path, parquet=False)
    assert not (tmp_path / "parquet" / "documents").exists()


def test_count_terms_keeps_content_terms_by_count_then_term(monkeypatch):
    tokens = ["深圳", "学习", "的", "深圳", "中山", "，", "学习", "2024", "深圳"]
    expected = [("深圳", 3), ("学习", 2), ("中山", 1)]
    assert scale.count_terms(tokens) == expected
    monkeypatch.setattr(scale, "_MAX_JUDGED", 3)  # the judged tokens are forgotten, not misjudged
    assert scale.count_terms(tokens) == expected
    assert scale.count_terms(["中山", "的", "人才"]) == [("中山", 1), ("人才", 1)]
