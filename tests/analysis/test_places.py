"""Places and institutions: longest-match reading of place names,
co-occurrence, six-integration coverage and outcome sentences, on the corpus and on built inputs."""

import pandas as pd
import pytest

from policytext import tables
from policytext.analysis import places
from policytext.analysis.vocabulary import analysable_paragraphs
from policytext.paths import derived_dir
from policytext.pipeline import write_analysis
from policytext.text.gazetteer import read_gazetteer, surface_forms
from policytext.text.sentences import CLAUSE_QUOTES, split_sentences


@pytest.fixture(scope="module")
def gazetteer():
    return read_gazetteer()


@pytest.fixture(scope="module")
def paragraphs():
    return analysable_paragraphs(tables.load("paragraphs"), tables.load("documents"))


@pytest.fixture(scope="module")
def mentions(paragraphs, gazetteer):
    return places.place_mentions(paragraphs, gazetteer)


def text_of(paragraphs, para_id):
    return paragraphs.set_index("para_id").at[para_id, "text"]


def test_every_entry_of_a_single_city_rolls_up_to_it(mentions):
    rollup = dict(zip(mentions["name"], mentions["city"]))
    assert rollup["宝安区"] == rollup["深圳"] == "深圳"
    assert rollup["翠亨新区"] == "中山"
    assert rollup["深中通道"] == "" and rollup["粤港澳大湾区"] == ""


# --- longest match -----------------------------------------------------------------------------

def test_city_and_district_in_one_name_are_both_read(gazetteer):
    sentence = "今年6月28日，2023深圳·中山联合招商大会暨宝安九围国际总部区·翠亨深中合作产业园推介会在深圳市宝安区举行"
    assert places.find_places(sentence, gazetteer) == [
        ("深圳", "深圳"), ("中山", "中山"), ("宝安九围国际总部区", "宝安九围国际总部区"),
        ("翠亨深中合作产业园", "翠亨深中合作产业园"), ("深圳市", "深圳"), ("宝安区", "宝安区")]


def test_a_pair_abbreviation_names_both_cities(gazetteer):
    assert places.find_places("深中两地先后实现了公积金互认互通", gazetteer) == [
        ("深中", "深圳"), ("深中", "中山")]
    assert places.find_places("引领带动全市全面学习拥抱深港", gazetteer) == [
        ("深港", "深圳"), ("深港", "香港")]


def test_the_link_is_not_a_mention_of_either_city(gazetteer):
    assert places.find_places("6月30日，深中通道通车，举世瞩目。", gazetteer) == [("深中通道", "深中通道")]


def test_sun_yat_sen_university_is_not_zhongshan(gazetteer):
    found = places.find_places("中山市委组织部积极对接中山大学深圳校区、深圳改革开放干部学院等高校", gazetteer)
    assert [name for _, name in found] == ["中山", "中山大学深圳校区", "深圳改革开放干部学院"]


def test_common_words_are_not_places(gazetteer):
    # 港口 (port), 光明 (bright) and 粤 alone are not forms; 港口镇 and 光明区 are.
    assert places.find_places("下一步将围绕深化港口合作、共建高新技术产业园", gazetteer) == []
    assert [n for _, n in places.find_places("到深圳市科创委、光明区科学城考察", gazetteer)] == ["深圳", "光明区"]


def test_literary_names_of_the_two_cities(gazetteer):
    assert places.find_places("福城牵手羊城，学习广州的先进经验", gazetteer) == [
        ("福城", "郴州"), ("羊城", "广州"), ("广州", "广州")]


# --- mentions and co-occurrence ------------------------------------------------------------------

def test_every_mention_of_the_link_is_found(mentions, paragraphs):
    # No longer entry contains 深中通道, so mentions equal the raw string count.
    raw = paragraphs["text"].str.count("深中通道").sum()
    assert (mentions["name"] == "深中通道").sum() == raw == 16


def test_mention_spans_point_at_their_form(mentions, paragraphs):
    texts = paragraphs.set_index("para_id")["text"]
    for row in mentions.sample(40, random_state=1).itertuples():
        assert texts[row.para_id][row.start:row.end] == row.form


