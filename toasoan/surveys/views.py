"""Public views: thin wrappers around forms, selectors and services."""

import csv
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from toasoan.core.abuse import (
    HONEYPOT_FIELD,
    STARTED_FIELD,
    FormCheck,
    check_form,
    client_ip,
    form_token,
    same_site,
)
from toasoan.core.pagination import paginate

from . import charts, selectors, services
from .forms import RatingForm, ResultsFilterForm
from .models import Poll

RATING_REFUSED = (
    "Hôm nay bạn đã gửi nhiều đánh giá cho đối tượng này. Hãy đánh giá đối tượng khác, hoặc quay lại vào ngày mai."
)
THANKS = {
    "da-tinh": "Đánh giá của bạn đã được ghi nhận và tính vào kết quả.",
    "cho-kiem-duyet": "Đánh giá của bạn đã được ghi nhận. Đánh giá này sẽ được kiểm tra trước khi tính vào kết quả.",
}
VOTE_MESSAGES = {
    "missing": "Hãy chọn một phương án trước khi bấm “Bình chọn”.",
    "invalid_option": "Phương án đã chọn không có trong cuộc thăm dò này. Hãy chọn lại.",
    "closed": "Cuộc thăm dò đã kết thúc, không nhận thêm ý kiến. Cảm ơn bạn đã quan tâm.",
    "not_open": "Cuộc thăm dò chưa mở, chưa nhận ý kiến.",
    "repeat": "Hôm nay bạn đã bình chọn cho câu hỏi này. Mỗi người bình chọn một lần mỗi ngày.",
    "cross_site": "Không nhận bình chọn gửi từ trang web khác. Hãy chọn phương án và bình chọn ngay trên trang này.",
}
VOTE_STATUS = {"missing": 400, "invalid_option": 400, "closed": 409, "not_open": 409, "repeat": 429, "cross_site": 403}


# --- Satisfaction ratings ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def rating_form(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = RatingForm(request.POST)
        if form.is_valid():
            try:
                receipt = services.rating_submit(
                    target=form.cleaned_data["target"],
                    level=form.cleaned_data["level"],
                    comment=form.cleaned_data["comment"],
                    ip=client_ip(request),
                    check=check_form(request.POST),
                )
            except services.RatingRefused:
                form.add_error(None, RATING_REFUSED)
                status = 429
            else:
                outcome = "da-tinh" if receipt.counted else "cho-kiem-duyet"
                return redirect(f"{reverse('surveys:rating_thanks')}?{urlencode({'trang-thai': outcome})}")
        else:
            status = 400
        # Keep the first render's time, so a corrected form is not "too fast".
        token = request.POST.get(STARTED_FIELD) or form_token()
    else:
        form = RatingForm(initial={"target": request.GET.get("doi-tuong", "")})
        token = form_token()
    context = {"form": form, "form_token": token, "honeypot_field": HONEYPOT_FIELD, "started_field": STARTED_FIELD}
    return TemplateResponse(request, "surveys/rating_form.html", context, status=status)


@require_GET
def rating_thanks(request: HttpRequest) -> HttpResponse:
    message = THANKS.get(request.GET.get("trang-thai", ""), THANKS["da-tinh"])
    return TemplateResponse(request, "surveys/rating_thanks.html", {"message": message})


def _level_chart(result: selectors.Result, chart_id: str, title: str) -> dict:
    described = "; ".join(f"{row.label}: {charts.value_text(row)}" for row in result.rows)
    svg = charts.bar_chart(
        chart_id=chart_id,
        title=title,
        description=f"Biểu đồ thanh ngang, {charts.format_count(result.total)} lượt đánh giá. {described}.",
        rows=result.rows,
    )
    return {"id": chart_id, "title": title, "svg": svg, "result": result}


def _comparison_chart(results: list[selectors.Result]) -> str:
    series = [(row.label, row.colour) for row in results[0].rows]
    rows = [charts.StackedRow(label=result.label, segments=result.rows) for result in results]
    described = "; ".join(
        f"{result.label}: {charts.format_percent(result.satisfied_percent)} hài lòng" for result in results
    )
    return charts.stacked_bar_chart(
        chart_id="so-sanh",
        title="So sánh mức độ hài lòng giữa các đối tượng",
        description=f"Biểu đồ thanh xếp chồng, mỗi thanh là 100% lượt đánh giá của một đối tượng. {described}.",
        series=series,
        rows=rows,
    )


