"""{% article_meta %}: the article page's head metadata (toasoan.news.seo)."""

from django import template

from toasoan.news.seo import article_meta as build_article_meta

register = template.Library()


@register.inclusion_tag("core/includes/meta.html", takes_context=True)
def article_meta(context) -> dict:
    request, page = context.get("request"), context.get("page")
    if request is None or page is None:
        return {}
    return {"meta": build_article_meta(request, page, context.get("section"), context.get("article_tags") or ())}
