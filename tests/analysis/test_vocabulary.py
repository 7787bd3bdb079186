"""Vocabulary functions: counts, keywords, KWIC, collocations, keyness, network, export."""
import math
from collections import Counter

import networkx as nx
import pandas as pd
import pytest

from policytext import tables
from policytext.analysis import vocabulary
from policytext.paths import derived_dir
from policytext.pipeline import write_analysis
from policytext.text import segment


@pytest.fixture(scope="module")
def corpus():
    paragraphs = tables.load("paragraphs")
    documents = tables.load("documents")
    return paragraphs, documents, vocabulary.token_table(paragraphs)


def small_paragraphs(texts):
    return pd.DataFrame({"doc_id": [d for d, _ in texts],
                         "para_id": [f"{d}:{i}" for i, (d, _) in enumerate(texts, start=1)],
                         "text": [t for _, t in texts]})


def test_token_table_marks_terms():
    tokens = vocabulary.token_table(small_paragraphs([("A", "我们推动深中通道建设。")]))
    assert list(tokens["token"]) == ["我们", "推动", "深中通道", "建设", "。"]
    assert list(tokens["is_term"]) == [False, True, True, True, False]


def test_term_frequencies_count_per_document():
    tokens = vocabulary.token_table(small_paragraphs([("A", "人才人才政策"), ("B", "人才工作")]))
    table = vocabulary.term_frequencies(tokens).set_index("term")
    assert table.loc["人才", "freq"] == 3 and table.loc["人才", "n_docs"] == 2
    assert list(table.columns) == ["rank", "freq", "n_docs"]  # no column per document
    assert list(table["rank"]) == sorted(table["rank"])


def test_document_counts_come_from_the_long_term_counts():
    term_counts = pd.DataFrame({"doc_id": ["A", "A", "B"], "term": ["人才", "政策", "人才"], "freq": [2, 1, 1]})
    table = vocabulary.document_counts(term_counts, ["政策", "人才", "工作"])
    assert table.to_dict("index") == {"政策": {"A": 1, "B": 0}, "人才": {"A": 2, "B": 1}, "工作": {"A": 0, "B": 0}}
    assert list(vocabulary.document_counts(term_counts, ["人才"], ["B"]).columns) == ["B"]
    assert vocabulary.document_totals(term_counts).to_dict() == {"A": 3, "B": 1}


def test_top_terms_hold_no_debris(corpus):
    _, _, tokens = corpus
    stop = segment.stopwords()
    top = vocabulary.term_frequencies(tokens).head(100)["term"]
    for term in top:
        assert len(term) >= 2 and term not in stop
        assert not segment.is_punctuation_or_symbol(term) and not segment.has_digit(term)
    assert {"深中通道", "高质量发展", "粤港澳大湾区"} <= set(top)


def test_frequencies_match_raw_counts(corpus):
    paragraphs, _, tokens = corpus
    table = vocabulary.term_frequencies(tokens).set_index("term")
    raw = "".join(paragraphs["text"]).count("深中通道")
    assert table.loc["深中通道", "freq"] == raw


def test_zipf_slope_of_exact_zipf_is_minus_one():
    assert vocabulary.zipf_slope([1000 / r for r in range(1, 200)]) == pytest.approx(-1.0)


def test_tfidf_prefers_terms_specific_to_a_document():
    tokens = vocabulary.token_table(small_paragraphs(
        [("A", "人才政策人才政策发展"), ("B", "产业发展产业"), ("C", "城市发展")]))
    keywords = vocabulary.tfidf_keywords(tokens, n=2)
    assert list(keywords[keywords["doc_id"] == "A"]["term"]) == ["人才", "政策"]
    assert keywords[keywords["doc_id"] == "B"].iloc[0]["term"] == "产业"


def test_textrank_ranks_the_hub_first():
    ranked = vocabulary.textrank(["人才", "政策", "人才", "服务", "人才", "社区"], window=2)
    assert ranked.iloc[0]["term"] == "人才"


def test_textrank_scores_are_networkx_pagerank_of_the_cooccurrence_graph(corpus):
    """The array-built graph and power iteration give networkx's floats, node order included."""
    _, _, tokens = corpus
    terms = vocabulary.terms_only(tokens)["term"].tolist()[:3000]
    graph = nx.Graph()
    for i, term in enumerate(terms):
        for other in terms[i + 1:i + 5]:
            if other != term:
                weight = graph.get_edge_data(term, other, {"weight": 0})["weight"]
                graph.add_edge(term, other, weight=weight + 1)
    expected = nx.pagerank(graph, weight="weight")
    found = vocabulary._textrank_scores(terms, window=5)
    assert list(found.items()) == list(expected.items())


