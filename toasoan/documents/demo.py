"""Demo content: the library page and the documents the seed article cites, so its references
show as links. Metadata comes from how the article cites them (number, date, issuer, subject);
what the article does not say (signers) is left empty rather than made up. The attached PDF is a
one-page placeholder made here, labelled as such: the demo has no right to real scans."""

import datetime

from wagtail.models import Site

from . import selectors, services
from .models import number_key
from .services import DocumentData, FileData

INDEX_TITLE = "Văn bản"
INDEX_SLUG = "van-ban"
INDEX_INTRO = (
    "Văn bản chỉ đạo, điều hành và văn bản quy phạm pháp luật liên quan đến hoạt động của Sở Khoa học và "
    "Công nghệ: tra cứu theo loại văn bản, cơ quan ban hành, năm ban hành và lĩnh vực."
)
PLACEHOLDER_LABEL = "Tệp minh họa (không phải toàn văn văn bản)"
CCHC = "Cải cách hành chính"
KHCN = "Khoa học và công nghệ"
DIGITAL = "Chuyển đổi số"


def placeholder_pdf(line: str) -> bytes:
    """A valid one-page PDF saying it is a placeholder (ASCII only: the base-14 fonts have no
    Vietnamese glyphs)."""
    text = line.encode("ascii", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 14 Tf 56 760 Td (" + text + b") Tj 0 -24 Td (Tep minh hoa cho ban demo) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _file(number: str, ascii_name: str) -> tuple[FileData, ...]:
    return (
        FileData(
            filename=f"{ascii_name}.pdf",
            content=placeholder_pdf(f"Van ban so {ascii_name}"),
            title=f"{number} (tệp minh họa)",
            label=PLACEHOLDER_LABEL,
        ),
    )


DOCUMENTS = [
    DocumentData(
        title="Kế hoạch tuyên truyền cải cách hành chính tỉnh Thừa Thiên Huế năm 2022",
        number="405/KH-UBND",
        document_type="Kế hoạch",
        issuer="UBND tỉnh Thừa Thiên Huế",
        issued_on=datetime.date(2021, 12, 30),
        summary="Ban hành Kế hoạch tuyên truyền cải cách hành chính tỉnh Thừa Thiên Huế năm 2022.",
        field=CCHC,
        files=_file("405/KH-UBND", "405-KH-UBND"),
    ),
    DocumentData(
        title="Kế hoạch tuyên truyền cải cách hành chính năm 2022 của Sở Khoa học và Công nghệ",
        number="29/KH-SKHCN",
        document_type="Kế hoạch",
        issuer="Sở Khoa học và Công nghệ",
        issued_on=datetime.date(2022, 1, 6),
        summary="Tuyên truyền cải cách hành chính năm 2022 của Sở Khoa học và Công nghệ.",
        field=CCHC,
        files=_file("29/KH-SKHCN", "29-KH-SKHCN"),
    ),
    DocumentData(
        title=(
            "Nghị quyết về xây dựng Thừa Thiên Huế trở thành một trong những trung tâm lớn của cả nước "
            "về khoa học và công nghệ giai đoạn 2021-2025, tầm nhìn đến năm 2030"
        ),
        number="07-NQ/TU",
        document_type="Nghị quyết",
        issuer="Tỉnh ủy Thừa Thiên Huế",
        issued_on=datetime.date(2021, 8, 9),
        summary=(
            "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Đảng bộ tỉnh khóa XVI về xây dựng Thừa Thiên Huế "
            "trở thành một trong những trung tâm lớn của cả nước về khoa học và công nghệ giai đoạn 2021-2025 "
            "và tầm nhìn đến năm 2030."
        ),
        field=KHCN,
    ),
    DocumentData(
        title="Phê duyệt Đề án “Đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC”",
        number="468/QĐ-TTg",
        document_type="Quyết định",
        issuer="Thủ tướng Chính phủ",
        issued_on=datetime.date(2021, 3, 27),
        summary=(
            "Phê duyệt Đề án “Đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết "
            "thủ tục hành chính”."
        ),
        field=CCHC,
        files=_file("468/QĐ-TTg", "468-QD-TTg"),
    ),
    DocumentData(
        title="Tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích",
        number="45/2016/QĐ-TTg",
        document_type="Quyết định",
        issuer="Thủ tướng Chính phủ",
        issued_on=datetime.date(2016, 10, 19),
        summary="Về việc tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích.",
        field=CCHC,
    ),
    DocumentData(
        title="Cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
        number="42/2022/NĐ-CP",
        document_type="Nghị định",
        issuer="Chính phủ",
        issued_on=datetime.date(2022, 6, 24),
        summary=(
            "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng."
        ),
        field=DIGITAL,
    ),
]


def load_demo() -> dict[str, int]:
    """Create the library page under the home page and the demo documents (idempotent: a document
    whose number is already in the library is left alone)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {"thư viện văn bản": 0, "văn bản": 0}
    index, created = services.index_page_get_or_create(
        home=site.root_page.specific, title=INDEX_TITLE, slug=INDEX_SLUG, intro=INDEX_INTRO
    )
    existing = set(selectors.public_documents(index).values_list("number_key", flat=True))
    added = 0
    for data in DOCUMENTS:
        if number_key(data.number) not in existing:
            services.document_create(index=index, data=data)
            added += 1
    return {"thư viện văn bản": int(created), "văn bản": added}
