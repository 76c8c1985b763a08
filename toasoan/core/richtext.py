"""Transforms apps register for rendered rich text (e.g. documents turns "Kế hoạch số 405/KH-UBND"
into a link). core imports no feature app: apps call register() in their AppConfig.ready(), and
templates apply them with the `richtext_transforms` filter (core_tags).

A transform gets the site the HTML is shown on (or None): links to its own pages are then paths,
and links to another agency's site carry that site's address (wagtail's Page.get_url)."""

from collections.abc import Callable

from wagtail.models import Site

Transform = Callable[[str, Site | None], str]

_transforms: dict[str, Transform] = {}


def register(name: str, transform: Transform) -> None:
    """Add `transform` (HTML and the site it is shown on in, HTML out); registering the same name
    again replaces it."""
    _transforms[name] = transform


def unregister(name: str) -> None:
    _transforms.pop(name, None)


def apply(html: str, site: Site | None = None) -> str:
    """Every registered transform, in registration order, for HTML shown on `site`."""
    for transform in _transforms.values():
        html = transform(html, site)
    return html
