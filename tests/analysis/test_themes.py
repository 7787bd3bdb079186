"""Theme dictionaries: loading errors, longest matching, scores on built inputs, validation
arithmetic, and the acceptance checks on the real corpus."""
import shutil

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from policytext import charts, tables  # noqa: E402
from policytext.analysis import themes  # noqa: E402
from policytext.paths import derived_dir  # noqa: E402
from policytext.pipeline import write_analysis  # noqa: E402

SIX_INTEGRATIONS = ("business_environment", "industrial_integration", "transport_infrastructure",
                    "science_innovation", "social_governance", "urban_planning")

VALID = """\
name: {name}
label: A theme
description: A test theme.
references: [A reference]
categories:
  general:
    label: General
    terms:
      - {{term: {term}, gloss: a gloss}}
"""


def write(folder, name, text):
    path = folder / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def built_terms(rows):
    """A term table from ``(theme, term)`` pairs, all in category ``general``."""
    return pd.DataFrame([(theme, "general", term, "gloss", theme, "General") for theme, term in rows],
                        columns=themes.TERM_COLUMNS)


def built_paragraphs(texts):
    """Paragraphs ``d:1, d:2 ...`` of documents named by the text's key prefix."""
    rows = [(pid, pid.split(":")[0], int(pid.split(":")[1]), "body", len(text), text)
            for pid, text in texts.items()]
    return pd.DataFrame(rows, columns=["para_id", "doc_id", "para_no", "kind", "n_chars", "text"])


@pytest.fixture(scope="module")
def corpus_terms():
    return themes.load_themes()


@pytest.fixture(scope="module")
def corpus_table(corpus_terms):
    return themes.paragraph_table(themes.scored_paragraphs(), corpus_terms)


# --- loading -------------------------------------------------------------------------------

def test_valid_file_loads_with_its_term_and_gloss(tmp_path):
    write(tmp_path, "alpha", VALID.format(name="alpha", term="人才"))
    terms = themes.load_themes(tmp_path)
    assert terms[["theme", "category", "term", "gloss"]].values.tolist() == [["alpha", "general", "人才", "a gloss"]]


def test_malformed_yaml_names_the_file(tmp_path):
    write(tmp_path, "broken", "name: broken\ncategories: [unclosed\n")
    with pytest.raises(themes.ThemeDictionaryError, match=r"broken\.yml: not valid YAML"):
        themes.load_themes(tmp_path)


def test_missing_field_names_the_file_and_field(tmp_path):
    write(tmp_path, "alpha", VALID.format(name="alpha", term="人才").replace("description: A test theme.\n", ""))
    with pytest.raises(themes.ThemeDictionaryError, match=r"alpha\.yml: the file lacks description"):
        themes.load_themes(tmp_path)


def test_term_without_gloss_is_refused(tmp_path):
    write(tmp_path, "alpha", VALID.format(name="alpha", term="人才").replace(", gloss: a gloss", ""))
    with pytest.raises(themes.ThemeDictionaryError, match=r"alpha\.yml: a term of category 'general' lacks gloss"):
        themes.load_themes(tmp_path)


def test_unquoted_comma_in_a_gloss_is_caught(tmp_path):
    write(tmp_path, "alpha", VALID.format(name="alpha", term="人才").replace("a gloss", "benchmark, model"))
    with pytest.raises(themes.ThemeDictionaryError, match="unknown field"):
        themes.load_themes(tmp_path)


def test_name_must_match_file_name(tmp_path):
    write(tmp_path, "alpha", VALID.format(name="beta", term="人才"))
    with pytest.raises(themes.ThemeDictionaryError, match="differs from the file name"):
        themes.load_themes(tmp_path)


def test_duplicate_term_in_one_file(tmp_path):
    text = VALID.format(name="alpha", term="人才") + "      - {term: 人才, gloss: again}\n"
    write(tmp_path, "alpha", text)
    with pytest.raises(themes.ThemeDictionaryError, match=r"alpha\.yml: term '人才' listed twice"):
        themes.load_themes(tmp_path)


def test_duplicate_term_across_files_names_both(tmp_path):
    write(tmp_path, "alpha", VALID.format(name="alpha", term="人才"))
    write(tmp_path, "beta", VALID.format(name="beta", term="人才"))
    with pytest.raises(themes.ThemeDictionaryError, match=r"beta\.yml: term '人才' is also in alpha\.yml"):
        themes.load_themes(tmp_path)


