import pytest

from toasoan.consultation.demo import CLOSED_TITLE, INDEX_SLUG, OPEN_TITLE, load_demo
from toasoan.consultation.models import Comment, CommentStatus, ConsultationPage, PublishedComment

pytestmark = pytest.mark.django_db


def test_demo_has_an_open_draft_and_a_closed_one_with_its_report_and_is_idempotent(client, home):
    assert load_demo() == {"trang lấy ý kiến": 3, "góp ý": 7}
    assert load_demo() == {"trang lấy ý kiến": 0, "góp ý": 0}

    open_page = ConsultationPage.objects.get(title=OPEN_TITLE)
    closed_page = ConsultationPage.objects.get(title=CLOSED_TITLE)
    assert open_page.phase() == "open" and 29 <= open_page.days_left() <= 31
    assert closed_page.phase() == "closed" and closed_page.has_report
    assert Comment.objects.filter(consultation=open_page, status=CommentStatus.PENDING).count() == 1
    assert PublishedComment.objects.filter(consultation=open_page).count() == 3
    assert Comment.objects.filter(consultation=closed_page, status=CommentStatus.REJECTED).count() == 1
    assert open_page.documents.count() == 2
    assert open_page.documents.first().document.file.read().startswith(b"PK")  # a real .docx (zip)

    index = client.get(f"/{INDEX_SLUG}/").content.decode()
    assert OPEN_TITLE in index and CLOSED_TITLE in index
    assert "Đã có báo cáo tổng hợp" in index and "Còn 30 ngày" in index
    html = client.get(open_page.url).content.decode()
    assert 'class="consultation-form"' in html and "Góp ý đã công khai (3)" in html
    html = client.get(closed_page.url).content.decode()
    assert "Báo cáo tổng hợp, tiếp thu, giải trình" in html and 'class="consultation-form"' not in html
