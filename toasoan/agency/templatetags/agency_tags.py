from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def loc(obj: object, field: str) -> object:
    """`unit|loc:"name"`: the English field (`name_en`) on English pages when it is filled in,
    else the Vietnamese one."""
    if get_language() == "en":
        english = getattr(obj, f"{field}_en", None)
        if english:
            return english
    return getattr(obj, field, "")
