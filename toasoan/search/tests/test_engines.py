"""The search engines themselves, without Django: every test runs on the embedded tantivy engine
and on the PostgreSQL engine (a real server, see conftest.postgres_dsn), so both rank alike.

Relevance (diacritics, đ, tone placement, exact above folded, phrases, title, identifiers,
abbreviations), filters, sorting, paging, writes, suggestions, hostile input, and a small quality
check: MRR@10 on a corpus and queries written for it, with and without diacritics."""

import datetime
import uuid

import psycopg
import pytest
from psycopg import sql

from toasoan.search import analysis
from toasoan.search.engine import IndexDoc, SearchRequest, SearchResult
from toasoan.search.engine.postgres_engine import PostgresEngine
from toasoan.search.engine.tantivy_engine import TantivyEngine

ABBREVIATIONS = {
    "CCHC": ["cải cách hành chính"],
    "KH&CN": ["khoa học và công nghệ"],
    "UBND": ["ủy ban nhân dân"],
}


def day(n: int, month: int = 1, year: int = 2022) -> datetime.date:
    return datetime.date(year, month, n)


def doc(key: str, title: str, text: str = "", date: datetime.date | None = datetime.date(2022, 1, 1), **fields):
    return IndexDoc(key=key, title=title, text=text, date=date, **fields)


class Engines:
    """Makes engines of one kind for a test, and drops what they left behind."""

    def __init__(self, kind: str, tmp_path, request) -> None:
        self.kind, self.tmp_path, self.request = kind, tmp_path, request
        self.made: list = []

    def new(self, abbreviations=ABBREVIATIONS):
        if self.kind == "tantivy":
            engine = TantivyEngine(self.tmp_path / f"index-{len(self.made)}", abbreviations=abbreviations)
        else:
            dsn = self.request.getfixturevalue("postgres_dsn")
            engine = PostgresEngine(dsn, abbreviations=abbreviations, table=f"search_{uuid.uuid4().hex[:16]}")
        self.made.append(engine)
        return engine

    def cleanup(self) -> None:
        for engine in self.made:
            if isinstance(engine, PostgresEngine):
                engine.close()
                with psycopg.connect(engine.dsn, autocommit=True) as conn:
                    conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(engine.table)))


@pytest.fixture(params=["tantivy", "postgres"])
def engines(request, tmp_path):
    made = Engines(request.param, tmp_path, request)
    yield made
    made.cleanup()


@pytest.fixture
def engine(engines):
    return engines.new()


def index(engine, *docs: IndexDoc) -> None:
    engine.upsert(docs)
    engine.commit()


def keys(engine, q: str, **request) -> list[str]:
    return [hit.key for hit in engine.search(SearchRequest(query=q, **request)).hits]


def ranked(engine, q: str, **request) -> list[tuple[str, float]]:
    return [(hit.key, round(hit.score, 4)) for hit in engine.search(SearchRequest(query=q, **request)).hits]


# --- diacritics, đ, tone placement --------------------------------------------------------------


@pytest.fixture
def government(engine):
    index(
        engine,
        doc(
            "cchc",
            "Kế hoạch tuyên truyền cải cách hành chính năm 2022",
            "Sở ban hành kế hoạch tuyên truyền cải cách hành chính tỉnh Thừa Thiên Huế.",
            day(10),
        ),
        doc("dang", "Đảng ủy Sở tổ chức hội nghị học tập Nghị quyết", "Quán triệt Nghị quyết Đại hội Đảng bộ.", day(5)),
        doc("sinh-hoc", "Nghiệm thu đề tài công nghệ sinh học", "Nông nghiệp công nghệ cao.", day(3)),
    )
    return engine


@pytest.mark.parametrize("q", ["cai cach hanh chinh", "cải cách hành chính", "CẢI CÁCH HÀNH CHÍNH", "Cai Cach"])
def test_search_with_or_without_diacritics(government, q):
    assert keys(government, q) == ["cchc"]


