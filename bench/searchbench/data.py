"""Reading the shared data at run time (never copied into the repository)."""

import json
import random
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .variants import strip_diacritics


@dataclass(frozen=True)
class SetSpec:
    label: str
    folder: str
    queries: str = "queries.jsonl"
    qrels: str = "qrels/test.tsv"


SETS: dict[str, SetSpec] = {
    "alqac2022": SetSpec("ALQAC 2022", "DucLong06__ALQAC2023/derived_beir_alqac2022"),
    "alqac2023": SetSpec("ALQAC 2023", "DucLong06__ALQAC2023/derived_beir_alqac2023"),
    "viquad_dev": SetSpec("ViQuAD dev", "huyenxam__QA-CRF1/derived_beir_viquad_dev"),
    "viquad_test": SetSpec("ViQuAD test", "huyenxam__QA-CRF1/derived_beir_viquad_test"),
    "vicov19qa_test": SetSpec(
        "ViCoV19QA test", "triet2397__UIT-ViCoV19QA/derived_beir_q2answer", "queries_test.jsonl", "qrels/test.tsv"
    ),
    "24h_tags": SetSpec("24h tags", "leduchuy20__crawl_news/derived_tag_queries_24h"),
}

BAOMOI = "magizbox__scraper/baomoi_vn_news_sample20k.jsonl"


@dataclass
class BeirSet:
    name: str
    label: str
    docs: list[tuple[str, str, str]]  # (_id, title, text)
    queries: dict[str, str]  # only the queries with at least one relevant document
    qrels: dict[str, dict[str, float]] = field(default_factory=dict)


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def read_qrels(path: Path) -> dict[str, dict[str, float]]:
    """query-id -> {corpus-id: score}; a header line (non-numeric score) is skipped."""
    qrels: dict[str, dict[str, float]] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            try:
                score = float(parts[2])
            except ValueError:
                continue  # header
            qrels.setdefault(parts[0], {})[parts[1]] = score
    return qrels


def load_set(data_dir: Path, name: str) -> BeirSet:
    spec = SETS[name]
    folder = data_dir / spec.folder
    docs = [(d["_id"], d.get("title") or "", d.get("text") or "") for d in _jsonl(folder / "corpus.jsonl")]
    doc_ids = {d[0] for d in docs}
    qrels = {
        qid: {doc: score for doc, score in judged.items() if doc in doc_ids}
        for qid, judged in read_qrels(folder / spec.qrels).items()
    }
    queries = {
        q["_id"]: q["text"]
        for q in _jsonl(folder / spec.queries)
        if any(score > 0 for score in qrels.get(q["_id"], {}).values())
    }
    return BeirSet(name, spec.label, docs, queries, {qid: qrels[qid] for qid in queries})


def sample_queries(beir: BeirSet, limit: int, seed: int = 7) -> None:
    """Keep a seeded sample of at most `limit` queries (for --quick)."""
    if limit and len(beir.queries) > limit:
        keep = set(random.Random(seed).sample(sorted(beir.queries), limit))
        beir.queries = {qid: text for qid, text in beir.queries.items() if qid in keep}
        beir.qrels = {qid: beir.qrels[qid] for qid in beir.queries}


# --- the baomoi speed corpus -----------------------------------------------------------------


def load_baomoi(data_dir: Path) -> list[tuple[str, str, str]]:
    """(id, title, sapo + body) of the 20,000 baomoi articles, in file order."""
    articles = []
    for art in _jsonl(data_dir / BAOMOI):
        text = "\n\n".join(part for part in (art.get("sapo") or "", art.get("body") or "") if part)
        articles.append((str(art["id"]), art.get("title") or "", text))
    return articles


def resample(articles: list[tuple[str, str, str]], n: int) -> Iterator[tuple[str, str, str]]:
    """n documents: the corpus repeated as often as needed, each copy under distinct keys."""
    for i in range(n):
        art_id, title, text = articles[i % len(articles)]
        yield f"baomoi:{art_id}:{i // len(articles)}", title, text


ABBREVIATIONS = ("CCHC", "TTHC", "UBND", "KH&CN", "HĐND")
_DOC_NUMBER = re.compile(r"\b\d{1,5}/(?:(?:19|20)\d\d/)?[A-ZĐ]{1,5}(?:-[A-ZĐ][A-Za-zĐ]{0,7}){1,2}\b")
_SYNTHETIC_NUMBERS = ("{n}/KH-UBND", "{n}/{y}/QĐ-TTg", "{n}/{y}/NĐ-CP", "{n}/QĐ-UBND", "{n}/{y}/TT-BTC")
_PUNCT = string.punctuation + "“”‘’…«»–—"


def document_numbers(articles: list[tuple[str, str, str]]) -> list[str]:
    """Document numbers ("45/2016/QĐ-TTg") that occur in the corpus, sorted (so the run is deterministic)."""
    found: set[str] = set()
    for _, title, text in articles:
        if "/" in text or "/" in title:
            found.update(_DOC_NUMBER.findall(title + "\n" + text))
    return sorted(found)


def speed_queries(articles: list[tuple[str, str, str]], n: int, seed: int = 20240601) -> list[tuple[str, str]]:
    """n (kind, query) pairs: 1-6 consecutive title words (90%), agency abbreviations (~5%) and document
    numbers (~5%, half found in the corpus, half synthetic); every other query stripped of diacritics."""
    rng = random.Random(seed)
    titles = [words for _, title, _ in articles if (words := [w.strip(_PUNCT) for w in title.split()])]
    titles = [[w for w in words if w] for words in titles]
    titles = [words for words in titles if words]
    numbers = document_numbers(articles)

    def title_words(max_len: int) -> str:
        words = rng.choice(titles)
        length = min(rng.randint(1, max_len), len(words))
        start = rng.randint(0, len(words) - length)
        return " ".join(words[start : start + length])

    queries = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.05:
            kind, query = "abbreviation", rng.choice(ABBREVIATIONS)
            if rng.random() < 0.5:
                query += " " + title_words(2)
        elif roll < 0.10:
            kind = "document number"
            if numbers and rng.random() < 0.5:
                query = rng.choice(numbers)
            else:
                template = rng.choice(_SYNTHETIC_NUMBERS)
                query = template.format(n=rng.randint(1, 999), y=rng.randint(2005, 2017))
        else:
            kind, query = "title words", title_words(6)
        queries.append((kind, strip_diacritics(query) if i % 2 else query))
    return queries
