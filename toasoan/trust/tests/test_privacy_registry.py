"""core.personal_data: identifiers normalised, found and redacted in free text; the registry."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from toasoan.core import personal_data
from toasoan.core.consent import UNKNOWN_VERSION
from toasoan.core.personal_data import ERASED_EMAIL, ERASED_NAME, ERASED_PHONE, Person, redact


@pytest.mark.parametrize(
    "raw",
    ["0912345678", "0912 345 678", "0912.345.678", "091-234-5678", "+84 912 345 678", "+84912345678", "84912345678"],
)
def test_phone_writings_normalise_to_one_number(raw):
    assert personal_data.normalise_phone(raw) == "0912345678"


def test_landline_with_area_code():
    assert personal_data.normalise_phone("(024) 3825 1234") == "02438251234"


@pytest.mark.parametrize("raw", ["", "12345", "0112345678", "09123456789", "abc", "+1 202 555 0100"])
def test_bad_phones_are_refused_in_vietnamese(raw):
    with pytest.raises(ValidationError, match="Số điện thoại không hợp lệ"):
        personal_data.normalise_phone(raw)


def test_person_from_input():
    assert Person.from_input(email=" Ten@Gmail.COM ") == Person(email="ten@gmail.com")
    assert Person.from_input(phone="+84 912 345 678").identifiers() == ["0912345678"]
    with pytest.raises(ValidationError) as error:
        Person.from_input(email="ten@", phone="12")
    assert len(error.value.messages) == 2
    with pytest.raises(ValidationError, match="Hãy nhập thư điện tử hoặc số điện thoại"):
        Person.from_input(email="  ", phone="")


def test_mentions_are_exact():
    person = Person(email="an@x.vn", phone="0912345678")
    assert person.mentioned_in("Liên hệ AN@X.VN nhé")
    assert person.mentioned_in("gọi +84 912.345.678")
    assert not person.mentioned_in("toan@x.vn")  # another address that contains it
    assert not person.mentioned_in("an@x.vn.com")
    assert not person.mentioned_in("10912345678")  # a longer number


def test_redact():
    person = Person(email="an@x.vn", phone="0912345678")
    text = "Tôi là Nguyễn  Văn An (an@x.vn, 0912 345 678); em tôi là toan@x.vn, số 0987654321."
    assert redact(text, person, ("Nguyễn Văn An",)) == (
        f"Tôi là {ERASED_NAME} ({ERASED_EMAIL}, {ERASED_PHONE}); em tôi là toan@x.vn, số 0987654321."
    )
    assert redact("", person) == ""


def test_register_replaces_and_orders():
    calls = []

    def source(name: str):
        return {
            "label": name,
            "find": lambda p: calls.append(name),
            "export": lambda p: None,
            "erase": lambda p: None,
        }

    personal_data.register("zz-b", order=1000, **source("b"))
    personal_data.register("zz-a", order=1000, **source("a"))
    personal_data.register("zz-a", order=999, **source("a2"))
    try:
        names = [s.name for s in personal_data.sources()]
        assert names[-2:] == ["zz-a", "zz-b"]
        assert personal_data.sources()[-2].label == "a2"
    finally:
        personal_data.unregister("zz-a")
        personal_data.unregister("zz-b")
    assert "zz-a" not in [s.name for s in personal_data.sources()]


@pytest.mark.django_db
def test_consultation_comments_sent_before_consent_records_get_an_unknown_version(home):
    from .privacy_people import consultation

    migration = importlib.import_module("toasoan.consultation.migrations.0003_comment_consent_record")
    draft = consultation(home)
    Comment = apps.get_model("consultation", "Comment")
    old = Comment.objects.create(
        consultation=draft, name="A", email="a@x.vn", body="Góp ý cũ.", consent_at=draft.first_published_at
    )
    migration.backfill(apps, None)
    old.refresh_from_db()
    assert old.consent_text == migration.EARLIER_TEXT and old.consent_policy_version == UNKNOWN_VERSION