def test_project_dictionaries_cover_the_mission_and_other_themes(corpus_terms):
    assert themes.ordered_themes(corpus_terms["theme"].unique()) == list(themes.THEME_ORDER)
    integration = corpus_terms[corpus_terms["theme"] == "regional_integration"]
    assert set(SIX_INTEGRATIONS) <= set(integration["category"])
    assert (corpus_terms["gloss"].str.len() > 0).all()


# --- matching ------------------------------------------------------------------------------

def test_longest_match_on_a_real_sentence(corpus_terms):
    # 001:35
    sentence = "今年，中山人才节更是推出重磅消息——中山国际人才岛揭牌，同步发布中山国际人才岛专属的人才支持政策。"
    found = [term for _, term, _, _ in themes.ThemeMatcher(corpus_terms).find(sentence)]
    assert found == ["人才节", "中山国际人才岛", "中山国际人才岛", "人才"]


def test_benchmarking_list_is_three_learning_matches(corpus_terms):
    # 000:72
    sentence = "对标深圳、携手深圳、学习深圳、拥抱深圳，通过与深圳积极融合互动发展"
    found = [(term, theme) for _, term, theme, _ in themes.ThemeMatcher(corpus_terms).find(sentence)]
    assert found == [("对标深圳", "learning_from_shenzhen"), ("学习深圳", "learning_from_shenzhen"),
                     ("拥抱深圳", "learning_from_shenzhen"), ("融合互动", "regional_integration")]


def test_joint_services_and_port_routes_are_integration_fields(corpus_terms):
    matcher = themes.ThemeMatcher(corpus_terms)

    def fields(sentence):
        return [(term, category) for _, term, theme, category in matcher.find(sentence)
                if theme == "regional_integration"]

    assert fields("超400个政务服务事项实现“深中通办”。电子证照实现“深中互认”") == [  # 000:69
        ("政务服务", "business_environment"), ("深中通办", "business_environment"),
        ("互认", "business_environment")]
    assert fields("与蛇口港、盐田港开通7条“粤港澳大湾区组合港”航线。") == [  # 000:69
        ("粤港澳大湾区", "bay_area"), ("组合港", "transport_infrastructure"),
        ("航线", "transport_infrastructure")]
    assert fields("深中两地先后实现了公积金互认互通、医保享同城待遇") == [  # 001:21
        ("公积金", "social_governance"), ("互认", "business_environment"),
        ("医保", "social_governance")]


def test_talent_station_is_not_also_talent():
    matcher = themes.ThemeMatcher(built_terms([("talent", "人才"), ("talent", "人才驿站")]))
    assert [(start, term) for start, term, _, _ in matcher.find("建设人才驿站，引进人才")] == [(2, "人才驿站"), (9, "人才")]


# --- scores on built inputs -----------------------------------------------------------------

@pytest.fixture
def built():
    terms = built_terms([("learning_from_shenzhen", "学习"), ("talent_policy", "人才"), ("cadre_work", "干部")])
    paragraphs = built_paragraphs({
        "a:1": "人才人才学习" + "。" * 94,   # 100 characters: 2 talent, 1 learning
        "a:2": "干部学习",                     # 4 characters: a tie
        "b:1": "无关的句子",                   # no match
    })
    return terms, paragraphs, themes.paragraph_table(paragraphs, terms)


def test_scores_are_matches_per_hundred_characters(built):
    _, _, table = built
    row = table.set_index("para_id").loc["a:1"]
    assert (row["n_talent_policy"], row["score_talent_policy"], row["score_learning_from_shenzhen"]) == (2, 2.0, 1.0)
    assert table.set_index("para_id").loc["a:2", "score_cadre_work"] == 25.0


def test_dominant_theme_with_mixed_and_none(built):
    _, _, table = built
    assert table.set_index("para_id")["dominant_theme"].to_dict() == {
        "a:1": "talent_policy", "a:2": themes.MIXED, "b:1": themes.NO_THEME}


def test_dominant_theme_needs_the_minimum_score():
    scores = pd.DataFrame({"x": [0.4, 0.6]}, index=["p1", "p2"])
    assert themes.dominant_theme(scores, min_score=0.5).tolist() == [themes.NO_THEME, "x"]