@never_cache  # counted live: every new rating changes it
@require_GET
def rating_results(request: HttpRequest) -> HttpResponse:
    filters = ResultsFilterForm(request.GET)
    target, date_from, date_to, errors = filters.filters()
    results = selectors.rating_results(target=target, date_from=date_from, date_to=date_to)
    overall = _level_chart(results.overall, "tong-hop", f"Mức độ hài lòng: {results.overall.label}")
    per_target = [] if target else results.targets
    context = {
        "filters": filters,
        "errors": errors,
        "target": target,
        "date_from": date_from,
        "date_to": date_to,
        "overall": overall,
        "comparison": _comparison_chart(per_target) if len(per_target) > 1 else "",
        "comparison_results": per_target if len(per_target) > 1 else [],
        "charts": [
            _level_chart(result, f"doi-tuong-{index}", result.label) for index, result in enumerate(per_target, 1)
        ],
        "csv_query": urlencode({k: v for k, v in request.GET.items() if k in ResultsFilterForm.PARAMS.values()}),
    }
    return TemplateResponse(request, "surveys/rating_results.html", context)


@never_cache
@require_GET
def rating_results_csv(request: HttpRequest) -> HttpResponse:
    """The results table as CSV (UTF-8 with a BOM, so spreadsheet programs read the diacritics)."""
    target, date_from, date_to, _ = ResultsFilterForm(request.GET).filters()
    results = selectors.rating_results(target=target, date_from=date_from, date_to=date_to)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ket-qua-danh-gia-hai-long.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    levels = [row.label for row in results.overall.rows]
    writer.writerow(["Đối tượng", *levels, "Tổng số lượt", "Tỷ lệ hài lòng (%)"])
    for result in [*results.targets, results.overall]:
        writer.writerow(
            [result.label, *[row.count for row in result.rows], result.total, f"{result.satisfied_percent:.1f}"]
        )
    return response


# --- Polls ------------------------------------------------------------------------------------


@require_GET
def poll_list(request: HttpRequest) -> HttpResponse:
    # Only saved states are shown (no counts), so the list may be cached: it changes with a save.
    polls = paginate(selectors.public_polls(), request, 10)
    return TemplateResponse(request, "surveys/poll_list.html", {"polls": polls})


def _poll_page(
    request: HttpRequest, poll: Poll, *, problem: str = "", voted: bool = False, chosen: str = ""
) -> HttpResponse:
    is_open = poll.is_open_at(timezone.now())
    show_results = not is_open or voted or problem == "repeat"
    result = selectors.poll_results(poll) if show_results else None
    context = {
        "poll": poll,
        "options": list(poll.options.all()),
        "is_open": is_open,
        "voted": voted,
        "problem": VOTE_MESSAGES.get(problem, ""),
        "chosen": chosen,
        "honeypot_field": HONEYPOT_FIELD,
        "chart": _poll_chart(poll, result) if result else None,
    }
    return TemplateResponse(request, "surveys/poll_detail.html", context, status=VOTE_STATUS.get(problem, 200))


def _poll_chart(poll: Poll, result: selectors.Result) -> dict:
    described = "; ".join(f"{row.label}: {charts.value_text(row)}" for row in result.rows)
    svg = charts.bar_chart(
        chart_id="ket-qua-tham-do",
        title=f"Kết quả thăm dò: {poll.question}",
        description=f"Biểu đồ thanh ngang, {charts.format_count(result.total)} lượt bình chọn. {described}.",
        rows=result.rows,
    )
    return {"id": "ket-qua-tham-do", "title": "Kết quả bình chọn", "svg": svg, "result": result}


@never_cache  # shows live results once voted or closed
@require_GET
def poll_detail(request: HttpRequest, slug: str) -> HttpResponse:
    poll = selectors.public_poll(slug)
    if poll is None:
        raise Http404("Không có cuộc thăm dò này.")
    return _poll_page(request, poll, voted=request.GET.get("da-binh-chon") == "1")


# The home page is cached and shared, so its poll form carries no CSRF token and no render-time
# token: the same-site check, the honeypot and one vote per client per poll per day guard it.
@csrf_exempt
@require_POST
def poll_vote(request: HttpRequest, slug: str) -> HttpResponse:
    poll = selectors.public_poll(slug)
    if poll is None:
        raise Http404("Không có cuộc thăm dò này.")
    raw = request.POST.get("option", "").strip()
    if not same_site(request):
        return _poll_page(request, poll, problem="cross_site", chosen=raw)
    if not raw:
        return _poll_page(request, poll, problem="missing")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:  # "²" is a digit int() refuses
        return _poll_page(request, poll, problem="invalid_option")
    honeypot = tuple(reason for reason in check_form(request.POST).reasons if reason == "honeypot")
    try:
        services.vote_submit(poll=poll, option_id=int(raw), ip=client_ip(request), check=FormCheck(honeypot))
    except services.VoteRefused as refused:
        return _poll_page(request, poll, problem=refused.reason, chosen=raw)
    return redirect(f"{poll.get_absolute_url()}?da-binh-chon=1", permanent=False)
