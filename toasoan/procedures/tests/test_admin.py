"""The admin: the import view (permission, upload, report, errors), lĩnh vực as a snippet, the page
editor's validation, and the groups' rights."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text

from toasoan.procedures.models import ProcedureField, ProcedurePage
from toasoan.trust.testing import staff_login

from .importing import csv_bytes, row, xlsx_bytes

PASSWORD = "mat-khau-that-dai-123"
IMPORT_URL = "/admin/thu-tuc-hanh-chinh/nhap/"


def make_user(username: str, group: str | None = None, **fields):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def upload(client, data: bytes, name: str, **fields):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data), **fields})


ROWS = [row("1.004227", "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ"), row("", "Thủ tục thiếu mã")]


@pytest.fixture
def approver(db):
    return make_user("lanhdao", "Lãnh đạo duyệt tin")


@pytest.fixture
def editor(db):
    return make_user("bientap", "Biên tập viên")


@pytest.fixture
def reporter(db):
    return make_user("phongvien", "Phóng viên")


def test_groups_get_the_import_permission(db):
    assert Group.objects.get(name="Biên tập viên").permissions.filter(codename="import_procedures").exists()
    assert Group.objects.get(name="Lãnh đạo duyệt tin").permissions.filter(codename="import_procedures").exists()
    assert not Group.objects.get(name="Phóng viên").permissions.filter(codename="import_procedures").exists()


def test_import_view_is_protected_by_the_permission(client, catalogue_page, reporter):
    assert client.get(IMPORT_URL).status_code == 302  # to the login page
    staff_login(client, reporter)
    assert client.get(IMPORT_URL).status_code in (302, 403)
    assert upload(client, csv_bytes(ROWS[:1]), "thu-tuc.csv").status_code in (302, 403)
    assert not ProcedurePage.objects.exists()


def menu_labels(client) -> dict[str, str]:
    """The admin sidebar's menu items (label -> URL), read from the props it renders from."""
    props = json.loads(soup_of(client.get("/admin/")).select_one("#wagtail-sidebar-props").string)
    labels: dict[str, str] = {}

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("label"), str):
                labels[node["label"]] = node.get("url", "")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return labels


def test_the_admin_menu_leads_to_the_import(client, catalogue_page, approver, reporter):
    staff_login(client, approver)
    labels = menu_labels(client)
    assert "Thủ tục hành chính" in labels and labels["Lĩnh vực"].startswith("/admin/snippets/procedures/")
    assert labels["Nhập thủ tục hành chính"] == IMPORT_URL
    staff_login(client, reporter)
    assert "Nhập thủ tục hành chính" not in menu_labels(client)


def test_an_approver_imports_and_publishes_and_sees_a_report(client, catalogue_page, approver):
    staff_login(client, approver)
    page = soup_of(client.get(IMPORT_URL))
    assert "Mã thủ tục" in page.get_text() and page.select_one("input[name=publish][checked]") is not None
    response = upload(client, csv_bytes(ROWS), "thu-tuc.csv", publish="on")
    assert response.status_code == 200
    soup = soup_of(response)
    assert "1 tạo mới" in soup.get_text() and "1 dòng lỗi" in soup.get_text()
    errors = [[text_of(td) for td in tr.select("td")] for tr in soup.select("tr.procedure-import-error")]
    assert errors == [["3", "—", "Thiếu mã thủ tục."]]
    procedure = ProcedurePage.objects.get(code="1.004227")
    assert procedure.live and procedure.owner == approver
    assert reverse("wagtailadmin_pages:edit", args=[procedure.pk]) in response.content.decode()


def test_an_approver_may_choose_drafts(client, catalogue_page, approver):
    staff_login(client, approver)
    upload(client, csv_bytes(ROWS[:1]), "thu-tuc.csv")  # the box unticked
    assert not ProcedurePage.objects.get(code="1.004227").live


def test_an_editor_imports_drafts_for_approval(client, catalogue_page, editor):
    staff_login(client, editor)
    page = soup_of(client.get(IMPORT_URL))
    assert page.select_one("input[name=publish]") is None
    assert "lưu nháp" in page.get_text()
    response = upload(client, xlsx_bytes(ROWS[:1]), "thu-tuc.xlsx", publish="on")  # a forged tick is ignored
    assert "1 tạo mới" in response.content.decode()
    procedure = ProcedurePage.objects.get(code="1.004227")
    assert not procedure.live and procedure.has_unpublished_changes


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "anh-chup.png", "không phải CSV hoặc Excel"),
        (b"%PDF-1.4", "cong-van.pdf", "không phải CSV hoặc Excel"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "gia-mao.csv", "không phải tệp văn bản CSV"),
        (b"khong phai zip", "gia-mao.xlsx", "không phải tệp Excel"),
        (b"", "rong.csv", "Tệp trống"),
        (b"Ten,Khac\nA,B\n", "sai-cot.csv", "Không tìm thấy dòng tiêu đề"),
    ],
)
def test_a_file_that_is_not_a_procedure_list_gets_a_vietnamese_error_by_the_field(
    client, catalogue_page, approver, data, name, message
):
    staff_login(client, approver)
    response = upload(client, data, name, publish="on")
    assert response.status_code == 200
    soup = soup_of(response)
    errors = text_of(soup.select_one("form")) if soup.select_one("form") else ""
    assert message in errors
    assert soup.select_one("input[name=publish][checked]") is not None  # what was chosen is kept
    assert not ProcedurePage.objects.exists()


