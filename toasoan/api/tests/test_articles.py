"""Articles and sections: shape, filters, pagination, and only live public pages."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from toasoan.news.models import ArticleAttachment

pytestmark = pytest.mark.django_db

D = datetime.date


def titles(body: dict) -> list[str]:
    return [item["title"] for item in body["results"]]


def test_list_shape_is_stable(get_json, section, make_article):
    article = make_article(section, "Hội nghị chuyển đổi số", date=D(2024, 3, 5), sapo="Tóm tắt.", author="Diệu Hà")
    body = get_json("/api/v1/articles/")
    assert set(body) == {"count", "page", "page_size", "num_pages", "next", "previous", "results"}
    assert body["count"] == 1
    item = body["results"][0]
    assert set(item) == {
        "id",
        "title",
        "slug",
        "url",
        "section",
        "summary",
        "date",
        "first_published_at",
        "last_published_at",
        "author",
        "tags",
        "featured_image",
    }
    assert item["id"] == article.pk
    assert item["url"] == f"http://testserver{article.url}"
    assert item["section"] == {
        "id": section.pk,
        "title": "Cải cách hành chính",
        "url": "http://testserver/cai-cach-hanh-chinh/",
    }
    assert (item["summary"], item["date"], item["author"]) == ("Tóm tắt.", "2024-03-05", "Diệu Hà")
    assert item["featured_image"] is None


def test_detail_has_body_as_html_and_text_tags_image_and_files(get_json, section, make_article):
    image = Image.objects.create(title="Ảnh", file=get_test_image_file())
    article = make_article(
        section,
        "Bài đầy đủ",
        body='Đoạn <b>đậm</b> và <a href="/lien-he/">liên hệ</a>.',
        featured_image=image,
        featured_image_alt="Toàn cảnh hội nghị",
    )
    document = Document.objects.create(title="Kế hoạch 29/KH-SKHCN", file=ContentFile(b"%PDF-1.4", name="kh.pdf"))
    article.attachments.add(ArticleAttachment(document=document))
    article.tags.add("Chuyển đổi số")
    article.save_revision().publish()

    item = get_json(f"/api/v1/articles/{article.pk}/")
    assert "<b>đậm</b>" in item["body_html"]
    assert 'href="http://testserver/lien-he/"' in item["body_html"]  # links made absolute
    assert item["body_text"] == "Đoạn đậm và liên hệ."
    assert item["tags"] == ["Chuyển đổi số"]
    assert item["featured_image"]["alt"] == "Toàn cảnh hội nghị"
    assert item["featured_image"]["url"].startswith("http://testserver/")
    assert item["featured_image"]["width"] > 0
    assert item["attachments"][0]["title"] == "Kế hoạch 29/KH-SKHCN"
    assert item["attachments"][0]["url"].startswith("http://testserver/documents/")


def test_newest_first_and_filter_by_section_id_or_slug(get_json, section, other_section, make_article):
    make_article(section, "Cũ", date=D(2024, 1, 1))
    make_article(section, "Mới", date=D(2024, 2, 1))
    make_article(other_section, "Khoa học", date=D(2024, 3, 1))
    assert titles(get_json("/api/v1/articles/")) == ["Khoa học", "Mới", "Cũ"]
    assert titles(get_json(f"/api/v1/articles/?section={section.pk}")) == ["Mới", "Cũ"]
    assert titles(get_json("/api/v1/articles/?section=khoa-hoc-cong-nghe")) == ["Khoa học"]


def test_filter_by_date_range_includes_both_ends(get_json, section, make_article):
    for day in (1, 10, 20, 30):
        make_article(section, f"Ngày {day}", date=D(2024, 4, day))
    assert titles(get_json("/api/v1/articles/?tu_ngay=2024-04-10&den_ngay=2024-04-20")) == ["Ngày 20", "Ngày 10"]
    assert titles(get_json("/api/v1/articles/?tu_ngay=2024-04-21")) == ["Ngày 30"]
    assert titles(get_json("/api/v1/articles/?den_ngay=2024-04-01")) == ["Ngày 1"]


def test_filter_by_tag_and_title(get_json, section, make_article):
    tagged = make_article(section, "Hội thảo chuyển đổi số")
    tagged.tags.add("Chuyển đổi số")
    tagged.save_revision().publish()
    make_article(section, "Tin khác")
    assert titles(get_json("/api/v1/articles/?tag=Chuyển đổi số")) == ["Hội thảo chuyển đổi số"]
    assert titles(get_json("/api/v1/articles/?tag=chuyển-đổi-số")) == ["Hội thảo chuyển đổi số"]
    assert titles(get_json("/api/v1/articles/?tag=Không có")) == []
    assert titles(get_json("/api/v1/articles/?q=thảo")) == ["Hội thảo chuyển đổi số"]


def test_drafts_and_private_articles_are_never_listed(get_json, client, home, section, make_article, restrict):
    public = make_article(section, "Công khai")
    draft = make_article(section, "Bản nháp", live=False)
    private = make_article(section, "Riêng tư")
    restrict(private)
    from toasoan.news.models import SectionPage

    hidden_section = home.add_child(instance=SectionPage(title="Nội bộ", slug="noi-bo"))
    inside = make_article(hidden_section, "Trong chuyên mục nội bộ")
    restrict(hidden_section)

    assert titles(get_json("/api/v1/articles/")) == ["Công khai"]
    for article in (draft, private, inside):
        body = get_json(f"/api/v1/articles/{article.pk}/", status=404)
        assert body["detail"].startswith("Không có bài viết công khai")
    get_json(f"/api/v1/articles/{public.pk}/")
    assert [s["title"] for s in get_json("/api/v1/sections/")["results"]] == ["Cải cách hành chính"]
    get_json(f"/api/v1/sections/{hidden_section.pk}/", status=404)
    get_json("/api/v1/articles/?section=noi-bo", status=422)


def test_unpublished_edits_stay_out_of_the_api(get_json, section, make_article):
    article = make_article(section, "Tiêu đề đã duyệt")
    article.title = "Tiêu đề chưa duyệt"
    article.save_revision()  # a draft of the next version
    assert get_json(f"/api/v1/articles/{article.pk}/")["title"] == "Tiêu đề đã duyệt"
    assert titles(get_json("/api/v1/articles/")) == ["Tiêu đề đã duyệt"]


def test_pagination_counts_links_and_bounds(get_json, section, make_article):
    for day in range(1, 6):
        make_article(section, f"Bài {day}", date=D(2024, 5, day))
    first = get_json("/api/v1/articles/?page_size=2")
    assert (first["count"], first["num_pages"], first["previous"]) == (5, 3, None)
    assert titles(first) == ["Bài 5", "Bài 4"]
    assert first["next"] == "http://testserver/api/v1/articles/?page_size=2&page=2"
    second = get_json(first["next"].removeprefix("http://testserver"))
    assert titles(second) == ["Bài 3", "Bài 2"]
    assert second["previous"] == "http://testserver/api/v1/articles/?page_size=2"
    last = get_json("/api/v1/articles/?page_size=2&page=3")
    assert titles(last) == ["Bài 1"] and last["next"] is None

    beyond = get_json("/api/v1/articles/?page_size=2&page=4", status=404)
    assert beyond["detail"] == "Trang 4 không tồn tại: kết quả chỉ có 3 trang."
    too_big = get_json("/api/v1/articles/?page_size=101", status=422)
    assert too_big["errors"] == [{"param": "page_size", "location": "query", "message": "không được lớn hơn 100"}]
    assert get_json("/api/v1/articles/?page_size=100")["page_size"] == 100


def test_an_empty_list_is_one_empty_page(get_json, home):
    body = get_json("/api/v1/articles/")
    assert (body["count"], body["num_pages"], body["results"]) == (0, 1, [])


@pytest.mark.parametrize(
    ("query", "param", "message"),
    [
        ("page=0", "page", "phải lớn hơn hoặc bằng 1"),
        ("page=hai", "page", "phải là số nguyên"),
        ("tu_ngay=10/01/2024", "tu_ngay", "phải là ngày dạng YYYY-MM-DD, ví dụ 2024-12-31"),
        ("den_ngay=2024-02-30", "den_ngay", "phải là ngày dạng YYYY-MM-DD, ví dụ 2024-12-31"),
        ("tu_ngay=2024-05-02&den_ngay=2024-05-01", "den_ngay", "phải cùng ngày hoặc sau tu_ngay"),
        ("section=khong-co", "section", "không có chuyên mục nào có mã hoặc đường dẫn “khong-co”"),
        ("section=999999", "section", "không có chuyên mục nào có mã hoặc đường dẫn “999999”"),
    ],
)
def test_bad_parameters_get_a_vietnamese_422(get_json, section, query, param, message):
    body = get_json(f"/api/v1/articles/?{query}", status=422)
    assert body["errors"] == [{"param": param, "location": "query", "message": message}]
    assert body["detail"] == f"Tham số không hợp lệ: {param} {message}."


def test_unknown_article_is_a_vietnamese_404(get_json, home):
    assert (
        get_json("/api/v1/articles/424242/", status=404)["detail"] == "Không có bài viết công khai nào mang mã 424242."
    )


def test_sections_list_counts_public_articles(get_json, section, other_section, make_article):
    make_article(section, "Một")
    make_article(section, "Hai")
    make_article(section, "Nháp", live=False)
    body = get_json("/api/v1/sections/")
    assert [(s["slug"], s["article_count"]) for s in body["results"]] == [
        ("cai-cach-hanh-chinh", 2),
        ("khoa-hoc-cong-nghe", 0),
    ]
    first = body["results"][0]
    assert first["url"] == "http://testserver/cai-cach-hanh-chinh/"
    assert first["articles"] == f"http://testserver/api/v1/articles/?section={section.pk}"
    assert get_json(f"/api/v1/sections/{section.pk}/")["title"] == "Cải cách hành chính"


def test_body_html_gets_the_article_pages_transforms(get_json, section, make_article):
    from toasoan.core import richtext

    article = make_article(section, "Bài dẫn văn bản", body="Theo Kế hoạch số 405/KH-UBND.")
    richtext.register(
        "test.mark", lambda html, site: html.replace("405/KH-UBND", '<a href="/van-ban/405/">405/KH-UBND</a>')
    )
    try:
        body_html = get_json(f"/api/v1/articles/{article.pk}/")["body_html"]
    finally:
        richtext.unregister("test.mark")
    assert '<a href="http://testserver/van-ban/405/">405/KH-UBND</a>' in body_html
