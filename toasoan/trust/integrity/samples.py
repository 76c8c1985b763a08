"""Realistic injected samples, as found on hacked agency portals, and clean content that must pass.
Used by the tests and by `scan_integrity --samples` (a quick check of the rules on a server)."""

import base64
import io
import zipfile
import zlib

BETTING_HOSTS = [
    "fb88.com",
    "w88vn.net",
    "nha-cai-uy-tin.xyz",
    "kubet.win",
    "jun88.bet",
    "789bet.club",
    "go88.vin",
    "sunwin.us",
    "188bet-link.com",
    "soikeo.tv",
    "taixiu-online.net",
    "nohu.club",
    "hi88.com",
    "new88.io",
    "8xbet.asia",
    "shbet.org",
    "banca-doithuong.com",
    "casino-truc-tuyen.vip",
    "lode88.net",
    "xocdia.online",
]

HIDDEN_FOOTER = (
    '<p>Cơ quan chủ quản: Sở Thông tin và Truyền thông.</p><div style="display:none">'
    + " ".join(f'<a href="https://{host}/">{host.split(".")[0]}</a>' for host in BETTING_HOSTS)
    + "</div>"
)
XEM_THEM = (
    "<p>Ủy ban nhân dân tỉnh vừa ban hành kế hoạch cải cách hành chính năm 2026. "
    '<a href="https://nha-cai-uy-tin.xyz/khuyen-mai">xem thêm</a></p>'
)
UNACCENTED = "<p>Hội nghị tổng kết công tác năm. Tham gia nha cai uy tin nhan thuong 100k moi ngay.</p>"
ZERO_WIDTH = "<p>Đăng ký n\u200bha ca\u200bi hôm nay để nhận khuyến mãi, c\u200bá c\u200bược thể thao.</p>"
DOCUMENT_WRITE = (
    "<p>Thông báo lịch tiếp công dân.</p><script>document.write(atob('"
    + base64.b64encode(b'<a href="https://fb88.com">fb88</a>').decode()
    + "'))</script>"
)
CASINO_IFRAME = '<p>Tin tức</p><iframe src="https://casino-online.vip/embed" width="1" height="1"></iframe>'
JAVASCRIPT_LINK = "<p><a href=\"javascript:window.location='https://w88vn.net'\">Tải văn bản</a></p>"
FONT_SIZE_ZERO = '<p>Tin hoạt động <span style="font-size:0px">soi kèo nhà cái hôm nay, tài xỉu online</span></p>'
OFFSITE_SCRIPT = '<p>Văn bản mới</p><script src="https://cdn.evil-stats.top/x.js"></script>'
EVENT_HANDLER = '<p><img src="/media/a.jpg" alt="Ảnh" onerror="location.href=\'https://go88.vin\'"></p>'
META_REFRESH = '<meta http-equiv="refresh" content="0; url=https://kubet.win/">'
NEGATIVE_OFFSET = (
    '<div style="position:absolute; left:-9999px; top:-9999px">'
    '<a href="https://sunwin.us">game bài đổi thưởng</a></div>'
)
SPACED_LETTERS = "<p>Chuyên trang n h à c á i số một.</p>"

# name -> (html, the rules that must fire)
INJECTED: dict[str, tuple[str, set[str]]] = {
    "hidden_footer": (HIDDEN_FOOTER, {"hidden_link", "gambling_link"}),
    "xem_them": (XEM_THEM, {"gambling_link"}),
    "unaccented": (UNACCENTED, {"gambling_term"}),
    "zero_width": (ZERO_WIDTH, {"gambling_term"}),
    "document_write": (DOCUMENT_WRITE, {"inline_script", "obfuscated_script"}),
    "casino_iframe": (CASINO_IFRAME, {"embed"}),
    "javascript_link": (JAVASCRIPT_LINK, {"javascript_url"}),
    "font_size_zero": (FONT_SIZE_ZERO, {"hidden_text", "gambling_term"}),
    "offsite_script": (OFFSITE_SCRIPT, {"offsite_script"}),
    "event_handler": (EVENT_HANDLER, {"event_handler"}),
    "meta_refresh": (META_REFRESH, {"meta_refresh", "gambling_link"}),
    "negative_offset": (NEGATIVE_OFFSET, {"hidden_link", "gambling_link", "gambling_term"}),
    "spaced_letters": (SPACED_LETTERS, {"gambling_term"}),
}

