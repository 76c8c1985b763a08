"""Helpers to write the files agencies send: CSV and Excel, built in the test."""

import csv
import io

from openpyxl import Workbook

HEADERS = [
    "Mã thủ tục",
    "Tên thủ tục",
    "Lĩnh vực",
    "Cấp thực hiện",
    "Cơ quan thực hiện",
    "Trình tự thực hiện",
    "Cách thức thực hiện",
    "Thành phần hồ sơ",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
    "Đối tượng thực hiện",
    "Kết quả thực hiện",
    "Căn cứ pháp lý",
    "Mức độ",
    "Liên kết dịch vụ công",
]
PORTAL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc="


def row(code: str, title: str, **overrides) -> dict[str, str]:
    values = {
        "Mã thủ tục": code,
        "Tên thủ tục": title,
        "Lĩnh vực": "Hoạt động khoa học và công nghệ",
        "Cấp thực hiện": "Cấp tỉnh",
        "Cơ quan thực hiện": "Sở Khoa học và Công nghệ",
        "Trình tự thực hiện": "Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.",
        "Cách thức thực hiện": "- Trực tiếp\n- Qua bưu chính\n- Trực tuyến",
        "Thành phần hồ sơ": "- Đơn đăng ký\n- Quyết định thành lập\nSố lượng hồ sơ: 01 bộ",
        "Thời hạn giải quyết": "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "Phí, lệ phí": "Không",
        "Đối tượng thực hiện": "Tổ chức",
        "Kết quả thực hiện": "Giấy chứng nhận",
        "Căn cứ pháp lý": "- Luật Khoa học và Công nghệ số 29/2013/QH13",
        "Mức độ": "Toàn trình",
        "Liên kết dịch vụ công": PORTAL + code,
    }
    values.update(overrides)
    return values


def csv_bytes(
    rows: list[dict], headers: list[str] = HEADERS, delimiter: str = ",", before: list | None = None
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for line in before or []:
        writer.writerow(line)
    writer.writerow(headers)
    for values in rows:
        writer.writerow([values.get(header, "") for header in headers])
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[dict], headers: list[str] = HEADERS, before: list | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh mục TTHC"
    for line in before or []:
        sheet.append(line)
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(header, "") for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
