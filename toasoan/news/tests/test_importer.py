"""Tests for the article importer: decoding, the seed text format, JSON Lines, the runner and the
`import_articles` command (error reporting, idempotency, atomicity, progress)."""

import datetime
import io
import json
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision

from toasoan.news.importer import ImportFormatError, import_paths
from toasoan.news.importer.decoding import MAX_FILE_BYTES, decode, read_text
from toasoan.news.importer.jsonl_format import parse_jsonl
from toasoan.news.importer.text_format import parse_text_page
from toasoan.news.models import ArticlePage, SectionPage
from toasoan.news.services import ArticleData, article_import

SEED_FILE = Path(__file__).resolve().parents[1] / "demo" / "000_dddc27f8271e1bf1.txt"
SEED_SECTION = "Cải cách hành chính"
SEED_TITLE = "Sở Khoa học và Công nghệ ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2022"
SEED_SLUG = "so-khoa-hoc-va-cong-nghe-ban-hanh-ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2022"
SEED_LIST_ITEMS = [
    "Tuyên truyền các quan điểm, chủ trương của Đảng",
    "Tuyên truyền vai trò, trách nhiệm lãnh đạo",
    "Phổ biến nội dung liên quan kế hoạch",
    "Tình hình triển khai, kết quả, hiệu quả",  # written "-Tình hình" in the source, without a space
    "Đẩy mạnh thông tin tuyên truyền về sử dụng dịch vụ công trực tuyến",
]
NAVIGATION_NOISE = ["Các tin khác", "Xem tin theo ngày", "Tìm kiếm tin tức", "Chung nhan Tin Nhiem Mang"]

GOOD_TITLE = "Hội nghị tổng kết công tác khoa học và công nghệ năm 2021"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
VIETNAMESE_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # the combining marks Windows-1258 encodes separately


# --- helpers -------------------------------------------------------------------------------------


def page_text(
    title: str = GOOD_TITLE,
    date_line: str | None = "Ngày cập nhật 10/01/2022",
    paragraphs: tuple[str, ...] = (
        "Sở Khoa học và Công nghệ tổ chức hội nghị tổng kết công tác năm.",
        "Các nội dung chính gồm:",
        "- Đánh giá kết quả thực hiện nhiệm vụ.",
        "-Triển khai kế hoạch năm 2022.",
    ),
    author: str = "Minh Tâm",
) -> str:
    """A page in the seed's text format: navigation, title, date line, body, byline, more navigation."""
    lines = ["Tìm kiếm tin tức", "", "Chung nhan Tin Nhiem Mang", "", title]
    if date_line is not None:
        lines.append(date_line)
    lines += ["", *paragraphs, "", author, "Các tin khác", "Xem tin theo ngày"]
    return "\n".join(lines) + "\n"


def encode_cp1258(text: str) -> bytes:
    """Encode like Windows-1258 does: base letters precomposed, tone marks as separate combining bytes."""
    chars = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in VIETNAMESE_TONE_MARKS))
        chars.append(base + "".join(c for c in decomposed if c in VIETNAMESE_TONE_MARKS))
    return "".join(chars).encode("cp1258")


def jsonl(*records) -> str:
    """One line per record: dicts are dumped as JSON, strings are written as they are (for broken lines)."""
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n"


def record(**fields) -> dict:
    base = {
        "title": "Công bố thủ tục hành chính mới",
        "date": "2022-01-10",
        "author": "Thanh Bình",
        "section": "Tin tức - Sự kiện",
        "body_text": "Đoạn thứ nhất.\nĐoạn thứ hai.",
    }
    return {**base, **fields}


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@dataclass
class Run:
    out: str
    err: str
    error: CommandError | None


