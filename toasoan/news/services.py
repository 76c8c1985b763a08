"""Write-side operations on news. Commands and views call these; they never touch pages directly."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.models import Page

from toasoan.core.vietnamese import slugify

from .models import ArticlePage, SectionPage

# Imported articles get a first-publication time on their own day, so "Các tin khác" keeps
# the order of the source rather than the order of the import run.
IMPORTED_PUBLISH_TIME = datetime.time(8, 0)


@dataclass(frozen=True)
class ArticleData:
    title: str
    date: datetime.date
    body_html: str
    author: str = ""
    sapo: str = ""
    source_url: str = ""
    # Only applied when the article is created: re-imports keep the editors' choice.
    featured: bool = False


def import_key_for(data: ArticleData) -> str:
    """Identity of an imported article: its source URL, or else its title and date."""
    if data.source_url:
        return data.source_url
    return f"{slugify(data.title)}|{data.date.isoformat()}"


def clean_body_html(html: str) -> str:
    """Keep only what Wagtail's rich text editor allows: no scripts, styles or foreign markup."""
    return EditorHTMLConverter(features=None).to_database_format(html)


@transaction.atomic
def article_import(*, section: SectionPage, data: ArticleData) -> tuple[ArticlePage, bool]:
    """Create or update (by import key) one published article. All or nothing."""
    key = import_key_for(data)
    article = ArticlePage.objects.filter(import_key=key).first()
    created = article is None
    if created:
        # BasePage gives it a unique Vietnamese slug from the title when it is added.
        article = ArticlePage(import_key=key, is_featured=data.featured)
    else:
        article = article.get_latest_revision_as_object()
    article.title = data.title
    article.sapo = data.sapo
    article.author = data.author
    article.source_url = data.source_url
    article.display_date = data.date
    article.body = [("paragraph", clean_body_html(data.body_html))]
    published_at = timezone.make_aware(datetime.datetime.combine(data.date, IMPORTED_PUBLISH_TIME))
    if created or article.first_published_at is None:
        article.first_published_at = published_at
    if created:
        section.add_child(instance=article)
    else:
        article.save()
    article.save_revision(log_action=True).publish()
    return article, created


def default_home() -> Page:
    """The home page of the default site, under which sections live."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise LookupError(
            "Chưa có trang web mặc định: hãy chạy “manage.py load_demo” hoặc tạo Site trong trang quản trị."
        )
    return site.root_page


@transaction.atomic
def section_get_or_create(*, title: str, home: Page | None = None) -> tuple[SectionPage, bool]:
    home = home or default_home()
    section = SectionPage.objects.child_of(home).filter(title=title).first()
    if section is not None:
        return section, False
    section = SectionPage(title=title)
    home.add_child(instance=section)
    section.save_revision().publish()
    return section, True
