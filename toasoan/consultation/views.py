"""The consultation page's views: the draft (a route of ConsultationPage) and, while it is open,
a plain HTML comment form posting to `comment_post` (post/redirect/get).

The draft's page is cached and kept as an outage copy, so its form carries no CSRF token and no
render-time token: `comment_post` is CSRF-exempt and accepts only same-site posts (Origin or
Referer), and every comment is moderated before it is shown anyway."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from toasoan.core.abuse import check_form, client_ip, same_site

from . import rules, services
from .forms import CommentForm
from .models import ConsultationPage

REFUSED_STATUS = 409  # the draft is not taking comments: a conflict with its state, not bad input
CROSS_SITE = "Không nhận góp ý gửi từ trang web khác. Hãy gửi góp ý ngay trên trang dự thảo này."


def consultation(page: ConsultationPage, request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    form = CommentForm() if page.phase() == rules.Phase.OPEN else None
    return page.render(request, context_overrides={"form": form})


@csrf_exempt
@require_POST
def comment_post(request: HttpRequest, page_id: int) -> HttpResponse:
    page = ConsultationPage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404("Không có dự thảo này.")
    form = CommentForm(request.POST)
    if not same_site(request):
        form.add_error(None, CROSS_SITE)
        response = page.render(request, context_overrides={"form": form})
        response.status_code = 403
        return response
    phase = page.phase()
    if phase != rules.Phase.OPEN:
        return _refused(page, request, form, phase)
    if not form.is_valid():
        response = page.render(request, context_overrides={"form": form})
        response.status_code = 400
        return response
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
