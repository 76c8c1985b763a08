from .document import LegalDocumentFile, LegalDocumentPage, LegalDocumentPageForm
from .index import DocumentIndexPage
from .taxonomy import DocumentField, DocumentType
from .numbers import number_key

__all__ = [
    "DocumentField",
    "DocumentIndexPage",
    "DocumentType",
    "LegalDocumentFile",
    "LegalDocumentPage",
    "LegalDocumentPageForm",
    "number_key",
]