def test_document_shares_and_ranks(built):
    _, _, table = built
    shares = themes.document_shares(table).set_index(["doc_id", "theme"])
    assert shares.loc[("a", "learning_from_shenzhen"), "n_matches"] == 2
    assert shares.loc[("a", "talent_policy"), "share"] == 0.4  # 2 of 5 matches
    assert shares.loc[("a", "cadre_work"), "rank"] == 3
    assert shares.loc[("b", "talent_policy"), "share"] == 0.0


def test_presence_rule_and_cooccurrence(built):
    _, _, table = built
    # a:1 has 3 matches: learning is 1/3 >= 0.2, so present with talent
    assert themes.predicted_themes(table).to_dict()["a:1"] == {"talent_policy", "learning_from_shenzhen"}
    pairs = themes.cooccurrence(table).set_index(["theme_a", "theme_b"])
    assert pairs.loc[("learning_from_shenzhen", "talent_policy"), "n_both"] == 1
    assert pairs.loc[("learning_from_shenzhen", "cadre_work"), "n_both"] == 1
    assert pairs.loc[("learning_from_shenzhen", "cadre_work"), "jaccard"] == 0.5
    assert pairs.loc[("talent_policy", "cadre_work"), "n_both"] == 0


def test_small_share_does_not_count_as_present():
    table = themes.paragraph_table(built_paragraphs({"a:1": "人才人才人才人才人才学习"}),
                                   built_terms([("talent_policy", "人才"), ("learning_from_shenzhen", "学习")]))
    assert themes.predicted_themes(table, min_share=0.2)["a:1"] == {"talent_policy"}
    assert themes.predicted_themes(table, min_share=0.0)["a:1"] == {"talent_policy", "learning_from_shenzhen"}


def test_top_theme_reports_a_tie_as_mixed(built):
    _, _, table = built
    assert themes.top_theme(themes.document_shares(table)).to_dict() == {"a": themes.MIXED, "b": themes.NO_THEME}


def test_themes_over_time_orders_documents_by_date(built):
    _, _, table = built
    documents = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2024-01-01", "2021-05-01"]})
    timed = themes.themes_over_time(themes.document_shares(table), documents)
    assert timed["doc_id"].drop_duplicates().tolist() == ["b", "a"]


def test_robustness_removes_the_top_term(built):
    terms, paragraphs, _ = built
    result = themes.robustness(paragraphs, terms, ks=(1,)).set_index(["removed_theme", "doc_id"])
    # document a: learning 2 (a:1, a:2), talent 2 (a:1), cadres 1 -> a tie before any removal
    row = result.loc[("talent_policy", "a")]
    assert (row["removed_terms"], row["top_before"], row["top_after"]) == ("人才", themes.MIXED, "learning_from_shenzhen")
    assert (row["share_before"], row["share_after"], row["rank_after"]) == (0.4, 0.0, 3)
    row = result.loc[("learning_from_shenzhen", "a")]
    assert (row["removed_terms"], row["top_after"], bool(row["top_unchanged"])) == ("学习", "talent_policy", False)
    row = result.loc[("cadre_work", "a")]
    assert (row["top_after"], bool(row["top_unchanged"])) == (themes.MIXED, True)


def rematched_rows(paragraphs, terms, ks):
    """What robustness reports after each removal, computed the slow way: every removal's
    dictionary matched again against every paragraph."""
    used = themes.term_table(terms, paragraphs)
    rows = []
    for theme in themes.ordered_themes(terms["theme"].unique()):
        for k in ks:
            kept = terms[~terms["term"].isin(themes.top_terms(used, theme, k))]
            shares = themes.document_shares(themes.paragraph_table(paragraphs, kept,
                                                                   theme_names=terms["theme"].unique()))
            after = shares.set_index(["doc_id", "theme"])
            top, lead = themes.top_theme(shares), themes.leaders(shares)
            rows += [(theme, k, doc, after.loc[(doc, theme), "share"], after.loc[(doc, theme), "rank"],
                      top[doc], lead[doc]) for doc in sorted(top.index)]
    return rows


def test_removal_triggers_are_the_shortest_prefixes_a_kept_term_does_not_begin():
    kept = ["深圳", "人才工作"]
    assert themes.removal_triggers(["向深圳学习", "人才", "人才驿站", "企"], kept) == ["向深", "人才", "人才驿", "企"]


