"""The admin report: documents cited in published pages that the library lacks."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse

from toasoan.documents import selectors
from toasoan.trust.testing import staff_login

REPORT_URL = "/admin/van-ban/chua-co/"


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture
def citing(section, make_article, make_document):
    make_document("405/KH-UBND", "Kế hoạch tuyên truyền")
    one = make_article(
        section,
        "Tuyên truyền CCHC",
        body="Căn cứ Kế hoạch số 405/KH-UBND và Quyết định số 1234/QĐ-UBND; nhắc lại Quyết định 1234/QĐ-UBND.",
    )
    two = make_article(section, "Một cửa", body="Theo quyết định số 1234/QĐ-UBND và Nghị định 42/2022/NĐ-CP.")
    make_article(section, "Bản nháp", body="Thông tư 22/2023/TT-BTTTT", live=False)
    make_article(section, "Số lẻ", body="Mã 12/UBND-KT và ngày 30/12/2021.")  # no type word: not a citation
    return one, two


def test_missing_references_lists_each_number_with_the_pages_citing_it(citing):
    one, two = citing
    missing = selectors.missing_references()
    assert [(m.number, m.count) for m in missing] == [("1234/QĐ-UBND", 2), ("42/2022/NĐ-CP", 1)]
    assert {c.page_id for c in missing[0].citations} == {one.pk, two.pk}
    assert missing[1].kind == "Nghị định"
    assert missing[1].citations[0].url == two.url


def test_entering_the_document_takes_it_off_the_report(citing, make_document):
    make_document("1234/QÐ-UBND", document_type="Quyết định")  # typed with a look-alike Đ
    assert [m.number for m in selectors.missing_references()] == ["42/2022/NĐ-CP"]


def test_the_report_page_in_the_admin(client, citing):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.vn", "mat-khau-that-dai-123")
    staff_login(client, user)
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    rows = [[" ".join(td.get_text(" ").split()) for td in tr.find_all("td")] for tr in soup.select("tbody tr")]
    assert [row[:3] for row in rows] == [["1234/QĐ-UBND", "Quyết định", "2"], ["42/2022/NĐ-CP", "Nghị định", "1"]]
    edit = reverse("wagtailadmin_pages:edit", args=[citing[1].pk])
    assert soup.select_one(f"tbody a[href='{edit}']")
    assert text_of(soup.find("h1")) == "Văn bản được trích dẫn nhưng chưa có trong thư viện"
    assert reverse("documents_missing:index") == REPORT_URL


def test_the_report_is_in_the_admin_menu(rf, db):
    from wagtail.admin.menu import admin_menu

    request = rf.get("/admin/")
    request.user = get_user_model().objects.create_superuser("bt", "bt@example.vn", "mat-khau-that-dai-123")
    group = next(item for item in admin_menu.menu_items_for_request(request) if item.label == "Văn bản")
    labels = [item.label for item in group.menu.menu_items_for_request(request)]
    assert labels == ["Tất cả văn bản", "Loại văn bản", "Lĩnh vực văn bản", "Văn bản chưa có trong thư viện"]


def test_the_report_needs_an_admin_login(client, citing):
    response = client.get(REPORT_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_empty_report_says_so(client, db):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.vn", "mat-khau-that-dai-123")
    staff_login(client, user)
    assert "đều đã có trong thư viện" in client.get(REPORT_URL).content.decode()


def test_every_document_in_one_admin_list(client, make_document):
    make_document("405/KH-UBND", "Kế hoạch tuyên truyền")
    make_document("9/QĐ-UBND", "Quyết định nháp", document_type="Quyết định", live=False)
    staff_login(client, get_user_model().objects.create_superuser("bt", "bt@example.vn", "mat-khau-that-dai-123"))
    response = client.get(reverse("documents_all:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kế hoạch tuyên truyền" in page and "Quyết định nháp" in page and "405/KH-UBND" in page
