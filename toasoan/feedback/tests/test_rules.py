"""Pure rules: tracking codes, phone numbers, file types by content, working days, masking."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError

from .. import codes
from ..masking import EMAIL, NAME, NUMBER, PHONE, mask_personal_data
from ..validators import DOCX, JPEG, PDF, PNG, XLSX, file_kind, normalise_phone
from ..workdays import add_working_days
from .conftest import EXE, office_file
from .conftest import JPEG as JPEG_BYTES
from .conftest import PDF as PDF_BYTES
from .conftest import PNG as PNG_BYTES


class TestCodes:
    def test_format_and_alphabet(self):
        for _ in range(200):
            code = codes.new_code("PA")
            assert len(code) == 12 and code[:3] == "PA-" and code[7] == "-"
            assert not set(code[3:].replace("-", "")) & set("01OI")
            assert codes.normalise(code) == code

    def test_codes_differ(self):
        assert len({codes.new_code("HD") for _ in range(1000)}) == 1000

    @pytest.mark.parametrize("typed", ["pa-7k3m-q9tx", "PA 7K3M Q9TX", " PA7K3MQ9TX ", "pa.7k3m.q9tx"])
    def test_normalise_what_people_type(self, typed):
        assert codes.normalise(typed) == "PA-7K3M-Q9TX"

    @pytest.mark.parametrize("typed", ["", "PA-7K3M-Q9T", "XX-7K3M-Q9TX", "PA-7K3M-Q9T0", "PA-IK3M-Q9TX", "'; DROP"])
    def test_reject_malformed(self, typed):
        assert codes.normalise(typed) is None


class TestPhones:
    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("0912 345 678", "0912345678"),
            ("0912.345.678", "0912345678"),
            ("+84 912 345 678", "0912345678"),
            ("84912345678", "0912345678"),
            ("(0234) 382 2345", "02343822345"),
            ("0358-123-456", "0358123456"),
        ],
    )
    def test_vietnamese_numbers(self, typed, expected):
        assert normalise_phone(typed) == expected

    @pytest.mark.parametrize(
        "typed", ["12345", "0112345678", "091234567", "09123456789", "abc0912345678", "+1 202 555 0100"]
    )
    def test_not_vietnamese(self, typed):
        with pytest.raises(ValidationError):
            normalise_phone(typed)


class TestFileKinds:
    @pytest.mark.parametrize(
        ("data", "kind"),
        [
            (PDF_BYTES, PDF),
            (PNG_BYTES, PNG),
            (JPEG_BYTES, JPEG),
            (office_file("word/document.xml"), DOCX),
            (office_file("xl/workbook.xml"), XLSX),
        ],
    )
    def test_allowed_by_content(self, data, kind):
        assert file_kind(io.BytesIO(data)) == kind

    @pytest.mark.parametrize(
        "data",
        [
            EXE,  # an .exe, whatever it is called
            b"<html><script>alert(1)</script></html>",
            b"PK\x03\x04 not really a zip",
            office_file("word/document.xml", {"word/vbaProject.bin": b"macro"}),  # .docm in disguise
            office_file("content.xml"),  # a zip, but not an Office document
            b"",
        ],
    )
    def test_refused_by_content(self, data):
        assert file_kind(io.BytesIO(data)) is None


class TestWorkingDays:
    def test_plain_weeks(self):
        # Monday 02/03/2026 + 15 working days = Monday 23/03/2026.
        assert add_working_days(datetime.date(2026, 3, 2), 15) == datetime.date(2026, 3, 23)

    def test_received_on_friday_skips_weekends(self):
        assert add_working_days(datetime.date(2026, 3, 6), 1) == datetime.date(2026, 3, 9)
        assert add_working_days(datetime.date(2026, 3, 6), 15) == datetime.date(2026, 3, 27)

    def test_received_on_saturday(self):
        assert add_working_days(datetime.date(2026, 3, 7), 1) == datetime.date(2026, 3, 9)

    def test_holidays_are_skipped(self):
        holidays = {datetime.date(2026, 4, 27), datetime.date(2026, 4, 30), datetime.date(2026, 5, 1)}
        # From Friday 24/04/2026: 28, 29, 4, 5, 6 ... the holidays and weekends do not count.
        assert add_working_days(datetime.date(2026, 4, 24), 2, holidays) == datetime.date(2026, 4, 29)
        assert add_working_days(datetime.date(2026, 4, 24), 3, holidays) == datetime.date(2026, 5, 4)

    def test_working_saturday_counts(self):
        swapped = {datetime.date(2026, 1, 10)}
        assert add_working_days(datetime.date(2026, 1, 9), 1, working_weekends=swapped) == datetime.date(2026, 1, 10)


class TestMasking:
    TEXT = (
        "Tôi tên là Nguyễn Văn An, sinh năm 1980, CCCD số 001080012345, CMND 201234567, điện thoại "
        "0912.345.678 hoặc +84 24 3825 1234, email an.nguyen@gmail.com. Nhà tôi ở số 12 đường Lê Lợi, "
        "phường Phú Hội, TP. Huế. Tôi đã nộp hồ sơ cho chị Hoa ở bộ phận một cửa nhưng ông Trần Minh Quân "
        "yêu cầu bổ sung. Nguyen Van An kính đề nghị Sở Khoa học và Công nghệ trả lời. Lệ phí 150.000 đồng, "
        "tổng đài 1900 1234, nộp ngày 12/05/2024 tại Hà Nội."
    )

    def test_personal_data_is_gone(self):
        masked = mask_personal_data(self.TEXT, names=("Nguyễn Văn An",))
        for secret in (
            "Nguyễn Văn An",
            "Nguyen Van An",
            "001080012345",
            "201234567",
            "0912.345.678",
            "3825 1234",
            "an.nguyen@gmail.com",
            "Hoa",
            "Trần Minh Quân",
        ):
            assert secret not in masked, secret
        for placeholder in (NAME, EMAIL, PHONE, NUMBER):
            assert placeholder in masked

    def test_what_is_not_personal_stays(self):
        masked = mask_personal_data(self.TEXT, names=("Nguyễn Văn An",))
        for kept in (
            "đường Lê Lợi",
            "Sở Khoa học và Công nghệ",
            "150.000 đồng",
            "1900 1234",
            "12/05/2024",
            "Hà Nội",
            "sinh năm 1980",
        ):
            assert kept in masked, kept

    def test_titles_before_names(self):
        masked = mask_personal_data("Anh Lê Hoàng và bà Ngô Thị Thu đến Sở; em Vy gọi sau. Quê tôi ở Bà Rịa.")
        assert masked == f"Anh {NAME} và bà {NAME} đến Sở; em {NAME} gọi sau. Quê tôi ở Bà Rịa."

    def test_nfd_input_is_normalised(self):
        import unicodedata

        decomposed = unicodedata.normalize("NFD", "Tôi là Phạm Thị Hương, số 0987654321.")
        assert mask_personal_data(decomposed) == f"Tôi là {NAME}, số {PHONE}."
