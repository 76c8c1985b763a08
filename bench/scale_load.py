"""Bulk loader for bench/scale.py: N agency sites x M published articles of real Vietnamese news,
in minutes instead of the hours the importer would take (it makes ~8 articles/s).

    DATABASE_URL=postgres://... .venv/bin/python -m bench.scale_load --sites 50 --per-site 2000

Runs in its own process, on the database the environment names (bin/prepare has run on it):
1. each site: a HomePage root, four SectionPages and the Site (hostname sNN.scale.localhost) -
   through the "sites" helper's service when toasoan.core has one, else with the ORM;
2. the articles: rows copied from the seed article's (wagtailcore_page + news_articlepage:
   multi-table inheritance) with treebeard materialized paths computed here, bulk inserted;
   no revisions (bench/serve.py does the same);
3. search: SearchEntry rows from the registered to_document function (the same documents
   publishing would index) and search.services.entry_extra_fields (the site scope), bulk
   created; then the engine's own upsert for every unsynced entry, in parallel processes (what
   search.sync does after a commit, one process).

Site i gets articles [(i - 1) * M, i * M) of the baomoi sample, cycling over its 20,000 rows, so
site 1 has the same 2,000 articles in a one-site and in a fifty-site database."""

import argparse
import datetime
import html
import json
import os
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

BAOMOI = REPO.parent / "shared" / "data" / "magizbox__scraper" / "baomoi_vn_news_sample20k.jsonl"
SECTIONS = ["Tin hoạt động", "Cải cách hành chính", "Chuyển đổi số", "Thông báo"]
HOST_PATTERN = "s{:02d}.scale.localhost"
IMPORT_KEY = "bench-scale:{site}:{index}"
START = datetime.datetime(2019, 1, 1, 7, 0)


def hostname(site: int) -> str:
    return HOST_PATTERN.format(site)


def articles_of_site(site: int, per_site: int) -> Iterator[tuple[str, str, str, str]]:
    """(title, sapo, body HTML, source URL) of site `site` (1-based): baomoi rows with a title and
    a body, from (site - 1) * per_site on, cycling."""
    rows = usable_rows()
    first = (site - 1) * per_site
    for k in range(per_site):
        yield rows[(first + k) % len(rows)]


_ROWS: list[tuple[str, str, str, str]] = []


def usable_rows() -> list[tuple[str, str, str, str]]:
    if not _ROWS:
        with BAOMOI.open(encoding="utf-8") as source:
            for line in source:
                row = json.loads(line)
                paragraphs = [p.strip() for p in row["body"].split("\n") if p.strip()]
                if not row["title"].strip() or not paragraphs:
                    continue
                body = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
                _ROWS.append((row["title"].strip()[:250], row.get("sapo", "").strip(), body, row["url"]))
    return _ROWS


# Sites ---------------------------------------------------------------------------------------------
def create_site(number: int):
    """Site `number` with its root and sections; returns (Site, [SectionPage]). Through the
    "sites" helper's service (manage.py create_agency_site: sections, groups, workflow...) when
    toasoan.core has it, else a HomePage, SECTIONS and the Site with the ORM."""
    from wagtail.models import Page, Site

    from toasoan.core.models import AgencySettings
    from toasoan.news.models import HomePage, SectionPage
    from toasoan.news.services import section_get_or_create

    name = f"Sở thử nghiệm số {number:02d}"
    try:
        from toasoan.core.sites import agency_site_create
    except ImportError:
        agency_site_create = None
    if agency_site_create is not None:
        site = agency_site_create(hostname=hostname(number), name=name, port=80).site
    else:
        home = HomePage(title=name, slug=f"scale-{number:02d}", live=True)
        Page.get_first_root_node().add_child(instance=home)
        site = Site.objects.create(hostname=hostname(number), port=80, root_page=home, site_name=name)
        AgencySettings.objects.update_or_create(site=site, defaults={"name": name})
    home = site.root_page.specific
    if not SectionPage.objects.child_of(home).exists():
        for title in SECTIONS:
            section_get_or_create(title=title, home=home)
    return site, list(SectionPage.objects.child_of(home).order_by("path"))


# Articles ------------------------------------------------------------------------------------------
def insert_rows(table: str, columns: list[str], rows: list[list]) -> None:
    from django.db import connection

    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608 (our names)


