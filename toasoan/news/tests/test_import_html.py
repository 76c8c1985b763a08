"""`import_articles` on HTML pages saved from old portals: presets, selector overrides, dates, body
cleaning, images and files from disk, redirects, idempotency, resume, bad files, and no network."""

import datetime
import io
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.utils.file import hash_filelike

from toasoan.news.importer import runner, store
from toasoan.news.importer.cleaning import clean_body
from toasoan.news.importer.dates import find_date
from toasoan.news.importer.errors import ImportFormatError
from toasoan.news.importer.presets import PRESETS
from toasoan.news.models import ArticleAttachment, ArticlePage, SectionPage
from toasoan.news.tests.test_importer import encode_cp1258

SAMPLES = Path(__file__).parent / "samples"
HTML = SAMPLES / "html"
MEDIA = SAMPLES / "media"
SEED_TITLE = "Sở Khoa học và Công nghệ ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2022"
SEED_URL = "https://skhcn.thuathienhue.gov.vn/?gd=1&cn=28&tc=1"
SP_TITLE = "Hội nghị tổng kết công tác khoa học và công nghệ năm 2021, triển khai nhiệm vụ năm 2022"
SP_OLD_PATH = "/tin-tuc/Pages/hoi-nghi-tong-ket-cong-tac-khcn-nam-2021.aspx?ItemID=1875"
LR_TITLE = "Thông báo tuyển chọn tổ chức, cá nhân chủ trì thực hiện nhiệm vụ KH&CN cấp tỉnh năm 2023"


def content_hash(path: Path) -> str:
    """Wagtail's hash of a file: imported images are re-encoded, their hash keeps the original's."""
    with path.open("rb") as handle:
        return hash_filelike(handle)


@dataclass
class Run:
    out: str
    err: str
    error: Exception | None


def run_import(*args) -> Run:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *[str(a) for a in args], stdout=out, stderr=err)
    except CommandError as exc:
        return Run(out.getvalue(), err.getvalue(), exc)
    return Run(out.getvalue(), err.getvalue(), None)


def import_preset(preset: str, *paths, media: Path | None = MEDIA, extra=()) -> Run:
    media_args = ["--media-root", media] if media else []
    return run_import(*paths, "--preset", preset, *media_args, *extra)


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
    """Every test here fails if the importer opens a socket or resolves a name."""

    def refuse(*args, **kwargs):
        raise AssertionError("the importer tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_network_guard_is_armed():
    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("example.gov.vn", 80))


def test_pages_with_remote_media_urls_import_without_network(home):
    # All media URLs in the samples are absolute https:// addresses; the guard would turn any fetch
    # into an error in the report.
    run = import_preset("thuathienhue", HTML / "thuathienhue")
    assert run.error is None, run.err
    assert "Lỗi" not in run.err and "Cảnh báo" not in run.err
    assert Image.objects.count() == 2  # one picture is both a featured image and a figure


# --- presets -------------------------------------------------------------------------------------


def test_thuathienhue_preset_reads_the_seed_portal_page(home):
    run = import_preset("thuathienhue", HTML / "thuathienhue" / "tin-cchc-2022.html")

    assert run.error is None, run.err
    assert "Đã tạo: 1, đã cập nhật: 0, lỗi: 0" in run.out
    article = ArticlePage.objects.get()
    assert article.title == SEED_TITLE
    assert article.display_date == datetime.date(2022, 1, 10)
    assert article.author == "Diệu Hà"
    assert article.source_url == SEED_URL
    assert article.get_parent().title == "Cải cách hành chính"
    assert article.live
    body = body_html(article)
    assert "Căn cứ Kế hoạch số 405/KH-UBND ngày 30/12/2021" in body
    assert "<li>Phổ biến nội dung liên quan kế hoạch" in body
    # The byline, the page chrome and the navigation around the article stay out of the body.
    for chrome in ("Diệu Hà", "Các tin khác", "In bài viết", "Xem tin theo ngày", "Tìm kiếm tin tức", "Quảng cáo"):
        assert chrome not in body


