"""Segmenters judged against the gold segmentations."""
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