def test_mention_counts_add_up_and_keep_their_width(mentions, gazetteer):
    counts = places.mention_counts(mentions, gazetteer).set_index("name")
    assert list(counts.columns) == ["english", "kind", "city", "mentions", "paragraphs", "documents"]
    assert counts["mentions"].sum() == len(mentions[mentions["name"].isin(counts.index)])
    chenzhou = mentions[mentions["name"] == "郴州"]
    assert counts.at["郴州", "mentions"] == len(chenzhou) and set(chenzhou["doc_id"]) == {"004"}
    assert counts.at["郴州", "documents"] == 1


def test_pairs_from_built_paragraphs():
    by_paragraph = {"001:2": {"甲", "乙", "丙"}, "001:10": {"甲", "乙"}, "000:3": {"乙"}}
    english = {"甲": "A", "乙": "B", "丙": "C"}
    pairs = places.cooccurrence_pairs(by_paragraph, english)
    assert pairs[["place_a", "place_b", "paragraphs", "para_ids"]].values.tolist() == [
        ["乙", "甲", 2, "001:2 001:10"], ["丙", "乙", 1, "001:2"], ["丙", "甲", 1, "001:2"]]
    graph = places.cooccurrence_graph(pairs, by_paragraph,
                                      pd.DataFrame({"name": ["甲", "乙", "丙"],
                                                    "english": ["A", "B", "C"],
                                                    "kind": ["city"] * 3}), min_paragraphs=2)
    assert sorted(graph.edges(data="weight")) == [("乙", "甲", 2)]
    assert graph.nodes["乙"]["paragraphs"] == 3


def test_chenzhou_and_guangzhou_share_the_paragraphs_that_name_both(mentions, gazetteer, paragraphs):
    english = dict(zip(gazetteer["name"], gazetteer["english"]))
    pairs = places.cooccurrence_pairs(places.places_by_paragraph(mentions), english)
    row = pairs[(pairs["place_a"] == "广州") & (pairs["place_b"] == "郴州")].iloc[0]
    # 004:5 names 郴州高新区 (an entry of its own) and not the city itself
    both = paragraphs[paragraphs["text"].str.contains("广州|羊城")
                      & paragraphs["text"].str.contains("郴州(?!高新区)|福城")]
    assert row["para_ids"].split() == both["para_id"].tolist()
    assert "004:18" in row["para_ids"].split() and "004:5" not in row["para_ids"].split()


def test_city_level_counts_districts_for_their_city(mentions, gazetteer):
    entries = places.places_by_paragraph(mentions, "entry")
    cities = places.places_by_paragraph(mentions, "city")
    # 001:65: 中山市东区街道起湾社区党委与深圳市宝安区新安街道宝民社区党委开展共建交流活动
    assert {"东区街道", "起湾社区", "宝安区", "宝民社区"} <= entries["001:65"]
    assert cities["001:65"] == {"中山", "深圳"}
    assert "深中通道" not in set().union(*cities.values())
    with pytest.raises(ValueError):
        places.places_by_paragraph(mentions, "province")


def test_strongest_pairs_table_is_narrow_and_ordered(gazetteer):
    pairs = pd.DataFrame({"level": ["entry"] * 3, "place_a": ["中山", "深中通道", "中山"],
                          "place_b": ["深圳", "深圳", "翠亨新区"],
                          "english_a": ["Zhongshan", "Link", "Zhongshan"],
                          "english_b": ["Shenzhen", "Shenzhen", "Cuiheng"], "paragraphs": [5, 3, 2],
                          "para_ids": ["001:2 001:4 001:9", "001:2 001:4 001:9", "000:13 000:32"]})
    table = places.strongest_pairs(pairs, gazetteer, below_city=True, shown_ids=2)
    assert table.index.tolist() == ["深中通道 – 深圳", "中山 – 翠亨新区"]
    assert table.at["深中通道 – 深圳", "para_ids"] == "001:2, 001:4 … (+1)"
    assert table.at["中山 – 翠亨新区", "para_ids"] == "000:13, 000:32"


# --- six integrations ------------------------------------------------------------------------

