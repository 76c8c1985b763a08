"""Administrative procedures (TTHC) in the open data API (toasoan.api builds the API; procedures
registers here). Only live procedures without view restrictions (`public_procedures`)."""

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from wagtail.rich_text import expand_db_html

from toasoan.api.common import (
    ERRORS,
    BadFilter,
    Filters,
    PageNumbers,
    absolute_html,
    is_id,
    page_url,
    request_of,
)
from toasoan.api.registry import register

from .models import Level, ProcedureField, ProcedurePage, ServiceLevel
from .selectors import field_counts, public_procedures

router = Router(tags=["Thủ tục hành chính"])


class FieldRef(Schema):
    slug: str = Field(description="Giá trị dùng cho bộ lọc `field`.")
    name: str


class FieldOut(FieldRef):
    procedure_count: int


class ProcedureSummary(Schema):
    id: int
    code: str = Field(description="Mã thủ tục trên Cơ sở dữ liệu quốc gia về thủ tục hành chính.")
    title: str
    url: str = Field(description="Địa chỉ trang thủ tục trên cổng.")
    field: FieldRef | None = Field(description="Lĩnh vực.")
    level: str = Field(description="Cấp thực hiện: tinh, huyen hoặc xa.")
    level_label: str
    agency: str = Field(description="Cơ quan thực hiện.")
    service_level: str | None = Field(description="Mức độ dịch vụ công trực tuyến: toan-trinh, mot-phan hoặc null.")
    service_level_label: str | None
    portal_url: str | None = Field(description="Liên kết nộp hồ sơ trực tuyến.")
    last_published_at: datetime.datetime | None

    @staticmethod
    def resolve_code(obj: ProcedurePage) -> str:
        return obj.code or ""

    @staticmethod
    def resolve_url(obj: ProcedurePage, context: dict) -> str:
        return page_url(context, obj)

    @staticmethod
    def resolve_level_label(obj: ProcedurePage) -> str:
        return str(obj.get_level_display())

    @staticmethod
    def resolve_service_level(obj: ProcedurePage) -> str | None:
        return obj.service_level or None

    @staticmethod
    def resolve_service_level_label(obj: ProcedurePage) -> str | None:
        return obj.service_level_text or None

    @staticmethod
    def resolve_portal_url(obj: ProcedurePage) -> str | None:
        return obj.portal_url or None


def _rich(request: HttpRequest, value: str) -> str:
    return absolute_html(request, expand_db_html(value)) if value else ""


class ProcedureDetail(ProcedureSummary):
    steps_html: str = Field(description="Trình tự thực hiện (HTML).")
    methods_html: str = Field(description="Cách thức thực hiện (HTML).")
    dossier_html: str = Field(description="Thành phần hồ sơ (HTML).")
    processing_time: str = Field(description="Thời hạn giải quyết.")
    fees: str = Field(description="Phí, lệ phí.")
    applicants: str = Field(description="Đối tượng thực hiện.")
    result: str = Field(description="Kết quả thực hiện.")
    legal_basis_html: str = Field(description="Căn cứ pháp lý (HTML).")

    @staticmethod
    def resolve_steps_html(obj: ProcedurePage, context: dict) -> str:
        return _rich(request_of(context), obj.steps)

    @staticmethod
    def resolve_methods_html(obj: ProcedurePage, context: dict) -> str:
        return _rich(request_of(context), obj.methods)

    @staticmethod
    def resolve_dossier_html(obj: ProcedurePage, context: dict) -> str:
        return _rich(request_of(context), obj.dossier)

    @staticmethod
    def resolve_legal_basis_html(obj: ProcedurePage, context: dict) -> str:
        return _rich(request_of(context), obj.legal_basis)


class ProcedureFilters(Filters):
    field: str | None = Field(None, max_length=255, description="Lĩnh vực (slug), xem /api/v1/procedures/fields/.")
    level: Level | None = Field(None, description="Cấp thực hiện.")
    service_level: ServiceLevel | None = Field(None, description="Mức độ dịch vụ công trực tuyến.")
    code: str | None = Field(None, max_length=50, description="Mã thủ tục, ví dụ: 1.004227.")
    q: str | None = Field(None, max_length=200, description="Tìm trong tên thủ tục.")


@router.get(
    "/",
    response={200: list[ProcedureSummary], **ERRORS},
    summary="Danh sách thủ tục hành chính",
    description="Lọc theo lĩnh vực, cấp thực hiện, mức độ dịch vụ công trực tuyến, mã hoặc tên.",
    operation_id="procedures_list",
    url_name="procedures_list",
)
@paginate(PageNumbers)
def list_procedures(request: HttpRequest, filters: Query[ProcedureFilters]) -> QuerySet[ProcedurePage]:
    procedures = public_procedures().select_related("field").order_by("code", "pk")
    if filters.field and filters.field.strip():
        field = ProcedureField.objects.filter(slug=filters.field.strip()).first()
        if field is None:
            raise BadFilter("field", f"không có lĩnh vực nào có đường dẫn “{filters.field.strip()}”")
        procedures = procedures.filter(field=field)
    if filters.level:
        procedures = procedures.filter(level=filters.level)
    if filters.service_level:
        procedures = procedures.filter(service_level=filters.service_level)
    if filters.code and filters.code.strip():
        procedures = procedures.filter(code=filters.code.strip())
    if filters.q and filters.q.strip():
        procedures = procedures.filter(title__icontains=filters.q.strip())
    return procedures


@router.get(
    "/fields/",
    response={200: list[FieldOut], **ERRORS},
    summary="Danh sách lĩnh vực thủ tục",
    description="Các lĩnh vực có ít nhất một thủ tục công khai, với số thủ tục.",
    operation_id="procedure_fields_list",
)
@paginate(PageNumbers)
def list_fields(request: HttpRequest) -> list[dict]:
    return [
        {"slug": fc.field.slug, "name": fc.field.name, "procedure_count": fc.count}
        for fc in field_counts(public_procedures())
    ]


@router.get(
    "/{int:procedure_id}/",
    response={200: ProcedureDetail, **ERRORS},
    summary="Chi tiết thủ tục hành chính",
    description="Tất cả các trường của thủ tục: trình tự, cách thức, hồ sơ, thời hạn, phí, đối tượng, kết quả, căn cứ.",
    operation_id="procedures_detail",
)
def get_procedure(request: HttpRequest, procedure_id: int) -> ProcedurePage:
    procedure = (
        public_procedures().select_related("field").filter(pk=procedure_id).first() if is_id(procedure_id) else None
    )
    if procedure is None:
        raise HttpError(404, f"Không có thủ tục công khai nào mang mã {procedure_id}.")
    return procedure


register("procedures", router, order=30)