def test_keywords_per_document_are_deterministic(corpus):
    _, _, tokens = corpus
    first = vocabulary.textrank_keywords(tokens)
    again = vocabulary.textrank_keywords(vocabulary.token_table(tables.load("paragraphs")))
    pd.testing.assert_frame_equal(first, again)
    assert set(first["doc_id"]) == set(tokens["doc_id"])


def test_kwic_finds_every_occurrence(corpus):
    paragraphs, _, _ = corpus
    lines = vocabulary.kwic(paragraphs, "向深圳学习", width=10)
    assert len(lines) == "".join(paragraphs["text"]).count("向深圳学习")
    first = lines.iloc[0]
    text = paragraphs.set_index("para_id").loc[first["para_id"], "text"]
    assert first["left"] + first["node"] + first["right"] in text


def test_log_likelihood_known_value():
    # 2x2 table with all cells 10: independence, G2 = 0
    assert vocabulary.log_likelihood(10, 10, 10, 10) == pytest.approx(0.0)
    # hand computation for (10, 0, 0, 10): 2 * (10 ln 2 + 10 ln 2)
    assert vocabulary.log_likelihood(10, 0, 0, 10) == pytest.approx(40 * math.log(2))


def test_collocations_on_small_text():
    tokens = vocabulary.token_table(small_paragraphs(
        [("A", "人才政策。人才政策。人才政策。产业发展。产业发展。城市规划。")]))
    table = vocabulary.collocations(tokens, "政策", window=1, min_freq=3).set_index("collocate")
    assert table.loc["人才", "o11"] == 3
    assert table.loc["人才", "pmi"] > 0
    assert "政策" not in table.index


def test_collocations_handle_a_phrase_node(corpus):
    _, _, tokens = corpus
    table = vocabulary.collocations(tokens, "向深圳学习")
    assert table.attrs["node_freq"] >= 20
    assert (table["o11"] >= 3).all()
    assert list(table["log_likelihood"]) == sorted(table["log_likelihood"], reverse=True)


def test_keyness_signs_and_values():
    target, reference = Counter({"甲": 30, "乙": 70}), Counter({"甲": 10, "乙": 90})
    table = vocabulary.keyness(target, reference, min_freq=1).set_index("term")
    assert table.loc["甲", "log_ratio"] == pytest.approx(math.log2(3), abs=1e-4)
    assert table.loc["乙", "log_ratio"] < 0
    assert table.loc["甲", "log_likelihood"] == pytest.approx(
        vocabulary.log_likelihood(30, 10, 70, 90), abs=1e-4)


def test_keyness_zero_frequency_uses_half():
    table = vocabulary.keyness(Counter({"甲": 8, "乙": 92}), Counter({"乙": 100}),
                               min_freq=1).set_index("term")
    assert table.loc["甲", "log_ratio"] == pytest.approx(math.log2((8 / 100) / (0.5 / 100)), abs=1e-4)


def test_subcorpora_from_documents(corpus):
    _, documents, _ = corpus
    zhongshan, chenzhou = vocabulary.zhongshan_and_reference(documents)
    assert chenzhou == ["004"] and "004" not in zhongshan
    earlier, later = vocabulary.split_by_date(documents, zhongshan)
    dates = documents.set_index("doc_id")["date"]
    assert max(dates[earlier]) < min(dates[later])


def test_network_has_no_stopwords_and_bounded_edges(corpus):
    _, _, tokens = corpus
    graph = vocabulary.cooccurrence_graph(tokens, top_n=30, max_edges=25)
    assert graph.number_of_edges() <= 25
    assert not set(graph.nodes) & segment.stopwords()
    assert all(0 < d["jaccard"] <= 1 for _, _, d in graph.edges(data=True))


def test_term_tables_are_deterministic(tmp_path):
    for name in ("documents", "paragraphs"):
        for folder in ("a", "b"):
            tables.save(tables.load(name), tmp_path / folder / f"{name}.csv")
    first = write_analysis(tmp_path / "a", only=["vocabulary"])
    second = write_analysis(tmp_path / "b", only=["vocabulary"])
    assert [path.stem for path in first] == list(vocabulary.TABLES)
    for a, b in zip(first, second):
        data = a.read_bytes()
        assert data == b.read_bytes()
        assert b"\r\n" not in data
        data.decode("utf-8")
    names = {p.name for p in first}
    assert {"term_frequencies.csv", "dictionary_candidates.csv", "collocations.csv"} <= names


