"""Demo content loaders that apps register; `manage.py load_demo` (bin/prepare) runs them all, in
the order of INSTALLED_APPS. Each loader is idempotent and returns counts of what it created."""

from collections.abc import Callable

_loaders: dict[str, Callable[[], dict[str, int]]] = {}


def register(name: str, loader: Callable[[], dict[str, int]]) -> None:
    _loaders[name] = loader


def load_all() -> dict[str, dict[str, int]]:
    return {name: loader() for name, loader in _loaders.items()}
