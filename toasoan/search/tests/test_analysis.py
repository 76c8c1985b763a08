"""Text analysis (toasoan/search/analysis.py) and result snippets (toasoan/search/snippets.py)."""

import unicodedata

import pytest

from toasoan.search import analysis
from toasoan.search.snippets import highlight


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- analysis ----------------------------------------------------------------------------


def test_normalize_composes_and_lowercases():
    assert analysis.normalize(nfd("ĐẢNG Ủy")) == "đảng ủy"


def test_fold_chars_keeps_offsets():
    text = "Đảng ủy CẢI CÁCH hành chính"
    folded = analysis.fold_chars(text)
    assert folded == "dang uy cai cach hanh chinh"
    assert len(folded) == len(text)


def test_fold_chars_keeps_characters_whose_fold_is_not_one_character():
    # A lone combining mark folds to nothing: it is kept so offsets still line up.
    text = "a\u0301b"
    assert len(analysis.fold_chars(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đảng ủy", ["dang", "uy"]),
        ("Cải cách hành chính", ["cai", "cach", "hanh", "chinh"]),
        ("cai cach hanh chinh", ["cai", "cach", "hanh", "chinh"]),
        ("KH&CN, năm 2022!", ["kh", "cn", "nam", "2022"]),
        ('" * ( ) OR NEAR', ["or", "near"]),
        ("", []),
        ("   ", []),
        ("!!! ??? ...", []),
    ],
)
def test_terms(text, expected):
    assert analysis.terms(text) == expected


def test_terms_of_decomposed_text_equal_terms_of_composed_text():
    text = "Sở Khoa học và Công nghệ tuyên truyền cải cách hành chính"
    assert analysis.terms(nfd(text)) == analysis.terms(text)


def test_query_terms_deduplicates_keeping_order():
    assert analysis.query_terms("cải CÁCH cai cach hành") == ["cai", "cach", "hanh"]


def test_query_terms_bounds_the_number_of_terms():
    query = " ".join(f"tu{i}" for i in range(100))
    result = analysis.query_terms(query)
    assert len(result) == analysis.MAX_QUERY_TERMS
    assert result[0] == "tu0"


def test_query_terms_bounds_the_length_of_the_query():
    long_word = "a" * (analysis.MAX_QUERY_CHARS + 500)
    (term,) = analysis.query_terms(long_word)
    assert len(term) == analysis.MAX_QUERY_CHARS
    # A term beyond the first MAX_QUERY_CHARS characters is ignored.
    assert analysis.query_terms("x " * analysis.MAX_QUERY_CHARS + "dang") == ["x"]


def test_normalize_spaces():
    assert analysis.normalize_spaces("  Đảng\n\n ủy \t Khối ") == "Đảng ủy Khối"
    assert analysis.normalize_spaces(nfd("Cải cách")) == "Cải cách"


# --- snippets ----------------------------------------------------------------------------


def test_highlight_marks_folded_hits_in_the_original_text():
    snippet = highlight("Kế hoạch tuyên truyền cải cách hành chính năm 2022", ["cai", "cach"])
    assert snippet == "Kế hoạch tuyên truyền <mark>cải</mark> <mark>cách</mark> hành chính năm 2022"


def test_highlight_marks_every_occurrence_and_case():
    snippet = highlight("Đảng bộ và đảng viên; ĐẢNG", ["dang"])
    assert snippet == "<mark>Đảng</mark> bộ và <mark>đảng</mark> viên; <mark>ĐẢNG</mark>"


def test_highlight_matches_whole_words_only():
    snippet = highlight("cai cach caicach cachthuc", ["cach"])
    assert snippet == "cai <mark>cach</mark> caicach cachthuc"


def test_highlight_escapes_html():
    snippet = highlight('<script>alert("x")</script> cải cách & <b>đổi mới</b>', ["cai"])
    assert "<script>" not in snippet
    assert "<b>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert "&amp;" in snippet
    assert "<mark>cải</mark>" in snippet


def test_highlight_of_decomposed_text():
    snippet = highlight(nfd("Tuyên truyền cải cách hành chính"), ["cai"])
    assert "<mark>cải</mark>" in snippet


def test_highlight_without_hits_starts_at_the_beginning():
    snippet = highlight("Nội dung không có từ khóa", ["dang"])
    assert snippet == "Nội dung không có từ khóa"
    assert "<mark>" not in snippet


def test_highlight_cuts_a_window_around_the_first_hit():
    before = " ".join(["trước"] * 200)
    after = " ".join(["sau"] * 200)
    snippet = highlight(f"{before} cải cách {after}", ["cai"], width=100)
    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "<mark>cải</mark>" in snippet
    visible = snippet.replace("<mark>", "").replace("</mark>", "").removeprefix("… ").removesuffix(" …")
    assert len(visible) <= 100
    # Cut on word boundaries: no half words at either end.
    assert visible.split(" ")[0] == "trước"
    assert visible.split(" ")[-1] in {"sau", "cách"}


def test_highlight_short_text_has_no_ellipsis():
    snippet = highlight("cải cách", ["cai"], width=100)
    assert snippet == "<mark>cải</mark> cách"


def test_highlight_collapses_white_space():
    assert highlight("Đảng\n\n   ủy", ["uy"]) == "Đảng <mark>ủy</mark>"


# --- normalisation and identifiers (analysis used by both engines) ------------------------------


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("hoà", "hòa"),
        ("Thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("oá", "óa"),
        ("uý", "úy"),
        ("quý", "quý"),  # "qu" is the consonant: nothing to move
        ("hoàng", "hoàng"),  # closed syllable: one way only
        ("HOÀ BÌNH.", "hòa bình."),
    ],
)
def test_normalize_puts_tone_marks_in_one_place(written, normal):
    assert analysis.normalize(written) == normal


def test_normalize_composes_decomposed_input():
    assert analysis.normalize(unicodedata.normalize("NFD", "Thừa Thiên Huế")) == "thừa thiên huế"


def test_fold_maps_d_with_stroke_which_unicode_does_not_decompose():
    assert unicodedata.normalize("NFD", "đ") == "đ"
    assert analysis.fold("Đảng ĐOÀN") == "dang doan"
    assert analysis.fold_fast(analysis.normalize("Đảng ủy")) == analysis.fold("Đảng ủy")


def test_compounds_keep_agency_identifiers_whole():
    text = analysis.normalize("Kế hoạch 405/KH-UBND, Nghị quyết 07-NQ/TU và 45/2016/QĐ-TTg của Sở KH&CN.")
    assert analysis.compounds(text) == ["405/kh-ubnd", "07-nq/tu", "45/2016/qd-ttg", "kh&cn"]
    assert analysis.joined_forms(analysis.compounds(text)) == ["khcn"]


def test_bigrams_pair_adjacent_words_of_the_lead():
    assert analysis.bigrams("cai cach hanh chinh") == "cai_cach cach_hanh hanh_chinh"
    assert len(analysis.bigrams(" ".join(["tu"] * 1000)).split()) == analysis.BIGRAM_WORDS - 1