def run_import(*paths, section: str | None = SEED_SECTION) -> Run:
    """Run the command the way an operator would; a CommandError is returned rather than raised."""
    out, err = io.StringIO(), io.StringIO()
    options = {"section": section} if section is not None else {}
    try:
        call_command("import_articles", *map(str, paths), stdout=out, stderr=err, **options)
    except CommandError as exc:
        return Run(out.getvalue(), err.getvalue(), exc)
    return Run(out.getvalue(), err.getvalue(), None)


def body_of(article: ArticlePage) -> str:
    return "".join(block.value.source for block in article.body if block.block_type == "paragraph")


def error_lines(run: Run, where: Path | str) -> list[str]:
    """The "Lỗi: <where>: <reason>" lines the command printed for one file (or file:line)."""
    return [line for line in run.err.splitlines() if line.startswith(f"Lỗi: {where}: ")]


def list_items(html: str) -> list[str]:
    return [item.replace("\xa0", " ") for item in re.findall(r"<li>(.*?)</li>", html, flags=re.S)]


# --- decode / read_text (pure) -------------------------------------------------------------------


def test_decode_returns_utf8_text():
    assert decode("Ngày cập nhật 10/01/2022".encode()) == "Ngày cập nhật 10/01/2022"


def test_decode_strips_utf8_bom():
    assert decode(b"\xef\xbb\xbf" + "Tiêu đề".encode()) == "Tiêu đề"


def test_decode_normalises_nfd_to_nfc():
    nfd = unicodedata.normalize("NFD", SEED_TITLE)
    assert nfd != SEED_TITLE

    text = decode(nfd.encode("utf-8"))

    assert text == SEED_TITLE
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("raw", [b"", b"   \n\r\n\t  "], ids=["empty", "whitespace-only"])
def test_decode_rejects_empty_input(raw):
    with pytest.raises(ImportFormatError, match="Tệp rỗng"):
        decode(raw)


def test_decode_rejects_png_as_binary():
    raw = PNG_HEADER + random.Random(0).randbytes(4096)
    with pytest.raises(ImportFormatError, match="nhị phân"):
        decode(raw)


def test_decode_rejects_control_characters_as_binary():
    raw = bytes(range(1, 9)) * 200 + "một ít chữ".encode()
    with pytest.raises(ImportFormatError, match="nhị phân"):
        decode(raw)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_decode_rejects_utf16_with_or_without_bom(encoding):
    with pytest.raises(ImportFormatError, match="UTF-16"):
        decode(page_text().encode(encoding))


def test_decode_rejects_windows_1258_and_says_so():
    raw = encode_cp1258(page_text())
    with pytest.raises(ImportFormatError, match="Windows-1258") as excinfo:
        decode(raw)
    assert "UTF-8" in str(excinfo.value)


def test_encode_cp1258_helper_round_trips():
    """Guard for the helper above: the bytes really are Windows-1258 Vietnamese."""
    raw = encode_cp1258(GOOD_TITLE)
    assert unicodedata.normalize("NFC", raw.decode("cp1258")) == GOOD_TITLE


def test_read_text_rejects_file_over_the_limit(tmp_path):
    path = tmp_path / "lon.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: instant, and never read
    assert path.stat().st_size > MAX_FILE_BYTES

    with pytest.raises(ImportFormatError, match=r"Tệp quá lớn \(50\.0 MB\), tối đa 20 MB"):
        read_text(path)


def test_read_text_honours_max_bytes(tmp_path):
    path = write(tmp_path / "bai.txt", page_text())
    assert read_text(path) == page_text()
    with pytest.raises(ImportFormatError, match="quá lớn"):
        read_text(path, max_bytes=10)


# --- parse_text_page (pure) ----------------------------------------------------------------------


def test_parse_seed_file():
    data = parse_text_page(read_text(SEED_FILE))

    assert data.title == SEED_TITLE
    assert data.date == datetime.date(2022, 1, 10)
    assert data.author == "Diệu Hà"
    assert len(list_items(data.body_html)) == 5