def test_the_dictionary_has_the_six_integrations():
    terms = places.integration_terms()
    assert tuple(terms["category"].unique()) == places.INTEGRATIONS
    assert "营商环境" in set(terms.loc[terms["category"] == "business_environment", "term"])


def built_terms(rows):
    return pd.DataFrame([(theme, category, term) for theme, category, term in rows],
                        columns=["theme", "category", "term"])


def test_outcomes_without_terms_are_those_no_term_reaches():
    terms = built_terms([("regional_integration", c, f"({c})") for c in places.INTEGRATIONS]
                        + [("regional_integration", "transport_infrastructure", "深中通道")])
    outcomes = pd.DataFrame({"outcome_id": ["O001", "O002"], "doc_id": ["001", "000"],
                             "sentence": ["6月30日，深中通道通车，举世瞩目。", "超400个政务服务事项实现“深中通办”。"]})
    assert places.outcomes_without_terms(outcomes, terms)["outcome_id"].tolist() == ["O002"]


def test_a_dictionary_without_a_category_is_named():
    terms = built_terms([("regional_integration", "industrial_integration", "产业协作")])
    with pytest.raises(ValueError, match="regional_integration.yml: missing categories business"):
        places.integration_terms(terms)


def test_integration_terms_match_longest_first_across_themes():
    built = pd.DataFrame({"doc_id": ["000"], "para_id": ["000:15"],
                          "text": ["探索营商环境、产业、交通基础设施、科技创新、社会治理、城市规划“六个一体化”"]})
    rows = [("regional_integration", category, f"({category})") for category in places.INTEGRATIONS]
    rows += [("regional_integration", "business_environment", "营商环境"),
             ("regional_integration", "transport_infrastructure", "交通"),
             ("regional_integration", "transport_infrastructure", "交通基础设施"),
             ("regional_integration", "urban_planning", "城市规划"),
             ("other_theme", "x", "科技创新"), ("regional_integration", "science_innovation", "创新")]
    hits = places.integration_hits(built, built_terms(rows))
    # 交通基础设施 hides 交通; 科技创新 of another theme hides 创新
    assert hits[["category", "term"]].values.tolist() == [
        ["business_environment", "营商环境"], ["transport_infrastructure", "交通基础设施"],
        ["urban_planning", "城市规划"]]
    coverage = places.integration_coverage(hits, built).set_index(["doc_id", "category"])
    assert coverage.loc[("all", "urban_planning"), "share"] == 1.0
    assert coverage.loc[("000", "transport_infrastructure"), "terms"] == "交通基础设施 1"
    assert coverage.loc[("000", "industrial_integration"), "paragraphs"] == 0


# --- outcomes --------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, marker", [
    ("6月30日，深中通道通车，举世瞩目。", "通车"),
    ("超400个政务服务事项实现“深中通办”。", "实现"),
    ("这次会议还达成了两项深中人才工作新合作，将开展全方位、多层次合作，加快搭建“深中人才通道”", "达成"),
    ("此外，两市还联合制定深圳中山联游十大精品线路。", "制定"),
    ("在中山拥抱深圳的“桥头堡”翠亨新区，去年以来，“深圳客”越来越多。", "越来越"),
    # the opening as a point in time, plans, beliefs and rhetoric are not outcomes
    ("深中通道开通前后，中山以此为契机，致力于优化人才引育环境和人才创新创业生态", None),
    ("接下来，中山市还将聚焦深中一体化融合发展目标，深入实施党建引领城市社区共建共治共享提升行动", None),
    ("要以打造“广州总部+郴州基地”“广州总装+郴州配套”“广州研发+郴州制造”等合作模式，不断取得务实有效的合作成果", None),
    ("肖冠喜相信，随着交通越来越便利，粤港澳三地优势可以互补，人才交流会更为顺畅", None),
    ("中山作为深中通道珠江口西岸登陆点，迎来了前所未有的历史发展机遇。", None),
])
def test_outcome_marker_on_corpus_sentences(sentence, marker):
    assert places.outcome_marker(sentence) == marker


