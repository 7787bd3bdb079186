"""Duplicates and near-duplicates: the same clean text, or most of its 5-character shingles
shared with a document already kept."""
from __future__ import annotations

import hashlib
import math
import zlib
from collections import defaultdict
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

#: Share of 5-character shingles above which a document counts as a near-duplicate.
NEAR_DUPLICATE_THRESHOLD = 0.8
#: MinHash permutations of the near-duplicate index.
MINHASH_PERMUTATIONS = 128
_MINHASH = {"num_perm": MINHASH_PERMUTATIONS, "seed": 1, "scheme": "affine32"}


def shingles(text: str, size: int = 5) -> frozenset[str]:
    """The set of overlapping ``size``-character pieces of ``text``."""
    return frozenset(text[i:i + size] for i in range(max(len(text) - size + 1, 1)))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two sets (0 for two empty sets)."""
    return len(a & b) / len(a | b) if a or b else 0.0


def prefix_length(size: int, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> int:
    """How many of a set's first elements (in one global order) must be indexed so that any
    set at or above Jaccard ``threshold`` with it shares at least one of them (prefix
    filtering, Chaudhuri et al. 2006; floor instead of ceil: one extra element at worst,
    never one too few through rounding)."""
    return size - math.floor(threshold * size) + 1


def _shingle_order(shingle: str) -> int:
    return zlib.crc32(shingle.encode("utf-8"))


class DuplicateFilter:
    """Remembers the documents kept so far and marks a new one that repeats one of them:
    the same clean text (``duplicate``) or a near-duplicate (``near_duplicate``: Jaccard
    similarity of 5-character shingles of at least :data:`NEAR_DUPLICATE_THRESHOLD`).

    Exact, without comparing every pair: the first shingles of each kept document (in a fixed
    hash order, :func:`prefix_length` of them) are indexed, and a new document is compared only
    with the kept ones that share one of its own first shingles. ``sketch``, ``similar`` and
    ``remember`` may be replaced by a subclass (see :class:`MinHashDuplicateFilter`, which
    the pipeline uses: linear in documents, with bounded memory).
    """

    def __init__(self) -> None:
        self._by_text: dict[str, str] = {}
        self._shingles: dict[str, frozenset[str]] = {}
        self._by_prefix: dict[str, list[int]] = defaultdict(list)
        self._kept: list[str] = []

    @staticmethod
    def sketch(body: str):
        """What is kept of a document's text to compare it with later ones."""
        return shingles(body)

    @staticmethod
    def _prefix(sketch: frozenset[str]) -> list[str]:
        return sorted(sketch, key=lambda s: (_shingle_order(s), s))[:prefix_length(len(sketch))]

    def similar(self, sketch) -> tuple[str, float] | None:
        """The earliest kept document at or above the threshold, with its similarity."""
        candidates = sorted({k for shingle in self._prefix(sketch) for k in self._by_prefix.get(shingle, ())})
        for k in candidates:
            doc_id = self._kept[k]
            if (score := jaccard(sketch, self._shingles[doc_id])) >= NEAR_DUPLICATE_THRESHOLD:
                return doc_id, score
        return None

    def remember(self, doc_id: str, sketch) -> None:
        self._shingles[doc_id] = sketch
        for shingle in self._prefix(sketch):
            self._by_prefix[shingle].append(len(self._kept))
        self._kept.append(doc_id)

    def keep(self, row: dict, texts: list[str], sketch=None) -> bool:
        """True for a new document (remembered); else mark ``row`` as a duplicate, False.
        ``texts`` are its paragraphs' clean texts; ``sketch`` may be given if computed
        elsewhere (e.g. in a worker process)."""
        fingerprint = hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()
        if fingerprint in self._by_text:
            original = self._by_text[fingerprint]
            row.update(status="duplicate", duplicate_of=original,
                       message=f"{row['file_name']}: same text as document {original}; not counted")
            return False
        if sketch is None:
            sketch = self.sketch("".join(texts))
        similar = self.similar(sketch)
        if similar:
            row.update(status="near_duplicate", duplicate_of=similar[0],
                       message=f"{row['file_name']}: {similar[1]:.0%} of its 5-character shingles shared with "
                               f"document {similar[0]}; not counted")
            return False
        self._by_text[fingerprint] = row["doc_id"]
        self.remember(row["doc_id"], sketch)
        return True


def shingle_hashes(text: str, size: int = 5) -> np.ndarray:
    """32-bit hashes of the ``size``-character shingles of ``text`` (as in
    :func:`shingles`; a repeated shingle repeats its hash), the same in
    every process."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = max(len(codes) - size + 1, 1)
    hashes = np.zeros(n, dtype=np.uint64)
    for offset in range(min(size, len(codes))):
        hashes = hashes * np.uint64(1_000_003) + codes[offset:offset + n]
    return hashes & np.uint64(0xFFFFFFFF)


class MinHashDuplicateFilter(DuplicateFilter):
    """Near-duplicates found with MinHash LSH (datasketch) instead of comparing every pair.

    The Jaccard similarity is estimated from :data:`MINHASH_PERMUTATIONS` hashes (standard
    error about 0.035 at the 0.8 threshold), so a pair very close to the threshold may be
    judged differently from the exact comparison of :class:`DuplicateFilter`. Time grows
    linearly with the documents and memory by about a kilobyte per kept document, where the
    exact filter can compare every pair when documents share many shingles (recombined or
    boilerplate-heavy collections). The pipeline uses this filter.
    """

    def __init__(self) -> None:
        super().__init__()
        self._index = MinHashLSH(threshold=NEAR_DUPLICATE_THRESHOLD, num_perm=MINHASH_PERMUTATIONS)
        self._kept: dict[str, tuple[int, object]] = {}

    @staticmethod
    def sketch(body: str) -> np.ndarray:
        """MinHash signature of the shingles of ``body`` (computed in the workers)."""
        minhash = MinHash(**_MINHASH, hashfunc=int, permutations=_minhash_permutations())
        minhash.update_batch(shingle_hashes(body).tolist())
        return minhash.hashvalues

    def similar(self, sketch) -> tuple[str, float] | None:
        minhash = _lean_minhash(sketch)
        candidates = sorted((self._kept[key][0], key) for key in self._index.query(minhash))
        for _, doc_id in candidates:
            score = minhash.jaccard(self._kept[doc_id][1])
            if score >= NEAR_DUPLICATE_THRESHOLD:
                return doc_id, score
        return None

    def remember(self, doc_id: str, sketch) -> None:
        minhash = _lean_minhash(sketch)
        self._kept[doc_id] = (len(self._kept), minhash)
        self._index.insert(doc_id, minhash)


@lru_cache(maxsize=1)
def _minhash_permutations() -> np.ndarray:
    return MinHash(**_MINHASH).permutations


def _lean_minhash(hashvalues: np.ndarray):
    return LeanMinHash(seed=_MINHASH["seed"], hashvalues=hashvalues, scheme=_MINHASH["scheme"])
