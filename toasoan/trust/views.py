"""Public views of the trust app: thin wrappers around security.py."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from toasoan.core.models import AgencySettings

from .security import security_txt


@require_GET
def security_txt_view(request: HttpRequest) -> HttpResponse:
    agency = AgencySettings.for_request(request)
    body = security_txt(
        contact_email=agency.security_contact,
        contact_page_url=request.build_absolute_uri(reverse("trust:security_contact")),
        canonical_url=request.build_absolute_uri(reverse("trust:security_txt")),
    )
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@require_GET
def security_contact(request: HttpRequest) -> HttpResponse:
    agency = AgencySettings.for_request(request)
    return TemplateResponse(
        request,
        "trust/security_contact.html",
        {"security_contact": agency.security_contact, "security_txt_url": reverse("trust:security_txt")},
    )