def test_cross_city_needs_two_cities_a_link_or_a_cross_city_word(gazetteer):
    linking = places.linking_institutions(gazetteer)
    assert {"深中通道", "深中经济合作区", "前海深港青年梦工厂"} <= linking
    assert "中山国际人才岛" not in linking
    assert places.is_cross_city("", {"宝安区": "深圳", "翠亨新区": "中山"}, linking)
    assert places.is_cross_city("", {"深中通道": ""}, linking)
    assert places.is_cross_city("两市还签署了知识产权保护合作协议", {}, linking)
    assert not places.is_cross_city("中山人才公园开园", {"中山": "中山"}, linking)
    assert not places.is_cross_city("", {"粤港澳大湾区": "", "郴州": "郴州"}, linking)


def test_sentences_split_as_the_quantities_clauses(paragraphs):
    quantities = tables.load("quantities")
    texts = paragraphs.set_index("para_id")["text"]
    for row in quantities[quantities["para_id"].isin(texts.index)].itertuples():
        assert row.clause in [s.text for s in split_sentences(texts[row.para_id], quotes=CLAUSE_QUOTES)]


def test_outcomes_on_the_corpus(paragraphs, gazetteer):
    quantities = tables.load("quantities")
    outcomes = places.integration_outcomes(paragraphs, gazetteer, quantities)
    by_sentence = outcomes.set_index("sentence")
    visitors = by_sentence.loc["深中通道开通首月，中山市共接待游客393.37万人次，同比上升117.98%。"]
    assert visitors["para_id"] == "001:37" and "393.37万人次" in visitors["quantities"]
    assert "transport" in visitors["outcome_kinds"].split("|")
    services = by_sentence.loc["超400个政务服务事项实现“深中通办”。"]
    assert services["outcome_kinds"] == "public_services" and services["places"] == "中山|深圳"
    assert not outcomes["sentence"].str.startswith("接下来").any()
    # every quantity cited is a quantity of that paragraph whose expression the sentence holds
    known = quantities.set_index("quantity_id")
    for row in outcomes[outcomes["quantities"] != ""].itertuples():
        for cited in row.quantities.split("; "):
            quantity_id, expression = cited.split(" ", 1)
            assert known.at[quantity_id, "para_id"] == row.para_id
            assert expression in row.sentence
    assert outcomes["outcome_id"].is_unique


def test_no_outcomes_without_figures_or_body_paragraphs(gazetteer):
    built = pd.DataFrame({"doc_id": ["009"], "para_id": ["009:1"], "kind": ["heading"],
                          "text": ["6月30日，深中通道通车。"]})
    assert places.integration_outcomes(built, gazetteer).empty
    built["kind"] = "body"
    assert places.integration_outcomes(built, gazetteer)["marker"].tolist() == ["通车"]


def test_the_judged_sentences_are_the_corpus_sentences(paragraphs, gazetteer):
    sentences = places.cross_city_sentences(paragraphs, gazetteer).set_index(["para_id", "sentence_no"])
    judged = places.read_judgements()
    assert set(judged["outcome"]) == {0, 1}
    for row in judged.itertuples():
        assert sentences.at[(row.para_id, row.sentence_no), "sentence"].startswith(row.sentence_start)


def test_outcome_validation_on_built_judgements():
    sentences = pd.DataFrame({"para_id": ["001:2", "001:4", "001:9", "001:62"],
                              "sentence_no": [1, 1, 1, 1], "marker": ["通车", "了", "", ""]})
    judged = pd.DataFrame({"para_id": ["001:2", "001:4", "001:9", "001:62"],
                           "sentence_no": [1, 1, 1, 1], "outcome": [1, 0, 1, 0]})
    result = places.outcome_validation(judged, sentences)
    assert (result["true_positives"], result["false_positives"], result["false_negatives"]) == (1, 1, 1)
    assert result["precision"] == result["recall"] == 0.5
    with pytest.raises(ValueError, match="001:99"):
        places.outcome_validation(pd.concat([judged, pd.DataFrame(
            {"para_id": ["001:99"], "sentence_no": [1], "outcome": [1]})]), sentences)



