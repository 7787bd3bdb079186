"""Term counts, keywords, concordance, collocations, keyness and co-occurrence for the corpus.

Everything works on a *token table*: one row per token of every paragraph, with its position
and whether it is a content term (:func:`policytext.text.segment.is_term`), built by
:func:`token_table` with the project's tokenizer and stopwords.

Three counts of a word are kept apart (:func:`count_kinds`): its *token count* (occurrences as a
segmented word of its own, what frequencies, keyness and networks use), its *string count*
(occurrences of the character string in the clean text, inside longer words too, what a
concordance or ``str.count`` finds) and its *grouped count* (the token count plus the
occurrences inside longer tokens such as 深圳市 for 深圳; the string count less the occurrences
that straddle a word boundary).
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from itertools import combinations
from typing import Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow as pa
from scipy import sparse

from policytext.text import segment

#: Critical log-likelihood values (one degree of freedom).
LL_CRITICAL = {0.05: 3.84, 0.01: 6.63, 0.001: 10.83, 0.0001: 15.13}
#: TextRank links terms inside a window of this many consecutive terms.
TEXTRANK_WINDOW = 5
#: Collocates are counted within this many content terms left and right of the node...
COLLOCATION_WINDOW = 5
#: ...and listed only if seen at least this often (PMI favours rare pairs otherwise).
COLLOCATION_MIN_FREQ = 3
#: Keyness leaves out terms with a combined frequency below this.
KEYNESS_MIN_FREQ = 5
#: Frequency put in place of a zero count in the log ratio.
ZERO_FREQUENCY = 0.5
#: The term network: the most frequent terms, the paragraphs a pair must share, the links kept.
NETWORK_TOP_N = 40
NETWORK_MIN_PARAGRAPHS = 3
NETWORK_MAX_EDGES = 60
#: Numbers of links kept in the variants that check a term's position does not hang on the cut.
NETWORK_MAX_EDGES_VARIANTS = (40, 60, 80, 100)


def token_table(paragraphs: pd.DataFrame, domain: bool = True, use_keep_list: bool = True,
                segmented: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per token: doc_id, para_id, position (in the paragraph), token, is_term.

    ``segmented`` (``paragraph_tokens``: para_id, tokens joined by spaces, as the corpus stage
    writes it) gives the tokens of the paragraphs it holds; the others are segmented here."""
    stop = segment.stopwords(use_keep_list)
    given = {} if segmented is None else dict(zip(segmented["para_id"].tolist(), segmented["tokens"].tolist()))
    # One string object per distinct word: a large corpus repeats a small vocabulary millions of
    # times. The ID columns are built as Arrow arrays from one entry per paragraph, not as
    # Python lists of millions of references (the peak memory of a large corpus).
    shared: dict[str, str] = {}
    words: list[str] = []
    lengths: list[int] = []
    doc_ids, para_ids = paragraphs["doc_id"].tolist(), paragraphs["para_id"].tolist()
    for para_id, text in zip(para_ids, paragraphs["text"].tolist()):
        joined = given.get(para_id)
        cut = segment.cut(text, domain=domain) if joined is None else joined.split()
        words.extend(shared.setdefault(word, word) for word in cut)
        lengths.append(len(cut))
    if not words:
        return pd.DataFrame([], columns=["doc_id", "para_id", "position", "token", "is_term"])
    lengths_array = np.asarray(lengths, dtype=np.int64)
    paragraph_of = np.repeat(np.arange(len(lengths_array)), lengths_array)
    starts = np.cumsum(lengths_array) - lengths_array
    is_term = {word: segment.is_term(word, stop) for word in shared}
    text_dtype = pd.StringDtype("pyarrow", na_value=np.nan)

    def repeated(values: list[str]) -> pd.api.extensions.ExtensionArray:
        return pd.array(pa.array(values, type=pa.string()).take(pa.array(paragraph_of)), dtype=text_dtype)

    return pd.DataFrame({
        "doc_id": repeated(doc_ids),
        "para_id": repeated(para_ids),
        "position": np.arange(len(words), dtype=np.int64) - starts[paragraph_of],
        "token": pd.array(pa.array(words, type=pa.string()), dtype=text_dtype),
        "is_term": np.fromiter((is_term[word] for word in words), dtype=bool, count=len(words)),
    })