def test_no_file_chosen(client, catalogue_page, approver):
    staff_login(client, approver)
    response = client.post(IMPORT_URL, {})
    assert "Hãy chọn tệp cần nhập." in response.content.decode()


def test_the_template_file_lists_the_columns_and_imports(client, catalogue_page, approver):
    staff_login(client, approver)
    response = client.get(IMPORT_URL + "tep-mau.csv")
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    header = next(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert header[:4] == ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện"]
    assert "1 tạo mới" in upload(client, response.content, "mau.csv", publish="on").content.decode()


def test_lĩnh_vực_is_a_snippet_in_vietnamese(client, approver, field_khcn):
    staff_login(client, approver)
    url = reverse("wagtailsnippets_procedures_procedurefield:list")
    response = client.get(url)
    assert response.status_code == 200 and "Hoạt động khoa học và công nghệ" in response.content.decode()
    response = client.post(reverse("wagtailsnippets_procedures_procedurefield:add"), {"name": "Sở hữu trí tuệ"})
    assert response.status_code == 302
    field = ProcedureField.objects.get(name="Sở hữu trí tuệ")
    assert field.slug == "so-huu-tri-tue"
    assert ModelLogEntry.objects.filter(object_id=str(field.pk), action="wagtail.create").exists()
    response = client.post(reverse("wagtailsnippets_procedures_procedurefield:add"), {"name": "Sở hữu trí tuệ"})
    assert "Đã có lĩnh vực với tên này." in response.content.decode()


def test_a_lĩnh_vực_in_use_cannot_be_deleted(client, approver, make_procedure, field_khcn):
    make_procedure("1.000001", "Một thủ tục", field_khcn)
    staff_login(client, approver)
    url = reverse("wagtailsnippets_procedures_procedurefield:delete", args=[field_khcn.pk])
    response = client.post(url)
    assert response.status_code in (200, 302, 400)
    assert ProcedureField.objects.filter(pk=field_khcn.pk).exists()


def page_form(procedure_data: dict) -> dict:
    base = {
        "title": "Cấp Giấy chứng nhận doanh nghiệp khoa học và công nghệ",
        "slug": "cap-giay-chung-nhan-doanh-nghiep-khoa-hoc-va-cong-nghe",
        "code": "1.004345",
        "field": "",
        "level": "tinh",
        "agency": "Sở Khoa học và Công nghệ",
        "service_level": "mot-phan",
        "portal_url": "",
        "steps": rich_text("<p>Bước 1.</p>"),
        "methods": rich_text(""),
        "dossier": rich_text(""),
        "processing_time": "07 ngày làm việc",
        "fees": "Không",
        "applicants": "Doanh nghiệp",
        "result": "",
        "legal_basis": rich_text(""),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    return nested_form_data({**base, **procedure_data})


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("quantri", password=PASSWORD)


def test_the_page_editor_checks_code_field_and_portal_link(client, catalogue_page, superuser, field_khcn):
    staff_login(client, superuser)
    url = reverse("wagtailadmin_pages:add", args=["procedures", "procedurepage", catalogue_page.pk])
    response = client.post(url, page_form({"code": "", "portal_url": "https://lua-dao.example.com/nop"}))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Liên kết dịch vụ công phải thuộc tên miền .gov.vn" in content
    assert not ProcedurePage.objects.exists()
    soup = soup_of(response)
    assert soup.select_one("input[name=agency]")["value"] == "Sở Khoa học và Công nghệ"  # nothing typed is lost

    response = client.post(url, page_form({"field": field_khcn.pk, "portal_url": "https://dichvucong.gov.vn/p/x"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    procedure = ProcedurePage.objects.get(code="1.004345")
    assert procedure.slug == "cap-giay-chung-nhan-doanh-nghiep-khoa-hoc-va-cong-nghe"

    response = client.post(url, page_form({"field": field_khcn.pk, "title": "Thủ tục khác", "slug": "khac"}))
    assert response.status_code == 200
    assert "Đã có thủ tục khác mang mã này." in response.content.decode()


def test_code_and_field_are_required_to_publish(client, catalogue_page, superuser):
    """A draft may be incomplete (Wagtail defers required fields on drafts); publishing may not."""
    staff_login(client, superuser)
    url = reverse("wagtailadmin_pages:add", args=["procedures", "procedurepage", catalogue_page.pk])
    response = client.post(url, {**page_form({"code": "", "field": ""}), "action-publish": "1"})
    assert response.status_code == 200 and not ProcedurePage.objects.exists()
    errors = response.context["form"].errors
    assert errors["code"] == ["Trường này là bắt buộc."] and errors["field"] == ["Trường này là bắt buộc."]


def test_copying_a_procedure_does_not_copy_its_code(client, superuser, make_procedure, field_khcn, catalogue_page):
    original = make_procedure("1.004227", "Thủ tục gốc", field_khcn)
    staff_login(client, superuser)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[original.pk]),
        {"new_title": "Thủ tục sao chép", "new_slug": "thu-tuc-sao-chep", "new_parent_page": catalogue_page.pk},
    )
    assert response.status_code == 302
    copy = ProcedurePage.objects.get(slug="thu-tuc-sao-chep")
    assert copy.code is None and not copy.live


def test_admin_page_search_finds_procedures_by_code(client, superuser, make_procedure, field_khcn):
    make_procedure("1.004227", "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", field_khcn)
    staff_login(client, superuser)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "1.004227"})
    assert response.status_code == 200
    assert "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ" in response.content.decode()
