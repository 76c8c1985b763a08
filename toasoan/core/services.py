"""Writes on core's own models that feature apps call (their demo loaders, mostly)."""

from django.db import transaction
from wagtail.models import Page, Site

from .models import AgencySettings, MenuItem


@transaction.atomic
def menu_item_ensure(*, site: Site, label: str, page: Page | None = None, url: str = "") -> bool:
    """Append `label` to the site's main menu unless an item already points there; True if added."""
    settings = AgencySettings.for_site(site)
    existing = settings.menu_items.filter(page=page) if page is not None else settings.menu_items.filter(url=url)
    if existing.exists():
        return False
    last = settings.menu_items.order_by("-sort_order").values_list("sort_order", flat=True).first()
    MenuItem.objects.create(settings=settings, label=label, page=page, url=url, sort_order=(last or 0) + 1)
    return True
