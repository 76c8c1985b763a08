"""Ranking metrics, pure Python: MRR@k and nDCG@k with graded relevance, and latency percentiles.

nDCG uses linear gains (gain = the qrels score) and log2 discounts, as trec_eval/pytrec_eval and BEIR
do; the ideal ranking is built from every judged document of the query, not only the retrieved ones.
Documents with a score <= 0 are not relevant.
"""

import math
from collections.abc import Iterable, Mapping, Sequence


def _top(ranked: Sequence[str], k: int) -> list[str]:
    """The first k distinct keys: an engine that repeats a document gets no credit twice."""
    seen: set[str] = set()
    top = []
    for key in ranked:
        if key not in seen:
            seen.add(key)
            top.append(key)
            if len(top) == k:
                break
    return top


def mrr_at_k(ranked: Sequence[str], qrels: Mapping[str, float], k: int = 10) -> float:
    """1 / rank of the first relevant document within the top k, else 0."""
    for rank, key in enumerate(_top(ranked, k), start=1):
        if qrels.get(key, 0) > 0:
            return 1.0 / rank
    return 0.0


def dcg(gains: Iterable[float]) -> float:
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg_at_k(ranked: Sequence[str], qrels: Mapping[str, float], k: int = 10) -> float:
    """DCG@k of the ranking over DCG@k of the ideal ranking of the judged documents."""
    ideal = dcg(sorted((g for g in qrels.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg(max(qrels.get(key, 0), 0) for key in _top(ranked, k)) / ideal


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of the values; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]
