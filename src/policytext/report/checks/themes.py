"""Checks of the findings of the theme chapter (``notebooks/07_themes.ipynb``, claims in
``data/claims/07_themes.yml``)."""
from __future__ import annotations

import pandas as pd

from policytext.report.claims import Result, Tables, check

LEARNING, TALENT, CADRES = "learning_from_shenzhen", "talent_policy", "cadre_work"
INTEGRATION = "regional_integration"
CAMPAIGN_ARTICLE, TALENT_ARTICLE = "000", "001"


def _leader(load: Tables, doc_id: str) -> str:
    shares = load("theme_document_shares")
    return str(shares[(shares["doc_id"] == doc_id) & (shares["rank"].astype(int) == 1)]["theme"].iloc[0])


def _removal(load: Tables, theme: str, k: int, doc_id: str):
    """The robustness row of ``doc_id`` once ``theme``'s ``k`` most frequent terms are removed."""
    robustness = load("theme_robustness")
    return robustness[(robustness["removed_theme"] == theme) & (robustness["k"].astype(int) == k)
                      & (robustness["doc_id"] == doc_id)].iloc[0]


@check
def learning_lead_rests_on_the_campaign_name(load: Tables) -> Result:
    """Learning from Shenzhen leads the campaign article, and loses the lead once its single most
    frequent term (the campaign's name) is removed."""
    row = _removal(load, LEARNING, 1, CAMPAIGN_ARTICLE)
    holds = _leader(load, CAMPAIGN_ARTICLE) == LEARNING and row["top_after"] != LEARNING
    return Result(holds, {"leader of 000": _leader(load, CAMPAIGN_ARTICLE), "term removed": row["removed_terms"],
                          "leader without it": row["top_after"]})


@check
def talent_leads_the_talent_feature(load: Tables) -> Result:
    """Talent policy leads the talent feature (001) and keeps the lead without its most frequent
    term, but not without its three most frequent, when it ties with integration; without its
    five most frequent, integration leads."""
    row = _removal(load, TALENT, 1, TALENT_ARTICLE)
    three = _removal(load, TALENT, 3, TALENT_ARTICLE)
    five = _removal(load, TALENT, 5, TALENT_ARTICLE)
    holds = (_leader(load, TALENT_ARTICLE) == TALENT and row["top_after"] == TALENT
             and set(str(three["leaders_after"]).split(";")) == {TALENT, INTEGRATION}
             and five["top_after"] == INTEGRATION)
    return Result(holds, {"leader of 001": _leader(load, TALENT_ARTICLE), "term removed": row["removed_terms"],
                          "leader without it": row["top_after"],
                          "leaders without the three most frequent": three["leaders_after"],
                          "leader without the five most frequent": five["top_after"]})


@check
def learning_travels_with_cadre_work(load: Tables) -> Result:
    """Of all pairs of themes, learning and cadre work share the most body paragraphs."""
    pairs = load("theme_cooccurrence").sort_values(["n_both", "theme_a", "theme_b"], ascending=[False, True, True])
    top = pairs.iloc[0]
    holds = {top["theme_a"], top["theme_b"]} == {LEARNING, CADRES}
    return Result(holds, {"strongest pair": f"{top['theme_a']} + {top['theme_b']}", "paragraphs": int(top["n_both"])})


#: A theme whose score correlates less than this with every topic's weight has no topic of its own.
NO_TOPIC_CORRELATION = 0.2


def topic_reading(alignment: pd.DataFrame) -> dict[str, object]:
    """How one topic model (a ``topic_theme_alignment`` table) groups the themes: the topics
    learning, cadre work and talent go to, integration's strongest correlation with a topic's
    weight (signed, as the chapter's table), and whether the chapter's reading holds: learning
    and cadre work in one topic, talent in another, no topic moving with integration."""
    aligned = alignment[alignment["aligned"].astype(str) == "True"].set_index("theme")["topic"].astype(str)
    integration = alignment[alignment["theme"] == INTEGRATION]["correlation"].astype(float)
    strongest = float(integration.loc[integration.abs().idxmax()])
    holds = bool({LEARNING, CADRES, TALENT} <= set(aligned.index)
                 and aligned[LEARNING] == aligned[CADRES] != aligned[TALENT]
                 and abs(strongest) < NO_TOPIC_CORRELATION)
    return {"topic of learning": aligned.get(LEARNING, ""), "of cadre work": aligned.get(CADRES, ""),
            "of talent": aligned.get(TALENT, ""), "integration's strongest correlation": f"{strongest:+.2f}",
            "holds": holds}


def topic_reading_by_k(by_k: pd.DataFrame) -> pd.DataFrame:
    """:func:`topic_reading` at each number of topics of ``topic_alignment_by_k``, one row per k."""
    rows = [{"topics": int(k), "chosen": str(group["chosen"].iloc[0]) == "True"} | topic_reading(group)
            for k, group in by_k.groupby(by_k["k"].astype(int), sort=True)]
    return pd.DataFrame(rows).set_index("topics")


@check
def topics_pair_learning_with_cadres_and_miss_integration(load: Tables) -> Result:
    """The topic model puts learning and cadre work in one topic and talent in another, and no
    topic's weight moves with the integration score."""
    reading = topic_reading(load("topic_theme_alignment"))
    holds = reading.pop("holds")
    return Result(holds, reading)