"""Search: the /tim-kiem/ view, the selectors, and keeping the index in step with publishing."""

import datetime
import unicodedata
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from toasoan.news.models import ArticlePage
from toasoan.search import selectors, services
from toasoan.search.models import SearchEntry

SEED_TITLE = "Sở Khoa học và Công nghệ ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2022"


def day(n: int, month: int = 1) -> datetime.date:
    return datetime.date(2022, month, n)


def search(client, q: str | None = None, **params):
    query = {} if q is None else {"q": q}
    query.update(params)
    response = client.get("/tim-kiem/?" + urlencode(query))
    assert response.status_code == 200, (q, params, response.status_code)
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def result_titles(soup: BeautifulSoup) -> list[str]:
    return [text_of(a) for a in soup.select(".result__title a")]


def found(q: str) -> list[str]:
    """Titles found by the selector alone (no HTTP)."""
    return [entry.title for entry in selectors.search_entries(selectors.parse_query(q))]


def entry_exists(page: Page) -> bool:
    return SearchEntry.objects.filter(object_id=page.pk).exists()


@pytest.fixture
def seed_article(section, make_article):
    return make_article(
        section,
        SEED_TITLE,
        date=day(10),
        body="Căn cứ Kế hoạch số 405/KH-UBND ngày 30/12/2021 của UBND tỉnh về việc ban hành Kế hoạch tuyên truyền"
        " cải cách hành chính tỉnh Thừa Thiên Huế năm 2022.",
        author="Diệu Hà",
    )


@pytest.fixture
def dang_article(other_section, make_article):
    return make_article(
        other_section,
        "Đảng ủy Sở tổ chức hội nghị học tập Nghị quyết",
        date=day(5),
        body="Hội nghị quán triệt Nghị quyết Đại hội Đảng bộ tỉnh.",
    )


@pytest.fixture
def unrelated_article(other_section, make_article):
    return make_article(other_section, "Nghiệm thu đề tài công nghệ sinh học", date=day(3), body="Nông nghiệp.")


# --- Finding things -----------------------------------------------------------------------


@pytest.mark.parametrize("q", ["cai cach hanh chinh", "cải cách hành chính", "CẢI CÁCH HÀNH CHÍNH", "Cai Cach"])
def test_search_with_or_without_diacritics(client, seed_article, dang_article, unrelated_article, q):
    assert result_titles(search(client, q)) == [SEED_TITLE]


def test_search_decomposed_query(client, seed_article, dang_article):
    q = unicodedata.normalize("NFD", "cải cách hành chính")
    assert q != "cải cách hành chính"
    assert result_titles(search(client, q)) == [SEED_TITLE]
    assert result_titles(search(client, unicodedata.normalize("NFD", "Đảng ủy"))) == [dang_article.title]


def test_search_dang_finds_dang_with_stroke(client, seed_article, dang_article):
    assert result_titles(search(client, "dang")) == ["Đảng ủy Sở tổ chức hội nghị học tập Nghị quyết"]
    assert result_titles(search(client, "Đảng")) == ["Đảng ủy Sở tổ chức hội nghị học tập Nghị quyết"]


def test_search_matches_whole_words_only(client, dang_article):
    assert result_titles(search(client, "dan")) == []
    assert result_titles(search(client, "dangu")) == []


def test_search_finds_body_sapo_and_author(client, section, make_article):
    make_article(section, "Tin thứ nhất", body="Hội thảo về chuyển đổi số.")
    make_article(section, "Tin thứ hai", sapo="Tóm tắt: hội nghị an toàn bức xạ.")
    make_article(section, "Tin thứ ba", author="Hoàng Long")
    assert result_titles(search(client, "chuyen doi so")) == ["Tin thứ nhất"]
    assert result_titles(search(client, "an toan buc xa")) == ["Tin thứ hai"]
    assert result_titles(search(client, "hoang long")) == ["Tin thứ ba"]


