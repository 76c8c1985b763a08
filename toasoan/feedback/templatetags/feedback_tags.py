from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def fb_widget(field: BoundField, hint: str = "") -> SafeString:
    """The field's widget, pointing at its hint and errors (aria-describedby) and flagged when invalid."""
    described = []
    if hint:
        described.append(f"{field.auto_id}-goi-y")
    attrs = {}
    if field.errors:
        described.append(f"{field.auto_id}-loi")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
