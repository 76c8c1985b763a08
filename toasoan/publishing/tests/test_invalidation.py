"""Every page that shows a change is fresh after it commits: fetched through the real WSGI stack
(page cache in front of Django), before and after each kind of change."""

import datetime

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from wagtail.models import PageViewRestriction, Site

from toasoan.core.models import AgencySettings, MenuItem
from toasoan.publishing import pagecache
from toasoan.publishing.pagecache.app import PageCacheApp
from toasoan.publishing.pagecache.keys import PageKey

from .wsgi_client import call

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(page_store):
    return PageCacheApp(WSGIHandler(), page_store, pagecache.rules(), 2_000_000)


@pytest.fixture
def newsroom(section, other_section, make_article):
    """12 articles in one section (two pages of 10), one in another."""
    articles = {n: make_article(section, f"Bài số {n}", date=datetime.date(2022, 1, n)) for n in range(1, 13)}
    make_article(other_section, "Tin khoa học", date=datetime.date(2022, 1, 20))
    return articles


def urls_showing(article, newer_neighbour) -> list[str]:
    """Every URL on which an old article (day 2, on the section's second page) appears."""
    day = article.display_date
    return [
        article.url,
        newer_neighbour.url,  # its "Các tin khác"
        "/cai-cach-hanh-chinh/?page=2",
        f"/tin-theo-ngay/{day:%Y-%m-%d}/",
        f"/tin-theo-ngay/{day:%Y-%m}/",
    ]


def warm(app, urls):
    for url in urls:
        call(app, url)
        assert call(app, url).headers.get("x-cache") == "HIT", url


def assert_everywhere(app, urls, present=(), absent=()):
    for url in urls:
        response = call(app, url)
        assert response.status == 200, (url, response.status)
        for text in present:
            assert text in response.text, (url, text)
        for text in absent:
            assert text not in response.text, (url, text)


def test_editing_an_article_refreshes_every_page_that_lists_it(app, newsroom, committed):
    article, neighbour = newsroom[2], newsroom[5]
    urls = urls_showing(article, neighbour)
    warm(app, urls + ["/", "/cai-cach-hanh-chinh/"])
    assert_everywhere(app, urls, present=["Bài số 2"])

    with committed():
        article.title = "Bài số 2 (đã đính chính)"
        article.save_revision().publish()

    assert_everywhere(app, urls, present=["Bài số 2 (đã đính chính)"])


def test_publishing_a_new_article_shows_on_home_section_and_date_pages(app, newsroom, section, make_article, committed):
    urls = ["/", "/cai-cach-hanh-chinh/", "/tin-theo-ngay/2022-01-31/", "/tin-theo-ngay/2022-01/"]
    warm(app, urls)
    with committed():
        make_article(section, "Tin nóng vừa đăng", date=datetime.date(2022, 1, 31))
    assert_everywhere(app, urls, present=["Tin nóng vừa đăng"])


def test_unpublishing_removes_it_everywhere_and_withdraws_its_outage_copy(app, newsroom, committed, page_store):
    article, neighbour = newsroom[2], newsroom[5]
    urls = urls_showing(article, neighbour)
    warm(app, urls)
    assert page_store.get_static(PageKey("localhost", article.url)) is not None

    with committed():
        article.unpublish()

    assert call(app, article.url).status == 404
    assert_everywhere(app, urls[1:3], absent=["Bài số 2<"])
    assert page_store.get_static(PageKey("localhost", article.url)) is None
    assert page_store.get_static(PageKey("localhost", neighbour.url)) is not None


def test_moving_an_article_updates_both_sections(app, newsroom, other_section, committed):
    article = newsroom[12]
    old_url = article.url
    urls = ["/", "/cai-cach-hanh-chinh/", "/khoa-hoc-cong-nghe/", old_url]
    warm(app, urls)

    with committed():
        article.move(other_section, pos="last-child")

    article.refresh_from_db()
    assert "Bài số 12" not in call(app, "/cai-cach-hanh-chinh/").text
    assert "Bài số 12" in call(app, "/khoa-hoc-cong-nghe/").text
    moved = call(app, old_url)  # Wagtail leaves a redirect from the old address
    assert (moved.status, moved.headers["location"]) == (301, article.url)
    assert call(app, article.url).status == 200
    assert page_store_missing(app, old_url)


def page_store_missing(app, url) -> bool:
    return app.store.get_static(PageKey("localhost", url)) is None


def test_deleting_an_article(app, newsroom, committed):
    article, neighbour = newsroom[2], newsroom[5]
    urls = urls_showing(article, neighbour)
    warm(app, urls)
    with committed():
        article.delete()
    assert call(app, urls[0]).status == 404
    assert_everywhere(app, urls[1:], absent=["Bài số 2<"])
    assert page_store_missing(app, urls[0])


def test_site_settings_and_menu_refresh_every_page(app, newsroom, committed):
    urls = ["/", "/cai-cach-hanh-chinh/", newsroom[3].url, "/tin-theo-ngay/2022-01/"]
    warm(app, urls)
    settings = AgencySettings.for_site(Site.objects.get(is_default_site=True))

    with committed():
        settings.name = "Sở Khoa học và Công nghệ tỉnh Thử Nghiệm"
        settings.save()
    assert_everywhere(app, urls, present=["Sở Khoa học và Công nghệ tỉnh Thử Nghiệm"])

    with committed():
        MenuItem.objects.create(settings=settings, label="Lịch công tác tuần", url="/lich-cong-tac/", sort_order=9)
    assert_everywhere(app, urls, present=["Lịch công tác tuần"])


def test_view_restriction_hides_the_cached_page(app, newsroom, committed):
    article = newsroom[12]
    warm(app, [article.url])
    with committed():
        PageViewRestriction.objects.create(page=article, restriction_type="password", password="mat-khau-rieng")
    response = call(app, article.url)
    assert "Nội dung bài viết" not in response.text
    assert page_store_missing(app, article.url)


def test_saving_a_draft_keeps_the_cache(app, newsroom, committed, page_store):
    article = newsroom[12]
    warm(app, [article.url])
    with committed():
        generation = page_store.generation()
        article.title = "Bản nháp chưa duyệt"
        article.save_revision()
    assert page_store.generation() == generation
    assert "Bản nháp chưa duyệt" not in call(app, article.url).text


def test_a_rolled_back_change_does_not_invalidate(app, newsroom, page_store):
    from django.db import transaction

    pending, connection.run_on_commit = connection.run_on_commit, []
    for _, callback, _ in pending:
        callback()
    generation = page_store.generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        newsroom[1].save_revision().publish()
        raise RuntimeError
    assert page_store.generation() == generation


def test_models_that_never_show_publicly_keep_the_cache(committed, page_store):
    from toasoan.publishing import invalidation

    class Private:
        page_cache_ignore = True
        _meta = AgencySettings._meta  # any label: the attribute alone decides

    generation = page_store.generation()
    with committed():
        invalidation._on_change(sender=Private, instance=None)
    assert page_store.generation() == generation
    with committed():
        invalidation._on_change(sender=AgencySettings, instance=None)
    assert page_store.generation() != generation
