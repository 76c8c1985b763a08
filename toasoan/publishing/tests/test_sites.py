"""Invalidation per site: a publish refreshes its own site (and the sites registered as showing
its content), and leaves every other site's cached pages in place. Through the real WSGI stack."""

import datetime
import io

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from wagtail.models import Page, Site

from toasoan.core.models import AgencySettings
from toasoan.news.models import HomePage, SectionPage
from toasoan.publishing import invalidation, pagecache, static_copies
from toasoan.publishing.pagecache.app import PageCacheApp
from toasoan.publishing.pagecache.files import FileStore
from toasoan.publishing.pagecache.keys import PageKey

from .wsgi_client import call

pytestmark = pytest.mark.django_db

B, PROVINCE = "so-b.localhost", "tinh.localhost"


def add_site(hostname: str, title: str) -> tuple[Site, SectionPage]:
    home = Page.get_first_root_node().add_child(instance=HomePage(title=title, slug=hostname.split(".")[0]))
    site = Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=title)
    section = home.add_child(instance=SectionPage(title="Tin tức", slug="tin-tuc"))
    return site, section


@pytest.fixture
def sites(home, section, make_article, committed):
    """The default site (localhost) and two more: an agency and the province."""
    with committed():  # its invalidations done before the test caches anything
        make_article(section, "Tin của sở A", date=datetime.date(2022, 1, 3))
        b, b_section = add_site(B, "Sở B")
        make_article(b_section, "Tin của sở B", date=datetime.date(2022, 1, 4))
        province, _ = add_site(PROVINCE, "Cổng tỉnh")
        for site in Site.objects.all():
            AgencySettings.for_site(site)  # made on a site's first render otherwise, refreshing it
    return {"a": Site.objects.get(hostname="localhost"), "b": b, "province": province, "section": section}


@pytest.fixture
def app(page_store):
    return PageCacheApp(WSGIHandler(), page_store, pagecache.rules(), 2_000_000)


@pytest.fixture
def province_depends_on_every_site(sites):
    """As news registers the provincial aggregate: every site's publish refreshes the province."""

    def dependents(site):
        return [] if site.pk == sites["province"].pk else [sites["province"]]

    invalidation.register_dependents(dependents)
    yield
    invalidation._dependents.remove(dependents)


def cached(app, host: str, path: str = "/") -> None:
    call(app, path, host=host)
    assert call(app, path, host=host).headers["x-cache"] == "HIT", (host, path)


def test_a_publish_refreshes_its_site_and_leaves_the_others_cached(app, sites, make_article, committed):
    for host in ("localhost", B):
        cached(app, host)
    everything = app.store.generation()
    b_generation = app.store.generation(B)

    with committed():
        make_article(sites["section"], "Tin mới của sở A", date=datetime.date(2022, 1, 9))

    page = call(app, "/", host="localhost")
    assert page.headers["x-cache"] == "MISS" and "Tin mới của sở A" in page.text
    other = call(app, "/", host=B)
    assert other.headers["x-cache"] == "HIT" and "Tin mới của sở A" not in other.text
    assert app.store.generation(B) == b_generation and app.store.generation() == everything


def test_the_dependent_site_is_refreshed_by_any_sites_publish(
    app, sites, make_article, committed, province_depends_on_every_site
):
    for host in ("localhost", B, PROVINCE):
        cached(app, host)
    with committed():
        make_article(sites["section"], "Tin mới của sở A", date=datetime.date(2022, 1, 9))
    assert call(app, "/", host="localhost").headers["x-cache"] == "MISS"
    assert call(app, "/", host=PROVINCE).headers["x-cache"] == "MISS"
    assert call(app, "/", host=B).headers["x-cache"] == "HIT"


def test_a_sites_settings_refresh_that_site_only(app, sites, committed):
    for host in ("localhost", B):
        cached(app, host)
    with committed():
        settings = AgencySettings.for_site(sites["b"])
        settings.name = "Sở Bê mới đổi tên"
        settings.save()
    assert "Sở Bê mới đổi tên" in call(app, "/", host=B).text
    assert call(app, "/", host="localhost").headers["x-cache"] == "HIT"


def test_a_change_to_the_sites_themselves_refreshes_every_site(app, sites, committed):
    for host in ("localhost", B):
        cached(app, host)
    with committed():
        Site.objects.create(hostname="so-c.localhost", port=80, root_page=sites["b"].root_page)
    assert call(app, "/", host="localhost").headers["x-cache"] == "MISS"
    assert call(app, "/", host=B).headers["x-cache"] == "MISS"


def test_moving_a_page_to_another_site_refreshes_both(app, sites, make_article, committed):
    article = make_article(sites["section"], "Tin chuyển sang sở B", date=datetime.date(2022, 1, 9))
    for host in ("localhost", B, PROVINCE):
        cached(app, host)
    with committed():
        article.move(SectionPage.objects.get(url_path="/so-b/tin-tuc/"), pos="last-child")
    assert "Tin chuyển sang sở B" not in call(app, "/", host="localhost").text
    assert "Tin chuyển sang sở B" in call(app, "/", host=B).text
    assert call(app, "/", host=PROVINCE).headers["x-cache"] == "HIT"