# Content an agency portal publishes, which must not be flagged.
CLEAN: dict[str, str] = {
    "lottery_regulation": (
        "<h2>Quy định mới về kinh doanh xổ số kiến thiết</h2><p>Bộ Tài chính ban hành Thông tư hướng dẫn "
        "Nghị định 37/2019/NĐ-CP về kinh doanh xổ số. Công ty xổ số kiến thiết tỉnh công bố kết quả "
        "mở thưởng hằng ngày.</p>"
    ),
    "gambling_case_news": (
        "<p>Công an tỉnh triệt phá đường dây đánh bạc, tổ chức cá cược bóng đá qua mạng với số tiền "
        "giao dịch hơn 100 tỷ đồng. Các đối tượng dùng trang web của nhà cái nước ngoài, chơi lô đề và "
        "tài xỉu. Vụ án đang được điều tra theo Điều 321 Bộ luật Hình sự về tội đánh bạc.</p>"
    ),
    "casino_decree": (
        "<p>Nghị định 03/2017/NĐ-CP về kinh doanh casino quy định điều kiện người Việt Nam được chơi "
        'tại điểm kinh doanh casino. Xem <a href="https://chinhphu.vn/nghi-dinh-03-2017">toàn văn nghị '
        "định</a>.</p>"
    ),
    "gov_links": (
        '<p>Tra cứu thủ tục tại <a href="https://dichvucong.gov.vn/p/home/dvc-trang-chu.html">Cổng Dịch vụ '
        'công quốc gia</a> và <a href="https://vanban.chinhphu.vn/">hệ thống văn bản</a>. Liên hệ '
        '<a href="mailto:vanthu@stttt.gov.vn">văn thư</a>, <a href="tel:02343822000">0234 3822 000</a>.</p>'
    ),
    "youtube": '<iframe src="https://www.youtube.com/embed/abc123" title="Phóng sự" allowfullscreen></iframe>',
    "plain_table": (
        "<table><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr><tr><td>Hồ sơ trực tuyến</td><td>95%</td></tr></table>"
    ),
    "fish_market": "<p>Người dân bắn cá bằng điện bị xử phạt; chợ bán cá, nhà cải tạo xong.</p>",
    "internal_links": '<p><a href="/tin-tuc/">Tin tức</a> <a href="#noi-dung">Nội dung</a> <a href="?page=2">2</a></p>',
}


def docx(paragraph: str, *, link: str = "", macro: bool = False) -> bytes:
    """A minimal valid DOCX: one paragraph, optionally a hyperlink (relationship) and a macro part."""
    rels = ""
    hyperlink = ""
    if link:
        rels = (
            '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'hyperlink" Target="{link}" TargetMode="External"/>'
        )
        hyperlink = '<w:hyperlink r:id="rId9"><w:r><w:t>Xem chi tiết</w:t></w:r></w:hyperlink>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships"><w:body><w:p><w:r><w:t>{paragraph}</w:t></w:r>{hyperlink}</w:p></w:body></w:document>',
        )
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{rels}</Relationships>',
        )
        if macro:
            archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    return buffer.getvalue()


def pdf(*, uri: str = "", javascript: str = "", compress: bool = False) -> bytes:
    """A small PDF with a link annotation to `uri` and/or an OpenAction running `javascript`."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R" + (b" /OpenAction 5 0 R" if javascript else b"") + b" >>"]
    objects.append(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    objects.append(
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]" + (b" /Annots [4 0 R]" if uri else b"") + b" >>"
    )
    annot = f"<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A << /S /URI /URI ({uri}) >> >>".encode()
    if compress:
        body = zlib.compress(annot)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream")
    else:
        objects.append(annot)
    if javascript:
        objects.append(f"<< /S /JavaScript /JS ({javascript}) >>".encode())
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    for number, body in enumerate(objects, start=1):
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    out.write(b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")
    return out.getvalue()
