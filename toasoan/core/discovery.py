"""Public URLs that are not Wagtail pages (Q&A list, satisfaction rating, polls...) for sitemap.xml
and the human site map. Feature apps register them from AppConfig.ready, so core never imports
them; Wagtail pages need no registration (the sitemap walks the page tree).

    discovery.register("feedback", discovery.named_urls("feedback:qa_list", title="Hỏi đáp"))

A source is a function returning entries; it runs per sitemap request, so it may query the
database (e.g. one entry per answered question, with its lastmod)."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext


@dataclass(frozen=True)
class Entry:
    path: str  # site-relative, e.g. "/hoi-dap/"
    title: str = ""  # shown on the human site map; entries without a title are listed only in XML
    lastmod: datetime.datetime | None = None  # aware datetimes only: the sitemap compares them
    footer: bool = False  # also linked in every page's footer, beside "Sơ đồ trang"


Source = Callable[[], Iterable[Entry]]

_sources: dict[str, Source] = {}
_disallowed: list[str] = []


def register(name: str, source: Source) -> None:
    """Add (or replace) the entries of `name`: registering twice is harmless (tests, reloads)."""
    _sources[name] = source


def unregister(name: str) -> None:
    _sources.pop(name, None)


def named_urls(
    *names: str, title: str = "", titles: dict[str, str] | None = None, footer: tuple[str, ...] = ()
) -> Source:
    """A source of fixed views by URL name; `titles` maps a name to its label on the site map and
    the names in `footer` are linked in the footer too."""
    labels = dict(titles or {})
    if title and len(names) == 1:
        labels[names[0]] = title

    def source() -> list[Entry]:
        entries = []
        for name in names:
            try:
                entries.append(Entry(path=reverse(name), title=labels.get(name, ""), footer=name in footer))
            except NoReverseMatch:
                continue  # an app whose URLs are switched off must not break the sitemap
        return entries

    return source


def disallow(*paths: str) -> None:
    """Keep crawlers out of non-content endpoints (confirmation links, vote targets...) in robots.txt,
    besides settings.TOASOAN_ROBOTS_DISALLOW. Robots paths are prefixes; "*" is a wildcard."""
    for path in paths:
        if path not in _disallowed:
            _disallowed.append(path)


def disallowed_paths() -> list[str]:
    from django.conf import settings

    paths = list(getattr(settings, "TOASOAN_ROBOTS_DISALLOW", ["/admin/"]))
    return paths + [p for p in _disallowed if p not in paths]


def footer_links(request=None) -> dict:
    """Context of the footer panel: the human site map and the entries registered for the footer."""
    links = [Entry(path=reverse("core:site_map"), title=gettext("Sơ đồ trang"))]
    return {"links": links + [entry for entry in entries() if entry.footer and entry.title]}


def entries() -> list[Entry]:
    """Every registered entry, in registration order, without duplicate paths."""
    seen: set[str] = set()
    result = []
    for source in list(_sources.values()):
        for entry in source():
            if entry.path not in seen:
                seen.add(entry.path)
                result.append(entry)
    return result
