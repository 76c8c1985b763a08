"""The consultation page's views (routes of ConsultationPage): show the draft and, while it is
open, a plain HTML comment form that posts back to the page (CSRF-protected, post/redirect/get)."""

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from toasoan.core.abuse import check_form, client_ip

from . import rules, services
from .forms import CommentForm
from .models import ConsultationPage

REFUSED_STATUS = 409  # the draft is not taking comments: a conflict with its state, not bad input


def consultation(page: ConsultationPage, request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _submit(page, request)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    # The form carries a CSRF token, so an open draft's page is private (never in the page cache).
    form = CommentForm() if page.phase() == rules.Phase.OPEN else None
    return page.render(request, context_overrides={"form": form})


def _submit(page: ConsultationPage, request: HttpRequest) -> HttpResponse:
    form = CommentForm(request.POST)
    phase = page.phase()
    if phase != rules.Phase.OPEN:
        return _refused(page, request, form, phase)
    if not form.is_valid():
        return page.render(request, context_overrides={"form": form})
    data = services.CommentInput(
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        body=form.cleaned_data["body"],
        organisation=form.cleaned_data["organisation"],
        section_ref=form.cleaned_data["section_ref"],
    )
    try:
        services.comment_submit(consultation=page, data=data, guard=check_form(request.POST), ip=client_ip(request))
    except services.ConsultationClosed as closed:
        return _refused(page, request, form, closed.phase)
    # Committed: only now is the citizen told it was received.
    return redirect(page.get_url(request) + page.reverse_subpage("comment_received"))


def _refused(page: ConsultationPage, request: HttpRequest, form: CommentForm, phase: rules.Phase) -> HttpResponse:
    """The draft is closed (or not open yet): say so, and hand back what was typed."""
    response = page.render(
        request,
        context_overrides={"form": None, "refused_phase": phase, "refused_body": (form.data.get("body") or "").strip()},
    )
    response.status_code = REFUSED_STATUS
    return response


def comment_received(page: ConsultationPage, request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    context = {
        "page": page,
        "self": page,
        "breadcrumbs": list(page.get_ancestors(inclusive=True).filter(depth__gt=1)),
    }
    return TemplateResponse(request, "consultation/comment_received.html", context)
