"""CSV export of a draft's comments, for the summary report."""

import csv
import io

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from toasoan.consultation import services
from toasoan.core.abuse import FormCheck
from toasoan.trust.testing import staff_login

pytestmark = pytest.mark.django_db


def _submit(consultation, **fields):
    data = {"name": "Lê Văn Hùng", "email": "hung@example.com", "body": "Đề nghị giữ thời hạn nghiệm thu 90 ngày."}
    data.update(fields)
    return services.comment_submit(
        consultation=consultation, data=services.CommentInput(**data), guard=FormCheck(()), ip="203.0.113.1"
    )


def test_export_has_every_comment_in_utf8_with_bom_and_is_logged(
    client, moderator, open_consultation, make_consultation
):
    first = _submit(open_consultation, organisation="Hội Nông dân", section_ref="Điều 4")
    second = _submit(
        open_consultation, name='=HYPERLINK("http://x")', email="b@example.com", body="+cmd| ' /C calc'!A0"
    )
    services.comment_approve(comment=first, user=moderator)
    services.comment_reject(comment=second, user=moderator, reason="-Không phù hợp")
    other = make_consultation("Dự thảo khác")
    _submit(other, email="c@example.com", body="Góp ý cho dự thảo khác, không được xuất cùng.")

    staff_login(client, moderator)
    response = client.get(reverse("consultation_comments:export"), {"consultation": open_consultation.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="gop-y-{open_consultation.slug}-' in response["Content-Disposition"]
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:])))
    assert rows[0] == services.CSV_HEADINGS
    assert len(rows) == 3
    assert rows[1][2:8] == [
        "Lê Văn Hùng",
        "Hội Nông dân",
        "hung@example.com",
        "Điều 4",
        first.body,
        "Đã duyệt, công khai",
    ]
    # Cells that would run as spreadsheet formulas are made text.
    assert rows[2][2] == '\'=HYPERLINK("http://x")'
    assert rows[2][6] == "'+cmd| ' /C calc'!A0"
    assert rows[2][7:9] == ["Từ chối", "'-Không phù hợp"]
    assert "dự thảo khác" not in content

    entry = PageLogEntry.objects.get(action=services.EXPORT_ACTION)
    assert entry.page_id == open_consultation.pk and entry.user_id == moderator.pk and entry.data == {"count": 2}


def test_export_page_lists_drafts_and_bad_ids_are_not_found(client, moderator, open_consultation):
    staff_login(client, moderator)
    html = client.get(reverse("consultation_comments:export")).content.decode()
    assert open_consultation.title in html
    assert f"?consultation={open_consultation.pk}" in html
    assert client.get(reverse("consultation_comments:export"), {"consultation": "abc"}).status_code == 404
    assert client.get(reverse("consultation_comments:export"), {"consultation": "999999"}).status_code == 404
    assert not PageLogEntry.objects.filter(action=services.EXPORT_ACTION).exists()
