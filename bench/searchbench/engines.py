"""The engines under test behind one small adapter: index(docs) once, then search(query, k) -> keys.

Anchors are deliberately plain (their tokenizers, OR of the query's words, BM25); "ours" is the
project's engine, used only through its public interface (toasoan/search/engine/base.py).
"""

import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import tantivy

REPO_ROOT = Path(__file__).resolve().parents[2]
Doc = tuple[str, str, str]  # key, title, text

_FTS_TOKEN = re.compile(r"\w+")
_TANTIVY_TOKEN = re.compile(r"[^\W_]+")  # tantivy's simple tokenizer splits on non-alphanumerics


def _unique(tokens: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(tokens))


def directory_size(path: Path) -> int:
    """Bytes of every file under path (apparent size)."""
    if path.is_file():
        return path.stat().st_size
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += (Path(root) / name).stat().st_size
            except OSError:
                pass  # a file merged away while walking
    return total


class Fts5:
    """SQLite FTS5 over title + text, contentless (keys kept by rowid), ranked by bm25()."""

    CREATE = {
        "unicode61": "CREATE VIRTUAL TABLE docs USING fts5(title, text, content='', tokenize='unicode61')",
        "unicode61 rd2": (
            "CREATE VIRTUAL TABLE docs USING fts5(title, text, content='', tokenize='unicode61 remove_diacritics 2')"
        ),
    }

    def __init__(self, directory: Path, tokenizer: str) -> None:
        self.path = directory / "fts5.sqlite3"
        self.db = sqlite3.connect(self.path)
        self.db.execute(self.CREATE[tokenizer])
        self.keys: list[str] = []

    def index(self, docs: Iterable[Doc]) -> None:
        def rows():
            for key, title, text in docs:
                self.keys.append(key)
                yield len(self.keys), title, text

        with self.db:
            self.db.executemany("INSERT INTO docs(rowid, title, text) VALUES (?, ?, ?)", rows())

    @staticmethod
    def match_expression(query: str) -> str:
        """Each word quoted (so nothing is FTS syntax), joined with OR."""
        words = _unique(t.lower() for t in _FTS_TOKEN.findall(query))
        return " OR ".join('"' + w.replace('"', '""') + '"' for w in words)

    def search(self, query: str, k: int = 10) -> list[str]:
        expression = self.match_expression(query)
        if not expression:
            return []
        rows = self.db.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (expression, k)
        ).fetchall()
        return [self.keys[rowid - 1] for (rowid,) in rows]

    def size_bytes(self) -> int:
        return directory_size(self.path.parent)

    def close(self) -> None:
        self.db.close()


class PlainTantivy:
    """tantivy with its default tokenizer (split on non-alphanumerics, lower case, no folding)."""

    def __init__(self, directory: Path) -> None:
        self.path = directory
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("key", stored=True, tokenizer_name="raw")
        builder.add_text_field("title")
        builder.add_text_field("body")
        self.schema = builder.build()
        self.idx = tantivy.Index(self.schema, path=str(directory))

    def index(self, docs: Iterable[Doc]) -> None:
        writer = self.idx.writer()
        for key, title, text in docs:
            writer.add_document(tantivy.Document(key=key, title=title, body=text))
        writer.commit()
        writer.wait_merging_threads()
        self.idx.reload()

    def search(self, query: str, k: int = 10) -> list[str]:
        should = tantivy.Occur.Should
        clauses = [
            (should, tantivy.Query.term_query(self.schema, field, token))
            for token in _unique(_TANTIVY_TOKEN.findall(query.lower()))
            for field in ("title", "body")
        ]
        if not clauses:
            return []
        searcher = self.idx.searcher()
        result = searcher.search(tantivy.Query.boolean_query(clauses), k)
        return [searcher.doc(address)["key"][0] for _, address in result.hits]

    def size_bytes(self) -> int:
        return directory_size(self.path)

    def close(self) -> None:
        pass


class Ours:
    """The project's engine through its public interface."""

    BATCH = 1000

    def __init__(self, directory: Path, api: dict) -> None:
        self.path = directory
        self.api = api
        self.engine = api["TantivyEngine"](directory)

    def index(self, docs: Iterable[Doc]) -> None:
        index_doc = self.api["IndexDoc"]
        batch = []
        for key, title, text in docs:
            batch.append(index_doc(key=key, title=title, text=text))
            if len(batch) >= self.BATCH:
                self.engine.upsert(batch)
                batch = []
        if batch:
            self.engine.upsert(batch)
        self.engine.commit()

    def search(self, query: str, k: int = 10) -> list[str]:
        result = self.engine.search(self.api["SearchRequest"](query=query, limit=k))
        return [hit.key for hit in result.hits]

    def suggest(self, prefix: str, k: int = 8) -> list[str]:
        return [hit.key for hit in self.engine.suggest(prefix, limit=k)]

    def size_bytes(self) -> int:
        return directory_size(self.path)

    def close(self) -> None:
        self.engine = None


def load_ours() -> tuple[dict | None, str | None]:
    """The project's engine classes, or None and the reason they could not be imported."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    try:
        from toasoan.search.engine.base import IndexDoc, SearchRequest
        from toasoan.search.engine.tantivy_engine import TantivyEngine
    except Exception as exc:
        return None, f"{type(exc).__name__}: {exc}"
    return {"TantivyEngine": TantivyEngine, "IndexDoc": IndexDoc, "SearchRequest": SearchRequest}, None


# name -> (column label, factory(directory, ours_api))
ENGINES: dict[str, tuple[str, Callable]] = {
    "fts5": ("FTS5 unicode61", lambda d, api: Fts5(d, "unicode61")),
    "fts5_rd2": ("FTS5 u61 rd2", lambda d, api: Fts5(d, "unicode61 rd2")),
    "tantivy": ("tantivy plain", lambda d, api: PlainTantivy(d)),
    "ours": ("ours", lambda d, api: Ours(d, api)),
}
ANCHORS = ("fts5", "fts5_rd2", "tantivy")
SPEED_ENGINES = ("ours", "fts5_rd2", "tantivy")
