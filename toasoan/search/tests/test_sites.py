"""Search per site: each site's search finds its own pages only, on both engines, and the scope
follows pages and sites as they change."""

import datetime
import uuid

import psycopg
import pytest
from wagtail.models import Page, Site

from toasoan.news.models import HomePage, SectionPage
from toasoan.search import selectors, services
from toasoan.search.backends import get_engine, reset_engines
from toasoan.search.engine import IndexDoc, SearchRequest
from toasoan.search.engine.postgres_engine import PostgresEngine
from toasoan.search.engine.tantivy_engine import TantivyEngine
from toasoan.search.models import SCOPE_NO_SITE, SCOPE_SHARED, SearchEntry
from toasoan.search.sync import sync_engine

pytestmark = pytest.mark.django_db

A, B = "localhost", "so-b.localhost"
WORDS = "Hội nghị cải cách hành chính năm 2024"


@pytest.fixture(params=["tantivy", "postgres"])
def engine_name(request, settings):
    if request.param == "postgres":
        dsn = request.getfixturevalue("postgres_dsn")
        table = f"search_sites_{uuid.uuid4().hex[:8]}"
        settings.TOASOAN_SEARCH = {"BACKEND": "postgres", "DSN": dsn, "TABLE": table, "SYNC": "immediate"}
        reset_engines()
        yield "postgres"
        reset_engines()
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
    else:
        yield "tantivy"


def add_site(hostname: str, title: str) -> tuple[Site, SectionPage]:
    home = Page.get_first_root_node().add_child(instance=HomePage(title=title, slug=hostname.split(".")[0]))
    site = Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=title)
    return site, home.add_child(instance=SectionPage(title="Tin tức", slug="tin-tuc"))


@pytest.fixture
def two_sites(engine_name, home, section, make_article):
    """The same words on two sites."""
    site_b, section_b = add_site(B, "Sở B")
    a = make_article(section, f"{WORDS} của sở A", date=datetime.date(2024, 3, 1))
    b = make_article(section_b, f"{WORDS} của sở B", date=datetime.date(2024, 3, 2))
    return {"a": a, "b": b, "site_b": site_b, "section_b": section_b}


def titles(client, host: str, q: str = "cai cach hanh chinh") -> list[str]:
    response = client.get("/tim-kiem/", {"q": q}, HTTP_HOST=host)
    assert response.status_code == 200
    return [entry.title for entry in response.context["results"]]


def test_each_site_finds_its_own_pages_only(client, two_sites):
    assert titles(client, A) == [f"{WORDS} của sở A"]
    assert titles(client, B) == [f"{WORDS} của sở B"]
    assert titles(client, "127.0.0.1") == [f"{WORDS} của sở A"]  # the default site answers other hosts


def test_suggestions_are_per_site(client, two_sites):
    for host, own in ((A, "sở A"), (B, "sở B")):
        suggestions = client.get("/tim-kiem/goi-y/", {"q": "hoi nghi cai"}, HTTP_HOST=host).json()["suggestions"]
        assert [s["title"] for s in suggestions] == [f"{WORDS} của {own}"]


def test_an_alias_of_a_site_searches_the_same_pages(client, two_sites):
    Site.objects.create(hostname="www.so-b.localhost", port=80, root_page=two_sites["site_b"].root_page)
    assert titles(client, "www.so-b.localhost") == [f"{WORDS} của sở B"]


def test_a_page_moved_to_another_site_is_found_there(client, two_sites):
    two_sites["a"].move(two_sites["section_b"], pos="last-child")
    assert titles(client, A) == []
    assert sorted(titles(client, B)) == [f"{WORDS} của sở A", f"{WORDS} của sở B"]


def test_a_deleted_site_takes_its_pages_out_of_every_search(client, two_sites):
    two_sites["site_b"].delete()
    assert SearchEntry.objects.get(page=two_sites["b"]).scope == SCOPE_NO_SITE
    assert titles(client, B) == [f"{WORDS} của sở A"]  # B's host now reaches the default site


def test_a_site_given_another_root_searches_under_it(client, two_sites, section):
    site_b = two_sites["site_b"]
    site_b.root_page = section  # a sub-site of the default one: its section's pages are its own
    site_b.save()
    assert titles(client, B) == [f"{WORDS} của sở A"]
    assert titles(client, A) == []  # the nearest site root above a page owns it


def test_rescoping_repairs_entries_and_the_engine(client, two_sites):
    """Sites changed behind Django's back (SQL, a bulk loader): rescope_entries() puts entries
    right, and they reach the engine through the outbox like any other change."""
    entry = SearchEntry.objects.get(page=two_sites["b"])
    entry.scope = Site.objects.get(hostname=A).root_page_id
    entry.save()
    sync_engine()
    assert titles(client, B) == []
    assert services.rescope_entries() == 1
    assert titles(client, B) == [f"{WORDS} của sở B"]


def test_bulk_loaders_get_the_same_scope_as_index_object(two_sites):
    roots = services.site_roots()
    for page in (two_sites["a"], two_sites["b"]):
        entry = SearchEntry.objects.get(page=page)
        assert services.entry_extra_fields(page, roots) == {"scope": entry.scope}
    assert SearchEntry.objects.get(page=two_sites["b"]).scope == two_sites["site_b"].root_page_id


