"""Errors in Vietnamese, one shape for all: {"detail": "...", "errors": [...]}.

Ninja reports bad parameters as pydantic error codes with English messages; readers of an open
data API get a sentence they can act on instead."""

import math

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, Throttled, ValidationError


class BadFilter(Exception):
    """A well-formed parameter whose value names nothing (an unknown section, lĩnh vực...)."""

    def __init__(self, param: str, message: str) -> None:
        self.param = param
        self.message = message
        super().__init__(message)


class ErrorItem(Schema):
    param: str
    location: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


_DATE = "phải là ngày dạng YYYY-MM-DD, ví dụ 2024-12-31"
_INTEGER = "phải là số nguyên"
_SIMPLE = {
    "int_parsing": _INTEGER,
    "int_type": _INTEGER,
    "int_from_float": _INTEGER,
    "date_parsing": _DATE,
    "date_type": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "date_future": _DATE,
    "missing": "là bắt buộc",
    "string_type": "phải là chuỗi ký tự",
    "bool_parsing": "phải là true hoặc false",
}


def message_for(error: dict) -> str:
    """A Vietnamese sentence for one pydantic error (its `type` and `ctx`)."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind in _SIMPLE:
        return _SIMPLE[kind]
    if kind == "greater_than_equal":
        return f"phải lớn hơn hoặc bằng {ctx.get('ge')}"
    if kind == "greater_than":
        return f"phải lớn hơn {ctx.get('gt')}"
    if kind == "less_than_equal":
        return f"không được lớn hơn {ctx.get('le')}"
    if kind == "less_than":
        return f"phải nhỏ hơn {ctx.get('lt')}"
    if kind == "string_too_long":
        return f"dài tối đa {ctx.get('max_length')} ký tự"
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace(" or ", " hoặc ")
        return f"phải là một trong các giá trị: {expected}"
    if kind == "value_error" and ctx.get("error"):
        return str(ctx["error"])  # our own validators raise Vietnamese messages
    return "có giá trị không hợp lệ"


def _items(errors: list[dict]) -> list[dict]:
    items = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        location = loc[0] if loc else ""
        # Pagination parameters come nested ("ninja_pagination", "page"): name the parameter only.
        param = loc[-1] if len(loc) > 1 else ""
        items.append({"param": param, "location": location, "message": message_for(error)})
    return items


def _summary(items: list[dict]) -> str:
    parts = [f"{i['param']} {i['message']}" if i["param"] else i["message"] for i in items]
    return "Tham số không hợp lệ: " + "; ".join(parts) + "."


def install(api: NinjaAPI) -> None:
    """Replace ninja's English handlers with Vietnamese ones."""

    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        items = _items(exc.errors)
        return api.create_response(request, {"detail": _summary(items), "errors": items}, status=422)

    def bad_filter(request: HttpRequest, exc: BadFilter) -> HttpResponse:
        items = [{"param": exc.param, "location": "query", "message": exc.message}]
        return api.create_response(request, {"detail": _summary(items), "errors": items}, status=422)

    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        wait = f" sau {math.ceil(exc.wait)} giây" if exc.wait else " sau ít phút"
        detail = f"Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại{wait}."
        return api.create_response(request, {"detail": detail, "errors": []}, status=429)

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": "Không tìm thấy dữ liệu.", "errors": []}, status=404)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, {"detail": exc.message, "errors": []}, status=exc.status_code)

    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(BadFilter, bad_filter)
    api.add_exception_handler(Throttled, throttled)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(HttpError, http_error)
