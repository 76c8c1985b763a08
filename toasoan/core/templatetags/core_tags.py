from django import template
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from toasoan.core import panels as registry
from toasoan.core import richtext

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot: str) -> SafeString:
    """Render the panels apps registered for `slot` (toasoan.core.panels)."""
    request = context.get("request")
    parts = []
    for panel in registry.for_slot(slot):
        panel_context = panel.context(request)
        if panel_context is not None:
            parts.append(render_to_string(panel.template, panel_context, request=request))
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703  # autoescaped templates


@register.filter(is_safe=True)
def richtext_transforms(html: str, request: HttpRequest | None = None) -> SafeString:
    """Rendered rich text through the transforms apps registered (toasoan.core.richtext), for the
    request's site. Use on trusted, already-rendered HTML:
    {% filter richtext_transforms:request %}...{% endfilter %}."""
    site = Site.find_for_request(request) if request is not None else None
    # Text not already marked safe is escaped first, so the filter never lets markup through.
    return mark_safe(richtext.apply(str(conditional_escape(html)), site))  # noqa: S308  # nosec B308 B703  # escaped above
