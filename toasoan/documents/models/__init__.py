from .document import LegalDocumentFile, LegalDocumentPage, LegalDocumentPageForm
from .index import DocumentIndexPage
from .numbers import number_key
from .taxonomy import DocumentField, DocumentType

__all__ = [
    "DocumentField",
    "DocumentIndexPage",
    "DocumentType",
    "LegalDocumentFile",
    "LegalDocumentPage",
    "LegalDocumentPageForm",
    "number_key",
]
