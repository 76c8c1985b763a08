"""Erasing one person's data: all or nothing across apps, records kept where the agency must keep
them, files, page cache, outage copies and Q&A search updated, logged without personal data."""

import json

import pytest
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from toasoan.consultation.models import Comment
from toasoan.core import personal_data
from toasoan.core.personal_data import ERASED_NAME, Erasure, Person
from toasoan.feedback.models import Attachment, Submission
from toasoan.newsletter.models import ConsentRecord, Subscriber
from toasoan.publishing.pagecache.entry import build
from toasoan.publishing.pagecache.keys import PageKey
from toasoan.trust.privacy import services

from .privacy_people import everyone, private_files, published_comment

pytestmark = pytest.mark.django_db
MAIL_TASK = "toasoan.feedback.tasks.send_citizen_email"


@pytest.fixture
def people(client, settings, home, section, tmp_path):
    settings.TOASOAN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return everyone(client, settings, home, section)


def an_person(an) -> Person:
    return Person.from_input(email=an.email, phone=an.phone)


def snapshot() -> dict:
    return {
        "submissions": list(Submission.objects.order_by("pk").values()),
        "attachments": list(Attachment.objects.order_by("pk").values()),
        "comments": list(Comment.objects.order_by("pk").values()),
        "subscribers": list(Subscriber.objects.order_by("pk").values()),
        "consents": list(ConsentRecord.objects.order_by("pk").values()),
    }


def test_erasure_removes_the_person_everywhere_and_keeps_the_records(people, settings, admin_user, committed):
    an, binh, _ = people
    kept_files = set(binh.files)
    assert an.files and all(path.exists() for path in an.files)
    mails = DBTaskResult.objects.filter(task_path=MAIL_TASK, args_kwargs__args__0=an.submission.pk)
    assert mails.exists()  # the receipt, with the name in its text
    with committed():
        report = services.erase(person=an_person(an), user=admin_user)
    assert {label: (r.deleted, r.anonymised) for label, r in report.results} == {
        "Phản ánh, kiến nghị, hỏi đáp": (0, 1),
        "Góp ý dự thảo": (0, 1),
        "Bản tin": (1, 0),
        "Ý kiến kèm đánh giá hài lòng": (0, 1),
    }
    # Feedback: the record stays (code, dates, status), who sent it goes; attachments and files too.
    submission = Submission.objects.get(pk=an.submission.pk)
    assert submission.code == an.submission.code and submission.created_at == an.submission.created_at
    assert (submission.name, submission.email, submission.phone, submission.email_hash) == (ERASED_NAME, "", "", "")
    assert "Nguyễn Văn An" not in submission.content + submission.subject
    assert "0912 345 678" not in submission.content and "[số điện thoại đã xóa]" in submission.content
    assert not submission.attachments.exists()
    assert not any(path.exists() for path in an.files)
    assert set(private_files(settings)) == kept_files
    assert not mails.exists()
    assert DBTaskResult.objects.filter(task_path=MAIL_TASK, args_kwargs__args__0=binh.submission.pk).exists()
    # The public Q&A copy: redacted, its search text too.
    an.question.refresh_from_db()
    assert "Nguyễn Văn An" not in an.question.subject and "0912 345 678" not in an.question.question
    assert "nguyen van an" not in an.question.search_text
    # Consultation: comment kept without name, organisation, email; the public copy follows.
    comment = Comment.objects.get(pk=an.comment.pk)
    assert (comment.name, comment.organisation, comment.email) == (ERASED_NAME, "", "")
    assert "an.nguyen@example.vn" not in comment.body.lower() and "chuyên gia độc lập" in comment.body
    assert published_comment(an).name == ERASED_NAME and published_comment(an).organisation == ""
    # Newsletter: gone with its consent records. Rating: counted, comment emptied.
    assert not Subscriber.objects.filter(pk=an.subscriber.pk).exists()
    assert not ConsentRecord.objects.filter(subscriber_id=an.subscriber.pk).exists()
    an.rating.refresh_from_db()
    assert an.rating.comment == "" and an.rating.level == 1
    # Nothing left to find.
    assert services.erase(person=an_person(an)).total == 0


def test_someone_else_is_untouched(people, committed):
    an, binh, _ = people
    before = {
        "submission": Submission.objects.filter(pk=binh.submission.pk).values().get(),
        "comment": Comment.objects.filter(pk=binh.comment.pk).values().get(),
        "subscriber": Subscriber.objects.filter(pk=binh.subscriber.pk).values().get(),
    }
    with committed():
        services.erase(person=an_person(an))
    binh.rating.refresh_from_db()
    assert Submission.objects.filter(pk=binh.submission.pk).values().get() == before["submission"]
    assert Comment.objects.filter(pk=binh.comment.pk).values().get() == before["comment"]
    assert Subscriber.objects.filter(pk=binh.subscriber.pk).values().get() == before["subscriber"]
    assert binh.rating.comment and binh.submission.attachments.count() == 1
    assert all(path.exists() for path in binh.files)


