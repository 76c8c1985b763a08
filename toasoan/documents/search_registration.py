"""Tell the search app how to index documents (search never imports documents)."""

from django.utils import timezone

from toasoan.search.registry import SearchDocument, register

from .models import LegalDocumentPage


def search_title(document: LegalDocumentPage) -> str:
    """ "Kế hoạch số 405/KH-UBND": the type and number, as people search for a document and as
    search results list documents (the title and trích yếu follow in the text). A short title
    is also what ranks the document above articles that cite it."""
    if not document.number:
        return document.title
    kind = document.document_type.name if document.document_type_id else "Văn bản"
    return f"{kind} số {document.number}"


def citation(document: LegalDocumentPage) -> str:
    """How other texts cite the document: "Kế hoạch 405/KH-UBND ngày 30/12/2021 của UBND tỉnh
    Thừa Thiên Huế". With the title's "Kế hoạch số 405/KH-UBND", both ways of citing it (and
    "kế hoạch 405") match as phrases."""
    if not document.number:
        return ""
    kind = document.document_type.name if document.document_type_id else "Văn bản"
    date = f" ngày {document.issued_on:%d/%m/%Y}" if document.issued_on else ""
    issuer = f" của {document.issuer}" if document.issuer else ""
    return f"{kind} {document.number}{date}{issuer}"


def document_document(document: LegalDocumentPage) -> SearchDocument:
    facts = [
        f"Số hiệu {document.number}" if document.number else "",
        document.document_type.name if document.document_type_id else "",
        document.issuer,
        f"Người ký {document.signer}" if document.signer else "",
        f"Lĩnh vực {document.field.name}" if document.field_id else "",
        f"Ngày ban hành {document.issued_on:%d/%m/%Y}" if document.issued_on else "",
    ]
    parts = [citation(document), document.title, " · ".join(fact for fact in facts if fact), document.summary]
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
