"""The open data API: a NinjaAPI made of the routers feature apps registered (registry.py).

Read-only JSON at /api/v1/, described by OpenAPI 3 at /api/v1/openapi.json. Ninja's Swagger page
is off: the human documentation is the Vietnamese page /du-lieu-mo/ (no third-party scripts)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, reverse
from ninja import Field, NinjaAPI, Schema
from ninja.renderers import JSONRenderer

from . import errors, registry
from .throttling import ClientIpThrottle

VERSION = "1"
DESCRIPTION = (
    "Dữ liệu công khai của cổng thông tin, chỉ đọc, định dạng JSON: bài viết, chuyên mục, "
    "thủ tục hành chính và văn bản. Chỉ các trang đã xuất bản và công khai. "
    "Phân trang bằng `page` và `page_size`; mỗi địa chỉ IP được gửi số yêu cầu có giới hạn mỗi phút "
    "(vượt quá: mã 429 và tiêu đề Retry-After). Hướng dẫn và điều khoản sử dụng: /du-lieu-mo/."
)
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.vi"}


class Utf8JSONRenderer(JSONRenderer):
    # Vietnamese stays readable in the raw JSON ("Chuyên mục", not "Chuy\\u00ean m\\u1ee5c").
    json_dumps_params = {"ensure_ascii": False}


def open_data_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Every API URL: readable from any origin, and HEAD answered like GET without a body."""

    @wraps(view)  # keeps ninja's csrf_exempt mark
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        head = request.method == "HEAD"
        if head:
            request.method = "GET"  # ninja routes GET only; HEAD must behave the same (RFC 9110)
        try:
            response = view(request, *args, **kwargs)
        finally:
            if head:
                request.method = "HEAD"
        if head and not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        # Open data: any site may read it from a browser. Simple GETs need no preflight and no
        # credentials are involved, so this one header is the whole of CORS here.
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "Retry-After"
        return response

    return wrapped


class IndexOut(Schema):
    title: str
    version: str
    openapi: str = Field(description="Tài liệu OpenAPI 3 mô tả toàn bộ dịch vụ.")
    documentation: str = Field(description="Trang hướng dẫn và điều khoản sử dụng.")
    resources: dict[str, str] = Field(description="Địa chỉ danh sách của từng loại dữ liệu.")


def build_api() -> NinjaAPI:
    api = NinjaAPI(
        title="API dữ liệu mở",
        version=VERSION,
        description=DESCRIPTION,
        urls_namespace="api:v1",
        openapi_url="/openapi.json",
        docs_url=None,
        throttle=[ClientIpThrottle()],
        renderer=Utf8JSONRenderer(),
        openapi_extra={"info": {"license": LICENCE}},
    )
    errors.install(api)

    @api.get("/", response=IndexOut, summary="Danh mục dịch vụ", operation_id="index", tags=["Danh mục"])
    def index(request: HttpRequest) -> dict:
        return {
            "title": api.title,
            "version": api.version,
            "openapi": request.build_absolute_uri(reverse("api:v1:openapi-json")),
            "documentation": request.build_absolute_uri(reverse("api:open_data")),
            "resources": {r.prefix: request.build_absolute_uri(f"{request.path}{r.prefix}/") for r in registrations},
        }

    registrations = registry.registrations()
    for registration in registrations:
        api.add_router(f"/{registration.prefix}/", registration.router)
    return api


def urls(api: NinjaAPI) -> tuple[list[URLPattern | URLResolver], str, str]:
    """api.urls with every view wrapped by open_data_view."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = open_data_view(pattern.callback)
    return patterns, app_name, namespace