def test_parse_title_is_last_line_before_date():
    data = parse_text_page(page_text())
    assert data.title == GOOD_TITLE
    assert data.date == datetime.date(2022, 1, 10)


def test_parse_byline_before_end_marker_becomes_author():
    data = parse_text_page(page_text(author="Minh Tâm"))
    assert data.author == "Minh Tâm"
    assert "Minh Tâm" not in data.body_html


def test_parse_list_items_with_and_without_space():
    data = parse_text_page(page_text())
    assert list_items(data.body_html) == ["Đánh giá kết quả thực hiện nhiệm vụ.", "Triển khai kế hoạch năm 2022."]
    assert data.body_html.count("<ul>") == 1


def test_parse_paragraphs_become_p_and_are_escaped():
    data = parse_text_page(page_text(paragraphs=("Giá <b>rẻ</b> & tốt.",)))
    assert "<p>Giá &lt;b&gt;rẻ&lt;/b&gt; &amp; tốt.</p>" in data.body_html
    assert "<b>" not in data.body_html


def test_parse_drops_navigation_noise():
    data = parse_text_page(page_text())
    for noise in NAVIGATION_NOISE:
        assert noise not in data.body_html
        assert noise != data.title


def test_parse_date_line_with_colon():
    data = parse_text_page(page_text(date_line="Ngày cập nhật: 5/2/2022"))
    assert data.date == datetime.date(2022, 2, 5)


def test_parse_without_end_marker_keeps_last_line_in_body():
    text = f"{GOOD_TITLE}\nNgày cập nhật 10/01/2022\nĐoạn một.\nMinh Tâm\n"
    data = parse_text_page(text)
    assert data.author == ""
    assert "<p>Minh Tâm</p>" in data.body_html


def test_parse_nfd_input_is_normalised_to_nfc():
    nfd = unicodedata.normalize("NFD", page_text())

    data = parse_text_page(nfd)

    assert data.title == GOOD_TITLE
    assert data.date == datetime.date(2022, 1, 10)
    assert data.author == "Minh Tâm"
    assert unicodedata.is_normalized("NFC", data.body_html)


def test_parse_rejects_missing_date_line():
    with pytest.raises(ImportFormatError, match="Không tìm thấy dòng “Ngày cập nhật"):
        parse_text_page(page_text(date_line=None))


def test_parse_rejects_impossible_date():
    with pytest.raises(ImportFormatError, match="Ngày không hợp lệ: 31/02/2022"):
        parse_text_page(page_text(date_line="Ngày cập nhật 31/02/2022"))


def test_parse_rejects_date_in_wrong_format():
    with pytest.raises(ImportFormatError, match="dd/mm/yyyy"):
        parse_text_page(page_text(date_line="Ngày cập nhật hôm qua"))


def test_parse_rejects_missing_title():
    with pytest.raises(ImportFormatError, match="tiêu đề"):
        parse_text_page("\n\nNgày cập nhật 10/01/2022\nNội dung.\n")


def test_parse_rejects_empty_body():
    with pytest.raises(ImportFormatError, match="không có nội dung"):
        parse_text_page(f"{GOOD_TITLE}\nNgày cập nhật 10/01/2022\n\nCác tin khác\n")


# --- parse_jsonl (pure) --------------------------------------------------------------------------


def test_parse_jsonl_skips_blank_lines_and_keeps_line_numbers():
    text = jsonl(record(title="Một"), "", record(title="Ba"))

    records = list(parse_jsonl(text, "Mặc định"))

    assert [(r.line_number, r.data.title) for r in records] == [(1, "Một"), (3, "Ba")]


@pytest.mark.parametrize("value", ["2022-01-10", "10/01/2022", "2022-01-10T08:30:00+07:00"])
def test_parse_jsonl_accepts_iso_and_vietnamese_dates(value):
    (parsed,) = parse_jsonl(jsonl(record(date=value)), "Mặc định")
    assert parsed.data.date == datetime.date(2022, 1, 10)