def test_outcome_validation_gives_wilson_intervals():
    from policytext.validation.metrics import wilson

    sentences = pd.DataFrame({"para_id": ["001:2", "001:4", "001:9", "001:62", "001:65"],
                              "sentence_no": [1, 1, 1, 1, 1], "marker": ["通车", "了", "", "", "签订"]})
    judged = pd.DataFrame({"para_id": ["001:2", "001:4", "001:9", "001:62", "001:65"],
                           "sentence_no": [1, 1, 1, 1, 1], "outcome": [1, 0, 1, 0, 1]})
    result = places.outcome_validation(judged, sentences)
    assert result["precision"] == pytest.approx(2 / 3) and result["recall"] == pytest.approx(2 / 3)
    assert (result["precision_low"], result["precision_high"]) == wilson(2, 3)
    assert (result["recall_low"], result["recall_high"]) == wilson(2, 3)
    assert result["precision_low"] < result["precision"] < result["precision_high"] < 1


def test_outcome_validation_without_found_outcomes_has_no_precision():
    sentences = pd.DataFrame({"para_id": ["001:9"], "sentence_no": [1], "marker": [""]})
    judged = pd.DataFrame({"para_id": ["001:9"], "sentence_no": [1], "outcome": [1]})
    result = places.outcome_validation(judged, sentences)
    assert result["precision"] != result["precision"]  # NaN: nothing was found
    assert result["recall"] == 0 and result["recall_high"] < 1


def test_outcome_validation_intervals_on_the_corpus(paragraphs, gazetteer):
    result = places.outcome_validation(places.read_judgements(),
                                       places.cross_city_sentences(paragraphs, gazetteer))
    for rate in ("precision", "recall"):
        assert 0 < result[f"{rate}_low"] < result[rate] < result[f"{rate}_high"] <= 1
        # with about fifty judged outcomes the interval cannot be narrow
        assert result[f"{rate}_high"] - result[f"{rate}_low"] > 0.1


# --- signals of hierarchy and experimentation --------------------------------------------------

def test_signals_file_has_every_field():
    signals = places.read_signals()
    assert list(signals.columns) == list(places.SIGNAL_FIELDS)
    assert set(signals["group"]) <= {"hierarchy", "leadership", "experimentation", "investment", "competition", "administration"}
    assert not signals["phrase"].duplicated().any()


@pytest.mark.parametrize("phrase, para_ids", [
    ("按照省委、省政府工作部署", ["000:8"]),
    ("按照省委工作安排", ["003:6", "003:8"]),
    ("省委书记", ["002:4", "002:5", "003:4"]),
    ("全省干部大会", ["003:4"]),
    ("新一届市委", ["000:8", "004:2"]),
    ("改革创新实验区", ["000:5", "001:5"]),
    ("试点", ["001:68"]),
    ("可复制、可推广", ["001:68"]),
    ("先行先试", ["000:56"]),
    ("联合招商", ["000:10", "000:20"]),
    ("东承", ["000:51", "003:7"]),
    ("市直管镇", ["003:7"]),
    ("竞争", ["001:17", "001:29", "003:7", "004:14", "004:16"]),
])
def test_signals_are_found_where_the_chapter_cites_them(paragraphs, phrase, para_ids):
    found = places.find_signals(paragraphs, places.read_signals()).set_index("phrase")
    listed = found.at[phrase, "para_ids"].split()
    assert set(para_ids) <= set(listed)
    assert all(phrase in text_of(paragraphs, para_id) for para_id in listed)


def test_find_signals_counts_each_phrase_on_its_own():
    signals = pd.DataFrame({"group": ["experimentation", "experimentation", "hierarchy"],
                            "phrase": ["试点", "试点工作", "市直管镇"],
                            "english": ["pilot", "pilot work", "towns under the city"],
                            "meaning": ["m", "m", "m"]})
    paragraphs = pd.DataFrame({"para_id": ["009:10", "009:2"],
                               "text": ["试点工作开展以来，以起湾社区为试点。", "试点"]})
    found = places.find_signals(paragraphs, signals).set_index("phrase")
    assert found.at["试点", "occurrences"] == 3 and found.at["试点", "para_ids"] == "009:2 009:10"
    assert found.at["试点工作", "occurrences"] == 1
    assert (found.at["市直管镇", "occurrences"], found.at["市直管镇", "para_ids"]) == (0, "")
    assert list(found.columns) == list(places.SIGNAL_COLUMNS)[:1] + list(places.SIGNAL_COLUMNS)[2:]


