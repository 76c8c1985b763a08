"""Panels that feature apps put on shared pages without the page's app knowing them: the poll on
the home page, for instance. An app registers a template and a function that returns its context
(or None to show nothing); templates render a slot with {% panels "slot" %} (core_tags).

Slots: "home_sidebar" (the home page's sidebar), "sidebar" (every page with a sidebar) and
"footer" (every page's footer).
Panels end up in cached pages: they must not depend on who is looking (no CSRF token, no
per-reader state), and a panel's data must invalidate the page cache when it changes."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    slot: str
    template: str
    context: Callable[[HttpRequest], dict | None]
    order: int = 0


_panels: dict[str, Panel] = {}


def register(name: str, panel: Panel) -> None:
    """Show `panel` in its slot (apps call this from AppConfig.ready)."""
    _panels[name] = panel


def for_slot(slot: str) -> list[Panel]:
    return sorted((p for p in _panels.values() if p.slot == slot), key=lambda p: p.order)