def test_parse_jsonl_defaults_section():
    line = record()
    del line["section"]
    (parsed,) = parse_jsonl(jsonl(line), "Mặc định")
    assert parsed.section == "Mặc định"


def test_parse_jsonl_body_text_becomes_escaped_paragraphs():
    (parsed,) = parse_jsonl(jsonl(record(body_text="Một <i>hai</i>\n\nBa")), "Mặc định")
    assert parsed.data.body_html == "<p>Một &lt;i&gt;hai&lt;/i&gt;</p><p>Ba</p>"


def test_parse_jsonl_normalises_nfd_from_json_escapes():
    nfd = unicodedata.normalize("NFD", SEED_TITLE)
    line = json.dumps(record(title=nfd, section=unicodedata.normalize("NFD", SEED_SECTION)))  # "\u0301" escapes
    assert line.isascii()

    (parsed,) = parse_jsonl(decode(line.encode()), "Mặc định")

    assert parsed.data.title == SEED_TITLE
    assert parsed.section == SEED_SECTION


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"title": ', "JSON không hợp lệ"),
        ("[1, 2]", "đối tượng JSON"),
        (json.dumps(record(title="")), "“title”"),
        (json.dumps({k: v for k, v in record().items() if k != "date"}), "“date”"),
        (json.dumps(record(date="31/02/2022")), "Ngày không hợp lệ"),
        (json.dumps({k: v for k, v in record().items() if k != "body_text"}), "body_html"),
        (json.dumps(record(source_url=42)), "source_url"),
    ],
    ids=["invalid-json", "not-an-object", "no-title", "no-date", "bad-date", "no-body", "bad-source-url"],
)
def test_parse_jsonl_reports_bad_line(line, reason):
    (parsed,) = parse_jsonl(line + "\n", "Mặc định")
    assert parsed.data is None
    assert parsed.line_number == 1
    assert reason in parsed.error


# --- command: the seed file ----------------------------------------------------------------------


@pytest.fixture
def seed_article(home) -> ArticlePage:
    run = run_import(SEED_FILE, section=SEED_SECTION)
    assert run.error is None, run.err
    return ArticlePage.objects.get()


def test_seed_title_date_and_author(seed_article):
    assert seed_article.title == SEED_TITLE
    assert seed_article.display_date == datetime.date(2022, 1, 10)
    assert seed_article.author == "Diệu Hà"


def test_seed_list_items_are_li(seed_article):
    items = list_items(body_of(seed_article))

    assert len(items) == 5
    for item, expected in zip(items, SEED_LIST_ITEMS, strict=True):
        assert item.startswith(expected)
    assert "-Tình hình" not in body_of(seed_article)


def test_seed_body_has_no_navigation_noise(seed_article):
    body = body_of(seed_article)
    for noise in NAVIGATION_NOISE:
        assert noise not in body
    assert "Diệu Hà" not in body


def test_seed_article_is_live_in_section_with_slug(seed_article):
    assert seed_article.live
    assert seed_article.slug == SEED_SLUG
    parent = seed_article.get_parent().specific
    assert isinstance(parent, SectionPage)
    assert parent.title == SEED_SECTION


def test_seed_uses_existing_section(section):
    run_import(SEED_FILE, section=SEED_SECTION)

    assert ArticlePage.objects.child_of(section).get().title == SEED_TITLE
    assert SectionPage.objects.filter(title=SEED_SECTION).count() == 1


def test_section_option_in_argv_form(home):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", str(SEED_FILE), f"--section={SEED_SECTION}", stdout=out, stderr=err)
    assert ArticlePage.objects.get().get_parent().title == SEED_SECTION


def test_default_section_is_tin_tuc_su_kien(home):
    run = run_import(SEED_FILE, section=None)
    assert run.error is None
    assert ArticlePage.objects.get().get_parent().title == "Tin tức - Sự kiện"


# --- command: malformed files --------------------------------------------------------------------


