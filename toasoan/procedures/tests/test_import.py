"""Importing procedure lists: CSV and Excel, every bad row with its reason, idempotent re-imports."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import PageLogEntry

from toasoan.procedures import services
from toasoan.procedures.models import ProcedureField, ProcedurePage

from .importing import HEADERS, PORTAL, csv_bytes, row, xlsx_bytes

GOOD = [
    row("1.004227", "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ"),
    row("1.004216", "Cấp lại Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", **{"Mức độ": "Một phần"}),
    row(
        "1.004521",
        "Cấp giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế",
        **{"Lĩnh vực": "Năng lượng nguyên tử, an toàn bức xạ và hạt nhân", "Mức độ": "", "Liên kết dịch vụ công": ""},
    ),
]


def run(data: bytes, filename: str = "thu-tuc.csv", **kwargs) -> services.ImportReport:
    return services.procedures_import(data=data, filename=filename, **kwargs)


def reasons(report: services.ImportReport) -> dict[int, str]:
    return {error.row_number: error.message for error in report.errors}


@pytest.mark.parametrize("make, filename", [(csv_bytes, "thu-tuc.csv"), (xlsx_bytes, "thu-tuc.xlsx")])
def test_import_creates_published_procedures(catalogue_page, make, filename):
    report = run(make(GOOD), filename, publish=True)
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged, report.data_rows) == (3, 0, 0, 3)
    procedure = ProcedurePage.objects.get(code="1.004227")
    assert procedure.live and not procedure.has_unpublished_changes
    assert procedure.get_parent().pk == catalogue_page.pk
    assert procedure.title == "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ"
    assert procedure.slug == "cap-giay-chung-nhan-dang-ky-hoat-dong-khoa-hoc-va-cong-nghe"
    assert procedure.field.name == "Hoạt động khoa học và công nghệ"
    assert procedure.level == "tinh" and procedure.service_level == "toan-trinh"
    assert procedure.portal_url == PORTAL + "1.004227"
    assert procedure.steps == "<p>Bước 1: Nộp hồ sơ.</p><p>Bước 2: Nhận kết quả.</p>"
    assert procedure.dossier == "<ul><li>Đơn đăng ký</li><li>Quyết định thành lập</li></ul><p>Số lượng hồ sơ: 01 bộ</p>"
    assert procedure.processing_time == "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"
    assert ProcedurePage.objects.get(code="1.004216").service_level == "mot-phan"
    xray = ProcedurePage.objects.get(code="1.004521")
    assert xray.service_level == "" and xray.portal_url == ""
    assert xray.field.name == "Năng lượng nguyên tử, an toàn bức xạ và hạt nhân"  # unknown lĩnh vực: created
    assert ProcedureField.objects.count() == 2


def test_without_publish_rights_imports_are_drafts_for_approval(catalogue_page, client):
    report = run(csv_bytes(GOOD))
    assert report.created == 3
    procedure = ProcedurePage.objects.get(code="1.004227")
    assert not procedure.live and procedure.has_unpublished_changes
    assert procedure.get_latest_revision() is not None
    assert "Cấp Giấy chứng nhận" not in client.get("/thu-tuc-hanh-chinh/").content.decode()
    # Importing the same file with publishing publishes the drafts: nothing new is created.
    report = run(csv_bytes(GOOD), publish=True)
    assert (report.created, report.updated) == (0, 3)
    assert ProcedurePage.objects.live().count() == 3


def test_reimporting_the_same_file_changes_nothing(catalogue_page):
    run(csv_bytes(GOOD), publish=True)
    revisions = {p.pk: p.latest_revision_id for p in ProcedurePage.objects.all()}
    report = run(csv_bytes(GOOD), publish=True)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert ProcedurePage.objects.count() == 3
    assert {p.pk: p.latest_revision_id for p in ProcedurePage.objects.all()} == revisions
    # The Excel version of the same list is the same list.
    assert run(xlsx_bytes(GOOD), "thu-tuc.xlsx", publish=True).unchanged == 3


def test_reimporting_updates_changed_rows_only(catalogue_page):
    run(csv_bytes(GOOD), publish=True)
    changed = [GOOD[0], {**GOOD[1], "Phí, lệ phí": "500.000 đồng/hồ sơ"}, GOOD[2]]
    report = run(csv_bytes(changed), publish=True)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert [r.code for r in report.results if r.action == "updated"] == ["1.004216"]
    assert ProcedurePage.objects.get(code="1.004216").fees == "500.000 đồng/hồ sơ"


def test_an_update_without_publish_rights_waits_for_approval(catalogue_page):
    run(csv_bytes(GOOD), publish=True)
    changed = [{**GOOD[0], "Phí, lệ phí": "500.000 đồng/hồ sơ"}]
    report = run(csv_bytes(changed))
    assert report.updated == 1
    procedure = ProcedurePage.objects.get(code="1.004227")
    assert procedure.live and procedure.fees == "Không"  # the public still sees the approved version
    assert procedure.has_unpublished_changes
    assert procedure.get_latest_revision_as_object().fees == "500.000 đồng/hồ sơ"


BAD_ROWS = [
    (row("", "Thủ tục không mã"), "Thiếu mã thủ tục."),
    (row("1.000002", ""), "Thiếu tên thủ tục."),
    (row("1.000003", "Thủ tục thiếu lĩnh vực", **{"Lĩnh vực": ""}), "Thiếu lĩnh vực."),
    (row("1.000004", "Thủ tục thiếu cấp", **{"Cấp thực hiện": ""}), "Thiếu cấp thực hiện"),
    (row("1.000005", "Thủ tục cấp bộ", **{"Cấp thực hiện": "Cấp bộ"}), "Cấp thực hiện “Cấp bộ” không hợp lệ"),
    (row("1.000006", "Thủ tục mức độ lạ", **{"Mức độ": "Mức độ 9"}), "Mức độ “Mức độ 9” không hợp lệ"),
    (row("1.000007", "Thủ tục liên kết hỏng", **{"Liên kết dịch vụ công": "dichvucong"}), "không phải địa chỉ web"),
    (
        row("1.000008", "Thủ tục liên kết lạ", **{"Liên kết dịch vụ công": "https://dichvucong-gia.com/nop"}),
        "phải thuộc tên miền .gov.vn",
    ),
    (row("1.000009", "Thủ tục liên kết js", **{"Liên kết dịch vụ công": "javascript:alert(1)"}), "không phải địa chỉ"),
    (row("1 000 010", "Thủ tục mã có dấu cách"), "Mã thủ tục chỉ gồm chữ, số"),
    (row("1." + "0" * 40, "Thủ tục mã dài"), "Mã thủ tục dài quá 32 ký tự."),
    (row("1.000012", "T" * 300), "Tên thủ tục dài quá 255 ký tự."),
]


@pytest.mark.parametrize("make, filename", [(csv_bytes, "thu-tuc.csv"), (xlsx_bytes, "thu-tuc.xlsx")])
def test_every_bad_row_is_reported_with_its_reason_and_the_good_ones_import(catalogue_page, make, filename):
    rows = [GOOD[0], *[bad for bad, _ in BAD_ROWS], GOOD[1]]
    report = run(make(rows), filename, publish=True)
    found = reasons(report)
    # Row 1 is the header: the first bad row is row 3.
    for number, (_, reason) in enumerate(BAD_ROWS, start=3):
        assert reason in found.get(number, ""), (number, reason, found.get(number))
    assert len(report.errors) == len(BAD_ROWS)
    assert report.created == 2
    assert set(ProcedurePage.objects.values_list("code", flat=True)) == {"1.004227", "1.004216"}
    assert not report.ok


def test_a_row_with_several_problems_gets_every_reason(catalogue_page):
    report = run(csv_bytes([row("", "", **{"Lĩnh vực": "", "Cấp thực hiện": "trung ương"})]))
    assert report.errors[0].reasons == [
        "Thiếu mã thủ tục.",
        "Thiếu tên thủ tục.",
        "Thiếu lĩnh vực.",
        "Cấp thực hiện “trung ương” không hợp lệ: chỉ nhận Cấp tỉnh, Cấp huyện hoặc Cấp xã.",
    ]


def test_a_code_repeated_in_the_file_imports_none_of_its_rows(catalogue_page):
    rows = [GOOD[0], row("1.004216", "Bản thứ nhất"), GOOD[2], row("1.004216", "Bản thứ hai")]
    report = run(csv_bytes(rows), publish=True)
    found = reasons(report)
    assert set(found) == {3, 5}
    assert "Mã thủ tục “1.004216” bị trùng ở các dòng 3, 5" in found[3]
    assert "Mã thủ tục “1.004216” bị trùng ở các dòng 3, 5" in found[5]
    assert not ProcedurePage.objects.filter(code="1.004216").exists()
    assert report.created == 2


@pytest.mark.parametrize(
    "headers",
    [
        [h.upper() for h in HEADERS],
        "ma thu tuc|ten thu tuc|linh vuc|cap thuc hien|co quan thuc hien|trinh tu thuc hien|cach thuc thuc hien|"
        "thanh phan ho so|thoi han giai quyet|phi le phi|doi tuong thuc hien|ket qua thuc hien|can cu phap ly|"
        "muc do|lien ket dich vu cong".split("|"),
        "Mã TTHC|Tên thủ tục hành chính|Lĩnh Vực|Cấp|Cơ quan giải quyết|Trình tự|Cách thức|"
        "Thành phần, số lượng hồ sơ|Thời gian giải quyết|Phí và lệ phí|Đối tượng|Kết quả|Căn cứ|Mức độ DVC|"
        "Đường dẫn".split("|"),
    ],
)
def test_header_variants_are_recognised(catalogue_page, headers):
    rows = [{new: values[old] for old, new in zip(HEADERS, headers, strict=True)} for values in GOOD]
    report = run(csv_bytes(rows, headers=headers), publish=True)
    assert report.ok and report.created == 3, report.errors
    procedure = ProcedurePage.objects.get(code="1.004227")
    assert procedure.fees == "Không" and procedure.portal_url == PORTAL + "1.004227"
    assert procedure.legal_basis == "<ul><li>Luật Khoa học và Công nghệ số 29/2013/QH13</li></ul>"


def test_title_rows_an_stt_column_and_unknown_columns(catalogue_page):
    headers = ["STT", *HEADERS, "Ghi chú"]
    rows = [{"STT": str(n), "Ghi chú": "x", **values} for n, values in enumerate(GOOD, 1)]
    before = [["UBND TỈNH THỪA THIÊN HUẾ"], ["DANH MỤC THỦ TỤC HÀNH CHÍNH"], []]
    report = run(xlsx_bytes(rows, headers=headers, before=before), "danh-muc.xlsx", publish=True)
    assert report.ok and report.created == 3
    assert report.header_row == 4
    assert report.warnings == ["Các cột sau không được dùng: “Ghi chú”."]
    bad = [*rows, {**rows[0], "Mã thủ tục": "1.000001", "Tên thủ tục": ""}]
    report = run(xlsx_bytes(bad, headers=headers, before=before), "danh-muc.xlsx", publish=True)
    assert list(reasons(report)) == [8]  # numbered as Excel numbers the row


def test_semicolon_separated_csv_from_vietnamese_excel(catalogue_page):
    report = run(csv_bytes(GOOD, delimiter=";"), publish=True)
    assert report.ok and report.created == 3
    assert ProcedurePage.objects.get(code="1.004227").fees == "Không"


def test_csv_rows_are_numbered_as_excel_shows_them(catalogue_page):
    rows = [GOOD[0], GOOD[1], row("1.000001", "")]  # the good rows have cells with line breaks
    assert csv_bytes(rows).count(b"\n") > 10
    (error,) = run(csv_bytes(rows)).errors
    assert error.row_number == 4  # header, two good rows, then this one


def test_utf8_with_bom_and_windows_line_endings(catalogue_page):
    data = "\ufeff".encode() + csv_bytes(GOOD).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    report = run(data, publish=True)
    assert report.ok and report.created == 3
    assert ProcedurePage.objects.get(code="1.004227").steps == "<p>Bước 1: Nộp hồ sơ.</p><p>Bước 2: Nhận kết quả.</p>"


@pytest.mark.parametrize(
    "data, filename, message",
    [
        (b"", "thu-tuc.csv", "Tệp trống"),
        (b"  \n\n", "thu-tuc.csv", "Tệp trống"),
        (csv_bytes([]), "thu-tuc.csv", "không có thủ tục nào để nhập"),
        ("Tên thủ tục,Lĩnh vực\nA,B\n".encode(), "thu-tuc.csv", "Không tìm thấy dòng tiêu đề"),
        ("Mã thủ tục,Tên thủ tục\n1.0001,A\n".encode(), "a.csv", "Thiếu cột bắt buộc: “Lĩnh vực”, “Cấp thực hiện”"),
        (csv_bytes(GOOD).decode().encode("cp1252", errors="replace"), "thu-tuc.csv", "bảng mã UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "anh.csv", "không phải tệp văn bản CSV"),
        (b"%PDF-1.4 ...", "cong-van.pdf", "Chỉ nhận tệp CSV"),
        (b"not a zip", "thu-tuc.xlsx", "không phải tệp Excel"),
        (b"PK\x03\x04 broken zip", "thu-tuc.xlsx", "không phải tệp Excel"),
        (b"\xd0\xcf\x11\xe0", "thu-tuc.xls", "Excel 97–2003"),
    ],
)
def test_files_that_cannot_be_imported(catalogue_page, data, filename, message):
    report = run(data, filename, publish=True)
    assert message in report.file_error
    assert not report.ok and report.results == []
    assert ProcedurePage.objects.count() == 0


def test_duplicated_header_column_is_a_file_error(catalogue_page):
    report = run(csv_bytes(GOOD, headers=[*HEADERS[:-1], "Lĩnh vực"]))
    assert "Cột “Lĩnh vực” xuất hiện hai lần" in report.file_error


def test_numeric_codes_in_excel_are_refused_not_silently_truncated(catalogue_page):
    rows = [{**GOOD[0], "Mã thủ tục": 1.00422}, {**GOOD[1], "Mã thủ tục": 2002}]
    report = run(xlsx_bytes(rows), "thu-tuc.xlsx", publish=True)
    assert "định dạng cột “Mã thủ tục” là Văn bản" in reasons(report)[2]
    assert ProcedurePage.objects.get(code="2002")  # a whole number is unambiguous


def test_lĩnh_vực_written_without_diacritics_matches_the_existing_one(catalogue_page, field_khcn):
    rows = [{**GOOD[0], "Lĩnh vực": "HOAT DONG KHOA HOC VA CONG NGHE"}]
    run(csv_bytes(rows), publish=True)
    assert ProcedurePage.objects.get(code="1.004227").field == field_khcn
    assert ProcedureField.objects.count() == 1


def test_old_service_level_scale_and_level_spellings(catalogue_page):
    rows = [
        {**GOOD[0], "Mức độ": "Mức độ 4", "Cấp thực hiện": "cap tinh"},
        {**GOOD[1], "Mức độ": "3", "Cấp thực hiện": "Cấp Huyện"},
        {**GOOD[2], "Mức độ": "Mức độ 2", "Cấp thực hiện": "Xã"},
    ]
    assert run(csv_bytes(rows), publish=True).ok
    levels = dict(ProcedurePage.objects.values_list("code", "service_level"))
    assert levels == {"1.004227": "toan-trinh", "1.004216": "mot-phan", "1.004521": ""}
    assert ProcedurePage.objects.get(code="1.004521").level == "xa"


def test_cells_are_escaped_not_trusted_as_html(catalogue_page):
    rows = [{**GOOD[0], "Trình tự thực hiện": "<script>alert(1)</script> & <b>đậm</b>"}]
    run(csv_bytes(rows), publish=True)
    steps = ProcedurePage.objects.get(code="1.004227").steps
    assert steps == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;</p>"


def test_a_locked_page_is_reported_and_the_rest_imports(catalogue_page, django_user_model):
    run(csv_bytes(GOOD), publish=True)
    editor = django_user_model.objects.create_user("bientap", password="x")
    ProcedurePage.objects.filter(code="1.004216").update(locked=True, locked_by=editor)
    changed = [{**values, "Phí, lệ phí": "100.000 đồng"} for values in GOOD]
    report = run(csv_bytes(changed), publish=True)
    assert reasons(report) == {3: "Thủ tục đang bị khóa trong trang quản trị nên chưa được cập nhật."}
    assert report.updated == 2
    assert ProcedurePage.objects.get(code="1.004216").fees == "Không"


def test_import_without_a_catalogue_page_says_what_to_do(home):
    report = run(csv_bytes(GOOD), publish=True)
    assert "Chưa có trang “Danh mục thủ tục hành chính”" in report.file_error


def test_imports_are_in_the_audit_log(catalogue_page, django_user_model):
    user = django_user_model.objects.create_superuser("lanhdao", password="x")
    run(csv_bytes(GOOD), user=user, publish=True)
    entry = PageLogEntry.objects.filter(action=services.IMPORT_ACTION).get()
    assert entry.page_id == catalogue_page.pk and entry.user == user
    assert entry.data["created"] == 3 and entry.data["filename"] == "thu-tuc.csv"
    assert entry.message == "Nhập tệp “thu-tuc.csv”: 3 tạo mới, 0 cập nhật (xuất bản), 0 không đổi, 0 dòng lỗi"
    procedure = ProcedurePage.objects.get(code="1.004227")
    actions = set(PageLogEntry.objects.filter(page=procedure).values_list("action", flat=True))
    assert {"wagtail.create", "wagtail.publish"} <= actions
    assert PageLogEntry.objects.filter(page=procedure, action="wagtail.create").get().user == user
    # One import, one id: the history shows its entries together.
    entries = PageLogEntry.objects.filter(user=user)
    assert entries.count() == 7  # 3 created, 3 published, the import
    assert entries.values("uuid").distinct().count() == 1
    run(b"", user=user)
    failed = PageLogEntry.objects.filter(action=services.IMPORT_ACTION).order_by("-pk").first()
    assert failed.message.startswith("Nhập tệp “thu-tuc.csv” không thành công: Tệp trống")


def test_management_command(catalogue_page, tmp_path, capsys):
    path = tmp_path / "thu-tuc.xlsx"
    path.write_bytes(xlsx_bytes(GOOD))
    call_command("import_procedures", str(path), "--publish")
    out = capsys.readouterr().out
    assert "3 tạo mới" in out and ProcedurePage.objects.live().count() == 3
    call_command("import_procedures", str(path))
    assert "3 không đổi" in capsys.readouterr().out
    bad = tmp_path / "loi.csv"
    bad.write_bytes(csv_bytes([*GOOD, row("", "Không mã")]))
    with pytest.raises(CommandError, match="1 dòng lỗi"):
        call_command("import_procedures", str(bad))
    assert "Dòng 5 (không mã): Thiếu mã thủ tục." in capsys.readouterr().err
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_procedures", str(tmp_path / "khong-co.csv"))
    empty = tmp_path / "rong.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="Tệp trống"):
        call_command("import_procedures", str(empty))


def test_the_demo_file_imports_cleanly(catalogue_page):
    from toasoan.procedures.demo import DEMO_FILE

    report = run(DEMO_FILE.read_bytes(), DEMO_FILE.name, publish=True)
    assert report.ok, [e.message for e in report.errors]
    assert report.created == 13 and report.header_row == 2
    assert ProcedureField.objects.count() == 4


def test_a_file_with_fewer_columns_leaves_the_other_fields_alone(catalogue_page):
    run(csv_bytes(GOOD), publish=True)
    headers = ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện", "Phí, lệ phí"]
    rows = [{**GOOD[0], "Phí, lệ phí": "500.000 đồng/hồ sơ"}, GOOD[1]]
    report = run(csv_bytes(rows, headers=headers), publish=True)
    assert (report.updated, report.unchanged) == (1, 1)
    procedure = ProcedurePage.objects.get(code="1.004227")
    assert procedure.fees == "500.000 đồng/hồ sơ"
    assert procedure.steps == "<p>Bước 1: Nộp hồ sơ.</p><p>Bước 2: Nhận kết quả.</p>"
    assert procedure.portal_url == PORTAL + "1.004227" and procedure.service_level == "toan-trinh"
