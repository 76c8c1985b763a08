"""Keep the index in step with publishing: only live, public content is ever indexed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import services
from .registry import registration_for


@receiver(page_published)
@receiver(page_unpublished)
def _reindex_page(sender, instance, **kwargs) -> None:
    services.index_object(instance.specific)


@receiver(post_page_move)
def _reindex_moved(sender, instance, **kwargs) -> None:
    # A move can put a page under a restricted parent: re-check it and its descendants.
    for page in Page.objects.descendant_of(instance, inclusive=True).specific():
        services.index_object(page)


@receiver(post_delete)
def _remove_deleted(sender, instance, **kwargs) -> None:
    if registration_for(sender) is not None:
        services.remove_object(instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _restriction_changed(sender, instance, **kwargs) -> None:
    for page in Page.objects.descendant_of(instance.page, inclusive=True).specific():
        services.index_object(page)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def _sites_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    # A new site, a deleted one, another root page: pages now belong to another site's search.
    if not raw:  # loaddata (restore) brings the entries' scopes with them
        services.rescope_entries()
