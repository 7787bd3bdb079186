"""The shared sentence splitter, on the corpus's own paragraphs and on built inputs."""
from policytext import tables
from policytext.text.sentences import CLAUSE_QUOTES, Sentence, sentence_at, split_sentences


def texts(text, **options):
    return [sentence.text for sentence in split_sentences(text, **options)]


def test_the_closing_quote_stays_with_its_sentence():
    text = ("“刚开始有10位课题组长，经过三年的发展，到2024年我们已经有48位课题组长。现在我们院已经超过"
            "1000人，其中600人都是硕士博士研究生。中山良好的人才生长环境为我们招聘人才提供了助力。”陈铁根表示。")  # 001:12
    pieces = texts(text)
    assert len(pieces) == 4
    assert pieces[2] == "中山良好的人才生长环境为我们招聘人才提供了助力。”"
    assert pieces[3] == "陈铁根表示。"


def test_clauses_end_at_the_mark():
    text = "中山良好的人才生长环境为我们招聘人才提供了助力。”陈铁根表示。"  # end of 001:12
    assert texts(text, quotes=CLAUSE_QUOTES) == ["中山良好的人才生长环境为我们招聘人才提供了助力。", "”陈铁根表示。"]


def test_offsets_point_into_the_paragraph():
    text = "“过去，深圳是摸着石头过河。”他说。 好！"
    found = split_sentences(text)
    assert found == [Sentence(0, 15, "“过去，深圳是摸着石头过河。”"), Sentence(15, 18, "他说。"),
                     Sentence(19, 21, "好！")]
    assert all(text[s.start:s.end] == s.text for s in found)


def test_semicolons_give_clauses():
    text = ("市直机关工委在深圳改革开放干部学院举办“2023年市直机关党务干部培训班”；"
            "市公安局党委组织150余名基层党组织书记，分三批到深圳市开展学习贯彻党的二十大精神专题培训；")  # 000:57
    assert texts(text) == [
        "市直机关工委在深圳改革开放干部学院举办“2023年市直机关党务干部培训班”；",
        "市公安局党委组织150余名基层党组织书记，分三批到深圳市开展学习贯彻党的二十大精神专题培训；"]
    assert texts("甲;乙") == ["甲;", "乙"]
    assert texts("甲;乙", ends="。") == ["甲;乙"]


def test_runs_of_marks_and_text_without_a_final_mark():
    assert texts("真的吗？！是的。") == ["真的吗？！", "是的。"]
    assert texts("人才优待政策持续加码") == ["人才优待政策持续加码"]
    assert texts("") == [] and texts("  ") == []


def test_sentence_at_a_span():
    text = "深中通道开通首月，中山市共接待游客393.37万人次，同比上升117.98%。“粤B”车停满。"
    start = text.index("393.37")
    assert sentence_at(text, start, start + 9) == "深中通道开通首月，中山市共接待游客393.37万人次，同比上升117.98%。"
    assert sentence_at(text, text.index("粤B"), text.index("粤B") + 2) == "“粤B”车停满。"
    # a span across a sentence end gives both sentences
    assert sentence_at(text, start, text.index("粤B")) == text


def test_every_paragraph_is_covered_by_its_sentences():
    for text in tables.load("paragraphs")["text"]:
        for quotes in ("”’」』", CLAUSE_QUOTES):
            found = split_sentences(text, quotes=quotes)
            joined = "".join(s.text for s in found)
            assert "".join(joined.split()) == "".join(text.split())  # only white space is lost
            assert all(text[s.start:s.end] == s.text for s in found)
