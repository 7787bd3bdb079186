"""Segmentation: private tokenizer, domain dictionary, stopwords, candidates, gold-set accuracy."""
from pathlib import Path

import jieba
import pytest

from policytext import paths, tables
from policytext.paths import annotation_path
from policytext.text import segment

GOLD = annotation_path("gold_segmentation.txt")


@pytest.fixture(scope="module")
def paragraphs():
    return tables.load("paragraphs")


def test_domain_terms_stay_whole():
    tokens = segment.cut("深中通道开通后，翠亨新区落实六个一体化，发展新质生产力。")
    for word in ["深中通道", "翠亨新区", "六个一体化", "新质生产力"]:
        assert word in tokens


def test_plain_jieba_splits_what_the_dictionary_joins():
    assert "深中通道" not in segment.cut("深中通道开通", domain=False)


def test_floor_frequency_keeps_word_whole_next_to_neighbours():
    assert segment.cut("要求各镇街落实")[:3] == ["要求", "各", "镇街"]


def test_global_jieba_state_untouched():
    segment.cut("深中通道")
    assert "深中通道" not in jieba.dt.FREQ


def test_cache_is_project_local():
    assert Path(segment.tokenizer(True).tmp_dir) == segment.cache_dir()
    assert segment.cache_dir() == paths.cache_dir() / "jieba"  # one place for machine-local state


def test_segmentation_is_deterministic(paragraphs):
    text = "\n".join(paragraphs["text"].head(30))
    first = segment.cut(text)
    fresh = segment.make_tokenizer(segment.read_user_dictionary(segment.domain_dictionary_path()))
    assert [t for t in fresh.cut(text) if t.strip()] == first


def test_dictionary_has_version_and_entries():
    assert segment.dictionary_version().count(".") == 2
    words = [w for w, _, _ in segment.read_user_dictionary(segment.domain_dictionary_path())]
    assert len(words) == len(set(words)) > 20


