from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from toasoan.core import panels as registry

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
    return mark_safe("".join(parts))  # noqa: S308 - templates rendered with autoescape
