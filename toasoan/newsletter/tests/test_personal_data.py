"""The newsletter's registration with core.personal_data: the subscriber with that address (any
case) is found, exported with its consent records, and deleted with them; nobody else."""

import pytest

from toasoan.core.personal_data import Person

from .. import personal_data
from ..models import ConsentRecord, Subscriber

pytestmark = pytest.mark.django_db


def test_found_exported_and_deleted(confirmed, section):
    mine = confirmed("ban.doc@example.vn", [section])
    other = confirmed("nguoi.khac@example.vn", [section])
    person = Person.from_input(email="Ban.Doc@Example.VN")
    assert personal_data.find(person).count == 1
    assert personal_data.find(Person.from_input(phone="0912345678")).count == 0  # no phones here
    tables = personal_data.export(person).tables
    assert tables["dang_ky_ban_tin"][0]["thư điện tử"] == "ban.doc@example.vn"
    assert tables["dang_ky_ban_tin"][0]["chuyên mục nhận tin"] == section.title
    [consent] = tables["dong_y_nhan_ban_tin"]
    assert consent["biểu mẫu thu thập"] == "/ban-tin/dang-ky/" and consent["thời điểm xác nhận"]
    assert personal_data.erase(person).deleted == 1
    assert not Subscriber.objects.filter(pk=mine.pk).exists()
    assert not ConsentRecord.objects.filter(subscriber_id=mine.pk).exists()
    assert Subscriber.objects.filter(pk=other.pk).exists() and other.consents.exists()
