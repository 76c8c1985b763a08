"""Tell the search app how to index procedures (search never imports procedures)."""

from html import unescape

from django.utils import timezone
from django.utils.html import strip_tags

from toasoan.search.registry import SearchDocument, register

from .models import ProcedurePage


def plain(html: str) -> str:
    """Rich text as plain lines: one per paragraph or list item."""
    for tag in ("</p>", "</li>", "<br/>", "<br>"):
        html = html.replace(tag, tag + "\n")
    return unescape(strip_tags(html)).strip()


def procedure_document(procedure: ProcedurePage) -> SearchDocument:
    facts = [
        f"Mã thủ tục {procedure.code}" if procedure.code else "",
        f"Lĩnh vực {procedure.field.name}" if procedure.field_id else "",
        procedure.get_level_display(),
        procedure.agency,
        procedure.service_level_text,
    ]
    parts = [
        " · ".join(fact for fact in facts if fact),
        procedure.applicants,
        plain(procedure.steps),
        plain(procedure.methods),
        plain(procedure.dossier),
        procedure.processing_time,
        procedure.fees,
        procedure.result,
        plain(procedure.legal_basis),
    ]
    updated = procedure.last_published_at or procedure.first_published_at
    return SearchDocument(
        title=procedure.title,
        text="\n".join(part.strip() for part in parts if part and part.strip()),
        date=timezone.localdate(updated) if updated else None,
    )


def procedure_is_public(procedure: ProcedurePage) -> bool:
    return bool(procedure.live and not procedure.get_view_restrictions().exists())


register(ProcedurePage, to_document=procedure_document, is_public=procedure_is_public)
