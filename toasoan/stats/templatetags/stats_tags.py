from django import template

register = template.Library()


@register.filter
def vn_count(value: int) -> str:
    """1234567 -> "1.234.567" (Vietnamese thousands separator)."""
    return f"{int(value or 0):,}".replace(",", ".")