def test_analysable_paragraphs_drop_duplicates_and_failures():
    paragraphs = small_paragraphs([("A", "人才"), ("B", "人才"), ("C", "人才")])
    documents = pd.DataFrame({"doc_id": ["A", "B", "C"], "status": ["ok", "ok", "error"],
                              "duplicate_of": ["", "A", ""]})
    assert list(vocabulary.analysable_paragraphs(paragraphs, documents)["doc_id"]) == ["A"]


def test_compare_stoplists_shows_the_keep_list_effect():
    tokens = vocabulary.token_table(small_paragraphs([("A", "全市上下，全市上下，推动发展")]))
    table = vocabulary.compare_stoplists(tokens, {"keep": segment.stopwords(True),
                                                  "generic": segment.stopwords(False)})
    assert "上下 (2)" in set(table["keep"]) and "上下 (2)" not in set(table["generic"])


def test_keyness_against_an_empty_reference_is_an_empty_table():
    from collections import Counter

    from policytext.analysis.vocabulary import keyness

    table = keyness(Counter({"人才": 9, "深圳": 7}), Counter())
    assert table.empty and "log_ratio" in table.columns


def test_count_kinds_separate_tokens_compounds_and_boundaries():
    paragraphs = small_paragraphs([("A", "深圳市与深圳合作。"), ("B", "党员干部和市管干部向深圳学习。"),
                                   ("C", "站稳人民立场上下功夫。")])
    tokens = vocabulary.token_table(paragraphs)
    table = vocabulary.count_kinds(paragraphs, tokens, ["深圳", "干部", "上下"]).set_index("term")
    assert table.loc["深圳", "tokens"] == 2 and table.loc["深圳", "in_longer_words"] == 1
    assert table.loc["深圳", "string"] == 3 and table.loc["深圳", "longer_words"] == "深圳市 1"
    assert table.loc["干部", "tokens"] == 0 and table.loc["干部", "grouped"] == 2
    assert table.loc["干部", "longer_words"] == "党员干部 1、市管干部 1"
    # 立场上 / 下功夫: the string 上下 straddles a word boundary, so no word holds it
    assert table.loc["上下", "grouped"] == 0 and table.loc["上下", "across_boundaries"] == 1
    assert (table["grouped"] + table["across_boundaries"] == table["string"]).all()


def test_count_kinds_lists_the_most_frequent_longer_words_first():
    paragraphs = small_paragraphs([("A", "深圳湾，深圳市，深圳市，深圳大学。")])
    tokens = vocabulary.token_table(paragraphs)
    row = vocabulary.count_kinds(paragraphs, tokens, ["深圳"], shown=1).iloc[0]
    assert row["longer_words"] == "深圳市 2、+2 more"
    assert vocabulary.grouped_count(tokens, "深圳") == 4 == vocabulary.string_count(paragraphs, "深圳")


def test_string_counts_equal_raw_counts_of_paragraphs_csv(corpus):
    paragraphs, documents, tokens = corpus
    raw = pd.read_csv(derived_dir() / "paragraphs.csv", dtype=str, keep_default_na=False)
    assert set(raw["doc_id"]) == set(vocabulary.analysable_paragraphs(raw, documents)["doc_id"])
    text = "\n".join(raw["text"])
    table = vocabulary.count_kinds(paragraphs, tokens, ["深圳", "干部"]).set_index("term")
    assert table.loc["深圳", "string"] == text.count("深圳")
    assert table.loc["干部", "string"] == text.count("干部")
    frequencies = vocabulary.term_frequencies(tokens).set_index("term")
    for term in ("深圳", "干部"):
        assert table.loc[term, "tokens"] == frequencies.loc[term, "freq"]
        # compounds absorb the word: the token count alone undercounts it
        assert table.loc[term, "tokens"] < table.loc[term, "grouped"] <= table.loc[term, "string"]
    assert "深圳市" in table.loc["深圳", "longer_words"]
    assert "党员干部" in table.loc["干部", "longer_words"]