def test_search_requires_every_term(client, seed_article, dang_article):
    assert result_titles(search(client, "ke hoach")) == [SEED_TITLE]
    assert result_titles(search(client, "ke hoach dang")) == []
    assert result_titles(search(client, "nghi quyet dang")) == [dang_article.title]


def test_results_show_title_link_date_and_highlighted_snippet(client, seed_article):
    soup = search(client, "cai cach hanh chinh")
    (result,) = soup.select(".result")
    link = result.select_one(".result__title a")
    assert text_of(link) == SEED_TITLE
    assert link["href"] == seed_article.url
    # What the result is (several content types are searchable), then its date.
    assert text_of(result.select_one(".meta")) == "Bài viết · 10/01/2022"
    assert result.select_one(".meta time")["datetime"] == "2022-01-10"
    snippet = result.select_one(".result__snippet")
    marks = [text_of(mark) for mark in snippet.find_all("mark")]
    # "ban hành Kế hoạch tuyên truyền cải cách hành chính": every occurrence of every term.
    assert marks == ["hành", "cải", "cách", "hành", "chính"]
    assert "Thừa Thiên Huế" in text_of(snippet)
    assert "Tìm thấy 1 kết quả" in text_of(soup.select_one('[role="status"]'))


def test_snippet_highlights_the_accented_form_for_an_unaccented_query(client, dang_article):
    soup = search(client, "dang bo")
    marks = [text_of(mark) for mark in soup.select(".result__snippet mark")]
    assert marks == ["Đảng", "bộ"]


def test_snippet_escapes_html_from_the_article(client, section, make_article):
    make_article(section, "Tin có ký tự đặc biệt", body="So sánh 1 &lt; 2 &amp; &lt;b&gt;đậm&lt;/b&gt; kiểm tra")
    soup = search(client, "kiem tra")
    snippet = soup.select_one(".result__snippet")
    assert snippet.find("b") is None
    assert "<b>đậm</b>" in snippet.get_text()


def test_title_matches_come_first_then_newest(client, section, make_article):
    # Real articles have bodies of some length, among other articles: a word in the title
    # outweighs one in the body.
    filler = " ".join(["Sở tổ chức hội nghị triển khai nhiệm vụ năm mới tại trụ sở cơ quan."] * 8)
    for n in range(12):
        make_article(section, f"Tin hoạt động số {n}", date=day(2), body=filler)
    make_article(section, "Tin cũ về hợp tác quốc tế", date=day(1), body=filler)
    make_article(section, "Tin mới", date=day(20), body=filler + " Nội dung nói về hợp tác quốc tế.")
    make_article(section, "Tin mới hơn", date=day(25), body=filler + " Cũng nói về hợp tác quốc tế.")
    make_article(section, "Tin giữa về hợp tác quốc tế", date=day(10), body=filler)
    assert result_titles(search(client, "hop tac")) == [
        "Tin giữa về hợp tác quốc tế",  # equal scores: newest first
        "Tin cũ về hợp tác quốc tế",
        "Tin mới hơn",
        "Tin mới",
    ]


def test_search_is_paginated(client, section, make_article):
    for n in range(1, 13):
        make_article(section, f"Kết quả tìm kiếm số {n:02d}", date=day(n))
    soup = search(client, "ket qua")
    assert result_titles(soup) == [f"Kết quả tìm kiếm số {n:02d}" for n in range(12, 2, -1)]
    assert "Tìm thấy 12 kết quả" in text_of(soup)
    next_link = soup.select_one('.pagination a[rel="next"]')
    assert next_link["href"] == "?q=ket+qua&page=2"

    soup = search(client, "ket qua", page="2")
    assert result_titles(soup) == ["Kết quả tìm kiếm số 02", "Kết quả tìm kiếm số 01"]
    assert soup.select_one("ol.results")["start"] == "11"
    assert soup.select_one('.pagination a[rel="prev"]')["href"] == "?q=ket+qua&page=1"


