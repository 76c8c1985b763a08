"""The demo: the library and the documents the seed article cites, which then links to them."""

import pytest
from bs4 import BeautifulSoup

from toasoan.documents import selectors
from toasoan.documents.demo import DOCUMENTS, load_demo, placeholder_pdf
from toasoan.documents.models import DocumentIndexPage, LegalDocumentPage
from toasoan.news.demo import load_demo as load_news_demo
from toasoan.news.models import ArticlePage


@pytest.fixture
def demo(db):
    load_news_demo()
    return load_demo()


def test_demo_loader_is_idempotent(demo):
    assert demo == {"thư viện văn bản": 1, "văn bản": len(DOCUMENTS)}
    assert load_demo() == {"thư viện văn bản": 0, "văn bản": 0}
    index = DocumentIndexPage.objects.get()
    assert index.url == "/van-ban/" and index.live
    assert LegalDocumentPage.objects.live().child_of(index).count() == len(DOCUMENTS)


def test_the_seed_article_links_to_every_document_it_cites(client, demo):
    seed = ArticlePage.objects.get(title__startswith="Sở Khoa học và Công nghệ ban hành Kế hoạch tuyên truyền")
    soup = BeautifulSoup(client.get(seed.url).content.decode(), "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select(".rich-text a.document-ref")}
    by_number = {d.number: d.url for d in LegalDocumentPage.objects.all()}
    assert links == {
        "Kế hoạch số 405/KH-UBND": by_number["405/KH-UBND"],
        "Kế hoạch số 29/KH-SKHCN": by_number["29/KH-SKHCN"],
        "Nghị quyết số 07-NQ/TU": by_number["07-NQ/TU"],
        "Quyết định số 468/QĐ-TTg": by_number["468/QĐ-TTg"],
        "Quyết định số 45/2016/QĐ-TTg": by_number["45/2016/QĐ-TTg"],
    }
    assert selectors.missing_references() == []


def test_demo_pages_render_and_placeholders_say_what_they_are(client, demo):
    soup = BeautifulSoup(client.get("/van-ban/").content.decode(), "html.parser")
    assert len(soup.select(".document-card")) == len(DOCUMENTS)
    for document in LegalDocumentPage.objects.all():
        page = BeautifulSoup(client.get(document.url).content.decode(), "html.parser")
        for link in page.select(".document-files a"):
            assert "minh họa" in link.get_text()


def test_placeholder_pdf_is_a_pdf():
    data = placeholder_pdf("Van ban so 405-KH-UBND")
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    assert data[xref:].startswith(b"xref")