def test_dated_before_respects_date_precision():
    documents = pd.DataFrame({"doc_id": ["A", "B", "C", "D", "E"],
                              "date": ["2023-08-08", "2023-09-30", "2023", "2021-11", None]})
    assert vocabulary.dated_before(documents, "2023-09") == ["A", "D"]
    assert vocabulary.dated_before(documents, "2024-01") == ["A", "B", "C", "D"]


def test_coined_phrase_is_absent_from_documents_dated_before_it(corpus):
    paragraphs, documents, _ = corpus
    for phrase, month in vocabulary.COINED.items():
        earlier = vocabulary.dated_before(documents, month)
        assert earlier, "the corpus should hold documents from before the coinage"
        text = "".join(paragraphs[paragraphs["doc_id"].isin(earlier)]["text"])
        assert phrase not in text


def test_network_centrality_of_a_star():
    graph = nx.Graph()
    for leaf in ("乙", "丙", "丁"):
        graph.add_edge("甲", leaf, jaccard=0.5)
    table = vocabulary.network_centrality(graph).set_index("term")
    assert list(table.index)[0] == "甲"
    assert table.loc["甲", "degree"] == 3 and table.loc["甲", "strength"] == pytest.approx(1.5)
    assert table.loc["甲", "betweenness"] == pytest.approx(1.0)
    assert table.loc["乙", "betweenness"] == 0


def test_degrees_by_threshold_grow_with_the_links_kept():
    tokens = vocabulary.token_table(small_paragraphs(
        [("A", "人才政策服务。"), ("A", "人才政策服务。"), ("A", "人才政策服务。"), ("B", "产业创新。")]))
    table = vocabulary.degrees_by_threshold(tokens, max_edges=(1, 3))
    assert table.loc["人才", 3] == 2 and table.loc["产业", 3] == 0
    assert table[1].sum() == 2 and (table[3] >= table[1]).all()


def test_document_term_counts_give_the_tfidf_of_scikit_learns_vectorizer_to_the_bit():
    from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
    tokens = vocabulary.token_table(vocabulary.analysable_paragraphs(tables.load("paragraphs"), tables.load("documents")))
    terms = vocabulary.terms_only(tokens)
    by_doc = {doc: group["term"].tolist() for doc, group in terms.groupby("doc_id", sort=True)}
    vectorizer = TfidfVectorizer(analyzer=lambda words: words)
    expected = vectorizer.fit_transform(list(by_doc.values())).tocsr()
    doc_ids, names, counts = vocabulary.document_term_counts(tokens)
    found = TfidfTransformer().fit(counts).transform(counts, copy=False).tocsr()
    assert doc_ids == list(by_doc) and names == list(vectorizer.get_feature_names_out())
    assert (found.indptr == expected.indptr).all() and (found.indices == expected.indices).all()
    assert (found.data == expected.data).all()  # the same floats, not merely close ones


def test_the_chapter_tables_equal_the_single_functions_on_the_whole_corpus():
    """term_tables groups only the paragraphs that hold a node and ranks TF-IDF from Arrow codes;
    the results equal those of the plain functions over every paragraph."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    documents = tables.load("documents")
    paragraphs = vocabulary.analysable_paragraphs(tables.load("paragraphs"), documents)
    tokens = vocabulary.token_table(paragraphs)
    made = vocabulary.term_tables(paragraphs, documents, tokens=tokens)
    nodes = ("向深圳学习", "深中通道", "人才")
    expected = pd.concat([vocabulary.collocations(tokens, node) for node in nodes], ignore_index=True)
    pd.testing.assert_frame_equal(made["collocations"], expected)
    # TF-IDF keywords against scikit-learn's vectorizer on each document's term list
    terms = vocabulary.terms_only(tokens)
    by_doc = {doc: group["term"].tolist() for doc, group in terms.groupby("doc_id", sort=True)}
    vectorizer = TfidfVectorizer(analyzer=lambda words: words)
    matrix, names = vectorizer.fit_transform(list(by_doc.values())).tocsr(), vectorizer.get_feature_names_out()
    for i, doc_id in enumerate(by_doc):
        row = matrix[i]
        ranked = sorted((-w, names[j]) for w, j in zip(row.data, row.indices))[:10]
        found = made["tfidf_keywords"][made["tfidf_keywords"]["doc_id"] == doc_id]
        assert list(found["term"]) == [term for _, term in ranked]
        assert list(found["tfidf"]) == [round(-w, 6) for w, _ in ranked]
