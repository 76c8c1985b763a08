"""RSS 2.0 and Atom 1.0 feeds of the newest live, public articles: site-wide (/rss/, /atom/) and
per section (/rss/<section>/, /atom/<section>/), plus the human page listing them (/kenh-rss/).

Feeds are ordinary public GET responses without cookies, so the page cache stores them (as .rss and
.atom files) and a publish invalidates them like any page. Feed objects are shared between
requests: everything request-dependent travels in the `FeedSource` that get_object returns."""

import datetime
import mimetypes
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import feedgenerator, timezone
from wagtail.models import Page

from toasoan.core import seo
from toasoan.core.models import AgencySettings

from . import selectors
from .models import ArticlePage, SectionPage
from .selectors import site_root

FEED_SIZE = 30
ENCLOSURE_SPEC = seo.SHARE_IMAGE_SPEC  # the Open Graph image: one rendition serves both


@dataclass(frozen=True)
class FeedItem:
    article: ArticlePage
    link: str
    section: str
    enclosure: feedgenerator.Enclosure | None


@dataclass(frozen=True)
class FeedSource:
    request: HttpRequest
    agency_name: str
    root: Page
    section: SectionPage | None

    @property
    def scope(self) -> Page:
        return self.section or self.root


def feed_articles(scope: Page, limit: int = FEED_SIZE) -> list[ArticlePage]:
    articles = selectors.public_articles().descendant_of(scope)
    return list(articles.select_related("featured_image").defer("body").order_by(*selectors.NEWEST_FIRST)[:limit])


def published_at(article: ArticlePage) -> datetime.datetime | None:
    """When readers see the article dated: its "Ngày cập nhật", at the time it went out that day."""
    first = article.first_published_at
    if article.display_date is None:
        return first
    if first is not None and timezone.localdate(first) == article.display_date:
        return first
    return timezone.make_aware(datetime.datetime.combine(article.display_date, datetime.time.min))


def _enclosure(request: HttpRequest, article: ArticlePage) -> feedgenerator.Enclosure | None:
    image = seo.image_meta(request, article.featured_image, ENCLOSURE_SPEC)
    if image is None:
        return None
    rendition = article.featured_image.get_rendition(ENCLOSURE_SPEC)
    try:
        length = rendition.file.size
    except OSError:
        length = 0
    mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    return feedgenerator.Enclosure(url=image.url, length=str(length), mime_type=mime_type)


class ArticlesFeed(Feed):
    feed_type = feedgenerator.Rss201rev2Feed
    language = "vi"

    def get_object(self, request: HttpRequest, section_slug: str | None = None) -> FeedSource:
        root = site_root(request)
        section = None
        if section_slug is not None:
            # DoesNotExist becomes a 404 in Feed.__call__; drafts and restricted sections too.
            section = selectors.site_sections(root).get(slug=section_slug)
        agency = AgencySettings.for_request(request)
        return FeedSource(request=request, agency_name=agency.name, root=root, section=section)

    def title(self, source: FeedSource) -> str:
        return f"{source.section.title} – {source.agency_name}" if source.section else source.agency_name

    def link(self, source: FeedSource) -> str:
        return source.scope.get_url(source.request) or "/"

    def description(self, source: FeedSource) -> str:
        where = f"chuyên mục {source.section.title}" if source.section else "toàn trang"
        return f"Tin mới nhất {where} của {source.agency_name}"

    def author_name(self, source: FeedSource) -> str:
        return source.agency_name

    def items(self, source: FeedSource) -> list[FeedItem]:
        request = source.request
        titles = {s.path: s.title for s in selectors.site_sections(source.root)}
        items = []
        for article in feed_articles(source.scope):
            url = article.get_url(request)
            if not url:
                continue  # not routable on this site
            items.append(
                FeedItem(
                    article=article,
                    link=seo.absolute(request, url),
                    section=titles.get(article.path[: -Page.steplen], ""),
                    enclosure=_enclosure(request, article),
                )
            )
        return items

    def item_title(self, item: FeedItem) -> str:
        return item.article.title

    def item_description(self, item: FeedItem) -> str:
        return item.article.sapo or item.article.search_description or ""

    def item_link(self, item: FeedItem) -> str:
        return item.link

    def item_guid(self, item: FeedItem) -> str:
        # Stable even if the article is renamed or moved to another section.
        return f"urn:uuid:{item.article.translation_key}"

    def item_guid_is_permalink(self, item: FeedItem) -> bool:
        return False

    def item_pubdate(self, item: FeedItem) -> datetime.datetime | None:
        return published_at(item.article)

    def item_updateddate(self, item: FeedItem) -> datetime.datetime | None:
        published = published_at(item.article)
        updated = item.article.last_published_at
        if published is None or updated is None:
            return updated or published
        return max(published, updated)

    def item_author_name(self, item: FeedItem) -> str | None:
        return item.article.author or None

    def item_categories(self, item: FeedItem) -> list[str]:
        return [item.section] if item.section else []

    def item_enclosures(self, item: FeedItem) -> list[feedgenerator.Enclosure]:
        return [item.enclosure] if item.enclosure else []


class ArticlesAtomFeed(ArticlesFeed):
    feed_type = feedgenerator.Atom1Feed

    def subtitle(self, source: FeedSource) -> str:
        return self.description(source)


def feed_list(request: HttpRequest) -> HttpResponse:
    """Kênh RSS: the site-wide and per-section feeds, for people who subscribe in a reader."""
    sections = list(selectors.site_sections(site_root(request)))
    return TemplateResponse(request, "news/feed_list.html", {"sections": sections})
