"""robots.txt, sitemap.xml (index and sections) and the human site map (/so-do-trang/).

All are public GET responses without cookies: the page cache stores them (.txt, .xml, .html) and
any publish invalidates them like pages."""

from dataclasses import dataclass, field

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from . import discovery, seo
from .sitemaps import sitemaps_for

SITE_MAP_DEPTH = 3  # levels below the home page shown on /so-do-trang/
SITE_MAP_MAX_CHILDREN = 10  # more children than this: an archive (procedures, documents), not listed


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in discovery.disallowed_paths()]
    lines += ["", f"Sitemap: {seo.absolute(request, reverse('core:sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(request, sitemaps_for(request), sitemap_url_name="core:sitemap_section")


@require_GET
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, sitemaps_for(request), section=section)


@dataclass
class Node:
    page: Page
    children: list["Node"] = field(default_factory=list)


def page_tree(root: Page, depth: int = SITE_MAP_DEPTH) -> list[Node]:
    """Live public pages below `root`, `depth` levels deep, in menu order (one query).

    Page types whose children are an archive (news sections) set `site_map_children = False`;
    other pages with more than SITE_MAP_MAX_CHILDREN children are not expanded either."""
    pages = list(
        root.get_descendants()
        .filter(depth__lte=root.depth + depth)
        .live()
        .public()
        .order_by("path")
        .only("id", "title", "path", "depth", "url_path", "slug", "content_type", "numchild")
    )
    nodes: dict[str, Node] = {}
    top: list[Node] = []
    for page in pages:
        node = Node(page)
        nodes[page.path] = node
        parent = nodes.get(page.path[: -Page.steplen])
        if page.depth == root.depth + 1:
            top.append(node)
        elif parent is not None:
            parent.children.append(node)
    for node in nodes.values():
        page_class = node.page.specific_class
        if getattr(page_class, "site_map_children", True) is False or len(node.children) > SITE_MAP_MAX_CHILDREN:
            node.children = []
    return top


@require_GET
def site_map(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    root = site.root_page
    other = [entry for entry in discovery.entries() if entry.title]
    return TemplateResponse(request, "core/site_map.html", {"home": root, "tree": page_tree(root), "other": other})
