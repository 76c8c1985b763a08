"""{% page_meta %} in base.html's head and {% share_buttons %} on articles (toasoan.core.seo)."""

from django import template

from toasoan.core import seo, share
from toasoan.core.models import AgencySettings

register = template.Library()


@register.inclusion_tag("core/includes/meta.html", takes_context=True)
def page_meta(context, title: str = "", description: str = "") -> dict:
    """Canonical link, Open Graph, Twitter card and Dublin Core for the current page or view.

    Views that are not Wagtail pages may pass `title` (their h1); without it the agency's name is
    used so previews never show an empty title."""
    request = context.get("request")
    if request is None:
        return {}
    agency = AgencySettings.for_request(request)
    meta = seo.site_meta(request, agency, context.get("page"), title, description)
    return {"meta": meta}


@register.inclusion_tag("core/includes/share.html", takes_context=True)
def share_buttons(context, title: str = "") -> dict:
    """Zalo, Facebook and copy-link for the current page: plain links, nothing loads before a click."""
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return {}
    url = seo.canonical_url(request, page)
    return {"share": share.share_links(url, title or getattr(page, "title", ""))}
