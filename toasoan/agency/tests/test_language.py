"""English pages under /en/, the interface in English there, and the language taken from the URL
only: pages are cached by path, so Accept-Language and cookies must change nothing."""

import gettext
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

EN_PAGES = {
    "/en/about/": "About us",
    "/en/organisation/": "Organisation",
    "/en/leaders/": "Leadership",
    "/en/contacts/": "Contacts",
}
VI_OF = {
    "/en/about/": "/gioi-thieu/",
    "/en/organisation/": "/gioi-thieu/co-cau-to-chuc/",
    "/en/leaders/": "/gioi-thieu/lanh-dao/",
    "/en/contacts/": "/danh-ba/",
}


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize("path", EN_PAGES)
def test_english_pages(client, db, path):
    page = soup(client.get(path))
    assert page.html["lang"] == "en"
    assert page.h1.get_text() == EN_PAGES[path]
    assert len(page.find_all("h1")) == 1
    switch = page.select_one("a.lang-switch")
    assert switch.get_text() == "Tiếng Việt" and switch["hreflang"] == "vi" and switch["href"] == VI_OF[path]
    assert page.select_one('link[rel=alternate][hreflang="vi"]')["href"] == VI_OF[path]
    # Interface strings from the shared includes, in English.
    assert page.select_one(".skip-link").get_text() == "Skip to main content"
    assert page.select_one("header form.search-form button").get_text() == "Search"
    assert page.select_one(".breadcrumbs a").get_text() == "Home"
    # No Vietnamese-only page in the English menu of the agency.
    assert "/lich-cong-tac/" not in [a["href"] for a in page.select(".agency-nav a")]


@pytest.mark.parametrize("path", VI_OF.values())
def test_vietnamese_pages_link_their_english_version(client, db, path):
    page = soup(client.get(path))
    english = {v: k for k, v in VI_OF.items()}[path]
    switch = page.select_one("a.lang-switch")
    assert switch.get_text() == "English" and switch["hreflang"] == "en" and switch["href"] == english


def test_english_fields_shown_on_english_pages(client, office, director):
    org = soup(client.get("/en/organisation/"))
    assert org.select_one("article.unit h3").get_text() == "Office of the Department"
    assert "General advice and administration." in org.get_text()
    assert "Trần Thị Minh Hà, Chief of Office" in org.get_text()
    assert org.select_one("article.unit").find_parent("section").h2.get_text() == "Specialised divisions"
    leaders = soup(client.get("/en/leaders/"))
    assert leaders.select_one(".leader__title").get_text() == "Director"
    assert [li.get_text() for li in leaders.select(".leader__areas li")] == ["General management", "Personnel"]
    assert "PhD in Physics." in leaders.get_text()
    contacts = soup(client.get("/en/contacts/"))
    assert [o.get_text() for o in contacts.select("select[name=unit] option")][:2] == [
        "All units",
        "Office of the Department",
    ]
    assert "Chief of Office" in contacts.get_text()
    assert "1 person" in contacts.select_one(".directory-count").get_text()


def test_english_pages_name_the_agency_in_english(client, publish, db):
    from toasoan.agency.models import AgencyProfile

    publish(AgencyProfile(name_en="Department of Science and Technology"))
    page = soup(client.get("/en/about/"))
    assert page.select_one(".brand__name").get_text() == "Department of Science and Technology"
    assert page.select_one(".site-footer__name").get_text() == "Department of Science and Technology"
    assert "Department of Science" not in soup(client.get("/gioi-thieu/")).select_one(".brand__name").get_text()


def test_english_falls_back_to_vietnamese_when_not_translated(client, publish, db):
    from toasoan.agency.models import Unit

    publish(Unit(name="Phòng chưa dịch"))
    assert soup(client.get("/en/organisation/")).select_one("article.unit h3").get_text() == "Phòng chưa dịch"


def test_english_contacts_filter_uses_its_own_parameter(client, office, inspectorate):
    page = soup(client.get("/en/contacts/", {"unit": "thanh-tra-so"}))
    assert [th.get_text() for th in page.select(".directory tbody th")] == ["Phan Văn Đức"]
    page = soup(client.get("/en/contacts/", {"unit": "nope"}))
    assert page.select_one("[role=alert]").get_text() == "The unit you chose does not exist, so all units are shown."


def test_en_root_redirects_to_about(client, db):
    response = client.get("/en/")
    assert response.status_code == 302 and response["Location"] == "/en/about/"


def test_accept_language_and_cookie_never_change_the_language(client, home):
    for path in ("/", "/gioi-thieu/"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        page = soup(response)
        assert page.html["lang"] == "vi"
        assert page.select_one(".skip-link").get_text() == "Bỏ qua, đến nội dung chính"
        assert "Accept-Language" not in response.get("Vary", "")
        assert response["Content-Language"] == "vi"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert soup(client.get("/")).html["lang"] == "vi"
    # ...and the other way round: /en/ stays English whatever the browser says.
    response = client.get("/en/about/", HTTP_ACCEPT_LANGUAGE="vi")
    assert soup(response).html["lang"] == "en" and response["Content-Language"] == "en"


def test_the_language_does_not_outlive_the_request(client, db):
    client.get("/en/about/")
    assert translation.get_language() == settings.LANGUAGE_CODE


def test_home_page_offers_english(client, home):
    switch = soup(client.get("/")).select_one("a.lang-switch")
    assert switch["href"] == "/en/" and switch["hreflang"] == "en" and switch["lang"] == "en"


def test_not_found_in_english_under_en(client, home):
    response = client.get("/en/khong-co/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.html["lang"] == "en" and page.h1.get_text() == "Page not found"
    response = client.get("/khong-co/")
    assert BeautifulSoup(response.content.decode(), "html.parser").h1.get_text() == "Không tìm thấy trang"


@pytest.mark.parametrize(
    ("template", "english"),
    [("500.html", "The system has a problem"), ("503.html", "Service temporarily unavailable")],
)
def test_error_pages_in_both_languages(template, english):
    from django.template.loader import render_to_string

    with translation.override("en"):
        html = render_to_string(template)
    assert f"<h1>{english}</h1>" in html and 'lang="en"' in html
    with translation.override("vi"):
        assert 'lang="vi"' in render_to_string(template)


def test_pagination_in_english():
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    page_obj = Paginator(list(range(30)), 10).page(2)
    with translation.override("en"):
        html = render_to_string("core/includes/pagination.html", {"page_obj": page_obj})
    assert "Page 2 of 3" in html and "Previous page" in html and "Next page" in html
    with translation.override("vi"):
        html = render_to_string("core/includes/pagination.html", {"page_obj": page_obj})
    assert "Trang 2/3" in html and "Trang trước" in html


def test_admin_stays_vietnamese(admin_client):
    response = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()
    assert [code for code, _ in settings.WAGTAILADMIN_PERMITTED_LANGUAGES] == ["vi"]


def test_compiled_catalogue_is_up_to_date():
    """Every translation in django.po is in the committed django.mo (compilemessages ran)."""
    folder = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
    catalogue = gettext.GNUTranslations((folder / "django.mo").open("rb"))
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', (folder / "django.po").read_text(), re.M)
    assert len(pairs) > 40
    for msgid, msgstr in pairs:
        unquote = lambda text: text.replace('\\"', '"')  # noqa: E731
        assert catalogue.gettext(unquote(msgid)) == unquote(msgstr)
