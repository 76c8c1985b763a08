"""Content types register here what search should index; search never imports them.

register(ArticlePage, to_document=..., is_public=...)
register_filter("chuyen-muc", label="Chuyên mục", choices=lambda: [("section:5", "Cải cách hành chính")])

Pages are searched on their own site (the site whose root is above them). An object that is not a
page is found on every site, unless its registration says which site it belongs to (`site`).
"""

import datetime
import inspect
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from toasoan.core.vietnamese import slugify


@dataclass(frozen=True)
class SearchDocument:
    title: str
    text: str  # plain text for matching and snippets
    date: datetime.date | None
    groups: tuple[str, ...] = ()  # filter labels, e.g. ("section:5",)


@dataclass(frozen=True)
class Registration:
    model: type[models.Model]
    to_document: Callable[[models.Model], SearchDocument]
    # Whether an object may be shown to the public right now (live, public, not expired).
    is_public: Callable[[models.Model], bool]
    # Objects that are not pages: the wagtail Site they belong to, None for every site.
    site: Callable[[models.Model], object] | None = None


@dataclass(frozen=True)
class FilterSpec:
    name: str  # the query parameter
    label: str
    # (group label, human label); may take the searched site's root page id (None: every site).
    choices: Callable[..., list[tuple[str, str]]]

    def choices_for(self, root_id: int | None) -> list[tuple[str, str]]:
        """The choices on the site whose root page is `root_id`, if the function takes a site."""
        return self.choices(root_id) if _takes_argument(self.choices) else self.choices()


def _takes_argument(func: Callable) -> bool:
    try:
        return bool(inspect.signature(func).parameters)
    except (TypeError, ValueError):
        return False


_registry: dict[type[models.Model], Registration] = {}
_filters: dict[str, FilterSpec] = {}


def register(
    model: type[models.Model],
    *,
    to_document: Callable[[models.Model], SearchDocument],
    is_public: Callable[[models.Model], bool],
    site: Callable[[models.Model], object] | None = None,
) -> None:
    _registry[model] = Registration(model, to_document, is_public, site)


def register_filter(name: str, *, label: str, choices: Callable[..., list[tuple[str, str]]]) -> None:
    _filters[name] = FilterSpec(name, label, choices)


def registration_for(obj_or_model) -> Registration | None:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return _registry.get(model)


def registrations() -> list[Registration]:
    return list(_registry.values())


def filters() -> list[FilterSpec]:
    return list(_filters.values())


@dataclass(frozen=True)
class Kind:
    value: str  # the query parameter's value, from the model's plural name: "thu-tuc-hanh-chinh"
    label: str  # the model's verbose_name_plural: "Thủ tục hành chính"
    kind: str  # what the engine stores: "procedures.procedurepage"


def kinds() -> list[Kind]:
    """The registered content types, for the search page's "Loại nội dung" filter."""
    return [
        Kind(
            value=slugify(str(r.model._meta.verbose_name_plural)),
            label=str(r.model._meta.verbose_name_plural),
            kind=f"{r.model._meta.app_label}.{r.model._meta.model_name}",
        )
        for r in _registry.values()
    ]