def test_thuathienhue_preset_reads_sapo_table_and_attachment_box(home):
    run = import_preset("thuathienhue", HTML / "thuathienhue" / "tin-tap-huan-cchc.html")

    assert run.error is None, run.err
    article = ArticlePage.objects.get()
    assert article.sapo.startswith("Sáng 05/01, Sở KH&CN tổ chức hội nghị tập huấn")
    assert article.author == "Hoàng Hương"
    assert article.display_date == datetime.date(2022, 1, 5)
    (table,) = blocks(article, "table")
    assert table["first_row_is_table_header"]
    assert table["data"][0] == ["Nội dung", "Báo cáo viên"]
    assert ["Dịch vụ công trực tuyến mức độ 4", "Trung tâm Thông tin và Thống kê KH&CN"] in table["data"]
    (attachment,) = article.attachments.all()
    assert attachment.title == "Tải về: Kế hoạch 29/KH-SKHCN"
    assert attachment.document.file_size == (MEDIA / "Uploads/files/2022/29-KH-SKHCN.pdf").stat().st_size


def test_sharepoint_preset(home):
    run = import_preset("sharepoint", HTML / "sharepoint")

    assert run.error is None, run.err
    article = ArticlePage.objects.get()
    assert article.title == SP_TITLE
    assert article.display_date == datetime.date(2022, 1, 14)  # "Thứ Sáu, 14/01/2022 08:30"
    assert article.author == "Minh Tâm"  # "Tác giả: " dropped
    assert article.sapo.startswith("(Cổng TTĐT) - Ngày 14/01")
    assert article.get_parent().title == "Hoạt động ngành"  # the breadcrumb's last link
    assert sorted(article.tags.names()) == ["khoa học và công nghệ", "tổng kết"]
    body = body_html(article)
    assert "<h2>Kết quả nổi bật</h2>" in body  # the body's h1 demoted: the page has one h1
    assert "<ol><li>Nghiệm thu 18 nhiệm vụ KH&amp;CN cấp tỉnh;</li>" in body
    assert "Chia sẻ Facebook" not in body and "Tin liên quan" not in body
    assert article.featured_image is not None
    assert article.featured_image_alt


def test_liferay_preset(home):
    run = import_preset("liferay", HTML / "liferay")

    assert run.error is None, run.err
    article = ArticlePage.objects.get()
    assert article.title == LR_TITLE
    assert article.display_date == datetime.date(2022, 1, 5)  # "05-01-2022 | 14:05"
    assert article.author == "Phòng Quản lý Khoa học"
    assert article.sapo.startswith("Sở KH&CN thông báo tuyển chọn")
    assert article.get_parent().title == "Thông báo"
    assert sorted(article.tags.names()) == ["nhiệm vụ KH&CN", "tuyển chọn"]
    assert "<h4>Thời hạn nộp hồ sơ</h4>" in body_html(article)  # h5 mapped to the editor's h4
    (table,) = blocks(article, "table")
    assert table["data"][2] == ["2", "Ứng dụng chuyển đổi số trong quản lý di tích", ""]  # colspan padded
    assert "Đánh giá" not in body_html(article)


def test_every_preset_compiles():
    for preset in PRESETS.values():
        preset.selectors.validate()


def test_list_presets(home):
    run = run_import("--list-presets")
    assert run.error is None
    for name in ("thuathienhue", "sharepoint", "liferay", "generic"):
        assert f"{name}: " in run.out


def test_unknown_preset_is_refused(home):
    run = import_preset("joomla", HTML / "liferay")
    assert isinstance(run.error, CommandError)
    assert "Không có mẫu bộ chọn “joomla”" in str(run.error)
    assert "thuathienhue" in str(run.error)
    assert not ArticlePage.objects.exists()


# --- selector overrides --------------------------------------------------------------------------