def _write_empty(path: Path) -> None:
    path.write_bytes(b"")


def _write_png(path: Path) -> None:
    path.write_bytes(PNG_HEADER + random.Random(1).randbytes(8192))


def _write_no_date(path: Path) -> None:
    write(path, page_text(title="Bài không có ngày", date_line=None))


def _write_bad_date(path: Path) -> None:
    write(path, page_text(title="Bài có ngày sai", date_line="Ngày cập nhật 31/02/2022"))


def _write_utf16(path: Path) -> None:
    path.write_text(page_text(title="Bài mã UTF-16"), encoding="utf-16")


def _write_cp1258(path: Path) -> None:
    path.write_bytes(encode_cp1258(page_text(title="Bài mã Windows")))


def _write_50_mb(path: Path) -> None:
    with path.open("wb") as f:
        f.write(page_text(title="Bài quá lớn").encode())
        f.truncate(50 * 1024 * 1024)


MALFORMED = [
    pytest.param(_write_empty, "Tệp rỗng", id="empty"),
    pytest.param(_write_png, "Tệp nhị phân", id="binary-png"),
    pytest.param(_write_no_date, "Không tìm thấy dòng “Ngày cập nhật", id="no-date-line"),
    pytest.param(_write_bad_date, "Ngày không hợp lệ: 31/02/2022", id="bad-date"),
    pytest.param(_write_utf16, "UTF-16", id="utf-16"),
    pytest.param(_write_cp1258, "Windows-1258", id="windows-1258"),
    pytest.param(_write_50_mb, "Tệp quá lớn", id="50-mb"),
]


@pytest.mark.parametrize(("make_bad_file", "reason"), MALFORMED)
def test_malformed_file_is_reported_and_good_file_still_imports(home, tmp_path, make_bad_file, reason):
    bad = tmp_path / "hong.txt"
    make_bad_file(bad)
    good = write(tmp_path / "tot.txt", page_text())

    run = run_import(bad, good)

    assert isinstance(run.error, CommandError)
    assert str(run.error) == "Đã tạo: 1, đã cập nhật: 0, lỗi: 1"
    (message,) = error_lines(run, bad)
    assert reason in message
    assert [a.title for a in ArticlePage.objects.all()] == [GOOD_TITLE]


def test_malformed_file_alone_imports_nothing(home, tmp_path):
    bad = write(tmp_path / "hong.txt", page_text(date_line="Ngày cập nhật 31/02/2022"))

    run = run_import(bad)

    assert run.error is not None
    assert not ArticlePage.objects.exists()
    assert not SectionPage.objects.exists()


def test_missing_path_is_reported(home, tmp_path):
    missing = tmp_path / "khong-co.txt"
    good = write(tmp_path / "tot.txt", page_text())

    run = run_import(missing, good)

    assert isinstance(run.error, CommandError)
    assert f"Lỗi: {missing}: không tìm thấy tệp hoặc thư mục." in run.err
    assert ArticlePage.objects.get().title == GOOD_TITLE


# --- command: idempotency ------------------------------------------------------------------------


def test_reimport_same_file_updates_instead_of_duplicating(home, tmp_path):
    path = write(tmp_path / "bai.txt", page_text())

    first = run_import(path)
    article = ArticlePage.objects.get()
    second = run_import(path)

    assert first.error is None and second.error is None
    assert "Đã tạo: 1, đã cập nhật: 0, lỗi: 0" in first.out
    assert "Đã tạo: 0, đã cập nhật: 1, lỗi: 0" in second.out
    assert ArticlePage.objects.get().pk == article.pk
    assert Page.objects.filter(title=GOOD_TITLE).count() == 1