def test_search_tolerates_bad_page_numbers(client, section, make_article):
    for n in range(1, 13):
        make_article(section, f"Kết quả tìm kiếm số {n:02d}", date=day(n))
    # Junk, zero and negative numbers give the first page, too-large ones the last.
    for page, first in [("0", 12), ("-1", 12), ("abc", 12), ("", 12), ("1e3", 12), ("999999", 2)]:
        assert result_titles(search(client, "ket qua", page=page))[0] == f"Kết quả tìm kiếm số {first:02d}", page


@pytest.mark.parametrize(
    "q",
    [
        "",
        " ",
        '"',
        "*",
        "(",
        ")",
        "OR",
        "NEAR",
        "AND",
        "NOT",
        '"cai" OR "cach"',
        "cai* NEAR(cach)",
        "%",
        "_",
        "\\",
        "'",
        "';--",
        "<script>alert(1)</script>",
        "a\x00b",
        "x" * 10_000,
        "cải cách " * 2_000,
    ],
)
def test_odd_queries_never_fail(client, seed_article, q):
    soup = search(client, q)
    assert soup.find("h1") is not None


def test_search_page_tolerates_bad_page_numbers_with_odd_queries(client, seed_article):
    for page in ("0", "-1", "abc", "999999"):
        for q in ("", '"', "cai cach"):
            search(client, q, page=page)


def test_empty_query_invites_a_search(client, seed_article):
    soup = search(client, "")
    assert result_titles(soup) == []
    assert "Nhập từ khóa" in text_of(soup)
    soup = search(client)
    assert "Nhập từ khóa" in text_of(soup)


@pytest.mark.parametrize("q", ['"', "*", "(", "!!!"])
def test_query_without_words_is_reported_as_invalid(client, seed_article, q):
    soup = search(client, q)
    assert result_titles(soup) == []
    assert "Từ khóa không hợp lệ" in text_of(soup)


def test_no_results_message(client, seed_article):
    soup = search(client, "OR")
    assert result_titles(soup) == []
    assert "Không tìm thấy kết quả nào" in text_of(soup)


def test_long_query_is_cut(client, seed_article):
    soup = search(client, "cải cách " + "x" * 10_000)
    assert soup.select_one('input[name="q"]')["value"] == ("cải cách " + "x" * 10_000)[:256]


def test_a_query_matching_after_the_first_256_characters_is_ignored(client, seed_article):
    assert result_titles(search(client, "x " * 200 + "cai")) == []


def test_query_is_echoed_escaped(client, seed_article):
    response = client.get("/tim-kiem/?" + urlencode({"q": "<script>alert(1)</script>"}))
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_search_query_count_does_not_grow_with_results(client, section, make_article):
    for n in range(1, 4):
        make_article(section, f"Ít kết quả {n}", date=day(n))
    for n in range(1, 11):
        make_article(section, f"Nhiều tin {n}", date=day(n))

    def queries(q):
        client.get("/tim-kiem/?" + urlencode({"q": q}))
        with CaptureQueriesContext(connection) as ctx:
            client.get("/tim-kiem/?" + urlencode({"q": q}))
        return len(ctx.captured_queries)

    assert len(result_titles(search(client, "nhieu tin"))) == 10
    assert queries("it ket qua") == queries("nhieu tin")


# --- Only live, public pages are searchable ------------------------------------------------


def test_draft_never_appears(client, section, make_article):
    draft = make_article(section, "Bản nháp về cải cách hành chính", live=False)
    assert not entry_exists(draft)
    assert result_titles(search(client, "cai cach")) == []
    # Saving more draft revisions does not index it either.
    draft.title = "Bản nháp sửa lại về cải cách hành chính"
    draft.save_revision()
    assert result_titles(search(client, "cai cach")) == []
    assert not entry_exists(draft)


def test_unpublished_article_disappears(client, seed_article):
    assert result_titles(search(client, "cai cach")) == [SEED_TITLE]
    seed_article.unpublish()
    assert not entry_exists(seed_article)
    assert result_titles(search(client, "cai cach")) == []


def test_republished_article_reappears(client, seed_article):
    seed_article.unpublish()
    seed_article.refresh_from_db()
    seed_article.get_latest_revision().publish()
    assert result_titles(search(client, "cai cach")) == [SEED_TITLE]


