"""The catalogue page's filters (plain GET parameters, so they work without JavaScript)."""

from itertools import groupby
from urllib.parse import urlencode

from django.http import HttpRequest

from toasoan.core.pagination import paginate

from . import selectors
from .models import Level, ProcedureIndexPage

FIELD_PARAM = "linh-vuc"
LEVEL_PARAM = "cap"


def catalogue_context(index: ProcedureIndexPage, request: HttpRequest) -> dict:
    errors: list[str] = []
    field_slug = request.GET.get(FIELD_PARAM, "").strip()
    field = selectors.field_by_slug(field_slug)
    if field_slug and field is None:
        errors.append("Không có lĩnh vực đã chọn nên bộ lọc lĩnh vực đã được bỏ qua.")
    level = request.GET.get(LEVEL_PARAM, "").strip()
    if level and level not in Level.values:
        errors.append("Cấp thực hiện đã chọn không hợp lệ nên đã được bỏ qua.")
        level = ""
    if errors:
        # Junk filter values still get a page, but shared caches must not keep a copy of each.
        request.page_cacheable = False

    catalogue = selectors.catalogue(index, field=field, level=level or None)
    procedures = paginate(catalogue.procedures, request, index.PER_PAGE)
    field_options = [(fc.field.slug, fc.field.name, fc.count) for fc in catalogue.field_counts]
    if field is not None and field.slug not in {slug for slug, _, _ in field_options}:
        field_options.append((field.slug, field.name, 0))
    # The sidebar's links by lĩnh vực keep the chosen cấp.
    level_only = {LEVEL_PARAM: level} if level else {}
    field_links = [
        {"query": "?" + urlencode({**level_only, FIELD_PARAM: slug}), "name": name, "count": count, "slug": slug}
        for slug, name, count in field_options
    ]
    all_fields_query = "?" + urlencode(level_only) if level_only else ""
    level_counts = {lc.value: lc.count for lc in catalogue.level_counts}
    level_options = [
        (value, label, level_counts.get(value, 0))
        for value, label in Level.choices
        if level_counts.get(value) or value == level
    ]
    filters = {FIELD_PARAM: field.slug if field else "", LEVEL_PARAM: level}
    kept = {name: value for name, value in filters.items() if value}
    return {
        "catalogue": catalogue,
        "procedures": procedures,
        # Headings per lĩnh vực, unless the list is already one lĩnh vực.
        "groups": [
            (group_field, list(items)) for group_field, items in groupby(procedures.object_list, key=lambda p: p.field)
        ],
        "show_group_headings": field is None,
        "selected_field": field,
        "selected_level": level,
        "selected_level_label": Level(level).label if level else "",
        "is_filtered": bool(kept),
        "filter_errors": errors,
        "pagination_query": urlencode(kept) + "&" if kept else "",
        "field_links": field_links,
        "all_fields_query": all_fields_query,
        "field_options": field_options,
        "level_options": level_options,
        "field_param": FIELD_PARAM,
        "level_param": LEVEL_PARAM,
    }
