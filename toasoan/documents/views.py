"""The library page's filters: plain GET parameters, so they work without JavaScript."""

from urllib.parse import urlencode

from django.http import HttpRequest

from toasoan.core.pagination import paginate

from . import selectors
from .models import DocumentIndexPage

TYPE_PARAM = "loai"
ISSUER_PARAM = "co-quan"
YEAR_PARAM = "nam"
FIELD_PARAM = "linh-vuc"
MIN_YEAR, MAX_YEAR = 1945, 2200


def read_filters(request: HttpRequest) -> tuple[selectors.Filters, list[str]]:
    """The filters in the query string; a value that names nothing is dropped with a message."""
    errors: list[str] = []
    get = request.GET

    type_slug = get.get(TYPE_PARAM, "").strip()
    document_type = selectors.type_by_slug(type_slug)
    if type_slug and document_type is None:
        errors.append("Không có loại văn bản đã chọn nên bộ lọc loại văn bản đã được bỏ qua.")

    issuer = get.get(ISSUER_PARAM, "").strip()[:255]
    if issuer and not selectors.issuer_exists(issuer):
        errors.append("Không có cơ quan ban hành đã chọn nên bộ lọc cơ quan đã được bỏ qua.")
        issuer = ""

    raw_year = get.get(YEAR_PARAM, "").strip()
    year = None
    if raw_year:
        if raw_year.isascii() and raw_year.isdigit() and MIN_YEAR <= int(raw_year) <= MAX_YEAR:
            year = int(raw_year)
        else:
            errors.append("Năm ban hành không hợp lệ nên đã được bỏ qua.")

    field_slug = get.get(FIELD_PARAM, "").strip()
    field = selectors.field_by_slug(field_slug)
    if field_slug and field is None:
        errors.append("Không có lĩnh vực đã chọn nên bộ lọc lĩnh vực đã được bỏ qua.")

    return selectors.Filters(document_type=document_type, issuer=issuer, year=year, field=field), errors


def library_context(index: DocumentIndexPage, request: HttpRequest) -> dict:
    filters, errors = read_filters(request)
    if errors:
        # Junk filter values still get a page, but shared caches must not keep a copy of each.
        request.page_cacheable = False
    library = selectors.library(index, filters)
    documents = paginate(library.documents, request, index.PER_PAGE)
    kept = {
        TYPE_PARAM: filters.document_type.slug if filters.document_type else "",
        ISSUER_PARAM: filters.issuer,
        YEAR_PARAM: str(filters.year or ""),
        FIELD_PARAM: filters.field.slug if filters.field else "",
    }
    kept = {name: value for name, value in kept.items() if value}
    return {
        "library": library,
        "documents": documents,
        "filters": filters,
        "selected": kept,
        "filter_errors": errors,
        "pagination_query": urlencode(kept) + "&" if kept else "",
        "type_param": TYPE_PARAM,
        "issuer_param": ISSUER_PARAM,
        "year_param": YEAR_PARAM,
        "field_param": FIELD_PARAM,
    }
