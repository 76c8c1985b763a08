"""Write-side operations on news. Commands and views call these; they never touch pages directly."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.images.models import Image
from wagtail.models import Page

from toasoan.core.vietnamese import slugify

from .models import ArticleAttachment, ArticlePage, SectionPage

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
    # Set by the HTML and WXR importers (news.importer.store); the defaults keep the rest as they were.
    body_blocks: tuple = ()  # raw StreamField blocks; replace body_html when given
    import_key: str = ""  # e.g. a WordPress guid; else the source URL, or title and date
    tags: tuple[str, ...] = ()
    featured_image: Image | None = None
    featured_image_alt: str = ""
    attachments: tuple[tuple[int, str], ...] = ()  # (document id, label)
    publish: bool = True  # False: saved as a draft revision


def import_key_for(data: ArticleData) -> str:
    """Identity of an imported article: its import key or source URL, or else its title and date."""
    if data.import_key:
        return data.import_key
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
    if data.body_blocks:
        article.body = [
            {**block, "value": clean_body_html(block["value"])} if block["type"] == "paragraph" else block
            for block in data.body_blocks
        ]
    else:
        article.body = [("paragraph", clean_body_html(data.body_html))]
    if data.tags:
        article.tags.set(list(data.tags), clear=True)
    if data.featured_image is not None:
        article.featured_image = data.featured_image
        article.featured_image_alt = data.featured_image_alt
    if data.attachments:
        article.attachments = [
            ArticleAttachment(document_id=doc_id, title=label, sort_order=order)
            for order, (doc_id, label) in enumerate(data.attachments)
        ]
    published_at = timezone.make_aware(datetime.datetime.combine(data.date, IMPORTED_PUBLISH_TIME))
    if data.publish and (created or article.first_published_at is None):
        article.first_published_at = published_at
    if created:
        article.live = data.publish
        section.add_child(instance=article)
    elif data.publish:
        article.save()  # a draft update must leave the live row alone: the revision holds it
    revision = article.save_revision(log_action=True)
    if data.publish:
        revision.publish()
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
