"""Keyness that is not one document's idiosyncrasy: the key terms of a comparison, resampled.

Log-likelihood on pooled counts treats every token as independent, so a term frequent in one
text is key for its whole side. Lijffijt et al. (2016) test word frequencies with the units of
text as the independent samples instead: resample the texts of each subcorpus with replacement
and ask how often the difference keeps its direction (their bootstrap test). The units are
documents where each side holds at least :data:`MIN_DOCUMENTS` of them; otherwise, as in the
seeds, too few documents can be drawn to resample them, and the units are paragraphs: a term
that survives is spread over many paragraphs of its side, not carried by a few. Where one side
is a single document, what survives is still that document's profile.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from policytext.analysis.reference import holm
from policytext.analysis.vocabulary import LL_CRITICAL, terms_only

#: Bootstrap resamples per comparison (enough for a p-value below ALPHA / 60 after Holm), and their seed.
RESAMPLES = 10000
SEED = 20261202
#: Resampled unit counts held in memory at once (resamples x unit types).
BLOCK_CELLS = 2_000_000
#: Key terms tested on each side: the strongest by log-likelihood among those key at KEY_P.
TERMS_PER_SIDE = 30
KEY_P = 0.01
#: Documents each side needs for documents, not paragraphs, to be the units resampled.
MIN_DOCUMENTS = 10
#: Family-wise level of the Holm-corrected bootstrap p-values.
ALPHA = 0.05
COLUMNS = ("comparison", "term", "key_for", "log_likelihood", "log_ratio", "unit",
           "paragraphs_with_term", "documents_with_term", "paragraphs_on_side", "documents_on_side",
           "same_direction", "p_bootstrap", "p_holm", "survives")
#: The token-table column that names each kind of unit resampled.
UNIT_COLUMNS = {"paragraph": "para_id", "document": "doc_id"}


def unit_counts(tokens: pd.DataFrame, doc_ids: Sequence[str], terms: Sequence[str],
                unit: str = "paragraph") -> tuple[sparse.csr_matrix, np.ndarray]:
    """Per paragraph (or per document, ``unit="document"``) of the documents ``doc_ids``: the
    counts of ``terms`` (a sparse units x terms matrix) and the number of term tokens."""
    key = UNIT_COLUMNS[unit]
    found = terms_only(tokens, ["doc_id", "para_id"])
    found = found[found["doc_id"].isin(list(doc_ids))]
    units = pd.Index(sorted(found[key].unique()))
    totals = found.groupby(key).size().reindex(units).to_numpy(dtype=float)
    column = {term: k for k, term in enumerate(terms)}
    wanted = found[found["term"].isin(column)]
    matrix = sparse.coo_matrix((np.ones(len(wanted)), (units.get_indexer(wanted[key]),
                                                       wanted["term"].map(column).to_numpy())),
                               shape=(len(units), len(terms))).tocsr()
    return matrix, totals


def resampling_unit(target_docs: Sequence[str], reference_docs: Sequence[str]) -> str:
    """``"document"`` where both sides hold at least :data:`MIN_DOCUMENTS` documents, else
    ``"paragraph"``."""
    return "document" if min(len(target_docs), len(reference_docs)) >= MIN_DOCUMENTS else "paragraph"


def unit_types(counts: sparse.csr_matrix, totals: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct units (paragraphs or documents) of a side as the statistic sees them (term
    counts and term-token total), with how many units share each: ``(counts, totals, multiplicity)``.

    Units that look alike to the statistic are exchangeable, so drawing units with replacement
    is drawing types with probability proportional to their multiplicity: the same bootstrap
    distribution, at a cost that grows with the types (most paragraphs hold none of the tested
    terms and differ only by length), not with the units."""
    rows = np.column_stack([counts.toarray(), totals]) if len(totals) else np.zeros((0, counts.shape[1] + 1))
    types, multiplicity = np.unique(rows, axis=0, return_counts=True)
    return types[:, :-1], types[:, -1], multiplicity