def test_robustness_rematches_a_paragraph_where_the_removed_term_never_matched():
    # pyahocorasick's longest matching finds nothing in 人才 while 人才驿站 is a term (the started
    # longer term hides 才); removing 人才驿站 lets 才 match there, in a paragraph without 人才驿站.
    terms = built_terms([("talent_policy", "人才驿站"), ("talent_policy", "引才"), ("cadre_work", "才")])
    paragraphs = built_paragraphs({"a:1": "人才驿站人才驿站引才", "b:1": "人才"})
    assert themes.match_paragraphs(paragraphs[paragraphs["doc_id"] == "b"], terms).empty
    result = themes.robustness(paragraphs, terms, ks=(1,)).set_index(["removed_theme", "doc_id"])
    assert (result.loc[("talent_policy", "b"), "top_before"], result.loc[("talent_policy", "b"), "top_after"]) == (
        themes.NO_THEME, "cadre_work")
    assert rematched_rows(paragraphs, terms, (1,)) == list(zip(
        *(result.reset_index()[c] for c in ("removed_theme", "k", "doc_id", "share_after", "rank_after",
                                           "top_after", "leaders_after"))))


def test_robustness_agrees_with_rematching_every_removal(built):
    terms, paragraphs, _ = built
    terms = pd.concat([terms, built_terms([("talent_policy", "人才驿站"), ("cadre_work", "部学")])], ignore_index=True)
    paragraphs = pd.concat([paragraphs, built_paragraphs({"c:1": "人才驿站人才驿站干部学习人才"})], ignore_index=True)
    result = themes.robustness(paragraphs, terms, ks=(1, 2, 3))
    assert rematched_rows(paragraphs, terms, (1, 2, 3)) == list(zip(
        *(result[c] for c in ("removed_theme", "k", "doc_id", "share_after", "rank_after", "top_after",
                              "leaders_after"))))


def test_theme_counts_of_a_match_table_equal_the_paragraph_table(built):
    terms, paragraphs, table = built
    counts = themes.theme_counts(paragraphs, themes.match_paragraphs(paragraphs, terms),
                                 themes.ordered_themes(terms["theme"].unique()))
    assert counts.to_dict() == themes.count_columns(table).to_dict()
    assert counts.index.tolist() == paragraphs["para_id"].tolist()


# --- validation arithmetic -------------------------------------------------------------------

def test_precision_and_recall_on_hand_built_labels():
    gold = [frozenset({"a"}), frozenset({"a", "b"}), frozenset()]
    predicted = [frozenset({"a"}), frozenset({"b"}), frozenset({"a"})]
    result = themes.precision_recall(gold, predicted, ["a", "b", "c"]).set_index("theme")
    assert result.loc["a", ["n_gold", "n_predicted", "true_positives", "precision", "recall"]].tolist() == [2, 2, 1, 0.5, 0.5]
    assert result.loc["b", ["precision", "recall", "f1"]].tolist() == [1.0, 1.0, 1.0]
    assert result.loc["c"].isna()[["precision", "recall", "f1", "precision_low", "recall_high"]].all()


def test_precision_and_recall_carry_wilson_intervals():
    # the referee's example: a recall of 3/3 has a Wilson 95% interval of 0.44-1.00
    gold = [frozenset({"cadre_work"})] * 3 + [frozenset()] * 2
    predicted = [frozenset({"cadre_work"})] * 3 + [frozenset({"cadre_work"}), frozenset()]
    row = themes.precision_recall(gold, predicted, ["cadre_work"]).iloc[0]
    assert (round(row["recall_low"], 2), round(row["recall_high"], 2)) == (0.44, 1.0)
    assert row["precision"] == 0.75 and row["precision_low"] < 0.75 < row["precision_high"]
    assert (round(row["precision_low"], 2), round(row["precision_high"], 2)) == (0.30, 0.95)


def test_validation_table_has_rounded_intervals(corpus_table):
    result = themes.validation_table(themes.read_labels(), corpus_table)
    for rate in ("precision", "recall"):
        assert (result[f"{rate}_low"] <= result[rate]).all() and (result[rate] <= result[f"{rate}_high"]).all()
        assert (result[f"{rate}_low"] == result[f"{rate}_low"].round(3)).all()
    cadre = result[(result["split"] == "holdout") & (result["theme"] == "cadre_work")].iloc[0]
    assert (cadre["true_positives"], cadre["n_gold"], cadre["recall_low"]) == (3, 3, 0.439)


