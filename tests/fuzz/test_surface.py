"""The fuzz surface (surface.py) is the whole public surface: every URL pattern, page type and
page route is covered by a fuzz target that exists, and nothing listed is stale."""

import inspect
import pathlib

from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

from . import surface

HERE = pathlib.Path(__file__).parent


def _patterns(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield route, (namespace + pattern.name) if pattern.name else route


def public_url_names() -> set[str]:
    names = set()
    for route, name in _patterns(get_resolver().url_patterns):
        if not any(route.startswith(prefix) for prefix in surface.NOT_PUBLIC_PREFIXES):
            names.add(name)
    return names


def _test_functions() -> set[str]:
    names = set()
    for path in HERE.glob("test_*.py"):
        source = path.read_text(encoding="utf-8")
        names |= {line.split("(")[0][4:] for line in source.splitlines() if line.startswith("def test_")}
    return names


def test_every_public_url_has_a_fuzz_target():
    names = public_url_names()
    api = {name for name in names if name.startswith(surface.API_PREFIX)}
    missing = names - api - set(surface.URLS)
    assert not missing, f"public URLs without fuzz coverage (add them to tests/fuzz/surface.py): {sorted(missing)}"
    stale = set(surface.URLS) - names
    assert not stale, f"tests/fuzz/surface.py lists URLs that no longer exist: {sorted(stale)}"
    assert api, "the open data API is gone from the URLconf: update surface.API_PREFIX"


def test_every_page_type_and_route_is_fuzzed():
    models = {model._meta.label: model for model in get_page_models()}
    missing = set(models) - set(surface.PAGE_TYPES) - set(surface.NOT_PAGES)
    assert not missing, f"page types without fuzz coverage: {sorted(missing)}"
    assert not set(surface.PAGE_TYPES) - set(models), "surface.PAGE_TYPES lists page types that no longer exist"
    for label, model in models.items():
        if issubclass(model, RoutablePageMixin):
            routes = {pattern.name for pattern in model.get_subpage_urls()}
            assert routes == set(surface.ROUTES.get(label, {})), f"{label}: routes {routes} vs surface.ROUTES"


def test_targets_exist():
    functions = _test_functions()
    wanted = {target for endpoint in surface.URLS.values() for target in endpoint.targets} | {surface.API_TARGET}
    assert not wanted - functions, f"surface.py names fuzz targets that do not exist: {sorted(wanted - functions)}"


def test_views_reading_the_query_string_list_their_parameters():
    """A view that starts reading a new GET parameter should get it fuzzed: the names a view's
    module reads literally (request.GET.get("x")) must be in surface.py."""
    import re

    from django.urls import resolve

    listed = {param for endpoint in surface.URLS.values() for param in endpoint.params}
    listed |= {param for params in surface.PAGE_TYPES.values() for param in params}
    read = re.compile(r"""GET(?:\.get|\.getlist)?\(\s*["']([^"']+)["']|GET\[["']([^"']+)["']\]""")
    unlisted = set()
    for name, endpoint in surface.URLS.items():
        if "{" in endpoint.sample:
            continue
        module = inspect.getmodule(resolve(endpoint.sample).func)
        for match in read.finditer(inspect.getsource(module)):
            param = match.group(1) or match.group(2)
            if param not in listed:
                unlisted.add((name, param))
    assert not unlisted, f"query parameters read by views but not fuzzed: {sorted(unlisted)}"