def test_reimport_with_changed_body_updates_live_article(home, tmp_path):
    path = write(tmp_path / "bai.txt", page_text(paragraphs=("Nội dung cũ.",)))
    run_import(path)
    write(path, page_text(paragraphs=("Nội dung mới đã sửa.",)))

    run = run_import(path)

    article = ArticlePage.objects.get()
    assert "đã cập nhật: 1" in run.out
    assert article.live
    assert "Nội dung mới đã sửa." in body_of(article)
    assert "Nội dung cũ." not in body_of(article)
    assert not article.has_unpublished_changes


def test_reimport_keeps_first_published_date(home, tmp_path):
    path = write(tmp_path / "bai.txt", page_text())
    run_import(path)
    run_import(path)

    article = ArticlePage.objects.get()
    assert article.first_published_at.date() == datetime.date(2022, 1, 10)


# --- command: JSON Lines -------------------------------------------------------------------------


def test_jsonl_fields_are_stored(home, tmp_path):
    url = "https://skhcn.thuathienhue.gov.vn/?gd=1&cn=28&tc=1"
    path = write(tmp_path / "bai.jsonl", jsonl(record(title="Tin có nguồn", sapo="Tóm tắt.", source_url=url)))

    run = run_import(path)

    assert run.error is None
    article = ArticlePage.objects.get()
    assert article.title == "Tin có nguồn"
    assert article.author == "Thanh Bình"
    assert article.sapo == "Tóm tắt."
    assert article.source_url == url
    assert article.get_parent().title == "Tin tức - Sự kiện"
    assert body_of(article) == "<p>Đoạn thứ nhất.</p><p>Đoạn thứ hai.</p>"
    assert article.live


@pytest.mark.parametrize("value", ["2022-01-10", "10/01/2022"])
def test_jsonl_date_forms(home, tmp_path, value):
    run_import(write(tmp_path / "bai.jsonl", jsonl(record(date=value))))
    assert ArticlePage.objects.get().display_date == datetime.date(2022, 1, 10)


def test_jsonl_body_html_is_used(home, tmp_path):
    line = record(body_html="<p>Đoạn <b>đậm</b>.</p><ul><li>Mục một</li></ul>")
    del line["body_text"]

    run_import(write(tmp_path / "bai.jsonl", jsonl(line)))

    body = body_of(ArticlePage.objects.get())
    assert "<b>đậm</b>" in body
    assert "<li>Mục một</li>" in body


def test_jsonl_body_html_script_is_sanitised(home, tmp_path):
    html = '<p onclick="steal()">Tin an toàn.</p><script>alert("xss")</script><style>p{}</style>'
    run_import(write(tmp_path / "bai.jsonl", jsonl(record(body_html=html))))

    body = body_of(ArticlePage.objects.get())
    assert "Tin an toàn." in body
    assert "<script" not in body.lower()
    assert "<style" not in body.lower()
    assert "onclick" not in body


def test_jsonl_reimport_by_source_url_updates_title(home, tmp_path):
    url = "https://example.gov.vn/tin/123"
    path = write(tmp_path / "bai.jsonl", jsonl(record(title="Tiêu đề cũ", source_url=url)))
    run_import(path)
    first = ArticlePage.objects.get()
    write(path, jsonl(record(title="Tiêu đề mới", source_url=url)))

    run = run_import(path)

    assert "Đã tạo: 0, đã cập nhật: 1, lỗi: 0" in run.out
    article = ArticlePage.objects.get()
    assert article.pk == first.pk
    assert article.title == "Tiêu đề mới"


def test_jsonl_missing_section_is_created(home, tmp_path):
    run_import(write(tmp_path / "bai.jsonl", jsonl(record(section="Chuyển đổi số"))))

    new_section = SectionPage.objects.get(title="Chuyển đổi số")
    assert new_section.live
    assert new_section.get_parent().pk == home.pk
    assert ArticlePage.objects.child_of(new_section).count() == 1


def test_jsonl_without_section_uses_command_section(home, tmp_path):
    line = record()
    del line["section"]

    run_import(write(tmp_path / "bai.jsonl", jsonl(line)), section="Khoa học - Công nghệ")

    assert ArticlePage.objects.get().get_parent().title == "Khoa học - Công nghệ"


