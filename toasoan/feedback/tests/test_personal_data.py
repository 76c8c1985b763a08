"""Feedback's registration with core.personal_data: submissions found by email or phone (any
writing), exported with their files, kept anonymised on erasure (notes and answers redacted)."""

import os

import pytest

from toasoan.core.personal_data import ERASED_NAME, ERASED_PHONE, Person

from .. import personal_data, services
from ..models import Attachment, Submission
from .conftest import PDF, upload

pytestmark = pytest.mark.django_db


def test_found_exported_and_anonymised(client, home, form_data, handler, django_capture_on_commit_callbacks):
    client.post("/phan-anh-kien-nghi/", {**form_data(email=""), "attachments": [upload("don.pdf", PDF)]})
    client.post("/phan-anh-kien-nghi/", form_data(name="Người Khác", email="khac@example.vn", phone="0987654321"))
    mine = Submission.objects.get(phone="0912345678")
    services.note_add(submission=mine, text="Đã gọi 0912.345.678, ông Nguyễn Văn An hẹn mai.", user=handler)
    person = Person.from_input(phone="+84 912 345 678")
    holding = personal_data.find(person)
    assert holding.count == 1 and mine.code in holding.lines[0]
    exported = personal_data.export(person)
    assert exported.tables["phan_anh_kien_nghi"][0]["mã tra cứu"] == mine.code
    assert [file.read() for file in exported.files] == [PDF]
    path = Attachment.objects.get(submission=mine).file.path
    with django_capture_on_commit_callbacks(execute=True):
        assert personal_data.erase(person).anonymised == 1
    mine.refresh_from_db()
    assert (mine.name, mine.phone, mine.code) == (ERASED_NAME, "", mine.code)
    note = mine.notes.get()
    assert note.text == f"Đã gọi {ERASED_PHONE}, ông {ERASED_NAME} hẹn mai."
    assert not mine.attachments.exists() and not os.path.exists(path)
    assert Submission.objects.get(phone="0987654321").name == "Người Khác"