def _paragraph_groups(tokens: pd.DataFrame, columns: Sequence[str]) -> list[tuple[list, ...]]:
    """Per paragraph, in order of first appearance (as ``groupby("para_id", sort=False)``): the
    values of ``columns`` in row order, one list each."""
    codes, _ = pd.factorize(tokens["para_id"])
    order = np.argsort(codes, kind="stable")
    codes = codes[order]
    order = order[codes >= 0]  # a missing para_id is no group, as in groupby
    codes = codes[codes >= 0]
    values = [tokens[column].to_numpy()[order].tolist() for column in columns]
    bounds = [0, *(np.flatnonzero(np.diff(codes)) + 1).tolist(), len(codes)] if len(codes) else [0]
    return [tuple(v[a:b] for v in values) for a, b in zip(bounds, bounds[1:])]


def analysable_paragraphs(paragraphs: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs of documents read as ok and not flagged as a duplicate of another."""
    ok = documents["status"] == "ok" if "status" in documents else True
    if "duplicate_of" in documents:
        ok = ok & (documents["duplicate_of"].fillna("") == "")
    return paragraphs[paragraphs["doc_id"].isin(documents.loc[ok, "doc_id"])]


def compare_stoplists(tokens: pd.DataFrame, stoplists: dict[str, frozenset[str] | set[str]],
                      n: int = 20) -> pd.DataFrame:
    """Top ``n`` terms (``term (freq)``) under each stoplist, one column per stoplist."""
    columns = {}
    for name, stop in stoplists.items():
        kept = [t for t in tokens["token"].tolist() if segment.is_term(t, stop)]
        ranked = _sorted_counts(Counter(kept)).head(n)
        cells = [f"{t} ({f})" for t, f in zip(ranked["term"], ranked["freq"])]
        columns[name] = cells + [""] * (n - len(cells))
    frame = pd.DataFrame(columns)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="rank")
    return frame


def terms_only(tokens: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The content-term rows of a token table, ``token`` renamed ``term``, with the ID columns
    ``columns`` (all when None): a copy of only the columns a caller reads, which on a large
    corpus is most of the memory this step takes."""
    kept = [c for c in tokens.columns
            if c != "is_term" and (columns is None or c == "token" or c in columns)]
    return tokens.loc[tokens["is_term"].to_numpy(), kept].rename(columns={"token": "term"})


def _sorted_counts(counts: Counter, name: str = "freq") -> pd.DataFrame:
    frame = pd.DataFrame(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])),
                         columns=["term", name])
    return frame


def term_frequencies(tokens: pd.DataFrame) -> pd.DataFrame:
    """Per term: rank (1-based), corpus frequency and number of documents, sorted by frequency
    (descending), then term. Counts per document are the corpus stage's ``term_counts``
    (doc_id, term, freq; :func:`document_counts`): one column per document would grow the
    table with the corpus."""
    terms = terms_only(tokens, ["doc_id"])
    freq = terms["term"].value_counts()
    n_docs = terms[["term", "doc_id"]].drop_duplicates()["term"].value_counts()
    table = pd.DataFrame({"term": freq.index.to_numpy(dtype=object), "freq": freq.to_numpy(dtype="int64")})
    table["n_docs"] = n_docs.reindex(table["term"]).to_numpy(dtype="int64")
    table = table.sort_values(["freq", "term"], ascending=[False, True], kind="stable")
    table.insert(0, "rank", range(1, len(table) + 1))
    return table.reset_index(drop=True)