def test_unaccented_query_finds_what_the_accented_one_finds(engine):
    index(
        engine,
        doc("a", "Cải cách hành chính", "Tin tháng một.", day(1)),
        doc("b", "Tuyên truyền cải cách hành chính ở cơ sở", "Tin tháng hai.", day(2)),
        doc("c", "Hành chính công", "Cải cách thủ tục.", day(3)),
        doc("d", "Cai cach hanh chinh", "Viết không dấu.", day(4)),
    )
    accented, unaccented = keys(engine, "cải cách hành chính"), keys(engine, "cai cach hanh chinh")
    assert set(accented) == set(unaccented) == {"a", "b", "c", "d"}
    assert accented[:2] == ["a", "d"]  # the exact words first
    assert unaccented[:2] == ["d", "a"]  # the same letters: a tie, newest first


@pytest.mark.parametrize("q", ["dang", "Đảng", "đảng", "DANG UY"])
def test_d_stroke_folds_to_d(government, q):
    assert keys(government, q) == ["dang"]


@pytest.mark.parametrize(
    ("written", "pair"),
    [
        ("Tổ hoà giải ở cơ sở", ("hoà giải", "hòa giải")),
        ("Tổ hòa giải ở cơ sở", ("hoà giải", "hòa giải")),
        ("Công trình thuỷ lợi đầu nguồn", ("thuỷ lợi", "thủy lợi")),
        ("Công trình thủy lợi đầu nguồn", ("thuỷ lợi", "thủy lợi")),
        ("Rèn luyện sức khoẻ", ("khoẻ", "khỏe")),
        ("Rèn luyện sức khỏe", ("khoẻ", "khỏe")),
    ],
)
def test_tone_placement_variants_give_identical_results(engine, written, pair):
    index(
        engine,
        doc("written", written, "Bài viết thứ nhất.", day(3)),
        doc("other", "Tin khác về hòa bình, thủy sản và khỏe mạnh", "Không liên quan.", day(4)),
    )
    first, second = (ranked(engine, q) for q in pair)
    assert first == second
    assert first[0][0] == "written"


# --- exact above folded, phrase, title, ties ------------------------------------------------------


@pytest.fixture
def look_alikes(engine):
    # Every pair folds to the same letters; the documents are built alike so only the accents differ.
    index(
        engine,
        doc("ban-hang", "Hội chợ bán hàng Việt", "Tin từ hội chợ bán hàng Việt.", day(1)),
        doc("ban-hang-2", "Hội chợ bạn hàng Việt", "Tin từ hội chợ bạn hàng Việt.", day(2)),
        doc("ban-hanh", "Sở ban hành quy định mới", "Tin về việc ban hành quy định mới.", day(3)),
        doc("ban-hanh-2", "Sở bán hành quy định mới", "Tin về việc bán hành quy định mới.", day(4)),
    )
    return engine


@pytest.mark.parametrize(
    ("q", "first", "second"),
    [
        ("bán hàng", "ban-hang", "ban-hang-2"),
        ("bạn hàng", "ban-hang-2", "ban-hang"),
        ("ban hành", "ban-hanh", "ban-hanh-2"),
        ("bán hành", "ban-hanh-2", "ban-hanh"),
    ],
)
def test_accented_query_ranks_exact_matches_above_folded_ones(look_alikes, q, first, second):
    assert keys(look_alikes, q) == [first, second]


@pytest.mark.parametrize(
    ("q", "newest", "older"), [("ban hang", "ban-hang-2", "ban-hang"), ("ban hanh", "ban-hanh-2", "ban-hanh")]
)
def test_unaccented_query_matches_every_accent_at_full_weight(look_alikes, q, newest, older):
    result = ranked(look_alikes, q)
    assert [key for key, _ in result] == [newest, older]  # a tie, newest first
    assert result[0][1] == result[1][1]


def test_adjacent_words_rank_above_scattered_ones(engine):
    index(
        engine,
        doc("phrase", "Tin trong tuần", "Kiểm tra an toàn thực phẩm tại chợ đầu mối của thành phố.", day(1)),
        doc("scattered", "Tin trong tuần", "Kiểm tra thực hiện an toàn lao động và phẩm chất đạo đức.", day(2)),
    )
    assert keys(engine, "an toàn thực phẩm") == ["phrase", "scattered"]
    assert keys(engine, "an toan thuc pham") == ["phrase", "scattered"]


def test_title_weighs_more_than_body(engine):
    index(
        engine,
        doc("body", "Tin hoạt động trong tuần", "Hội nghị bàn về chuyển đổi số trong cơ quan.", day(2)),
        doc("title", "Hội nghị bàn về chuyển đổi số", "Tin hoạt động trong tuần của cơ quan.", day(1)),
    )
    assert keys(engine, "chuyển đổi số") == ["title", "body"]
    assert keys(engine, "chuyen doi so") == ["title", "body"]


