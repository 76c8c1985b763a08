"""Search features end to end: filters, abbreviations, ranking, snippets, suggestions, odd input,
index durability (the outbox and tombstones), manage.py reindex, moves and privacy."""

import datetime
import json
from io import StringIO
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from toasoan.search import backends, selectors
from toasoan.search.engine import SearchRequest
from toasoan.search.models import Abbreviation, SearchEntry, SearchTombstone
from toasoan.search.sync import sync_engine
from toasoan.trust.testing import staff_login

# Every message the results page may show instead of results.
EMPTY_NOTICE = "Nhập từ khóa"
INVALID_NOTICE = "Từ khóa không hợp lệ"
NO_RESULTS_NOTICE = "Không tìm thấy kết quả nào"
BAD_DATE_NOTICE = "không phải ngày hợp lệ"


def day(n: int, month: int = 1) -> datetime.date:
    return datetime.date(2022, month, n)


def get(client, path: str = "/tim-kiem/", **params):
    response = client.get(path + "?" + urlencode(params))
    assert response.status_code == 200, (params, response.status_code)
    return response


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def search(client, q: str | None = None, **params) -> BeautifulSoup:
    if q is not None:
        params = {"q": q, **params}
    return soup_of(get(client, **params))


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def titles(soup: BeautifulSoup) -> list[str]:
    return [text_of(a) for a in soup.select(".result__title a")]


def notices(soup: BeautifulSoup) -> list[str]:
    return [text_of(p) for p in soup.select(".notice")]


def suggestions(client, q: str) -> list[dict]:
    response = get(client, "/tim-kiem/goi-y/", q=q)
    assert response["Content-Type"].startswith("application/json")
    return response.json()["suggestions"]


def suggested_titles(client, q: str) -> list[str]:
    return [s["title"] for s in suggestions(client, q)]


def engine_keys(q: str) -> list[str]:
    """What the engine alone returns, without the database's read-time checks."""
    return [hit.key for hit in backends.get_engine().search(SearchRequest(query=q, limit=50)).hits]


def key_of(page) -> str:
    return SearchEntry.objects.get(object_id=page.pk).key


def found(q: str) -> list[str]:
    return [entry.title for entry in selectors.search_entries(selectors.parse_query(q))]


@pytest.fixture
def recheck_abbreviations_now(monkeypatch):
    monkeypatch.setattr(backends, "ABBREVIATIONS_RECHECK_SECONDS", 0)


# --- Filters, sorting and pagination on /tim-kiem/ -----------------------------------------


@pytest.fixture
def dated_articles(section, other_section, make_article):
    """Four "hội nghị" articles, two per section, on the 1st, 5th, 10th and 15th of January."""
    return {
        1: make_article(section, "Hội nghị ngày mồng một", date=day(1)),
        5: make_article(other_section, "Hội nghị ngày mồng năm", date=day(5)),
        10: make_article(section, "Hội nghị ngày mười", date=day(10)),
        15: make_article(other_section, "Hội nghị ngày mười lăm", date=day(15)),
    }


def newest(client, q: str, **params) -> list[str]:
    return titles(search(client, q, **{"sap-xep": "moi-nhat", **params}))


def test_section_filter_keeps_only_that_sections_articles(client, section, other_section, dated_articles):
    assert newest(client, "hoi nghi", **{"chuyen-muc": f"section:{section.pk}"}) == [
        "Hội nghị ngày mười",
        "Hội nghị ngày mồng một",
    ]
    assert newest(client, "hoi nghi", **{"chuyen-muc": f"section:{other_section.pk}"}) == [
        "Hội nghị ngày mười lăm",
        "Hội nghị ngày mồng năm",
    ]
    assert len(titles(search(client, "hoi nghi"))) == 4
    assert len(titles(search(client, "hoi nghi", **{"chuyen-muc": ""}))) == 4


def test_section_filter_is_offered_and_stays_selected(client, section, other_section, dated_articles):
    soup = search(client, "hoi nghi", **{"chuyen-muc": f"section:{other_section.pk}"})
    options = {o["value"]: text_of(o) for o in soup.select('select[name="chuyen-muc"] option')}
    assert options == {
        "": "Tất cả",
        f"section:{section.pk}": section.title,
        f"section:{other_section.pk}": other_section.title,
    }
    assert soup.select_one('select[name="chuyen-muc"] option[selected]')["value"] == f"section:{other_section.pk}"


def test_date_range_is_inclusive(client, dated_articles):
    soup = search(client, "hoi nghi", **{"tu-ngay": "2022-01-05", "den-ngay": "2022-01-10", "sap-xep": "moi-nhat"})
    assert titles(soup) == ["Hội nghị ngày mười", "Hội nghị ngày mồng năm"]
    assert notices(soup) == []
    assert soup.select_one('input[name="tu-ngay"]')["value"] == "2022-01-05"
    assert soup.select_one('input[name="den-ngay"]')["value"] == "2022-01-10"
    # Open-ended on either side, and a single day.
    assert newest(client, "hoi nghi", **{"tu-ngay": "2022-01-10"}) == [
        "Hội nghị ngày mười lăm",
        "Hội nghị ngày mười",
    ]
    assert newest(client, "hoi nghi", **{"den-ngay": "2022-01-05"}) == [
        "Hội nghị ngày mồng năm",
        "Hội nghị ngày mồng một",
    ]
    assert newest(client, "hoi nghi", **{"tu-ngay": "2022-01-15", "den-ngay": "2022-01-15"}) == [
        "Hội nghị ngày mười lăm"
    ]
    assert newest(client, "hoi nghi", **{"tu-ngay": "2022-01-16"}) == []
    # Far-off bounds and a reversed range do not fail.
    assert len(newest(client, "hoi nghi", **{"tu-ngay": "0001-01-01", "den-ngay": "9999-12-31"})) == 4
    soup = search(client, "hoi nghi", **{"tu-ngay": "2022-01-10", "den-ngay": "2022-01-05"})
    assert titles(soup) == []
    assert NO_RESULTS_NOTICE in text_of(soup)


