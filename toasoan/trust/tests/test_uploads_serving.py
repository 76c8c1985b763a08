"""Documents served with safe headers: the type from the bytes, attachment unless PDF or image,
nosniff and a CSP; documents no public page uses yet, and private collections, stay private."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.http import Http404
from django.test import RequestFactory
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from toasoan.core.tests import file_samples as samples
from toasoan.trust.uploads import serving

pytestmark = pytest.mark.django_db


def document(name: str, data: bytes, collection: Collection | None = None) -> Document:
    doc = Document(title=name, file=ContentFile(data, name=name))
    if collection is not None:
        doc.collection = collection
    doc._set_document_file_metadata()  # size and hash, as Wagtail's upload form sets them
    doc.save()
    return doc


@pytest.fixture
def publish(section, make_article):
    """publish(doc) -> a live article linking to it (what makes a document public)."""

    def link(doc: Document, *, live: bool = True):
        return make_article(
            section, f"Bài có tệp {doc.pk}", body=f'<a linktype="document" id="{doc.pk}">Tải</a>', live=live
        )

    return link


@pytest.mark.parametrize(
    ("name", "data", "content_type", "inline"),
    [
        ("ke-hoach.pdf", samples.PDF, "application/pdf", True),
        ("du-thao.docx", samples.office(), serving.files.DOCX.content_type, False),
        ("danh-sach.csv", samples.CSV, "text/csv; charset=utf-8", False),
        ("cu.doc", samples.ole("WordDocument"), "application/msword", False),
        # Uploaded before the checker: HTML under a .pdf name goes out as bytes to download.
        ("cu-hong.pdf", samples.HTML, "application/octet-stream", False),
    ],
)
def test_headers(client, publish, name, data, content_type, inline):
    doc = document(name, data)
    publish(doc)
    response = client.get(doc.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    csp = [directive.strip() for directive in response["Content-Security-Policy"].split(";")]
    assert "default-src 'none'" in csp
    if inline:
        assert disposition.startswith("inline") and "sandbox" not in csp  # Chrome shows no PDF in a sandbox
    else:
        assert disposition.startswith("attachment") and "sandbox" in csp
    assert doc.filename in disposition


def test_conditional_get(client, publish):
    doc = document("ke-hoach.pdf", samples.PDF)
    publish(doc)
    etag = client.get(doc.url)["ETag"]
    assert client.get(doc.url, headers={"If-None-Match": etag}).status_code == 304


def test_a_document_no_public_page_uses_is_for_staff_only(client, admin_client, publish):
    draft_only = document("du-thao-chua-duyet.pdf", samples.PDF)
    publish(draft_only, live=False)  # the article waits for approval
    orphan = document("chua-dung.pdf", samples.PDF)
    for doc in (draft_only, orphan):
        assert client.get(doc.url).status_code == 404
        response = admin_client.get(doc.url)
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_publishing_the_page_makes_it_public(client, publish):
    doc = document("thong-bao.pdf", samples.PDF)
    article = publish(doc, live=False)
    assert client.get(doc.url).status_code == 404
    article.get_latest_revision().publish()
    assert client.get(doc.url).status_code == 200


def test_a_document_added_in_a_draft_of_a_live_page_waits_for_approval(client, publish):
    article = publish(document("cu.pdf", samples.PDF))
    new = document("moi.pdf", samples.PDF)
    article.body = [("paragraph", f'<p><a linktype="document" id="{new.pk}">Tải bản mới</a></p>')]
    revision = article.save_revision()  # submitted, not approved
    assert client.get(new.url).status_code == 404
    revision.publish()
    assert client.get(new.url).status_code == 200


def test_private_collection_stays_private(client, publish):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Nội bộ")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Lãnh đạo"))
    doc = document("noi-bo.pdf", samples.PDF, collection=private)
    publish(doc)  # even when a public page links it
    response = client.get(doc.url)
    assert response.status_code in (302, 403) and not getattr(response, "streaming", False)


def test_media_never_serves_documents_directly(tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "noi-bo.pdf").write_bytes(samples.PDF)
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "anh.png").write_bytes(samples.image("PNG"))
    request = RequestFactory().get("/media/")
    for path in ("documents/noi-bo.pdf", "original_images/../documents/noi-bo.pdf", "/documents/noi-bo.pdf"):
        with pytest.raises(Http404):
            serving.serve_media(request, path, document_root=str(tmp_path))
    response = serving.serve_media(request, "original_images/anh.png", document_root=str(tmp_path))
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"].split("; ")
    with pytest.raises(Http404):
        serving.serve_media(request, "a" * 5000 + ".png", document_root=str(tmp_path))
