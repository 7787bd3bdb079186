"""Segmenters judged against the gold segmentations."""
import numpy as np
import pytest

from policytext import tables
from policytext.paths import annotation_path
from policytext.text import segment
from policytext.validation import segmentation


def test_scores_count_words_by_span_and_list_the_sentences_that_differ():
    gold = [["向", "深圳", "学习", "。"], ["人才", "政策"]]
    cut = {"向深圳学习。": ["向深圳", "学习", "。"], "人才政策": ["人才", "政策"]}.get
    row, differing = segmentation.score_segmenter("toy", cut, "toy gold", gold, ["s1", "s2"])
    assert (row["gold_words"], row["predicted_words"], row["correct"]) == (5, 4, 3)
    assert row["precision"] == 3 / 4 and row["recall"] == 3 / 5
    assert row["f1_low"] <= row["f1"] <= row["f1_high"]
    assert differing == [{"gold_set": "toy gold", "source": "s1", "segmenter": "toy",
                          "gold_only": "向 深圳", "segmenter_only": "向深圳"}]


def test_thulac_runs_offline_and_keeps_the_text():
    words = segmentation.thulac_cut("中山市委组织部选派30名年轻干部到深圳跟班学习。")
    assert "".join(words) == "中山市委组织部选派30名年轻干部到深圳跟班学习。"
    assert "干部" in words and len(words) > 5


def test_the_gold_set_made_from_scratch_has_at_least_500_words_of_other_sentences():
    fresh = segment.read_gold(annotation_path("segmentation/gold.txt"))
    project = segment.read_gold(annotation_path("gold_segmentation.txt"))
    assert sum(len(segment.spans(words)) for words in fresh) >= 500
    assert not {"".join(w) for w in fresh} & {"".join(w) for w in project}
    sources = segment.read_gold_sources(annotation_path("segmentation/gold.txt"))
    assert len(sources) == len(fresh) and all(":" in s for s in sources)


def test_every_segmenter_is_judged_on_both_gold_sets():
    scores = tables.load("segmentation_scores")
    assert sorted(zip(scores["gold_set"], scores["segmenter"])) == sorted(
        (g, s) for g in segmentation.GOLD_SETS for s in segmentation.SEGMENTERS)
    assert ((scores["f1_low"] <= scores["f1"]) & (scores["f1"] <= scores["f1_high"])).all()
    assert (scores["correct"] <= scores[["gold_words", "predicted_words"]].min(axis=1)).all()


def test_snownlp_runs_offline_and_keeps_the_text():
    words = segmentation.snownlp_cut("来中山的深圳客越来越多。")
    assert "".join(words) == "来中山的深圳客越来越多。" and "越来越" in words


def test_the_gold_sample_is_the_one_the_committed_script_draws():
    import importlib.util

    from policytext.paths import project_root

    spec = importlib.util.spec_from_file_location(
        "draw_segmentation_sample", project_root() / "scripts" / "draw_segmentation_sample.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    drawn = script.draw()
    path = annotation_path("segmentation/gold.txt")
    assert [item for item, _ in drawn] == segment.read_gold_sources(path)
    assert [text.replace(" ", "") for _, text in drawn] == ["".join(w) for w in segment.read_gold(path)]


def test_the_evaluation_is_judged_once_then_read_back_byte_for_byte(tmp_path, monkeypatch):
    import pandas as pd

    calls = []
    scores = pd.DataFrame({"gold_set": ["g"], "segmenter": ["jieba"], "f1": [0.1 + 0.2]})
    disagreements = pd.DataFrame({"gold_set": ["g"], "gold_only": ["深中 通道, 人才"]})

    def judge():
        calls.append(1)
        return {"segmentation_scores": scores, "segmentation_disagreements": disagreements,
                "segmentation_comparisons": scores}

    monkeypatch.setattr(segmentation, "segmentation_tables", judge)
    first = segmentation.cached_segmentation_tables(tmp_path)
    second = segmentation.cached_segmentation_tables(tmp_path)
    assert len(calls) == 1  # the second build reads the cache
    for name in segmentation.TABLES:
        written = [tables.save(frame[name], tmp_path / f"{run}-{name}.csv").read_bytes()
                   for run, frame in (("first", first), ("second", second))]
        assert written[0] == written[1]  # 0.30000000000000004 and the quoted comma survive
    # a change to what the evaluation depends on (a gold set, the dictionary, a version) is a new key
    monkeypatch.setattr(segmentation, "evaluation_key", lambda: "changed")
    segmentation.cached_segmentation_tables(tmp_path)
    assert len(calls) == 2


def test_the_evaluation_key_follows_the_gold_sets(tmp_path, monkeypatch):
    key = segmentation.evaluation_key()
    assert key == segmentation.evaluation_key()
    copy = tmp_path / "gold_segmentation.txt"
    copy.write_bytes(annotation_path("gold_segmentation.txt").read_bytes() + "\n中山 学习\n".encode())
    monkeypatch.setattr(segmentation, "annotation_path",
                        lambda name: copy if name == "gold_segmentation.txt" else annotation_path(name))
    assert segmentation.evaluation_key() != key


def test_a_paired_difference_is_settled_only_where_the_same_sentences_favour_one_segmenter():
    # per sentence: correct, predicted, gold words
    better = np.array([[9, 10, 10], [8, 10, 10], [10, 10, 10], [9, 10, 10]] * 5, dtype=float)
    worse = better - np.array([2, 0, 0])  # two fewer correct words in every sentence
    difference, low, high = segmentation.paired_f1_difference(better, worse)
    assert difference == pytest.approx(0.2) and 0 < low <= difference <= high
    same, low, high = segmentation.paired_f1_difference(better, better)
    assert same == 0 and low == high == 0


def test_seed_comparisons_cover_every_pair_on_every_gold_set():
    comparisons = tables.load("segmentation_comparisons")
    pairs = len(segmentation.SEGMENTERS) * (len(segmentation.SEGMENTERS) - 1) // 2
    assert len(comparisons) == pairs * len(segmentation.GOLD_SETS)
    settled = comparisons["settled"].astype(str) == "True"
    excludes_zero = (comparisons["f1_difference_low"] > 0) | (comparisons["f1_difference_high"] < 0)
    assert (settled == excludes_zero).all()


def test_examples_draw_word_boundaries_that_print_shows():
    import pandas as pd

    from policytext.report.validation import segmentation_examples

    differences = pd.DataFrame({"gold_set": ["g", "g"], "segmenter": ["s", "s"], "source": ["001:67.1", "001:59.2"],
                                "gold_only": ["一 个", "越来越"], "segmenter_only": ["一个", "越 来 越"]})
    table = segmentation_examples(differences, "g", "s")
    assert table["gold set only"].tolist() == ["一 | 个", "越来越"]
    assert table["s only"].tolist() == ["一个", "越 | 来 | 越"]
    silver = segmentation_examples(differences.assign(gold_set="from scratch (silver)"), "from scratch (silver)", "s")
    assert silver["silver set only"].tolist() == ["一 | 个", "越来越"]
