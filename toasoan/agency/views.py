"""Public pages, in Vietnamese and (under /en/) English: thin wrappers around the selectors.

The same view serves both languages; the middleware has already activated the URL's language."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import selectors
from .weeks import parse_week, week_of

# (url name, label): the agency's pages, in menu order; the schedule is Vietnamese only.
PAGES = [
    ("about", gettext_lazy("Giới thiệu chung")),
    ("organisation", gettext_lazy("Cơ cấu tổ chức")),
    ("leaders", gettext_lazy("Lãnh đạo")),
    ("contacts", gettext_lazy("Danh bạ")),
    ("schedule", gettext_lazy("Lịch công tác")),
]
ENGLISH = {"about", "organisation", "leaders", "contacts"}
UNIT_PARAM = {"vi": "don-vi", "en": "unit"}
WEEK_PARAM = "tuan"


def _url(name: str, language: str) -> str:
    return reverse(f"agency:{name}_en" if language == "en" else f"agency:{name}")


def _render(request: HttpRequest, name: str, template: str, context: dict) -> HttpResponse:
    language = "en" if get_language() == "en" else "vi"
    other = "vi" if language == "en" else "en"
    labels = dict(PAGES)
    nav = [
        {"url": _url(page, language), "label": label, "current": page == name}
        for page, label in PAGES
        if language == "vi" or page in ENGLISH
    ]
    alternate = _url(name, other) if name in ENGLISH else ""
    profile = selectors.profile()
    crumbs = [] if name == "about" else [{"label": labels["about"], "url": _url("about", language)}]
    context = {
        "lang": language,
        "page_name": name,
        "page_title": labels[name],
        "agency_nav": nav,
        "crumbs": crumbs,
        "alternate_url": alternate,
        "alternate_lang": other if alternate else "",
        "profile": profile,
        "agency_name_en": profile.name_en if profile and language == "en" else "",
        # English pages have their own main menu: the Vietnamese one leads to Vietnamese pages.
        "menu_override": [{"href": item["url"], "label": item["label"]} for item in nav] if language == "en" else None,
        **context,
    }
    return TemplateResponse(request, template, context)


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return _render(request, "about", "agency/about.html", {})


@require_GET
def organisation(request: HttpRequest) -> HttpResponse:
    return _render(request, "organisation", "agency/organisation.html", {"units": selectors.units()})


@require_GET
def leaders(request: HttpRequest) -> HttpResponse:
    return _render(request, "leaders", "agency/leaders.html", {"leaders": selectors.leaders()})


@require_GET
def contacts(request: HttpRequest) -> HttpResponse:
    param = UNIT_PARAM["en" if get_language() == "en" else "vi"]
    slug = request.GET.get(param, "").strip()
    unit = selectors.unit_by_slug(slug)
    error = ""
    if slug and unit is None:
        error = _("Không có đơn vị đã chọn nên danh bạ hiện tất cả đơn vị.")
        request.page_cacheable = False  # junk values get a page, but no cached copy each
    officials = selectors.officials(unit)
    groups: list[dict] = []
    for official in officials:
        if not groups or groups[-1]["unit"] != official.unit:
            groups.append({"unit": official.unit, "officials": []})
        groups[-1]["officials"].append(official)
    return _render(
        request,
        "contacts",
        "agency/contacts.html",
        {
            "units": selectors.units(),
            "selected_unit": unit,
            "unit_param": param,
            "groups": groups,
            "count": len(officials),
            "filter_error": error,
        },
    )


@require_GET
def schedule(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    raw = request.GET.get(WEEK_PARAM)
    week, invalid = parse_week(raw, today)
    if not raw or invalid:
        # "This week" changes on Monday without any save: never keep a shared copy.
        request.page_cacheable = False
    current = week_of(today)
    return _render(
        request,
        "schedule",
        "agency/schedule.html",
        {
            "week": week,
            "days": selectors.week_schedule(week),
            "today": today,
            "is_current_week": week == current,
            "current_week": current,
            "week_param": WEEK_PARAM,
            "week_error": "Tuần đã chọn không hợp lệ (cần dạng 2026-W48), trang đang hiện lịch công tác tuần này."
            if invalid
            else "",
        },
    )