def test_macro_f1_interval_brackets_the_mean_and_is_reproducible(built):
    _, _, table = built
    labels = pd.DataFrame({"para_id": ["a:1", "a:2", "b:1"], "split": ["holdout"] * 3,
                           "themes": [frozenset({"talent_policy"}), frozenset({"cadre_work"}), frozenset()]})
    mean, low, high = themes.macro_f1_interval(labels, table)
    # a:1 predicts talent and learning, a:2 learning and cadres: F1 talent 1, cadres 1, learning 0
    assert mean == pytest.approx(2 / 3)
    assert low <= mean <= high
    assert themes.macro_f1_interval(labels, table) == (mean, low, high)


def test_macro_f1_interval_on_the_holdout_matches_the_table(corpus_table):
    labels = themes.read_labels()
    holdout = labels[labels["split"] == "holdout"]
    mean, low, high = themes.macro_f1_interval(holdout, corpus_table)
    rows = themes.validation_table(labels, corpus_table)
    assert mean == pytest.approx(themes.macro_f1(rows[rows["split"] == "holdout"]), abs=0.001)
    assert low < mean < high


def test_validation_table_by_split(built, tmp_path):
    _, _, table = built
    path = tmp_path / "labels.csv"
    path.write_text("para_id,split,themes,note\n"
                    "a:1,tune,talent_policy,x\n"
                    "a:2,holdout,cadre_work;talent_policy,y\n"
                    "b:1,holdout,,z\n", encoding="utf-8")
    result = themes.validation_table(themes.read_labels(path), table).set_index(["split", "theme"])
    assert result.loc[("tune", "talent_policy"), ["precision", "recall"]].tolist() == [1.0, 1.0]
    assert result.loc[("tune", "learning_from_shenzhen"), "n_predicted"] == 1
    assert result.loc[("holdout", "talent_policy"), ["n_gold", "true_positives", "recall"]].tolist() == [1, 0, 0.0]
    assert result.loc[("all", "cadre_work"), ["n", "precision", "recall"]].tolist() == [3, 1.0, 1.0]
    agreement = themes.dominant_agreement(themes.read_labels(path), table).set_index("split")
    assert agreement.loc["holdout", "n_agree"] == 1  # b:1 none agrees; a:2 is mixed
    low, high = agreement.loc["holdout", ["agree_low", "agree_high"]]
    assert (round(low, 2), round(high, 2)) == (0.09, 0.91)  # Wilson interval of 1/2


def test_theme_errors_name_misses_and_false_alarms(built):
    _, _, table = built
    labels = pd.DataFrame({"para_id": ["a:1", "a:2", "b:1"], "split": ["tune", "holdout", "holdout"],
                           "themes": [frozenset({"talent_policy"}), frozenset({"talent_policy"}), frozenset()]})
    errors = themes.theme_errors(labels, table, "talent_policy")
    assert errors.values.tolist() == [["a:2", "holdout", "missed"]]
    errors = themes.theme_errors(labels, table, "learning_from_shenzhen")
    assert errors.values.tolist() == [["a:1", "tune", "false alarm"], ["a:2", "holdout", "false alarm"]]


def test_hand_labels_are_a_stratified_body_sample():
    labels = themes.read_labels()
    paragraphs = tables.load("paragraphs").set_index("para_id")
    assert labels["para_id"].is_unique and len(labels) == 60
    assert (paragraphs.loc[labels["para_id"], "kind"] == "body").all()
    assert labels["para_id"].str[:3].nunique() == 5
    assert labels["split"].value_counts().to_dict() == {"tune": 30, "holdout": 30}
    assert set().union(*labels["themes"]) <= set(themes.THEME_ORDER)


# --- acceptance on the real corpus ----------------------------------------------------------

def test_copresent_lists_the_paragraphs_with_both_themes(built):
    _, _, table = built
    assert themes.copresent(table, "learning_from_shenzhen", "talent_policy") == ["a:1"]
    assert themes.copresent(table, "talent_policy", "cadre_work") == []


