"""The report "Nhật ký quản trị": who may read it, its filters, and its CSV export."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from toasoan.search.models import Abbreviation
from toasoan.trust.audit import csv_safety, permissions
from toasoan.trust.testing import staff_login

User = get_user_model()
URL = "/admin/nhat-ky-quan-tri/"
HEADERS = ["Thời điểm", "Người thực hiện", "Hành động", "Chi tiết", "Loại đối tượng", "Mã đối tượng", "Tên đối tượng"]


def _at(entry, day: datetime.date) -> None:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
    type(entry).objects.filter(pk=entry.pk).update(timestamp=moment)


@pytest.fixture
def people(db):
    editors = Group.objects.get(name="Biên tập viên")
    auditors = Group.objects.get(name=permissions.AUDITOR_GROUP)  # trust migration 0003
    made = {
        "root": User.objects.create_superuser("quantri", "quantri@example.gov.vn", "x"),
        "editor": User.objects.create_user("bientap", "bientap@example.gov.vn", "x", first_name="Lan", is_staff=True),
        "auditor": User.objects.create_user("kiemtra", "kiemtra@example.gov.vn", "x", first_name="Hùng"),
    }
    made["editor"].groups.add(editors)
    made["auditor"].groups.add(auditors)
    return made


@pytest.fixture
def log_entries(people, section):
    """Four entries on three days, by two people, on a snippet, a group and a page (and no others:
    the fixtures' own page creation is logged too)."""
    ModelLogEntry.objects.all().delete()
    PageLogEntry.objects.all().delete()
    cchc = Abbreviation.objects.create(short="KTNK", full="kiểm tra nhật ký")
    formula = Abbreviation.objects.create(short='=HYPERLINK("http://x.example")', full="công thức")
    group = Group.objects.get(name="Biên tập viên")
    made = {
        "snippet": log(cchc, "wagtail.create", user=people["editor"]),
        "formula": log(formula, "wagtail.edit", user=people["root"]),
        "group": log(group, "wagtail.edit", user=people["root"]),
        "page": log(section, "wagtail.publish", user=people["editor"]),
    }
    _at(made["snippet"], datetime.date(2026, 3, 2))
    _at(made["formula"], datetime.date(2026, 3, 5))
    _at(made["group"], datetime.date(2026, 3, 9))
    _at(made["page"], datetime.date(2026, 3, 9))
    return made


def _labels(client, **params) -> list[str]:
    response = client.get(reverse("trust_audit:results"), params)
    assert response.status_code == 200
    return [entry.label for entry in response.context["object_list"]]


class TestPermission:
    def test_superuser_and_auditor_read_everything(self, client, people, log_entries):
        for who in ("root", "auditor"):
            staff_login(client, people[who])
            response = client.get(URL)
            assert response.status_code == 200
            assert "Nhật ký quản trị" in response.content.decode()
            assert len(_labels(client)) == 4, who

    def test_editor_is_refused_page_and_export(self, client, people, log_entries):
        staff_login(client, people["editor"])
        for url in (URL, URL + "?export=csv", URL + "?export=xlsx", reverse("trust_audit:results")):
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert b"KTNK" not in response.content

    def test_anonymous_is_sent_to_login(self, client, log_entries):
        response = client.get(URL)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]

    def test_menu_item_only_for_those_who_may_read(self, client, people):
        staff_login(client, people["auditor"])
        assert URL in client.get("/admin/").content.decode()
        client.logout()
        staff_login(client, people["editor"])
        assert URL not in client.get("/admin/").content.decode()

    def test_permission_is_offered_in_the_group_editor(self, client, people):
        staff_login(client, people["root"])
        auditors = Group.objects.get(name=permissions.AUDITOR_GROUP)
        response = client.get(reverse("wagtailusers_groups:edit", args=[auditors.pk]))
        (permission,) = permissions.audit_permissions()
        assert f'value="{permission.pk}"' in response.content.decode()