def test_a_failing_app_leaves_everything_as_it_was(people, committed):
    an, _, _ = people
    before = snapshot()

    def broken(person: Person) -> Erasure:
        raise RuntimeError("ổ đĩa đầy")

    personal_data.register(
        "zz-broken", label="Hỏng", find=lambda p: None, export=lambda p: None, erase=broken, order=99
    )
    try:
        with committed(), pytest.raises(RuntimeError):
            services.erase(person=an_person(an))
    finally:
        personal_data.unregister("zz-broken")
    assert snapshot() == before
    assert all(path.exists() for path in an.files)  # no file deleted: the commit never came
    assert not ModelLogEntry.objects.filter(action=services.ERASE_ACTION).exists()


def test_pages_that_showed_the_data_are_refreshed(people, page_store, committed, client):
    an, _, draft = people
    page_path = draft.url
    qa_path = reverse("feedback:qa_detail", args=[an.question.pk])
    entry = build(b"<html>Nguyen Van An</html>", [("Content-Type", "text/html; charset=utf-8")], 0)
    list_path = reverse("feedback:qa_list")
    for path in (page_path, qa_path, list_path, "/khac/"):
        page_store.put(page_store.generation(), PageKey(host="localhost", path=path, variant=""), entry)
    generation = page_store.generation()
    with committed():
        services.erase(person=an_person(an))
    assert page_store.generation() != generation  # every cached page is stale
    for path in (page_path, qa_path, list_path):  # no outage copy left with the name
        assert page_store.get_static(PageKey(host="localhost", path=path, variant="")) is None
    assert page_store.get_static(PageKey(host="localhost", path="/khac/", variant="")) is not None
    # The draft's page and the Q&A, rendered again, no longer show the person.
    for path in (page_path, qa_path):
        html = client.get(path).content.decode()
        assert "Nguyễn Văn An" not in html and "0912 345 678" not in html
    assert ERASED_NAME in client.get(page_path).content.decode()


def test_public_qa_search_no_longer_finds_the_person(people, committed, client):
    an, _, _ = people
    assert an.question.subject in client.get(reverse("feedback:qa_list"), {"q": "Nguyen Van An"}).content.decode()
    with committed():
        services.erase(person=an_person(an))
    assert "Nguyễn Văn An" not in client.get(reverse("feedback:qa_list"), {"q": "Nguyen Van An"}).content.decode()


def test_erasure_is_logged_without_personal_data(people, admin_user, committed):
    an, _, _ = people
    with committed():
        services.erase(person=an_person(an), user=admin_user)
    entry = ModelLogEntry.objects.get(action=services.ERASE_ACTION)
    assert entry.user == admin_user and entry.data["counts"] == {
        "feedback": 1,
        "consultation": 1,
        "newsletter": 1,
        "surveys": 1,
    }
    assert set(entry.data) == {"email_hash", "phone_hash", "counts"}
    stored = (json.dumps(entry.data, ensure_ascii=False) + entry.label).lower()
    for value in ("an.nguyen", "0912345678", "nguyễn văn an", "example.vn"):
        assert value not in stored


def test_erasure_is_atomic_with_the_callers_transaction(people):
    an, _, _ = people
    with pytest.raises(RuntimeError), transaction.atomic():
        services.erase(person=an_person(an))
        raise RuntimeError
    assert Subscriber.objects.filter(pk=an.subscriber.pk).exists()


def test_earlier_audit_entries_no_longer_name_the_person(people, admin_user, committed):
    """Wagtail's log keeps an object's name as it was logged: a subscriber's email, a comment's
    author, a submission's subject. Erasure rewrites those labels; the entries stay."""
    from wagtail.log_actions import log

    an, binh, _ = people
    log(an.subscriber, "wagtail.edit", user=admin_user)
    log(an.comment, "wagtail.edit", user=admin_user)
    log(an.submission, "wagtail.edit", user=admin_user, data={"note": f"Gọi lại {an.phone}"})
    log(binh.subscriber, "wagtail.edit", user=admin_user)
    before = ModelLogEntry.objects.count()
    assert ModelLogEntry.objects.filter(label__icontains=an.email).exists()
    with committed():
        services.erase(person=an_person(an), user=admin_user)
    assert ModelLogEntry.objects.count() == before + 1  # nothing removed; the erasure's own entry
    dumped = json.dumps(list(ModelLogEntry.objects.values("label", "data")), ensure_ascii=False).lower()
    assert an.email.lower() not in dumped and "nguyễn văn an" not in dumped and an.phone not in dumped
    assert binh.email.lower() in dumped  # someone else's entries are untouched
