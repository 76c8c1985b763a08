"""The columns of a procedure list, found by their Vietnamese headers in any spelling:
with or without diacritics, any case, any punctuation ("Phí, lệ phí" = "PHI LE PHI")."""

from dataclasses import dataclass

from toasoan.procedures.rules import fold_key

from .errors import ImportFileError

HEADER_SEARCH_ROWS = 10  # title rows ("DANH MỤC THỦ TỤC HÀNH CHÍNH...") may come first


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as written in the template file and the docs
    aliases: tuple[str, ...] = ()  # other headers agencies use, as written
    required: bool = False

    @property
    def folded_names(self) -> set[str]:
        return {fold_key(name) for name in (self.header, *self.aliases)}


COLUMNS = [
    Column("code", "Mã thủ tục", ("Mã TTHC", "Mã số thủ tục", "Mã số", "Mã"), required=True),
    Column("title", "Tên thủ tục", ("Tên thủ tục hành chính", "Tên TTHC", "Tên"), required=True),
    Column("field", "Lĩnh vực", ("Lĩnh vực thủ tục",), required=True),
    Column("level", "Cấp thực hiện", ("Cấp", "Cấp giải quyết"), required=True),
    Column("agency", "Cơ quan thực hiện", ("Cơ quan giải quyết", "Cơ quan")),
    Column("steps", "Trình tự thực hiện", ("Trình tự",)),
    Column("methods", "Cách thức thực hiện", ("Cách thức",)),
    Column("dossier", "Thành phần hồ sơ", ("Thành phần, số lượng hồ sơ", "Hồ sơ")),
    Column("processing_time", "Thời hạn giải quyết", ("Thời gian giải quyết", "Thời hạn")),
    Column("fees", "Phí, lệ phí", ("Phí", "Lệ phí", "Phí và lệ phí")),
    Column("applicants", "Đối tượng thực hiện", ("Đối tượng",)),
    Column("result", "Kết quả thực hiện", ("Kết quả",)),
    Column("legal_basis", "Căn cứ pháp lý", ("Căn cứ",)),
    Column("service_level", "Mức độ", ("Mức độ dịch vụ công", "Mức độ DVC", "Mức độ dịch vụ công trực tuyến")),
    Column(
        "portal_url",
        "Liên kết dịch vụ công",
        ("Liên kết", "Đường dẫn", "Link", "URL", "Địa chỉ dịch vụ công", "Dịch vụ công trực tuyến"),
    ),
]
IGNORED = {"stt", "so thu tu", "tt"}
_BY_NAME = {name: column for column in COLUMNS for name in column.folded_names}


@dataclass
class Header:
    row_number: int
    positions: dict[str, int]  # column key -> index in the row
    unknown: list[str]  # headers we do not use, as written


def _names(cells: list) -> list[str]:
    return [fold_key(str(cell)) if cell is not None else "" for cell in cells]


def looks_like_header(cells: list) -> bool:
    """Whether a row names both the code and the name columns."""
    matched = {_BY_NAME[name].key for name in _names(cells) if name in _BY_NAME}
    return {"code", "title"} <= matched


def find_header(rows: list[tuple[int, list]]) -> Header:
    """The first row (among the first few) naming both the code and the name columns."""
    for row_number, cells in rows[:HEADER_SEARCH_ROWS]:
        if looks_like_header(cells):
            return _header(row_number, cells, _names(cells))
    raise ImportFileError(
        "Không tìm thấy dòng tiêu đề: trong "
        f"{HEADER_SEARCH_ROWS} dòng đầu phải có một dòng ghi tên các cột, ít nhất “Mã thủ tục” và “Tên thủ tục”."
    )


def _header(row_number: int, cells: list, names: list[str]) -> Header:
    positions: dict[str, int] = {}
    unknown: list[str] = []
    for position, (cell, name) in enumerate(zip(cells, names, strict=True)):
        if not name or name in IGNORED:
            continue
        column = _BY_NAME.get(name)
        if column is None:
            unknown.append(str(cell).strip())
        elif column.key in positions:
            raise ImportFileError(f"Cột “{column.header}” xuất hiện hai lần ở dòng tiêu đề (dòng {row_number}).")
        else:
            positions[column.key] = position
    missing = [column.header for column in COLUMNS if column.required and column.key not in positions]
    if missing:
        raise ImportFileError(
            "Thiếu cột bắt buộc: " + ", ".join(f"“{header}”" for header in missing) + f" (dòng tiêu đề {row_number})."
        )
    return Header(row_number=row_number, positions=positions, unknown=unknown)