def test_equal_scores_are_ordered_newest_first(engine):
    index(
        engine,
        *[doc(f"d{n}", "Thông báo tuyển dụng viên chức", "Nội dung như nhau.", day(n)) for n in (3, 9, 1, 5)],
    )
    result = ranked(engine, "tuyển dụng")
    assert [key for key, _ in result] == ["d9", "d5", "d3", "d1"]
    assert len({score for _, score in result}) == 1


# --- identifiers and abbreviations ----------------------------------------------------------------


@pytest.fixture
def documents_with_identifiers(engine):
    index(
        engine,
        doc("405", "Triển khai kế hoạch", "Căn cứ Kế hoạch số 405/KH-UBND ngày 30/12/2021 của tỉnh.", day(1)),
        # The same numbers and letters, not as that identifier.
        doc("parts", "Triển khai kế hoạch", "Năm 405 có KH mới; UBND xã 406/KH-UBND báo cáo.", day(9)),
        doc("ttg", "Thực hiện quyết định", "Theo Quyết định 45/2016/QĐ-TTg về dịch vụ bưu chính công ích.", day(2)),
        doc("nq", "Học tập nghị quyết", "Nghị quyết 07-NQ/TU của Tỉnh ủy về nguồn nhân lực.", day(3)),
    )
    return engine


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("405/KH-UBND", "405"),
        ("405/kh-ubnd", "405"),
        ("45/2016/QĐ-TTg", "ttg"),
        ("45/2016/qd-ttg", "ttg"),
        ("07-NQ/TU", "nq"),
    ],
)
def test_identifier_matches_whole_first(documents_with_identifiers, q, expected):
    assert keys(documents_with_identifiers, q)[0] == expected


def test_identifier_ranks_far_above_its_parts_elsewhere(documents_with_identifiers):
    scores = dict(ranked(documents_with_identifiers, "405/KH-UBND"))
    assert scores["405"] > 2 * scores["parts"]


@pytest.mark.parametrize(("q", "found"), [("405", {"405", "parts"}), ("2016", {"ttg"}), ("TTg", {"ttg"})])
def test_identifier_parts_are_words(documents_with_identifiers, q, found):
    assert set(keys(documents_with_identifiers, q)) == found


@pytest.fixture
def abbreviated(engine):
    index(
        engine,
        doc("cchc-full", "Hội nghị về cải cách hành chính", "Tổng kết công tác năm.", day(1)),
        doc("cchc-short", "Hội nghị về CCHC", "Tổng kết công tác năm.", day(2)),
        doc("khcn-full", "Ngày khoa học và công nghệ Việt Nam", "Nhiều hoạt động.", day(3)),
        doc("khcn-amp", "Sở KH&CN tổ chức hội thảo", "Nhiều hoạt động.", day(4)),
        doc("khcn-joined", "Tọa đàm KHCN với doanh nghiệp", "Nhiều hoạt động.", day(5)),
        doc("ubnd-full", "Ủy ban nhân dân tỉnh làm việc", "Chương trình công tác.", day(6)),
        doc("ubnd-short", "UBND tỉnh làm việc", "Chương trình công tác.", day(7)),
        doc("other", "Tin khác", "Không liên quan.", day(8)),
    )
    return engine


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("CCHC", {"cchc-full", "cchc-short"}),
        ("cchc", {"cchc-full", "cchc-short"}),
        ("cải cách hành chính", {"cchc-full", "cchc-short"}),
        ("cai cach hanh chinh", {"cchc-full", "cchc-short"}),
        ("KH&CN", {"khcn-full", "khcn-amp", "khcn-joined"}),
        ("KHCN", {"khcn-full", "khcn-amp", "khcn-joined"}),
        ("khoa học và công nghệ", {"khcn-full", "khcn-amp", "khcn-joined"}),
        ("UBND", {"ubnd-full", "ubnd-short"}),
        ("uỷ ban nhân dân", {"ubnd-full", "ubnd-short"}),
    ],
)
def test_abbreviations_expand_both_ways(abbreviated, q, found):
    assert set(keys(abbreviated, q)) == found


