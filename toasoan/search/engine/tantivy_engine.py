"""The embedded search engine: a tantivy index beside the SQLite database.

Every word is indexed twice: exact (NFC, lower case, one tone placement) and folded (no
diacritics, đ -> d). A query with diacritics ranks exact matches first ("bán hàng" above
"ban hành"); a query without them matches the folded fields at full weight. Adjacent words of the
query add phrase boosts, agency identifiers ("405/KH-UBND") match whole, and abbreviations
(CCHC <-> cải cách hành chính) expand both ways.

One writer at a time (tantivy holds a lock file); readers in other processes see a commit after a
reload. Pure Python + tantivy: no Django here.
"""

import datetime
import fcntl
import itertools
import shutil
import threading
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import tantivy

from .. import analysis
from .abbreviations import Abbreviations
from .base import Hit, IndexDoc, SearchRequest, SearchResult
from .ranking import (
    ABBREVIATION_BOOST,
    ALL_WORDS_UP_TO,
    EXACT_BOOST,
    FOLDED_BOOST_ACCENTED,
    FOLDED_BOOST_UNACCENTED,
    IDENTIFIER_BOOST,
    PHRASE_BOOST,
    TITLE_ALL_WORDS_BOOST,
    TITLE_BOOST,
    TITLE_PHRASE_BOOST,
)

EPOCH = datetime.date(1970, 1, 1)
EXACT, FOLDED = "vi_exact", "vi_folded"


