"""Legal documents (văn bản) in the open data API (toasoan.api builds the API; documents
registers here). Only live documents without view restrictions (`public_documents`)."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from toasoan.api.common import ERRORS, BadFilter, Filters, PageNumbers, absolute_url, is_id, page_url, request_of
from toasoan.api.registry import register
from toasoan.core.vietnamese import nfc

from .models import DocumentField, DocumentType, LegalDocumentPage, number_key
from .selectors import field_by_slug, newest_first, public_documents, sort_key, type_by_slug

router = Router(tags=["Văn bản"])


class TermRef(Schema):
    slug: str = Field(description="Giá trị dùng cho bộ lọc tương ứng.")
    name: str


class TermOut(TermRef):
    document_count: int


class FileOut(Schema):
    title: str
    url: str


class DocumentSummary(Schema):
    id: int
    number: str = Field(description="Số hiệu, ví dụ: 405/KH-UBND.")
    title: str
    url: str = Field(description="Địa chỉ trang văn bản trên cổng.")
    document_type: TermRef | None = Field(description="Loại văn bản.")
    issuer: str = Field(description="Cơ quan ban hành.")
    signer: str = Field(description="Người ký.")
    issued_on: datetime.date | None = Field(description="Ngày ban hành.")
    effective_on: datetime.date | None = Field(description="Ngày hiệu lực.")
    summary: str = Field(description="Trích yếu.")
    field: TermRef | None = Field(description="Lĩnh vực.")
    last_published_at: datetime.datetime | None

    @staticmethod
    def resolve_url(obj: LegalDocumentPage, context: dict) -> str:
        return page_url(context, obj)


class DocumentDetail(DocumentSummary):
    files: list[FileOut] = Field(description="Các tệp của văn bản (toàn văn, phụ lục).")

    @staticmethod
    def resolve_files(obj: LegalDocumentPage, context: dict) -> list[dict]:
        request = request_of(context)
        return [
            {"title": f.display_label, "url": absolute_url(request, f.document.url)}
            for f in obj.files.select_related("document")
        ]


class DocumentFilters(Filters):
    type: str | None = Field(None, max_length=255, description="Loại văn bản (slug), xem /api/v1/documents/types/.")
    issuer: str | None = Field(None, max_length=255, description="Cơ quan ban hành, đúng như ghi trên văn bản.")
    year: int | None = Field(None, ge=1900, le=2100, description="Năm ban hành, ví dụ: 2024.")
    field: str | None = Field(None, max_length=255, description="Lĩnh vực (slug), xem /api/v1/documents/fields/.")
    number: str | None = Field(
        None, max_length=100, description="Số hiệu, ví dụ: 405/KH-UBND (không phân biệt hoa thường, khoảng trắng)."
    )
    q: str | None = Field(None, max_length=200, description="Tìm trong tên và trích yếu.")


@router.get(
    "/",
    response={200: list[DocumentSummary], **ERRORS},
    summary="Danh sách văn bản",
    description="Văn bản mới ban hành trước; lọc theo loại, cơ quan ban hành, năm, lĩnh vực, số hiệu.",
    operation_id="documents_list",
    url_name="documents_list",
)
@paginate(PageNumbers)
def list_documents(request: HttpRequest, filters: Query[DocumentFilters]) -> QuerySet[LegalDocumentPage]:
    documents = newest_first(public_documents())
    if filters.type and filters.type.strip():
        document_type = type_by_slug(filters.type.strip())
        if document_type is None:
            raise BadFilter("type", f"không có loại văn bản nào có đường dẫn “{filters.type.strip()}”")
        documents = documents.filter(document_type=document_type)
    if filters.field and filters.field.strip():
        field = field_by_slug(filters.field.strip())
        if field is None:
            raise BadFilter("field", f"không có lĩnh vực nào có đường dẫn “{filters.field.strip()}”")
        documents = documents.filter(field=field)
    if filters.issuer and filters.issuer.strip():
        documents = documents.filter(issuer=nfc(filters.issuer.strip()))
    if filters.year:
        documents = documents.filter(issued_on__year=filters.year)
    if filters.number and filters.number.strip():
        documents = documents.filter(number_key=number_key(filters.number))
    if filters.q and filters.q.strip():
        q = nfc(filters.q.strip())
        documents = documents.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    return documents


def _terms(model: type[DocumentType] | type[DocumentField], link: str) -> list[dict]:
    counts = dict(public_documents().exclude(**{link: None}).order_by().values_list(link).annotate(Count("pk")))
    return [
        {"slug": t.slug, "name": t.name, "document_count": counts[t.pk]} for t in model.objects.filter(pk__in=counts)
    ]


@router.get(
    "/types/",
    response={200: list[TermOut], **ERRORS},
    summary="Danh sách loại văn bản",
    description="Các loại có ít nhất một văn bản công khai, với số văn bản.",
    operation_id="document_types_list",
)
@paginate(PageNumbers)
def list_types(request: HttpRequest) -> list[dict]:
    return _terms(DocumentType, "document_type")  # the model's order: sort_order, then name


@router.get(
    "/fields/",
    response={200: list[TermOut], **ERRORS},
    summary="Danh sách lĩnh vực văn bản",
    description="Các lĩnh vực có ít nhất một văn bản công khai, với số văn bản.",
    operation_id="document_fields_list",
)
@paginate(PageNumbers)
def list_fields(request: HttpRequest) -> list[dict]:
    return sorted(_terms(DocumentField, "field"), key=lambda t: sort_key(t["name"]))


@router.get(
    "/{int:document_id}/",
    response={200: DocumentDetail, **ERRORS},
    summary="Chi tiết văn bản",
    description="Số hiệu, loại, cơ quan ban hành, người ký, ngày ban hành và hiệu lực, trích yếu, lĩnh vực, các tệp.",
    operation_id="documents_detail",
)
def get_document(request: HttpRequest, document_id: int) -> LegalDocumentPage:
    document = newest_first(public_documents()).filter(pk=document_id).first() if is_id(document_id) else None
    if document is None:
        raise HttpError(404, f"Không có văn bản công khai nào mang mã {document_id}.")
    return document


register("documents", router, order=40)
