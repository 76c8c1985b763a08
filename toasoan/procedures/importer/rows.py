"""Check every row of a procedure list; a bad row gets every reason it is bad, in Vietnamese."""

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field

from toasoan.core.vietnamese import nfc
from toasoan.procedures import rules

from .columns import Header, find_header
from .errors import ImportFileError
from .reading import Cell, Table

TITLE_MAX = 255
FIELD_MAX = 255
AGENCY_MAX = 500
URL_MAX = 1000
BULLET = re.compile(r"^\s*[-+•*–—]\s*")
RICH_COLUMNS = ("steps", "methods", "dossier", "legal_basis")
TEXT_COLUMNS = ("agency", "processing_time", "fees", "applicants", "result")


@dataclass(frozen=True)
class ProcedureRow:
    """One good row, ready to become a procedure page."""

    row_number: int
    code: str
    title: str
    field_name: str
    level: str
    service_level: str
    portal_url: str
    agency: str = ""
    processing_time: str = ""
    fees: str = ""
    applicants: str = ""
    result: str = ""
    steps: str = ""  # rich text (HTML) made from the cell's lines
    methods: str = ""
    dossier: str = ""
    legal_basis: str = ""
    # The file's columns: a column the file does not have leaves that field of a page as it is.
    columns: frozenset[str] = frozenset()

    def page_values(self) -> dict[str, str]:
        """The page fields this row sets (lĩnh vực aside: it is a relation)."""
        names = ("title", "level", "service_level", "portal_url", *TEXT_COLUMNS, *RICH_COLUMNS)
        return {name: getattr(self, name) for name in names if name in self.columns}


@dataclass
class RowError:
    row_number: int
    code: str
    reasons: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        return " ".join(self.reasons)


@dataclass
class Validated:
    rows: list[ProcedureRow]
    errors: list[RowError]
    warnings: list[str]
    header_row: int
    data_rows: int  # rows with anything in them, good or bad


def cell_text(value: Cell) -> str:
    """A cell as clean NFC text: numbers as Excel shows them, line breaks kept, spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = nfc(str(value)).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines).strip()


def text_to_html(text: str) -> str:
    """Lines of a cell as rich text: bulleted lines ("- ", "+ ", "• ") become a list, others paragraphs."""
    parts: list[str] = []
    items: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if BULLET.match(line):
            items.append(f"<li>{html.escape(BULLET.sub('', line), quote=False)}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        parts.append(f"<p>{html.escape(line, quote=False)}</p>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    return "".join(parts)


def validate_table(table: Table) -> Validated:
    header = find_header(table.rows)
    rows: list[ProcedureRow] = []
    errors: list[RowError] = []
    data_rows = 0
    for row_number, cells in table.rows:
        if row_number <= header.row_number or not any(cell_text(cell) for cell in cells):
            continue
        data_rows += 1
        row, error = _check_row(header, row_number, cells)
        if error.reasons:
            errors.append(error)
        else:
            rows.append(row)
    rows, errors = _reject_duplicate_codes(rows, errors)
    if not data_rows:
        raise ImportFileError(f"Tệp chỉ có dòng tiêu đề (dòng {header.row_number}), không có thủ tục nào để nhập.")
    warnings = []
    if header.unknown:
        warnings.append("Các cột sau không được dùng: " + ", ".join(f"“{name}”" for name in header.unknown) + ".")
    return Validated(rows, sorted(errors, key=lambda e: e.row_number), warnings, header.row_number, data_rows)


def _get(header: Header, cells: list[Cell], key: str) -> Cell:
    position = header.positions.get(key)
    return cells[position] if position is not None and position < len(cells) else None


def _check_row(header: Header, row_number: int, cells: list[Cell]) -> tuple[ProcedureRow | None, RowError]:
    text = {key: cell_text(_get(header, cells, key)) for key in header.positions}
    get = lambda key: text.get(key, "")  # noqa: E731
    code = get("code")
    error = RowError(row_number, code)
    reasons = error.reasons

    raw_code = _get(header, cells, "code")
    if isinstance(raw_code, float) and not raw_code.is_integer():
        reasons.append(
            f"Mã thủ tục đang ở dạng số ({raw_code}) nên có thể đã mất số 0 ở cuối: hãy định dạng cột "
            "“Mã thủ tục” là Văn bản (Text) rồi nhập lại."
        )
    elif not code:
        reasons.append("Thiếu mã thủ tục.")
    elif message := rules.code_error(code):
        reasons.append(message)

    title = get("title").replace("\n", " ")
    if not title:
        reasons.append("Thiếu tên thủ tục.")
    elif len(title) > TITLE_MAX:
        reasons.append(f"Tên thủ tục dài quá {TITLE_MAX} ký tự.")

    field_name = get("field").replace("\n", " ")
    if not field_name:
        reasons.append("Thiếu lĩnh vực.")
    elif len(field_name) > FIELD_MAX:
        reasons.append(f"Tên lĩnh vực dài quá {FIELD_MAX} ký tự.")

    level = rules.parse_level(get("level"))
    if not get("level"):
        reasons.append("Thiếu cấp thực hiện (Cấp tỉnh, Cấp huyện hoặc Cấp xã).")
    elif level is None:
        reasons.append(f"Cấp thực hiện “{get('level')}” không hợp lệ: chỉ nhận Cấp tỉnh, Cấp huyện hoặc Cấp xã.")

    service_level = rules.parse_service_level(get("service_level"))
    if service_level is None:
        reasons.append(f"Mức độ “{get('service_level')}” không hợp lệ: chỉ nhận Toàn trình, Một phần hoặc để trống.")

    portal_url = get("portal_url")
    if len(portal_url) > URL_MAX:
        reasons.append(f"Liên kết dịch vụ công dài quá {URL_MAX} ký tự.")
    elif message := rules.portal_url_error(portal_url):
        reasons.append(message)

    if len(get("agency")) > AGENCY_MAX:
        reasons.append(f"Cơ quan thực hiện dài quá {AGENCY_MAX} ký tự.")

    if reasons:
        return None, error
    row = ProcedureRow(
        row_number=row_number,
        code=code,
        title=title,
        field_name=field_name,
        level=level or "",
        service_level=service_level or "",
        portal_url=portal_url,
        columns=frozenset(header.positions),
        **{key: get(key) for key in TEXT_COLUMNS},
        **{key: text_to_html(get(key)) for key in RICH_COLUMNS},
    )
    return row, error


def _reject_duplicate_codes(
    rows: list[ProcedureRow], errors: list[RowError]
) -> tuple[list[ProcedureRow], list[RowError]]:
    """A code on several rows: which row is right is unknowable, so none of them is imported."""
    numbers_by_code: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        numbers_by_code[row.code].append(row.row_number)
    for error in errors:  # a bad row with a good code still claims that code
        if error.code and rules.code_error(error.code) is None:
            numbers_by_code[error.code].append(error.row_number)
    duplicated = {code: sorted(numbers) for code, numbers in numbers_by_code.items() if len(numbers) > 1}
    errors_by_row = {error.row_number: error for error in errors}
    kept = []
    for row in rows:
        if row.code in duplicated:
            errors_by_row[row.row_number] = RowError(row.row_number, row.code)
        else:
            kept.append(row)
    for code, numbers in duplicated.items():
        listed = ", ".join(str(number) for number in numbers)
        for number in numbers:
            errors_by_row[number].reasons.append(
                f"Mã thủ tục “{code}” bị trùng ở các dòng {listed}: không nhập dòng nào trong số đó."
            )
    return kept, list(errors_by_row.values())
