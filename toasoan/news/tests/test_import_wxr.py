"""`import_articles` on WordPress WXR exports: posts, sections, tags, authors, drafts, pages, autop,
captions, attachments, featured images, redirects, idempotency by guid, resume, bad files, no network."""

import datetime
import io
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.utils.file import hash_filelike

from toasoan.news.importer import runner, store
from toasoan.news.importer.errors import ImportFormatError
from toasoan.news.importer.wxr_format import autop, parse_wxr
from toasoan.news.models import ArticlePage, SectionPage

SAMPLES = Path(__file__).parent / "samples"
WXR = SAMPLES / "wxr" / "skhcn-wordpress.xml"
MEDIA = SAMPLES / "media"
LAUNCH = "Ra mắt Sàn giao dịch công nghệ trực tuyến của tỉnh"
INDEX = "Chỉ số đổi mới sáng tạo cấp tỉnh năm 2021 tăng 5 bậc"
HOLIDAY = "Thông báo nghỉ Tết Nguyên đán Nhâm Dần 2022"
DRAFT = "Dự thảo: Kế hoạch hội thảo khởi nghiệp 2022"
PAGE = "Giới thiệu Trung tâm"


def content_hash(path: Path) -> str:
    """Wagtail's hash of a file: imported images are re-encoded, their hash keeps the original's."""
    with path.open("rb") as handle:
        return hash_filelike(handle)


@dataclass
class Run:
    out: str
    err: str
    error: Exception | None


def run_import(*args, media: Path | None = MEDIA) -> Run:
    out, err = io.StringIO(), io.StringIO()
    media_args = ["--media-root", str(media)] if media else []
    try:
        call_command("import_articles", *[str(a) for a in args], *media_args, stdout=out, stderr=err)
    except CommandError as exc:
        return Run(out.getvalue(), err.getvalue(), exc)
    return Run(out.getvalue(), err.getvalue(), None)


def body_html(article: ArticlePage) -> str:
    return "".join(str(block.value.source) for block in article.body if block.block_type == "paragraph")


def blocks(article: ArticlePage, kind: str) -> list:
    return [block.value for block in article.body if block.block_type == kind]


@pytest.fixture(autouse=True)
def state_dir(tmp_path, settings) -> Path:
    settings.TOASOAN_IMPORT_STATE_DIR = str(tmp_path / "state")
    return tmp_path / "state"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the importer tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def imported(home) -> Run:
    run = run_import(WXR)
    assert run.error is None, run.err
    return run


def test_posts_are_imported_and_drafts_and_pages_skipped(imported):
    assert "Đã tạo: 3, đã cập nhật: 0, lỗi: 0, bỏ qua: 2" in imported.out
    assert sorted(ArticlePage.objects.values_list("title", flat=True)) == sorted([LAUNCH, INDEX, HOLIDAY])
    assert f"“{DRAFT}”: bản nháp (trạng thái “draft”) không được nhập." in imported.err
    assert f"“{PAGE}”: trang (page) không được nhập; dùng --include-pages." in imported.err
    assert "Cảnh báo" not in imported.err  # every media file of the sample is on disk
    assert all(article.live for article in ArticlePage.objects.all())


def test_post_fields(imported):
    article = ArticlePage.objects.get(title=LAUNCH)
    assert article.display_date == datetime.date(2022, 1, 18)  # wp:post_date, the site's local time
    assert article.author == "Diệu Hà"  # dc:creator "dieuha" → the author's display name
    assert article.sapo == "Sàn giao dịch công nghệ trực tuyến kết nối cung - cầu công nghệ của tỉnh."
    assert article.source_url == "https://ttkhcn.example.gov.vn/2022/01/18/ra-mat-san-giao-dich-cong-nghe/"
    assert sorted(article.tags.names()) == ["sàn giao dịch công nghệ", "đổi mới sáng tạo"]
    assert article.import_key == "https://ttkhcn.example.gov.vn/?p=215"


def test_categories_become_sections(imported):
    assert ArticlePage.objects.get(title=LAUNCH).get_parent().title == "Chuyển đổi số"
    assert ArticlePage.objects.get(title=INDEX).get_parent().title == "Cải cách hành chính"  # the first one
    # "Chưa phân loại" (Uncategorized) is no section: the command's --section is used.
    assert ArticlePage.objects.get(title=HOLIDAY).get_parent().title == "Tin tức - Sự kiện"
    assert not SectionPage.objects.filter(title="Chưa phân loại").exists()


def test_classic_editor_text_gets_paragraphs(imported):
    body = body_html(ArticlePage.objects.get(title=LAUNCH))
    assert body.startswith("<p>Sáng 18/1, Sở Khoa học và Công nghệ phối hợp")
    assert "nhà sáng chế.<br/>Người dùng đăng ký" in body.replace("\n", "")
    assert "<p><b>Các chức năng chính:</b></p>" in body or "<p><strong>Các chức năng chính:</strong></p>" in body
    assert "<ul><li>Đăng tải công nghệ" in body.replace("\n", "")
    assert "<br/><li>" not in body.replace("\n", "") and "<li><br" not in body
    assert "jQuery" not in body and "<script" not in body


