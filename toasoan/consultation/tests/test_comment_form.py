"""A citizen's comment, from the page's form to the moderation queue: every rule of the form."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from freezegun import freeze_time

from toasoan.consultation import rules, services
from toasoan.consultation.models import Comment, CommentStatus
from toasoan.core.abuse import HONEYPOT_FIELD, STARTED_FIELD, FormCheck, form_token

from .conftest import comment_url, post_comment

pytestmark = pytest.mark.django_db


def test_open_draft_shows_its_facts_and_a_plain_html_form(client, open_consultation):
    response = client.get(open_consultation.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Phòng Quản lý khoa học" in html
    assert "Điều 5. Hội đồng tư vấn" in html
    assert "Đang lấy ý kiến" in html
    assert "còn 10 ngày" in html
    assert f'action="{comment_url(open_consultation)}#gop-y"' in html
    assert 'data-form-started="/bieu-mau/bat-dau/"' in html
    assert 'name="csrfmiddlewaretoken"' not in html
    assert f'name="{HONEYPOT_FIELD}"' in html and f'name="{STARTED_FIELD}" id="id_{STARTED_FIELD}"' in html
    assert 'value="' not in html.split(f'name="{STARTED_FIELD}"')[1].split(">")[0]  # no render-time token
    assert 'href="/chinh-sach-bao-ve-du-lieu-ca-nhan/">chính sách bảo vệ dữ liệu cá nhân</a>' in html
    # Nothing on the page depends on the reader: shared caches keep it, and it has an outage copy.
    assert response["Cache-Control"].startswith("public")
    assert "Set-Cookie" not in response


def test_valid_comment_is_stored_pending_then_post_redirect_get(client, open_consultation, comment_data):
    response = post_comment(client, open_consultation, comment_data())
    assert response.status_code == 302
    assert response["Location"] == open_consultation.url + "da-nhan-gop-y/"
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert (comment.name, comment.organisation, comment.section_ref) == (
        "Trần Thị Minh Thư",
        "Trường Đại học Khoa học",
        "Điều 5",
    )
    assert comment.flags == [] and not comment.suspicious
    assert comment.consent_at == comment.created_at
    assert "127.0.0.1" not in (comment.ip_hash + comment.email_hash)  # only keyed hashes are kept

    received = client.get(response["Location"])
    assert received.status_code == 200
    assert "Đã nhận góp ý" in received.content.decode()
    # Pending: not on the public page.
    assert "tiêu chí lựa chọn chuyên gia" not in client.get(open_consultation.url).content.decode()


def test_posts_from_other_sites_are_refused_keeping_what_was_typed(open_consultation, comment_data):
    client = Client(enforce_csrf_checks=True)
    data = comment_data()
    for origin in ("https://evil.example", "null", None):
        response = post_comment(client, open_consultation, data, origin=origin)
        html = response.content.decode()
        assert response.status_code == 403, origin
        assert "Không nhận góp ý gửi từ trang web khác" in html
        assert escape(data["body"]) in html
    assert not Comment.objects.exists()
    # A Referer from this site is enough when a browser sends no Origin.
    response = client.post(
        comment_url(open_consultation), data, headers={"Referer": "http://testserver" + open_consultation.url}
    )
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_the_form_start_time_comes_fresh_from_its_own_endpoint(client):
    response = client.get("/bieu-mau/bat-dau/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    data = response.json()
    assert data["field"] == STARTED_FIELD
    from toasoan.core.abuse import check_form

    assert "token_invalid" not in check_form({STARTED_FIELD: data["token"]}).reasons
    assert client.post("/bieu-mau/bat-dau/").status_code == 405


def test_unknown_or_unpublished_draft_answers_404(client, open_consultation, comment_data):
    response = client.post(reverse("consultation:comment_post", args=[999999]), comment_data())
    assert response.status_code == 404
    open_consultation.unpublish()
    assert post_comment(client, open_consultation, comment_data()).status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Vui lòng nhập họ và tên."),
        ("email", "", "Vui lòng nhập địa chỉ thư điện tử."),
        ("body", "", "Vui lòng nhập nội dung góp ý."),
        ("consent", None, "Bạn cần đồng ý với việc xử lý dữ liệu cá nhân để gửi góp ý."),
        ("email", "minhthu@", "Địa chỉ thư điện tử không hợp lệ"),
        ("email", "không phải thư", "Địa chỉ thư điện tử không hợp lệ"),
        ("body", "Đồng ý.", "Nội dung góp ý quá ngắn"),
        ("body", "ý" * (rules.BODY_MAX + 1), f"Nội dung góp ý dài quá {rules.BODY_MAX} ký tự"),
        ("name", "Ng" * rules.NAME_MAX, f"Họ và tên dài quá {rules.NAME_MAX} ký tự"),
        ("organisation", "x" * (rules.ORGANISATION_MAX + 1), "Tên cơ quan, tổ chức dài quá"),
        ("section_ref", "Điều " * 30, f"Điều, khoản dài quá {rules.SECTION_MAX} ký tự"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_keeping_what_was_typed(
    client, open_consultation, comment_data, field, value, message
):
    data = comment_data(**{field: value})
    response = post_comment(client, open_consultation, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert 'aria-invalid="true"' in html
    assert "Góp ý chưa được gửi: vui lòng sửa 1 lỗi sau" in html
    for other in ("name", "organisation", "email", "section_ref", "body"):
        if other != field:
            assert escape(data[other]) in html, other  # nothing else typed is lost
    assert not Comment.objects.exists()


def test_decomposed_vietnamese_is_stored_composed_and_counted_as_typed(client, open_consultation, comment_data):
    import unicodedata

    body = unicodedata.normalize("NFD", "Đề nghị bổ sung khoản 3 Điều 7 về kiểm tra định kỳ.\r\nXin cảm ơn.")
    post_comment(client, open_consultation, comment_data(body=body, name=unicodedata.normalize("NFD", "Lê Văn Hùng")))
    comment = Comment.objects.get()
    assert comment.name == "Lê Văn Hùng"
    assert comment.body == "Đề nghị bổ sung khoản 3 Điều 7 về kiểm tra định kỳ.\nXin cảm ơn."
    # At the limit in characters as typed (composed, plain line breaks): accepted.
    post_comment(
        client, open_consultation, comment_data(body=("ế" * (rules.BODY_MAX - 2)) + "\r\nế", email="b@example.com")
    )
    assert Comment.objects.count() == 2


def test_after_the_deadline_the_comment_is_refused_and_handed_back(client, open_consultation, comment_data):
    data = comment_data()
    with freeze_time(open_consultation.closes_at + datetime.timedelta(seconds=1)):
        response = post_comment(client, open_consultation, data)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Góp ý chưa được gửi:</strong> dự thảo đã hết hạn nhận góp ý lúc" in html
    assert data["body"] in html  # in a read-only box, so it can be copied
    assert 'class="consultation-form"' not in html  # no form any more
    assert not Comment.objects.exists()


def test_before_opening_the_comment_is_refused(client, make_consultation, comment_data):
    today = timezone.localdate()
    upcoming = make_consultation(opens_on=today + datetime.timedelta(days=2))
    response = client.get(upcoming.url)
    assert "Dự thảo bắt đầu nhận góp ý từ ngày" in response.content.decode()
    assert 'class="consultation-form"' not in response.content.decode()
    response = post_comment(client, upcoming, comment_data())
    assert response.status_code == 409
    assert "chưa đến thời gian lấy ý kiến" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_deadline_is_checked_again_when_the_comment_is_stored(open_consultation):
    """The page said open, but the deadline passed (or was moved) before the write: refused,
    and nothing stored."""
    data = services.CommentInput(name="Lê Văn Hùng", email="hung@example.com", body="Góp ý gửi sát giờ hết hạn.")
    open_consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    open_consultation.save_revision().publish()
    stale = type(open_consultation).objects.get(pk=open_consultation.pk)
    stale.closes_at = timezone.now() + datetime.timedelta(days=1)  # what the request had loaded
    with pytest.raises(services.ConsultationClosed) as refused:
        services.comment_submit(consultation=stale, data=data, guard=FormCheck(()), ip="203.0.113.5")
    assert refused.value.phase == rules.Phase.CLOSED
    assert not Comment.objects.exists()


def test_unpublished_draft_takes_no_comment(open_consultation):
    open_consultation.unpublish()
    data = services.CommentInput(name="Lê Văn Hùng", email="hung@example.com", body="Góp ý cho dự thảo đã gỡ.")
    with pytest.raises(services.ConsultationClosed):
        services.comment_submit(consultation=open_consultation, data=data, guard=FormCheck(()), ip="203.0.113.5")


def test_other_methods_are_not_allowed(client, open_consultation):
    assert client.put(open_consultation.url).status_code == 405
    assert client.post(open_consultation.url).status_code in (403, 405)  # the page itself takes no POST
    assert client.get(comment_url(open_consultation)).status_code == 405
    assert client.post(open_consultation.url + "da-nhan-gop-y/").status_code == 405


# Anti-abuse: flagged for the moderators, stored, and the sender sees the same "received".


def _submit(client, consultation, data):
    response = post_comment(client, consultation, data)
    assert response.status_code == 302
    assert response["Location"].endswith("/da-nhan-gop-y/")
    return Comment.objects.order_by("-pk").first()


def test_honeypot_is_stored_and_flagged(client, open_consultation, comment_data):
    comment = _submit(client, open_consultation, comment_data(**{HONEYPOT_FIELD: "http://spam.example"}))
    assert comment.flags == ["honeypot"] and comment.suspicious


def test_too_fast_or_without_token_is_stored_and_flagged(client, open_consultation, comment_data, settings):
    settings.TOASOAN_FORM_MIN_SECONDS = 3
    comment = _submit(client, open_consultation, comment_data(**{STARTED_FIELD: form_token()}))
    assert comment.flags == ["too_fast"]
    comment = _submit(client, open_consultation, comment_data(**{STARTED_FIELD: "giả-mạo"}, email="x@example.com"))
    assert "token_invalid" in comment.flags


def test_rate_limit_per_ip_flags_the_extra_comments(client, open_consultation, comment_data):
    hourly = next(limit for limit in rules.RATE_LIMITS if limit.kind == "ip")
    for n in range(hourly.limit):
        comment = _submit(
            client,
            open_consultation,
            comment_data(email=f"nguoi{n}@example.com", body=f"Góp ý {n} cho điều {n} khoản {n} điểm {n} tiết {n}"),
        )
        assert comment.flags == [], n
    comment = _submit(
        client, open_consultation, comment_data(email="moi@example.com", body="Một ý kiến hoàn toàn mới.")
    )
    assert comment.flags == ["rate_ip"]
    # Another address is not affected.
    client2 = Client(REMOTE_ADDR="198.51.100.7")
    comment = _submit(
        client2, open_consultation, comment_data(email="khac@example.com", body="Ý kiến từ nơi khác nữa.")
    )
    assert comment.flags == []


def test_rate_limit_per_email_counts_across_addresses(open_consultation, comment_data):
    hourly = next(limit for limit in rules.RATE_LIMITS if limit.kind == "email")
    for n in range(hourly.limit + 1):
        client = Client(REMOTE_ADDR=f"198.51.100.{n + 1}")
        comment = _submit(
            client,
            open_consultation,
            comment_data(email="Cung.Mot@Example.com", body=f"Góp ý {n} cho điều {n} khoản {n} điểm {n} tiết {n}"),
        )
    assert comment.flags == ["rate_email"]
    assert Comment.objects.filter(suspicious=False).count() == hourly.limit


def test_rate_limit_window_passes(open_consultation):
    hourly = next(limit for limit in rules.RATE_LIMITS if limit.kind == "email")
    start = timezone.now()
    for n in range(hourly.limit):
        with freeze_time(start + datetime.timedelta(minutes=n)):
            services.comment_submit(
                consultation=open_consultation,
                data=services.CommentInput(name="A", email="a@example.com", body=f"Ý {n} điều {n} khoản {n} mục {n}"),
                guard=FormCheck(()),
                ip=f"198.51.100.{n}",
            )
    with freeze_time(start + hourly.window + datetime.timedelta(minutes=1)):
        later = services.comment_submit(
            consultation=open_consultation,
            data=services.CommentInput(name="A", email="a@example.com", body="Một góp ý sau hơn một giờ."),
            guard=FormCheck(()),
            ip="198.51.100.200",
        )
    assert later.flags == []


def test_near_duplicate_is_flagged_even_without_diacritics(client, open_consultation, comment_data):
    body = (
        "Đề nghị quy định rõ tiêu chí lựa chọn chuyên gia độc lập trong Hội đồng tư vấn xác định nhiệm vụ, "
        "ví dụ không có quan hệ công tác với tổ chức đề xuất trong ba năm gần nhất."
    )
    first = _submit(client, open_consultation, comment_data(body=body))
    assert first.flags == []
    copy = "de nghi quy dinh ro tieu chi lua chon chuyen gia doc lap trong hoi dong tu van xac dinh nhiem vu, " + (
        "vi du khong co quan he cong tac voi to chuc de xuat trong ba nam gan nhat!"
    )
    second = _submit(client, open_consultation, comment_data(body=copy, email="khac@example.com"))
    assert second.flags == ["near_duplicate"] and second.suspicious
    different = _submit(
        client,
        open_consultation,
        comment_data(body="Thời hạn nghiệm thu 90 ngày là hợp lý, đề nghị giữ nguyên.", email="ba@example.com"),
    )
    assert different.flags == []
