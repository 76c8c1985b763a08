"""The open data API: a NinjaAPI made of the routers feature apps registered (registry.py).

Read-only JSON at /api/v1/, described by OpenAPI 3 at /api/v1/openapi.json. Ninja's Swagger page
is off: the human documentation is the Vietnamese page /du-lieu-mo/ (no third-party scripts)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
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


def _open_to_all(response: HttpResponse) -> HttpResponse:
    # Open data: any site may read it from a browser. Simple GETs need no preflight, so one
    # header suffices; no credentials are ever involved.
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "Retry-After"
    return response


def _cors_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _open_to_all(view(request, *args, **kwargs))

    return wrapped


class Utf8JSONRenderer(JSONRenderer):
    # Vietnamese stays readable in the raw JSON ("Chuyên mục", not "Chuy\\u00ean m\\u1ee5c").
    json_dumps_params = {"ensure_ascii": False}


class OpenDataAPI(NinjaAPI):
    def create_response(self, request: HttpRequest, data: Any, **kwargs: Any) -> HttpResponse:
        return _open_to_all(super().create_response(request, data, **kwargs))


def build_api() -> OpenDataAPI:
    api = OpenDataAPI(
        title="API dữ liệu mở",
        version=VERSION,
        description=DESCRIPTION,
        urls_namespace="api:v1",
        openapi_url="/openapi.json",
        docs_url=None,
        docs_decorator=_cors_view,  # applies to the openapi.json view too
        throttle=[ClientIpThrottle()],
        renderer=Utf8JSONRenderer(),
    )
    errors.install(api)
    for registration in registry.registrations():
        api.add_router(f"/{registration.prefix}/", registration.router)
    return api
