"""The search engine for installs with several application servers: one PostgreSQL table.

The same analysis as the embedded tantivy engine, done here in Python (toasoan.search.analysis):
PostgreSQL's own parser and dictionaries are never used. The title and the body are each one
tsvector we build ourselves, with three kinds of lexeme, as TantivyEngine's fields:

- "dang": a word folded (no diacritics, đ -> d), at its position (one per analysis.WORD run,
  as tantivy's simple tokenizer counts them: "405/kh-ubnd" is three words);
- "=đảng": the same word exact (NFC, lower case, one tone placement);
- "+dang_bo": two adjacent folded words (analysis.bigrams), how phrases are matched.

Agency identifiers ("405/kh-ubnd", "kh&cn" and its joined "khcn") go into a text[] column. GIN
indexes find the candidates; the score is TantivyEngine's query computed in SQL: BM25 per field
(idf from document frequencies, the exact term frequency recovered from ts_rank, length
normalisation against the field's average length) with the same boosts - title over body, exact
over folded when the query has diacritics, adjacent query words, whole identifiers, every word in
the title, abbreviations both ways.

Writes go through their own connection in one open transaction that commit() commits, so, as with
tantivy, a rebuild (clear, upserts, commit) is invisible to readers until it is done. Every value
reaches the server as a query parameter; the one identifier, the table name, is quoted by
psycopg.sql. Pure Python + psycopg: no Django here.
"""

import bisect
import datetime
import functools
import itertools
import math
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql

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


# Lexeme kinds in a field's tsvector; no word (analysis.WORD) starts with either mark.
EXACT, PAIR = "=", "+"

# BM25 as tantivy computes it.
K1, B = 1.2, 0.75
# ts_rank(ARRAY[1,1,1,1], vector, 'lexeme') is (1 + 1/4 + ... + 1/tf²) / ζ(2): inverted, it gives
# the lexeme's term frequency exactly (PostgreSQL keeps at most 256 positions per lexeme).
ZETA_2 = math.pi**2 / 6

# tsvector limits: positions 1..16383 (later words share the last one), at most 256 positions
# per lexeme, lexemes under 2 KiB, under 1 MiB of lexemes per vector.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 256
MAX_LEXEME_CHARS = 500  # 4 bytes a character at most
MAX_VECTOR_BYTES = 900_000

# Document frequencies are cached this long (and dropped whenever this engine commits).
STATS_TTL_SECONDS = 60.0
STATS_CACHE_SIZE = 50_000
# A writer waiting longer than this for rows another process is writing fails; sync retries.
LOCK_TIMEOUT = "10s"

SQL = sql.SQL
_CASTS = {name: SQL("{}::" + name) for name in ("tsquery", "text[]", "float8", "integer", "integer[]")}
_ONES = SQL("ARRAY[1, 1, 1, 1]::float4[]")
FIELDS = ("title", "text")
# BM25 field lengths, as tantivy counts tokens (words, word pairs, identifiers): a row's `lengths`
# and `norms` arrays hold them in this order (their 1-based SQL index).
LENGTHS = {"title": 1, "text": 2, "title_pairs": 3, "text_pairs": 4, "ids": 5}


def _norm_table() -> list[int]:
    """tantivy's fieldnorm codes (fieldnorm/code.rs, as Lucene's): lengths exact up to 40, then
    in buckets eight to a doubling step. BM25 sees a row's length rounded down to one of these;
    the average is over the exact lengths."""
    table, value, step = list(range(41)), 40, 2
    while len(table) < 256:
        for _ in range(min(8, 256 - len(table))):
            value += step
            table.append(value)
        step *= 2
    return table


NORM_TABLE = _norm_table()


def _fieldnorm(length: int) -> int:
    return NORM_TABLE[bisect.bisect_right(NORM_TABLE, length) - 1]


def _day(date: datetime.date | None) -> int:
    return (date - EPOCH).days if date else 0


def _clean(value: str, nul: str = "") -> str:
    """PostgreSQL text holds neither NUL nor lone surrogates."""
    return value.replace("\x00", nul).encode("utf-8", "replace").decode("utf-8")


# --- tsvector and tsquery literals ----------------------------------------------------------


def _quote(lexeme: str) -> str:
    """A lexeme as tsvector/tsquery input: quoted, with quotes and backslashes doubled."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _any(alternatives: Iterable[str]) -> str:
    return " | ".join(f"( {alternative} )" for alternative in alternatives)


def _all(lexemes: Iterable[str]) -> str:
    return " & ".join(_quote(lexeme) for lexeme in lexemes)


def _pairs(words: Sequence[str]) -> list[str]:
    """Adjacent folded words as TantivyEngine's pair tokens: ["cai", "cach"] -> ["cai_cach"]."""
    return [f"{a}_{b}" for a, b in itertools.pairwise(words)]


