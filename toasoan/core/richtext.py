"""Transforms apps register for rendered rich text (e.g. documents turns "Kế hoạch số 405/KH-UBND"
into a link). core imports no feature app: apps call register() in their AppConfig.ready(), and
templates apply them with the `richtext_transforms` filter (core_tags)."""

from collections.abc import Callable

Transform = Callable[[str], str]

_transforms: dict[str, Transform] = {}


def register(name: str, transform: Transform) -> None:
    """Add `transform` (HTML in, HTML out); registering the same name again replaces it."""
    _transforms[name] = transform


def unregister(name: str) -> None:
    _transforms.pop(name, None)


def apply(html: str) -> str:
    """Every registered transform, in registration order."""
    for transform in _transforms.values():
        html = transform(html)
    return html