def test_block_editor_comments_are_dropped(imported):
    body = body_html(ArticlePage.objects.get(title=INDEX))
    assert "wp:paragraph" not in body
    assert body.startswith("<p>Theo kết quả công bố của Bộ Khoa học và Công nghệ")


def test_autop():
    assert autop("Một.\n\nHai\nba.") == "<p>Một.</p>\n<p>Hai<br>\nba.</p>"
    assert autop("Chữ\n<ul>\n<li>a</li>\n</ul>\nSau") == "<p>Chữ</p>\n<ul>\n<li>a</li>\n</ul>\n<p>Sau</p>"
    assert autop("<!-- wp:paragraph -->\n<p>Đoạn.</p>\n<!-- /wp:paragraph -->") == "<p>Đoạn.</p>"


def test_caption_shortcode_and_resized_copy_give_the_original_image_with_alt(imported):
    article = ArticlePage.objects.get(title=LAUNCH)
    (figure,) = blocks(article, "figure")
    # alt="" in the post: the attachment's _wp_attachment_image_alt is used.
    assert figure["alt"] == "Lãnh đạo tỉnh bấm nút ra mắt Sàn giao dịch công nghệ trực tuyến"
    assert figure["caption"] == "Các đại biểu bấm nút ra mắt Sàn giao dịch công nghệ"
    original = MEDIA / "wp-content/uploads/2022/01/ra-mat-san-giao-dich.jpg"
    assert figure["image"].file_hash == content_hash(original)  # not the -1024x683 copy, absent on disk
    assert "[caption" not in body_html(article)


def test_featured_image_from_thumbnail(imported):
    article = ArticlePage.objects.get(title=LAUNCH)
    assert article.featured_image_id == blocks(article, "figure")[0]["image"].pk
    assert article.featured_image_alt == "Lãnh đạo tỉnh bấm nút ra mắt Sàn giao dịch công nghệ trực tuyến"


def test_block_editor_image_and_table(imported):
    article = ArticlePage.objects.get(title=INDEX)
    figures = blocks(article, "figure")
    assert [f["alt"] for f in figures] == [
        "Biểu đồ thứ hạng chỉ số đổi mới sáng tạo của tỉnh qua các năm",
        "Hội nghị công bố chỉ số",
    ]
    (table,) = blocks(article, "table")
    assert table["table_caption"] == "Thứ hạng một số nhóm chỉ số"
    assert table["data"] == [
        ["Nhóm chỉ số", "Năm 2020", "Năm 2021"],
        ["Thể chế", "35", "21"],
        ["Nguồn nhân lực", "27", "19"],
    ]
    assert table["first_row_is_table_header"]
    assert [b.block_type for b in article.body] == ["paragraph", "figure", "table", "figure", "paragraph"]


def test_linked_and_attached_files(imported):
    launch = ArticlePage.objects.get(title=LAUNCH)
    rules = Document.objects.get(title="Quy chế hoạt động của Sàn")
    assert f'<a id="{rules.pk}" linktype="document">Quy chế hoạt động của Sàn</a>' in body_html(launch)
    assert [a.document_id for a in launch.attachments.all()] == [rules.pk]
    # A PDF uploaded to the post but not linked from its text is still listed as an attachment.
    index = ArticlePage.objects.get(title=INDEX)
    assert [a.label for a in index.attachments.all()] == ["Báo cáo PII 2021"]


def test_redirects_from_permalink_and_guid(imported, client):
    article = ArticlePage.objects.get(title=LAUNCH)
    paths = set(Redirect.objects.filter(redirect_page=article).values_list("old_path", flat=True))
    assert paths == {"/2022/01/18/ra-mat-san-giao-dich-cong-nghe", "/?p=215"}
    response = client.get("/2022/01/18/ra-mat-san-giao-dich-cong-nghe/")
    assert response.status_code == 301
    assert response["Location"].endswith(article.url)


def test_drafts_imported_as_drafts_when_asked(home):
    run = run_import(WXR, "--drafts", "draft")

    assert "Đã tạo: 4, đã cập nhật: 0, lỗi: 0, bỏ qua: 1" in run.out
    draft = ArticlePage.objects.get(title=DRAFT)
    assert not draft.live
    assert draft.has_unpublished_changes
    assert draft.first_published_at is None


def test_pages_imported_when_asked(home):
    run = run_import(WXR, "--include-pages")
    assert "Đã tạo: 4, đã cập nhật: 0, lỗi: 0, bỏ qua: 1" in run.out
    assert ArticlePage.objects.get(title=PAGE).live


# --- idempotency ---------------------------------------------------------------------------------


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (ArticlePage, SectionPage, Image, Document, Redirect))


def test_rerun_updates_and_never_duplicates(imported):
    counts = _counts()
    run = run_import(WXR)
    assert "Đã tạo: 0, đã cập nhật: 3, lỗi: 0, bỏ qua: 2" in run.out
    assert _counts() == counts == (3, 3, 3, 2, 6)


