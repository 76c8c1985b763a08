"""Consent records (core.consent) on every form that takes personal data: stored with what was
agreed, the policy in force and the form; nothing stored without consent."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from toasoan.consultation.models import Comment
from toasoan.consultation.services import CONSENT_TEXT as COMMENT_CONSENT
from toasoan.core import consent
from toasoan.core.abuse import HONEYPOT_FIELD, STARTED_FIELD, form_token
from toasoan.core.demo_content import load_demo as load_privacy_page
from toasoan.core.models import AgencySettings
from toasoan.feedback.forms import CONSENT_TEXT as FEEDBACK_CONSENT
from toasoan.feedback.models import Submission
from toasoan.newsletter.models import ConsentRecord
from toasoan.newsletter.services import CONSENT_TEXT as NEWSLETTER_CONSENT

from .privacy_people import ORIGIN, consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(home, settings, tmp_path):
    settings.TOASOAN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.TOASOAN_FORM_MIN_SECONDS = 0
    load_privacy_page()
    return AgencySettings.for_site(home.get_site()).privacy_policy_page.specific


def guard() -> dict:
    return {STARTED_FIELD: form_token(), HONEYPOT_FIELD: ""}


def feedback_post(client, **fields):
    data = {
        "kind": "phan_anh",
        "name": "Phạm Thị Hoa",
        "email": "hoa@example.vn",
        "subject": "Đèn đường hỏng",
        "content": "Đèn đường trước số 12 phố Huế hỏng đã một tuần.",
        "consent": "on",
        **guard(),
        **fields,
    }
    return client.post(reverse("feedback:submit"), {k: v for k, v in data.items() if v is not None})


def comment_post(client, draft, **fields):
    data = {
        "name": "Phạm Thị Hoa",
        "email": "hoa@example.vn",
        "body": "Đề nghị bổ sung quy định về chuyên gia độc lập trong hội đồng.",
        "consent": "on",
        **guard(),
        **fields,
    }
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(reverse("consultation:comment_post", args=[draft.pk]), data, **ORIGIN)


def newsletter_post(client, section, **fields):
    data = {"email": "hoa@example.vn", "sections": [section.pk], "consent": "on", **guard(), **fields}
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(reverse("newsletter:subscribe"), data, **ORIGIN)


def assert_policy(url: str, version: str, page) -> None:
    assert url == page.url
    assert f"trang {page.pk}" in version and f"bản {page.live_revision_id}" in version
    assert f"sha256 {consent.policy_text_hash(page)}" in version


def test_feedback_stores_the_consent_record(client, policy):
    before = timezone.now()
    assert feedback_post(client).status_code == 302
    submission = Submission.objects.get()
    assert before <= submission.consent_at <= timezone.now()
    assert submission.consent_text == FEEDBACK_CONSENT
    assert submission.consent_source == "/phan-anh-kien-nghi/"
    assert_policy(submission.consent_policy_url, submission.consent_policy_version, policy)


def test_feedback_without_consent_stores_nothing(client, policy):
    response = feedback_post(client, consent=None)
    assert response.status_code == 400 or response.status_code == 200
    assert "Hãy đánh dấu đồng ý với việc xử lý dữ liệu cá nhân" in response.content.decode()
    assert not Submission.objects.exists()


def test_consultation_comment_stores_the_consent_record(client, policy, home):
    draft = consultation(home)
    assert comment_post(client, draft).status_code == 302
    comment = Comment.objects.get()
    assert comment.consent_text == COMMENT_CONSENT
    assert comment.consent_source == draft.url
    assert comment.consent_at == comment.created_at
    assert_policy(comment.consent_policy_url, comment.consent_policy_version, policy)


def test_consultation_comment_without_consent_stores_nothing(client, policy, home):
    draft = consultation(home)
    response = comment_post(client, draft, consent=None)
    assert "Bạn cần đồng ý với việc xử lý dữ liệu cá nhân để gửi góp ý." in response.content.decode()
    assert not Comment.objects.exists()


def test_the_comment_consent_recorded_is_the_label_people_read(client, policy, home):
    draft = consultation(home)
    html = client.get(draft.url).content.decode()
    label = re.search(r'<label for="id_consent">(.*?)<span class="form-field__required"', html, re.S).group(1)
    assert " ".join(re.sub(r"<[^>]+>", "", label).split()) == COMMENT_CONSENT


def test_newsletter_stores_the_consent_record(client, policy, section):
    assert newsletter_post(client, section).status_code == 302
    record = ConsentRecord.objects.get()
    assert record.consent_text == NEWSLETTER_CONSENT and record.source == "/ban-tin/dang-ky/"
    assert_policy(record.policy_url, record.policy_version, policy)


def test_newsletter_without_consent_stores_nothing(client, policy, section):
    response = newsletter_post(client, section, consent=None)
    assert "Cần bạn đồng ý" in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_a_new_policy_text_is_a_new_version(client, policy):
    feedback_post(client)
    policy.body = [("paragraph", "<p>Chính sách mới: dữ liệu được lưu 5 năm.</p>")]
    policy.save_revision().publish()
    policy.refresh_from_db()
    feedback_post(client, email="khac@example.vn")
    first, second = Submission.objects.order_by("pk")
    assert first.consent_policy_version != second.consent_policy_version
    assert_policy(second.consent_policy_url, second.consent_policy_version, policy)
    # The hash can be recomputed from the revision the first person agreed to.
    revision_id = int(re.search(r"bản (\d+)", first.consent_policy_version).group(1))
    agreed = policy.revisions.get(pk=revision_id).as_object()
    assert f"sha256 {consent.policy_text_hash(agreed)}" in first.consent_policy_version


def test_policy_version_fits_its_column(policy):
    policy.last_published_at = timezone.now() - datetime.timedelta(days=1)
    assert len(consent.policy_version(policy)) <= 100


def test_without_a_policy_page_the_fallback_url_is_recorded(client, home, settings, tmp_path):
    settings.TOASOAN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.TOASOAN_FORM_MIN_SECONDS = 0
    feedback_post(client)
    submission = Submission.objects.get()
    assert submission.consent_policy_url == "/chinh-sach-bao-ve-du-lieu-ca-nhan/"
    assert submission.consent_policy_version == ""


def test_the_demo_policy_says_what_why_how_long_and_how_to_ask(client, policy):
    response = client.get(policy.url)
    html = response.content.decode()
    assert response.status_code == 200
    for heading in (
        "Dữ liệu được thu thập và mục đích",
        "Sự đồng ý",
        "Thời gian lưu trữ",
        "Quyền của chủ thể dữ liệu",
        "Cách yêu cầu trích xuất hoặc xóa dữ liệu",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "13/2023/NĐ-CP" in html and "72 giờ" in html
    assert 'href="/danh-ba/"' in html and client.get("/danh-ba/").status_code == 200


def test_the_hash_follows_the_text(policy):
    before = consent.policy_text_hash(policy)
    policy.intro = policy.intro + " Sửa một chữ."
    changed_intro = consent.policy_text_hash(policy)
    policy.body = [("paragraph", "<p>Một đoạn khác.</p>")]
    assert len({before, changed_intro, consent.policy_text_hash(policy)}) == 3
