"""The published security contact point: /.well-known/security.txt (RFC 9116) and its page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Site

from toasoan.core.models import AgencySettings
from toasoan.trust.security import security_txt

pytestmark = pytest.mark.django_db


def _fields(text: str) -> list[tuple[str, str]]:
    return [tuple(part.strip() for part in line.split(":", 1)) for line in text.splitlines() if line]


def _agency(home, **values) -> AgencySettings:
    agency = AgencySettings.for_site(Site.objects.get(root_page=home))
    for name, value in values.items():
        setattr(agency, name, value)
    agency.save()
    return agency


def test_security_txt_follows_rfc_9116(client, home):
    _agency(home, email="skhcn@example.gov.vn", security_email="attt@example.gov.vn")
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    fields = _fields(text)
    assert ("Contact", "mailto:attt@example.gov.vn") in fields
    assert ("Contact", "http://testserver/lien-he-an-toan-thong-tin/") in fields
    assert ("Canonical", "http://testserver/.well-known/security.txt") in fields
    assert ("Preferred-Languages", "vi, en") in fields
    expires = [value for name, value in fields if name == "Expires"]
    assert len(expires) == 1  # exactly one Expires, required
    when = datetime.datetime.fromisoformat(expires[0].replace("Z", "+00:00"))
    assert timezone.now() < when < timezone.now() + datetime.timedelta(days=365)  # RFC: under a year
    assert "\r" not in text and text.endswith("\n")


def test_without_a_dedicated_address_the_agency_email_is_the_contact(client, home):
    _agency(home, email="skhcn@example.gov.vn", security_email="")
    fields = _fields(client.get("/.well-known/security.txt").content.decode())
    assert ("Contact", "mailto:skhcn@example.gov.vn") in fields


def test_without_any_address_the_page_is_the_contact():
    text = security_txt(contact_email="", contact_page_url="https://a.gov.vn/lh/", canonical_url="https://a.gov.vn/s")
    assert [value for name, value in _fields(text) if name == "Contact"] == ["https://a.gov.vn/lh/"]


def test_the_contact_page_says_how_to_report(client, home):
    _agency(home, security_email="attt@example.gov.vn")
    response = client.get("/lien-he-an-toan-thong-tin/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("h1").get_text(strip=True) == "Liên hệ về an toàn thông tin"
    assert len(soup.select("h1")) == 1
    assert soup.select_one('a[href="mailto:attt@example.gov.vn"]') is not None
    assert soup.select_one('a[href="/.well-known/security.txt"]') is not None
    # Linked from every page's footer, and listed in the sitemap.
    footer_links = [a["href"] for a in soup.select("footer a")]
    assert "/lien-he-an-toan-thong-tin/" in footer_links
    assert "http://testserver/lien-he-an-toan-thong-tin/" in _sitemap_urls(client)


def _sitemap_urls(client) -> set[str]:
    from defusedxml import ElementTree

    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    urls = set()
    for loc in index.iter(f"{ns}loc"):
        part = ElementTree.fromstring(client.get(loc.text.replace("http://testserver", "")).content)
        urls |= {url.text for url in part.iter(f"{ns}loc")}
    return urls


def test_only_get(client, home):
    assert client.post("/.well-known/security.txt").status_code == 405
    assert client.post("/lien-he-an-toan-thong-tin/").status_code == 405