class TestFilters:
    @pytest.fixture(autouse=True)
    def login(self, client, people):
        staff_login(client, people["auditor"])

    def test_date_range(self, client, log_entries):
        labels = _labels(client, timestamp_from="03/03/2026", timestamp_to="08/03/2026")
        assert labels == [log_entries["formula"].label]
        assert len(_labels(client, timestamp_from="09/03/2026")) == 2

    def test_user(self, client, people, log_entries):
        labels = _labels(client, user=people["editor"].pk)
        assert sorted(labels) == sorted([log_entries["snippet"].label, log_entries["page"].label])

    def test_action(self, client, log_entries):
        assert _labels(client, action="wagtail.publish") == [log_entries["page"].label]
        assert len(_labels(client, action=["wagtail.edit", "wagtail.create"])) == 3

    def test_object_type_covers_pages_and_other_models(self, client, log_entries, section):
        from django.contrib.contenttypes.models import ContentType

        snippet_type = ContentType.objects.get_for_model(Abbreviation)
        assert len(_labels(client, object_type=snippet_type.pk)) == 2
        page_type = ContentType.objects.get_for_model(type(section))
        assert _labels(client, object_type=page_type.pk) == [log_entries["page"].label]
        all_pages = ContentType.objects.get_for_model(Page)
        assert _labels(client, object_type=all_pages.pk) == [log_entries["page"].label]

    def test_a_value_that_does_not_validate_shows_nothing(self, client, log_entries):
        assert _labels(client, user=999999) == []
        assert _labels(client, timestamp_from="không phải ngày") == []

    def test_text_search(self, client, log_entries):
        assert _labels(client, q="ktnk") == [log_entries["snippet"].label]
        assert sorted(_labels(client, q="bientap")) == sorted([log_entries["snippet"].label, log_entries["page"].label])
        assert _labels(client, q="Biên tập") == ["Biên tập viên"]

    def test_filters_combine(self, client, people, log_entries):
        labels = _labels(client, user=people["root"].pk, timestamp_from="09/03/2026")
        assert labels == ["Biên tập viên"]


class TestCsvExport:
    def _csv(self, client, **params) -> bytes:
        response = client.get(URL, {"export": "csv", **params})
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].startswith('attachment; filename="nhat-ky-quan-tri-')
        return b"".join(response.streaming_content)

    def test_bom_vietnamese_headers_and_a_row_per_entry(self, client, people, log_entries):
        staff_login(client, people["root"])
        body = self._csv(client)
        assert body.startswith(csv_safety.BOM)
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert rows[0] == HEADERS
        assert len(rows) == 1 + ModelLogEntry.objects.count() + PageLogEntry.objects.count()
        by_label = {row[6]: row for row in rows[1:]}
        page = by_label[log_entries["page"].label]
        assert page[0] == "09/03/2026 09:30:00"
        assert page[1] == "Lan"
        assert page[2] == "Xuất bản"
        assert page[5] == str(log_entries["page"].page_id)

    def test_export_follows_the_filters(self, client, people, log_entries):
        staff_login(client, people["root"])
        rows = list(csv.reader(io.StringIO(self._csv(client, action="wagtail.publish").decode("utf-8-sig"))))
        assert [row[6] for row in rows[1:]] == [log_entries["page"].label]

    def test_formulas_are_escaped(self, client, people, log_entries):
        staff_login(client, people["root"])
        rows = list(csv.reader(io.StringIO(self._csv(client).decode("utf-8-sig"))))
        labels = [row[6] for row in rows[1:]]
        assert log_entries["formula"].label.startswith("=")
        assert "'" + log_entries["formula"].label in labels
        for row in rows[1:]:
            for cell in row:
                assert not cell.startswith(csv_safety.FORMULA_STARTS), cell

    def test_xlsx_has_the_same_headers_and_vietnam_time(self, client, people, log_entries):
        from openpyxl import load_workbook

        staff_login(client, people["root"])
        response = client.get(URL, {"export": "xlsx", "action": "wagtail.publish"})
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == HEADERS
        assert rows[1][0] == datetime.datetime(2026, 3, 9, 9, 30)
        assert rows[1][6] == log_entries["page"].label

    @pytest.mark.parametrize(
        "value, expected",
        [
            ("=1+1", "'=1+1"),
            ("+84 912", "'+84 912"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("Nguyễn Văn An", "Nguyễn Văn An"),
            ("", ""),
            (42, 42),
        ],
    )
    def test_escape(self, value, expected):
        assert csv_safety.escape(value) == expected


def test_entries_are_kept_when_the_object_and_the_user_are_deleted(client, people, log_entries):
    """Retention: nothing in the admin deletes entries; deleting what they describe keeps them,
    and the report still names the deleted user by id."""
    Abbreviation.objects.filter(short="KTNK").delete()
    editor_id = people["editor"].pk
    people["editor"].delete()
    assert ModelLogEntry.objects.filter(pk=log_entries["snippet"].pk, user_id=editor_id).exists()
    staff_login(client, people["root"])
    body = b"".join(client.get(URL, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    (row,) = [r for r in csv.reader(io.StringIO(body)) if r[6] == log_entries["snippet"].label]
    assert str(editor_id) in row[1]


def test_the_auditor_group_reads_the_log_and_changes_nothing(db):
    auditors = Group.objects.get(name=permissions.AUDITOR_GROUP)
    assert sorted(auditors.permissions.values_list("content_type__app_label", "codename")) == [
        ("wagtailadmin", "access_admin"),
        ("wagtailcore", "view_modellogentry"),
    ]
