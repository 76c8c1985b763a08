"""Fixtures for the documents tests: the library page and a factory of documents."""

import datetime

import pytest

from toasoan.documents import services
from toasoan.documents.models import DocumentIndexPage, LegalDocumentPage
from toasoan.documents.services import DocumentData, FileData


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT


@pytest.fixture
def library_page(home) -> DocumentIndexPage:
    index, _ = services.index_page_get_or_create(home=home, title="Văn bản", slug="van-ban")
    return index


@pytest.fixture
def make_document(library_page):
    """make_document(number, title, type="Kế hoạch", issuer=..., issued_on=..., live=True, **fields)."""

    def make(
        number: str,
        title: str = "",
        document_type: str = "Kế hoạch",
        issuer: str = "UBND tỉnh Thừa Thiên Huế",
        issued_on: datetime.date = datetime.date(2021, 12, 30),
        live: bool = True,
        files: tuple[FileData, ...] = (),
        **fields,
    ) -> LegalDocumentPage:
        data = DocumentData(
            title=title or f"Văn bản {number}",
            number=number,
            document_type=document_type,
            issuer=issuer,
            issued_on=issued_on,
            summary=fields.pop("summary", "Trích yếu văn bản."),
            files=files,
            **fields,
        )
        document = services.document_create(index=library_page, data=data, publish=live)
        document.refresh_from_db()
        return document

    return make