def test_articles_before_a_month_skip_undated_ones():
    shares = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "d", "e", "f"], "theme": ["x", "y", "x", "x", "x", "x", "x"],
                           "date": ["2023-08-08", "2023-08-08", "2023-09-30", "", "2021-11-18", "2023", "2022"]})
    # e (2023, year only) may be after September 2023; f (2022) is surely before
    assert themes.articles_before(shares, "2023-09") == ["d", "f", "a"]


def test_no_article_uses_a_formula_before_it_was_first_used(corpus_table):
    # a misdated article, or a formula dated too late, would show here
    shares = tables.load("theme_document_shares")
    paragraphs = themes.scored_paragraphs()
    for term, month in themes.FIRST_USED.items():
        earlier = themes.articles_before(shares, month)
        assert earlier, "the seeds hold articles from before the formula"
        assert not paragraphs[paragraphs["doc_id"].isin(earlier)]["text"].str.contains(term).any()


def test_talent_ranks_highest_in_the_talent_article(corpus_table):
    assert themes.top_theme(themes.document_shares(corpus_table))["001"] == "talent_policy"


def test_learning_ranks_highest_in_the_learning_campaign(corpus_table):
    assert themes.top_theme(themes.document_shares(corpus_table))["000"] == "learning_from_shenzhen"


def test_political_study_leads_the_cadre_meeting(corpus_table):
    # 003 relays Xi Jinping's Guangdong speech; 002 is a study session on new productive forces
    top = themes.top_theme(themes.document_shares(corpus_table))
    assert (top["003"], top["002"]) == ("party_political_study", "industry_productivity")


def test_written_tables_are_deterministic(tmp_path):
    for name in ("paragraphs", "documents"):
        shutil.copy(derived_dir() / f"{name}.csv", tmp_path / f"{name}.csv")
    first = {p.name: p.read_bytes() for p in write_analysis(tmp_path, only=["themes"])}
    second = {p.name: p.read_bytes() for p in write_analysis(tmp_path, only=["themes"])}
    assert first == second and set(first) == {f"{n}.csv" for n in themes.TABLES}


def test_leaders_name_every_theme_that_ties(built):
    _, _, table = built
    assert themes.leaders(themes.document_shares(table)).to_dict() == {
        "a": "learning_from_shenzhen;talent_policy", "b": ""}


def test_robustness_records_who_leads_after_a_removal(built):
    terms, paragraphs, _ = built
    result = themes.robustness(paragraphs, terms, ks=(1,)).set_index(["removed_theme", "doc_id"])
    assert result.loc[("cadre_work", "a"), "leaders_after"] == "learning_from_shenzhen;talent_policy"
    assert result.loc[("talent_policy", "a"), "leaders_after"] == "learning_from_shenzhen"


def test_lead_stability_gives_the_first_removal_that_changes_the_lead(built):
    terms, paragraphs, _ = built
    stability = themes.lead_stability(themes.robustness(paragraphs, terms, ks=(1, 3))).set_index("doc_id")
    a = stability.loc["a"]
    assert (a["lead"], a["n_removals"], a["n_changed"]) == (themes.MIXED, 6, 4)
    # k = 1 first, then the themes in THEME_ORDER: learning before talent
    assert (a["first_removed_theme"], a["first_k"], a["first_removed_terms"], a["lead_after"]) == (
        "learning_from_shenzhen", 1, "学习", "talent_policy")
    b = stability.loc["b"]
    assert (b["n_changed"], b["first_removed_theme"], b["lead_after"]) == (0, "", "")


def test_the_campaign_article_loses_its_lead_without_its_slogan():
    stability = themes.lead_stability(tables.load("theme_robustness")).set_index("doc_id")
    row = stability.loc["000"]
    assert (row["lead"], row["first_k"], row["first_removed_terms"], row["lead_after"]) == (
        "learning_from_shenzhen", 1, "向深圳学习", "regional_integration")


def test_robustness_summary_counts_changed_documents(built):
    terms, paragraphs, _ = built
    summary = themes.robustness_summary(themes.robustness(paragraphs, terms, ks=(1,))).set_index("removed_theme")
    assert summary.loc["learning_from_shenzhen", ["n_docs", "n_top_changed"]].tolist() == [2, 1]
    assert summary.loc["learning_from_shenzhen", "changes"] == "a: mixed -> talent_policy"
    assert summary.loc["cadre_work", "n_top_changed"] == 0


