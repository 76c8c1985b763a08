"""Scan what a reader gets: every live public page and every registered public view (core.discovery),
rendered in-process by Django's test client (no network, no page cache). Catches injections in
templates' data (footer settings, snippets, menus) as well as in pages."""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.test import Client
from wagtail.models import Page, PageViewRestriction, Site

from . import rules
from .scanner import Finding, Policy, scan_html

logger = logging.getLogger(__name__)
DEFAULT_LIMIT = 5000


@dataclass
class Seen:
    finding: Finding
    url: str  # the first page it was seen on
    count: int = 0


@dataclass
class RenderResult:
    pages: int = 0
    errors: list[str] = field(default_factory=list)
    findings: dict[tuple[str, str], Seen] = field(default_factory=dict)


def public_urls(limit: int) -> list[tuple[str, str]]:
    """(host, path) of live pages without view restrictions, then discovery entries."""
    from toasoan.core import discovery

    urls: list[tuple[str, str]] = []
    restricted = [r.page for r in PageViewRestriction.objects.select_related("page")]
    sites = list(Site.objects.select_related("root_page"))
    default = next((s for s in sites if s.is_default_site), sites[0] if sites else None)
    for page in Page.objects.live().filter(depth__gt=1).order_by("path")[:limit]:
        if any(page.path.startswith(r.path) for r in restricted):
            continue
        site_id, _root_url, path = page.get_url_parts() or (None, None, None)
        if path is None:
            continue
        site = next((s for s in sites if s.pk == site_id), default)
        urls.append((site.hostname if site else "localhost", path))
    host = default.hostname if default else "localhost"
    for entry in discovery.entries():
        urls.append((host, entry.path))
    seen: set[tuple[str, str]] = set()
    return [u for u in urls if not (u in seen or seen.add(u))][:limit]


def scan_pages(policy: Policy, limit: int | None = None) -> RenderResult:
    limit = limit or getattr(settings, "TOASOAN_INTEGRITY", {}).get("RENDER_LIMIT", DEFAULT_LIMIT)
    client = Client(raise_request_exception=False, HTTP_USER_AGENT="toasoan-integrity-scan")
    result = RenderResult()
    secure = getattr(settings, "SECURE_SSL_REDIRECT", False)
    for host, path in public_urls(limit):
        try:
            response = client.get(path, HTTP_HOST=host, secure=secure)
        except Exception as error:  # one broken page must not stop the scan
            result.errors.append(f"{path}: {error}")
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        result.pages += 1
        html = response.content.decode(response.charset or "utf-8", "replace")
        for finding in scan_html(html, context="page", location=path, policy=policy):
            key = (finding.rule, rules.fingerprint_text(finding.excerpt))
            seen = result.findings.setdefault(key, Seen(finding, path))
            seen.count += 1
    return result
