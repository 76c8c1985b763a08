"""Metadata for search engines and link previews: canonical URL, Open Graph, Twitter card, Dublin
Core and JSON-LD. Pure data building; `core/includes/meta.html` renders a `PageMeta`.

URLs are absolute from the request (its host passed ALLOWED_HOSTS and the page cache keys by host,
so every cached copy carries its own host's URLs). Apps with richer page types (news articles)
build their own `PageMeta` with `article_meta()` and render the same template."""

import datetime
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

logger = logging.getLogger(__name__)

LOCALES = {"vi": "vi_VN", "en": "en_US"}  # Open Graph locales of the site's languages
LANGUAGE = "vi"
DESCRIPTION_CHARS = 200
HEADLINE_CHARS = 110  # what Google shows of a NewsArticle headline
# Link previews (Facebook, Zalo) want about 1.91:1 and at least 600 px wide.
SHARE_IMAGE_SPEC = "fill-1200x630-c50"
LOGO_SPEC = "max-600x600"

# The escapes of Django's json_script: "</script>" or "<!--" inside a string cannot end the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class ImageMeta:
    url: str
    width: int
    height: int
    alt: str = ""


@dataclass
class PageMeta:
    title: str
    url: str
    site_name: str
    description: str = ""
    type: str = "website"  # Open Graph type: "article" for news articles
    image: ImageMeta | None = None
    logo: ImageMeta | None = None
    published: datetime.datetime | None = None
    modified: datetime.datetime | None = None
    date: datetime.date | None = None  # DC.date: the date readers see on the page
    section: str = ""
    author: str = ""
    tags: list[str] = field(default_factory=list)
    json_ld: dict[str, Any] | None = None
    # The page's language: Vietnamese, or English on the /en/ pages.
    language: str = field(default_factory=lambda: (translation.get_language() or LANGUAGE).split("-")[0])

    @property
    def locale(self) -> str:
        return LOCALES.get(self.language, LOCALES[LANGUAGE])

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image else "summary"

    @property
    def share_image(self) -> ImageMeta | None:
        return self.image or self.logo

    @property
    def creator(self) -> str:
        return self.author or self.site_name

    @property
    def published_iso(self) -> str:
        return iso_datetime(self.published)

    @property
    def modified_iso(self) -> str:
        return iso_datetime(self.modified)

    @property
    def json_ld_script(self) -> SafeString:
        return json_ld(self.json_ld) if self.json_ld else mark_safe("")  # nosec B308  # empty string


def iso_datetime(value: datetime.datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


def json_ld(data: dict[str, Any]) -> SafeString:
    """JSON for a <script type="application/ld+json"> element, escaped like json_script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308  # nosec B308 B703  # "<", ">", "&" escaped above


def describe(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    return Truncator(" ".join((text or "").split())).chars(limit)


def absolute(request: HttpRequest, url: str) -> str:
    return request.build_absolute_uri(url)


def canonical_url(request: HttpRequest, page=None) -> str:
    """The page's URL (or the view's path), keeping only a real `?page=N` of a listing."""
    path = (page.get_url(request) if page is not None else None) or request.path
    number = request.GET.get("page", "")
    if number.isascii() and number.isdigit() and int(number) > 1:  # "²" is a digit int() refuses
        path = f"{path}?page={int(number)}"
    return absolute(request, path)


def image_meta(request: HttpRequest, image, spec: str, alt: str = "") -> ImageMeta | None:
    """A rendition's absolute URL and size, or None when the file is missing or unreadable."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
    except Exception:  # a broken image file must not break the page
        logger.warning("No %s rendition for image %s", spec, getattr(image, "pk", None), exc_info=True)
        return None
    return ImageMeta(url=absolute(request, rendition.url), width=rendition.width, height=rendition.height, alt=alt)


def site_meta(request: HttpRequest, agency, page=None, title: str = "", description: str = "") -> PageMeta:
    """Sensible defaults for any page or view: its title, description, URL and the agency's logo."""
    site_name = getattr(agency, "name", "") or ""
    if page is not None:
        title = title or page.seo_title or page.title
        description = description or page.search_description or getattr(page, "intro", "") or ""
    return PageMeta(
        title=title or site_name,
        url=canonical_url(request, page),
        site_name=site_name,
        description=describe(description),
        logo=image_meta(request, getattr(agency, "logo", None), LOGO_SPEC, alt=site_name),
    )


def news_article_ld(meta: PageMeta, home_url: str) -> dict[str, Any]:
    """schema.org NewsArticle for a PageMeta of type "article"."""
    publisher: dict[str, Any] = {"@type": "Organization", "name": meta.site_name, "url": home_url}
    if meta.logo:
        publisher["logo"] = {
            "@type": "ImageObject",
            "url": meta.logo.url,
            "width": meta.logo.width,
            "height": meta.logo.height,
        }
    author = (
        {"@type": "Person", "name": meta.author}
        if meta.author
        else {"@type": "Organization", "name": meta.site_name, "url": home_url}
    )
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": Truncator(meta.title).chars(HEADLINE_CHARS),
        "description": meta.description,
        "datePublished": meta.published_iso,
        "dateModified": meta.modified_iso or meta.published_iso,
        "author": [author],
        "publisher": publisher,
        "mainEntityOfPage": {"@type": "WebPage", "@id": meta.url},
        "url": meta.url,
        "inLanguage": meta.language,
    }
    if meta.image:
        data["image"] = [meta.image.url]
    if meta.section:
        data["articleSection"] = meta.section
    if meta.tags:
        data["keywords"] = ", ".join(meta.tags)
    return {key: value for key, value in data.items() if value not in ("", None)}
