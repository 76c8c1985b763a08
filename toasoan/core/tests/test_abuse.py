import time

from django.test import RequestFactory, override_settings
from freezegun import freeze_time

from toasoan.core import abuse


def test_a_person_filling_the_form_passes():
    with freeze_time("2026-11-27 08:00:00"):
        token = abuse.form_token()
    with freeze_time("2026-11-27 08:00:30"):
        assert abuse.check_form({abuse.STARTED_FIELD: token, abuse.HONEYPOT_FIELD: ""}).reasons == ()


def test_bot_signs_are_reported():
    with freeze_time("2026-11-27 08:00:00"):
        token = abuse.form_token()
        assert abuse.check_form({abuse.STARTED_FIELD: token}).reasons == ("too_fast",)
        assert "honeypot" in abuse.check_form({abuse.STARTED_FIELD: token, abuse.HONEYPOT_FIELD: "x"}).reasons
    assert abuse.check_form({}).reasons == ("token_invalid",)
    assert abuse.check_form({abuse.STARTED_FIELD: token[:-1] + "x"}).reasons == ("token_invalid",)
    with freeze_time("2026-11-29 08:00:00"):
        assert abuse.check_form({abuse.STARTED_FIELD: token}).reasons == ("token_expired",)


def test_form_token_age_is_real_time():
    token = abuse.form_token()
    assert abuse.check_form({abuse.STARTED_FIELD: token}, min_seconds=0).reasons == ()
    time.sleep(0.01)
    assert abuse.check_form({abuse.STARTED_FIELD: token}, min_seconds=60).reasons == ("too_fast",)


@override_settings(TOASOAN_TRUSTED_PROXIES=["127.0.0.1"])
def test_client_ip_believes_only_trusted_proxies():
    factory = RequestFactory()
    direct = factory.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert abuse.client_ip(direct) == "203.0.113.9"
    proxied = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert abuse.client_ip(proxied) == "198.51.100.7"  # the entry our nginx added
    junk = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert abuse.client_ip(junk) == "127.0.0.1"


def test_keyed_hash_normalises_and_separates_kinds():
    assert abuse.keyed_hash("email", " An@Example.vn ") == abuse.keyed_hash("email", "an@example.vn")
    assert abuse.keyed_hash("email", "an@example.vn") != abuse.keyed_hash("ip", "an@example.vn")
    assert "example" not in abuse.keyed_hash("email", "an@example.vn")


def test_near_duplicates_ignore_diacritics_case_and_small_edits():
    text = "Đề nghị Sở hướng dẫn thủ tục cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ cho doanh nghiệp"
    retyped = (
        "de nghi so huong dan thu tuc cap giay chung nhan dang ky hoat dong khoa hoc va cong nghe cho doanh nghiep!"
    )
    other = "Xin hỏi lịch tiếp công dân của lãnh đạo Sở trong tháng này như thế nào"
    assert abuse.similarity(text, retyped) == 1.0
    assert abuse.is_near_duplicate(retyped, [other, text])
    assert not abuse.is_near_duplicate(text, [other])
    assert abuse.similarity("", "") == 1.0 and abuse.similarity("a b c", "") == 0.0
