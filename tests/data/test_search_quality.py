"""Search quality on a real relevance set (ALQAC 2023, human questions over Vietnamese law).

Optional: skips when ../shared/data is absent. It guards the figures bench/search.py reports: the
accented score at or above the best anchor measured for the issue (tantivy, .832), and queries
typed without diacritics at 95 % of it or better.
"""

import tempfile
from pathlib import Path

import pytest

from bench.searchbench import metrics
from bench.searchbench.data import load_set
from bench.searchbench.variants import strip_diacritics
from toasoan.search.engine import IndexDoc, SearchRequest
from toasoan.search.engine.tantivy_engine import TantivyEngine

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
pytestmark = [
    pytest.mark.data,
    pytest.mark.skipif(not DATA.exists(), reason="../shared/data is absent"),
]


def _ndcg(engine: TantivyEngine, queries: dict[str, str], qrels, transform=lambda q: q) -> float:
    scores = []
    for qid, text in queries.items():
        hits = engine.search(SearchRequest(query=transform(text), limit=10)).hits
        scores.append(metrics.ndcg_at_k([h.key for h in hits], qrels[qid], 10))
    return sum(scores) / len(scores)


def test_alqac_2023_quality_with_and_without_diacritics():
    beir = load_set(DATA, "alqac2023")
    engine = TantivyEngine(tempfile.mkdtemp())
    engine.upsert(IndexDoc(key=key, title=title, text=text) for key, title, text in beir.docs)
    engine.commit()
    accented = _ndcg(engine, beir.queries, beir.qrels)
    stripped = _ndcg(engine, beir.queries, beir.qrels, strip_diacritics)
    print(f"ALQAC 2023 nDCG@10: accented {accented:.3f}, stripped {stripped:.3f}")
    assert accented >= 0.832
    assert stripped >= 0.95 * accented
