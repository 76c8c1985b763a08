"""Documents in the site search: the number, or the number with the type, finds the document first,
ahead of articles that cite it and of documents with a similar number."""

import datetime
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup

from toasoan.documents.search_registration import document_document, search_title

PLAN = "Kế hoạch tuyên truyền cải cách hành chính tỉnh Thừa Thiên Huế năm 2022"


def titles(client, **params) -> list[str]:
    response = client.get("/tim-kiem/?" + urlencode(params))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [" ".join(a.get_text(" ").split()) for a in soup.select(".result__title a")]


@pytest.fixture
def library(make_document, section, make_article):
    make_document("405/KH-UBND", PLAN, summary="Tuyên truyền cải cách hành chính năm 2022.")
    make_document(
        "405/QĐ-UBND",
        "Công bố danh mục thủ tục hành chính",
        document_type="Quyết định",
        issued_on=datetime.date(2022, 2, 1),
    )
    make_document("406/KH-UBND", "Kế hoạch chuyển đổi số năm 2022", issued_on=datetime.date(2021, 12, 31))
    make_document("29/KH-SKHCN", "Kế hoạch tuyên truyền CCHC của Sở", issued_on=datetime.date(2022, 1, 6))
    # Articles citing the plan, one of them in its title: they must not outrank the plan itself.
    make_article(
        section,
        "Sở ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2022",
        body="Căn cứ Kế hoạch số 405/KH-UBND ngày 30/12/2021 của UBND tỉnh, Sở ban hành kế hoạch 29/KH-SKHCN.",
    )
    make_article(
        section,
        "Triển khai Kế hoạch 405/KH-UBND tại các phòng",
        body="Các phòng, đơn vị thuộc Sở quán triệt Kế hoạch số 405/KH-UBND và triển khai trong năm 2022.",
    )


@pytest.mark.parametrize(
    "q",
    ["405/KH-UBND", "405/kh-ubnd", "kế hoạch 405", "Kế hoạch số 405", "ke hoach 405", "KH 405", "405 kế hoạch"],
)
def test_the_number_or_number_and_type_ranks_the_document_first(client, library, q):
    found = titles(client, q=q)
    assert found and found[0] == "Kế hoạch số 405/KH-UBND", (q, found)


def test_the_other_document_with_the_same_digits_is_found_by_its_type(client, library):
    assert titles(client, q="quyết định 405")[0] == "Quyết định số 405/QĐ-UBND"
    assert titles(client, q="405/QĐ-UBND")[0] == "Quyết định số 405/QĐ-UBND"


def test_documents_can_be_searched_alone(client, library):
    found = titles(client, q="405", loai="van-ban")
    assert set(found) == {"Kế hoạch số 405/KH-UBND", "Quyết định số 405/QĐ-UBND"}


def test_unpublished_documents_are_not_found(client, make_document):
    make_document("77/KH-UBND", "Kế hoạch chưa xuất bản", live=False)
    assert titles(client, q="77/KH-UBND") == []


def test_results_are_titled_by_type_and_number_and_the_text_carries_the_rest(make_document):
    document = make_document(
        "2/KH-UBND", "Chuyển đổi số năm 2022", signer="Nguyễn Văn A", summary="Triển khai chuyển đổi số."
    )
    untyped = make_document("3/UBND-KT", "Công văn về chuyển đổi số")
    untyped.document_type = None
    assert search_title(document) == "Kế hoạch số 2/KH-UBND"
    assert search_title(untyped) == "Văn bản số 3/UBND-KT"
    indexed = document_document(document)
    assert indexed.title == "Kế hoạch số 2/KH-UBND"
    lines = indexed.text.splitlines()
    assert lines[0] == "Kế hoạch 2/KH-UBND ngày 30/12/2021 của UBND tỉnh Thừa Thiên Huế"
    assert lines[1] == "Chuyển đổi số năm 2022"
    assert "Người ký Nguyễn Văn A" in lines[2] and lines[3] == "Triển khai chuyển đổi số."
    assert indexed.date == datetime.date(2021, 12, 30)