def _analyzers() -> dict[str, tantivy.TextAnalyzer]:
    simple = tantivy.Tokenizer.simple
    return {
        EXACT: tantivy.TextAnalyzerBuilder(simple()).filter(tantivy.Filter.lowercase()).build(),
        FOLDED: tantivy.TextAnalyzerBuilder(simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build(),
    }


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    for field in ("title", "text"):
        builder.add_text_field(f"{field}_x", tokenizer_name=EXACT, index_option="freq")
        # Adjacent word pairs ("cai_cach"): phrase matching as term lookups, no positions needed.
        builder.add_text_field(f"{field}_b", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("title_f", tokenizer_name=FOLDED)  # positions: prefix suggestions
    builder.add_text_field("text_f", tokenizer_name=FOLDED, index_option="freq")
    builder.add_text_field("ids", tokenizer_name="whitespace", index_option="basic")
    builder.add_text_field("groups", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("kind", tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("day", indexed=True, fast=True)
    builder.add_integer_field("scope", indexed=True)  # the site (IndexDoc.scope): a term filter
    return builder.build()


def _day(date: datetime.date | None) -> int:
    return (date - EPOCH).days if date else 0


class TantivyEngine:
    """Engine over a tantivy index in `path` (created when missing)."""

    def __init__(
        self,
        path: str | Path,
        *,
        abbreviations: Mapping[str, Sequence[str]] | None = None,
        writer_heap: int = 200_000_000,
    ) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self.index, self.created = self._open()  # created: a new, empty index the caller should fill
        # Custom analyzers are not stored with the index: every process registers them.
        for name, analyzer in _analyzers().items():
            self.index.register_tokenizer(name, analyzer)
        self._writer_heap = writer_heap
        self._writer: tantivy.IndexWriter | None = None
        self._lock = threading.Lock()
        self.set_abbreviations(abbreviations or {})

    def _open(self) -> tuple[tantivy.Index, bool]:
        """The index at self.path, created when missing. An index of an older schema (before a
        field was added) is set aside and a new one created: the caller refills it. A lock file
        keeps two processes from doing that at once."""
        with open(self.path.parent / f".{self.path.name}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            reuse = tantivy.Index.exists(str(self.path))
            try:
                return tantivy.Index(self.schema, path=str(self.path), reuse=reuse), not reuse
            except ValueError as error:
                if not reuse or "schema does not match" not in str(error):
                    raise
            old = self.path.with_name(f".{self.path.name}.old-{uuid.uuid4().hex[:8]}")
            self.path.rename(old)
            self.path.mkdir()
            shutil.rmtree(old, ignore_errors=True)
            return tantivy.Index(self.schema, path=str(self.path), reuse=False), True

    # --- writing ------------------------------------------------------------------------

    def _get_writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            self._writer = self.index.writer(heap_size=self._writer_heap)
        return self._writer

    def _document(self, doc: IndexDoc) -> tantivy.Document:
        title, text = analysis.normalize(doc.title), analysis.normalize(doc.text)
        found = analysis.compounds(title + "\n" + text)
        # "KH&CN" is also indexed as the word "khcn", so either spelling finds it.
        text += "\n" + " ".join(analysis.joined_forms(found))
        return tantivy.Document(
            key=doc.key,
            title_x=title,
            title_f=title,
            text_x=text,
            text_f=text,
            title_b=analysis.bigrams(analysis.fold_fast(title)),
            text_b=analysis.bigrams(analysis.fold_fast(text)),
            ids=" ".join(found),
            groups=list(doc.groups),
            kind=doc.kind,
            day=_day(doc.date),
            scope=doc.scope,
        )

    def upsert(self, docs: Iterable[IndexDoc]) -> None:
        with self._lock:
            writer = self._get_writer()
            for doc in docs:
                writer.delete_documents_by_term("key", doc.key)
                writer.add_document(self._document(doc))

    def delete(self, keys: Iterable[str]) -> None:
        with self._lock:
            writer = self._get_writer()
            for key in keys:
                writer.delete_documents_by_term("key", key)

    def clear(self) -> None:
        with self._lock:
            self._get_writer().delete_all_documents()

    def commit(self) -> None:
        """Make writes visible, and release the writer lock so other processes can write."""
        with self._lock:
            if self._writer is not None:
                self._writer.commit()
                self._writer.wait_merging_threads()
                self._writer = None
        self.index.reload()

    def reload(self) -> None:
        self.index.reload()

    # --- reading ------------------------------------------------------------------------

    def set_abbreviations(self, abbreviations: Mapping[str, Sequence[str]]) -> None:
        """{"cchc": ["cải cách hành chính"], ...}: keys and phrases in any case or accent."""
        self.abbreviations = Abbreviations(abbreviations)

    def _term(self, field: str, value: str, boost: float) -> tantivy.Query:
        return tantivy.Query.boost_query(tantivy.Query.term_query(self.schema, field, value), boost)

    def _phrase(self, field: str, words: Sequence[str], boost: float) -> tantivy.Query:
        """Words side by side: every adjacent pair present in the field's bigrams."""
        pairs = [f"{a}_{b}" for a, b in itertools.pairwise(words)]
        if len(pairs) == 1:
            return self._term(field, pairs[0], boost)
        must = tantivy.Occur.Must
        terms = [(must, tantivy.Query.term_query(self.schema, field, pair)) for pair in pairs]
        return tantivy.Query.boost_query(tantivy.Query.boolean_query(terms), boost)

    def _word_query(self, word: str, folded: str, accented: bool) -> tantivy.Query:
        """One query word, in every field it may match."""
        folded_boost = FOLDED_BOOST_ACCENTED if accented else FOLDED_BOOST_UNACCENTED
        should = tantivy.Occur.Should
        clauses = [
            (should, self._term("title_f", folded, TITLE_BOOST * folded_boost)),
            (should, self._term("text_f", folded, folded_boost)),
        ]
        if accented:
            clauses.append((should, self._term("title_x", word, TITLE_BOOST * EXACT_BOOST)))
            clauses.append((should, self._term("text_x", word, EXACT_BOOST)))
        for phrase in self.abbreviations.phrases_for(folded):  # CCHC -> "cai cach hanh chinh"
            clauses.append((should, self._phrase_or_term("text", phrase, ABBREVIATION_BOOST)))
            clauses.append((should, self._phrase_or_term("title", phrase, TITLE_BOOST * ABBREVIATION_BOOST)))
        return tantivy.Query.boolean_query(clauses)

    def _phrase_or_term(self, field: str, words: Sequence[str], boost: float) -> tantivy.Query:
        """`field` is "title" or "text": one word in its folded field, several in its bigrams."""
        if len(words) == 1:
            return self._term(f"{field}_f", words[0], boost)
        return self._phrase(f"{field}_b", words, boost)

    def _abbreviation_query(self, short: str) -> tantivy.Query:
        """A document that only writes "CCHC" (or "KH&CN") for a phrase of the query."""
        should = tantivy.Occur.Should
        parts = [part for part in analysis.SEPARATORS.split(short) if part]
        joined = "".join(parts)
        clauses = [
            (should, self._term("text_f", joined, ABBREVIATION_BOOST)),
            (should, self._term("title_f", joined, TITLE_BOOST * ABBREVIATION_BOOST)),
        ]
        if len(parts) > 1:
            clauses.append((should, self._term("ids", short, IDENTIFIER_BOOST)))
        return tantivy.Query.boolean_query(clauses)

    def _relevance_query(self, raw: str) -> tuple[tantivy.Query | None, tuple[str, ...]]:
        """Short queries need every word (or its abbreviation); long ones (questions) rank by BM25."""
        raw = raw[: analysis.MAX_QUERY_CHARS]
        normalized = analysis.normalize(raw)
        identifiers = analysis.compounds(normalized)
        # "KH&CN" in a query is one word for abbreviation purposes: "khcn".
        normalized = self.abbreviations.join_in(normalized)
        words = analysis.WORD.findall(normalized)[: 2 * analysis.MAX_QUERY_TERMS]
        if not words:
            return None, ()
        accented = analysis.has_diacritics(raw)
        folded_words = [analysis.fold(w) for w in words]
        should, must = tantivy.Occur.Should, tantivy.Occur.Must
        highlight = list(dict.fromkeys(folded_words))

        units: list[tantivy.Query] = []
        seen: set[str] = set()
        i = 0
        while i < len(words) and len(units) < analysis.MAX_QUERY_TERMS:
            phrase, shorts = self.abbreviations.match_at(folded_words, i)
            if phrase:  # "cải cách hành chính" also finds "CCHC"
                n = len(phrase)
                all_words = tantivy.Query.boolean_query(
                    [(must, self._word_query(words[j], folded_words[j], accented)) for j in range(i, i + n)]
                )
                alternatives = [(should, all_words), *[(should, self._abbreviation_query(s)) for s in shorts]]
                units.append(tantivy.Query.boolean_query(alternatives))
                highlight.extend(shorts)
                i += n
                continue
            # Each word once: repeating a word in a question does not make it more important.
            if folded_words[i] not in seen:
                seen.add(folded_words[i])
                units.append(self._word_query(words[i], folded_words[i], accented))
                highlight.extend(w for phrase in self.abbreviations.phrases_for(folded_words[i]) for w in phrase)
            i += 1

        short = len(units) <= ALL_WORDS_UP_TO
        matching = tantivy.Query.boolean_query([(should, unit) for unit in units], len(units) if short else 1)
        clauses = [(must, matching)]
        if short:
            distinct = dict.fromkeys(folded_words)
            in_title = [(must, tantivy.Query.term_query(self.schema, "title_f", w)) for w in distinct]
            clauses.append(
                (should, tantivy.Query.boost_query(tantivy.Query.boolean_query(in_title), TITLE_ALL_WORDS_BOOST))
            )
        for identifier in identifiers:
            clauses.append((should, self._term("ids", identifier, IDENTIFIER_BOOST)))
        for pair in dict.fromkeys(itertools.pairwise(folded_words)):
            clauses.append((should, self._phrase("title_b", pair, TITLE_PHRASE_BOOST)))
            clauses.append((should, self._phrase("text_b", pair, PHRASE_BOOST)))
        return tantivy.Query.boolean_query(clauses), tuple(dict.fromkeys(highlight))

    def _scope_filter(self, scopes: Sequence[int]) -> tuple[tantivy.Occur, tantivy.Query]:
        return tantivy.Occur.Must, tantivy.Query.term_set_query(self.schema, "scope", [int(s) for s in scopes])

    def _filters(self, request: SearchRequest) -> list[tuple[tantivy.Occur, tantivy.Query]]:
        must = tantivy.Occur.Must
        filters = [self._scope_filter(request.scopes)] if request.scopes else []
        if request.groups:
            filters.append((must, tantivy.Query.term_set_query(self.schema, "groups", list(request.groups))))
        if request.kinds:
            filters.append((must, tantivy.Query.term_set_query(self.schema, "kind", list(request.kinds))))
        if request.date_from or request.date_to:
            filters.append(
                (
                    must,
                    tantivy.Query.range_query(
                        self.schema,
                        "day",
                        tantivy.FieldType.Integer,
                        _day(request.date_from) if request.date_from else -(10**9),
                        _day(request.date_to) if request.date_to else 10**9,
                    ),
                )
            )
        return filters

    def search(self, request: SearchRequest) -> SearchResult:
        relevance, highlight = self._relevance_query(request.query)
        if relevance is None:
            return SearchResult()
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, relevance), *self._filters(request)])
        searcher = self.index.searcher()
        fetch = request.offset + request.limit
        if request.sort == "newest":
            result = searcher.search(
                query, limit=request.limit, offset=request.offset, order_by_field="day", order=tantivy.Order.Desc
            )
            ranked = [(0.0, address) for _, address in result.hits]
        else:
            # A few more than the page, so equal scores can be ordered newest first.
            result = searcher.search(query, limit=fetch + 10)
            days = searcher.fast_field_values("day", [address for _, address in result.hits])
            order = sorted(zip(result.hits, days, strict=True), key=lambda i: (-round(i[0][0], 4), -(i[1] or 0)))
            ranked = [hit for hit, _ in order][request.offset : fetch]
        hits = [Hit(key=searcher.doc(address)["key"][0], score=score) for score, address in ranked]
        return SearchResult(hits=hits, total=result.count or 0, highlight_terms=highlight)

    def suggest(self, prefix: str, limit: int = 8, scopes: Sequence[int] = ()) -> list[Hit]:
        """Titles containing the typed words side by side, the last one possibly unfinished."""
        words = [analysis.fold(w) for w in analysis.WORD.findall(analysis.normalize(prefix[:100]))][:8]
        if not words:
            return []
        query = tantivy.Query.phrase_prefix_query(self.schema, "title_f", words) if len(words) > 1 else None
        if query is None:
            query = tantivy.Query.regex_query(self.schema, "title_f", _regex_prefix(words[0]))
        if scopes:
            query = tantivy.Query.boolean_query([(tantivy.Occur.Must, query), self._scope_filter(scopes)])
        searcher = self.index.searcher()
        result = searcher.search(query, limit=limit, order_by_field="day", order=tantivy.Order.Desc)
        return [Hit(key=searcher.doc(address)["key"][0], score=0.0) for _, address in result.hits]


def _regex_prefix(word: str) -> str:
    escaped = "".join(ch if ch.isalnum() else "\\" + ch for ch in word)
    return escaped + ".*"