def templates() -> tuple[list[str], dict, list[str], dict]:
    """Column names and values of the seed article's two rows (what bulk rows are copied from)."""
    from django.db import connection

    from toasoan.news.models import ArticlePage

    seed = ArticlePage.objects.filter(live=True).order_by("pk").first()
    if seed is None:
        raise RuntimeError("no article to copy from: run bin/prepare (load_demo) first")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM wagtailcore_page WHERE id = %s", [seed.pk])
        page_columns = [c[0] for c in cursor.description]
        page_values = dict(zip(page_columns, cursor.fetchone(), strict=True))
        cursor.execute("SELECT * FROM news_articlepage WHERE page_ptr_id = %s", [seed.pk])
        article_columns = [c[0] for c in cursor.description]
        article_values = dict(zip(article_columns, cursor.fetchone(), strict=True))
    return page_columns, page_values, article_columns, article_values


def load_articles(number: int, sections: list, per_site: int, template: tuple, next_id: int) -> list[int]:
    """Bulk insert site `number`'s articles, spread over its sections; returns their ids."""
    from django.db import connection

    from toasoan.core.vietnamese import slugify
    from toasoan.news.models import ArticlePage

    page_columns, page_template, article_columns, article_template = template
    pages, articles, ids = [], [], []
    added = {section.pk: 0 for section in sections}
    for index, (title, sapo, body, url) in enumerate(articles_of_site(number, per_site)):
        section = sections[index % len(sections)]
        added[section.pk] += 1
        page_id = next_id + index
        slug = f"{slugify(title, max_length=80)}-{index}"
        published = START + datetime.timedelta(hours=4 * index)
        stamp = published.strftime("%Y-%m-%d %H:%M:%S+07:00")
        page = dict(page_template)
        page.update(
            id=page_id,
            path=ArticlePage._get_path(section.path, section.depth + 1, section.numchild + added[section.pk]),
            depth=section.depth + 1,
            numchild=0,
            title=title,
            draft_title=title,
            slug=slug,
            url_path=f"{section.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=stamp,
            last_published_at=stamp,
            latest_revision_created_at=None,
            live_revision_id=None,
            latest_revision_id=None,
            locked=False,
            locked_at=None,
            locked_by_id=None,
            go_live_at=None,
            expire_at=None,
            expired=False,
            translation_key=uuid.uuid4().hex,
        )
        article = dict(article_template)
        article.update(
            page_ptr_id=page_id,
            sapo=sapo,
            body=json.dumps([{"type": "paragraph", "value": body, "id": str(uuid.uuid4())}], ensure_ascii=False),
            author="",
            display_date=published.date().isoformat(),
            is_featured=False,
            import_key=IMPORT_KEY.format(site=number, index=index),
            source_url=url,
            featured_image_id=None,
            featured_image_alt="",
        )
        pages.append([page[c] for c in page_columns])
        articles.append([article[c] for c in article_columns if c in article])
        ids.append(page_id)
    insert_rows("wagtailcore_page", page_columns, pages)
    insert_rows("news_articlepage", article_columns, articles)
    with connection.cursor() as cursor:
        for pk, count in added.items():
            cursor.execute("UPDATE wagtailcore_page SET numchild = numchild + %s WHERE id = %s", [count, pk])
    return ids


# Search --------------------------------------------------------------------------------------------
def search_entries(ids: list[int], sections: list) -> list:
    """SearchEntry objects for these articles, from the registered to_document (the same document
    publishing would index) and the search app's own extra values (the site scope) when it has them."""
    from django.contrib.contenttypes.models import ContentType

    from toasoan.news.models import ArticlePage
    from toasoan.search import services
    from toasoan.search.models import SearchEntry
    from toasoan.search.registry import registration_for

    registration = registration_for(ArticlePage)
    content_type = ContentType.objects.get_for_model(ArticlePage, for_concrete_model=False)
    parents = {section.path: section for section in sections}
    extra = getattr(services, "entry_extra_fields", None)
    roots = services.site_roots() if hasattr(services, "site_roots") else None
    entries = []
    for article in ArticlePage.objects.filter(pk__in=ids).order_by("pk").iterator(chunk_size=500):
        # to_document asks each article for its parent: one query each; they are known here.
        parent = parents[article.path[: -ArticlePage.steplen]]
        article.get_parent = lambda parent=parent: parent
        document = registration.to_document(article)
        values = {
            "content_type": content_type,
            "object_id": article.pk,
            "page_id": article.pk,
            "title": document.title,
            "text": document.text,
            "date": document.date,
            "groups": " ".join(document.groups),
            "synced": False,
        }
        if extra is not None:
            values.update(extra(article, roots) if roots is not None else extra(article))
        entries.append(SearchEntry(**values))
    return entries


