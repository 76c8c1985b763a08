"""Article metadata for link previews and search engines, built on toasoan.core.seo."""

from django.http import HttpRequest

from toasoan.core import seo
from toasoan.core.models import AgencySettings

from .models import ArticlePage


def article_meta(request: HttpRequest, article: ArticlePage, section=None, tags=()) -> seo.PageMeta:
    """Open Graph type "article", Dublin Core and a NewsArticle JSON-LD for one article."""
    agency = AgencySettings.for_request(request)
    meta = seo.site_meta(request, agency, article, description=article.search_description or article.sapo or "")
    meta.type = "article"
    meta.image = seo.image_meta(
        request, article.featured_image, seo.SHARE_IMAGE_SPEC, alt=article.featured_image_alt or article.title
    )
    meta.published = article.first_published_at
    meta.modified = article.last_published_at or article.first_published_at
    meta.date = article.display_date
    meta.section = section.title if section is not None else ""
    meta.author = article.author
    meta.tags = [tag.name for tag in tags]
    meta.json_ld = seo.news_article_ld(meta, home_url=seo.absolute(request, "/"))
    return meta