def test_abbreviations_are_replaced_not_added(abbreviated):
    abbreviated.set_abbreviations({})
    assert keys(abbreviated, "CCHC") == ["cchc-short"]
    assert keys(abbreviated, "cải cách hành chính") == ["cchc-full"]


def test_highlight_terms_name_both_forms(abbreviated):
    assert abbreviated.search(SearchRequest("CCHC")).highlight_terms == ("cchc", "cai", "cach", "hanh", "chinh")
    assert abbreviated.search(SearchRequest("cải cách hành chính")).highlight_terms == (
        "cai",
        "cach",
        "hanh",
        "chinh",
        "cchc",
    )
    assert abbreviated.search(SearchRequest("Đảng bộ")).highlight_terms == ("dang", "bo")


# --- short and long queries -----------------------------------------------------------------------


def test_short_query_needs_every_word_long_one_any(engine):
    index(
        engine,
        doc("both", "Đề tài giống lúa chịu hạn", "", day(1)),
        doc("one", "Giống ngô mới", "", day(2)),
    )
    assert keys(engine, "giống lúa") == ["both"]
    # Five words: any of them, the one with more ranked first.
    assert keys(engine, "giống lúa nào chịu được hạn") == ["both", "one"]


# --- filters, sorting, paging ---------------------------------------------------------------------


@pytest.fixture
def dated(engine):
    index(
        engine,
        *[
            doc(
                f"n{n}",
                f"Tin khoa học số {n}",
                "Hoạt động khoa học.",
                day(n),
                groups=(f"section:{n % 3}",),
                kind="news",
            )
            for n in range(1, 13)
        ],
        doc("page", "Giới thiệu khoa học", "Trang tĩnh.", None, kind="page"),
    )
    return engine


def test_group_filter(dated):
    assert set(keys(dated, "khoa học", groups=("section:1",), limit=50)) == {"n1", "n4", "n7", "n10"}
    assert set(keys(dated, "khoa học", groups=("section:1", "section:2"), limit=50)) == {
        f"n{n}" for n in range(1, 13) if n % 3
    }
    assert keys(dated, "khoa học", groups=("section:9",)) == []


def test_kind_filter(dated):
    assert keys(dated, "khoa học", kinds=("page",)) == ["page"]
    assert len(keys(dated, "khoa học", kinds=("news",), limit=50)) == 12


def test_date_range_is_inclusive(dated):
    assert set(keys(dated, "khoa học", date_from=day(3), date_to=day(5))) == {"n3", "n4", "n5"}
    assert set(keys(dated, "khoa học", date_from=day(11), limit=50)) == {"n11", "n12"}
    # Undated documents count as 1970: before any date_from, inside any range without one.
    assert "page" in keys(dated, "khoa học", date_to=day(2), limit=50)


def test_sort_newest(dated):
    assert keys(dated, "khoa học", sort="newest", limit=4) == ["n12", "n11", "n10", "n9"]
    assert keys(dated, "khoa học", sort="newest", limit=50)[-1] == "page"


def test_pagination_and_total(dated):
    first = dated.search(SearchRequest("khoa học", limit=5))
    second = dated.search(SearchRequest("khoa học", limit=5, offset=5))
    last = dated.search(SearchRequest("khoa học", limit=5, offset=10))
    assert (first.total, second.total, last.total) == (13, 13, 13)
    assert (len(first.hits), len(second.hits), len(last.hits)) == (5, 5, 3)
    every = [hit.key for result in (first, second, last) for hit in result.hits]
    assert every == keys(dated, "khoa học", limit=50)
    assert len(set(every)) == 13
    beyond = dated.search(SearchRequest("khoa học", limit=5, offset=50))
    assert (beyond.hits, beyond.total) == ([], 13)
    newest_page = dated.search(SearchRequest("khoa học", limit=5, offset=5, sort="newest"))
    assert newest_page.total == 13
    assert [hit.key for hit in newest_page.hits] == ["n7", "n6", "n5", "n4", "n3"]


def test_no_match_and_empty_query(dated):
    assert dated.search(SearchRequest("xyzzy")) == SearchResult(highlight_terms=("xyzzy",))
    assert dated.search(SearchRequest("")) == SearchResult()
    assert dated.search(SearchRequest("  ?! ")) == SearchResult()


# --- writes ---------------------------------------------------------------------------------------


