"""Near-duplicate detection (重复/近似信息识别).

* :func:`fingerprint` – a 64-bit SimHash over weighted segmented words, small
  enough to store next to a submission; compare two with :func:`hamming`.
* :func:`similarity` – exact Jaccard similarity of character-bigram shingles.
* :class:`NearDupIndex` – MinHash (one-permutation hashing with optimal
  densification) and LSH banding, so a query touches only bucket-mates; the
  candidates are then scored exactly.
* :func:`cluster` – group similar short texts (e.g. one fire reported by 119 and 110).
"""
from __future__ import annotations

import hashlib
import random
import re
from array import array
from collections import Counter
from collections.abc import Hashable, Iterable
from functools import lru_cache
from itertools import pairwise
from typing import Generic, TypeVar

from .segment import words

K = TypeVar("K", bound=Hashable)

_M64 = (1 << 64) - 1
_KEEP = re.compile(r"[\w]+")


def _normalize(text: str) -> str:
    """Lower-case letters, digits and CJK characters only (no punctuation or spaces)."""
    return "".join(_KEEP.findall(text.lower())).replace("_", "")


def _mix(x: int) -> int:
    """splitmix64 finaliser: a well-spread 64-bit hash of an integer."""
    x = (x + 0x9E3779B97F4A7C15) & _M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _M64
    return x ^ (x >> 31)


def shingles(text: str) -> set[int]:
    """Character bigrams of the normalised text, each encoded exactly as an int."""
    s = _normalize(text)
    if len(s) < 2:
        return {ord(c) for c in s}
    return {(ord(a) << 21) | ord(b) for a, b in pairwise(s)}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity (相似度) of the two texts' bigram shingles, 0..1."""
    sa, sb = shingles(a), shingles(b)
    if not sa and not sb:
        return 1.0
    inter = len(sa & sb)
    return inter / (len(sa) + len(sb) - inter)


def fingerprint(text: str) -> int:
    """64-bit SimHash (指纹) over segmented words weighted by count × length."""
    weights: Counter[str] = Counter()
    for w in words(text.lower()):
        weights[w] += min(len(w), 4)
    acc = [0] * 64
    for w, wt in weights.items():
        h = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8).digest(), "big")
        for bit in range(64):
            acc[bit] += wt if h >> bit & 1 else -wt
    return sum(1 << bit for bit in range(64) if acc[bit] > 0)


def hamming(fa: int, fb: int) -> int:
    """Number of differing bits between two fingerprints (0 = same, ≤ 3 ≈ near-duplicate)."""
    return (fa ^ fb).bit_count()


def lsh_shape(threshold: float, num_perm: int, target_recall: float = 0.95) -> tuple[int, int]:
    """(bands, rows): the most selective banding that still catches a pair at
    ``threshold`` with probability ≥ ``target_recall``."""
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= target_recall:
            best = (bands, rows)
    return best


class NearDupIndex(Generic[K]):
    """MinHash-LSH index over bigram shingles with exact re-scoring.

    ``threshold`` shapes the LSH bands; querying far below it loses recall.
    """

    def __init__(self, threshold: float = 0.6, num_perm: int = 128) -> None:
        if not 0 < threshold <= 1:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands, self.rows = lsh_shape(threshold, num_perm)
        self._bin_shift = 64 - (num_perm - 1).bit_length()
        self._probes = _probe_orders(num_perm)
        self._keys: list[K] = []
        self._shingles: list[array[int]] = []
        self._buckets: dict[int, int | list[int]] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: K, text: str) -> None:
        """Index ``text`` under ``key`` (keys need not be unique)."""
        doc = len(self._keys)
        hashed = self._hashed(text)
        self._keys.append(key)
        self._shingles.append(array("Q", sorted(hashed)))
        for band_key in self._band_keys(hashed):
            slot = self._buckets.get(band_key)
            if slot is None:
                self._buckets[band_key] = doc
            elif isinstance(slot, list):
                slot.append(doc)
            else:
                self._buckets[band_key] = [slot, doc]

    def query(self, text: str, threshold: float | None = None) -> list[tuple[K, float]]:
        """Indexed items with similarity ≥ threshold, best first."""
        limit = self.threshold if threshold is None else threshold
        hashed = self._hashed(text)
        out = []
        for doc in self._candidates(hashed):
            stored = self._shingles[doc]
            inter = len(hashed.intersection(stored))
            union = len(hashed) + len(stored) - inter
            score = inter / union if union else 1.0
            if score >= limit:
                out.append((doc, score))
        out.sort(key=lambda p: (-p[1], p[0]))
        return [(self._keys[doc], score) for doc, score in out]

    def _hashed(self, text: str) -> set[int]:
        return {_mix(s) for s in shingles(text)}

    def _candidates(self, hashed: set[int]) -> set[int]:
        found: set[int] = set()
        for band_key in self._band_keys(hashed):
            slot = self._buckets.get(band_key)
            if isinstance(slot, list):
                found.update(slot)
            elif slot is not None:
                found.add(slot)
        return found

    def _band_keys(self, hashed: set[int]) -> list[int]:
        sig = self._signature(hashed)
        r = self.rows
        return [hash((b, *sig[b * r : b * r + r])) for b in range(self.bands)]

    def _signature(self, hashed: set[int]) -> list[int]:
        """One-permutation MinHash: bin by the top bits, keep each bin's minimum."""
        k, shift = self.num_perm, self._bin_shift
        low = (1 << shift) - 1
        sig = [-1] * k
        for h in hashed:
            b, v = (h >> shift) % k, h & low
            if sig[b] < 0 or v < sig[b]:
                sig[b] = v
        return self._densify(sig)

    def _densify(self, sig: list[int]) -> list[int]:
        """Optimal densification: an empty bin borrows the value of the first
        filled bin in its own fixed random probe order (Shrivastava 2017)."""
        if all(v < 0 for v in sig):
            return [0] * len(sig)
        return [v if v >= 0 else next(sig[j] for j in probe if sig[j] >= 0)
                for v, probe in zip(sig, self._probes, strict=True)]


@lru_cache(maxsize=8)
def _probe_orders(k: int) -> tuple[tuple[int, ...], ...]:
    """For each bin, a fixed pseudo-random order of the other bins to borrow from."""
    rng = random.Random(k)
    orders = []
    for i in range(k):
        others = [j for j in range(k) if j != i]
        rng.shuffle(others)
        orders.append(tuple(others))
    return tuple(orders)


def cluster(items: Iterable[tuple[K, str]], threshold: float = 0.3) -> list[list[K]]:
    """Group texts whose similarity reaches ``threshold`` (single linkage), in input order.

    The low default suits short intakes worded differently by 110/119/120.
    """
    index: NearDupIndex[int] = NearDupIndex(threshold)
    keys: list[K] = []
    parent: list[int] = []
    for i, (key, text) in enumerate(items):
        keys.append(key)
        parent.append(i)
        for j, _ in index.query(text, threshold):
            parent[_root(parent, j)] = _root(parent, i)
        index.add(i, text)
    groups: dict[int, list[K]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(_root(parent, i), []).append(key)
    return list(groups.values())


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i
