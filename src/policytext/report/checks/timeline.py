"""Checks of the findings of the chapter on dates and figures
(``notebooks/06_timeline_and_figures.ipynb``, claims in ``data/claims/06_timeline_and_figures.yml``)."""
from __future__ import annotations

import pandas as pd

from policytext.analysis import events
from policytext.report.claims import Result, Tables, check

#: The sentences of the two Zhongshan campaign articles that date the call to learn from Shenzhen.
CALLS = ("000:13", "001:51")
CAMPAIGN_ARTICLE = "000"
#: The open period in which the campaign article places the new leadership's demand (2021年以来).
SINCE_NEW_LEADERSHIP = "000:8"


def _dated(load: Tables) -> pd.DataFrame:
    return events.dated_events(load("events"))


@check
def campaign_dated_from_the_congress_call(load: Tables) -> Result:
    """Both campaign articles date the call to learn from Shenzhen to the same year-end, and the
    campaign article dates nothing earlier but the open period (since 2021) in which it places
    the new leadership's demand to learn from Shenzhen."""
    dated = _dated(load)
    calls = dated[dated["para_id"].isin(CALLS) & (dated["precision"] == "year_end")]
    ends = sorted(set(calls["date_end"].astype(str)))
    every = load("events")
    own = every[(every["doc_id"] == CAMPAIGN_ARTICLE) & (every["date_start"].astype(str) != "")]
    first_call = min(calls["date_start"].astype(str), default="")
    earlier = own[own["date_start"].astype(str) < first_call]
    holds = (set(calls["para_id"]) == set(CALLS) and len(ends) == 1
             and set(earlier["para_id"]) <= {SINCE_NEW_LEADERSHIP} and set(earlier["kind"]) <= {"since"})
    return Result(holds, {"year-ends dated": ", ".join(ends) or "none",
                          "earlier dates of 000": "; ".join(f"{p} ({e}, {k})" for p, e, k in
                                                            zip(earlier["para_id"], earlier["expression"],
                                                                earlier["kind"])) or "none"})


@check
def campaign_article_tells_its_own_year(load: Tables) -> Result:
    """The campaign article dates most of its events to the year it was published in."""
    dated = _dated(load)
    own = dated[dated["doc_id"] == CAMPAIGN_ARTICLE]
    published = pd.Timestamp(load("documents").set_index("doc_id").at[CAMPAIGN_ARTICLE, "date"])
    same_year = int((pd.to_datetime(own["date_start"]).dt.year == published.year).sum())
    return Result(same_year * 2 > len(own), {"events in the year of publication": f"{same_year} of {len(own)}"})
