"""The human page about the open data API: /du-lieu-mo/ (endpoints, examples, terms of use)."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from . import docs


def open_data(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "api/open_data.html", docs.page_context(request))
