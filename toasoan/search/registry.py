"""Content types register here what search should index; search never imports them."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class SearchDocument:
    title: str
    text: str  # plain text for matching and snippets
    date: datetime.date | None


@dataclass(frozen=True)
class Registration:
    model: type[models.Model]
    to_document: Callable[[models.Model], SearchDocument]
    # Whether an object may be shown to the public right now (live, public, not expired).
    is_public: Callable[[models.Model], bool]


_registry: dict[type[models.Model], Registration] = {}


def register(
    model: type[models.Model],
    *,
    to_document: Callable[[models.Model], SearchDocument],
    is_public: Callable[[models.Model], bool],
) -> None:
    _registry[model] = Registration(model, to_document, is_public)


def registration_for(obj_or_model) -> Registration | None:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return _registry.get(model)


def registrations() -> list[Registration]:
    return list(_registry.values())