def test_jsonl_nfd_section_matches_existing_section(section, tmp_path):
    line = json.dumps(
        record(
            title=unicodedata.normalize("NFD", SEED_TITLE),
            section=unicodedata.normalize("NFD", SEED_SECTION),
        )
    )  # ASCII with "\u0301"-style escapes
    run_import(write(tmp_path / "bai.jsonl", line + "\n"))

    assert SectionPage.objects.filter(title=SEED_SECTION).count() == 1
    article = ArticlePage.objects.child_of(section).get()
    assert article.title == SEED_TITLE


def test_jsonl_bad_lines_are_reported_and_others_import(home, tmp_path):
    path = write(
        tmp_path / "lo.jsonl",
        jsonl(
            record(title="Dòng một"),
            '{"title": "Dòng hai", ',
            {k: v for k, v in record().items() if k != "title"},
            record(title="Dòng bốn"),
        ),
    )

    run = run_import(path)

    assert isinstance(run.error, CommandError)
    assert str(run.error) == "Đã tạo: 2, đã cập nhật: 0, lỗi: 2"
    assert f"Lỗi: {path}:2: JSON không hợp lệ" in run.err
    assert f"Lỗi: {path}:3: thiếu trường “title”." in run.err
    assert sorted(ArticlePage.objects.values_list("title", flat=True)) == ["Dòng bốn", "Dòng một"]


# --- command: folders and progress ---------------------------------------------------------------


def test_folder_is_walked_recursively(home, tmp_path):
    write(tmp_path / "nguon" / "2022" / "01" / "bai.txt", page_text())
    write(tmp_path / "nguon" / "2022" / "tin.jsonl", jsonl(record(title="Tin từ JSON")))
    write(tmp_path / "nguon" / "ghi-chu.md", "không phải bài viết")

    run = run_import(tmp_path / "nguon")

    assert run.error is None, run.err
    assert "Đã tạo: 2, đã cập nhật: 0, lỗi: 0" in run.out
    assert sorted(ArticlePage.objects.values_list("title", flat=True)) == sorted([GOOD_TITLE, "Tin từ JSON"])
    assert "2/2" in run.err


def test_progress_bar_is_written_to_stderr(home):
    run = run_import(SEED_FILE)

    assert "[###" in run.err
    assert "1/1" in run.err
    assert SEED_FILE.name in run.err
    assert "[###" not in run.out


# --- atomicity -----------------------------------------------------------------------------------

BROKEN_TITLE = "Bài viết gây lỗi khi lưu"


@pytest.fixture
def broken_save_revision(monkeypatch):
    original = ArticlePage.save_revision

    def save_revision(self, *args, **kwargs):
        if self.title == BROKEN_TITLE:
            raise RuntimeError("ổ đĩa đầy")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ArticlePage, "save_revision", save_revision)


@pytest.fixture
def broken_publish(monkeypatch):
    original = Revision.publish

    def publish(self, *args, **kwargs):
        if self.content.get("title") == BROKEN_TITLE:
            raise RuntimeError("không xuất bản được")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Revision, "publish", publish)


def _assert_only_good_article_left(section_title: str = SEED_SECTION) -> None:
    assert not Page.objects.filter(title=BROKEN_TITLE).exists()
    assert not ArticlePage.objects.filter(title=BROKEN_TITLE).exists()
    assert [a.title for a in ArticlePage.objects.all()] == [GOOD_TITLE]
    section = SectionPage.objects.get(title=section_title)
    assert section.numchild == section.get_children().count() == 1


