"""Models outside the page tree, snippets, settings and documents register here what the scanner
should read; trust never imports feature apps. A feature app adds a module
`integrity_registration.py` (found by autodiscover, like wagtail_hooks):

    from toasoan.trust.integrity import registry
    registry.register(PublishedQuestion, queryset=lambda: PublishedQuestion.objects.filter(is_public=True),
                      fields=("subject", "question", "answer"))

Pages, snippets, site settings and documents are scanned without registration."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Registration:
    model: type[models.Model]
    queryset: Callable[[], models.QuerySet]  # the objects the public sees
    fields: tuple[str, ...] = ()  # which fields to read; empty: every editable text field
    url: Callable[[models.Model], str] | None = None  # where the public sees it (default: get_absolute_url)


_registry: dict[type[models.Model], Registration] = {}
_discovered = False


def register(
    model: type[models.Model],
    *,
    queryset: Callable[[], models.QuerySet] | None = None,
    fields: tuple[str, ...] = (),
    url: Callable[[models.Model], str] | None = None,
) -> None:
    _registry[model] = Registration(model, queryset or model._default_manager.all, tuple(fields), url)


def registrations() -> list[Registration]:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("integrity_registration")
    return list(_registry.values())


def registration_for(obj_or_model) -> Registration | None:
    registrations()
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return _registry.get(model)