CUSTOM_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="canonical" href="https://ubnd.example.gov.vn/tin-tuc/chi-tiet.aspx?id=123&amp;utm_source=facebook">
</head><body>
<div class="khung-tin"><div class="tieu-de">Tỉnh phát động phong trào thi đua năm 2022</div>
<span class="ngay-dang">Cập nhật lúc 15:20 ngày 7 tháng 2 năm 2022</span>
<div class="noi-dung"><p>Sáng nay, UBND tỉnh tổ chức lễ phát động phong trào thi đua.</p>
<p class="but-danh">Thanh Bình</p></div></div></body></html>"""


def test_selectors_given_on_the_command_line(home, tmp_path):
    page = tmp_path / "tin.html"
    page.write_text(CUSTOM_PAGE, encoding="utf-8")

    run = run_import(
        page,
        "--title-selector=.khung-tin .tieu-de",
        "--date-selector=.ngay-dang",
        "--body-selector=.noi-dung",
        "--author-selector=.but-danh",
    )

    assert run.error is None, run.err
    article = ArticlePage.objects.get()
    assert article.title == "Tỉnh phát động phong trào thi đua năm 2022"
    assert article.display_date == datetime.date(2022, 2, 7)
    assert article.author == "Thanh Bình"
    assert "Thanh Bình" not in body_html(article)
    assert article.get_parent().title == "Tin tức - Sự kiện"
    assert Redirect.objects.get().old_path == "/tin-tuc/chi-tiet.aspx?id=123"  # tracking dropped, id kept


def test_override_replaces_one_preset_selector(home, tmp_path):
    page = tmp_path / "tin.html"
    source = (HTML / "thuathienhue" / "tin-cchc-2022.html").read_text(encoding="utf-8")
    page.write_text(
        source.replace('<p style="text-align: right;"><strong>Diệu Hà</strong></p>', "<p><em>Lê Na</em></p>")
    )

    run = import_preset("thuathienhue", page, extra=["--author-selector", ".news-content em"])

    assert run.error is None, run.err
    article = ArticlePage.objects.get()
    assert article.author == "Lê Na"
    assert article.display_date == datetime.date(2022, 1, 10)  # the preset's other selectors still apply


def test_remove_selector_adds_to_the_preset(home):
    run = import_preset("thuathienhue", HTML / "thuathienhue" / "tin-cchc-2022.html", extra=["--remove-selector", "ul"])
    assert run.error is None, run.err
    assert "<li>" not in body_html(ArticlePage.objects.get())


def test_invalid_selector_is_refused_before_anything_is_written(home):
    run = import_preset("thuathienhue", HTML / "thuathienhue", extra=["--title-selector", "h2[class="])
    assert isinstance(run.error, CommandError)
    assert "Bộ chọn CSS “title” không hợp lệ" in str(run.error)
    assert not ArticlePage.objects.exists()


def test_presets_file(home, tmp_path):
    page = tmp_path / "tin.html"
    page.write_text(CUSTOM_PAGE, encoding="utf-8")
    presets = tmp_path / "mau.toml"
    presets.write_text(
        '[cong-tinh]\nlabel = "Cổng tỉnh"\ntitle = ".tieu-de"\ndate = ".ngay-dang"\nbody = ".noi-dung"\n'
        'author = ".but-danh"\n',
        encoding="utf-8",
    )
    try:
        run = run_import(page, "--presets", presets, "--preset", "cong-tinh")
    finally:
        PRESETS.pop("cong-tinh", None)

    assert run.error is None, run.err
    assert ArticlePage.objects.get().author == "Thanh Bình"


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngày cập nhật 05/01/2022", datetime.date(2022, 1, 5)),
        ("Thứ Hai, 10/01/2022 08:30", datetime.date(2022, 1, 10)),
        ("05-01-2022", datetime.date(2022, 1, 5)),
        ("05-01-2022 | 14:05", datetime.date(2022, 1, 5)),
        ("Cập nhật: 5.1.2022", datetime.date(2022, 1, 5)),
        ("Ngày 7 tháng 2 năm 2022", datetime.date(2022, 2, 7)),
        ("2022-01-10T08:30:00+07:00", datetime.date(2022, 1, 10)),
    ],
)
def test_vietnamese_dates(text, expected):
    assert find_date(text) == expected


@pytest.mark.parametrize(("text", "message"), [("31/02/2022", "Ngày không hợp lệ"), ("Hôm qua", "Không nhận ra ngày")])
def test_bad_dates(text, message):
    with pytest.raises(ImportFormatError, match=message):
        find_date(text)


# --- cleaning ------------------------------------------------------------------------------------


def test_clean_body_keeps_content_and_drops_code_and_chrome():
    html = """<div class="noi-dung">
      <p onclick="steal()" style="color:red">Đoạn <b>một</b> với
        <a href="/van-ban/1.pdf" onmouseover="x()">liên kết</a>.</p>
      <script>alert(1)</script><style>p{}</style><iframe src="https://video.example"></iframe>
      <form><input name="q"></form>
      <div>Đoạn viết bằng div.</div>
      <p>&nbsp;</p>
      <h1>Tiêu đề phụ</h1><h6>Nhỏ</h6>
      <ul><li>Mục</li></ul>
      <table><tr><td>Ô</td></tr></table>
      <img data-src="/anh/that.jpg" src="/anh/cho.gif" alt="Ảnh thật">
      <a href="javascript:void(0)">In</a>
      <div class="share">Chia sẻ</div>
    </div>"""
    body = BeautifulSoup(html, "html.parser").div

    cleaned = clean_body(body, base_url="https://cu.example.gov.vn/tin/a.html", remove=[".share"])

    assert "<script" not in cleaned and "<style" not in cleaned and "<iframe" not in cleaned
    assert "<form" not in cleaned and "<input" not in cleaned
    assert "onclick" not in cleaned and "onmouseover" not in cleaned and "style=" not in cleaned
    assert "javascript:" not in cleaned and ">In<" not in cleaned.replace("<a>", "")
    assert "Chia sẻ" not in cleaned
    assert '<a href="https://cu.example.gov.vn/van-ban/1.pdf">liên kết</a>' in cleaned
    assert "<p>Đoạn viết bằng div.</p>" in cleaned
    assert "&nbsp;" not in cleaned and "\xa0" not in cleaned
    assert "<h2>Tiêu đề phụ</h2>" in cleaned and "<h4>Nhỏ</h4>" in cleaned
    assert "<li>Mục</li>" in cleaned and "<td>Ô</td>" in cleaned
    assert 'src="https://cu.example.gov.vn/anh/that.jpg"' in cleaned and 'alt="Ảnh thật"' in cleaned
    assert "class=" not in cleaned


def test_stored_body_has_no_script_or_handlers(home):
    import_preset("thuathienhue", HTML / "thuathienhue" / "tin-cchc-2022.html")
    body = body_html(ArticlePage.objects.get())
    assert "<script" not in body and "onclick" not in body and "onerror" not in body and "style" not in body


# --- images and attachments ----------------------------------------------------------------------


def test_images_become_figures_with_their_alt_text(home):
    import_preset("sharepoint", HTML / "sharepoint")

    article = ArticlePage.objects.get()
    (figure,) = blocks(article, "figure")
    assert figure["alt"] == "Trao Bằng khen cho các tập thể"
    assert figure["caption"] == "Trao Bằng khen của UBND tỉnh cho các tập thể có thành tích xuất sắc"
    # The first body image is also og:image: it is the featured image, shown once, above the body;
    # its alt="" gave way to its title attribute.
    assert article.featured_image.file_hash == content_hash(MEDIA / "PublishingImages/2022/hoi-nghi-tong-ket-2021.jpg")
    assert article.featured_image_alt == "Đồng chí Giám đốc Sở phát biểu tại hội nghị"
    stored = figure["image"]
    assert stored.file_hash == content_hash(MEDIA / "PublishingImages/2022/trao-bang-khen.png")
    assert stored.description == "Trao Bằng khen cho các tập thể"
    assert "<img" not in body_html(article)


def test_featured_image_comes_from_og_image(home):
    import_preset("thuathienhue", HTML / "thuathienhue" / "tin-cchc-2022.html")
    article = ArticlePage.objects.get()
    assert article.featured_image.file_hash == content_hash(MEDIA / "Uploads/images/2022/01/hoi-nghi-cchc.png")
    assert article.featured_image_alt


def test_file_links_become_wagtail_documents_and_attachments(home):
    import_preset("sharepoint", HTML / "sharepoint")

    article = ArticlePage.objects.get()
    document = Document.objects.get()
    assert document.title == "Báo cáo tổng kết năm 2021"
    assert f'<a id="{document.pk}" linktype="document">Báo cáo tổng kết năm 2021</a>' in body_html(article)
    assert [a.document_id for a in article.attachments.all()] == [document.pk]


def test_same_file_used_twice_is_stored_once(home):
    # Both Huế pages point at the same PDF (one in the body, one in the attachment box) and the
    # Liferay page links its PDF twice.
    import_preset("thuathienhue", HTML / "thuathienhue")
    import_preset("liferay", HTML / "liferay")

    assert Document.objects.count() == 2
    assert ArticleAttachment.objects.count() == 3
    lr = ArticlePage.objects.get(title=LR_TITLE)
    # One row for one file, labelled as the page's attachment box labels it.
    assert [a.title for a in lr.attachments.all()] == ["Thông báo số 12/TB-SKHCN"]


def test_missing_media_file_is_reported_and_the_article_imported_without_it(home, tmp_path):
    media = tmp_path / "media"
    shutil.copytree(MEDIA, media)
    (media / "Uploads/images/2022/01/quang-canh-tuyen-truyen.jpg").unlink()

    run = import_preset("thuathienhue", HTML / "thuathienhue" / "tin-cchc-2022.html", media=media)

    assert run.error is None, run.err
    assert "cảnh báo: 1" in run.out
    assert "Cảnh báo:" in run.err
    assert (
        "không tìm thấy ảnh “https://skhcn.thuathienhue.gov.vn/Uploads/images/2022/01/quang-canh-tuyen-truyen.jpg”"
        in run.err
    )
    article = ArticlePage.objects.get()
    assert blocks(article, "figure") == []
    assert "Mục đích của kế hoạch" in body_html(article)


def test_no_media_root_imports_text_and_warns(home):
    run = import_preset("sharepoint", HTML / "sharepoint", media=None)
    assert run.error is None, run.err
    assert "cảnh báo: 4" in run.out  # featured image, two figures, one file
    assert ArticlePage.objects.get().featured_image is None


def test_broken_image_file_is_reported(home, tmp_path):
    media = tmp_path / "media"
    shutil.copytree(MEDIA, media)
    (media / "PublishingImages/2022/trao-bang-khen.png").write_bytes(b"\x89PNG\r\n\x1a\nkhong-phai-anh")

    run = import_preset("sharepoint", HTML / "sharepoint", media=media)

    assert run.error is None, run.err
    assert "tệp ảnh hỏng (trao-bang-khen.png)" in run.err
    article = ArticlePage.objects.get()
    assert blocks(article, "figure") == []
    assert article.featured_image is not None  # the other picture is still there


def test_media_lookup_never_leaves_the_media_root(home, tmp_path):
    secret = tmp_path / "secret.pdf"
    secret.write_bytes((MEDIA / "Documents/2022/bao-cao-tong-ket-2021.pdf").read_bytes())
    (tmp_path / "pages").mkdir()
    page = tmp_path / "pages" / "tin.html"
    page.write_text(CUSTOM_PAGE.replace("</p>\n<p class", ' <a href="../secret.pdf">tệp</a></p>\n<p class'))

    run = run_import(page, "--preset", "generic", "--title-selector=.tieu-de", "--date-selector=.ngay-dang",
                     "--body-selector=.noi-dung", "--media-root", tmp_path / "pages")  # fmt: skip

    assert run.error is None, run.err
    assert not Document.objects.exists()
    assert "không tìm thấy tệp đính kèm" in run.err


# --- redirects -----------------------------------------------------------------------------------


def test_redirects_from_old_urls(home, client):
    import_preset("sharepoint", HTML / "sharepoint")
    import_preset("thuathienhue", HTML / "thuathienhue")

    article = ArticlePage.objects.get(title=SP_TITLE)
    redirect = Redirect.objects.get(redirect_page=article)
    assert redirect.old_path == SP_OLD_PATH
    assert redirect.site is None and redirect.is_permanent
    seed = ArticlePage.objects.get(title=SEED_TITLE)
    assert Redirect.objects.get(redirect_page=seed).old_path == "/?cn=28&gd=1&tc=1"
    # og:url carried a utm_source: the redirect keeps only what identifies the article.
    assert Redirect.objects.filter(old_path="/?cn=28&gd=1&tc=2").exists()

    response = client.get(SP_OLD_PATH)
    assert response.status_code == 301
    assert response["Location"].endswith(article.url)


def test_old_home_page_queries_redirect(home, client):
    # The seed portal served articles from its home page: /?gd=1&cn=28&tc=1. Here "/" exists, so
    # Wagtail's 404-only redirect middleware never sees these; the home page answers them.
    import_preset("thuathienhue", HTML / "thuathienhue")
    seed = ArticlePage.objects.get(title=SEED_TITLE)

    for path in ("/?gd=1&cn=28&tc=1", "/?tc=1&cn=28&gd=1", "/?gd=1&cn=28&tc=1&utm_source=zalo"):
        response = client.get(path)
        assert response.status_code == 301, path
        assert response["Location"].endswith(seed.url)
    assert client.get("/?gd=1&cn=28&tc=99").status_code == 200  # unknown article: the home page
    assert client.get("/").status_code == 200


def test_base_url_and_file_path_give_the_old_url(home, tmp_path):
    folder = tmp_path / "saved" / "tin-tuc"
    folder.mkdir(parents=True)
    page = folder / "phat-dong-thi-dua.html"
    page.write_text(CUSTOM_PAGE.replace("<link rel", "<link data-x rel").replace("canonical", "x"), encoding="utf-8")

    run = run_import(
        tmp_path / "saved", "--base-url", "https://ubnd.example.gov.vn/", "--title-selector=.tieu-de",
        "--date-selector=.ngay-dang", "--body-selector=.noi-dung",
    )  # fmt: skip

    assert run.error is None, run.err
    article = ArticlePage.objects.get()
    assert article.source_url == "https://ubnd.example.gov.vn/tin-tuc/phat-dong-thi-dua.html"
    assert Redirect.objects.get().old_path == "/tin-tuc/phat-dong-thi-dua.html"


# --- idempotency ---------------------------------------------------------------------------------


def _counts() -> tuple[int, ...]:
    return (
        ArticlePage.objects.count(),
        SectionPage.objects.count(),
        Image.objects.count(),
        Document.objects.count(),
        Redirect.objects.count(),
        ArticleAttachment.objects.count(),
    )


def test_rerun_updates_and_never_duplicates(home):
    first = import_preset("thuathienhue", HTML / "thuathienhue")
    counts = _counts()
    pks = sorted(ArticlePage.objects.values_list("pk", flat=True))

    second = import_preset("thuathienhue", HTML / "thuathienhue")

    assert "Đã tạo: 2, đã cập nhật: 0, lỗi: 0" in first.out
    assert "Đã tạo: 0, đã cập nhật: 2, lỗi: 0" in second.out
    assert _counts() == counts
    assert counts[2:] == (2, 1, 2, 2)
    assert sorted(ArticlePage.objects.values_list("pk", flat=True)) == pks


def test_rerun_with_a_changed_page_updates_it_in_place(home, tmp_path):
    page = tmp_path / "tin.html"
    source = (HTML / "thuathienhue" / "tin-cchc-2022.html").read_text(encoding="utf-8")
    page.write_text(source, encoding="utf-8")
    import_preset("thuathienhue", page)
    before = ArticlePage.objects.get()
    page.write_text(source.replace("năm 2022</h2>", "năm 2022 (sửa đổi)</h2>"), encoding="utf-8")

    run = import_preset("thuathienhue", page)

    assert "đã cập nhật: 1" in run.out
    after = ArticlePage.objects.get()
    assert after.pk == before.pk
    assert after.title.endswith("(sửa đổi)")
    assert Redirect.objects.get().redirect_page_id == after.pk


# --- resume --------------------------------------------------------------------------------------


@pytest.fixture
def interrupt_after(monkeypatch):
    """interrupt_after(n): the (n+1)th article save raises KeyboardInterrupt, like Ctrl+C; returns the
    list of titles saved so far (it keeps growing in later runs)."""
    saved: list[str] = []

    def arm(n: int | None) -> list[str]:
        original = store.save_parsed

        def save(parsed, **kwargs):
            if n is not None and len(saved) >= n:
                raise KeyboardInterrupt
            saved.append(parsed.title)
            return original(parsed, **kwargs)

        monkeypatch.setattr(runner, "save_parsed", save)
        return saved

    return arm


def test_interrupted_run_resumes_where_it_stopped(home, tmp_path, interrupt_after, state_dir):
    pages = tmp_path / "trang"
    for name, preset in (("a", "thuathienhue"), ("b", "sharepoint"), ("c", "liferay")):
        shutil.copytree(HTML / preset, pages / name)
    saved = interrupt_after(2)

    stopped = run_import(pages, "--preset", "generic", *preset_free_selectors())
    assert isinstance(stopped.error, CommandError)
    assert "Đã dừng giữa chừng. Chạy lại đúng lệnh này để tiếp tục" in str(stopped.error)
    assert len(saved) == 2
    assert ArticlePage.objects.count() == 2
    assert len(list(state_dir.iterdir())) == 1

    interrupt_after(None)
    run = run_import(pages, "--preset", "generic", *preset_free_selectors())

    assert run.error is None, run.err
    assert "Tiếp tục lần chạy trước: 2 bài đã nhập sẽ được bỏ qua." in run.err
    assert "Đã tạo: 2, đã cập nhật: 0, lỗi: 0, đã nhập ở lần chạy trước: 2" in run.out
    assert len(saved) == 4  # the first two were not saved again
    assert ArticlePage.objects.count() == 4
    assert len(set(saved)) == 4
    assert not any(state_dir.iterdir())  # a finished run forgets its checkpoint

    again = run_import(pages, "--preset", "generic", *preset_free_selectors())
    assert "Đã tạo: 0, đã cập nhật: 4, lỗi: 0" in again.out


def preset_free_selectors() -> list[str]:
    """Selectors that read all three sample layouts, so one run covers a mixed folder."""
    return [
        "--title-selector=.news-title, h1.article-title, .header-title",
        "--date-selector=.news-date, .article-date, .date-display",
        "--body-selector=.news-content, .article-content .ms-rtestate-field, .content-detail",
        "--media-root",
        str(MEDIA),
    ]


def test_restart_ignores_the_checkpoint(home, tmp_path, interrupt_after):
    pages = tmp_path / "trang"
    shutil.copytree(HTML / "thuathienhue", pages)
    interrupt_after(1)
    assert "Đã dừng giữa chừng" in str(import_preset("thuathienhue", pages).error)
    saved = interrupt_after(None)
    saved.clear()

    run = import_preset("thuathienhue", pages, extra=["--restart"])

    assert "Đã tạo: 1, đã cập nhật: 1, lỗi: 0" in run.out
    assert len(saved) == 2


# --- bad files -----------------------------------------------------------------------------------

HUE_PAGE = (
    '<div class="news-detail"><h2 class="news-title">Tin</h2>'
    '<div class="news-date">Ngày cập nhật {date}</div><div class="news-content">{body}</div></div>'
)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            "<html><body><p>Trang lỗi 404</p></body></html>",
            "Không tìm thấy tiêu đề (bộ chọn “.news-detail .news-title”).",
        ),
        (
            HUE_PAGE.format(date="31/02/2022", body="<p>Nội dung.</p>"),
            "Ngày không hợp lệ: 31/02/2022.",
        ),
        (
            HUE_PAGE.format(date="10/01/2022", body="<script>x()</script>"),
            "Bài viết không có nội dung.",
        ),
        ("", "Tệp rỗng."),
    ],
    ids=["no-title", "bad-date", "empty-body", "empty-file"],
)
def test_malformed_page_is_reported_and_the_others_import(home, tmp_path, content, reason):
    pages = tmp_path / "trang"
    shutil.copytree(HTML / "thuathienhue", pages)
    bad = pages / "a-hong.html"
    bad.write_text(content, encoding="utf-8")

    run = import_preset("thuathienhue", pages)

    assert isinstance(run.error, CommandError)
    assert str(run.error) == "Đã tạo: 2, đã cập nhật: 0, lỗi: 1"
    assert f"Lỗi: {bad}: {reason}" in run.err
    assert ArticlePage.objects.count() == 2


def test_windows_1258_page_without_a_declared_charset_is_reported(home, tmp_path):
    bad = tmp_path / "cu.html"
    source = (HTML / "thuathienhue" / "tin-cchc-2022.html").read_text(encoding="utf-8")
    source = source.replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />', "")
    bad.write_bytes(encode_cp1258(source))
    run = import_preset("thuathienhue", bad)
    assert "Windows-1258" in run.err
    assert not ArticlePage.objects.exists()


def test_page_in_the_legacy_encoding_it_declares_is_read(home, tmp_path):
    page = tmp_path / "cu.html"
    source = (HTML / "thuathienhue" / "tin-cchc-2022.html").read_text(encoding="utf-8")
    page.write_bytes(encode_cp1258(source.replace("charset=utf-8", "charset=windows-1258")))

    run = import_preset("thuathienhue", page)

    assert run.error is None, run.err
    article = ArticlePage.objects.get()
    assert article.title == SEED_TITLE  # composed back to NFC
    assert article.author == "Diệu Hà"


def stored_files() -> list[str]:
    from django.core.files.storage import default_storage

    found, folders = [], [""]
    while folders:
        folder = folders.pop()
        subfolders, files = default_storage.listdir(folder)
        folders.extend(f"{folder}/{sub}".lstrip("/") for sub in subfolders)
        found.extend(f"{folder}/{name}".lstrip("/") for name in files)
    return found


def test_failed_save_leaves_no_article_and_no_media(home, monkeypatch):
    original = store.article_import

    def article_import(*, section, data):
        if data.title == SP_TITLE:
            raise RuntimeError("ổ đĩa đầy")
        return original(section=section, data=data)

    monkeypatch.setattr(store, "article_import", article_import)
    files_before = set(stored_files())

    run = import_preset("sharepoint", HTML / "sharepoint")
    ok = import_preset("liferay", HTML / "liferay")

    assert "lỗi khi lưu bài viết (ổ đĩa đầy)." in run.err
    assert ok.error is None
    assert [a.title for a in ArticlePage.objects.all()] == [LR_TITLE]
    assert not Image.objects.exists()  # the failed article's images went with it, files too
    files = set(stored_files()) - files_before  # the test storage is shared by the whole session
    assert any("thong-bao-tuyen-chon-2023" in name for name in files)
    assert not any("hoi-nghi-tong-ket" in name or "trao-bang-khen" in name for name in files)
    assert list(Document.objects.values_list("title", flat=True)) == ["Toàn văn thông báo"]
    assert not SectionPage.objects.filter(title="Hoạt động ngành").exists()
