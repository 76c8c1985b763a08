"""Tell the search app how to index documents (search never imports documents)."""

from django.utils import timezone

from toasoan.search.registry import SearchDocument, register

from .models import LegalDocumentPage, number_key


def search_title(document: LegalDocumentPage) -> str:
    """The title with the type and number in front when the title lacks them, so "405/KH-UBND"
    and "kế hoạch 405" find the document by its title (ranked above articles citing it)."""
    title = document.title
    if not document.number or number_key(document.number) in number_key(title):
        return title
    kind = document.document_type.name if document.document_type_id else "Văn bản"
    return f"{kind} {document.number}: {title}"


def document_document(document: LegalDocumentPage) -> SearchDocument:
    facts = [
        f"Số hiệu {document.number}" if document.number else "",
        document.document_type.name if document.document_type_id else "",
        document.issuer,
        f"Người ký {document.signer}" if document.signer else "",
        f"Lĩnh vực {document.field.name}" if document.field_id else "",
        f"Ngày ban hành {document.issued_on:%d/%m/%Y}" if document.issued_on else "",
    ]
    parts = [" · ".join(fact for fact in facts if fact), document.summary]
    published = document.last_published_at or document.first_published_at
    date = document.issued_on or (timezone.localdate(published) if published else None)
    return SearchDocument(
        title=search_title(document),
        text="\n".join(part.strip() for part in parts if part and part.strip()),
        date=date,
    )


def document_is_public(document: LegalDocumentPage) -> bool:
    return bool(document.live and not document.get_view_restrictions().exists())


register(LegalDocumentPage, to_document=document_document, is_public=document_is_public)
