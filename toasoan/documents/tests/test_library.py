"""The library: models, services, the list page with its filters, and a document's page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from toasoan.documents import selectors
from toasoan.documents.models import DocumentType, LegalDocumentPage
from toasoan.documents.services import FileData


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def listed(soup: BeautifulSoup) -> list[str]:
    return [text_of(a) for a in soup.select(".document-card__title a")]


@pytest.fixture
def three(make_document):
    return [
        make_document("405/KH-UBND", "Kế hoạch tuyên truyền CCHC năm 2022", field="Cải cách hành chính"),
        make_document(
            "42/2022/NĐ-CP",
            "Cung cấp dịch vụ công trực tuyến",
            document_type="Nghị định",
            issuer="Chính phủ",
            issued_on=datetime.date(2022, 6, 24),
            field="Chuyển đổi số",
        ),
        make_document(
            "45/2016/QĐ-TTg",
            "Dịch vụ bưu chính công ích",
            document_type="Quyết định",
            issuer="Thủ tướng Chính phủ",
            issued_on=datetime.date(2016, 10, 19),
            field="Cải cách hành chính",
        ),
    ]


def test_the_usual_document_types_are_there_to_choose(db):
    names = list(DocumentType.objects.values_list("name", flat=True))
    for name in ("Luật", "Nghị định", "Thông tư", "Quyết định", "Kế hoạch", "Công văn", "Chỉ thị", "Nghị quyết"):
        assert name in names
    assert names.index("Luật") < names.index("Công văn")  # ordered by rank, not alphabet


def test_a_document_keeps_its_metadata_and_lookup_key(make_document):
    document = make_document(" 405/KH–UBND ", "Kế hoạch tuyên truyền", signer="Nguyễn Văn A")
    assert document.number == "405/KH–UBND"
    assert document.number_key == "405/KH-UBND"
    assert document.live and document.url == f"/van-ban/{document.slug}/"
    assert document.document_type.name == "Kế hoạch"


def test_effective_date_before_issue_date_is_refused(make_document):
    document = make_document("1/QĐ-UBND")
    document.effective_on = document.issued_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "Ngày hiệu lực không thể trước ngày ban hành." in str(error.value)


def test_list_is_newest_first_with_filter_options(client, three, make_document):
    make_document("9/KH-UBND", "Bản nháp", live=False)
    soup = soup_of(client.get("/van-ban/"))
    assert listed(soup) == [
        "Cung cấp dịch vụ công trực tuyến",
        "Kế hoạch tuyên truyền CCHC năm 2022",
        "Dịch vụ bưu chính công ích",
    ]
    assert len(soup.find_all("h1")) == 1
    options = {s["name"]: [text_of(o) for o in s.find_all("option")] for s in soup.select(".document-filters select")}
    assert options["loai"] == ["Tất cả loại", "Nghị định (1)", "Quyết định (1)", "Kế hoạch (1)"]
    assert options["nam"] == ["Tất cả các năm", "2022 (1)", "2021 (1)", "2016 (1)"]
    assert options["co-quan"] == [
        "Tất cả cơ quan",
        "Chính phủ (1)",
        "Thủ tướng Chính phủ (1)",
        "UBND tỉnh Thừa Thiên Huế (1)",
    ]
    assert options["linh-vuc"] == ["Tất cả lĩnh vực", "Cải cách hành chính (2)", "Chuyển đổi số (1)"]
    assert soup.select_one("form.document-filters")["method"] == "get"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("loai=quyet-dinh", ["Dịch vụ bưu chính công ích"]),
        ("co-quan=Chính+phủ", ["Cung cấp dịch vụ công trực tuyến"]),
        ("nam=2021", ["Kế hoạch tuyên truyền CCHC năm 2022"]),
        ("linh-vuc=cai-cach-hanh-chinh", ["Kế hoạch tuyên truyền CCHC năm 2022", "Dịch vụ bưu chính công ích"]),
        ("linh-vuc=cai-cach-hanh-chinh&nam=2016", ["Dịch vụ bưu chính công ích"]),
        ("loai=nghi-dinh&nam=2016", []),
    ],
)
def test_filters_narrow_the_list(client, three, query, expected):
    soup = soup_of(client.get("/van-ban/?" + query))
    assert listed(soup) == expected
    assert not soup.select("[role=alert]")
    if not expected:
        assert "Không có văn bản nào khớp bộ lọc." in text_of(soup)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("loai=khong-co", "Không có loại văn bản đã chọn"),
        ("co-quan=Bộ+Không+Tồn+Tại", "Không có cơ quan ban hành đã chọn"),
        ("nam=abc", "Năm ban hành không hợp lệ"),
        ("nam=99999999999999999999", "Năm ban hành không hợp lệ"),
        ("nam=-1", "Năm ban hành không hợp lệ"),
        ("nam=٢٠٢١", "Năm ban hành không hợp lệ"),  # Arabic-Indic digits: isdigit() but not a year here
        ("linh-vuc=%00", "Không có lĩnh vực đã chọn"),
    ],
)
def test_bad_filter_values_are_ignored_with_a_message(client, three, query, message):
    response = client.get("/van-ban/?" + query)
    soup = soup_of(response)
    assert message in text_of(soup.select_one("[role=alert]"))
    assert len(listed(soup)) == 3  # the filter is dropped, the list still shows
    assert response.wsgi_request.page_cacheable is False


def test_pagination_keeps_the_filters(client, library_page, make_document, monkeypatch):
    monkeypatch.setattr(type(library_page), "PER_PAGE", 2)
    for n in range(5):
        make_document(f"{n + 1}/KH-UBND", f"Kế hoạch {n + 1}", issued_on=datetime.date(2021, 1, n + 1))
    make_document("1/QĐ-UBND", "Quyết định", document_type="Quyết định")
    soup = soup_of(client.get("/van-ban/?loai=ke-hoach&page=2"))
    assert listed(soup) == ["Kế hoạch 3", "Kế hoạch 2"]
    assert soup.select_one("a[rel=next]")["href"] == "?loai=ke-hoach&page=3"
    assert soup_of(client.get("/van-ban/?page=abc")).select(".document-card")  # junk page: first page


def test_a_document_page_shows_its_metadata_and_files(client, make_document):
    pdf = FileData(filename="405.pdf", content=b"%PDF-1.4 test", title="405 toàn văn", label="Toàn văn")
    document = make_document(
        "405/KH-UBND",
        "Kế hoạch tuyên truyền CCHC",
        signer="Nguyễn Văn A",
        effective_on=datetime.date(2022, 1, 1),
        field="Cải cách hành chính",
        summary="Tuyên truyền cải cách hành chính năm 2022.",
        files=(pdf,),
    )
    soup = soup_of(client.get(document.url))
    assert text_of(soup.find("h1")) == "Kế hoạch tuyên truyền CCHC"
    facts = {text_of(dt): text_of(dt.find_next_sibling("dd")) for dt in soup.select(".document-facts dt")}
    assert facts == {
        "Số hiệu": "405/KH-UBND",
        "Loại văn bản": "Kế hoạch",
        "Cơ quan ban hành": "UBND tỉnh Thừa Thiên Huế",
        "Người ký": "Nguyễn Văn A",
        "Ngày ban hành": "30/12/2021",
        "Ngày hiệu lực": "01/01/2022",
        "Lĩnh vực": "Cải cách hành chính",
        "Trích yếu": "Tuyên truyền cải cách hành chính năm 2022.",
    }
    link = soup.select_one(".document-files a")
    assert text_of(link) == "Toàn văn"
    assert link["href"] == document.files.get().document.url
    # The facts link back to the filtered list.
    issuer_link = soup.select_one(".document-facts a[href*=co-quan]")["href"]
    assert listed(soup_of(client.get(issuer_link))) == ["Kế hoạch tuyên truyền CCHC"]


def test_drafts_and_restricted_documents_are_not_public(client, make_document):
    from wagtail.models import PageViewRestriction

    draft = make_document("1/KH-UBND", live=False)
    secret = make_document("2/KH-UBND")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    assert client.get(draft.url).status_code == 404
    assert list(selectors.public_documents()) == []
    assert selectors.documents_by_number(["2/KH-UBND", "1/KH-UBND"]) == {}


def test_documents_sharing_a_number_are_told_apart_by_date(make_document):
    old = make_document("1/KH-UBND", "Kế hoạch 2021", issued_on=datetime.date(2021, 1, 5))
    new = make_document("1/KH-UBND", "Kế hoạch 2022", issued_on=datetime.date(2022, 1, 4))
    candidates = selectors.documents_by_number(["1/kh-ubnd"])["1/KH-UBND"]
    assert [d.pk for d in candidates] == [new.pk, old.pk]
    assert selectors.document_for(candidates, datetime.date(2021, 1, 5)).pk == old.pk
    assert selectors.document_for(candidates, None).pk == new.pk
    assert LegalDocumentPage.objects.count() == 2


def test_the_same_number_and_date_twice_is_refused_but_next_years_number_is_fine(make_document):
    make_document("1/KH-UBND", issued_on=datetime.date(2021, 1, 5))
    with pytest.raises(ValidationError) as error:
        make_document("1/kh-ubnd", issued_on=datetime.date(2021, 1, 5))
    assert "Đã có văn bản khác cùng số hiệu và ngày ban hành này." in str(error.value)
    assert make_document("1/KH-UBND", issued_on=datetime.date(2022, 1, 4)).live