def document_counts(term_counts: pd.DataFrame, terms: Sequence[str],
                    doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Token counts of ``terms`` (rows, in that order) in each document (columns: ``doc_ids``,
    default every document of ``term_counts``, sorted), zero where a term is absent, from the
    corpus stage's ``term_counts`` (doc_id, term, freq)."""
    terms = list(dict.fromkeys(terms))
    doc_ids = sorted(term_counts["doc_id"].unique()) if doc_ids is None else list(doc_ids)
    wanted = term_counts[term_counts["term"].isin(terms) & term_counts["doc_id"].isin(doc_ids)]
    table = (wanted.pivot_table(index="term", columns="doc_id", values="freq", aggfunc="sum", fill_value=0)
             .reindex(index=terms, columns=doc_ids, fill_value=0).astype("int64"))
    table.index.name, table.columns.name = "term", "doc_id"
    return table


def document_totals(term_counts: pd.DataFrame) -> pd.Series:
    """Content-term tokens per document (the denominator of a term's share of a document)."""
    return term_counts.groupby("doc_id")["freq"].sum().astype("int64")


def top_terms(tokens: pd.DataFrame, n: int = 20, doc_id: str | None = None) -> pd.DataFrame:
    """The ``n`` most frequent terms of the corpus or of one document."""
    terms = terms_only(tokens, ["doc_id"])
    if doc_id is not None:
        terms = terms[terms["doc_id"] == doc_id]
    return _sorted_counts(Counter(terms["term"])).head(n)


def rank_frequency(tokens: pd.DataFrame) -> pd.DataFrame:
    """Rank and frequency of every term (for a Zipf plot)."""
    return term_frequencies(tokens)[["rank", "term", "freq"]]


def zipf_slope(freq: Sequence[int]) -> float:
    """Least-squares slope of log frequency on log rank (about -1 for Zipf's law)."""
    import numpy as np

    ranks = np.arange(1, len(freq) + 1)
    slope, _ = np.polyfit(np.log(ranks), np.log(np.asarray(freq, dtype=float)), 1)
    return float(slope)


def document_term_counts(tokens: pd.DataFrame) -> tuple[list[str], list[str], sparse.csr_matrix]:
    """Content-term counts per document (rows: doc IDs, sorted), built from Arrow codes rather
    than Python lists of tokens. The matrix is the one scikit-learn's ``TfidfVectorizer`` counts
    from each document's term list, stored alike: columns are the terms in sorted order, and
    within a row the entries keep the order in which the terms first occur in the corpus (read
    document by document), so a computation over a row sums in the same order, to the bit."""
    terms = terms_only(tokens, ["doc_id"])
    doc_codes, doc_ids = pd.factorize(terms["doc_id"], sort=True)
    order = np.argsort(doc_codes, kind="stable")  # document by document, text order within
    term_codes, names = pd.factorize(terms["term"].iloc[order])
    # float counts, as TfidfVectorizer has CountVectorizer make them (integer counts would be
    # converted by a copy with each row's entries sorted, and the l2 norms summed in that order)
    matrix = sparse.csr_matrix((np.ones(len(order), dtype=np.float64), (doc_codes[order], term_codes)),
                               shape=(len(doc_ids), len(names)))
    matrix.sum_duplicates()  # entries sorted by first occurrence, as CountVectorizer sorts them
    vocabulary = sorted(names.tolist())
    column_of = np.empty(len(names), dtype=matrix.indices.dtype)
    column_of[pd.Index(names).get_indexer(vocabulary)] = np.arange(len(vocabulary), dtype=matrix.indices.dtype)
    # columns renamed to the sorted terms, entries not re-sorted; built anew from its arrays so
    # that, as CountVectorizer's matrix, it carries no flag claiming sorted entries
    renamed = sparse.csr_matrix((matrix.data, column_of[matrix.indices], matrix.indptr), shape=matrix.shape)
    return [str(d) for d in doc_ids], vocabulary, renamed


def tfidf_keywords(tokens: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` terms with the highest TF-IDF weight in each document (scikit-learn's
    ``TfidfTransformer``: smooth idf and l2 normalisation, its defaults) over the counts of
    :func:`document_term_counts` (no second tokenisation). Ties are broken by term.
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    doc_ids, vocabulary, counts = document_term_counts(tokens)
    rows = []
    if not doc_ids:
        return pd.DataFrame(rows, columns=["doc_id", "rank", "term", "tfidf"])
    # fit, then transform in place, as TfidfVectorizer does; the result equals its to the bit
    # (tests/analysis/test_vocabulary.py) under the pinned scikit-learn
    matrix = TfidfTransformer().fit(counts).transform(counts, copy=False).tocsr()
    for i, doc_id in enumerate(doc_ids):
        row = slice(matrix.indptr[i], matrix.indptr[i + 1])
        ranked = sorted(((-w, vocabulary[j]) for w, j in zip(matrix.data[row], matrix.indices[row])
                         if w > 0))[:n]
        for rank, (w, term) in enumerate(ranked, start=1):
            rows.append((doc_id, rank, term, round(-w, 6)))
    return pd.DataFrame(rows, columns=["doc_id", "rank", "term", "tfidf"])


def _pagerank(matrix, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> np.ndarray:
    """PageRank of a symmetric weighted adjacency matrix (CSR): the power iteration of networkx's
    ``pagerank`` (uniform start and teleport), step for step, so the same floats."""
    import scipy as sp

    n = matrix.shape[0]
    out_weight = matrix.sum(axis=1)
    out_weight[out_weight != 0] = 1.0 / out_weight[out_weight != 0]
    transition = sp.sparse.dia_array((out_weight.T, 0), shape=matrix.shape).tocsr() @ matrix
    x = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    is_dangling = np.where(out_weight == 0)[0]
    for _ in range(max_iter):
        xlast = x
        x = alpha * (x @ transition + sum(x[is_dangling]) * p) + (1 - alpha) * p
        if np.absolute(x - xlast).sum() < n * tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


def _textrank_scores(terms: Sequence[str], window: int) -> dict[str, float]:
    """PageRank of every term linked to another within ``window`` positions (see :func:`textrank`).

    The co-occurrence graph is counted with arrays, its nodes in the order a pass over the
    pairs meets them (the order networkx would give them).
    """
    import scipy as sp

    ids, names = pd.factorize(np.asarray(terms, dtype=object))
    steps = max(window - 1, 0)
    first = np.repeat(np.arange(len(ids)), steps)  # position i with i+1, ..., i+window-1
    second = first + np.tile(np.arange(1, steps + 1), len(ids))
    inside = second < len(ids)
    first, second = ids[first[inside]], ids[second[inside]]
    linked = first != second
    first, second = first[linked], second[linked]
    if not len(first):
        return {}
    pair_ids, _ = pd.factorize(np.minimum(first, second) * len(names) + np.maximum(first, second))
    weights = np.bincount(pair_ids).astype(float)
    is_first = np.ones(len(pair_ids), dtype=bool)
    is_first[1:] = pair_ids[1:] > np.maximum.accumulate(pair_ids)[:-1]
    ends = np.column_stack([first[is_first], second[is_first]]).ravel()
    node_of, nodes = pd.factorize(ends)
    row, col = node_of[0::2], node_of[1::2]
    matrix = sp.sparse.coo_array((np.concatenate([weights, weights]),
                                  (np.concatenate([row, col]), np.concatenate([col, row]))),
                                 shape=(len(nodes), len(nodes)), dtype=float).asformat("csr")
    return dict(zip(names[nodes].tolist(), map(float, _pagerank(matrix))))


def _ranked(scores: dict[str, float], n: int) -> list[tuple[str, float]]:
    """The ``n`` best (term, score rounded to 6 places), ties broken by term."""
    ranked = sorted(scores.items(), key=lambda kv: (-round(kv[1], 12), kv[0]))[:n]
    return [(t, round(s, 6)) for t, s in ranked]


def textrank(terms: Sequence[str], window: int = TEXTRANK_WINDOW, n: int = 10) -> pd.DataFrame:
    """TextRank keywords of one term sequence: PageRank on the co-occurrence graph.

    Terms co-occurring within ``window`` positions are linked, weighted by how often
    (Mihalcea & Tarau 2004, as in jieba's TextRank, but on our tokens and stopwords).
    """
    scores = _textrank_scores(terms, window)
    if not scores:
        return pd.DataFrame(columns=["term", "score"])
    return pd.DataFrame(_ranked(scores, n), columns=["term", "score"])


def textrank_keywords(tokens: pd.DataFrame, n: int = 10,
                      window: int = TEXTRANK_WINDOW) -> pd.DataFrame:
    """TextRank keywords per document (windows do not cross paragraphs)."""
    terms = terms_only(tokens, ["doc_id", "para_id"])
    rows = []
    # one document at a time: only its terms are held as Python strings
    for doc_id, positions in sorted(terms.groupby("doc_id", sort=False).indices.items()):
        in_doc = terms.iloc[positions]
        paragraphs: dict[str, list[str]] = defaultdict(list)
        for para_id, term in zip(in_doc["para_id"].tolist(), in_doc["term"].tolist()):
            paragraphs[para_id].append(term)
        graph_terms = [term for para in paragraphs.values()
                       for term in para + [""] * window]  # padding: no cross-paragraph links
        ranked = _ranked(_textrank_scores(graph_terms, window), n + 1)
        ranked = [(t, s) for t, s in ranked if t != ""]
        rows.extend((doc_id, rank, t, s) for rank, (t, s) in enumerate(ranked[:n], start=1))
    if not rows:  # no links anywhere: typed as the empty tables of textrank() would give
        return pd.DataFrame({"doc_id": pd.Series(dtype="str"), "rank": pd.Series(dtype="int64"),
                             "term": pd.Series(dtype=object), "score": pd.Series(dtype=object)})
    return pd.DataFrame(rows, columns=["doc_id", "rank", "term", "score"])


# ---------------------------------------------------------------- token, string and grouped counts

#: Longer words listed by name in a row of :func:`count_kinds` (the rest are counted).
LONGER_WORDS_SHOWN = 4


def string_count(paragraphs: pd.DataFrame, string: str) -> int:
    """Occurrences of the character string in the paragraphs' clean text, inside longer words too."""
    return int(sum(text.count(string) for text in paragraphs["text"]))


def token_count(tokens: pd.DataFrame, term: str) -> int:
    """Occurrences of ``term`` as a segmented word of its own."""
    return int((tokens["token"] == term).sum())


def token_frequencies(tokens: pd.DataFrame) -> dict[str, int]:
    """Occurrences of each distinct token (counted by Arrow, not by iterating the column)."""
    counts = tokens["token"].value_counts(sort=False)
    return dict(zip(counts.index.tolist(), counts.tolist()))


def longer_words(tokens: pd.DataFrame, string: str, frequencies: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Tokens longer than ``string`` that contain it (term, freq: occurrences of ``string``
    inside them), most frequent first; ``frequencies`` (:func:`token_frequencies` of ``tokens``)
    saves counting them again."""
    counts: Counter = Counter()
    for token, n in (frequencies or token_frequencies(tokens)).items():
        if token != string and string in token:
            counts[token] = n * token.count(string)
    return _sorted_counts(counts)


def grouped_count(tokens: pd.DataFrame, string: str) -> int:
    """Token count of ``string`` plus its occurrences inside longer tokens (compounds and names)."""
    return token_count(tokens, string) + int(longer_words(tokens, string)["freq"].sum())


def count_kinds(paragraphs: pd.DataFrame, tokens: pd.DataFrame, terms: Sequence[str],
                shown: int = LONGER_WORDS_SHOWN) -> pd.DataFrame:
    """Token, grouped and string counts of each of ``terms``, and the longer words behind the gap.

    ``tokens`` must be the token table of ``paragraphs``. Columns: term, tokens (as a word of
    its own), in_longer_words, grouped (the two together), across_boundaries (string
    occurrences that straddle a word boundary, as 上下 in 立场上 / 下功夫), string, and
    longer_words (the ``shown`` most frequent, with counts, then how many more).
    """
    rows = []
    frequencies = token_frequencies(tokens)
    for term in terms:
        longer = longer_words(tokens, term, frequencies)
        n_tokens, n_longer = frequencies.get(term, 0), int(longer["freq"].sum())
        n_string = string_count(paragraphs, term)
        listed = [f"{word} {freq}" for word, freq in zip(longer["term"], longer["freq"])]
        if len(listed) > shown:
            listed = listed[:shown] + [f"+{len(listed) - shown} more"]
        rows.append((term, n_tokens, n_longer, n_tokens + n_longer,
                     n_string - n_tokens - n_longer, n_string, "、".join(listed)))
    return pd.DataFrame(rows, columns=["term", "tokens", "in_longer_words", "grouped",
                                       "across_boundaries", "string", "longer_words"])


#: Phrases of the central leadership with the month (YYYY-MM) they were first used in public:
#: a document written earlier cannot contain them, so their absence there is chronology.
#: 新质生产力 (new quality productive forces): Xi Jinping in Heilongjiang, 7 September 2023.
COINED = {"新质生产力": "2023-09"}


def dated_before(documents: pd.DataFrame, month: str) -> list[str]:
    """IDs (sorted) of the documents certainly dated before ``month`` (YYYY-MM).

    A date known only to the year counts from its last month, so a document of "2023" is not
    before 2023-09; undated documents are left out.
    """
    before = []
    for doc_id, date in zip(documents["doc_id"], documents["date"].fillna("")):
        latest = f"{date}-12" if len(date) == 4 else date[:7]
        if len(latest) == 7 and latest < month:
            before.append(doc_id)
    return sorted(before)


# ---------------------------------------------------------------- concordance and collocations

def kwic(paragraphs: pd.DataFrame, pattern: str, width: int = 18, regex: bool = False) -> pd.DataFrame:
    """Keyword in context on the clean text: para_id, left, node, right (``width`` characters)."""
    expression = re.compile(pattern if regex else re.escape(pattern))
    rows = []
    for para_id, text in zip(paragraphs["para_id"], paragraphs["text"]):
        for match in expression.finditer(text):
            left = text[max(0, match.start() - width):match.start()]
            right = text[match.end():match.end() + width]
            rows.append((para_id, left, match.group(0), right))
    return pd.DataFrame(rows, columns=["para_id", "left", "node", "right"])


def _node_occurrences(tokens: list[str], node: list[str]) -> list[tuple[int, int]]:
    k = len(node)
    if not k:
        return [(i, i) for i in range(len(tokens) + 1)]
    hits, i = [], -1
    while True:
        try:
            i = tokens.index(node[0], i + 1)
        except ValueError:
            return hits
        if tokens[i:i + k] == node:
            hits.append((i, i + k))


def _windows(paragraphs: list[tuple[list, ...]], node_tokens: list[str],
             window: int) -> tuple[Counter, int, int]:
    """:func:`collocation_windows` on the (tokens, is_term) lists of each paragraph."""
    counts: Counter = Counter()
    span = n_node = 0
    for words, is_term in paragraphs:
        hits = _node_occurrences(words, node_tokens)
        if not hits:
            continue
        n_node += len(hits)
        inside_node = {i for a, b in hits for i in range(a, b)}
        free_terms = [i for i, flag in enumerate(is_term) if flag and i not in inside_node]
        chosen: set[int] = set()
        for a, b in hits:
            chosen.update(free_terms[:bisect_left(free_terms, a)][-window:])
            chosen.update(free_terms[bisect_left(free_terms, b):][:window])
        span += len(chosen)
        counts.update(words[i] for i in chosen)
    return counts, span, n_node


def collocation_windows(tokens: pd.DataFrame, node: str,
                        window: int = COLLOCATION_WINDOW) -> tuple[Counter, int, int]:
    """Terms within ``window`` content terms left and right of each occurrence of ``node``.

    ``node`` is cut with the project's tokenizer and matched as a token sequence, so a phrase
    such as 向深圳学习 works. Windows stay inside a paragraph, skip non-terms and count each
    token position once. Returns (collocate counts, window size in tokens, node frequency).
    """
    return _windows(_paragraph_groups(tokens, ["token", "is_term"]), segment.cut(node), window)


def log_likelihood(o11: float, o12: float, o21: float, o22: float) -> float:
    """Dunning's G² for a 2×2 contingency table of observed counts."""
    n = o11 + o12 + o21 + o22
    total = 0.0
    for observed, row, col in ((o11, o11 + o12, o11 + o21), (o12, o11 + o12, o12 + o22),
                               (o21, o21 + o22, o11 + o21), (o22, o21 + o22, o12 + o22)):
        expected = row * col / n
        if observed > 0:
            total += observed * math.log(observed / expected)
    return 2 * total


def collocations(tokens: pd.DataFrame, node: str, window: int = COLLOCATION_WINDOW,
                 min_freq: int = COLLOCATION_MIN_FREQ) -> pd.DataFrame:
    """Collocates of ``node``: co-occurrence count, log-likelihood and PMI.

    For collocate c: O11 = occurrences of c in the node's windows, S = window tokens,
    f(c) its corpus frequency and N the corpus size in terms. Expected E11 = f(c)·S/N;
    PMI = log2(O11/E11); G² from the table (O11, S−O11, f(c)−O11, N−S−f(c)+O11).
    Only collocates with O11 >= ``min_freq`` are listed (PMI favours rare pairs otherwise).
    """
    return _collocations(_paragraph_groups(tokens, ["token", "is_term"]), term_counts(tokens), node, window, min_freq)


def term_counts(tokens: pd.DataFrame) -> Counter:
    """Occurrences of each content term (counted by Arrow, not by iterating the column)."""
    return Counter(token_frequencies(tokens[tokens["is_term"]]))


def _collocations(paragraphs: list[tuple[list, ...]], corpus: Counter, node: str, window: int,
                  min_freq: int) -> pd.DataFrame:
    """:func:`collocations` from the paragraphs' (tokens, is_term) lists and the term counts."""
    counts, span, n_node = _windows(paragraphs, segment.cut(node), window)
    n = sum(corpus.values())
    node_terms = set(segment.cut(node))
    rows = []
    for term, o11 in counts.items():
        if o11 < min_freq or term in node_terms:
            continue
        f = corpus[term]
        expected = f * span / n
        rows.append((node, term, o11, f, round(expected, 4),
                     round(log_likelihood(o11, span - o11, f - o11, n - span - f + o11), 4),
                     round(math.log2(o11 / expected), 4)))
    frame = pd.DataFrame(rows, columns=["node", "collocate", "o11", "collocate_freq", "expected",
                                        "log_likelihood", "pmi"])
    frame.attrs.update(node_freq=n_node, window_tokens=span, corpus_terms=n)
    return frame.sort_values(["log_likelihood", "collocate"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------- keyness

def keyness(target: Counter, reference: Counter, min_freq: int = KEYNESS_MIN_FREQ) -> pd.DataFrame:
    """Log-likelihood (Dunning 1993) and log ratio (Hardie 2014) of target vs reference.

    Positive log ratio: relatively more frequent in the target. A zero frequency is replaced by
    :data:`ZERO_FREQUENCY` in the log ratio only. Terms with a combined frequency below
    ``min_freq`` are left out.
    Sorted by log-likelihood, strongest first.
    """
    c, d = sum(target.values()), sum(reference.values())
    rows = []
    # Keyness needs both subcorpora; a corpus without a reference gives an empty table.
    for term in sorted(set(target) | set(reference)) if c and d else []:
        a, b = target.get(term, 0), reference.get(term, 0)
        if a + b < min_freq:
            continue
        ll = log_likelihood(a, b, c - a, d - b)
        ratio = math.log2((max(a, ZERO_FREQUENCY) / c) / (max(b, ZERO_FREQUENCY) / d))
        rows.append((term, a, b, round(1e6 * a / c, 1), round(1e6 * b / d, 1), round(ll, 4),
                     round(ratio, 4)))
    frame = pd.DataFrame(rows, columns=["term", "freq_target", "freq_reference", "pmw_target",
                                        "pmw_reference", "log_likelihood", "log_ratio"])
    return frame.sort_values(["log_likelihood", "term"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)


def subcorpus_counts(tokens: pd.DataFrame, doc_ids: Sequence[str]) -> Counter:
    """Term counts of the documents ``doc_ids``."""
    terms = terms_only(tokens, ["doc_id"])
    return Counter(terms[terms["doc_id"].isin(list(doc_ids))]["term"].tolist())


def split_by_date(documents: pd.DataFrame, doc_ids: Sequence[str]) -> tuple[list[str], list[str]]:
    """``doc_ids`` split into the earlier and the later half by date (earlier half smaller if odd)."""
    dated = documents[documents["doc_id"].isin(list(doc_ids))].sort_values(["date", "doc_id"])
    ordered = list(dated["doc_id"])
    half = len(ordered) // 2
    return ordered[:half], ordered[half:]


# ---------------------------------------------------------------- co-occurrence network

def cooccurrence_graph(tokens: pd.DataFrame, top_n: int = NETWORK_TOP_N,
                       min_count: int = NETWORK_MIN_PARAGRAPHS,
                       max_edges: int = NETWORK_MAX_EDGES) -> nx.Graph:
    """Co-occurrence network of the ``top_n`` most frequent terms (in the manner of KH Coder).

    Two terms co-occur when they appear in the same paragraph. Pairs seen in at least
    ``min_count`` paragraphs are scored with the Jaccard coefficient (paragraphs with both /
    paragraphs with either) and the ``max_edges`` strongest are kept; terms left without an
    edge are dropped. Node attribute ``freq``; edge attributes ``jaccard`` and ``count``.
    """
    freq = term_frequencies(tokens).head(top_n)
    keep = set(freq["term"])
    terms = terms_only(tokens, ["para_id"])
    terms = terms[terms["term"].isin(keep)]  # only the kept terms become Python strings
    paragraphs_with: dict[str, set[str]] = {}
    for para_id, term in zip(terms["para_id"].tolist(), terms["term"].tolist()):
        paragraphs_with.setdefault(term, set()).add(para_id)
    scored = []
    for u, v in combinations(sorted(keep), 2):
        both = len(paragraphs_with[u] & paragraphs_with[v])
        if both >= min_count:
            jaccard = both / len(paragraphs_with[u] | paragraphs_with[v])
            scored.append((-round(jaccard, 12), u, v, both, jaccard))
    graph = nx.Graph()
    for _, u, v, both, jaccard in sorted(scored)[:max_edges]:
        graph.add_edge(u, v, jaccard=round(jaccard, 6), count=both)
    sizes = dict(zip(freq["term"], freq["freq"]))
    nx.set_node_attributes(graph, {n: int(sizes[n]) for n in graph.nodes}, "freq")
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes(data=True)))
    ordered.add_edges_from(sorted(graph.edges(data=True)))
    return ordered


def graph_edges(graph: nx.Graph) -> pd.DataFrame:
    """The edges of a term network as a table, strongest first."""
    rows = [(u, v, d["count"], d["jaccard"]) for u, v, d in graph.edges(data=True)]
    frame = pd.DataFrame(rows, columns=["term_a", "term_b", "paragraphs", "jaccard"])
    return frame.sort_values(["jaccard", "term_a", "term_b"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)


def network_centrality(graph: nx.Graph) -> pd.DataFrame:
    """Per term of a term network: degree, strength (summed Jaccard) and betweenness
    (unweighted, normalised), sorted by degree, then betweenness, then term."""
    betweenness = nx.betweenness_centrality(graph)
    rows = [(term, graph.degree(term), round(graph.degree(term, weight="jaccard"), 6),
             round(betweenness[term], 6)) for term in graph.nodes]
    frame = pd.DataFrame(rows, columns=["term", "degree", "strength", "betweenness"])
    return frame.sort_values(["degree", "betweenness", "term"], ascending=[False, False, True],
                             kind="stable").reset_index(drop=True)


def degrees_by_threshold(tokens: pd.DataFrame,
                         max_edges: Sequence[int] = NETWORK_MAX_EDGES_VARIANTS) -> pd.DataFrame:
    """Degree of each term in the networks keeping ``max_edges`` links (0: not in the network);
    one column per value, rows are the ``NETWORK_TOP_N`` most frequent terms."""
    terms = term_frequencies(tokens).head(NETWORK_TOP_N)["term"]
    columns = {}
    for limit in max_edges:
        graph = cooccurrence_graph(tokens, max_edges=limit)
        columns[limit] = [graph.degree(t) if t in graph else 0 for t in terms]
    frame = pd.DataFrame(columns, index=pd.Index(terms, name="term"))
    frame.columns.name = "max_edges"
    return frame


# ---------------------------------------------------------------- export

#: Tables of :func:`term_tables`, in order.
TABLES = ("dictionary_candidates", "term_frequencies", "tfidf_keywords", "textrank_keywords",
          "collocations", "keyness_zhongshan_vs_chenzhou", "keyness_later_vs_earlier",
          "term_network_edges")


def term_tables(paragraphs: pd.DataFrame, documents: pd.DataFrame, tokens: pd.DataFrame | None = None,
                collocation_nodes: Sequence[str] = ("向深圳学习", "深中通道", "人才")) -> dict[str, pd.DataFrame]:
    """The chapter's term tables from the analysable paragraphs (sorted, deterministic)."""
    tokens = token_table(paragraphs) if tokens is None else tokens
    zhongshan, chenzhou = zhongshan_and_reference(documents)
    earlier, later = split_by_date(documents, zhongshan)
    candidates = segment.dictionary_candidates(paragraphs["text"].tolist())
    dictionary = {w for w, _, _ in segment.read_user_dictionary(segment.domain_dictionary_path())}
    candidates["in_dictionary"] = candidates["ngram"].isin(dictionary)
    # collocation windows lie in paragraphs holding a node: only those are grouped as lists
    first_tokens = {cut[0] for cut in map(segment.cut, collocation_nodes) if cut}
    node_paragraphs = tokens.loc[tokens["token"].isin(first_tokens), "para_id"].unique()
    paragraphs_tokens = _paragraph_groups(tokens[tokens["para_id"].isin(node_paragraphs)], ["token", "is_term"])
    corpus = term_counts(tokens)
    tables = {
        "dictionary_candidates": candidates,
        "term_frequencies": term_frequencies(tokens),
        "tfidf_keywords": tfidf_keywords(tokens),
        "textrank_keywords": textrank_keywords(tokens),
        "collocations": pd.concat([_collocations(paragraphs_tokens, corpus, node, COLLOCATION_WINDOW,
                                                 COLLOCATION_MIN_FREQ) for node in collocation_nodes],
                                  ignore_index=True),
        "keyness_zhongshan_vs_chenzhou": keyness(subcorpus_counts(tokens, zhongshan),
                                                 subcorpus_counts(tokens, chenzhou)),
        "keyness_later_vs_earlier": keyness(subcorpus_counts(tokens, later),
                                            subcorpus_counts(tokens, earlier)),
        "term_network_edges": graph_edges(cooccurrence_graph(tokens)),
    }
    return tables


#: Documents about Chenzhou learning from Guangzhou (the reference subcorpus).
CHENZHOU_MARKER = "郴州"


def zhongshan_and_reference(documents: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Doc IDs of the Zhongshan articles and of the Chenzhou article(s), by title."""
    ok = documents[documents["status"] == "ok"] if "status" in documents else documents
    is_chenzhou = ok["title"].str.contains(CHENZHOU_MARKER)
    return sorted(ok.loc[~is_chenzhou, "doc_id"]), sorted(ok.loc[is_chenzhou, "doc_id"])
