"""Finding and exporting one person's data across apps (toasoan/trust/privacy, core.personal_data)."""

import csv
import io
import json
import zipfile

import pytest
from wagtail.models import ModelLogEntry

from toasoan.core import abuse, personal_data
from toasoan.core.personal_data import Person
from toasoan.trust.privacy import selectors, services

from .privacy_people import PDF, everyone

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(client, settings, home, section, tmp_path):
    settings.TOASOAN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return everyone(client, settings, home, section)


def counts(person: Person) -> dict[str, int]:
    return {item.name: item.holding.count for item in selectors.holdings(person)}


def test_every_app_registers_a_source():
    assert {source.name for source in personal_data.sources()} >= {"feedback", "consultation", "newsletter", "surveys"}


def test_found_by_email_in_any_case(people):
    assert counts(Person.from_input(email="  AN.NGUYEN@example.VN ")) == {
        "feedback": 1,
        "consultation": 1,
        "newsletter": 1,
        "surveys": 0,  # the rating comment names the phone, not the email
    }


@pytest.mark.parametrize("phone", ["0912345678", "0912 345 678", "+84 912.345.678", "84912345678", "(091) 234-5678"])
def test_found_by_phone_in_any_writing(people, phone):
    assert counts(Person.from_input(phone=phone)) == {"feedback": 1, "consultation": 0, "newsletter": 0, "surveys": 1}


def test_summary_lines_name_records_not_other_people(people):
    an, binh, _ = people
    found = selectors.holdings(Person.from_input(email=an.email, phone=an.phone))
    text = " ".join(line for item in found for line in item.holding.lines)
    assert an.submission.code in text and "1 tệp đính kèm" in text
    assert binh.submission.code not in text


def test_nobody_found_for_an_unknown_person(people):
    assert selectors.total(selectors.holdings(Person.from_input(email="ai.do@example.vn", phone="0399999999"))) == 0


def test_export_zip_holds_everything_about_the_person_and_nothing_of_others(people, admin_user):
    an, binh, _ = people
    archive = services.export_archive(person=Person.from_input(email=an.email, phone="+84912345678"), user=admin_user)
    assert archive.filename.endswith(".zip")
    assert archive.counts == {"feedback": 2, "consultation": 1, "newsletter": 2, "surveys": 1}
    with zipfile.ZipFile(io.BytesIO(archive.content)) as zipped:
        names = set(zipped.namelist())
        document = json.loads(zipped.read("du-lieu-ca-nhan.json").decode("utf-8"))
        raw = b"".join(zipped.read(name) for name in names)
        attachment = zipped.read(f"phan-anh/{an.submission.code}/1-ho-so.pdf")
        feedback_csv = zipped.read("feedback-phan_anh_kien_nghi.csv")
    assert attachment == PDF
    assert {"doc-truoc.txt", "du-lieu-ca-nhan.json", "newsletter-dong_y_nhan_ban_tin.csv"} <= names
    data = document["dữ liệu"]
    row = data["feedback"]["phan_anh_kien_nghi"][0]
    assert row["mã tra cứu"] == an.submission.code and row["họ và tên"] == "Nguyễn Văn An"
    assert row["số điện thoại"] == "0912345678" and row["nội dung đồng ý"]
    assert data["consultation"]["gop_y_du_thao"][0]["cơ quan, tổ chức"] == "Hội Khoa học"
    assert data["newsletter"]["dong_y_nhan_ban_tin"][0]["biểu mẫu thu thập"] == "/ban-tin/dang-ky/"
    assert "0912-345-678" in data["surveys"]["y_kien_danh_gia"][0]["ý kiến thêm"]
    # UTF-8 CSV with a BOM (Excel reads the Vietnamese), one row per record.
    assert feedback_csv.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(feedback_csv.decode("utf-8-sig"))))
    assert [r["mã tra cứu"] for r in rows] == [an.submission.code]
    # Nothing of Bình.
    for value in (binh.email, binh.name, binh.submission.code, "0987654321", "0987.654.321"):
        assert value.encode() not in raw


def test_export_is_logged_without_personal_data(people, admin_user):
    an, _, _ = people
    person = Person.from_input(email=an.email, phone=an.phone)
    services.export_archive(person=person, user=admin_user)
    entry = ModelLogEntry.objects.get(action=services.EXPORT_ACTION)
    assert entry.user == admin_user and entry.label == "Dữ liệu cá nhân"
    assert entry.data["email_hash"] == abuse.keyed_hash("personal_data", "an.nguyen@example.vn")
    assert entry.data["phone_hash"] == abuse.keyed_hash("personal_data", "0912345678")
    stored = json.dumps(entry.data, ensure_ascii=False) + entry.label
    for value in ("an.nguyen", "0912345678", "Nguyễn Văn An"):
        assert value not in stored.lower()


def test_csv_cells_cannot_run_as_formulas():
    assert (
        services._csv([{"a": "=HYPERLINK(1)", "b": "+1", "c": "bình thường"}]).decode("utf-8-sig").splitlines()[1]
        == "'=HYPERLINK(1),'+1,bình thường"
    )