@pytest.mark.usefixtures("broken_save_revision")
def test_failed_save_revision_leaves_no_page(home, tmp_path):
    broken = write(tmp_path / "a-hong.txt", page_text(title=BROKEN_TITLE))
    good = write(tmp_path / "b-tot.txt", page_text())

    run = run_import(broken, good)

    assert isinstance(run.error, CommandError)
    assert f"Lỗi: {broken}: lỗi khi lưu bài viết (ổ đĩa đầy)." in run.err
    _assert_only_good_article_left()


@pytest.mark.usefixtures("broken_publish")
def test_failed_publish_leaves_no_page(home, tmp_path):
    broken = write(tmp_path / "a-hong.txt", page_text(title=BROKEN_TITLE))
    good = write(tmp_path / "b-tot.txt", page_text())

    run = run_import(broken, good)

    assert isinstance(run.error, CommandError)
    assert "không xuất bản được" in run.err
    assert not Revision.objects.filter(object_str=BROKEN_TITLE).exists()
    _assert_only_good_article_left()


@pytest.mark.usefixtures("broken_save_revision")
def test_failed_jsonl_record_leaves_no_page_and_no_new_section(home, tmp_path):
    path = write(
        tmp_path / "bai.jsonl",
        jsonl(
            record(title=BROKEN_TITLE, section="Chuyên mục chỉ có bài lỗi"),
            record(title=GOOD_TITLE, section=SEED_SECTION),
        ),
    )

    run = run_import(path)

    assert f"Lỗi: {path}:1: lỗi khi lưu bài viết (ổ đĩa đầy)." in run.err
    assert not SectionPage.objects.filter(title="Chuyên mục chỉ có bài lỗi").exists()
    _assert_only_good_article_left()


@pytest.mark.usefixtures("broken_save_revision")
def test_article_import_service_is_all_or_nothing(section):
    data = ArticleData(title=BROKEN_TITLE, date=datetime.date(2022, 1, 10), body_html="<p>Nội dung.</p>")

    with pytest.raises(RuntimeError, match="ổ đĩa đầy"):
        article_import(section=section, data=data)

    assert not Page.objects.filter(title=BROKEN_TITLE).exists()
    section.refresh_from_db()
    assert section.numchild == 0


def test_failed_update_keeps_previous_live_version(home, tmp_path, monkeypatch):
    path = write(tmp_path / "bai.txt", page_text(title=BROKEN_TITLE, paragraphs=("Bản đã xuất bản.",)))
    run_import(path)
    revisions = Revision.objects.count()
    write(path, page_text(title=BROKEN_TITLE, paragraphs=("Bản sửa bị lỗi.",)))

    def publish(self, *args, **kwargs):
        raise RuntimeError("không xuất bản được")

    monkeypatch.setattr(Revision, "publish", publish)
    run = run_import(path)

    assert run.error is not None
    article = ArticlePage.objects.get()
    assert "Bản đã xuất bản." in body_of(article)
    assert "Bản sửa bị lỗi." not in body_of(article)
    assert Revision.objects.count() == revisions


# --- runner API ----------------------------------------------------------------------------------


def test_import_paths_report_counts(home, tmp_path):
    good = write(tmp_path / "tot.txt", page_text())
    empty = write(tmp_path / "rong.txt", b"")
    calls = []

    report = import_paths([good, empty], default_section=SEED_SECTION, on_progress=lambda *a: calls.append(a))

    assert (report.created, report.updated, report.failed) == (1, 0, 1)
    assert report.errors == [f"{empty}: Tệp rỗng."]
    assert calls == [(1, 2, good), (2, 2, empty)]


def test_same_title_on_two_dates_gets_two_distinct_slugs(section):
    first, _ = article_import(
        section=section, data=ArticleData(title="Thông báo", date=datetime.date(2022, 1, 3), body_html="<p>Một</p>")
    )
    second, created = article_import(
        section=section, data=ArticleData(title="Thông báo", date=datetime.date(2022, 1, 4), body_html="<p>Hai</p>")
    )
    assert created
    assert first.slug == "thong-bao"
    assert second.slug == "thong-bao-2"
    assert first.live and second.live
