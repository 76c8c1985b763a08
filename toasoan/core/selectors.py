"""Site-wide facts that feature apps read outside a request (emails, background tasks, consent
records): the default site, its root URL, the agency's name and the privacy policy."""

from wagtail.models import Site

from .consent import policy_version
from .models import AgencySettings

FALLBACK_PRIVACY_URL = "/chinh-sach-bao-ve-du-lieu-ca-nhan/"


def default_site() -> Site | None:
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def site_root_url() -> str:
    site = default_site()
    return site.root_url if site else ""


def agency_name() -> str:
    site = default_site()
    return AgencySettings.for_site(site).name if site else ""


def privacy_policy() -> tuple[str, str]:
    """(URL, version) of the privacy policy a consent refers to: core.consent.policy_version names
    its page, live revision, publication time and a hash of its text."""
    site = default_site()
    page = AgencySettings.for_site(site).privacy_policy_page if site else None
    if page is None:
        return FALLBACK_PRIVACY_URL, ""
    return page.url or "", policy_version(page)
