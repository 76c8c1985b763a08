"""CSV or Excel (.xlsx) bytes -> rows of cells, numbered as the spreadsheet numbers them."""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from .columns import HEADER_SEARCH_ROWS, looks_like_header
from .errors import ImportFileError

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
XLSX_MAGIC = b"PK\x03\x04"
SUPPORTED = "Chỉ nhận tệp CSV (.csv, mã UTF-8) hoặc Excel (.xlsx)."

Cell = str | int | float | bool | None


@dataclass
class Table:
    """Rows as (row number in the file, cells); the row numbers are what the agency sees."""

    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    sheet: str = ""


def read_table(data: bytes, filename: str) -> Table:
    extension = PurePath(filename or "").suffix.lower()
    if not data or not data.strip():
        raise ImportFileError("Tệp trống: không có dòng nào để nhập.")
    if len(data) > MAX_BYTES:
        raise ImportFileError(f"Tệp lớn hơn {MAX_BYTES // (1024 * 1024)} MB. Hãy chia thành nhiều tệp nhỏ hơn.")
    if extension == ".xls":
        raise ImportFileError(
            "Định dạng Excel 97–2003 (.xls) chưa được hỗ trợ: hãy lưu lại thành .xlsx hoặc CSV UTF-8."
        )
    if extension == ".xlsx" or (extension not in (".csv", ".txt") and data.startswith(XLSX_MAGIC)):
        if not data.startswith(XLSX_MAGIC):
            raise ImportFileError("Tệp .xlsx bị hỏng hoặc không phải tệp Excel. " + SUPPORTED)
        return _read_xlsx(data)
    if extension not in ("", ".csv", ".txt"):
        raise ImportFileError(f"Không đọc được tệp “{PurePath(filename).name}”. " + SUPPORTED)
    return _read_csv(data)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096] or data.startswith(XLSX_MAGIC):
        raise ImportFileError("Tệp không phải tệp văn bản CSV. " + SUPPORTED)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            "Tệp CSV không dùng bảng mã UTF-8 nên tiếng Việt sẽ bị lỗi. "
            "Trong Excel, chọn “Lưu thành” → “CSV UTF-8 (Comma delimited)” rồi nhập lại."
        ) from None


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    # Excel set to Vietnamese writes ";" between columns (the comma is the decimal separator),
    # and cells are full of commas: the separator is the one that splits out a header row.
    for delimiter in (",", ";", "\t"):
        try:
            table = _parse_csv(text, delimiter)
        except ImportFileError:
            continue
        if any(looks_like_header(cells) for _, cells in table.rows[:HEADER_SEARCH_ROWS]):
            return table
    return _parse_csv(text, ",")  # no header anywhere: find_header() will say so


def _parse_csv(text: str, delimiter: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Cell]]] = []
    try:
        # Numbered by record, as Excel numbers the rows when it opens the file (a cell with line
        # breaks is still one row there).
        for number, cells in enumerate(reader, start=1):
            rows.append((number, list(cells)))
            if number > MAX_ROWS + 20:
                raise ImportFileError(f"Tệp có hơn {MAX_ROWS} dòng. Hãy chia thành nhiều tệp nhỏ hơn.")
    except csv.Error as exc:
        raise ImportFileError(f"Tệp CSV sai định dạng ở dòng {len(rows) + 1}: {exc}.") from None
    return Table(rows=rows)


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError("Tệp .xlsx bị hỏng hoặc không phải tệp Excel. " + SUPPORTED) from exc
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise ImportFileError("Tệp Excel không có trang tính nào.")
        rows: list[tuple[int, list[Cell]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, [_xlsx_value(v) for v in values]))
            if len(rows) > MAX_ROWS + 20:
                raise ImportFileError(f"Tệp có hơn {MAX_ROWS} dòng. Hãy chia thành nhiều tệp nhỏ hơn.")
        return Table(rows=rows, sheet=sheet.title)
    finally:
        workbook.close()


def _xlsx_value(value) -> Cell:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)  # dates and times: as Excel shows them is not knowable; ISO is unambiguous