def test_article_under_a_password_restricted_section_disappears(client, section, seed_article, dang_article):
    restriction = PageViewRestriction.objects.create(page=section, restriction_type="password", password="mat-khau-1")
    assert not entry_exists(seed_article)
    assert result_titles(search(client, "cai cach")) == []
    assert result_titles(search(client, "dang")) == [dang_article.title]
    # Lifting the restriction makes it searchable again.
    restriction.delete()
    assert result_titles(search(client, "cai cach")) == [SEED_TITLE]


def test_password_restricted_article_disappears(client, seed_article):
    PageViewRestriction.objects.create(page=seed_article, restriction_type="password", password="mat-khau-1")
    assert result_titles(search(client, "cai cach")) == []


def test_login_restricted_article_disappears(client, seed_article):
    PageViewRestriction.objects.create(page=seed_article, restriction_type="login")
    assert result_titles(search(client, "cai cach")) == []


def test_restricted_article_stays_out_after_republishing(client, seed_article):
    PageViewRestriction.objects.create(page=seed_article, restriction_type="password", password="mat-khau-1")
    seed_article.save_revision().publish()
    assert not entry_exists(seed_article)
    assert result_titles(search(client, "cai cach")) == []


def test_article_published_under_a_restricted_section_is_not_indexed(client, section, make_article):
    PageViewRestriction.objects.create(page=section, restriction_type="password", password="mat-khau-1")
    article = make_article(section, "Tin mới trong chuyên mục kín về cải cách")
    assert not entry_exists(article)
    assert result_titles(search(client, "cai cach")) == []


def test_article_moved_under_a_restricted_section_disappears(client, seed_article, other_section):
    PageViewRestriction.objects.create(page=other_section, restriction_type="password", password="mat-khau-1")
    seed_article.move(other_section, pos="last-child")
    assert not entry_exists(seed_article)
    assert result_titles(search(client, "cai cach")) == []


def test_deleted_article_disappears(client, seed_article):
    pk = seed_article.pk
    seed_article.delete()
    assert not SearchEntry.objects.filter(object_id=pk).exists()
    assert result_titles(search(client, "cai cach")) == []


def test_deleted_section_takes_its_articles_out_of_search(client, section, seed_article, dang_article):
    section.delete()
    assert result_titles(search(client, "cai cach")) == []
    assert result_titles(search(client, "dang")) == [dang_article.title]
    assert SearchEntry.objects.count() == 1


def test_editing_and_republishing_updates_the_index(client, seed_article):
    article = seed_article.get_latest_revision_as_object()
    article.title = "Sở tổ chức tập huấn chuyển đổi số"
    article.body = [("paragraph", "<p>Nội dung mới về chữ ký số.</p>")]
    revision = article.save_revision()
    # A saved but unpublished revision changes nothing yet.
    assert result_titles(search(client, "cai cach")) == [SEED_TITLE]
    assert result_titles(search(client, "chu ky so")) == []

    revision.publish()
    assert result_titles(search(client, "cai cach")) == []
    assert result_titles(search(client, "chu ky so")) == ["Sở tổ chức tập huấn chuyển đổi số"]
    assert result_titles(search(client, "chuyen doi so")) == ["Sở tổ chức tập huấn chuyển đổi số"]
    assert SearchEntry.objects.filter(object_id=seed_article.pk).count() == 1


def test_changing_the_display_date_updates_the_result_date(client, seed_article):
    article = seed_article.get_latest_revision_as_object()
    article.display_date = datetime.date(2023, 5, 6)
    article.save_revision().publish()
    soup = search(client, "cai cach")
    assert text_of(soup.select_one(".result .meta time")) == "06/05/2023"


def test_read_time_check_hides_pages_that_are_no_longer_live(client, seed_article):
    # Even if the index is stale (e.g. a change that bypassed signals), search re-checks liveness.
    Page.objects.filter(pk=seed_article.pk).update(live=False)
    assert entry_exists(seed_article)
    assert result_titles(search(client, "cai cach")) == []