def test_upsert_replaces_delete_removes_clear_empties(engine):
    index(engine, doc("a", "Tin về thủy lợi", "", day(1)), doc("b", "Tin về thủy sản", "", day(2)))
    index(engine, doc("a", "Tin về nông thôn mới", "", day(3)))
    assert keys(engine, "thủy lợi") == []
    assert keys(engine, "nông thôn") == ["a"]
    assert set(keys(engine, "tin")) == {"a", "b"}
    engine.delete(["b", "missing"])
    engine.commit()
    assert keys(engine, "tin") == ["a"]
    engine.clear()
    engine.commit()
    assert keys(engine, "tin") == []
    index(engine, doc("c", "Tin mới", "", day(4)))
    assert keys(engine, "tin") == ["c"]


def test_writes_are_invisible_until_commit(engine):
    index(engine, doc("a", "Tin về thủy lợi", "", day(1)))
    engine.upsert([doc("b", "Tin về thủy sản", "", day(2))])
    engine.delete(["a"])
    assert keys(engine, "tin") == ["a"]
    engine.commit()
    assert keys(engine, "tin") == ["b"]
    engine.clear()
    assert keys(engine, "tin") == ["b"]  # a rebuild empties the index only when it commits
    engine.commit()
    assert keys(engine, "tin") == []


def test_a_new_engine_on_an_existing_index_sees_its_documents(engines):
    first = engines.new()
    assert first.created
    index(first, doc("a", "Tin về thủy lợi", "", day(1)))
    if isinstance(first, PostgresEngine):
        second = PostgresEngine(first.dsn, table=first.table)
        engines.made.append(second)
    else:
        second = TantivyEngine(first.path)
    assert not second.created
    assert keys(second, "thuy loi") == ["a"]


def test_odd_documents_index_and_are_found(engine):
    index(
        engine,
        doc("quotes", "O'Reilly \\ \"trích dẫn\" ' ''", "Nội dung có dấu ' và \\ và :* và & | ! <->.", day(1)),
        doc("nul", "Tiêu đề\x00có NUL", "Văn bản\x00ẩn", day(2)),
        doc("emoji", "Lễ hội 🎉 mùa xuân", "🎉🎉 vui", day(3)),
        doc("long", "Bài rất dài", " ".join(["chữ"] * 30_000) + " cuối", day(4)),
        doc("empty", "", "", None),
    )
    assert keys(engine, "O'Reilly") == ["quotes"]
    assert keys(engine, "trích dẫn") == ["quotes"]
    assert keys(engine, "tiêu đề") == ["nul"]
    assert keys(engine, "lễ hội") == ["emoji"]
    assert keys(engine, "cuối") == ["long"]


# --- suggestions ----------------------------------------------------------------------------------


@pytest.fixture
def suggestible(engine):
    index(
        engine,
        doc("old", "Cải cách hành chính năm 2020", "", day(1, year=2020)),
        doc("new", "Cải cách hành chính năm 2022", "", day(1, year=2022)),
        doc("mid", "Đẩy mạnh cải cách thủ tục", "", day(1, year=2021)),
        doc("other", "Cái cân đo lường", "", day(1, year=2023)),
    )
    return engine


@pytest.mark.parametrize("q", ["Cải cách hành", "cải cách hành", "cai cach hanh", "CAI CACH HANH chinh"])
def test_suggest_with_or_without_diacritics_newest_first(suggestible, q):
    assert [hit.key for hit in suggestible.suggest(q)] == ["new", "old"]


def test_suggest_completes_an_unfinished_last_word(suggestible):
    assert [hit.key for hit in suggestible.suggest("cải cách hà")] == ["new", "old"]
    # "Cái cân", "cải cách": the typed words anywhere in the title, folded.
    assert [hit.key for hit in suggestible.suggest("cai c")] == ["other", "new", "mid", "old"]
    assert [hit.key for hit in suggestible.suggest("cải cách t")] == ["mid"]
    assert [hit.key for hit in suggestible.suggest("hanh chinh n")] == ["new", "old"]
    # One word: any title word starting with it.
    assert [hit.key for hit in suggestible.suggest("cả")] == ["other", "new", "mid", "old"]
    assert [hit.key for hit in suggestible.suggest("luo")] == ["other"]
    assert [hit.key for hit in suggestible.suggest("đẩy")] == ["mid"]
    assert [hit.key for hit in suggestible.suggest("day m")] == ["mid"]