@functools.lru_cache(maxsize=100_000)
def _fold_word(word: str) -> str:
    return analysis.fold(word)


def field_vector(normalized: str) -> tuple[str, int, int]:
    """The tsvector literal of a normalize()d field, its number of words and of word pairs."""
    positions: dict[str, list[int]] = {}
    size = 0

    def add(lexeme: str, position: int) -> None:
        nonlocal size
        if len(lexeme) > MAX_LEXEME_CHARS:
            return
        where = positions.get(lexeme)
        if where is None:
            size += len(lexeme.encode()) + 8
            if size > MAX_VECTOR_BYTES:
                return
            where = positions[lexeme] = []
        if len(where) < MAX_POSITIONS_PER_LEXEME and (not where or where[-1] != position):
            where.append(position)

    count = 0
    for count, match in enumerate(analysis.WORD.finditer(normalized), start=1):
        word = match.group(0)
        position = min(count, MAX_POSITION)
        add(_fold_word(word), position)
        add(EXACT + word, position)
    pairs = analysis.bigrams(analysis.fold_fast(normalized)).split()
    for index, pair in enumerate(pairs, start=1):
        add(PAIR + pair, min(index, MAX_POSITION))
    literal = " ".join(_quote(lexeme) + ":" + ",".join(map(str, where)) for lexeme, where in positions.items())
    return literal, count, len(pairs)


# --- one query --------------------------------------------------------------------------------


