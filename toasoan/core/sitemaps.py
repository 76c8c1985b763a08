"""sitemap.xml: an index of two sitemaps, the live public Wagtail pages ("trang") and the public
views that feature apps registered in toasoan.core.discovery ("khac"). Django paginates each past
`limit` URLs and the index lists every page, so a large archive stays within the protocol."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from . import discovery


class PagesSitemap(WagtailSitemap):
    """Every live page without view restrictions (Wagtail's), lastmod = last publication."""

    limit = 5000  # one sitemap page renders in well under a second

    def _urls(self, page, protocol, domain):
        # Wagtail prints each page under its Site's root_url; we print the host the request came
        # in on, like every other absolute URL we make (canonical links, feeds), so a Site record
        # left at "localhost" still gives reachable URLs.
        urls = super()._urls(page, protocol, domain)
        site_root, here = self.get_wagtail_site().root_url, f"{protocol}://{domain}"
        for url in urls:
            location = url.get("location", "")
            if location == site_root or location.startswith(site_root + "/"):
                url["location"] = here + location[len(site_root) :]
        return urls


class ViewsSitemap(Sitemap):
    """Public views registered by apps: Q&A, ratings, polls, the feeds and site map pages."""

    limit = 5000

    def items(self) -> list[discovery.Entry]:
        return discovery.entries()

    def location(self, entry: discovery.Entry) -> str:
        return entry.path

    def lastmod(self, entry: discovery.Entry):
        return entry.lastmod


def sitemaps_for(request: HttpRequest) -> dict[str, Sitemap]:
    return {"trang": PagesSitemap(request), "khac": ViewsSitemap()}
