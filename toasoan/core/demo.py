"""Demo content loaders that apps register; `manage.py load_demo` (bin/prepare) runs them all, by
`order` then in the order they registered (INSTALLED_APPS). Each loader is idempotent and returns
counts of what it created. The news loader (order 0) creates the site and its home page; loaders
that add pages under it use a higher order."""

from collections.abc import Callable

_loaders: dict[str, tuple[int, Callable[[], dict[str, int]]]] = {}


def register(name: str, loader: Callable[[], dict[str, int]], order: int = 10) -> None:
    _loaders[name] = (order, loader)


def load_all() -> dict[str, dict[str, int]]:
    ordered = sorted(_loaders.items(), key=lambda item: item[1][0])  # stable: registration order
    return {name: loader() for name, (_, loader) in ordered}


def menu_loader(label: str, url: str) -> Callable[[], dict[str, int]]:
    """A loader that puts `label` -> `url` in the default site's main menu once."""

    def load() -> dict[str, int]:
        from wagtail.models import Site

        from .services import menu_item_ensure

        site = Site.objects.filter(is_default_site=True).first()
        added = bool(site) and menu_item_ensure(site=site, label=label, url=url)
        return {"mục menu": int(added)}

    return load