def test_suggest_limit_and_nothing(suggestible):
    assert [hit.key for hit in suggestible.suggest("ca", limit=2)] == ["other", "new"]
    assert suggestible.suggest("xyz") == []
    assert suggestible.suggest("") == []
    assert suggestible.suggest(" - ") == []
    assert suggestible.suggest("hanh cach") == []  # the words in the order typed
    assert suggestible.suggest("ach") == []  # from the start of a word


# --- hostile input --------------------------------------------------------------------------------

NASTY = [
    '"',
    '"unbalanced',
    "*",
    "cải*",
    ":",
    "title:cải",
    "a:*",
    "NEAR",
    "NEAR(a b)",
    "OR",
    "AND NOT",
    "a AND NOT b",
    "(",
    ")",
    "((a)",
    "'; DROP TABLE x; --",
    "'",
    "''",
    "\\",
    "\\'",
    "a & b | !c <-> d",
    "%s %(p0)s {t} $1",
    "\x00",
    "cải\x00cách",
    "😀",
    "cải 😀 cách",
    "\ud800",
    "x" * 10_000,
    "cải cách " * 2_000,
    "405/" * 3_000,
    "-" * 10_000,
    " ".join(f"từ{n}" for n in range(500)),
    "https://example.gov.vn/a?b=c&d=e",
]


@pytest.mark.parametrize("q", NASTY)
def test_nasty_queries_never_raise(government, q):
    result = government.search(SearchRequest(q))
    assert isinstance(result, SearchResult)
    assert result.total >= len(result.hits)
    assert len(result.highlight_terms) <= 3 * analysis.MAX_QUERY_TERMS
    for sort in ("relevance", "newest"):
        government.search(SearchRequest(q, sort=sort, groups=(q,), kinds=(q,), offset=3))
    assert isinstance(government.suggest(q), list)
    # Nothing was dropped or broken: a normal query still works.
    assert keys(government, "cải cách") == ["cchc"]


def test_long_query_is_capped(government):
    # Only the first MAX_QUERY_CHARS characters count.
    padding = " " * analysis.MAX_QUERY_CHARS
    assert keys(government, padding + "cải cách") == []
    assert keys(government, "cải cách" + padding + "xyzzy") == ["cchc"]
    # A long word is a word like any other: short queries need it.
    assert keys(government, "cải cách " + "x" * 300) == []


# --- quality: MRR@10 on a small corpus ------------------------------------------------------------