class _Params:
    """Named placeholders and their values: p(value, "tsquery") -> %(p3)s::tsquery."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def __call__(self, value: Any, cast: str) -> sql.Composed:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return _CASTS[cast].format(sql.Placeholder(name))


def _join(separator: str, parts: Iterable[sql.Composable]) -> sql.Composed:
    return SQL("(") + SQL(separator).join(list(parts)) + SQL(")")


@dataclass
class _Stats:
    """What BM25 needs to know about the whole table."""

    count: int
    avg_len: dict[str, float]  # LENGTHS key -> average length
    df: dict[tuple[str, str], int] = field(default_factory=dict)  # (field or "ids", term) -> documents

    def idf(self, where: str, term: str) -> float:
        df = self.df.get((where, term), 0)
        return math.log(1 + (self.count - df + 0.5) / (df + 0.5))


@dataclass
class _Unit:
    """One thing the query must (or, in long queries, may) match: a word, or a phrase that has
    abbreviations ("cải cách hành chính" or "CCHC")."""

    words: list[int]  # indexes into the query's words
    shorts: list[str] = field(default_factory=list)  # abbreviations of the phrase, folded


@dataclass
class _Query:
    words: list[str]  # normalized
    folded: list[str]
    accented: bool
    units: list[_Unit]
    identifiers: list[str]
    highlight: tuple[str, ...]

    @property
    def pairs(self) -> list[str]:
        return list(dict.fromkeys(_pairs(self.folded)))


class _Scoring:
    """SQL for one search: whether a row `d` matches, and its BM25 score.

    The row's vectors are decompressed once (v.title, v.text), its term frequencies computed once
    (f.t0, f.t1, ...), and its BM25 length factors (n.title, n.text_pairs, ...), in LATERAL
    subqueries."""

    def __init__(self, stats: _Stats, p: _Params) -> None:
        self.stats, self.p = stats, p
        self.frequencies: dict[tuple[str, str], sql.Identifier] = {}
        self._frequency_sql: list[sql.Composed] = []
        self._vector_uses: dict[str, int] = {}

    def vector(self, where: str) -> sql.Identifier:
        """The row's `where` ("title" or "text") tsvector, decompressed once however many terms use it."""
        self._vector_uses[where] = self._vector_uses.get(where, 0) + 1
        return sql.Identifier("v", where)

    def tf(self, where: str, lexeme: str) -> sql.Identifier:
        """The row's term frequency of `lexeme` in field `where`, as a column of `f`."""
        key = (where, lexeme)
        if key not in self.frequencies:
            name = f"t{len(self.frequencies)}"
            self.frequencies[key] = sql.Identifier("f", name)
            rank = SQL("ts_rank({ones}, {vector}, {q})::float8").format(
                ones=_ONES, vector=self.vector(where), q=self.p(_quote(lexeme), "tsquery")
            )
            self._frequency_sql.append(
                SQL("round(1 / ({zeta} * greatest(1 - {rank}, 1e-9)) - 0.5) AS {name}").format(
                    zeta=self.p(ZETA_2, "float8"), rank=rank, name=sql.Identifier(name)
                )
            )
        return self.frequencies[key]

    def term(self, where: str, lexeme: str, boost: float) -> sql.Composed:
        """BM25 of one lexeme (a word, "=" an exact word, "+" a word pair) in one field."""
        idf = self.stats.idf(where, lexeme)
        norm = where + "_pairs" if lexeme.startswith(PAIR) else where
        tf = self.tf(where, lexeme)
        return SQL("{w} * {tf} / ({tf} + {norm})").format(
            w=self.p(boost * idf * (K1 + 1), "float8"), tf=tf, norm=sql.Identifier("n", norm)
        )

    def has_id(self, identifier: str) -> sql.Composed:
        return SQL("d.ids @> {}").format(self.p([identifier], "text[]"))

    def identifier(self, identifier: str, boost: float) -> sql.Composed:
        """BM25 of an identifier (the ids field keeps no frequencies: found is once)."""
        return SQL("(CASE WHEN {c} THEN {w} / (1 + n.ids) ELSE 0 END)").format(
            c=self.has_id(identifier), w=self.p(boost * self.stats.idf("ids", identifier) * (K1 + 1), "float8")
        )

    def phrase_or_term(self, where: str, words: Sequence[str], boost: float) -> sql.Composed:
        """One word, or several as all their adjacent pairs (as TantivyEngine matches phrases)."""
        if len(words) == 1:
            return self.term(where, words[0], boost)
        pairs = [PAIR + pair for pair in _pairs(words)]
        scores = _join(" + ", [self.term(where, pair, boost) for pair in pairs])
        if len(pairs) == 1:
            return scores
        condition = SQL("{} @@ {}").format(self.vector(where), self.p(_all(pairs), "tsquery"))
        return SQL("(CASE WHEN {c} THEN {s} ELSE 0 END)").format(c=condition, s=scores)

    def lateral(self) -> sql.Composed:
        """FROM-clause additions: the row's length factors, vectors and term frequencies."""
        avg = self.stats.avg_len
        norms = [
            SQL("{k1} * (1 - {b} + {b_avg} * {length}) AS {name}").format(
                k1=self.p(K1, "float8"),
                b=self.p(B, "float8"),
                b_avg=self.p(B / max(avg[name], 1e-9), "float8"),
                length=SQL("d.norms[{}]").format(sql.Literal(index)),
                name=sql.Identifier(name),
            )
            for name, index in LENGTHS.items()
        ]
        # A stored tsvector is compressed: each ts_rank reading it would decompress it again.
        # setweight() makes one plain copy per row (weights play no part here) when several terms
        # read it; OFFSET 0 keeps each subquery apart, so it and each ts_rank run once per row.
        vectors = [
            SQL("setweight({}, 'D') AS {}" if uses > 1 else "{} AS {}").format(
                sql.Identifier("d", f"{where}_tsv"), sql.Identifier(where)
            )
            for where, uses in self._vector_uses.items()
        ] or [SQL("0 AS none")]
        frequencies = self._frequency_sql or [SQL("0 AS none")]
        return SQL(
            "CROSS JOIN LATERAL (SELECT {norms}) AS n"
            " CROSS JOIN LATERAL (SELECT {vectors} OFFSET 0) AS v"
            " CROSS JOIN LATERAL (SELECT {frequencies} OFFSET 0) AS f"
        ).format(norms=SQL(", ").join(norms), vectors=SQL(", ").join(vectors), frequencies=SQL(", ").join(frequencies))


