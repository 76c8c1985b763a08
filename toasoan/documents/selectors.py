"""Read side of the documents library: what the public may see, the filters' options, look-ups."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

from toasoan.core.vietnamese import fold

from .models import DocumentField, DocumentIndexPage, DocumentType, LegalDocumentPage, number_key


@dataclass(frozen=True)
class Filters:
    document_type: DocumentType | None = None
    issuer: str = ""
    year: int | None = None
    field: DocumentField | None = None

    @property
    def active(self) -> bool:
        return bool(self.document_type or self.issuer or self.year or self.field)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int


@dataclass
class Library:
    documents: QuerySet[LegalDocumentPage]
    total: int  # every public document, no filter
    types: list[Option]
    issuers: list[Option]
    years: list[Option]
    fields: list[Option]


def public_documents(index: DocumentIndexPage | None = None) -> QuerySet[LegalDocumentPage]:
    """Live documents the public may see (no view restriction), under `index` if given."""
    documents = LegalDocumentPage.objects.live().public()
    if index is not None:
        documents = documents.child_of(index)
    return documents


def sort_key(text: str) -> tuple[str, str]:
    """Vietnamese-friendly order: "Đà Nẵng" among the D's, not after Z."""
    return fold(text).lower(), text


def filtered(documents: QuerySet[LegalDocumentPage], filters: Filters) -> QuerySet[LegalDocumentPage]:
    if filters.document_type is not None:
        documents = documents.filter(document_type=filters.document_type)
    if filters.issuer:
        documents = documents.filter(issuer=filters.issuer)
    if filters.year:
        documents = documents.filter(issued_on__year=filters.year)
    if filters.field is not None:
        documents = documents.filter(field=filters.field)
    return documents


def newest_first(documents: QuerySet[LegalDocumentPage]) -> QuerySet[LegalDocumentPage]:
    return documents.select_related("document_type", "field").order_by("-issued_on", "-pk")


def library(index: DocumentIndexPage, filters: Filters) -> Library:
    """The list page: documents matching `filters`, newest first, and each filter's options with
    counts over all public documents (so a reader sees what exists before narrowing down)."""
    base = public_documents(index)
    type_counts = dict(base.exclude(document_type=None).order_by().values_list("document_type").annotate(Count("pk")))
    field_counts = dict(base.exclude(field=None).order_by().values_list("field").annotate(Count("pk")))
    issuer_counts = base.exclude(issuer="").order_by().values_list("issuer").annotate(Count("pk"))
    year_counts = (
        base.exclude(issued_on=None)
        .order_by()
        .annotate(y=ExtractYear("issued_on"))
        .values_list("y")
        .annotate(Count("pk"))
    )
    return Library(
        documents=newest_first(filtered(base, filters)),
        total=base.count(),
        types=[Option(t.slug, t.name, type_counts[t.pk]) for t in DocumentType.objects.filter(pk__in=type_counts)],
        issuers=sorted((Option(name, name, n) for name, n in issuer_counts), key=lambda o: sort_key(o.label)),
        years=sorted((Option(str(y), str(y), n) for y, n in year_counts), key=lambda o: -int(o.value)),
        fields=sorted(
            (Option(f.slug, f.name, field_counts[f.pk]) for f in DocumentField.objects.filter(pk__in=field_counts)),
            key=lambda o: sort_key(o.label),
        ),
    )


def type_by_slug(slug: str) -> DocumentType | None:
    return DocumentType.objects.filter(slug=slug).first() if slug else None


def field_by_slug(slug: str) -> DocumentField | None:
    return DocumentField.objects.filter(slug=slug).first() if slug else None


def issuer_exists(name: str) -> bool:
    return bool(name) and LegalDocumentPage.objects.filter(issuer=name).exists()


def documents_by_number(numbers: Iterable[str]) -> dict[str, list[LegalDocumentPage]]:
    """Public live documents whose number is one of `numbers` (compared by number_key), by key,
    newest first. One query for the documents (plus Wagtail's one for view restrictions)."""
    keys = {number_key(n) for n in numbers} - {""}
    if not keys:
        return {}
    found: dict[str, list[LegalDocumentPage]] = {}
    rows = (
        public_documents()
        .filter(number_key__in=keys)
        .only("title", "url_path", "path", "depth", "number", "number_key", "issued_on")
        .order_by("-issued_on", "-pk")
    )
    for document in rows:
        found.setdefault(document.number_key, []).append(document)
    return found


def document_for(candidates: list[LegalDocumentPage], issued_on: datetime.date | None) -> LegalDocumentPage:
    """Of documents sharing a number (plans are numbered from 1 again each year), the one issued
    on the cited date, else the newest."""
    if issued_on is not None:
        for document in candidates:
            if document.issued_on == issued_on:
                return document
    return candidates[0]


def default_index() -> DocumentIndexPage | None:
    """The library page: the one on the default site, or else the first one."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        index = DocumentIndexPage.objects.descendant_of(site.root_page).order_by("path").first()
        if index is not None:
            return index
    return DocumentIndexPage.objects.order_by("path").first()


@dataclass(frozen=True)
class Citation:
    page_id: int
    title: str
    url: str


@dataclass
class MissingReference:
    number: str  # as first cited
    kind: str  # the type word as first cited, e.g. "Quyết định"
    citations: list[Citation]

    @property
    def count(self) -> int:
        return len(self.citations)


def missing_references() -> list[MissingReference]:
    """Documents cited with their type in published content ("Quyết định số 1234/QĐ-UBND")
    that the library has no live document for: most cited first.

    Reads the search index's copy of every live, public page (search.SearchEntry), so documents
    needs no knowledge of news or other apps."""
    from django.contrib.contenttypes.models import ContentType

    from toasoan.search.models import SearchEntry

    from .references import cited_references

    known = set(public_documents().values_list("number_key", flat=True))
    entries = (
        SearchEntry.objects.filter(page__live=True)
        .exclude(content_type=ContentType.objects.get_for_model(LegalDocumentPage))
        .select_related("page")
        .only("title", "text", "page__url_path", "page__path", "page__depth", "page__title")
        .order_by("-date", "pk")
    )
    missing: dict[str, MissingReference] = {}
    for entry in entries.iterator(chunk_size=200):
        seen_here: set[str] = set()
        for reference in cited_references(entry.title + "\n" + entry.text):
            key = reference.key
            if key in known or key in seen_here:
                continue
            seen_here.add(key)
            item = missing.setdefault(key, MissingReference(reference.number, reference.kind, []))
            item.citations.append(Citation(entry.page_id, entry.page.title, entry.page.url or ""))
    return sorted(missing.values(), key=lambda m: (-m.count, number_key(m.number)))