def test_a_signal_without_a_gloss_or_listed_twice_is_named(tmp_path):
    path = tmp_path / "signals.yml"
    path.write_text("- group: hierarchy\n  phrase: 试点\n  meaning: m\n", encoding="utf-8")
    with pytest.raises(ValueError, match="signals.yml: entry 1 lacks english"):
        places.read_signals(path)
    entry = "- group: hierarchy\n  phrase: 试点\n  english: pilot\n  meaning: m\n"
    path.write_text(entry * 2, encoding="utf-8")
    with pytest.raises(ValueError, match="listed twice: 试点"):
        places.read_signals(path)


# --- tables ----------------------------------------------------------------------------------

def test_place_tables_are_deterministic(tmp_path):
    for name in ("documents", "paragraphs"):
        (tmp_path / f"{name}.csv").write_bytes((derived_dir() / f"{name}.csv").read_bytes())
    first = {p.name: p.read_bytes() for p in write_analysis(tmp_path, only=["places"])}
    second = {p.name: p.read_bytes() for p in write_analysis(tmp_path, only=["places"])}
    assert first == second
    assert sorted(first) == sorted(f"{name}.csv" for name in (*places.TABLES, "events", "quantities"))
    header = first["place_cooccurrence.csv"].decode("utf-8").splitlines()[0]
    assert header == ",".join(places.PAIR_COLUMNS)
    assert first["integration_outcomes.csv"] == (derived_dir() / "integration_outcomes.csv").read_bytes()


def test_every_outcome_kind_has_a_label():
    assert list(places.OUTCOME_KIND_LABELS) == list(places.OUTCOME_KINDS)


def test_a_corpus_without_places_gives_tables_with_headers_only(tmp_path):
    from policytext.corpus.build import build_tables, write_tables

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "weather.txt").write_text("今天天气很好，大家心情愉快。", encoding="utf-8")
    write_tables(build_tables(tmp_path / "corpus"), tmp_path / "out")
    written = {p.stem: p.read_text(encoding="utf-8").splitlines() for p in
               write_analysis(tmp_path / "out", only=["places"])}
    assert written["place_mentions"] == [",".join(places.MENTION_COLUMNS)]
    assert written["integration_outcomes"] == [",".join(places.OUTCOME_COLUMNS)]
    assert len(written["integration_coverage"]) == 1 + 2 * len(places.INTEGRATIONS)


def test_aliases_are_matched_as_the_gazetteer_lists_them_whitespace_stripped():
    frame = pd.DataFrame({"name": ["深圳"], "aliases": ["深圳市| 鹏城 "], "english": ["Shenzhen"],
                          "kind": ["city"], "city": [""]})
    assert surface_forms(frame) == {"深圳": ("深圳",), "深圳市": ("深圳",), "鹏城": ("深圳",)}
    assert places.find_places("鹏城的经验", frame) == [("鹏城", "深圳")]


def test_centrality_by_threshold_reads_a_star_and_drops_weak_links():
    pairs = pd.DataFrame({"place_a": ["A", "A", "A"], "place_b": ["B", "C", "D"], "paragraphs": [3, 3, 2]})
    gazetteer = pd.DataFrame({"name": list("ABCD"), "english": ["a", "b", "c", "d"], "kind": ["city"] * 4})
    by_paragraph = {"p1": {"A", "B", "C", "D"}}
    table = places.centrality_by_threshold(pairs, by_paragraph, gazetteer, thresholds=(2, 3, 4)).set_index("place")
    assert table.index[0] == "A"
    assert table.loc["A", ["degree_2", "degree_3", "degree_4"]].tolist() == [3, 2, 0]
    assert table.loc["A", "betweenness_2"] == 1.0 and table.loc["A", "betweenness_3"] == 1.0
    assert table.loc["D", ["degree_2", "degree_3"]].tolist() == [1, 0]
    assert table.loc["B", "betweenness_2"] == 0.0 and table.loc["B", "english"] == "b"
