"""Read side of the procedures catalogue: what the public may see, by lĩnh vực and cấp, with counts."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from toasoan.core.vietnamese import fold

from .models import Level, ProcedureField, ProcedureIndexPage, ProcedurePage


@dataclass(frozen=True)
class FieldCount:
    field: ProcedureField
    count: int


@dataclass(frozen=True)
class LevelCount:
    value: str
    label: str
    count: int


@dataclass
class Catalogue:
    procedures: list[ProcedurePage]
    field_counts: list[FieldCount]  # with the cấp filter applied
    level_counts: list[LevelCount]  # with the lĩnh vực filter applied
    total: int  # every public procedure, no filter
    all_fields_count: int  # "Tất cả lĩnh vực": with the cấp filter only
    all_levels_count: int  # "Tất cả các cấp": with the lĩnh vực filter only


def public_procedures(index: ProcedureIndexPage | None = None) -> QuerySet[ProcedurePage]:
    """Live procedures the public may see (no view restriction), under `index` if given."""
    procedures = ProcedurePage.objects.live().public()
    if index is not None:
        procedures = procedures.child_of(index)
    return procedures


def sort_key(text: str) -> tuple[str, str]:
    """Vietnamese-friendly order: "Đăng ký" among the D's, not after Z as a byte order puts it."""
    return fold(text).lower(), text


def field_counts(procedures: QuerySet[ProcedurePage]) -> list[FieldCount]:
    """Each lĩnh vực with at least one of `procedures`, and how many, in alphabetical order."""
    rows = procedures.exclude(field=None).order_by().values("field").annotate(n=Count("pk"))
    counts = {row["field"]: row["n"] for row in rows}
    fields = ProcedureField.objects.filter(pk__in=counts)
    return sorted((FieldCount(f, counts[f.pk]) for f in fields), key=lambda fc: sort_key(fc.field.name))


def level_counts(procedures: QuerySet[ProcedurePage]) -> list[LevelCount]:
    """Each cấp with at least one of `procedures`, from province down to commune."""
    rows = procedures.order_by().values("level").annotate(n=Count("pk"))
    counts = {row["level"]: row["n"] for row in rows}
    return [LevelCount(value, label, counts[value]) for value, label in Level.choices if counts.get(value)]


def catalogue(index: ProcedureIndexPage, *, field: ProcedureField | None = None, level: str | None = None) -> Catalogue:
    """The index page's list: filtered, grouped by lĩnh vực (then by name), and the facet counts."""
    base = public_procedures(index)
    by_level = base.filter(level=level) if level else base
    by_field = base.filter(field=field) if field else base
    chosen = by_level.filter(field=field) if field else by_level
    procedures = list(chosen.select_related("field"))
    procedures.sort(key=lambda p: (sort_key(p.field.name if p.field else "~"), sort_key(p.title)))
    return Catalogue(
        procedures=procedures,
        field_counts=field_counts(by_level),
        level_counts=level_counts(by_field),
        total=base.count(),
        all_fields_count=by_level.count(),
        all_levels_count=by_field.count(),
    )


def related_procedures(procedure: ProcedurePage, limit: int = 5) -> list[ProcedurePage]:
    """Other public procedures of the same lĩnh vực, for the detail page's sidebar."""
    if procedure.field_id is None:
        return []
    others = public_procedures().filter(field_id=procedure.field_id).exclude(pk=procedure.pk)
    return sorted(others.only("title", "url_path", "path", "depth"), key=lambda p: sort_key(p.title))[:limit]


def field_by_slug(slug: str) -> ProcedureField | None:
    return ProcedureField.objects.filter(slug=slug).first() if slug else None


def procedure_by_code(code: str) -> ProcedurePage | None:
    return ProcedurePage.objects.filter(code=code).first()


def default_index() -> ProcedureIndexPage | None:
    """The catalogue page imports go under: the one on the default site, or else the first one."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        index = ProcedureIndexPage.objects.descendant_of(site.root_page).order_by("path").first()
        if index is not None:
            return index
    return ProcedureIndexPage.objects.order_by("path").first()