CORPUS = [
    (
        "cchc",
        "Kế hoạch tuyên truyền cải cách hành chính năm 2022",
        "Sở Khoa học và Công nghệ ban hành kế hoạch tuyên truyền công tác cải cách hành chính, nâng cao nhận thức "
        "của cán bộ, công chức và người dân về thủ tục hành chính.",
    ),
    (
        "dvc",
        "Hướng dẫn nộp hồ sơ dịch vụ công trực tuyến mức độ 4",
        "Tổ chức, cá nhân nộp hồ sơ qua Cổng dịch vụ công quốc gia, theo dõi tiến độ và thanh toán phí trực tuyến "
        "mà không phải đến cơ quan.",
    ),
    (
        "shtt",
        "Hội thảo sở hữu trí tuệ cho doanh nghiệp nhỏ và vừa",
        "Chuyên gia hướng dẫn cách đăng ký nhãn hiệu, sáng chế và bảo hộ kiểu dáng công nghiệp cho sản phẩm của "
        "doanh nghiệp.",
    ),
    (
        "do-luong",
        "Kiểm định phương tiện đo lường tại các chợ",
        "Chi cục Tiêu chuẩn Đo lường Chất lượng kiểm tra cân điện tử và cột đo xăng dầu, xử lý các trường hợp vi phạm.",
    ),
    (
        "buc-xa",
        "Cấp giấy phép tiến hành công việc bức xạ trong y tế",
        "Cơ sở chụp X-quang phải có giấy phép an toàn bức xạ và nhân viên được đào tạo về an toàn.",
    ),
    (
        "lua",
        "Nghiệm thu đề tài chọn tạo giống lúa chịu hạn",
        "Hội đồng khoa học đánh giá đề tài đạt loại khá; giống lúa mới cho năng suất cao trên vùng đất khô hạn.",
    ),
    (
        "khoi-nghiep",
        "Cuộc thi khởi nghiệp đổi mới sáng tạo dành cho sinh viên",
        "Các đội sinh viên trình bày dự án khởi nghiệp trước ban giám khảo và nhà đầu tư.",
    ),
    (
        "dang",
        "Đảng ủy Sở quán triệt Nghị quyết Đại hội Đảng bộ tỉnh",
        "Hội nghị học tập, quán triệt và triển khai thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI.",
    ),
    (
        "thuy-loi",
        "Ứng dụng công nghệ tưới tiết kiệm nước cho công trình thủy lợi",
        "Mô hình tưới nhỏ giọt giúp tiết kiệm nước và nâng cao hiệu quả công trình thuỷ lợi nội đồng.",
    ),
    (
        "suc-khoe",
        "Khám sức khỏe định kỳ cho cán bộ, công chức",
        "Công đoàn cơ quan phối hợp với bệnh viện tổ chức khám sức khoẻ cho người lao động.",
    ),
    (
        "ban-hang",
        "Cảnh báo bán hàng đa cấp trái phép",
        "Người dân cần cảnh giác với các hình thức bán hàng đa cấp không được cấp phép.",
    ),
    (
        "ban-hanh",
        "Ban hành quy chế quản lý đề tài khoa học cấp tỉnh",
        "Quy chế quy định việc xét chọn, ký hợp đồng, kiểm tra và nghiệm thu đề tài khoa học.",
    ),
    (
        "kinh-te",
        "Báo cáo tình hình kinh tế - xã hội sáu tháng đầu năm",
        "Tốc độ tăng trưởng kinh tế của tỉnh đạt khá, thu ngân sách vượt dự toán.",
    ),
    (
        "chuyen-doi-so",
        "Kế hoạch chuyển đổi số trong cơ quan nhà nước giai đoạn 2021-2025",
        "Mục tiêu chuyển đổi số toàn diện hoạt động của cơ quan, xây dựng chính quyền số.",
    ),
    (
        "iso",
        "Áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn ISO 9001:2015",
        "Các cơ quan hành chính nhà nước áp dụng tiêu chuẩn ISO vào giải quyết thủ tục.",
    ),
    (
        "nang-luong",
        "Tiết kiệm năng lượng trong chiếu sáng công cộng",
        "Thay đèn LED giúp giảm điện năng tiêu thụ của hệ thống chiếu sáng.",
    ),
    (
        "nam",
        "Ứng dụng công nghệ sinh học trong sản xuất nấm dược liệu",
        "Quy trình nuôi trồng nấm linh chi đạt năng suất cao.",
    ),
    (
        "ma-vach",
        "Hướng dẫn đăng ký mã số mã vạch cho sản phẩm",
        "Doanh nghiệp đăng ký sử dụng mã số mã vạch trên hệ thống trực tuyến của Tổng cục.",
    ),
    (
        "thu-vien",
        "Thư viện số khoa học và công nghệ mở cửa miễn phí",
        "Bạn đọc truy cập tài liệu khoa học và công nghệ trực tuyến.",
    ),
    (
        "405",
        "Triển khai Kế hoạch số 405/KH-UBND của UBND tỉnh",
        "Thực hiện Kế hoạch số 405/KH-UBND ngày 30/12/2021 về tuyên truyền cải cách hành chính.",
    ),
    (
        "ttg",
        "Thực hiện Quyết định 45/2016/QĐ-TTg về dịch vụ bưu chính công ích",
        "Tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích.",
    ),
    (
        "nq",
        "Học tập Nghị quyết 07-NQ/TU của Tỉnh ủy về phát triển nguồn nhân lực",
        "Nghị quyết đặt mục tiêu phát triển nguồn nhân lực chất lượng cao.",
    ),
    (
        "khi-hau",
        "Thích ứng với biến đổi khí hậu ở vùng ven biển",
        "Các giải pháp khoa học giúp người dân ven biển thích ứng với biến đổi khí hậu.",
    ),
    (
        "ocop",
        "Hỗ trợ chủ thể OCOP xây dựng thương hiệu nông sản",
        "Sở hỗ trợ đăng ký nhãn hiệu và truy xuất nguồn gốc cho sản phẩm OCOP.",
    ),
    (
        "thanh-tra",
        "Thanh tra việc chấp hành pháp luật về chuyển giao công nghệ",
        "Đoàn thanh tra làm việc với các doanh nghiệp có hợp đồng chuyển giao công nghệ.",
    ),
    (
        "tuyen-dung",
        "Thông báo tuyển dụng viên chức năm 2023",
        "Sở thông báo tuyển dụng viên chức làm việc tại các đơn vị sự nghiệp.",
    ),
    (
        "han-quoc",
        "Hợp tác quốc tế với Hàn Quốc trong nghiên cứu vật liệu mới",
        "Hai bên ký biên bản ghi nhớ hợp tác nghiên cứu vật liệu nano.",
    ),
    (
        "giai-thuong",
        "Trao Giải thưởng sáng tạo khoa học công nghệ tỉnh lần thứ V",
        "Nhiều giải pháp sáng tạo được trao giải thưởng.",
    ),
    (
        "dich-benh",
        "Ứng dụng công nghệ thông tin trong phòng chống dịch bệnh",
        "Phần mềm theo dõi, cảnh báo dịch bệnh trên cây trồng và vật nuôi.",
    ),
    (
        "hoa-giai",
        "Tập huấn kỹ năng hòa giải ở cơ sở",
        "Hòa giải viên được bồi dưỡng kiến thức pháp luật và kỹ năng hoà giải.",
    ),
]

