"""Procedures in the site search: found by name, code and content, with or without diacritics."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup

from toasoan.procedures.search_registration import procedure_document
from toasoan.search.models import SearchEntry


def search(client, **params) -> BeautifulSoup:
    response = client.get("/tim-kiem/?" + urlencode(params))
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def titles(soup: BeautifulSoup) -> list[str]:
    return [text_of(a) for a in soup.select(".result__title a")]


XRAY = "Cấp giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế"


@pytest.fixture
def xray(make_procedure, field_buc_xa):
    return make_procedure(
        "1.004521",
        XRAY,
        field_buc_xa,
        agency="Sở Khoa học và Công nghệ",
        dossier="<ul><li>Báo cáo đánh giá an toàn bức xạ</li></ul>",
        fees="Phí thẩm định cấp giấy phép: 2.000.000 đồng/thiết bị",
        legal_basis="<p>Nghị định số 142/2020/NĐ-CP</p>",
    )


@pytest.fixture
def article(section, make_article):
    return make_article(section, "Hội thảo về an toàn bức xạ trong y tế", body="Tập huấn an toàn bức xạ.")


@pytest.mark.parametrize(
    "q",
    [
        "cap giay phep x quang",  # name, no diacritics
        "Cấp giấy phép X-quang",
        "CAP GIAY PHEP BUC XA",
        "1.004521",  # code
        "bao cao danh gia an toan buc xa",  # thành phần hồ sơ
        "142/2020/ND-CP",  # căn cứ pháp lý
        "2.000.000 dong thiet bi",  # phí
    ],
)
def test_search_finds_a_procedure(client, xray, q):
    soup = search(client, q=q)
    assert XRAY in titles(soup), (q, titles(soup))
    link = next(a for a in soup.select(".result__title a") if text_of(a) == XRAY)
    assert link["href"] == xray.url


def test_results_say_what_they_are_and_can_be_limited_to_procedures(client, xray, article):
    soup = search(client, q="an toan buc xa")
    assert set(titles(soup)) == {XRAY, article.title}
    kinds = {text_of(r.select_one(".result__title")): text_of(r.select_one(".meta")) for r in soup.select(".result")}
    assert kinds[XRAY].startswith("Thủ tục hành chính")
    assert kinds[article.title].startswith("Bài viết")
    options = {o["value"]: text_of(o) for o in soup.select("select[name=loai] option")}
    assert options[""] == "Tất cả"
    assert options["bai-viet"] == "Bài viết" and options["thu-tuc-hanh-chinh"] == "Thủ tục hành chính"

    soup = search(client, q="an toan buc xa", loai="thu-tuc-hanh-chinh")
    assert titles(soup) == [XRAY]
    assert soup.select_one("select[name=loai] option[selected]")["value"] == "thu-tuc-hanh-chinh"
    assert titles(search(client, q="an toan buc xa", loai="bai-viet")) == [article.title]


def test_a_bad_kind_is_ignored_with_a_notice(client, xray, article):
    soup = search(client, q="an toan buc xa", loai="khong-co")
    assert set(titles(soup)) == {XRAY, article.title}
    assert "“Loại nội dung” đã chọn không hợp lệ" in soup.get_text()


def test_the_catalogue_search_box_searches_procedures_only(client, catalogue_page, xray, article):
    page = BeautifulSoup(client.get("/thu-tuc-hanh-chinh/").content.decode(), "html.parser")
    form = page.select_one("form.procedure-search")
    assert form["action"] == "/tim-kiem/"
    hidden = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    assert titles(search(client, q="an toan buc xa", **hidden)) == [XRAY]


def test_unpublished_and_draft_procedures_are_not_found(client, make_procedure, field_khcn, xray):
    make_procedure("1.000099", "Thủ tục nháp về bức xạ", field_khcn, live=False)
    assert titles(search(client, q="thu tuc nhap")) == []
    xray.unpublish()
    assert titles(search(client, q="x quang")) == []
    assert not SearchEntry.objects.filter(object_id=xray.pk).exists()
    xray.get_latest_revision().publish()
    assert titles(search(client, q="x quang")) == [XRAY]


def test_a_published_edit_is_reindexed(client, xray):
    draft = xray.get_latest_revision_as_object()
    draft.title = "Cấp giấy phép sử dụng thiết bị X-quang di động"
    revision = draft.save_revision()
    assert titles(search(client, q="x quang di dong")) == []  # a draft is not public yet
    revision.publish()
    assert titles(search(client, q="x quang di dong")) == ["Cấp giấy phép sử dụng thiết bị X-quang di động"]


def test_deleted_procedures_leave_the_index(client, xray):
    xray.delete()
    assert titles(search(client, q="x quang")) == []
    assert not SearchEntry.objects.filter(title=XRAY).exists()


def test_search_document_has_the_facts_and_content(xray):
    document = procedure_document(xray)
    assert document.title == XRAY
    first_line = document.text.splitlines()[0]
    assert first_line.startswith("Mã thủ tục 1.004521 · Lĩnh vực Năng lượng nguyên tử")
    assert "Báo cáo đánh giá an toàn bức xạ" in document.text
    assert "<" not in document.text
    assert document.date is not None