def test_exemplars_pick_the_strongest_led_paragraph(built):
    _, paragraphs, table = built
    found = themes.exemplars(table, paragraphs, min_chars=1)
    assert found[["theme", "para_id", "score"]].values.tolist() == [["talent_policy", "a:1", 2.0]]


# --- helpers of the themes chapter ------------------------------------------------------------

def test_dominant_by_document_orders_themes_then_mixed_and_none(built):
    _, _, table = built
    counts = themes.dominant_by_document(table)
    assert counts.columns.tolist() == ["talent_policy", themes.MIXED, themes.NO_THEME]
    assert counts.loc["a"].tolist() == [1, 1, 0] and counts.loc["b"].tolist() == [0, 0, 1]
    assert counts.to_numpy().sum() == len(table)


def test_min_score_is_the_default_of_the_scoring(built):
    terms, paragraphs, table = built
    assert themes.MIN_SCORE == 0.5
    strict = themes.paragraph_table(paragraphs, terms, min_score=themes.MIN_SCORE)
    assert strict["dominant_theme"].tolist() == table["dominant_theme"].tolist()


def test_macro_f1_is_the_mean_over_themes():
    frame = pd.DataFrame({"theme": ["a", "b", "c"], "f1": [1.0, 0.5, 0.0]})
    assert themes.macro_f1(frame) == 0.5


def test_leader_names_join_short_names():
    assert themes.leader_names("talent_policy;regional_integration") == "talent and integration"
    assert themes.leader_names("regional_integration") == "integration"
    assert themes.leader_names("a;b;c", {"a": "x"}) == "x, b and c"
    assert themes.leader_names("") == themes.NO_THEME


def test_percent_and_ordinal_words():
    assert [themes.percent(x) for x in (0.374, 0.0, 1.0)] == ["37%", "0%", "100%"]
    assert [themes.ordinal(n) for n in (1, 2, 6)] == ["first", "second", "sixth"]
    with pytest.raises(ValueError):
        themes.ordinal(0)
    with pytest.raises(ValueError):
        themes.ordinal(len(themes.ORDINALS) + 1)


# --- charts of the chapter --------------------------------------------------------------------

def test_shares_by_publication_ignores_documents_without_shares(built):
    # a duplicate article is in the documents table but has no theme shares
    _, _, table = built
    documents = pd.DataFrame({"doc_id": ["a", "b", "dup"], "date": ["2024-01-01", "2021-05-01", "2022-03-03"]})
    shares = themes.themes_over_time(themes.document_shares(table), documents)
    published = documents.set_index("doc_id")["date"]
    for fig in (charts.themes.shares_by_publication(shares),
                charts.themes.shares_by_publication(shares, published)):
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.get_xticklabels()] == ["b\n2021-05", "a\n2024-01"]
        talent = dict(zip(shares.loc[shares["theme"] == "talent_policy", "doc_id"],
                          shares.loc[shares["theme"] == "talent_policy", "share"]))
        line = ax.get_lines()[themes.THEME_ORDER.index("talent_policy")]
        assert line.get_ydata().tolist() == [talent["b"], talent["a"]]
        plt.close(fig)


def test_the_paired_f1_difference_of_two_rules_is_scored_on_the_same_resamples():
    scores = tables.load("theme_paragraph_scores")
    labels = themes.read_labels()
    holdout = labels[labels["split"] == "holdout"]
    difference, low, high = themes.macro_f1_difference(holdout, scores, 0.0, themes.PRESENCE_MIN_SHARE)
    any_match = themes.macro_f1_interval(holdout, scores, 0.0)[0]
    rule = themes.macro_f1_interval(holdout, scores, themes.PRESENCE_MIN_SHARE)[0]
    assert difference == pytest.approx(rule - any_match)
    assert low <= difference <= high
    assert themes.macro_f1_difference(holdout, scores, 0.2, 0.2) == (0.0, 0.0, 0.0)
    # the paired interval is narrower than the gap between the two rules' own intervals allows
    _, any_low, any_high = themes.macro_f1_interval(holdout, scores, 0.0)
    _, rule_low, rule_high = themes.macro_f1_interval(holdout, scores, themes.PRESENCE_MIN_SHARE)
    assert high - low < (rule_high - any_low) - (rule_low - any_high)