def test_section_and_date_filters_combine(client, section, dated_articles):
    params = {"chuyen-muc": f"section:{section.pk}", "tu-ngay": "2022-01-02"}
    assert titles(search(client, "hoi nghi", **params)) == ["Hội nghị ngày mười"]


@pytest.mark.parametrize("param", ["tu-ngay", "den-ngay"])
def test_invalid_date_is_reported_and_ignored(client, dated_articles, param):
    for bad in ["2022-02-31", "abc", "2022-13-01", "31/01/2022", "2022-1-5", "'; DROP TABLE x; --", "\x00"]:
        soup = search(client, "hoi nghi", **{param: bad})
        assert len(titles(soup)) == 4, bad  # ignored: no filtering at all
        (notice,) = [n for n in notices(soup) if BAD_DATE_NOTICE in n]
        assert ("Từ ngày" if param == "tu-ngay" else "Đến ngày") in notice
        assert soup.select_one(f'input[name="{param}"]').get("value") is None


def test_one_invalid_date_does_not_drop_the_other(client, dated_articles):
    soup = search(client, "hoi nghi", **{"tu-ngay": "abc", "den-ngay": "2022-01-05", "sap-xep": "moi-nhat"})
    assert titles(soup) == ["Hội nghị ngày mồng năm", "Hội nghị ngày mồng một"]
    assert len([n for n in notices(soup) if BAD_DATE_NOTICE in n]) == 1


@pytest.fixture
def relevance_vs_date(section, make_article):
    # The oldest is about "hợp tác" everywhere; the newer ones mention it once in passing.
    old = make_article(
        section, "Hợp tác quốc tế", date=day(1), body="Hợp tác quốc tế về đo lường, hợp tác đào tạo và hợp tác."
    )
    new = make_article(
        section,
        "Tin hoạt động trong tuần",
        date=day(20),
        body="Sở tổ chức hội nghị tổng kết công tác năm, trong đó có nhắc đến hợp tác với các trường đại học.",
    )
    newer = make_article(
        section,
        "Tin hoạt động tháng",
        date=day(25),
        body="Đoàn công tác làm việc tại huyện về nông nghiệp, môi trường và cũng có hợp tác với doanh nghiệp.",
    )
    return old, new, newer


def test_sort_newest_first(client, relevance_vs_date):
    old, new, newer = relevance_vs_date
    soup = search(client, "hop tac", **{"sap-xep": "moi-nhat"})
    assert titles(soup) == [newer.title, new.title, old.title]
    assert soup.select_one('input[name="sap-xep"][checked]')["value"] == "moi-nhat"


@pytest.mark.parametrize("sort", [{"sap-xep": "lien-quan"}, {}, {"sap-xep": "khong-co"}])
def test_sort_by_relevance_is_the_default(client, relevance_vs_date, sort):
    old, _, _ = relevance_vs_date
    soup = search(client, "hop tac", **sort)
    assert titles(soup)[0] == old.title  # the best match beats newer passing mentions
    assert soup.select_one('input[name="sap-xep"][checked]')["value"] == "lien-quan"


def test_pagination_links_keep_the_query_and_filters(client, section, other_section, make_article):
    for n in range(1, 15):
        make_article(section, f"Thông báo tuyển dụng số {n:02d}", date=day(n))
    make_article(other_section, "Thông báo tuyển dụng ở chuyên mục khác", date=day(12))
    params = {
        "q": "thong bao",
        "chuyen-muc": f"section:{section.pk}",
        "tu-ngay": "2022-01-02",
        "den-ngay": "2022-01-13",
        "sap-xep": "moi-nhat",
    }
    soup = search(client, **params)
    assert titles(soup) == [f"Thông báo tuyển dụng số {n:02d}" for n in range(13, 3, -1)]
    assert "Tìm thấy 12 kết quả" in text_of(soup)
    next_href = soup.select_one('.pagination a[rel="next"]')["href"]
    assert next_href.startswith("?")
    next_params = parse_qs(urlsplit(next_href).query)
    assert next_params == {**{k: [v] for k, v in params.items()}, "page": ["2"]}

    response = client.get("/tim-kiem/" + next_href)
    assert response.status_code == 200
    soup = soup_of(response)
    assert titles(soup) == ["Thông báo tuyển dụng số 03", "Thông báo tuyển dụng số 02"]
    prev_params = parse_qs(urlsplit(soup.select_one('.pagination a[rel="prev"]')["href"]).query)
    assert prev_params == {**{k: [v] for k, v in params.items()}, "page": ["1"]}


# --- Abbreviations ----------------------------------------------------------------------------


def test_data_migration_ships_the_common_abbreviations(db):
    shipped = dict(Abbreviation.objects.values_list("short", "full"))
    assert shipped["CCHC"] == "cải cách hành chính"
    assert shipped["TTHC"] == "thủ tục hành chính"
    assert shipped["KH&CN"] == "khoa học và công nghệ"
    assert shipped["UBND"] == "ủy ban nhân dân"
    assert shipped["HĐND"] == "hội đồng nhân dân"
    assert shipped["CC-VC-NLĐ"] == "công chức, viên chức, người lao động"
    assert len(shipped) >= 30


