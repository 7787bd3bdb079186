"""Items an annotator codes: IDs, census or seeded sample, and matching to a changed corpus."""
import pandas as pd
import pytest

from policytext import tables
from policytext.analysis import talent
from policytext.analysis.vocabulary import analysable_paragraphs
from policytext.paths import annotation_path
from policytext.validation import extractors, items, tasks
from policytext.validation.tasks import REVISIONS, TASKS


def built():
    return pd.DataFrame({"para_id": ["900:1", "900:2"], "doc_id": ["900", "900"],
                         "kind": ["title", "body"], "text": ["标题", "第一句。第二句！"]})


def test_sentence_items_are_numbered_within_paragraphs():
    found = items.sentence_items(built())
    assert list(found["item_id"]) == ["900:1.1", "900:2.1", "900:2.2"]
    assert list(found["text"]) == ["标题", "第一句。", "第二句！"]


def test_sample_is_seeded_in_text_order_and_a_census_when_small():
    units = items.sentence_items(pd.concat([built()] * 20, ignore_index=True).assign(
        para_id=[f"9{i:02d}:1" for i in range(40)]))
    first, second = items.sample_items(units, 10, 7), items.sample_items(units, 10, 7)
    assert first.equals(second) and len(first) == 10
    assert list(first.index) == list(range(10))
    assert list(first["item_id"]) == sorted(first["item_id"], key=list(units["item_id"]).index)
    assert len(items.sample_items(units, None, 7)) == len(units)


def test_changed_text_is_not_matched():
    annotated = items.sentence_items(built())
    changed = built().assign(text=["标题", "第一句。另一句！"])
    kept = items.match_items(annotated, items.sentence_items(changed))
    assert list(kept["item_id"]) == ["900:1.1", "900:2.1"]


def test_rows_keyed_by_other_columns_are_matched_by_their_text():
    coded = pd.DataFrame({"measure_id": ["900:2.1", "900:2.2", "901:1.1"],
                          "sentence": ["第一句。", "改过的句子！", "第一句。"]})
    kept = items.match_items(coded, items.sentence_items(built()), id_column="measure_id", text_column="sentence")
    assert list(kept["measure_id"]) == ["900:2.1"]


def test_an_annotation_without_rows_in_the_corpus_is_not_covered():
    annotated = items.sentence_items(built())
    assert items.covered(annotated).equals(annotated)
    with pytest.raises(items.NotCovered, match="the learning annotation holds no item"):
        items.covered(annotated.iloc[:0], "the learning annotation")


def test_current_annotation_keeps_the_items_still_in_the_corpus():
    documents = tables.load("documents")
    paragraphs = analysable_paragraphs(tables.load("paragraphs"), documents)
    task = tasks.task("talent")
    whole = extractors.read_annotation(task)
    assert extractors.current_annotation(task, paragraphs).equals(whole.reset_index(drop=True))
    # a paragraph rewritten since the annotation: its sentences drop out, the rest stay
    edited = paragraphs.assign(text=paragraphs["text"].where(paragraphs["para_id"] != "000:26", "改写的段落。"))
    kept = extractors.current_annotation(task, edited)
    dropped = set(whole["item_id"]) - set(kept["item_id"])
    assert dropped and {item.split(".")[0] for item in dropped} == {"000:26"}
    # another corpus: nothing is kept
    other = paragraphs.assign(para_id="9" + paragraphs["para_id"].str[1:])
    assert extractors.current_annotation(task, other).empty


def test_hand_codes_are_matched_to_the_corpus_by_sentence_text():
    documents = tables.load("documents")
    paragraphs = analysable_paragraphs(tables.load("paragraphs"), documents)
    hand = talent.read_hand_codes(annotation_path("talent_hand_codes.csv"))
    assert len(talent.current_hand_codes(hand, paragraphs)) == len(hand)
    edited = paragraphs.assign(text=paragraphs["text"].where(paragraphs["para_id"] != "000:26", "改写的段落。"))
    kept = talent.current_hand_codes(hand, edited)
    assert 0 < len(kept) < len(hand) and not kept["measure_id"].str.startswith("000:26.").any()


def test_committed_items_are_the_tasks_items_of_the_seeds():
    documents = tables.load("documents")
    paragraphs = analysable_paragraphs(tables.load("paragraphs"), documents)
    for task in TASKS + REVISIONS:
        committed = items.read_items(task.folder / "items.csv")
        drawn = task.items(paragraphs)
        assert list(committed["item_id"]) == list(drawn["item_id"]), task.name
        assert list(committed["text"]) == list(drawn["text"]), task.name


def test_annotator_view_shows_titles_and_ids_only():
    view = items.annotator_view(items.sentence_items(built()), {"900": "某文"})
    assert view.splitlines()[:3] == ["# Article 900: 某文", "", "## Paragraph 900:1 (title)"]
    assert "[900:2.2] 第二句！" in view


def test_annotator_view_can_show_each_paragraph_before_its_items():
    paragraphs = built()
    view = items.annotator_view(items.sentence_items(paragraphs), {"900": "某文"},
                                paragraph_texts=dict(zip(paragraphs["para_id"], paragraphs["text"])))
    lines = view.splitlines()
    first_paragraph = paragraphs["text"].iloc[0]
    assert lines[2].startswith("## Paragraph ") and lines[3] == f"Paragraph: {first_paragraph}"


def test_validation_reads_only_the_annotated_paragraphs_and_scores_the_same():
    from policytext import pipeline
    from policytext.analysis import learning
    from policytext.validation import extractors, learning_codes, venue

    inputs = pipeline.Inputs(tables.load("documents"), tables.load("paragraphs"))
    for name in ("events", "talent", "themes", "learning", "places"):
        inputs.made.update(pipeline.producer(name).produce(inputs))
    annotated = inputs.annotated
    committed = set().union(*(items.read_items(task.folder / "items.csv")["para_id"] for task in TASKS + REVISIONS))
    assert set(annotated["para_id"]) == committed & set(inputs.analysable["para_id"])
    assert items.annotated_paragraphs(pd.concat([inputs.analysable, built()]))["para_id"].tolist() == annotated["para_id"].tolist()
    from_annotated = extractors.validation_tables(annotated, inputs.made)
    everything = pd.concat([inputs.analysable, built()], ignore_index=True)
    from_all = extractors.validation_tables(everything, inputs.made)
    for name, table in from_all.items():
        pd.testing.assert_frame_equal(from_annotated[name], table, obj=name)
    edges, codes = inputs.made["learning_edges"], inputs.made["learning_codes"]
    for made_from_all, made_from_annotated in (
            (venue.venue_tables(edges, everything), venue.venue_tables(edges, annotated)),
            (learning_codes.learning_code_tables(codes, learning.code_names(), everything, edges),
             learning_codes.learning_code_tables(codes, learning.code_names(), annotated, edges))):
        for name, table in made_from_all.items():
            assert len(table), name  # the seeds hold the annotated items
            pd.testing.assert_frame_equal(made_from_annotated[name], table, obj=name)
