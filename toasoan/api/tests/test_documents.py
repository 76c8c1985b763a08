"""Documents (văn bản): metadata and files, filters by type, issuer, year, field and number,
only live public ones."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from toasoan.documents.models import (
    DocumentField,
    DocumentIndexPage,
    DocumentType,
    LegalDocumentFile,
    LegalDocumentPage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home) -> DocumentIndexPage:
    index = home.add_child(instance=DocumentIndexPage(title="Văn bản", slug="van-ban"))
    index.save_revision().publish()
    return index


@pytest.fixture
def make_document(library):
    """make_document(number, type_name, issued_on, live=True, **fields) -> a document page."""

    def make(number: str, type_name: str, issued_on: datetime.date, live: bool = True, field: str = "", **fields):
        document = LegalDocumentPage(
            title=fields.pop("title", f"Văn bản {number}"),
            number=number,
            document_type=DocumentType.objects.get_or_create(name=type_name)[0],
            field=DocumentField.objects.get_or_create(name=field)[0] if field else None,
            issued_on=issued_on,
            live=False,
            **fields,
        )
        library.add_child(instance=document)
        revision = document.save_revision()
        if live:
            revision.publish()
        document.refresh_from_db()
        return document

    return make


@pytest.fixture
def documents(make_document):
    D = datetime.date
    return {
        "ke_hoach": make_document(
            "405/KH-UBND",
            "Kế hoạch",
            D(2021, 12, 30),
            title="Kế hoạch chuyển đổi số năm 2022",
            issuer="UBND tỉnh Thừa Thiên Huế",
            signer="Phan Thiên Định",
            effective_on=D(2021, 12, 30),
            summary="Kế hoạch thực hiện chuyển đổi số năm 2022.",
            field="Chuyển đổi số",
        ),
        "quyet_dinh": make_document(
            "12/QĐ-SKHCN", "Quyết định", D(2024, 3, 1), issuer="Sở Khoa học và Công nghệ", field="Khoa học"
        ),
        "cong_van": make_document("88/SKHCN-VP", "Công văn", D(2024, 6, 1), issuer="Sở Khoa học và Công nghệ"),
        "nhap": make_document("99/KH-UBND", "Kế hoạch", D(2024, 7, 1), live=False),
    }


def numbers(body: dict) -> list[str]:
    return [item["number"] for item in body["results"]]


def test_list_shape_newest_first_and_drafts_excluded(get_json, documents):
    body = get_json("/api/v1/documents/")
    assert numbers(body) == ["88/SKHCN-VP", "12/QĐ-SKHCN", "405/KH-UBND"]
    item = body["results"][2]
    assert item == {
        "id": documents["ke_hoach"].pk,
        "number": "405/KH-UBND",
        "title": "Kế hoạch chuyển đổi số năm 2022",
        "url": f"http://testserver/van-ban/{documents['ke_hoach'].slug}/",
        "document_type": {"slug": "ke-hoach", "name": "Kế hoạch"},
        "issuer": "UBND tỉnh Thừa Thiên Huế",
        "signer": "Phan Thiên Định",
        "issued_on": "2021-12-30",
        "effective_on": "2021-12-30",
        "summary": "Kế hoạch thực hiện chuyển đổi số năm 2022.",
        "field": {"slug": "chuyen-doi-so", "name": "Chuyển đổi số"},
        "last_published_at": item["last_published_at"],
    }
    get_json(f"/api/v1/documents/{documents['nhap'].pk}/", status=404)


def test_detail_lists_files(get_json, documents):
    document = documents["ke_hoach"]
    file = Document.objects.create(title="KH 405", file=ContentFile(b"%PDF-1.4", name="kh-405.pdf"))
    document.files.add(LegalDocumentFile(document=file, label="Toàn văn"))
    document.save_revision().publish()
    item = get_json(f"/api/v1/documents/{document.pk}/")
    assert [f["title"] for f in item["files"]] == ["Toàn văn"]
    assert item["files"][0]["url"].startswith("http://testserver/documents/")


def test_filters(get_json, documents):
    assert numbers(get_json("/api/v1/documents/?type=ke-hoach")) == ["405/KH-UBND"]
    assert numbers(get_json("/api/v1/documents/?issuer=Sở Khoa học và Công nghệ")) == ["88/SKHCN-VP", "12/QĐ-SKHCN"]
    assert numbers(get_json("/api/v1/documents/?year=2024")) == ["88/SKHCN-VP", "12/QĐ-SKHCN"]
    assert numbers(get_json("/api/v1/documents/?field=khoa-hoc")) == ["12/QĐ-SKHCN"]
    assert numbers(get_json("/api/v1/documents/?number=405 / kh-ubnd")) == ["405/KH-UBND"]
    assert numbers(get_json("/api/v1/documents/?year=2024&type=cong-van")) == ["88/SKHCN-VP"]
    assert numbers(get_json("/api/v1/documents/?q=chuyển đổi số")) == ["405/KH-UBND"]


def test_private_documents_are_excluded(get_json, documents, restrict):
    restrict(documents["cong_van"])
    assert numbers(get_json("/api/v1/documents/")) == ["12/QĐ-SKHCN", "405/KH-UBND"]
    get_json(f"/api/v1/documents/{documents['cong_van'].pk}/", status=404)


def test_types_and_fields_lists_count_public_documents(get_json, documents):
    types = get_json("/api/v1/documents/types/")["results"]
    assert sorted((t["name"], t["document_count"]) for t in types) == [
        ("Công văn", 1),
        ("Kế hoạch", 1),
        ("Quyết định", 1),
    ]
    fields = get_json("/api/v1/documents/fields/")["results"]
    assert [(f["slug"], f["document_count"]) for f in fields] == [("chuyen-doi-so", 1), ("khoa-hoc", 1)]


@pytest.mark.parametrize(
    ("query", "param", "message"),
    [
        ("year=hai-nghin", "year", "phải là số nguyên"),
        ("year=99", "year", "phải lớn hơn hoặc bằng 1900"),
        ("type=nghi-quyet-x", "type", "không có loại văn bản nào có đường dẫn “nghi-quyet-x”"),
        ("field=khong-co", "field", "không có lĩnh vực nào có đường dẫn “khong-co”"),
    ],
)
def test_bad_parameters_get_a_vietnamese_422(get_json, documents, query, param, message):
    body = get_json(f"/api/v1/documents/?{query}", status=422)
    assert body["errors"] == [{"param": param, "location": "query", "message": message}]
