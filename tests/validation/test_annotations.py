"""The committed blind annotations (first and second): every item coded once or more, values from
the guideline's lists."""
import pandas as pd
import pytest

from policytext.analysis import places
from policytext.paths import annotation_path
from policytext.validation.extractors import read_annotation
from policytext.validation.items import read_items
from policytext.validation.tasks import REVISIONS, TASKS, task

ALLOWED = {
    "learning": {"relation": {"yes", "no"}, "learner_implied": {"yes", "no", ""},
                 "mode": {"call", "benchmark", "visit", "course", "pairing", "posting", "other", ""},
                 "venue_only": {"yes", "no", ""}, "text_kind": {"label", "narrative", ""}},
    "talent": {"is_measure": {"yes", "no"}, "target": {"talent", "cadre", "both", ""}},
    "integration": {"outcome": {"yes", "no"}},
    "quantities": {"kind": {"economy", "campaign", "integration", "other", ""}},
    "dates": {"kind": {"point", "range", "since", "as_of", "recurring", ""}},
}
CODES = {
    ("talent", "instruments"): {"training", "funding_subsidies", "platforms_infrastructure",
                                "public_services", "information_services", "goals_planning", "finance",
                                "tax", "regulation", "strategic_measures", "procurement_services",
                                "outsourcing", "exchange_flexible"},
    ("talent", "stages"): {"recruit", "train", "use", "evaluate", "retain"},
    ("integration", "kinds"): set(places.OUTCOME_KINDS),
}


FILES = ("blind.csv", "blind2.csv")


@pytest.mark.parametrize("file_name", FILES)
@pytest.mark.parametrize("name", [t.name for t in TASKS + REVISIONS])
def test_every_item_is_annotated_and_has_a_guideline(name, file_name):
    current = task(name)
    assert (current.folder / "guideline.md").read_text(encoding="utf-8").startswith("# Annotation guideline")
    items = read_items(current.folder / "items.csv")
    annotation = read_annotation(current, file_name)
    assert list(annotation.columns) == list(read_annotation(current).columns)
    assert set(annotation["item_id"]) == set(items["item_id"])
    if name not in ("learning", "quantities", "dates"):  # one row per relation, quantity or date there
        assert not annotation["item_id"].duplicated().any()
    for column, allowed in ALLOWED.get(current.labels, {}).items():
        assert set(annotation[column]) <= allowed, column
    for (owner, column), allowed in CODES.items():
        if owner == current.labels:
            used = {code for value in annotation[column] for code in value.split()}
            assert used <= allowed, column


@pytest.mark.parametrize("file_name", FILES)
def test_themes_are_the_six_themes(file_name):
    annotation = read_annotation(task("themes"), file_name)
    used = {t for value in annotation["themes"] for t in value.split(";") if t}
    assert used == {"learning_from_shenzhen", "talent_policy", "regional_integration",
                    "industry_productivity", "party_political_study", "cadre_work"}


@pytest.mark.parametrize("file_name", FILES)
def test_learning_relations_name_both_cities_and_non_relations_nothing(file_name):
    annotation = read_annotation(task("learning"), file_name)
    relations = annotation[annotation["relation"] == "yes"]
    assert (relations["learner_city"] != "").all() and (relations["model_city"] != "").all()
    none = annotation[annotation["relation"] == "no"]
    assert (none.drop(columns=["item_id", "relation"]) == "").all().all()
    if file_name == "blind.csv":  # the referee's lost learners: 000:40 names eight towns
        assert len(relations.loc[relations["item_id"] == "000:40.1", "learners"].iloc[0].split("|")) == 8


@pytest.mark.parametrize("file_name", FILES)
def test_quantity_values_are_numbers(file_name):
    annotation = read_annotation(task("quantities"), file_name)
    stated = annotation[annotation["expression"] != ""]
    assert pd.to_numeric(stated["value"], errors="coerce").notna().all()
    # every expression is written as it appears in its sentence
    items = read_items(task("quantities").folder / "items.csv").set_index("item_id")["text"]
    assert all(expression in items[item] for item, expression in zip(stated["item_id"], stated["expression"]))


@pytest.mark.parametrize("file_name", FILES)
def test_dates_are_calendar_days_written_as_in_their_sentence(file_name):
    annotation = read_annotation(task("dates"), file_name)
    stated = annotation[annotation["expression"] != ""]
    starts = pd.to_datetime(stated["start"], format="%Y-%m-%d", errors="coerce")
    ends = pd.to_datetime(stated["end"], format="%Y-%m-%d", errors="coerce")
    assert starts.notna().all() and ends.notna().all() and (starts <= ends).all()
    items = read_items(task("dates").folder / "items.csv").set_index("item_id")["text"]
    assert all(expression in items[item] for item, expression in zip(stated["item_id"], stated["expression"]))
    assert (annotation.loc[annotation["expression"] == "", ["kind", "start", "end"]] == "").all().all()


def test_the_third_talent_guideline_names_no_word_of_the_rules_and_the_second_names_some():
    from policytext.analysis import talent
    from policytext.validation.tasks import terms_in_guideline
    terms = talent.scheme_terms(talent.load_scheme())
    assert terms_in_guideline(terms, "talent_v3") == []
    assert len(terms_in_guideline(terms, "talent_v2")) > 10


def test_a_single_character_of_the_rules_does_not_count_as_shown_to_the_annotators():
    from policytext.analysis import talent
    from policytext.validation.tasks import terms_in_guideline, words
    terms = talent.scheme_terms(talent.load_scheme())
    guideline = (annotation_path("talent_v2") / "guideline.md").read_text(encoding="utf-8")
    singles_in_guideline = {term for term in terms if len(term) == 1 and term in guideline}
    assert singles_in_guideline  # 说 "say" is in the guideline, as in any Chinese text
    assert not singles_in_guideline & set(terms_in_guideline(terms, "talent_v2"))
    assert words({"说", "干部"}) == {"干部"}