def test_guid_is_the_identity(home, tmp_path):
    export = tmp_path / "xuat.xml"
    text = WXR.read_text(encoding="utf-8")
    export.write_text(text, encoding="utf-8")
    run_import(export)
    pk = ArticlePage.objects.get(title=LAUNCH).pk
    export.write_text(text.replace(f"<![CDATA[{LAUNCH}]]>", "<![CDATA[Sàn giao dịch công nghệ chính thức hoạt động]]>"))

    run = run_import(export)

    assert "Đã tạo: 0, đã cập nhật: 3" in run.out
    assert ArticlePage.objects.get(pk=pk).title == "Sàn giao dịch công nghệ chính thức hoạt động"
    assert ArticlePage.objects.count() == 3


def test_same_picture_from_html_and_wxr_is_one_image(home):
    # hoi-nghi-cchc-ban-sao.png in the export is a byte-for-byte copy of the Huế page's picture.
    run_import(SAMPLES / "html" / "thuathienhue", "--preset", "thuathienhue")
    images = Image.objects.count()
    run_import(WXR)
    assert Image.objects.count() == images + 2  # ra-mat, bieu-do: new; the copy: the same image


# --- resume --------------------------------------------------------------------------------------


def test_interrupted_run_resumes(home, monkeypatch, state_dir):
    saved: list[str] = []
    original = store.save_parsed
    limit = {"n": 1}

    def save(parsed, **kwargs):
        if limit["n"] is not None and len(saved) >= limit["n"]:
            raise KeyboardInterrupt
        saved.append(parsed.title)
        return original(parsed, **kwargs)

    monkeypatch.setattr(runner, "save_parsed", save)
    assert "Đã dừng giữa chừng" in str(run_import(WXR).error)
    assert saved == [LAUNCH]
    assert ArticlePage.objects.count() == 1

    limit["n"] = None
    run = run_import(WXR)

    assert "Đã tạo: 2, đã cập nhật: 0, lỗi: 0, bỏ qua: 2, đã nhập ở lần chạy trước: 1" in run.out
    assert saved == [LAUNCH, INDEX, HOLIDAY]
    assert ArticlePage.objects.count() == 3
    assert not any(state_dir.iterdir())


# --- bad input -----------------------------------------------------------------------------------


def test_missing_media_is_reported_and_the_post_imported_without_it(home, tmp_path):
    media = tmp_path / "media"
    shutil.copytree(MEDIA, media)
    (media / "wp-content/uploads/2022/01/bieu-do-doi-moi.png").unlink()
    (media / "wp-content/uploads/2022/01/bao-cao-pii-2021.pdf").unlink()

    run = run_import(WXR, media=media)

    assert run.error is None, run.err
    assert "cảnh báo: 2" in run.out
    assert (
        "không tìm thấy ảnh “https://ttkhcn.example.gov.vn/wp-content/uploads/2022/01/bieu-do-doi-moi.png”" in run.err
    )
    assert "không tìm thấy tệp đính kèm" in run.err
    article = ArticlePage.objects.get(title=INDEX)
    assert [f["alt"] for f in blocks(article, "figure")] == ["Hội nghị công bố chỉ số"]
    assert not article.attachments.exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<rss><channel><item><title>Thi", "Tệp XML hỏng"),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title></channel></rss>',
            "thiếu <wp:wxr_version>",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
            b"<rss><channel>&lol2;</channel></rss>",
            "DTD hoặc thực thể XML",
        ),
        ("<rss>Tin tức</rss>".encode("utf-16"), "không phải mã UTF-8"),
    ],
    ids=["truncated", "plain-rss", "entities", "utf-16"],
)
def test_malformed_export_is_reported_and_the_good_one_imports(home, tmp_path, content, reason):
    folder = tmp_path / "xuat"
    folder.mkdir()
    bad = folder / "a-hong.xml"
    bad.write_bytes(content)
    shutil.copy(WXR, folder / "b-tot.xml")

    run = run_import(folder)

    assert isinstance(run.error, CommandError)
    assert str(run.error) == "Đã tạo: 3, đã cập nhật: 0, lỗi: 1, bỏ qua: 2"
    assert f"Lỗi: {bad}: " in run.err and reason in run.err
    assert ArticlePage.objects.count() == 3


def test_post_without_date_or_content_is_reported_alone(home, tmp_path):
    text = WXR.read_text(encoding="utf-8")
    text = text.replace("<![CDATA[2022-01-25 08:00:00]]>", "<![CDATA[0000-00-00 00:00:00]]>")
    export = tmp_path / "xuat.xml"
    export.write_text(text, encoding="utf-8")

    run = run_import(export)

    assert str(run.error) == "Đã tạo: 2, đã cập nhật: 0, lỗi: 1, bỏ qua: 2"
    assert f"#220 “{INDEX}”: ngày đăng không hợp lệ (“0000-00-00 00:00:00”)." in run.err


def test_parse_wxr_never_resolves_external_entities():
    xml = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "http://example.gov.vn/x">]><rss>&x;</rss>'
    with pytest.raises(ImportFormatError, match="DTD"):
        list(parse_wxr(xml))
