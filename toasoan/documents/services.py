"""Write side of the documents library (keyword-only, atomic)."""

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Page

from .models import DocumentField, DocumentIndexPage, DocumentType, LegalDocumentFile, LegalDocumentPage


@dataclass(frozen=True)
class FileData:
    filename: str
    content: bytes
    title: str  # the document's title in Wagtail's Documents
    label: str  # what readers see on the document's page


@dataclass(frozen=True)
class DocumentData:
    title: str
    number: str
    document_type: str  # a DocumentType name
    issuer: str
    issued_on: datetime.date
    summary: str
    field: str = ""  # a DocumentField name
    signer: str = ""
    effective_on: datetime.date | None = None
    files: tuple[FileData, ...] = ()


def index_page_get_or_create(*, home: Page, title: str, slug: str, intro: str = "") -> tuple[DocumentIndexPage, bool]:
    """The library page under `home`, created and published if missing."""
    index = DocumentIndexPage.objects.child_of(home).first()
    if index is not None:
        return index, False
    index = DocumentIndexPage(title=title, slug=slug, intro=intro)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index, True


def document_type_get_or_create(*, name: str) -> DocumentType:
    existing = DocumentType.objects.filter(name=name).first()
    return existing or DocumentType.objects.create(name=name)


def document_field_get_or_create(*, name: str) -> DocumentField:
    existing = DocumentField.objects.filter(name=name).first()
    return existing or DocumentField.objects.create(name=name)


@transaction.atomic
def document_create(*, index: DocumentIndexPage, data: DocumentData, publish: bool = True) -> LegalDocumentPage:
    """A new document page under `index` with its files, published unless `publish` is False."""
    document = LegalDocumentPage(
        title=data.title,
        number=data.number,
        document_type=document_type_get_or_create(name=data.document_type),
        issuer=data.issuer,
        signer=data.signer,
        issued_on=data.issued_on,
        effective_on=data.effective_on,
        summary=data.summary,
        field=document_field_get_or_create(name=data.field) if data.field else None,
        live=False,  # live once the revision is published, never before
    )
    Document = get_document_model()
    for order, file in enumerate(data.files):
        stored = Document(title=file.title)
        stored.file.save(file.filename, ContentFile(file.content), save=False)
        stored._set_document_file_metadata()  # size and hash, as Wagtail's upload form does
        stored.save()
        document.files.add(LegalDocumentFile(document=stored, label=file.label, sort_order=order))
    index.add_child(instance=document)
    revision = document.save_revision()
    if publish:
        revision.publish()
    return document