def test_unpublishing_withdraws_the_outage_copy_of_its_own_site_only(app, sites, make_article, committed):
    article = make_article(sites["section"], "Tin sắp gỡ", date=datetime.date(2022, 1, 9))
    path = "/cai-cach-hanh-chinh/" + article.slug + "/"
    store = app.store
    call(app, path, host="localhost")
    # Another site with a page at the same path keeps its copy.
    store.put(store.generation(B), PageKey(B, path), store.get_static(PageKey("localhost", path)))
    with committed():
        article.unpublish()
    assert store.get_static(PageKey("localhost", path)) is None
    assert store.get_static(PageKey(B, path)) is not None


def test_hosts_no_site_names_belong_to_the_default_site(app, sites, make_article, committed):
    """The default site answers any allowed host no site names (127.0.0.1 here)."""
    for host in ("127.0.0.1", B):
        cached(app, host)
    with committed():
        make_article(sites["section"], "Tin mới của sở A", date=datetime.date(2022, 1, 9))
    assert "Tin mới của sở A" in call(app, "/", host="127.0.0.1").text
    assert call(app, "/", host=B).headers["x-cache"] == "HIT"


def test_files_layout_from_before_per_site_generations_is_taken_over(tmp_path):
    """An install upgraded in place: `current` still points at a generation holding host
    directories. The first request starts the new layout; nothing old is served."""
    root = tmp_path / "pc"
    (root / "g-old" / "localhost" / "tin").mkdir(parents=True)
    (root / "g-old" / "localhost" / "tin" / "index.html").write_text("cũ")
    (root / "current").symlink_to("g-old")
    store = FileStore(root)
    generation = store.generation("localhost")
    assert store.get(generation, PageKey("localhost", "/tin/")) is None
    assert store.generation() != "g-old" and store.hosts() == ["localhost"]
    assert (root / "current" / "localhost").resolve() == (root / "h" / generation / "localhost")
    assert store.prune(keep_seconds=0) == 1 and not (root / "g-old").exists()


def test_outage_copies_are_written_for_each_pages_own_site_hosts(app, sites, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", ".localhost"]
    todo = set(static_copies.missing_copies(static_copies.site_hosts(), limit=1000))
    assert ("so-b.localhost", "/tin-tuc/") in todo and ("localhost", "/cai-cach-hanh-chinh/") in todo
    assert ("127.0.0.1", "/cai-cach-hanh-chinh/") in todo  # the default site's other host
    assert not {(h, p) for h, p in todo if h == B and p.startswith("/cai-cach")}
    assert not {(h, p) for h, p in todo if h in ("localhost", "127.0.0.1") and p == "/tin-tuc/"}


def test_the_pagecache_command_clears_one_site(app, sites):
    for host in ("localhost", B):
        cached(app, host)
    call_command("pagecache", "clear", "--site", B, stdout=io.StringIO())
    assert call(app, "/", host=B).headers["x-cache"] == "MISS"
    assert call(app, "/", host="localhost").headers["x-cache"] == "HIT"


def test_pages_shown_on_every_site_refresh_every_site(app, sites, make_article, committed, monkeypatch):
    """Legal documents: any site's articles auto-link to them."""
    from toasoan.documents.models import LegalDocumentPage
    from toasoan.news.models import ArticlePage

    assert LegalDocumentPage.page_cache_all_sites
    monkeypatch.setattr(ArticlePage, "page_cache_all_sites", True, raising=False)
    for host in ("localhost", B):
        cached(app, host)
    with committed():
        make_article(sites["section"], "Tin mới của sở A", date=datetime.date(2022, 1, 9))
    assert call(app, "/", host=B).headers["x-cache"] == "MISS"


def test_what_each_kind_of_row_refreshes(sites, make_article):
    from toasoan.core.models import MenuItem
    from toasoan.documents.models import DocumentType
    from toasoan.news.models import ArticlePageTag

    b = sites["b"]
    article = make_article(sites["section"], "Tin có thẻ", date=datetime.date(2022, 1, 9))
    assert invalidation._scope(MenuItem(settings=AgencySettings.for_site(b))) == {b.pk}
    assert invalidation._scope(AgencySettings.for_site(b)) == {b.pk}
    assert invalidation._scope(ArticlePageTag(content_object=article)) == {sites["a"].pk}
    assert invalidation._scope(article) == {sites["a"].pk}
    assert invalidation._scope(DocumentType(name="Kế hoạch")) is invalidation.EVERY_SITE
    assert invalidation._scope(b) is invalidation.EVERY_SITE


def test_when_the_sites_cannot_be_read_after_the_commit_every_site_is_refreshed(page_store, monkeypatch):
    def broken(site_ids):
        raise RuntimeError("database gone")

    monkeypatch.setattr(invalidation, "hosts_of", broken)
    before = page_store.generation()
    pending = invalidation._Pending()
    pending.add({1})
    pending()
    assert page_store.generation() != before
