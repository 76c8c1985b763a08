"""Documents and media served with safe headers.

Documents (/documents/<id>/<name>) are served by our view, Wagtail's steps kept (collection
restrictions): the content type comes from the file's bytes (a file we cannot classify goes
out as application/octet-stream), only PDF and images are inline,
everything carries `nosniff` and a CSP that forbids running anything (`sandbox` too, except on
PDF: Chrome and Safari refuse to show a PDF in a sandboxed document, and a PDF viewer runs no
page script anyway). A document that no public page or object uses yet (uploaded for a page that
is still waiting for approval) is reachable by staff only.
"""

import posixpath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views.decorators.http import etag
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.models import Page, ReferenceIndex

from toasoan.core import files
from toasoan.core import views as core_views
from toasoan.core.files import FileKind

SANDBOX_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'"
PDF_CSP = "default-src 'none'; frame-ancestors 'self'"
INLINE_KINDS = (files.PDF, *files.IMAGES)


def content_type_for(kind: FileKind | None, filename: str, head: bytes = b"") -> str:
    if kind is None:
        return "application/octet-stream"
    if kind is files.TEXT:
        subtype = "csv" if files.extension_of(filename) == "csv" else "plain"
        # UTF-16 files carry their byte order mark, which browsers follow; the rest is UTF-8.
        return f"text/{subtype}" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else f"text/{subtype}; charset=utf-8"
    return kind.content_type


def safe_headers(response: HttpResponse, kind: FileKind | None) -> HttpResponse:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = PDF_CSP if kind is files.PDF else SANDBOX_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin" if kind not in INLINE_KINDS else "cross-origin"
    return response


def is_staff(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return False
    is_verified = getattr(user, "is_verified", None)  # django-otp: a session past its second factor
    return is_verified() if callable(is_verified) else True


def is_published(document) -> bool:
    """Used by a live page without view restrictions, or by any other object that is live (or has
    no notion of draft: settings, plain snippets)."""
    for reference in ReferenceIndex.get_references_to(document).select_related("base_content_type"):
        model = reference.base_content_type.model_class()
        if model is None:
            continue
        if issubclass(model, Page):
            page = Page.objects.filter(pk=reference.object_id, live=True).first()
            if page is not None and not page.get_view_restrictions().exists():
                return True
            continue
        source = model._default_manager.filter(pk=reference.object_id).first()
        if source is not None and getattr(source, "live", True):
            return True
    return False


def serve_document(request: HttpRequest, document_id: str, document_filename: str) -> HttpResponse:
    """/documents/<id>/<name>, routed in toasoan/urls.py ahead of wagtail.documents.urls: Wagtail's
    serve view, steps kept (name check, before_serve_document hooks with its collection
    restrictions, document_served signal, ETag), our gate before it and our headers on the file.
    The file is streamed from the storage, whatever it is (no redirect, no sendfile by path)."""
    document = get_object_or_404(get_document_model(), id=document_id)
    if document.filename != document_filename:
        raise Http404("Tên tệp không khớp tài liệu.")
    published = is_published(document)
    if not published and not is_staff(request):
        raise Http404("Tài liệu chưa được công bố.")
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponseBase):
            return result  # a login or password page for a private collection
    document_served.send(sender=type(document), instance=document, request=request)
    private = not published or document.collection.get_view_restrictions().exists()

    @etag(lambda request: getattr(document, "file_hash", None) or None)
    def respond(request: HttpRequest) -> HttpResponseBase:
        try:
            handle = document.file.open("rb")
        except OSError:
            raise Http404("Tệp không còn trên máy chủ.") from None
        kind = files.sniff(handle)
        head = handle.read(2)
        handle.seek(0)
        response = FileResponse(
            handle,
            content_type=content_type_for(kind, document.filename, head),
            as_attachment=kind not in INLINE_KINDS,
            filename=document.filename,
        )
        if private:
            response["Cache-Control"] = "private, no-store"
        return safe_headers(response, kind)

    return respond(request)


def serve_media(request: HttpRequest, path: str, document_root: str) -> HttpResponse:
    """MEDIA_URL when Django serves it (single-server installs): images only. Documents' files are
    reached through /documents/ and its permission checks, never directly."""
    if posixpath.normpath(path).lstrip("/").split("/")[0] == "documents":
        raise Http404
    response = core_views.media(request, path, document_root=document_root)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    return response