class PostgresEngine:
    """Engine over one table (created when missing) in the PostgreSQL database at `dsn`."""

    def __init__(
        self,
        dsn: str,
        *,
        abbreviations: Mapping[str, Sequence[str]] | None = None,
        table: str = "search_document",
        connect_timeout: int = 10,
    ) -> None:
        if not dsn:
            raise ValueError("PostgresEngine needs a DSN (TOASOAN_SEARCH_DSN)")
        *schema, name = table.split(".")
        if not name or len(schema) > 1:
            raise ValueError(f"Bad table name {table!r}: 'name' or 'schema.name'")
        self.dsn = dsn
        self.table = table
        self._name = name
        self._schema = tuple(schema)
        self._table = sql.Identifier(*schema, name)
        self._connect_timeout = connect_timeout
        self._read_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._reader: psycopg.Connection | None = None
        self._writer: psycopg.Connection | None = None
        self._stats_lock = threading.Lock()
        # Keyed by the searched scopes first: () for the whole table, (root, 0) for one site.
        self._stats_cache: dict[tuple[tuple[int, ...], str, str], int] = {}
        self._stats_base: dict[tuple[int, ...], tuple[int, dict[str, float]]] = {}
        self._stats_at = 0.0
        self.created = self._create_table()  # a new, empty table: the caller should fill it
        self.set_abbreviations(abbreviations or {})

    # --- connections --------------------------------------------------------------------------

    def _connect(self, autocommit: bool) -> psycopg.Connection:
        conn = psycopg.connect(self.dsn, autocommit=autocommit, connect_timeout=self._connect_timeout)
        if not autocommit:
            conn.execute("SELECT set_config('lock_timeout', %s, false)", [LOCK_TIMEOUT])
            conn.commit()
        return conn

    def _read(self, query: sql.Composable, params: Mapping[str, Any] | Sequence[Any] = ()) -> list[tuple]:
        """Run a read on the autocommit connection, reconnecting once if the server dropped it."""
        with self._read_lock:
            for attempt in range(2):
                if self._reader is None or self._reader.closed:
                    self._reader = self._connect(autocommit=True)
                try:
                    return self._reader.execute(query, params).fetchall()
                except psycopg.OperationalError:
                    if attempt or not self._reader.broken:
                        raise
                    self._reader = None
        raise AssertionError("unreachable")

    def _write(self, work: Callable[[psycopg.Cursor], None]) -> None:
        """Run `work` in the writer's open transaction; a failure rolls the whole transaction back."""
        with self._write_lock:
            if self._writer is None or self._writer.closed:
                self._writer = self._connect(autocommit=False)
            try:
                with self._writer.cursor() as cursor:
                    work(cursor)
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None and not writer.closed:
            try:
                writer.rollback()
                self._writer = writer
            except psycopg.Error:
                writer.close()

    def close(self) -> None:
        """Close both connections; writes not committed are lost."""
        with self._write_lock, self._read_lock:
            for conn in (self._reader, self._writer):
                if conn is not None and not conn.closed:
                    conn.close()
            self._reader = self._writer = None

    def _create_table(self) -> bool:
        """Create the table when missing, or add what an older version lacks (the site scope):
        True when the caller should fill it (again)."""
        with psycopg.connect(self.dsn, autocommit=False, connect_timeout=self._connect_timeout) as conn:
            # One process at a time, so two servers starting together do not both create it.
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", ["toasoan.search:" + self.table])
            qualified = self._table.as_string(conn)
            exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [qualified]).fetchone()[0]
            if not exists:
                conn.execute(
                    SQL(
                        """CREATE TABLE {t} (
                            key text PRIMARY KEY,
                            title text NOT NULL DEFAULT '',
                            title_tsv tsvector {compression} NOT NULL DEFAULT '',
                            text_tsv tsvector {compression} NOT NULL DEFAULT '',
                            lengths integer[] NOT NULL,
                            norms integer[] NOT NULL,
                            ids text[] NOT NULL DEFAULT ARRAY[]::text[],
                            groups text[] NOT NULL DEFAULT ARRAY[]::text[],
                            kind text NOT NULL DEFAULT '',
                            day integer NOT NULL DEFAULT 0,
                            scope integer NOT NULL DEFAULT 0
                        ) WITH (toast_tuple_target = 8160)"""
                    ).format(t=self._table, compression=SQL(self._compression(conn)))
                )
                for column, method in (("ids", "gin"), ("groups", "gin"), ("kind", "btree"), ("day", "btree")):
                    self._create_index(conn, column, method, column)
                self._create_scope_indexes(conn)
                added = True
            else:
                added = self._add_scope(conn)
            conn.commit()
        return added

    def _create_index(self, conn: psycopg.Connection, name: str, method: str, *columns: str) -> None:
        conn.execute(
            SQL("CREATE INDEX IF NOT EXISTS {index} ON {t} USING {method} ({columns})").format(
                index=sql.Identifier(f"{self._name[:50]}_{name}_idx"),
                t=self._table,
                method=SQL(method),
                columns=SQL(", ").join(map(sql.Identifier, columns)),
            )
        )

    def _create_scope_indexes(self, conn: psycopg.Connection) -> None:
        """Searches are per site: GIN indexes on (scope, words), so a site's search reads only that
        site's postings and rows, however many sites share the table. The integer key in a GIN
        index needs the btree_gin extension (PostgreSQL contrib, trusted: the database owner may
        create it); without it, a plain GIN index on the words and a btree one on the scope."""
        try:
            with conn.transaction():
                conn.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
            composite = True
        except psycopg.Error:
            composite = False
        for column in ("title_tsv", "text_tsv"):
            if composite:
                self._create_index(conn, f"scope_{column}", "gin", "scope", column)
            else:
                self._create_index(conn, column, "gin", column)
        if not composite:
            self._create_index(conn, "scope", "btree", "scope")

    def _add_scope(self, conn: psycopg.Connection) -> bool:
        """A table made before search was per site: add the scope column and its indexes (the
        caller then re-indexes every entry, which fills the column). True when it did."""
        present = conn.execute(
            "SELECT count(*) FROM pg_attribute"
            " WHERE attrelid = %s::regclass AND attname = 'scope' AND NOT attisdropped",
            [self._table.as_string(conn)],
        ).fetchone()[0]
        if present:
            return False
        conn.execute(SQL("ALTER TABLE {t} ADD COLUMN scope integer NOT NULL DEFAULT 0").format(t=self._table))
        self._create_scope_indexes(conn)
        if conn.execute("SELECT count(*) FROM pg_extension WHERE extname = 'btree_gin'").fetchone()[0]:
            for column in ("title_tsv", "text_tsv"):  # the composite indexes replace them
                index = sql.Identifier(*self._schema, f"{self._name[:50]}_{column}_idx")
                conn.execute(SQL("DROP INDEX IF EXISTS {}").format(index))
        return True

    @staticmethod
    def _compression(conn: psycopg.Connection) -> str:
        """LZ4 where the server has it: scoring reads every matching row's vectors, and LZ4
        decompresses them several times faster than PostgreSQL's default pglz."""
        try:
            with conn.transaction():
                conn.execute("CREATE TEMPORARY TABLE toasoan_lz4_probe (v text COMPRESSION lz4) ON COMMIT DROP")
        except psycopg.Error:
            return ""
        return "COMPRESSION lz4"

    # --- writing ------------------------------------------------------------------------------

    def _row(self, doc: IndexDoc) -> tuple:
        # NUL separates words, as any other non-word character does for tantivy.
        title, text = analysis.normalize(_clean(doc.title, " ")), analysis.normalize(_clean(doc.text, " "))
        found = analysis.compounds(title + "\n" + text)  # "405/kh-ubnd", "kh&cn"
        joined = analysis.joined_forms(found)  # "khcn"
        # As TantivyEngine: "KH&CN" is also a word "khcn" of the body, so either spelling finds it.
        text += "\n" + " ".join(joined)
        title_tsv, title_len, title_pairs = field_vector(title)
        text_tsv, text_len, text_pairs = field_vector(text)
        # In LENGTHS order; the ids field counts every identifier written, joined forms not.
        lengths = [title_len, text_len, title_pairs, text_pairs, len(found)]
        return (
            _clean(doc.key),
            _clean(doc.title, " "),
            title_tsv,
            text_tsv,
            lengths,
            [_fieldnorm(length) for length in lengths],
            list(dict.fromkeys([*found, *joined])),  # analysis.identifiers(), each once
            [_clean(group) for group in doc.groups],
            _clean(doc.kind),
            _day(doc.date),
            int(doc.scope),
        )

    def upsert(self, docs: Iterable[IndexDoc]) -> None:
        rows = [self._row(doc) for doc in docs]
        if not rows:
            return
        query = SQL(
            """INSERT INTO {t} (key, title, title_tsv, text_tsv, lengths, norms, ids, groups, kind, day, scope)
            VALUES (%s, %s, %s::tsvector, %s::tsvector, %s::integer[], %s::integer[], %s::text[], %s::text[],
                %s, %s, %s)
            ON CONFLICT (key) DO UPDATE SET
                title = EXCLUDED.title, title_tsv = EXCLUDED.title_tsv, text_tsv = EXCLUDED.text_tsv,
                lengths = EXCLUDED.lengths, norms = EXCLUDED.norms, ids = EXCLUDED.ids,
                groups = EXCLUDED.groups, kind = EXCLUDED.kind, day = EXCLUDED.day, scope = EXCLUDED.scope"""
        ).format(t=self._table)
        self._write(lambda cursor: cursor.executemany(query, rows))

    def delete(self, keys: Iterable[str]) -> None:
        keys = [_clean(key) for key in keys]
        if keys:
            query = SQL("DELETE FROM {t} WHERE key = ANY(%s::text[])").format(t=self._table)
            self._write(lambda cursor: cursor.execute(query, [keys]))

    def clear(self) -> None:
        # DELETE, not TRUNCATE: readers keep the old rows until commit() instead of waiting for it.
        query = SQL("DELETE FROM {t}").format(t=self._table)
        self._write(lambda cursor: cursor.execute(query))

    def commit(self) -> None:
        """Make the writes visible to every reader, in this process and others."""
        with self._write_lock:
            if self._writer is not None and not self._writer.closed:
                try:
                    self._writer.commit()
                except BaseException:
                    self._rollback()
                    raise
        with self._stats_lock:
            self._stats_cache.clear()
            self._stats_base.clear()

    def reload(self) -> None:
        """Readers always see the latest commit: nothing to do (TantivyEngine has the same method)."""

    # --- abbreviations ------------------------------------------------------------------------

    def set_abbreviations(self, abbreviations: Mapping[str, Sequence[str]]) -> None:
        """{"cchc": ["cải cách hành chính"], ...}: keys and phrases in any case or accent."""
        self.abbreviations = Abbreviations(abbreviations)

    # --- reading ------------------------------------------------------------------------------

    def _parse(self, raw: str) -> _Query | None:
        """The query as TantivyEngine reads it: words, abbreviation units, identifiers, highlights."""
        raw = raw[: analysis.MAX_QUERY_CHARS]
        normalized = analysis.normalize(raw)
        identifiers = list(dict.fromkeys(analysis.compounds(normalized)))
        # "KH&CN" in a query is one word for abbreviation purposes: "khcn".
        normalized = self.abbreviations.join_in(normalized)
        words = analysis.WORD.findall(normalized)[: 2 * analysis.MAX_QUERY_TERMS]
        if not words:
            return None
        folded = [analysis.fold(w) for w in words]
        highlight = list(dict.fromkeys(folded))
        units: list[_Unit] = []
        seen: set[str] = set()
        i = 0
        while i < len(words) and len(units) < analysis.MAX_QUERY_TERMS:
            phrase, shorts = self.abbreviations.match_at(folded, i)
            if phrase:  # "cải cách hành chính" also finds "CCHC"
                units.append(_Unit(list(range(i, i + len(phrase))), list(shorts)))
                highlight.extend(shorts)
                i += len(phrase)
                continue
            # Each word once: repeating a word in a question does not make it more important.
            if folded[i] not in seen:
                seen.add(folded[i])
                units.append(_Unit([i]))
                highlight.extend(w for phrase in self.abbreviations.phrases_for(folded[i]) for w in phrase)
            i += 1
        return _Query(
            words=words,
            folded=folded,
            accented=analysis.has_diacritics(raw),
            units=units,
            identifiers=identifiers,
            highlight=tuple(dict.fromkeys(highlight)),
        )

    @staticmethod
    def _parts(short: str) -> list[str]:
        return [part for part in analysis.SEPARATORS.split(short) if part]

    def _statistics(self, query: _Query, scopes: tuple[int, ...] = ()) -> _Stats:
        """Documents in all, average field lengths, and the document frequency of every term the
        query scores (cached for a while: they change slowly). A search of some scopes (one site)
        counts within them: its statistics are the site's own, what it would compute alone, and
        counting a new word costs the site's matches, not every site's."""
        lexemes: set[str] = set(query.folded) | {PAIR + pair for pair in query.pairs}
        ids: set[str] = set(query.identifiers)
        for unit in query.units:
            for i in unit.words:
                if query.accented:
                    lexemes.add(EXACT + query.words[i])
                for phrase in self.abbreviations.phrases_for(query.folded[i]):
                    lexemes.update(phrase if len(phrase) == 1 else [PAIR + pair for pair in _pairs(phrase)])
            for short in unit.shorts:
                lexemes.add("".join(self._parts(short)))
                ids.add(short)
        wanted = [(where, lexeme) for lexeme in sorted(lexemes) for where in FIELDS]
        wanted += [("ids", identifier) for identifier in sorted(ids)]
        with self._stats_lock:
            now = time.monotonic()
            if now - self._stats_at > STATS_TTL_SECONDS or len(self._stats_cache) > STATS_CACHE_SIZE:
                self._stats_cache.clear()
                self._stats_base.clear()
                self._stats_at = now
            base = self._stats_base.get(scopes)
            cache = self._stats_cache
            known = {item: cache[(scopes, *item)] for item in wanted if (scopes, *item) in cache}
        missing = [item for item in wanted if item not in known]
        if base is None or missing:
            p = _Params()
            in_scopes = SQL(" AND {}").format(self._scope_filter(scopes, p)) if scopes else SQL("")
            columns = [SQL("count(*)")]
            for index in LENGTHS.values():
                columns.append(SQL("coalesce(avg(d.lengths[{}]), 0)::float8").format(sql.Literal(index)))
            for where, term in missing:
                if where == "ids":
                    condition = SQL("d.ids @> {}").format(p([term], "text[]"))
                else:
                    column = sql.Identifier("d", f"{where}_tsv")
                    condition = SQL("{} @@ {}").format(column, p(_quote(term), "tsquery"))
                columns.append(
                    SQL("(SELECT count(*) FROM {t} AS d WHERE {c}{s})").format(t=self._table, c=condition, s=in_scopes)
                )
            statement = SQL("SELECT {columns} FROM {t} AS d WHERE TRUE{s}").format(
                columns=SQL(", ").join(columns), t=self._table, s=in_scopes
            )
            row = self._read(statement, p.values)[0]
            base = (row[0], dict(zip(LENGTHS, row[1 : 1 + len(LENGTHS)], strict=True)))
            fetched = dict(zip(missing, row[1 + len(LENGTHS) :], strict=True))
            known.update(fetched)
            with self._stats_lock:
                self._stats_base[scopes] = base
                self._stats_cache.update({(scopes, *item): count for item, count in fetched.items()})
        return _Stats(count=base[0], avg_len=base[1], df=known)

    def _scoring(self, query: _Query, stats: _Stats, p: _Params) -> tuple[_Scoring, sql.Composed, sql.Composed]:
        """TantivyEngine's relevance query as SQL: (scoring, whether a row matches, its score)."""
        s = _Scoring(stats, p)
        folded_boost = FOLDED_BOOST_ACCENTED if query.accented else FOLDED_BOOST_UNACCENTED

        def in_either(tsquery: str, row: str = "d") -> sql.Composed:
            """`tsquery` matches the title or the body: row "d" in the WHERE clause (the indexes),
            "v" inside the score (the vectors decompressed once)."""
            q = p(tsquery, "tsquery")
            return _join(
                " OR ",
                [
                    SQL("{} @@ {}").format(sql.Identifier("d", f"{where}_tsv") if row == "d" else s.vector(where), q)
                    for where in FIELDS
                ],
            )

        def word(i: int) -> tuple[sql.Composed, sql.Composed, sql.Composed]:
            """One query word, in every field it may match: (match in WHERE, match in score, score)."""
            folded, exact = query.folded[i], query.words[i]
            scores = [s.term("title", folded, TITLE_BOOST * folded_boost), s.term("text", folded, folded_boost)]
            if query.accented:
                scores.append(s.term("title", EXACT + exact, TITLE_BOOST * EXACT_BOOST))
                scores.append(s.term("text", EXACT + exact, EXACT_BOOST))
            alternatives = [_quote(folded)]
            for phrase in self.abbreviations.phrases_for(folded):  # CCHC -> "cai cach hanh chinh"
                alternatives.append(_all(phrase if len(phrase) == 1 else [PAIR + pair for pair in _pairs(phrase)]))
                scores.append(s.phrase_or_term("text", phrase, ABBREVIATION_BOOST))
                scores.append(s.phrase_or_term("title", phrase, TITLE_BOOST * ABBREVIATION_BOOST))
            tsquery = _any(alternatives)
            return in_either(tsquery), in_either(tsquery, row="v"), _join(" + ", scores)

        def abbreviation(short: str) -> tuple[sql.Composed, sql.Composed]:
            """A document that only writes "CCHC" (or "KH&CN") for a phrase of the query."""
            parts = self._parts(short)
            joined = "".join(parts)
            conditions = [in_either(_quote(joined))]
            scores = [
                s.term("text", joined, ABBREVIATION_BOOST),
                s.term("title", joined, TITLE_BOOST * ABBREVIATION_BOOST),
            ]
            if len(parts) > 1:
                conditions.append(s.has_id(short))
                scores.append(s.identifier(short, IDENTIFIER_BOOST))
            return _join(" OR ", conditions), _join(" + ", scores)

        unit_conditions, scores = [], []
        for unit in query.units:
            words = [word(i) for i in unit.words]
            if not unit.shorts:
                unit_conditions.append(words[0][0])
                scores.append(words[0][2])
                continue
            all_words = _join(" AND ", [condition for condition, _, _ in words])
            shorts = [abbreviation(short) for short in unit.shorts]
            unit_conditions.append(_join(" OR ", [all_words, *(condition for condition, _ in shorts)]))
            scores.append(
                SQL("(CASE WHEN {c} THEN {s} ELSE 0 END)").format(
                    c=_join(" AND ", [condition for _, condition, _ in words]),
                    s=_join(" + ", [score for _, _, score in words]),
                )
            )
            scores.extend(score for _, score in shorts)

        # Short queries (a search box) need every unit; longer ones (questions) any.
        short_query = len(unit_conditions) <= ALL_WORDS_UP_TO
        matching = _join(" AND " if short_query else " OR ", unit_conditions)
        if short_query:  # every word in the title: the item is about it
            distinct = list(dict.fromkeys(query.folded))
            in_title = _join(" + ", [s.term("title", w, TITLE_ALL_WORDS_BOOST) for w in distinct])
            scores.append(
                SQL("(CASE WHEN {c} THEN {s} ELSE 0 END)").format(
                    c=SQL("{} @@ {}").format(s.vector("title"), p(_all(distinct), "tsquery")), s=in_title
                )
            )
        for identifier in query.identifiers:
            scores.append(s.identifier(identifier, IDENTIFIER_BOOST))
        for pair in query.pairs:
            scores.append(s.term("title", PAIR + pair, TITLE_PHRASE_BOOST))
            scores.append(s.term("text", PAIR + pair, PHRASE_BOOST))
        return s, matching, _join(" + ", scores)

    @staticmethod
    def _scope_filter(scopes: Sequence[int], p: _Params) -> sql.Composed:
        """One site (and the shared scope). `= ANY(array)`, not ORed equalities: the planner then
        puts it into each word's (scope, words) GIN index scan, which reads only the site's postings
        (ORed, it reads every site's postings of each word and the scope apart: 6 times slower at
        25 sites)."""
        return SQL("d.scope = ANY({})").format(p([int(scope) for scope in scopes], "integer[]"))

    def _filters(self, request: SearchRequest, p: _Params) -> list[sql.Composed]:
        filters = [self._scope_filter(request.scopes, p)] if request.scopes else []
        if request.groups:
            filters.append(SQL("d.groups && {}").format(p([_clean(g) for g in request.groups], "text[]")))
        if request.kinds:
            filters.append(SQL("d.kind = ANY({})").format(p([_clean(k) for k in request.kinds], "text[]")))
        if request.date_from:
            filters.append(SQL("d.day >= {}").format(p(_day(request.date_from), "integer")))
        if request.date_to:
            filters.append(SQL("d.day <= {}").format(p(_day(request.date_to), "integer")))
        return filters

    def search(self, request: SearchRequest) -> SearchResult:
        query = self._parse(request.query)
        if query is None:
            return SearchResult()
        stats = self._statistics(query, tuple(request.scopes))
        if stats.count == 0:
            return SearchResult(highlight_terms=query.highlight)
        p = _Params()
        scoring, matching, score = self._scoring(query, stats, p)
        parts = {
            "t": self._table,
            "where": SQL(" AND ").join([matching, *self._filters(request, p)]),
            "limit": p(max(request.limit, 0), "integer"),
            "offset": p(max(request.offset, 0), "integer"),
        }
        if request.sort == "newest":
            statement = SQL(
                "SELECT d.key, 0.0::float8, count(*) OVER () FROM {t} AS d WHERE {where}"
                " ORDER BY d.day DESC, d.key LIMIT {limit} OFFSET {offset}"
            ).format(**parts)
        else:
            # Equal scores (to 4 decimals, as TantivyEngine rounds them) newest first.
            statement = SQL(
                "SELECT s.key, s.score, s.total FROM ("
                "SELECT d.key, d.day, {score}::float8 AS score, count(*) OVER () AS total"
                " FROM {t} AS d {lateral} WHERE {where}"
                ") AS s ORDER BY round(s.score::numeric, 4) DESC, s.day DESC, s.key LIMIT {limit} OFFSET {offset}"
            ).format(score=score, lateral=scoring.lateral(), **parts)
        rows = self._read(statement, p.values)
        if rows:
            total = rows[0][2]
        elif request.offset > 0:  # a page past the end: count apart
            total = self._read(SQL("SELECT count(*) FROM {t} AS d WHERE {where}").format(**parts), p.values)[0][0]
        else:
            total = 0
        return SearchResult(
            hits=[Hit(key=key, score=float(score)) for key, score, _ in rows],
            total=total,
            highlight_terms=query.highlight,
        )

    def suggest(self, prefix: str, limit: int = 8, scopes: Sequence[int] = ()) -> list[Hit]:
        """Titles whose words start with the typed words, the last one possibly unfinished."""
        words = [analysis.fold(w) for w in analysis.WORD.findall(analysis.normalize(prefix[:100]))][:8]
        if not words or any(len(w) > MAX_LEXEME_CHARS for w in words):
            return []
        p = _Params()
        tsquery = " <-> ".join([*map(_quote, words[:-1]), _quote(words[-1]) + ":*"])
        conditions = [SQL("d.title_tsv @@ {}").format(p(tsquery, "tsquery"))]
        if scopes:
            conditions.append(self._scope_filter(scopes, p))
        statement = SQL("SELECT d.key FROM {t} AS d WHERE {where} ORDER BY d.day DESC, d.key LIMIT {limit}").format(
            t=self._table, where=SQL(" AND ").join(conditions), limit=p(max(limit, 0), "integer")
        )
        rows = self._read(statement, p.values)
        return [Hit(key=key, score=0.0) for (key,) in rows]
