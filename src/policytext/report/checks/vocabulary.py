"""Checks of the findings of the vocabulary chapter (``notebooks/02_vocabulary.ipynb``, claims in
``data/claims/02_vocabulary.yml``)."""
from __future__ import annotations

from policytext.analysis import reference
from policytext.report.claims import Result, Tables, check

FROM_SCRATCH = "from scratch (silver, PKU summary)"
PROJECT = "project (corrected jieba output)"


def _f1(load: Tables) -> dict[tuple[str, str], float]:
    scores = load("segmentation_scores")
    return {(g, s): float(f) for g, s, f in zip(scores["gold_set"], scores["segmenter"], scores["f1"])}


def _survival(load: Tables, comparison: str) -> dict[str, tuple[int, int]]:
    """Per side of ``comparison``: key terms surviving resampling, and terms tested."""
    resampled = load("keyness_resampled")
    rows = resampled[resampled["comparison"] == comparison]
    return {side: (int(group["survives"].astype(str).eq("True").sum()), len(group))
            for side, group in rows.groupby("key_for")}


@check
def dictionary_gain_depends_on_the_standard(load: Tables) -> Result:
    """The domain dictionary raises jieba's F1 on the project's gold set but not on the silver
    set made from scratch under a summary of the PKU standard."""
    f1 = _f1(load)
    project = f1[(PROJECT, "jieba + domain dictionary")] - f1[(PROJECT, "jieba")]
    scratch = f1[(FROM_SCRATCH, "jieba + domain dictionary")] - f1[(FROM_SCRATCH, "jieba")]
    return Result(project > 0 >= scratch, {"gain on the project's gold set": f"{project:+.3f}",
                                           "gain on the silver set from scratch": f"{scratch:+.3f}"})


STOCK_WORDS = ("推动", "发展")
CAMPAIGN_WORDS = ("深圳", "学习", "人才", "干部")


@check
def official_prose_separates_stock_from_campaign(load: Tables) -> Result:
    """Against the official-prose reference, 推动 and 发展 are not key
    (:func:`policytext.analysis.reference.is_key`), and 深圳, 学习, 人才 and 干部 are."""
    table = load("keyness_vs_official_prose").set_index("term")
    key = reference.is_key(table)
    holds = (not any(key.get(term, False) for term in STOCK_WORDS)
             and all(key.get(term, False) for term in CAMPAIGN_WORDS))
    return Result(holds, {term: (f"log ratio {float(table.at[term, 'log_ratio']):+.2f}" if term in table.index
                                 else "not tested") for term in STOCK_WORDS + CAMPAIGN_WORDS})


@check
def chenzhou_key_terms_rest_on_few_paragraphs(load: Tables) -> Result:
    """Most of the Zhongshan side's key terms survive resampling by paragraph; fewer than half
    of the Chenzhou article's do."""
    survival = _survival(load, "zhongshan_vs_chenzhou")
    zhongshan, chenzhou = survival["target"], survival["reference"]
    holds = zhongshan[0] * 2 > zhongshan[1] and chenzhou[0] * 2 < chenzhou[1]
    return Result(holds, {"Zhongshan": f"{zhongshan[0]} of {zhongshan[1]}",
                          "Chenzhou": f"{chenzhou[0]} of {chenzhou[1]}"})


@check
def period_key_terms_rest_on_few_paragraphs(load: Tables) -> Result:
    """Fewer than half of the key terms of either period (later and earlier Zhongshan articles)
    survive resampling by paragraph."""
    survival = _survival(load, "later_vs_earlier")
    later, earlier = survival["target"], survival["reference"]
    holds = earlier[0] * 2 < earlier[1] and later[0] * 2 < later[1]
    return Result(holds, {"earlier": f"{earlier[0]} of {earlier[1]}", "later": f"{later[0]} of {later[1]}"})
