"""Checks of the findings of the chapter on learning from Shenzhen
(``notebooks/03_learning_from_shenzhen.ipynb``, claims in ``data/claims/03_learning_from_shenzhen.yml``)."""
from __future__ import annotations

import pandas as pd

from policytext.analysis import learning
from policytext.report.claims import Result, Tables, blind_learning_relations, check, learning_disagreements
from policytext.text.sentences import sentence_ids

CAMPAIGN_FEATURE = "000"
CADRE_ACADEMY = "深圳改革开放干部学院"
#: The Chenzhou article's paragraphs that tell the tour of Guangzhou itself, the sentence that
#: names the debriefing meeting held in Chenzhou after it, and its headline.
CHENZHOU_TOUR = ("004:2", "004:5", "004:18")
CHENZHOU_DEBRIEFING = "004:29.1"
CHENZHOU_HEADLINE = "004:1.1"


def _learning_misses(load: Tables) -> set[str]:
    """Sentences the blind annotator reads as learning and the extractor does not."""
    return set(learning_disagreements(load("validation_disagreements"), "yes")["item_id"])


def _top(counts: pd.Series) -> str:
    return str(counts.sort_values(ascending=False, kind="stable").index[0]) if len(counts) else "none"


@check
def named_learning_misses(load: Tables) -> Result:
    """The sentences the chapter names as misses are misses: the implied-model heading, the
    invited Shenzhen teachers, the courses sent to Shenzhen and the saying."""
    named = {"000:22.1", "000:48.2", "000:26.2", "000:52.1"}
    missing = sorted(named - _learning_misses(load))
    return Result(not missing, {"named misses not missed": ", ".join(missing) or "none"})


@check
def campaign_feature_carries_the_learning(load: Tables) -> Result:
    """The campaign feature (000) carries more learning edges than any other article, and the
    dictionary theme *learning from Shenzhen* also puts it first."""
    edges = load("learning_edges")
    by_edges = _top(edges.groupby("doc_id").size())
    shares = load("theme_document_shares")
    theme = shares[shares["theme"] == "learning_from_shenzhen"].set_index("doc_id")["share"].astype(float)
    by_theme = _top(theme)
    return Result(by_edges == by_theme == CAMPAIGN_FEATURE,
                  {"most edges": by_edges, "largest theme share": by_theme})


@check
def shenzhen_learns_in_two_visits(load: Tables) -> Result:
    """Shenzhen is a learner only in the mayor's visit (000:19) and the housing visit (000:32)."""
    edges = load("learning_edges")
    found = sorted(set(edges.loc[edges["learner"] == "深圳", "para_id"]))
    return Result(found == ["000:19", "000:32"], {"paragraphs with Shenzhen as learner": ", ".join(found) or "none"})


@check
def saying_is_a_miss(load: Tables) -> Result:
    """The saying 摸着深圳过河 (000:52) carries no edge, and the blind annotator reads it as learning."""
    edges = load("learning_edges")
    n_edges = int((edges["para_id"] == "000:52").sum())
    missed = "000:52.1" in _learning_misses(load)
    return Result(n_edges == 0 and missed, {"edges in 000:52": n_edges, "annotated as learning, not extracted": missed})


@check
def cadre_academy_is_the_top_site(load: Tables) -> Result:
    """The Shenzhen Reform and Opening-up Cadre Academy is the single site named in most learning sentences."""
    edges = load("learning_edges")
    sites = learning.edge_weights(edges[edges["teacher_place"] != edges["teacher"]], by=["teacher_place"])
    top = sites.set_index("teacher_place")["sentences"]
    holds = len(top) > 0 and top.index[0] == CADRE_ACADEMY and (len(top) == 1 or top.iloc[0] > top.iloc[1])
    return Result(holds, {"top sites": ", ".join(f"{s} {n}" for s, n in top.head(2).items()) or "none"})


@check
def chenzhou_tour_seen_only_in_its_debriefing(load: Tables) -> Result:
    """The Chenzhou article's only strict visit edge to Guangzhou is the name of the debriefing
    meeting held in Chenzhou after the tour (004:29.1), and its only label visit the headline
    (004:1.1): the paragraphs that tell the tour itself
    (004:2, 004:5, 004:18) give no visit edge, and the blind reading reads a visit in each."""
    edges = load("learning_edges")
    to_guangzhou = edges[(edges["mode"] == "visit") & (edges["learner"] == "郴州") & (edges["teacher"] == "广州")]
    visit_ids = sorted(set(sentence_ids(learning.strict_edges(to_guangzhou))))
    label_ids = sorted(set(sentence_ids(to_guangzhou[to_guangzhou["text_kind"] == "label"])))
    relations = blind_learning_relations(load)
    blind_visits = relations[(relations["mode"] == "visit") & (relations["learner_city"] == "郴州")]
    tour_read = sorted(set(blind_visits["item_id"].str.split(".").str[0]) & set(CHENZHOU_TOUR))
    return Result(visit_ids == [CHENZHOU_DEBRIEFING] and label_ids == [CHENZHOU_HEADLINE]
                  and tour_read == sorted(CHENZHOU_TOUR),
                  {"strict visit edges from Chenzhou to Guangzhou": ", ".join(visit_ids) or "none",
                   "label visit edges": ", ".join(label_ids) or "none",
                   "tour paragraphs the blind reading reads as visits": ", ".join(tour_read) or "none"})
