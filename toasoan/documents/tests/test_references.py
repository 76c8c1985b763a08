"""Finding references in text: the numbers Vietnamese agencies write, and what is not a reference."""

import datetime

import pytest

from toasoan.documents.models import number_key
from toasoan.documents.references import cited_references, find_references


@pytest.mark.parametrize(
    ("text", "kind", "number", "issued_on"),
    [
        ("Căn cứ Kế hoạch số 405/KH-UBND ngày 30/12/2021 của UBND tỉnh", "Kế hoạch", "405/KH-UBND", (2021, 12, 30)),
        ("theo Quyết định số 1234/QĐ-UBND.", "Quyết định", "1234/QĐ-UBND", None),
        ("Nghị định 42/2022/NĐ-CP quy định", "Nghị định", "42/2022/NĐ-CP", None),
        ("Thông tư 22/2023/TT-BTTTT, ngày 31/12/2023", "Thông tư", "22/2023/TT-BTTTT", (2023, 12, 31)),
        ("Nghị quyết số 07-NQ/TU ngày 09/8/2021", "Nghị quyết", "07-NQ/TU", (2021, 8, 9)),
        ("Quyết định số 468/QĐ-TTg ngày 27 tháng 3 năm 2021", "Quyết định", "468/QĐ-TTg", (2021, 3, 27)),
        ("Luật số 59/2020/QH14", "Luật", "59/2020/QH14", None),
        ("KẾ HOẠCH SỐ 405/KH-UBND", "KẾ HOẠCH", "405/KH-UBND", None),
        ("kế hoạch số 405/KH-UBND", "kế hoạch", "405/KH-UBND", None),
        ("Thông tư liên tịch số 01/2015/TTLT-BNV-BTC", "Thông tư liên tịch", "01/2015/TTLT-BNV-BTC", None),
        ("Kế hoạch số 29/KH-SKHCN ngày 06/01-2022", "Kế hoạch", "29/KH-SKHCN", (2022, 1, 6)),
    ],
)
def test_references_are_found_with_kind_number_and_date(text, kind, number, issued_on):
    (reference,) = list(find_references(text))
    assert (reference.kind, reference.number) == (kind, number)
    assert reference.issued_on == (datetime.date(*issued_on) if issued_on else None)
    # The linked span is the type word through the number: the date stays outside.
    assert text[reference.start : reference.end].endswith(number)
    assert text[reference.start : reference.end].startswith(kind)


@pytest.mark.parametrize(
    "text",
    [
        "ngày 30/12/2021",  # a date
        "giai đoạn 2021-2025",  # a range
        "trả lời trong 24/7",
        "điện thoại 0234.3822498",
        "Kế hoạch tuyên truyền năm 2022",  # a type word with no number
        "tỷ lệ 1/3 số hồ sơ",
        "ngày 31/02/2021",  # junk dates are not numbers either
    ],
)
def test_things_that_are_not_references(text):
    assert list(find_references(text)) == []


def test_a_bare_number_is_found_but_not_cited():
    text = "Văn bản 405/KH-UBND và số 12/UBND-KT"
    assert [r.number for r in find_references(text)] == ["405/KH-UBND", "12/UBND-KT"]
    assert [r.number for r in cited_references(text)] == ["405/KH-UBND"]  # "Văn bản" is a type word


def test_impossible_dates_are_dropped_not_raised():
    (reference,) = list(find_references("Quyết định số 5/QĐ-UBND ngày 31/02/2021"))
    assert reference.issued_on is None


def test_number_key_ignores_case_spaces_lookalikes_and_normal_form():
    assert number_key("405/KH-UBND") == number_key(" 405 / kh-ubnd ") == number_key("405/KH–UBND")
    assert number_key("1234/QÐ-UBND") == number_key("1234/QĐ-UBND")  # Icelandic eth from a PDF
    assert number_key("45/2016/Q\u0110-TTg") == number_key("45/2016/QĐ-TTG")
    assert number_key("405/KH-UBND") != number_key("405/KH-SKHCN")