def test_shared_entries_are_found_on_every_site(two_sites):
    engine = get_engine()
    engine.upsert([IndexDoc(key="x:1", title=f"{WORDS} chung", text="", scope=SCOPE_SHARED)])
    engine.commit()
    for root in (two_sites["site_b"].root_page_id, Site.objects.get(hostname=A).root_page_id):
        keys = {hit.key for hit in engine.search(SearchRequest("cai cach", scopes=(root, SCOPE_SHARED))).hits}
        assert "x:1" in keys and len(keys) == 2
    assert len(engine.search(SearchRequest("cai cach")).hits) == 3  # unscoped: every site


def test_postgres_scoped_search_uses_the_scope_and_words_index(postgres_dsn):
    table = f"search_plan_{uuid.uuid4().hex[:8]}"
    engine = PostgresEngine(postgres_dsn, table=table)
    try:
        engine.upsert(
            IndexDoc(key=f"k{n}", title=f"Tin số {n} cải cách", text="hành chính", scope=n % 50) for n in range(500)
        )
        engine.commit()
        assert len(engine.search(SearchRequest("cai cach", scopes=(7,), limit=50)).hits) == 10
        with psycopg.connect(postgres_dsn, autocommit=True) as conn:
            conn.execute("SET enable_seqscan = off")
            plan = "\n".join(
                row[0]
                for row in conn.execute(
                    f"EXPLAIN SELECT key FROM {table} AS d WHERE (d.title_tsv @@ 'cai'::tsquery"
                    " OR d.text_tsv @@ 'cai'::tsquery) AND (d.scope = 7)"
                )
            )
        # The (scope, words) GIN indexes: only the site's rows are read, whichever way is cheaper.
        assert f"{table}_scope_t" in plan and "Seq Scan" not in plan, plan
    finally:
        engine.close()
        with psycopg.connect(postgres_dsn, autocommit=True) as conn:
            conn.execute(f"DROP TABLE IF EXISTS {table}")


def test_engines_made_before_sites_are_upgraded_and_refilled(postgres_dsn, tmp_path):
    table = f"search_old_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        conn.execute(
            f"CREATE TABLE {table} (key text PRIMARY KEY, title text NOT NULL DEFAULT '',"
            " title_tsv tsvector NOT NULL DEFAULT '', text_tsv tsvector NOT NULL DEFAULT '',"
            " lengths integer[] NOT NULL, norms integer[] NOT NULL, ids text[] NOT NULL DEFAULT ARRAY[]::text[],"
            " groups text[] NOT NULL DEFAULT ARRAY[]::text[], kind text NOT NULL DEFAULT '',"
            " day integer NOT NULL DEFAULT 0)"
        )
    try:
        engine = PostgresEngine(postgres_dsn, table=table)
        assert engine.created  # the caller re-indexes everything, scope included
        engine.upsert([IndexDoc(key="a", title="cải cách", text="", scope=5)])
        engine.commit()
        assert [h.key for h in engine.search(SearchRequest("cai cach", scopes=(5,))).hits] == ["a"]
        engine.close()
        assert not PostgresEngine(postgres_dsn, table=table).created
    finally:
        with psycopg.connect(postgres_dsn, autocommit=True) as conn:
            conn.execute(f"DROP TABLE IF EXISTS {table}")

    import tantivy

    path = tmp_path / "old-index"
    path.mkdir()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    old = tantivy.Index(builder.build(), path=str(path))
    writer = old.writer()
    writer.add_document(tantivy.Document(key="old"))
    writer.commit()
    engine = TantivyEngine(path)
    assert engine.created and engine.search(SearchRequest("old")).hits == []
    engine.upsert([IndexDoc(key="a", title="cải cách", text="", scope=5)])
    engine.commit()
    assert [h.key for h in engine.search(SearchRequest("cai cach", scopes=(5,))).hits] == ["a"]
    assert not TantivyEngine(path).created


def test_selectors_scope_for_a_request(rf, two_sites):
    request = rf.get("/tim-kiem/", HTTP_HOST=B)
    assert selectors.scopes_for_request(request) == (two_sites["site_b"].root_page_id, SCOPE_SHARED)


def test_the_section_filter_lists_the_searched_sites_sections(client, two_sites):
    response = client.get("/tim-kiem/", {"q": "cai cach"}, HTTP_HOST=B)
    (sections,) = [f["choices"] for f in response.context["filters"] if f["spec"].name == "chuyen-muc"]
    assert sections == [(f"section:{two_sites['section_b'].pk}", "Tin tức")]


def test_postgres_ranks_a_sites_search_as_the_site_alone_would(postgres_dsn):
    """BM25 statistics of a scoped search are the site's: the same scores as an index holding
    only that site's documents (and counting a new word costs the site's matches only)."""
    site = [IndexDoc(key=f"a{n}", title=f"Cải cách hành chính {n}", text="cải cách " * n, scope=1) for n in range(1, 6)]
    others = [IndexDoc(key=f"b{n}", title="Cải cách thủ tục", text="hành chính " * 3, scope=2) for n in range(40)]
    tables = [f"search_rank_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    many, alone = (PostgresEngine(postgres_dsn, table=table) for table in tables)
    try:
        many.upsert(site + others)
        alone.upsert(site)
        for engine in (many, alone):
            engine.commit()
        scoped = many.search(SearchRequest("cải cách hành chính", scopes=(1, SCOPE_SHARED)))
        single = alone.search(SearchRequest("cải cách hành chính"))
        assert [(h.key, round(h.score, 6)) for h in scoped.hits] == [(h.key, round(h.score, 6)) for h in single.hits]
        assert scoped.total == 5
    finally:
        for engine in (many, alone):
            engine.close()
        with psycopg.connect(postgres_dsn, autocommit=True) as conn:
            for table in tables:
                conn.execute(f"DROP TABLE IF EXISTS {table}")
