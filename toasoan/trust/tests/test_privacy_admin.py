"""The admin page "Dữ liệu cá nhân" and the export/erase commands: superusers only, Vietnamese
messages, a confirmation step before erasure, identifiers never in URLs."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from toasoan.feedback.models import Submission
from toasoan.newsletter.models import Subscriber
from toasoan.trust.privacy import services
from toasoan.trust.testing import staff_login

from .privacy_people import everyone

pytestmark = pytest.mark.django_db
URL = "/admin/du-lieu-ca-nhan/"


@pytest.fixture
def people(client, settings, home, section, tmp_path):
    settings.TOASOAN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return everyone(client, settings, home, section)


@pytest.fixture
def editor(django_user_model, client):
    """Staff who may enter the admin (and edit everything else), but is not a superuser."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="bientap", password="mat-khau-rat-dai-123", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    staff_login(client, user)
    return client


def test_the_url_is_the_registered_one():
    assert reverse("trust_personal_data") == URL


def test_only_superusers(editor, client, people):
    assert editor.get(URL).status_code in (302, 403)
    response = editor.post(URL, {"action": "erase", "email": people[0].email, "confirm": "on"})
    assert response.status_code in (302, 403)
    assert Subscriber.objects.filter(pk=people[0].subscriber.pk).exists()
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page


def test_menu_item_only_for_superusers(admin_client, editor):
    assert URL in admin_client.get("/admin/").content.decode()
    assert URL not in editor.get("/admin/").content.decode()


def test_lookup_shows_what_each_app_holds(admin_client, people):
    an, binh, _ = people
    response = admin_client.post(URL, {"action": "lookup", "email": "", "phone": "+84 912 345 678"})
    html = response.content.decode()
    assert response.status_code == 200
    assert an.submission.code in html and binh.submission.code not in html
    assert "Ý kiến kèm đánh giá hài lòng" in html and "Tải dữ liệu (ZIP)" in html
    assert 'value="0912345678"' in html  # the next steps carry the normalised number, in the body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Hãy nhập thư điện tử hoặc số điện thoại"),
        ({"email": "khong-phai-email"}, "Địa chỉ thư điện tử không hợp lệ"),
        ({"phone": "12345"}, "Số điện thoại không hợp lệ"),
    ],
)
def test_bad_input_gets_a_vietnamese_message(admin_client, home, data, message):
    response = admin_client.post(URL, {"action": "lookup", **data})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_unknown_person(admin_client, home):
    html = admin_client.post(URL, {"action": "lookup", "email": "ai.do@example.vn"}).content.decode()
    assert "Không có dữ liệu nào về người này." in html


def test_export_downloads_a_zip(admin_client, people, admin_user):
    an, _, _ = people
    response = admin_client.post(URL, {"action": "export", "email": an.email})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="du-lieu-ca-nhan-')
    assert "no-store" in response["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert an.submission.code.encode() in archive.read("du-lieu-ca-nhan.json")
    assert ModelLogEntry.objects.get(action=services.EXPORT_ACTION).user == admin_user


def test_erasure_needs_the_confirmation_step(admin_client, people):
    an, _, _ = people
    html = admin_client.post(URL, {"action": "confirm", "email": an.email}).content.decode()
    assert "Xác nhận xóa" in html and 'value="erase"' in html
    response = admin_client.post(URL, {"action": "erase", "email": an.email})  # box not ticked
    assert response.status_code == 400
    assert "Hãy đánh dấu xác nhận trước khi xóa." in response.content.decode()
    assert Subscriber.objects.filter(pk=an.subscriber.pk).exists()


def test_erasure_after_confirmation(admin_client, people, admin_user, django_capture_on_commit_callbacks):
    an, binh, _ = people
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(URL, {"action": "erase", "email": an.email, "phone": an.phone, "confirm": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kết quả xóa dữ liệu cá nhân" in html and "Đã xóa dữ liệu cá nhân" in html
    assert not Subscriber.objects.filter(pk=an.subscriber.pk).exists()
    assert Submission.objects.get(pk=an.submission.pk).email == ""
    assert Submission.objects.get(pk=binh.submission.pk).email == binh.email
    assert ModelLogEntry.objects.get(action=services.ERASE_ACTION).user == admin_user


def test_log_actions_have_vietnamese_labels(admin_client, people):
    admin_client.post(URL, {"action": "export", "email": people[0].email})
    html = admin_client.get("/admin/reports/site-history/").content.decode()
    assert "Trích xuất dữ liệu cá nhân" in html or "Đã trích xuất dữ liệu cá nhân" in html


# Commands ---------------------------------------------------------------------------------------


def test_export_command_writes_a_private_zip(people, tmp_path):
    an, _, _ = people
    out = io.StringIO()
    call_command("export_personal_data", "--phone", "0912.345.678", "--output", str(tmp_path), stdout=out)
    [archive] = tmp_path.glob("du-lieu-ca-nhan-*.zip")
    assert archive.stat().st_mode & 0o077 == 0
    with zipfile.ZipFile(archive) as zipped:
        assert an.submission.code.encode() in zipped.read("du-lieu-ca-nhan.json")
    assert "Đã trích xuất" in out.getvalue()
    assert ModelLogEntry.objects.get(action=services.EXPORT_ACTION).user is None


def test_erase_command(people, django_capture_on_commit_callbacks):
    an, _, _ = people
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("erase_personal_data", "--email", an.email, "--yes", stdout=out)
    assert "Bản tin: đã xóa 1, đã ẩn danh 0" in out.getvalue()
    assert not Subscriber.objects.filter(pk=an.subscriber.pk).exists()


def test_erase_command_asks_first(people, monkeypatch):
    an, _, _ = people
    monkeypatch.setattr("builtins.input", lambda prompt: "không")
    with pytest.raises(CommandError, match="Đã hủy"):
        call_command("erase_personal_data", "--email", an.email, stdout=io.StringIO())
    assert Subscriber.objects.filter(pk=an.subscriber.pk).exists()


def test_commands_refuse_bad_input(db):
    with pytest.raises(CommandError, match="Hãy nhập thư điện tử hoặc số điện thoại"):
        call_command("erase_personal_data", "--yes")
    with pytest.raises(CommandError, match="Số điện thoại không hợp lệ"):
        call_command("export_personal_data", "--phone", "abc")