def test_read_time_check_hides_pages_under_a_restriction(client, section, seed_article):
    # Create the restriction without signals: the index still has the entry, the query must not show it.
    PageViewRestriction.objects.bulk_create([PageViewRestriction(page=section, restriction_type="login")])
    assert entry_exists(seed_article)
    assert result_titles(search(client, "cai cach")) == []


# --- Selectors and services ---------------------------------------------------------------


def test_parse_query():
    query = selectors.parse_query("  Cải CÁCH, cải cách!  ")
    assert query.raw == "  Cải CÁCH, cải cách!  "
    assert query.terms == ["cai", "cach"]
    assert not query.is_empty
    assert selectors.parse_query('"*()').is_empty
    assert selectors.parse_query("").is_empty


def test_empty_query_finds_nothing(seed_article):
    assert list(selectors.search_entries(selectors.parse_query(""))) == []
    assert list(selectors.search_entries(selectors.parse_query("!!!"))) == []


def test_search_entries(seed_article, dang_article, unrelated_article):
    # BM25: the shorter title where "công nghệ" weighs more comes first.
    assert found("cong nghe") == [unrelated_article.title, SEED_TITLE]
    assert found("dang") == [dang_article.title]
    assert found("405") == [SEED_TITLE]
    assert found("dieu ha") == [SEED_TITLE]
    assert found("khong co tu nay") == []


def test_search_entry_content(seed_article):
    entry = SearchEntry.objects.get(object_id=seed_article.pk)
    assert entry.page_id == seed_article.pk
    assert entry.title == SEED_TITLE
    assert entry.date == datetime.date(2022, 1, 10)
    assert entry.groups == f"section:{seed_article.get_parent().pk}"
    assert "Diệu Hà" in entry.text
    assert "<p>" not in entry.text
    assert "Thừa Thiên Huế" in entry.text


def test_index_text_keeps_paragraph_breaks_and_entities(section, make_article):
    article = make_article(section, "Tin có nhiều đoạn", body="Đoạn một.</p><p>Đoạn hai &amp; ba")
    entry = SearchEntry.objects.get(object_id=article.pk)
    assert "Đoạn một.\nĐoạn hai & ba" in entry.text
    # Words of adjacent paragraphs are not glued together.
    assert found("mot doan hai") == ["Tin có nhiều đoạn"]


def test_index_object_skips_unregistered_objects(home):
    assert services.index_object(home) is False
    assert not entry_exists(home)


def test_rebuild_index_indexes_only_public_articles(section, other_section, make_article):
    make_article(section, "Tin công khai một")
    make_article(other_section, "Tin công khai hai")
    make_article(section, "Tin nháp", live=False)
    gone = make_article(section, "Tin đã gỡ")
    gone.unpublish()
    restricted = make_article(other_section, "Tin có mật khẩu")
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="mat-khau-1")

    SearchEntry.objects.all().delete()
    assert services.rebuild_index() == 2
    assert sorted(SearchEntry.objects.values_list("title", flat=True)) == sorted(
        ["Tin công khai một", "Tin công khai hai"]
    )
    # Rebuilding twice gives the same index.
    assert services.rebuild_index() == 2
    assert SearchEntry.objects.count() == 2


def test_publishing_indexes_once_per_article(section, make_article):
    article = make_article(section, "Tin đăng nhiều lần")
    article.save_revision().publish()
    article.save_revision().publish()
    assert SearchEntry.objects.filter(object_id=article.pk).count() == 1


def test_search_results_from_any_section(section, other_section, make_article):
    make_article(section, "Hội nghị ở chuyên mục một", date=day(1))
    make_article(other_section, "Hội nghị ở chuyên mục hai", date=day(2))
    assert found("hoi nghi") == ["Hội nghị ở chuyên mục hai", "Hội nghị ở chuyên mục một"]


def test_article_page_class_is_registered():
    from toasoan.search.registry import registration_for

    assert registration_for(ArticlePage) is not None
    assert registration_for(Page) is None