@pytest.fixture
def spelled_out(section, make_article):
    return make_article(
        section, "Tập huấn nghiệp vụ cho cán bộ", body="Nâng cao hiệu quả cải cách hành chính tại đơn vị."
    )


@pytest.fixture
def abbreviated(other_section, make_article):
    return make_article(other_section, "Kiểm tra công tác năm 2022", body="Đoàn kiểm tra công tác CCHC tại Sở.")


@pytest.mark.parametrize("q", ["CCHC", "cchc"])
def test_abbreviation_finds_the_spelled_out_form(client, spelled_out, q):
    assert titles(search(client, q)) == [spelled_out.title]


@pytest.mark.parametrize("q", ["cải cách hành chính", "cai cach hanh chinh"])
def test_spelled_out_form_finds_the_abbreviation(client, abbreviated, q):
    assert titles(search(client, q)) == [abbreviated.title]


def test_abbreviation_finds_both_forms(client, spelled_out, abbreviated):
    assert sorted(titles(search(client, "CCHC"))) == sorted([spelled_out.title, abbreviated.title])
    assert sorted(titles(search(client, "cải cách hành chính"))) == sorted([spelled_out.title, abbreviated.title])


def test_abbreviations_with_punctuation_and_d_stroke(client, section, make_article):
    make_article(section, "Hội thảo khoa học và công nghệ", body="Chuyên đề đổi mới.")
    make_article(section, "Kỳ họp hội đồng nhân dân tỉnh", body="Thông qua nghị quyết.")
    make_article(section, "Hội nghị người lao động", body="Công chức, viên chức, người lao động dự họp.")
    assert titles(search(client, "KH&CN")) == ["Hội thảo khoa học và công nghệ"]
    assert titles(search(client, "HĐND")) == ["Kỳ họp hội đồng nhân dân tỉnh"]
    assert titles(search(client, "hdnd")) == ["Kỳ họp hội đồng nhân dân tỉnh"]
    assert titles(search(client, "CC-VC-NLĐ")) == ["Hội nghị người lao động"]


def test_spelled_out_forms_find_abbreviations_with_punctuation(client, section, make_article):
    make_article(section, "Sở KH&CN tổ chức hội thảo", body="Chuyên đề đổi mới.")
    make_article(section, "Kỳ họp HĐND tỉnh", body="Thông qua nghị quyết.")
    assert titles(search(client, "khoa học và công nghệ")) == ["Sở KH&CN tổ chức hội thảo"]
    assert titles(search(client, "hội đồng nhân dân")) == ["Kỳ họp HĐND tỉnh"]


@pytest.mark.parametrize(
    ("q", "title"),
    [
        ("cong chuc, vien chuc, nguoi lao dong", "Đại hội CC-VC-NLĐ năm 2022"),
        ("công chức, viên chức", "Tập huấn CCVC mới tuyển dụng"),
    ],
)
def test_spelled_out_forms_with_a_repeated_word_find_the_abbreviation(client, section, make_article, q, title):
    make_article(section, "Đại hội CC-VC-NLĐ năm 2022", body="Tổng kết năm.")
    make_article(section, "Tập huấn CCVC mới tuyển dụng", body="Nghiệp vụ văn thư.")
    make_article(section, "Sở KH&CN tổ chức hội thảo", body="Chuyên đề đổi mới.")
    assert titles(search(client, q)) == [title]


def test_abbreviation_added_in_the_admin_takes_effect(client, section, make_article, recheck_abbreviations_now):
    make_article(section, "Hội nghị về giáo dục nghề nghiệp", body="Tuyển sinh năm học mới.")
    assert titles(search(client, "GDNN")) == []
    Abbreviation.objects.create(short="GDNN", full="giáo dục nghề nghiệp")
    assert titles(search(client, "GDNN")) == ["Hội nghị về giáo dục nghề nghiệp"]
    # Editing and deleting it take effect too.
    abbreviation = Abbreviation.objects.get(short="GDNN")
    abbreviation.full = "tuyển sinh"
    abbreviation.save()
    assert titles(search(client, "GDNN")) == ["Hội nghị về giáo dục nghề nghiệp"]
    assert found("giao duc nghe nghiep") == ["Hội nghị về giáo dục nghề nghiệp"]
    abbreviation.delete()
    assert titles(search(client, "GDNN")) == []


def test_abbreviation_added_in_the_admin_waits_for_the_recheck(client, section, make_article, monkeypatch):
    make_article(section, "Hội nghị về giáo dục nghề nghiệp", body="Tuyển sinh năm học mới.")
    monkeypatch.setattr(backends, "ABBREVIATIONS_RECHECK_SECONDS", 3600)
    backends.get_engine()
    Abbreviation.objects.create(short="GDNN", full="giáo dục nghề nghiệp")
    assert titles(search(client, "GDNN")) == []  # not re-read yet
    monkeypatch.setattr(backends, "ABBREVIATIONS_RECHECK_SECONDS", 0)
    assert titles(search(client, "GDNN")) == ["Hội nghị về giáo dục nghề nghiệp"]


