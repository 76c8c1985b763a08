"""The archive of PDF issues: pages under the "Duyệt tin" workflow, listed newest first with
pagination and downloads; the demo loader (valid sample PDFs, honestly labelled), the main-menu
item and the footer panel linking to the subscribe page."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from toasoan.core.models import MenuItem
from toasoan.newsletter.demo import load_demo
from toasoan.newsletter.models import NewsletterIndexPage, NewsletterIssuePage
from toasoan.newsletter.samples import sample_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(home):
    load_demo()
    return NewsletterIndexPage.objects.get()


def _check_pdf(data: bytes) -> None:
    """Header, trailer and a cross-reference table whose offsets point at the objects."""
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\n(\d+)\n", data).group(1))
    assert data[startxref:].startswith(b"xref")
    entries = re.findall(rb"(\d{10}) 00000 n ", data[startxref:])
    assert entries
    for number, offset in enumerate(entries, start=1):
        assert data[int(offset) :].startswith(b"%d 0 obj" % number)


def test_sample_pdfs_are_valid_and_say_they_are_samples():
    data = sample_pdf(["BAN MAU (SAMPLE) \\ test", "dong hai"])
    _check_pdf(data)
    assert b"BAN MAU \\(SAMPLE\\) \\\\ test" in data


def test_demo_creates_the_archive_and_three_sample_issues_once(demo, home):
    issues = list(NewsletterIssuePage.objects.live())
    assert len(issues) == 3
    for issue in issues:
        assert issue.title.startswith("Bản tin KH&CN số ")
        assert "mẫu" in issue.summary and "mẫu" in issue.document.title
        issue.document.file.open()
        _check_pdf(issue.document.file.read())
        assert issue.cover_image.width == 320
    assert load_demo() == {"kho bản tin": 0, "số bản tin": 0}
    assert NewsletterIssuePage.objects.count() == 3
    assert demo.url == "/ban-tin/"


def test_menu_item_for_the_archive(home):
    from toasoan.core import demo as core_demo

    core_demo.menu_loader("Bản tin", "/ban-tin/")()
    assert MenuItem.objects.filter(label="Bản tin", url="/ban-tin/").count() == 1


def test_the_archive_lists_live_issues_newest_first_with_downloads(client, demo):
    pdf = get_document_model().objects.create(title="Số 4", file=ContentFile(sample_pdf(["4"]), name="so-4.pdf"))
    draft = NewsletterIssuePage(
        title="Bản tin KH&CN số 4/2026", number=4, issue_date=datetime.date(2026, 12, 31), document=pdf, live=False
    )
    demo.add_child(instance=draft)
    draft.save_revision()  # saved and submitted, never approved
    response = client.get("/ban-tin/")
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    positions = [html.index(f"Bản tin KH&amp;CN số {n}/2026") for n in (3, 2, 1)]
    assert positions == sorted(positions)
    assert "số 4/2026" not in html  # not approved, not public
    assert html.count("Tải bản PDF") == 3 and ".pdf" in html
    assert "30/09/2026" in html and "/ban-tin/dang-ky/" in html


def test_the_archive_paginates(client, demo, monkeypatch):
    monkeypatch.setattr(NewsletterIndexPage, "PER_PAGE", 2)
    first = client.get("/ban-tin/").content.decode()
    second = client.get("/ban-tin/?page=2").content.decode()
    assert "số 3/2026" in first and "số 2/2026" in first and "số 1/2026" not in first
    assert "số 1/2026" in second and "Trang 2/2" in second


def test_an_issue_page_offers_its_pdf(client, demo):
    issue = NewsletterIssuePage.objects.get(number=2)
    html = client.get(issue.url).content.decode()
    assert "Tải bản PDF" in html and issue.document.url in html and 'alt="Bìa Bản tin KH&amp;CN số 2/2026"' in html


def test_issues_go_through_the_approval_workflow(demo):
    reporter = User.objects.create_user("pv", password="mat-khau-dai-123")
    reporter.groups.add(Group.objects.get(name="Phóng viên"))
    assert demo.get_workflow().name == "Duyệt tin"
    permissions = demo.permissions_for_user(reporter)
    assert permissions.can_add_subpage() and not permissions.can_publish_subpage()


def test_reserved_slugs_and_non_pdf_files_are_refused(demo):
    text = get_document_model().objects.create(title="Văn bản", file=ContentFile(b"x", name="ghi-chu.txt"))
    issue = NewsletterIssuePage(
        title="Số thử", slug="dang-ky", number=9, issue_date=datetime.date(2026, 1, 1), document=text
    )
    issue.path, issue.depth = demo.path + "9999", demo.depth + 1  # placed under the archive, not saved
    with pytest.raises(ValidationError) as error:
        issue.clean()
    assert "slug" in error.value.message_dict
    issue.slug = "so-9"
    with pytest.raises(ValidationError) as error:
        issue.clean()
    assert "Bản tin phải là tệp PDF." in error.value.message_dict["document"]


def test_the_footer_links_to_the_subscribe_page_on_every_page(client, demo):
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    assert "/ban-tin/dang-ky/" in footer and "Đăng ký nhận bản tin" in footer and 'href="/ban-tin/"' in footer
