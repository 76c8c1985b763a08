"""Vietnamese text helpers (toasoan/core/vietnamese.py) and the Vietnamese slugs of BasePage."""

import unicodedata

import pytest

from toasoan.core.vietnamese import fold, nfc, slugify
from toasoan.news.models import ArticlePage, SectionPage

SEED_TITLE = "Sở Khoa học và Công nghệ ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2022"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- nfc -------------------------------------------------------------------------------


def test_nfc_composes_decomposed_text():
    decomposed = nfd("Việt Nam")
    assert decomposed != "Việt Nam"  # the fixture really is decomposed
    assert nfc(decomposed) == "Việt Nam"
    assert len(nfc(decomposed)) == len("Việt Nam")


# --- fold ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đảng Cộng sản Việt Nam", "Dang Cong san Viet Nam"),
        ("đường", "duong"),
        ("ĐƯỜNG", "DUONG"),
        ("Cải cách hành chính", "Cai cach hanh chinh"),
        ("Ngày 06/01-2022", "Ngay 06/01-2022"),
        ("ăâêôơư ĂÂÊÔƠƯ", "aaeoou AAEOOU"),
        ("ỹ Ỵ ọ ứ", "y Y o u"),
        ("plain ASCII, unchanged!", "plain ASCII, unchanged!"),
    ],
)
def test_fold_strips_diacritics_and_keeps_case(text, expected):
    assert fold(text) == expected


def test_fold_maps_d_with_stroke_which_unicode_does_not_decompose():
    # "đ" has no canonical decomposition: a naive NFD-and-strip would keep it as is.
    assert unicodedata.normalize("NFD", "đ") == "đ"
    assert fold("đ") == "d"
    assert fold("Đ") == "D"


def test_fold_accepts_decomposed_input():
    assert fold(nfd("Đảng ủy Khối")) == "Dang uy Khoi"
    assert fold(nfd("Cải cách")) == fold("Cải cách")


def test_fold_output_is_composed():
    assert unicodedata.is_normalized("NFC", fold(nfd("Tiếng Việt có dấu")))


# --- slugify ---------------------------------------------------------------------------


def test_slugify_seed_title():
    assert slugify(SEED_TITLE) == (
        "so-khoa-hoc-va-cong-nghe-ban-hanh-ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2022"
    )


def test_slugify_title_with_ellipsis():
    assert slugify("Sở Khoa học và Công nghệ ban hành Kế hoạch...") == "so-khoa-hoc-va-cong-nghe-ban-hanh-ke-hoach"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đảng ủy", "dang-uy"),
        ("ĐẢNG ỦY", "dang-uy"),
        ("Đường Đồng Khởi", "duong-dong-khoi"),
        ("  Khoa học -- Công nghệ  ", "khoa-hoc-cong-nghe"),
        ("KH&CN: tin (mới)!", "kh-cn-tin-moi"),
        ("Số 405/KH-UBND", "so-405-kh-ubnd"),
        ("!!!", ""),
        ("", ""),
    ],
)
def test_slugify(text, expected):
    assert slugify(text) == expected


def test_slugify_decomposed_input_gives_the_same_slug():
    assert slugify(nfd(SEED_TITLE)) == slugify(SEED_TITLE)
    assert slugify(nfd("Đảng ủy")) == "dang-uy"


def test_slugify_only_contains_url_safe_characters():
    slug = slugify("Tiếng Việt: “ngoặc kép”, dấu hỏi? và % phần trăm ½")
    assert slug
    assert all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in slug)
    assert not slug.startswith("-")
    assert not slug.endswith("-")
    assert "--" not in slug


def test_slugify_max_length_cuts_at_a_hyphen():
    full = slugify(SEED_TITLE)
    slug = slugify(SEED_TITLE, max_length=30)
    assert len(slug) <= 30
    assert slug == "so-khoa-hoc-va-cong-nghe-ban"
    assert full.startswith(slug + "-")


def test_slugify_max_length_keeps_a_word_that_ends_exactly_at_the_limit():
    # "so-khoa-hoc" is 11 characters: it fits, so nothing of it is dropped.
    assert slugify("Sở Khoa học và Công nghệ", max_length=11) == "so-khoa-hoc"
    assert slugify("Sở Khoa học và Công nghệ", max_length=12) == "so-khoa-hoc"
    assert slugify("Sở Khoa học và Công nghệ", max_length=10) == "so-khoa"


def test_slugify_max_length_cuts_a_single_long_word():
    assert slugify("Nghiêngnghiêngnghiêng", max_length=8) == "nghiengn"


def test_slugify_short_text_is_not_cut():
    assert slugify("Đảng ủy", max_length=7) == "dang-uy"


# --- BasePage slugs ----------------------------------------------------------------------


def test_page_created_without_slug_gets_one_from_the_vietnamese_title(section):
    article = section.add_child(instance=ArticlePage(title="Đảng ủy Sở triển khai nhiệm vụ năm 2022"))
    assert article.slug == "dang-uy-so-trien-khai-nhiem-vu-nam-2022"
    article.refresh_from_db()
    assert article.slug == "dang-uy-so-trien-khai-nhiem-vu-nam-2022"
    assert article.url_path.endswith("/cai-cach-hanh-chinh/dang-uy-so-trien-khai-nhiem-vu-nam-2022/")


def test_full_clean_fills_the_slug_from_the_title(home):
    page = SectionPage(title="Đời sống - Xã hội")
    page.full_clean(exclude=["path", "depth"])
    assert page.slug == "doi-song-xa-hoi"


def test_full_clean_keeps_an_explicit_slug(section):
    article = section.add_child(instance=ArticlePage(title="Đảng ủy Sở", slug="tin-dang-uy"))
    assert article.slug == "tin-dang-uy"


def test_draft_created_without_slug_also_gets_the_vietnamese_slug(section):
    # Drafts are saved through minimal_clean(), not full_clean().
    draft = section.add_child(instance=ArticlePage(title="Đảng ủy Sở họp phiên thường kỳ", live=False))
    assert draft.slug == "dang-uy-so-hop-phien-thuong-ky"


def test_same_title_twice_in_a_section_gets_a_unique_slug(section):
    first = section.add_child(instance=ArticlePage(title="Thông báo nghỉ Tết"))
    second = section.add_child(instance=ArticlePage(title="Thông báo nghỉ Tết"))
    third = section.add_child(instance=ArticlePage(title="Thông báo nghỉ Tết", live=False))
    assert first.slug == "thong-bao-nghi-tet"
    assert second.slug == "thong-bao-nghi-tet-2"
    assert third.slug == "thong-bao-nghi-tet-3"


def test_same_title_in_other_section_keeps_the_plain_slug(section, other_section):
    section.add_child(instance=ArticlePage(title="Thông báo"))
    other = other_section.add_child(instance=ArticlePage(title="Thông báo"))
    assert other.slug == "thong-bao"