def index_pending(jobs: int) -> int:
    """Bring the engine up to date with every unsynced entry, `jobs` processes at once, through the
    engine's own upsert (as search.sync does, in parallel: the analysis is Python, ~2 ms an article)."""
    import multiprocessing

    from django.db import connections

    from toasoan.search.backends import get_engine, reset_engines
    from toasoan.search.models import SearchEntry, SearchTombstone

    engine = get_engine()  # creates the engine's table when it is new
    tombstones = list(SearchTombstone.objects.values_list("key", flat=True))
    engine.delete(tombstones)
    engine.commit()
    ids = list(SearchEntry.objects.filter(synced=False).order_by("pk").values_list("pk", flat=True))
    connections.close_all()
    reset_engines()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        done = sum(pool.map(_index_shard, [ids[i::jobs] for i in range(jobs)]))
    SearchEntry.objects.filter(pk__in=ids).update(synced=True)
    SearchTombstone.objects.filter(key__in=tombstones).delete()
    return done


def _index_shard(ids: list[int]) -> int:
    from django.db import connections

    from toasoan.search.backends import get_engine, reset_engines
    from toasoan.search.models import SearchEntry
    from toasoan.search.sync import index_doc

    engine = get_engine()
    for start in range(0, len(ids), 500):
        entries = SearchEntry.objects.filter(pk__in=ids[start : start + 500])
        engine.upsert(index_doc(entry) for entry in entries)
    engine.commit()
    reset_engines()
    connections.close_all()
    return len(ids)


def check_entries(sample: int = 20) -> None:
    """The bulk entries equal what the search app writes itself (index_object) for a sample."""
    import random

    from django.db import transaction

    from toasoan.news.models import ArticlePage
    from toasoan.search.models import SearchEntry
    from toasoan.search.services import index_object

    fields = [f.attname for f in SearchEntry._meta.concrete_fields if f.attname not in ("id", "updated_at", "synced")]
    ids = list(ArticlePage.objects.filter(import_key__startswith="bench-scale:").values_list("pk", flat=True))
    for pk in random.Random(5).sample(ids, min(sample, len(ids))):
        bulk = SearchEntry.objects.filter(page_id=pk).values(*fields).get()
        with transaction.atomic():
            index_object(ArticlePage.objects.get(pk=pk))
            again = SearchEntry.objects.filter(page_id=pk).values(*fields).get()
            transaction.set_rollback(True)
        if bulk != again:
            changed = {k: (bulk[k], again[k]) for k in fields if bulk[k] != again[k]}
            raise RuntimeError(f"bulk search entry of page {pk} differs from index_object's: {changed}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--first", type=int, default=1, help="number of the first site to create")
    parser.add_argument("--sites", type=int, required=True, help="number of the last site")
    parser.add_argument("--per-site", type=int, required=True)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes indexing at once")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.db.models import Max
    from wagtail.models import Page

    from toasoan.search.models import SearchEntry

    began = time.monotonic()
    template = templates()
    loaded = 0
    for number in range(args.first, args.sites + 1):
        with transaction.atomic():
            site, sections = create_site(number)
            next_id = (Page.objects.aggregate(m=Max("id"))["m"] or 0) + 1
            ids = load_articles(number, sections, args.per_site, template, next_id)
            SearchEntry.objects.bulk_create(search_entries(ids, sections), batch_size=1000)
        with connection.cursor() as cursor:  # ids were given explicitly: move the sequence on
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('wagtailcore_page', 'id'), MAX(id)) FROM wagtailcore_page"
            )
        loaded += len(ids)
        elapsed = time.monotonic() - began
        print(f"  site {number:2d} {site.hostname}: {len(ids):,} articles ({elapsed:.0f} s)", flush=True)
    check_entries()
    start = time.monotonic()
    indexed = index_pending(args.jobs)
    print(f"  search engine: {indexed:,} entries indexed in {time.monotonic() - start:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    sites = args.sites - args.first + 1
    print(f"loaded {loaded:,} articles on {sites} site(s) in {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