def test_abbreviation_snippets_are_in_the_admin_in_vietnamese(client, django_user_model):
    admin = django_user_model.objects.create_superuser("bientap", "bientap@example.com", "mat-khau-rat-dai-1")
    url = reverse("wagtailsnippets_search_abbreviation:list")
    assert url == "/admin/snippets/search/abbreviation/"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    staff_login(client, admin)
    response = client.get(url)
    assert response.status_code == 200
    soup = soup_of(response)
    assert "Từ viết tắt" in text_of(soup.find("title"))
    page = text_of(soup)
    assert "CCHC" in page
    assert "cải cách hành chính" in page
    assert "Viết đầy đủ" in page
    # The add form is reachable and in Vietnamese too.
    response = client.get(reverse("wagtailsnippets_search_abbreviation:add"))
    assert response.status_code == 200
    assert "Viết tắt" in response.content.decode()


def test_abbreviation_added_through_the_admin_form_takes_effect(
    client, django_user_model, section, make_article, recheck_abbreviations_now
):
    make_article(section, "Hội nghị về giáo dục nghề nghiệp", body="Giáo dục nghề nghiệp: tuyển sinh.")
    assert titles(search(client, "GDNN")) == []
    staff_login(client, django_user_model.objects.create_superuser("bientap", "bt@example.com", "mat-khau-rat-dai-1"))
    response = client.post(
        reverse("wagtailsnippets_search_abbreviation:add"), {"short": "GDNN", "full": "giáo dục nghề nghiệp"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Abbreviation.objects.get(short="GDNN").full == "giáo dục nghề nghiệp"
    assert titles(search(client, "GDNN")) == ["Hội nghị về giáo dục nghề nghiệp"]
    assert marks(search(client, "gdnn")) == ["Giáo", "dục", "nghề", "nghiệp"]


def test_abbreviation_admin_is_not_for_anonymous_or_plain_users(client, django_user_model):
    url = reverse("wagtailsnippets_search_abbreviation:list")
    user = django_user_model.objects.create_user("docgia", "docgia@example.com", "mat-khau-rat-dai-1")
    staff_login(client, user)
    assert client.get(url).status_code in (302, 403)


# --- Ranking through the view -----------------------------------------------------------------


@pytest.fixture
def ban_hang_and_ban_hanh(section, make_article):
    hanh = make_article(section, "Sở ban hành quy chế mới", date=day(20), body="Quy chế ban hành kèm theo.")
    hang = make_article(section, "Kỹ năng bán hàng trực tuyến", date=day(1), body="Tập huấn bán hàng.")
    return hang, hanh


def test_accented_query_ranks_the_exact_words_first(client, ban_hang_and_ban_hanh):
    hang, hanh = ban_hang_and_ban_hanh
    assert titles(search(client, "bán hàng"))[0] == hang.title
    assert titles(search(client, "ban hành"))[0] == hanh.title


def test_unaccented_query_finds_every_accented_form(client, ban_hang_and_ban_hanh):
    hang, hanh = ban_hang_and_ban_hanh
    # "hàng" folds to "hang", "hành" to "hanh": "ban" is what both have in common.
    assert sorted(titles(search(client, "ban"))) == sorted([hang.title, hanh.title])
    assert titles(search(client, "ban hanh")) == [hanh.title]
    assert titles(search(client, "ban hang")) == [hang.title]
    assert sorted(titles(search(client, "bán"))) == sorted([hang.title, hanh.title])  # exact first, folded too
    assert titles(search(client, "bán"))[0] == hang.title


def test_unaccented_query_finds_every_tone_of_the_same_letters(client, section, make_article):
    ban_hanh = make_article(section, "Sở ban hành quy chế", date=day(1))
    ban_hanh_acute = make_article(section, "Chợ bán hành lá", date=day(2))
    make_article(section, "Kỹ năng bán hàng", date=day(3))
    assert sorted(titles(search(client, "ban hanh"))) == sorted([ban_hanh.title, ban_hanh_acute.title])
    assert titles(search(client, "bán hành"))[0] == ban_hanh_acute.title
    assert titles(search(client, "ban hành"))[0] == ban_hanh.title


def test_phrase_match_ranks_above_scattered_words(client, section, make_article):
    # The same words, as often, in texts of the same length: only their order differs.
    a = make_article(section, "Báo cáo thứ nhất", date=day(1), body="Tuyên truyền chuyển đổi số theo kế hoạch năm nay.")
    b = make_article(section, "Báo cáo thứ hai", date=day(20), body="Kế hoạch năm nay theo chuyển đổi số tuyên truyền.")
    assert titles(search(client, "truyen chuyen")) == [a.title, b.title]
    assert titles(search(client, "tuyên truyền chuyển đổi số")) == [a.title, b.title]
    assert titles(search(client, "so tuyen")) == [b.title, a.title]
    assert titles(search(client, "số tuyên truyền")) == [b.title, a.title]


@pytest.mark.parametrize("pair", [("hoà giải", "hòa giải"), ("thuỷ lợi", "thủy lợi"), ("khoẻ", "khỏe")])
def test_tone_placement_variants_give_the_same_results(client, section, make_article, pair):
    old_style, new_style = pair
    make_article(section, f"Tin thứ nhất: {old_style}", date=day(1))
    make_article(section, f"Tin thứ hai: {new_style}", date=day(2))
    make_article(section, "Tin thứ ba không liên quan", date=day(3))
    first, second = titles(search(client, old_style)), titles(search(client, new_style))
    assert first == second
    assert sorted(first) == sorted([f"Tin thứ nhất: {old_style}", f"Tin thứ hai: {new_style}"])


# --- Snippets ---------------------------------------------------------------------------------


def marks(soup: BeautifulSoup) -> list[str]:
    return [text_of(m) for m in soup.select(".result__snippet mark")]


def test_unaccented_query_highlights_the_accented_words(client, spelled_out):
    assert marks(search(client, "cai cach")) == ["cải", "cách"]


def test_abbreviation_query_highlights_the_spelled_out_words(client, spelled_out):
    assert marks(search(client, "CCHC")) == ["cải", "cách", "hành", "chính"]


def test_spelled_out_query_highlights_the_abbreviation(client, abbreviated):
    assert marks(search(client, "cải cách hành chính")) == ["CCHC"]


def test_snippet_escapes_html_in_the_article(client, section, make_article):
    make_article(
        section,
        "Tin có mã HTML",
        body="Bài kiểm tra: &lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt; hết.",
    )
    response = get(client, q="kiem tra")
    html = response.content.decode()
    assert "<script>alert('x')" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html
    snippet = soup_of(response).select_one(".result__snippet")
    assert snippet.find("script") is None and snippet.find("img") is None
    assert "<img src=x onerror=alert(1)>" in snippet.get_text()
    assert [text_of(m) for m in snippet.find_all("mark")] == ["kiểm", "tra"]


def test_title_with_html_is_escaped_in_results_and_suggestions(client, section, make_article):
    make_article(section, "Tin <b>đậm</b> về chuyển đổi số")
    soup = search(client, "chuyen doi so")
    assert soup.select_one(".result__title b") is None
    assert titles(soup) == ["Tin <b>đậm</b> về chuyển đổi số"]
    assert suggested_titles(client, "tin") == ["Tin <b>đậm</b> về chuyển đổi số"]


# --- Suggestions ------------------------------------------------------------------------------


@pytest.fixture
def suggestible(section, make_article):
    return [
        make_article(section, "Cải cách hành chính năm 2022", date=day(10)),
        make_article(section, "Cải cách thủ tục đầu tư", date=day(12)),
        make_article(section, "Kế hoạch tuyên truyền năm 2022", date=day(14)),
    ]


@pytest.mark.parametrize("q", ["Cải cách", "cải cách", "cai cach", "CAI CACH", "Cải cách "])
def test_suggestions_for_a_title_prefix_with_or_without_diacritics(client, suggestible, q):
    first, second, _ = suggestible
    result = suggestions(client, q)
    assert [s["title"] for s in result] == [second.title, first.title]  # newest first
    assert [s["url"] for s in result] == [second.url, first.url]
    assert all(s["url"].startswith("/") for s in result)


def test_suggestions_complete_an_unfinished_last_word(client, suggestible):
    first, _, _ = suggestible
    assert suggested_titles(client, "cai cach h") == [first.title]
    assert suggested_titles(client, "cải cách hà") == [first.title]
    assert suggested_titles(client, "cai cach t") == [suggestible[1].title]
    assert suggested_titles(client, "cai") == [suggestible[1].title, first.title]
    assert suggested_titles(client, "ke hoach tuyen tr") == [suggestible[2].title]
    assert suggested_titles(client, "cai cach x") == []


def test_suggestions_echo_the_query(client, suggestible):
    response = get(client, "/tim-kiem/goi-y/", q="cai cach")
    assert response.json()["q"] == "cai cach"


@pytest.mark.parametrize("q", ["", " ", "   \t "])
def test_empty_suggestion_query_gives_an_empty_list(client, suggestible, q):
    assert suggestions(client, q) == []


def test_suggestions_without_q_give_an_empty_list(client, suggestible):
    response = client.get("/tim-kiem/goi-y/")
    assert response.status_code == 200
    assert response.json()["suggestions"] == []


def test_hidden_pages_never_appear(client, section, other_section, make_article):
    make_article(section, "Cải cách công khai", body="Nội dung bí mật chung.")
    make_article(section, "Cải cách bản nháp", body="Nội dung bí mật nháp.", live=False)
    gone = make_article(section, "Cải cách đã gỡ", body="Nội dung bí mật đã gỡ.")
    gone.unpublish()
    locked = make_article(other_section, "Cải cách có mật khẩu", body="Nội dung bí mật có khóa.")
    PageViewRestriction.objects.create(page=locked, restriction_type="password", password="mat-khau-1")
    login_only = make_article(section, "Cải cách cần đăng nhập", body="Nội dung bí mật đăng nhập.")
    PageViewRestriction.objects.create(page=login_only, restriction_type="login")

    assert suggested_titles(client, "cai cach") == ["Cải cách công khai"]
    assert suggested_titles(client, "cải") == ["Cải cách công khai"]
    soup = search(client, "cai cach")
    assert titles(soup) == ["Cải cách công khai"]
    assert titles(search(client, "bi mat")) == ["Cải cách công khai"]
    html = get(client, q="noi dung bi mat").content.decode()
    for hidden in ("nháp", "đã gỡ", "có khóa", "đăng nhập"):
        assert hidden not in html
    assert found("cai cach") == ["Cải cách công khai"]


def test_suggestions_are_capped(client, section, make_article):
    for n in range(12):
        make_article(section, f"Thông báo số {n}", date=day(n + 1))
    assert len(suggested_titles(client, "thong bao")) == 8


# --- Bad input --------------------------------------------------------------------------------

ODD_QUERIES = [
    "",
    " ",
    "\t\n",
    "x" * 10_000,
    '"',
    "*",
    ":",
    "NEAR",
    "OR",
    "AND NOT",
    "(",
    ")",
    "'; DROP TABLE x; --",
    "title:cai",
    "cai~2",
    "cai^10",
    "[a TO z]",
    "/regex.*/",
    "a\x00b",
    "\x00",
    "🙂",
    "cải cách 🙂",
    "Hà Nội 北京 Москва",
    "\u202egnad",
    "\ufeff",
    "%E0%A4%A",
    "405/KH-UBND",
    "KH&CN&&&",
    "-/-/&.",
]
MESSAGES = (EMPTY_NOTICE, INVALID_NOTICE, NO_RESULTS_NOTICE)


@pytest.fixture
def searchable(section, make_article):
    make_article(section, "Cải cách hành chính ở Hà Nội", body="Kế hoạch số 405/KH-UBND. Hợp tác với Москва.")


def assert_results_or_message(response, context=None) -> BeautifulSoup:
    assert response.status_code == 200, context
    soup = soup_of(response)
    assert soup.find("h1") is not None, context
    page = text_of(soup)
    assert titles(soup) or any(message in page for message in MESSAGES), (context, page[:500])
    return soup


def assert_suggestion_list(response, context) -> list:
    assert response.status_code == 200, context
    assert isinstance(json.loads(response.content)["suggestions"], list), context
    return json.loads(response.content)["suggestions"]


def test_odd_queries_give_results_or_a_message(client, searchable):
    for q in ODD_QUERIES:
        for extra in ({}, {"page": "2"}, {"sap-xep": "moi-nhat", "tu-ngay": "2022-01-01"}):
            assert_results_or_message(client.get("/tim-kiem/?" + urlencode({"q": q, **extra})), (q, extra))


def test_odd_suggestion_queries_give_a_list(client, searchable):
    for q in ODD_QUERIES:
        assert_suggestion_list(client.get("/tim-kiem/goi-y/?" + urlencode({"q": q})), q)


RAW_QUERY_STRINGS = [
    "q=%E0%A4%A",
    "q=%",
    "q=%zz",
    "q=%FF%FE",
    "q=a%00b",
    "q=%00",
    "q=%ED%A0%80",
    "q=%F0%9F%99%82",
    "q=cai+cach&q=",
    "q",
    "&&=&",
    "q=cai%20cach%E0%A4%A",
]


def test_raw_query_strings_never_fail(client, searchable):
    for query_string in RAW_QUERY_STRINGS:
        assert_results_or_message(client.generic("GET", "/tim-kiem/", QUERY_STRING=query_string), query_string)
        assert_suggestion_list(client.generic("GET", "/tim-kiem/goi-y/", QUERY_STRING=query_string), query_string)
    # A broken escape does not lose the words around it (it decodes to U+FFFD, not a word).
    response = client.generic("GET", "/tim-kiem/", QUERY_STRING="q=cai%20cach%E0%A4")
    assert titles(soup_of(response)) == ["Cải cách hành chính ở Hà Nội"]
    response = client.generic("GET", "/tim-kiem/goi-y/", QUERY_STRING="q=%FF%FEcai%20cach")
    assert [s["title"] for s in response.json()["suggestions"]] == ["Cải cách hành chính ở Hà Nội"]


def test_specific_odd_queries(client, searchable):
    title = "Cải cách hành chính ở Hà Nội"
    assert titles(search(client, "Hà Nội 北京 Москва")) == []  # every word of a short query is needed
    assert titles(search(client, "Hà Nội")) == [title]
    assert titles(search(client, "Москва")) == [title]
    assert titles(search(client, "cải cách 🙂")) == [title]
    assert titles(search(client, "cai:cach")) == [title]
    assert titles(search(client, '"cai cach"')) == [title]
    assert titles(search(client, "405/KH-UBND")) == [title]
    assert NO_RESULTS_NOTICE in text_of(search(client, "AND NOT"))
    assert INVALID_NOTICE in text_of(search(client, "🙂"))
    assert INVALID_NOTICE in text_of(search(client, "'; --"))
    assert EMPTY_NOTICE in text_of(search(client, "   "))
    assert suggested_titles(client, "Hà Nội 北京") == []
    assert suggested_titles(client, "cai cach 🙂") == [title]
    assert suggested_titles(client, "'; DROP TABLE x; --") == []


def test_nul_bytes_are_treated_as_spaces(client, searchable):
    response = client.generic("GET", "/tim-kiem/", QUERY_STRING="q=cai%00cach")
    assert titles(assert_results_or_message(response)) == ["Cải cách hành chính ở Hà Nội"]
    response = client.generic("GET", "/tim-kiem/goi-y/", QUERY_STRING="q=cai%00cach")
    assert [s["title"] for s in response.json()["suggestions"]] == ["Cải cách hành chính ở Hà Nội"]


def test_long_queries_are_capped_at_256_characters(client, searchable):
    title = "Cải cách hành chính ở Hà Nội"
    assert titles(search(client, " " * 250 + "cai")) == [title]  # inside the limit
    # The only words past the 256th character: not used.
    assert titles(search(client, " " * 256 + "cai cach")) == []
    assert EMPTY_NOTICE in text_of(search(client, " " * 256 + "cai cach"))
    assert INVALID_NOTICE in text_of(search(client, "!" * 256 + "cai cach"))
    assert titles(search(client, "!" * 255 + "cai")) == []  # only "c" is left
    assert selectors.parse_query("-" * 256 + "cai").is_empty
    assert found("-" * 256 + "cai") == []
    soup = search(client, "cai " + "x" * 10_000)
    assert len(soup.select_one('input[name="q"]')["value"]) == 256


# --- Index durability -------------------------------------------------------------------------


@pytest.fixture
def failing_commit(monkeypatch):
    """Make the engine's next commit raise, as when another process holds tantivy's writer lock."""
    engine = backends.get_engine()
    real_commit = engine.commit
    calls = {"failed": 0}

    def commit():
        if not calls["failed"]:
            calls["failed"] += 1
            raise OSError("Failed to acquire Lockfile: LockBusy")
        real_commit()

    def arm():
        calls["failed"] = 0
        monkeypatch.setattr(engine, "commit", commit)
        return calls

    return arm


def test_catching_up_is_the_scheduled_job_run_on_each_server_only_when_following():
    from toasoan.core import periodic
    from toasoan.search.backends import follows_database
    from toasoan.search.sync import catch_up

    assert periodic._jobs["search_sync"] is catch_up
    # On SQLite the one engine applies the outbox, on one scheduler at a time; with PostgreSQL
    # and tantivy every server's index follows the database (tests/cluster).
    assert periodic._per_server["search_sync"] is follows_database
    assert not follows_database()


def test_failed_commit_leaves_the_entry_unsynced_until_the_scheduler_syncs(
    client, section, make_article, failing_commit
):
    make_article(section, "Tin có sẵn về hợp tác")
    calls = failing_commit()
    article = make_article(section, "Tin mới về chuyển đổi số")
    assert calls["failed"] == 1
    entry = SearchEntry.objects.get(object_id=article.pk)
    assert entry.synced is False
    assert titles(search(client, "chuyen doi so")) == []  # the engine does not have it yet
    assert titles(search(client, "hop tac")) == ["Tin có sẵn về hợp tác"]

    assert sync_engine() == 1
    entry.refresh_from_db()
    assert entry.synced is True
    assert titles(search(client, "chuyen doi so")) == ["Tin mới về chuyển đổi số"]
    assert suggested_titles(client, "tin moi") == ["Tin mới về chuyển đổi số"]
    assert sync_engine() == 0  # nothing left to do


def test_failed_commit_of_an_edit_shows_the_new_version_once_synced(client, section, make_article, failing_commit):
    article = make_article(section, "Tin về hợp tác quốc tế")
    failing_commit()
    draft = article.get_latest_revision_as_object()
    draft.title = "Tin về chữ ký số"
    draft.save_revision().publish()
    assert SearchEntry.objects.get(object_id=article.pk).synced is False
    # The engine still has the old words, the database the new title: the page shows as it is now.
    assert titles(search(client, "hop tac")) == ["Tin về chữ ký số"]
    sync_engine()
    assert titles(search(client, "hop tac")) == []
    assert titles(search(client, "chu ky so")) == ["Tin về chữ ký số"]


def test_unpublish_with_a_failed_commit_is_hidden_at_once_and_tombstoned(client, section, make_article, failing_commit):
    article = make_article(section, "Tin sẽ bị gỡ về hợp tác")
    key = key_of(article)
    failing_commit()
    article.unpublish()
    assert not SearchEntry.objects.filter(object_id=article.pk).exists()
    assert SearchTombstone.objects.filter(key=key).exists()
    assert engine_keys("hop tac") == [key]  # still in the engine...
    soup = search(client, "hop tac")
    assert titles(soup) == []  # ...but never shown
    assert NO_RESULTS_NOTICE in text_of(soup)
    assert suggested_titles(client, "tin se") == []

    assert sync_engine() == 1
    assert not SearchTombstone.objects.exists()
    assert engine_keys("hop tac") == []


def test_unpublish_tombstone_is_consumed_when_the_engine_is_available(client, section, make_article):
    article = make_article(section, "Tin sẽ bị gỡ về hợp tác")
    key = key_of(article)
    assert engine_keys("hop tac") == [key]
    article.unpublish()
    assert not SearchTombstone.objects.exists()
    assert engine_keys("hop tac") == []


def test_restriction_with_a_failed_commit_is_hidden_at_once(client, section, make_article, failing_commit):
    article = make_article(section, "Tin về hợp tác quốc tế")
    key = key_of(article)
    failing_commit()
    PageViewRestriction.objects.create(page=section, restriction_type="password", password="mat-khau-1")
    assert SearchTombstone.objects.filter(key=key).exists()
    assert engine_keys("hop tac") == [key]
    assert titles(search(client, "hop tac")) == []
    assert suggested_titles(client, "tin ve") == []
    sync_engine()
    assert engine_keys("hop tac") == []


def test_read_time_checks_hide_what_the_engine_still_has(client, section, other_section, make_article):
    """Changes that bypassed the signals (or whose sync is pending) never show a hidden page."""
    unpublished = make_article(section, "Tin gỡ ngoài luồng về hợp tác", date=day(1))
    make_article(other_section, "Tin chuyên mục kín về hợp tác", date=day(2))
    shown = make_article(section, "Tin công khai về hợp tác", date=day(3))
    Page.objects.filter(pk=unpublished.pk).update(live=False)
    PageViewRestriction.objects.bulk_create([PageViewRestriction(page=other_section, restriction_type="login")])
    assert SearchEntry.objects.count() == 3
    assert len(engine_keys("hop tac")) == 3
    assert titles(search(client, "hop tac")) == [shown.title]
    assert titles(search(client, "hop tac", **{"sap-xep": "moi-nhat"})) == [shown.title]
    assert suggested_titles(client, "tin") == [shown.title]
    assert suggested_titles(client, "tin chuyen muc") == []
    assert found("tin chuyen muc kin") == []


def test_new_index_directory_is_filled_again(client, section, make_article, settings, tmp_path):
    make_article(section, "Tin một về hợp tác")
    make_article(section, "Tin hai về hợp tác")
    assert backends.get_engine().created
    assert not SearchEntry.objects.filter(synced=False).exists()

    # The same directory again (another process, a restart): nothing to redo.
    backends.reset_engines()
    assert not backends.get_engine().created
    assert not SearchEntry.objects.filter(synced=False).exists()
    assert len(titles(search(client, "hop tac"))) == 2

    # A lost index: a new, empty directory.
    settings.TOASOAN_SEARCH = {**settings.TOASOAN_SEARCH, "PATH": str(tmp_path / "mat-chi-muc")}
    backends.reset_engines()
    engine = backends.get_engine()
    assert engine.created
    assert SearchEntry.objects.filter(synced=False).count() == 2
    assert titles(search(client, "hop tac")) == []
    assert sync_engine() == 2
    assert not SearchEntry.objects.filter(synced=False).exists()
    assert sorted(titles(search(client, "hop tac"))) == ["Tin hai về hợp tác", "Tin một về hợp tác"]


# --- manage.py reindex ------------------------------------------------------------------------


def reindex() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("reindex", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_reindex_shows_progress_and_rebuilds(client, section, other_section, make_article):
    make_article(section, "Tin một về hợp tác")
    make_article(other_section, "Tin hai về hợp tác")
    make_article(section, "Tin nháp về hợp tác", live=False)
    engine = backends.get_engine()
    engine.clear()
    engine.commit()
    assert titles(search(client, "hop tac")) == []
    assert suggested_titles(client, "tin") == []

    out, err = reindex()
    assert "[" + "#" * 30 + "]" in err
    assert "3/3" in err  # three articles read (one is a draft)
    assert "2/2" in err  # two entries indexed
    assert "Đã lập chỉ mục 2 mục" in out
    assert sorted(titles(search(client, "hop tac"))) == ["Tin hai về hợp tác", "Tin một về hợp tác"]
    assert len(suggested_titles(client, "tin")) == 2
    assert not SearchEntry.objects.filter(synced=False).exists()
    assert not SearchTombstone.objects.exists()


def test_reindex_progress_bar_fills_step_by_step(section, make_article):
    for n in range(1, 5):
        make_article(section, f"Tin số {n}")
    _, err = reindex()
    assert "[###" in err
    assert f"[{'#' * 7}{'.' * 23}] 1/4" in err  # a quarter of 30
    assert f"[{'#' * 15}{'.' * 15}] 2/4" in err
    assert err.count(f"[{'#' * 30}] 4/4") == 2  # reading, then indexing
    assert "\r" in err  # redrawn in place


def test_reindex_drops_stale_documents_and_entries(client, section, make_article):
    article = make_article(section, "Tin về hợp tác")
    key = key_of(article)
    # Bypass the signals: the page is gone from public view but still indexed.
    Page.objects.filter(pk=article.pk).update(live=False)
    assert engine_keys("hop tac") == [key]
    reindex()
    assert engine_keys("hop tac") == []
    assert not SearchEntry.objects.exists()


def test_reindex_of_an_empty_site(db):
    out, _ = reindex()
    assert "Đã lập chỉ mục 0 mục" in out


# --- Move and privacy -------------------------------------------------------------------------


def test_moving_an_article_updates_its_section_filter(client, section, other_section, make_article):
    article = make_article(section, "Tin về hợp tác quốc tế")
    in_section = {"chuyen-muc": f"section:{section.pk}"}
    in_other = {"chuyen-muc": f"section:{other_section.pk}"}
    assert titles(search(client, "hop tac", **in_section)) == [article.title]
    assert titles(search(client, "hop tac", **in_other)) == []

    article.move(other_section, pos="last-child")
    article.refresh_from_db()
    assert SearchEntry.objects.get(object_id=article.pk).groups == f"section:{other_section.pk}"
    assert titles(search(client, "hop tac", **in_section)) == []
    assert titles(search(client, "hop tac", **in_other)) == [article.title]
    # The result and the suggestion link to the new address.
    soup = search(client, "hop tac")
    assert soup.select_one(".result__title a")["href"] == article.url
    assert article.url.startswith(other_section.url)
    assert [s["url"] for s in suggestions(client, "tin ve")] == [article.url]


def test_restricting_a_section_removes_its_articles_from_results_and_suggestions(
    client, section, other_section, make_article
):
    hidden = make_article(section, "Tin hợp tác trong chuyên mục kín")
    shown = make_article(other_section, "Tin hợp tác công khai")
    assert sorted(suggested_titles(client, "tin hop")) == sorted([hidden.title, shown.title])

    restriction = PageViewRestriction.objects.create(page=section, restriction_type="password", password="mat-khau-1")
    assert titles(search(client, "hop tac")) == [shown.title]
    assert suggested_titles(client, "tin hop") == [shown.title]
    assert titles(search(client, "hop tac", **{"chuyen-muc": f"section:{section.pk}"})) == []
    assert not SearchEntry.objects.filter(object_id=hidden.pk).exists()

    restriction.delete()
    assert sorted(suggested_titles(client, "tin hop")) == sorted([hidden.title, shown.title])
    assert sorted(titles(search(client, "hop tac"))) == sorted([hidden.title, shown.title])