def bootstrap_directions(target: tuple[sparse.csr_matrix, np.ndarray],
                         reference: tuple[sparse.csr_matrix, np.ndarray],
                         resamples: int = RESAMPLES, seed: int = SEED) -> np.ndarray:
    """For each term, the share of resamples (units, paragraphs or documents, drawn with
    replacement on each side; ``target`` and ``reference`` as :func:`unit_counts` gives them) in
    which its relative frequency is higher in the target than in the reference, a tie counting
    half (a term absent from both resampled sides favours neither).

    A resample is a vector of multinomial draw counts per unit type (:func:`unit_types`);
    resamples are drawn in blocks of at most :data:`BLOCK_CELLS` counts, so memory stays bounded
    on a large corpus."""
    rng = np.random.default_rng(seed)
    higher = np.zeros(target[0].shape[1])
    sides = [unit_types(*side) for side in (target, reference)]
    widest = max(len(sides[0][2]), len(sides[1][2]), 1)
    block = max(1, min(resamples, BLOCK_CELLS // widest))
    for start in range(0, resamples, block):
        size = min(block, resamples - start)
        frequencies = []
        for counts, totals, multiplicity in sides:
            n = int(multiplicity.sum())
            weights = (rng.multinomial(n, multiplicity / n, size=size) if n else np.zeros((size, 0))).astype(float)
            tokens = np.maximum(weights @ totals, 1.0)
            frequencies.append((weights @ counts) / tokens[:, None])
        higher += (frequencies[0] > frequencies[1]).sum(axis=0) + 0.5 * (frequencies[0] == frequencies[1]).sum(axis=0)
    return higher / resamples


def resampled_keyness(tokens: pd.DataFrame, keyness: pd.DataFrame, comparison: str,
                      target_docs: Sequence[str], reference_docs: Sequence[str],
                      per_side: int = TERMS_PER_SIDE, resamples: int = RESAMPLES) -> pd.DataFrame:
    """The ``per_side`` strongest key terms of each side of ``keyness`` (a table of
    :func:`policytext.analysis.vocabulary.keyness`) among those key at :data:`KEY_P` by pooled
    log-likelihood, each with the share of resamples (of documents or paragraphs,
    :func:`resampling_unit`) that keep its direction, a two-sided bootstrap p-value, its Holm
    correction over the terms tested, and whether it survives at :data:`ALPHA`."""
    if keyness.empty or not len(target_docs) or not len(reference_docs):
        return pd.DataFrame(columns=list(COLUMNS))
    key = keyness[keyness["log_likelihood"] >= LL_CRITICAL[KEY_P]]
    tested = pd.concat([key[key["log_ratio"] > 0].head(per_side).assign(key_for="target"),
                        key[key["log_ratio"] < 0].head(per_side).assign(key_for="reference")])
    if tested.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    terms = list(tested["term"])
    unit = resampling_unit(target_docs, reference_docs)
    sides = {(name, kind): unit_counts(tokens, docs, terms, kind)
             for name, docs in (("target", target_docs), ("reference", reference_docs))
             for kind in UNIT_COLUMNS}
    higher = bootstrap_directions(sides["target", unit], sides["reference", unit], resamples)
    same = np.where(tested["key_for"] == "target", higher, 1 - higher)
    p_bootstrap = np.minimum(1.0, 2 * ((1 - same) * resamples + 1) / (resamples + 1))

    def units_with_term(kind: str) -> list[int]:
        return [int(sides[side, kind][0][:, k].getnnz()) for k, side in enumerate(tested["key_for"])]

    frame = pd.DataFrame({
        "comparison": comparison, "term": terms, "key_for": list(tested["key_for"]),
        "log_likelihood": list(tested["log_likelihood"]), "log_ratio": list(tested["log_ratio"]),
        "unit": unit, "paragraphs_with_term": units_with_term("paragraph"),
        "documents_with_term": units_with_term("document"),
        "paragraphs_on_side": [len(sides[side, "paragraph"][1]) for side in tested["key_for"]],
        "documents_on_side": [len(target_docs) if side == "target" else len(reference_docs)
                              for side in tested["key_for"]],
        "same_direction": np.round(same, 4), "p_bootstrap": np.round(p_bootstrap, 4),
        "p_holm": np.round(holm(p_bootstrap), 4), "survives": holm(p_bootstrap) < ALPHA})
    return frame.reset_index(drop=True)


#: How the book names the sides of each comparison.
SIDE_NAMES = {("zhongshan_vs_chenzhou", "target"): "Zhongshan articles",
              ("zhongshan_vs_chenzhou", "reference"): "Chenzhou article",
              ("later_vs_earlier", "target"): "later Zhongshan articles",
              ("later_vs_earlier", "reference"): "earlier Zhongshan articles"}


def survival_summary(resampled: pd.DataFrame) -> pd.DataFrame:
    """Per comparison and side: the units resampled, documents and paragraphs on the side, key
    terms tested, how many survive resampling, and which survive and which do not (strongest
    first)."""
    columns = ["resampled", "documents", "paragraphs", "tested", "survive", "surviving", "not surviving"]
    if resampled.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="key terms of"))
    rows = []
    for (comparison, side), group in resampled.groupby(["comparison", "key_for"], sort=False):
        rows.append({"key terms of": SIDE_NAMES.get((comparison, side), f"{comparison} {side}"),
                     "resampled": f"{group['unit'].iloc[0]}s",
                     "documents": int(group["documents_on_side"].iloc[0]),
                     "paragraphs": int(group["paragraphs_on_side"].iloc[0]),
                     "tested": len(group), "survive": int(group["survives"].sum()),
                     "surviving": "、".join(group.loc[group["survives"], "term"]),
                     "not surviving": "、".join(group.loc[~group["survives"], "term"])})
    return pd.DataFrame(rows).set_index("key terms of")