# A query as a reader would type it, and the one document it is looking for.
QUERIES = [
    ("cải cách hành chính", "cchc"),
    ("dịch vụ công trực tuyến", "dvc"),
    ("sở hữu trí tuệ", "shtt"),
    ("làm thế nào để đăng ký nhãn hiệu cho sản phẩm", "shtt"),
    ("kiểm định cân đo lường", "do-luong"),
    ("giấy phép bức xạ", "buc-xa"),
    ("giống lúa chịu hạn", "lua"),
    ("khởi nghiệp sinh viên", "khoi-nghiep"),
    ("quán triệt nghị quyết đại hội đảng bộ", "dang"),
    ("tưới tiết kiệm nước thủy lợi", "thuy-loi"),
    ("bán hàng đa cấp", "ban-hang"),
    ("ban hành quy chế đề tài", "ban-hanh"),
    ("mã số mã vạch", "ma-vach"),
    ("chuyển đổi số", "chuyen-doi-so"),
    ("biến đổi khí hậu", "khi-hau"),
    ("405/KH-UBND", "405"),
    ("tiêu chuẩn ISO 9001", "iso"),
    ("khám sức khoẻ", "suc-khoe"),
    ("hoà giải cơ sở", "hoa-giai"),
]


def mean_reciprocal_rank(engine, strip: bool) -> float:
    total = 0.0
    for q, relevant in QUERIES:
        found = keys(engine, analysis.fold(q) if strip else q, limit=10)
        total += 1 / (found.index(relevant) + 1) if relevant in found else 0.0
    return total / len(QUERIES)


def test_ranking_quality(engine):
    index(engine, *[doc(key, title, text, day(1 + n % 28)) for n, (key, title, text) in enumerate(CORPUS)])
    accented = mean_reciprocal_rank(engine, strip=False)
    stripped = mean_reciprocal_rank(engine, strip=True)
    assert accented >= 0.9, accented
    assert stripped >= 0.95 * accented, (stripped, accented)


def quality_corpus() -> list[IndexDoc]:
    return [doc(key, title, text, day(1 + n % 28)) for n, (key, title, text) in enumerate(CORPUS)]


def test_both_engines_rank_the_corpus_alike(tmp_path, request):
    """The PostgreSQL engine computes TantivyEngine's scores: same pages, same order."""
    made = Engines("postgres", tmp_path, request)
    try:
        engines = [TantivyEngine(tmp_path / "tantivy", abbreviations=ABBREVIATIONS), made.new()]
        for engine in engines:
            index(engine, *quality_corpus())
        for q, _ in QUERIES:
            for query in (q, analysis.fold(q), q.upper()):
                tantivy_page, postgres_page = (ranked(engine, query, limit=20) for engine in engines)
                assert [key for key, _ in postgres_page] == [key for key, _ in tantivy_page], query
                for (_, expected), (_, actual) in zip(tantivy_page, postgres_page, strict=True):
                    assert actual == pytest.approx(expected, rel=1e-3), query
                highlights = [engine.search(SearchRequest(query)).highlight_terms for engine in engines]
                assert highlights[0] == highlights[1], query
    finally:
        made.cleanup()
