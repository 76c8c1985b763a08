"""Feature apps register here the ninja Routers that make up the open data API; `api` never
imports them (the same shape as `search.registry`).

    # in news/apps.py ready(): from . import api  (news/api.py calls register at import)
    register("articles", router, order=10)

`toasoan.api.site` builds the NinjaAPI from these registrations when the URLs are loaded."""

from dataclasses import dataclass

from ninja import Router


@dataclass(frozen=True)
class Registration:
    prefix: str  # the URL segment under /api/v1/, e.g. "articles"
    router: Router
    order: int = 0


_registry: dict[str, Registration] = {}


def register(prefix: str, router: Router, *, order: int = 0) -> None:
    """Mount `router` at /api/v1/<prefix>/ (apps call this once, from AppConfig.ready)."""
    _registry[prefix.strip("/")] = Registration(prefix.strip("/"), router, order)


def registrations() -> list[Registration]:
    return sorted(_registry.values(), key=lambda r: (r.order, r.prefix))
