"""Consultation's registration with core.personal_data: comments found by email are kept for the
draft's record without who sent them; a comment never published names no public page."""

import pytest

from toasoan.core.personal_data import ERASED_NAME, Person

from .. import personal_data
from ..models import Comment
from ..services import comment_approve
from .conftest import post_comment

pytestmark = pytest.mark.django_db


def test_found_exported_and_anonymised(client, open_consultation, comment_data):
    post_comment(client, open_consultation, comment_data(body="Ý kiến thứ nhất: liên hệ minhthu@example.com nhé."))
    post_comment(client, open_consultation, comment_data(body="Ý kiến thứ hai về Điều 7, không công khai."))
    post_comment(client, open_consultation, comment_data(email="khac@example.com", name="Người Khác"))
    first, _ = Comment.objects.filter(email="minhthu@example.com").order_by("pk")
    comment_approve(comment=first, user=None)
    person = Person.from_input(email="MinhThu@Example.com")
    assert personal_data.find(person).count == 2
    rows = personal_data.export(person).tables["gop_y_du_thao"]
    assert {row["họ và tên"] for row in rows} == {"Trần Thị Minh Thư"}
    assert rows[0]["nội dung đồng ý"] and rows[0]["biểu mẫu thu thập"] == open_consultation.url
    result = personal_data.erase(person)
    assert result.anonymised == 2
    assert result.public_paths == [open_consultation.url]  # only the published one shows anywhere
    first.refresh_from_db()
    assert (first.name, first.organisation, first.email) == (ERASED_NAME, "", "")
    assert "minhthu@example.com" not in first.body and first.publication.name == ERASED_NAME
    assert Comment.objects.get(email="khac@example.com").name == "Người Khác"
    assert personal_data.find(person).count == 0
