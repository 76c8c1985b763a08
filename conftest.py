"""Fixtures shared by every app's tests: a site with a home page and sections, and article factories."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Site

from toasoan.news.models import ArticlePage, HomePage, SectionPage


@pytest.fixture
def home(db) -> HomePage:
    root = Page.get_first_root_node()
    for placeholder in Page.objects.filter(depth=2):
        Site.objects.filter(root_page=placeholder).delete()
        placeholder.delete()
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu"))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Thử nghiệm")
    return home


@pytest.fixture
def section(home) -> SectionPage:
    return home.add_child(instance=SectionPage(title="Cải cách hành chính", slug="cai-cach-hanh-chinh"))


@pytest.fixture
def other_section(home) -> SectionPage:
    return home.add_child(instance=SectionPage(title="Khoa học - Công nghệ", slug="khoa-hoc-cong-nghe"))


@pytest.fixture
def make_article():
    """make_article(section, title, date=..., body="...", live=True) -> a published (or draft) article."""

    def make(
        section: SectionPage,
        title: str,
        date: datetime.date = datetime.date(2022, 1, 10),
        body: str = "Nội dung bài viết.",
        live: bool = True,
        **fields,
    ) -> ArticlePage:
        article = ArticlePage(
            title=title,
            display_date=date,
            body=[("paragraph", f"<p>{body}</p>")],
            first_published_at=timezone.make_aware(datetime.datetime.combine(date, datetime.time(8))),
            live=False,
            **fields,
        )
        section.add_child(instance=article)
        revision = article.save_revision()
        if live:
            revision.publish()
        article.refresh_from_db()
        return article

    return make


@pytest.fixture(autouse=True)
def search_index(tmp_path, settings):
    """Every test searches its own, empty index."""
    from toasoan.search.backends import reset_engines

    settings.TOASOAN_SEARCH = {**settings.TOASOAN_SEARCH, "PATH": str(tmp_path / "search-index")}
    reset_engines()
    yield settings.TOASOAN_SEARCH["PATH"]
    reset_engines()


@pytest.fixture
def page_store(tmp_path, settings):
    """A fresh page-cache file store for this test, used by the signal handlers and the WSGI wrapper."""
    from toasoan.publishing import pagecache

    settings.TOASOAN_PAGE_CACHE = {**settings.TOASOAN_PAGE_CACHE, "PATH": str(tmp_path / "pagecache")}
    pagecache.reset()
    yield pagecache.get_store()
    pagecache.reset()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as its own committed transaction, on_commit callbacks included."""
    from contextlib import contextmanager

    from django.db import connection

    @contextmanager
    def block():
        # What the fixtures left pending would have run when their own transactions committed.
        pending, connection.run_on_commit = connection.run_on_commit, []
        for _, callback, _ in pending:
            callback()
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return block


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin_client, verified by a second factor: the admin requires it."""
    from django.test import Client

    from toasoan.trust.testing import staff_login

    client = Client()
    staff_login(client, admin_user)
    return client


@pytest.fixture
def run_tasks():
    """Run every queued durable task, as `manage.py db_worker --backend durable --batch` does."""

    def run() -> None:
        call_command(
            "db_worker",
            "--backend",
            "durable",
            "--batch",
            "--queue-name",
            "*",
            "--no-startup-delay",
            "--no-reload",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )

    return run


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (bin/test runs `-n 2 --dist loadgroup`), every test that starts servers
    or a browser runs on the same worker: the cluster, the prepared templates and the browser are
    then made once, and the in-process tests share out the other core."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if item.get_closest_marker("browser") or item.get_closest_marker("servers") or "tests/cluster/" in item.nodeid:
            item.add_marker(pytest.mark.xdist_group("servers"))
