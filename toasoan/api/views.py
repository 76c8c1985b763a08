"""The human page about the open data API: /du-lieu-mo/ (endpoints, examples, terms of use)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse

from . import docs


def open_data(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "api/open_data.html", docs.page_context(request))


NOT_FOUND = "Không có địa chỉ này trong API dữ liệu mở. Danh sách các địa chỉ: /api/v1/."


def not_found(request: HttpRequest) -> HttpResponse:
    """Any other URL under /api/v1/ (an id that is not a number, a mistyped resource): JSON in
    the API's error shape, not the site's HTML 404 page that API clients cannot read."""
    response = JsonResponse({"detail": NOT_FOUND, "errors": []}, status=404, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