def test_read_user_dictionary_parses_freq_and_tag(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("# comment\n甲乙 5 nz\n丙丁 ns\n戊己\n", encoding="utf-8")
    assert segment.read_user_dictionary(path) == [("甲乙", 5, "nz"), ("丙丁", None, "ns"),
                                                  ("戊己", None, None)]


@pytest.mark.parametrize("token,expected", [
    ("人才", True), ("，", False), ("2023", False), ("中", False), ("我们", False),
    ("一次", False), ("两年", False), ("六个一体化", True), ("十大", True), ("——", False),
    ("5G", False), ("二十", False), ("十大", True),
])
def test_is_term(token, expected):
    assert segment.is_term(token, segment.stopwords()) is expected


def test_keep_list_removes_generic_stopwords_that_carry_meaning():
    kept = segment.keep_words() & segment.generic_stopwords()
    assert "上下" in kept
    assert "上下" in segment.stopwords(use_keep_list=False)
    assert "上下" not in segment.stopwords()
    assert "我们" in segment.stopwords()


def test_policy_stopwords_are_removed_and_stance_words_kept():
    stop = segment.stopwords()
    assert {"进一步", "表示"} <= stop
    assert not {"全面", "发展", "加强", "促进", "人民"} & stop


def test_terms_filter_punctuation_digits_and_stopwords():
    assert segment.terms("2023年，我们全面向深圳学习。") == ["全面", "深圳", "学习"]


def test_candidates_find_a_split_cohesive_ngram():
    texts = ["甲地推进深中通道建设。", "深中通道开通了。", "乙地盼望深中通道通车。"]
    found = segment.dictionary_candidates(texts, min_freq=3)
    assert "深中通道" in set(found["ngram"])
    row = found.set_index("ngram").loc["深中通道"]
    assert row["freq"] == 3 and row["jieba_plain"] == "深 中 通道"


def test_candidates_on_corpus_include_dictionary_words(paragraphs):
    found = set(segment.dictionary_candidates(paragraphs["text"].tolist())["ngram"])
    assert {"深中通道", "新质生产力", "翠亨新区", "六个一体化"} <= found
    assert "人才" not in found  # jieba keeps it whole already


def test_score_segmentation_counts_spans():
    gold = [["深中通道", "开通", "了", "。"]]
    pred = [["深中", "通道", "开通", "了", "。"]]
    score = segment.score_segmentation(pred, gold)
    assert (score["correct"], score["gold_words"], score["predicted_words"]) == (2, 3, 4)
    assert score["precision"] == pytest.approx(0.5)
    assert score["recall"] == pytest.approx(2 / 3)
    assert segment.score_segmentation(gold, gold)["f1"] == 1.0


def test_score_rejects_different_texts():
    with pytest.raises(ValueError):
        segment.score_segmentation([["甲"]], [["乙"]])


def test_gold_sentences_come_from_the_corpus(paragraphs):
    corpus = "\n".join(paragraphs["text"])
    gold = segment.read_gold(GOLD)
    assert sum(len(s) for s in gold) >= 300
    for words in gold:
        assert "".join(words) in corpus


def test_domain_dictionary_improves_f1_on_gold():
    gold = segment.read_gold(GOLD)
    plain = segment.evaluate(gold, domain=False)
    with_dictionary = segment.evaluate(gold, domain=True)
    assert with_dictionary["f1"] > plain["f1"]
    assert with_dictionary["precision"] > plain["precision"]


def test_gold_comparison_lines_up_with_overall_score():
    table = segment.gold_comparison(GOLD)
    gold = segment.read_gold(GOLD)
    assert len(table) == len(gold)
    assert table["source"].str.match(r"\d{3}:\d+ sentence \d+").all()
    assert table["correct_domain"].sum() == segment.evaluate(gold, domain=True)["correct"]
    assert table["correct_plain"].sum() == segment.evaluate(gold, domain=False)["correct"]


def test_words_not_in_lists_the_differing_words():
    plain = ["深中", "通道", "开通", "，", "康方", "生物"]
    domain = ["深中通道", "开通", "，", "康方生物"]
    assert segment.words_not_in(plain, domain) == ["深中", "通道", "康方", "生物"]
    assert segment.words_not_in(domain, plain) == ["深中通道", "康方生物"]


def test_tokenizers_share_the_loaded_dictionary_but_not_their_added_words():
    with_word = segment.make_tokenizer(["深中人才通办"])
    without = segment.make_tokenizer()
    assert "深中人才通办" in with_word.FREQ and "深中人才通办" not in without.FREQ
    assert without.FREQ == segment._default_dictionary().FREQ and without.FREQ is not segment._default_dictionary().FREQ


def test_frequent_ngram_counts_equal_counting_every_ngram(paragraphs):
    """The level-by-level (a-priori) count keeps exactly the n-grams a full count finds
    frequent, with the same counts and neighbours."""
    import re
    from collections import Counter

    texts = paragraphs["text"].tolist()
    counts, chars, left, right = segment._ngram_counts(texts, max_n=6, min_freq=3)
    full, full_left, full_right = Counter(), {}, {}
    for run in (r for text in texts for r in re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff]+", text)):
        for n in range(2, 7):
            for i in range(len(run) - n + 1):
                gram = run[i:i + n]
                full[gram] += 1
                full_left.setdefault(gram, Counter())[run[i - 1] if i > 0 else "^"] += 1
                full_right.setdefault(gram, Counter())[run[i + n] if i + n < len(run) else "$"] += 1
    frequent = {gram: count for gram, count in full.items() if count >= 3}
    assert len(frequent) > 1000 and max(map(len, frequent)) == 6
    assert counts == frequent
    assert all(left[g] == full_left[g] and right[g] == full_right[g] for g in frequent)
    assert sum(chars.values()) == sum(len(r) for t in texts for r in re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff]+", t))
